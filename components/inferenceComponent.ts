import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { adapterSpecification, componentSpecification, deploymentConfig } from "./capacityConfig";
import { AWS } from "./defaults";
import { contentAddressedName } from "./endpoint";
import { copyCountInput, CopyCountLookup } from "./liveCopyCount";
import { ComponentSettings, tagList } from "./settings";

/**
 * Inputs whose change replaces the component. None are create-only in the CloudFormation schema, but a component
 * cannot move to another endpoint in place (UpdateInferenceComponent has no EndpointName).
 */
export const COMPONENT_REPLACE_ON_CHANGES = ["endpointName"];

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
        // Create-before-delete (content-addressed name): the component switches to the new model first.
        { parent, dependsOn, deleteBeforeReplace: false },
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
    lookup: CopyCountLookup | undefined,
    instanceTypes: readonly string[],
    ownAlarmRoles: readonly string[],
): sagemaker.InferenceComponent {
    return new sagemaker.InferenceComponent(
        `${resourceName}-ic`,
        {
            inferenceComponentName: component.inferenceComponentName,
            // The endpoint's own output, so the component is created after (and deleted before) the endpoint.
            endpointName: endpoint.endpointName.apply((n) => n ?? endpointName),
            variantName: AWS.variantName,
            ...componentSpecification(component, modelName, instanceTypes),
            ...deploymentConfig(component, ownAlarmRoles),
            // initialCopies at create (SageMaker rejects 0); on an update the live count, see liveCopyCount.ts.
            runtimeConfig: {
                copyCount: copyCountInput(
                    component.inferenceComponentName,
                    endpointName,
                    component.scaling.initialCopies,
                    component.scaling.keepLiveCopyCount,
                    lookup,
                ),
            },
            tags: tagList(tags),
        },
        {
            parent,
            dependsOn: [endpoint],
            replaceOnChanges: COMPONENT_REPLACE_ON_CHANGES,
            // Its name stays the same, so the old component must go first; the engine also deletes the scalable
            // target and policies that depend on it first (pulumi/pulumi pkg/resource/deploy/step_generator.go,
            // calculateDependentReplacements), the order SageMaker and Application Auto Scaling accept.
            deleteBeforeReplace: true,
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

/**
 * The adapter inference components of a base component: each names the base (`BaseInferenceComponentName`) and
 * runs on the base's copies, so it has no `RuntimeConfig` (no copy count) and no scalable target of its own.
 */
export function createAdapters(
    resourceName: string,
    component: ComponentSettings,
    base: sagemaker.InferenceComponent,
    endpointName: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): sagemaker.InferenceComponent[] {
    const baseName = base.inferenceComponentName.apply((n) => n ?? component.inferenceComponentName);
    return component.adapters.map(
        (adapter) =>
            new sagemaker.InferenceComponent(
                `${resourceName}-adapter-${adapter.key}`,
                {
                    inferenceComponentName: adapter.inferenceComponentName,
                    endpointName,
                    variantName: AWS.variantName,
                    ...adapterSpecification(adapter, baseName),
                    tags: tagList(tags),
                },
                // Created after and deleted before its base (the base's name output is an input here).
                { parent, dependsOn: [base], replaceOnChanges: COMPONENT_REPLACE_ON_CHANGES, deleteBeforeReplace: true },
            ),
    );
}
