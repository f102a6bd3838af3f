import { ScaleToZeroModelArgs } from "./args";
import { sageMakerName } from "./names";
import { normalizeComponents } from "./validate";

/** The SageMaker names a `ScaleToZeroModel` named `name` deploys in `stack` (the component and `status` share it). */
export function deployedNames(
    name: string,
    stack: string,
    args: ScaleToZeroModelArgs,
): { endpointName: string; components: { key: string; inferenceComponentName: string }[] } {
    return {
        endpointName: args.endpointName ?? sageMakerName([name, stack]),
        components: Object.entries(normalizeComponents(args)).map(([key, c]) => ({
            key,
            inferenceComponentName: c.inferenceComponentName ?? defaultComponentName(name, key, stack),
        })),
    };
}

/** Default inference component name: resource name, key and stack, shortened with a hash if needed. */
export function defaultComponentName(name: string, key: string, stack: string): string {
    return sageMakerName([name, key, stack]);
}
