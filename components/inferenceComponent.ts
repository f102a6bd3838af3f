import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { AWS, DEFAULTS } from "./defaults";
import { contentAddressedName } from "./endpoint";
import { ComponentSettings, tagList } from "./settings";

/** Path of the write-only copy count; autoscaling owns it after create, so `pulumi up` must not reset it. */
export const COPY_COUNT_PATH = "runtimeConfig.copyCount";

/** The SageMaker Model of a component, or undefined when it serves an existing model. */
export function createModel(
    resourceName: string,
    component: ComponentSettings,
    executionRoleArn: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): sagemaker.Model | undefined {
    const { image, modelDataUrl, environment } = component.model;
    if (image === undefined) {
        return undefined;
    }
    const primaryContainer = { image, environment, mode: "SingleModel" as const, ...modelData(modelDataUrl) };
    return new sagemaker.Model(
        `${resourceName}-model`,
        {
            // A hash of the container: not a secret itself even when the environment holds secrets.
            modelName: pulumi.unsecret(contentAddressedName(component.inferenceComponentName, "model", { primaryContainer, executionRoleArn })),
            executionRoleArn,
            primaryContainer,
            tags: tagList(tags),
        },
        { parent, dependsOn },
    );
}

/** The inference component: one model placed on the endpoint's instances, `initialCopies` copies at create. */
export function createInferenceComponent(
    resourceName: string,
    component: ComponentSettings,
    endpoint: sagemaker.Endpoint,
    endpointName: string,
    modelName: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): sagemaker.InferenceComponent {
    return new sagemaker.InferenceComponent(
        `${resourceName}-ic`,
        {
            inferenceComponentName: component.inferenceComponentName,
            // The endpoint's own output, so the component is created after (and deleted before) the endpoint.
            endpointName: endpoint.endpointName.apply((n) => n ?? endpointName),
            variantName: AWS.variantName,
            specification: {
                modelName,
                computeResourceRequirements: {
                    numberOfAcceleratorDevicesRequired: component.compute.acceleratorCount,
                    numberOfCpuCoresRequired: component.compute.cpuCores,
                    minMemoryRequiredInMb: component.compute.memoryMiB,
                },
                startupParameters: {
                    modelDataDownloadTimeoutInSeconds: component.startup.modelDataDownloadTimeoutSeconds,
                    containerStartupHealthCheckTimeoutInSeconds: component.startup.containerStartupHealthCheckTimeoutSeconds,
                },
            },
            // SageMaker rejects 0 at create; autoscaling takes it down to zero when idle.
            runtimeConfig: { copyCount: component.scaling.initialCopies },
            tags: tagList(tags),
        },
        {
            parent,
            dependsOn: [endpoint],
            ignoreChanges: [COPY_COUNT_PATH],
            customTimeouts: DEFAULTS.timeouts,
        },
    );
}

/**
 * A `.tar.gz` is passed as `ModelDataUrl`; a prefix ending in `/` is served uncompressed through
 * `ModelDataSource` (no unpacking at start-up, which shortens cold starts of large models).
 */
export function modelData(url: string | undefined): object {
    if (url === undefined) {
        return {};
    }
    if (url.endsWith("/")) {
        return { modelDataSource: { s3DataSource: { s3Uri: url, s3DataType: "S3Prefix", compressionType: "None" } } };
    }
    return { modelDataUrl: url };
}
