import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { InstanceScaleIn } from "./args";
import { capacityReservationConfig, variantInstanceTypes } from "./capacityConfig";
import { AWS } from "./defaults";
import { sageMakerName, shortHash } from "./names";
import { EndpointSettings, tagList } from "./settings";

/**
 * A name that changes whenever the resource's (replace-on-change) inputs change, so Pulumi can create the
 * replacement before deleting the old one without a name clash, while staying within SageMaker's limits.
 */
export function contentAddressedName<T>(base: string, role: string, inputs: T): pulumi.Output<string> {
    return pulumi.output(inputs).apply((value) => sageMakerName([base, role, shortHash(JSON.stringify(value))]));
}

/**
 * Endpoint config (inference-component style: no model on the variant, managed instance scaling that may reach
 * zero) and the endpoint that uses it.
 */
export function createEndpoint(
    name: string,
    endpointName: string,
    settings: EndpointSettings,
    executionRoleArn: pulumi.Input<string>,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): { endpointConfig: sagemaker.EndpointConfig; endpoint: sagemaker.Endpoint } {
    const productionVariant = {
        variantName: AWS.variantName,
        ...variantInstanceTypes(settings),
        initialInstanceCount: settings.initialInstanceCount,
        // No modelName: this is what makes it an inference-component endpoint (required for scale to zero).
        managedInstanceScaling: {
            status: "ENABLED",
            minInstanceCount: settings.minInstanceCount,
            maxInstanceCount: settings.maxInstanceCount,
            ...(settings.instanceScaleIn && { scaleInPolicy: scaleInPolicy(settings.instanceScaleIn) }),
        },
        routingConfig: { routingStrategy: settings.routingStrategy },
        modelDataDownloadTimeoutInSeconds: settings.modelDataDownloadTimeoutSeconds,
        containerStartupHealthCheckTimeoutInSeconds: settings.containerStartupHealthCheckTimeoutSeconds,
        ...capacityReservationConfig(settings),
    };
    const endpointConfig = new sagemaker.EndpointConfig(
        `${name}-config`,
        {
            endpointConfigName: contentAddressedName(endpointName, "cfg", { productionVariant, executionRoleArn }),
            executionRoleArn,
            productionVariants: [productionVariant],
            tags: tagList(settings.tags),
        },
        // Create-before-delete: the name is content-addressed, so the new config never clashes with the old one,
        // and the endpoint switches to it before the old one goes (aws-native answers DeleteBeforeReplace for every
        // replacement unless the resource says otherwise: pulumi-aws-native provider/pkg/provider/provider.go Diff).
        { parent, dependsOn, deleteBeforeReplace: false },
    );
    const endpoint = new sagemaker.Endpoint(
        `${name}-endpoint`,
        {
            endpointName,
            endpointConfigName: endpointConfig.endpointConfigName.apply((n) => n ?? ""),
            tags: tagList(settings.tags),
        },
        // A rename (EndpointName is create-only) creates the new endpoint first; the components move to it (they are
        // replaced, see inferenceComponent.ts) and the old endpoint is deleted last, once nothing is attached to it.
        // No customTimeouts: aws-native ignores them for Cloud Control resources (the handler's limits apply).
        { parent, deleteBeforeReplace: false },
    );
    return { endpointConfig, endpoint };
}

/** Managed instance scaling `ScaleInPolicy` in the provider's shape (only the fields the user set). */
function scaleInPolicy(scaleIn: InstanceScaleIn) {
    return {
        strategy: scaleIn.strategy,
        ...(scaleIn.cooldownMinutes !== undefined && { cooldownInMinutes: scaleIn.cooldownMinutes }),
        ...(scaleIn.maximumStepSize !== undefined && { maximumStepSize: scaleIn.maximumStepSize }),
    };
}
