import { parseStackConfig } from "../config";
import { resolve, runUnderMocks } from "../preview/mockEngine";
import { deployStack } from "../stack";
import { TwinResource, fromRecorder } from "./resources";

/** A stack program's resources as the twin takes them, with the names it exported. */
export interface RecordedStack {
    readonly resources: TwinResource[];
    readonly endpointName: string;
    /** Component key → inference component name. */
    readonly componentNames: Readonly<Record<string, string>>;
}

/**
 * Runs the real stack program (the same run as the offline preview) with a stack's `config:` map under the
 * in-process recorder. A bad config fails here with the error `pulumi up` would give.
 */
export async function recordStack(stack: string, config: Record<string, unknown>): Promise<RecordedStack> {
    const { mocks, result } = await runUnderMocks(
        (m) => deployStack(parseStackConfig(config), { transformations: [m.recordOptions] }),
        { stack, config },
    );
    return {
        resources: fromRecorder(mocks.resources),
        endpointName: await resolve(result.endpointName),
        componentNames: await resolve(result.inferenceComponentNames),
    };
}
