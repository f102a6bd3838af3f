import { DescribeInferenceComponentCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { classifyControlPlaneError, describeError } from "../client/errorClassification";

// Why this exists: `RuntimeConfig.CopyCount` is write-only in the CloudFormation schema, and aws-native sends every
// write-only property again in each update patch (pulumi/pulumi-aws-native provider/pkg/resources/patching.go,
// calcPatchFromBaseline). `ignoreChanges` does not help: the engine then sends the *old input*, i.e. the copy count
// of the first deployment. So any update of an inference component (tags, a new model, timeouts) would set the copies
// back to what was deployed first: under load that drops autoscaled copies; on an idle dev stack it starts a GPU.
// Instead the program reads the copy count Application Auto Scaling has chosen (DescribeInferenceComponent
// RuntimeConfig.DesiredCopyCount) and sends that, so an update leaves capacity where it is.

/** What the account says about a component now; undefined when it does not exist. */
export interface LiveComponent {
    endpointName?: string;
    desiredCopyCount?: number;
}

/** Reads a component's endpoint and desired copy count. */
export type CopyCountLookup = (inferenceComponentName: string) => Promise<LiveComponent | undefined>;

/** Region and profile of the deploying provider, from the stack's provider config (`aws-native:*`, then `aws:*`). */
export function providerSettings(): { region?: string; profile?: string } {
    const native = new pulumi.Config("aws-native");
    const classic = new pulumi.Config("aws");
    return {
        region: native.get("region") ?? classic.get("region") ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
        profile: native.get("profile") ?? classic.get("profile"),
    };
}

/** The lookup through the AWS SDK, with the provider's region and profile and the SDK's credential chain. */
export function sdkCopyCountLookup(settings = providerSettings()): CopyCountLookup {
    let client: SageMakerClient | undefined;
    return async (name) => {
        client ??= new SageMakerClient({
            ...(settings.region && { region: settings.region }),
            ...(settings.profile && { profile: settings.profile }),
            maxAttempts: 5,
        });
        try {
            const out = await client.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }));
            return { endpointName: out.EndpointName, desiredCopyCount: out.RuntimeConfig?.DesiredCopyCount };
        } catch (error) {
            if (classifyControlPlaneError(error) === "not-found") {
                return undefined;
            }
            throw new Error(
                `could not read the live copy count of inference component ${name} (${describeError(error)}). ` +
                    "The deploying identity needs sagemaker:DescribeInferenceComponent; set scaling.keepLiveCopyCount " +
                    "to false to send scaling.initialCopies on every update instead.",
            );
        }
    };
}

/**
 * The copy count to send: `initialCopies` when the component will be created (it does not exist, or it exists on
 * another endpoint and is replaced: SageMaker rejects creating with 0), otherwise the live desired count, so
 * an update keeps autoscaling's choice (0 on an idle stack). Pure, so both cases are table-tested.
 */
export function chooseCopyCount(live: LiveComponent | undefined, endpointName: string, initialCopies: number): number {
    if (live === undefined || live.desiredCopyCount === undefined || live.endpointName !== endpointName) {
        return initialCopies;
    }
    return live.desiredCopyCount;
}

/** The copy count input; without a lookup (no engine: `setMocks`, the offline preview) `initialCopies`. */
export function copyCountInput(
    name: string,
    endpointName: string,
    initialCopies: number,
    keepLive: boolean,
    lookup: CopyCountLookup | undefined,
): pulumi.Output<number> {
    if (!keepLive || lookup === undefined) {
        return pulumi.output(initialCopies);
    }
    return pulumi.output(lookup(name).then((live) => chooseCopyCount(live, endpointName, initialCopies)));
}

let defaultLookup: CopyCountLookup | undefined;

/** The SDK lookup when the program runs against an engine (`pulumi up` / `preview`), none under mocks. */
export function engineCopyCountLookup(): CopyCountLookup | undefined {
    if (!pulumi.runtime.hasEngine()) {
        return undefined;
    }
    defaultLookup ??= sdkCopyCountLookup();
    return defaultLookup;
}
