import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { COPY_COUNT_DIMENSION, TYPES, isCopyCountTarget, productionVariants, requireType } from "./lib/resources";
import { DEV_STACK_CONFIG_SCHEMA, DEV_STACK_DEFAULTS, DevStackConfig, describeDevStackRule, devStackReason, stackOfUrn } from "./lib/stack";
import { UNKNOWN, asNumber, get, show } from "./lib/values";

export const DEV_STACKS_SCALE_TO_ZERO = "dev-stacks-scale-to-zero";

/**
 * Dev stacks must cost nothing while idle: managed instance scaling may release every instance, and every
 * inference component's copy count may reach zero.
 */
export const devStacksScaleToZero: ResourceValidationPolicy = {
    name: DEV_STACKS_SCALE_TO_ZERO,
    description:
        "Dev stacks must scale SageMaker endpoints to zero when idle: managed instance scaling ENABLED with " +
        "minInstanceCount 0, and inference component copy-count scalable targets with minCapacity 0.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["cost", "sagemaker", "scale-to-zero"],
    remediationSteps:
        "Set scale-to-zero:endpoint.minInstanceCount to 0 and every scale-to-zero:inferenceComponents.<key>.scaling.minCopies " +
        "to 0 in Pulumi.<stack>.yaml (or the equivalent ScaleToZeroModel arguments).",
    configSchema: { properties: { ...DEV_STACK_CONFIG_SCHEMA } },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.endpointConfig, TYPES.scalableTarget);
        const config = configWithDefaults<DevStackConfig>(args, DEV_STACK_DEFAULTS);
        const stack = stackOfUrn(args.urn);
        const why = devStackReason(stack, args.stackTags, config);
        if (why === undefined) {
            args.notApplicable(`stack "${stack ?? "?"}" is not a dev stack (${describeDevStackRule(config)})`);
        }
        if (args.type === TYPES.endpointConfig) {
            checkEndpointConfig(args.props, why, stack, reportViolation);
        } else {
            checkScalableTarget(args, why, stack, reportViolation);
        }
    },
};

function checkEndpointConfig(props: unknown, why: string, stack: string | undefined, report: (m: string) => void): void {
    const variants = productionVariants(props);
    if (variants === UNKNOWN) {
        return;
    }
    for (const variant of variants) {
        const scaling = get(variant.value, "managedInstanceScaling");
        if (scaling === undefined || scaling === null || scaling === UNKNOWN) {
            continue;
        }
        const status = get(scaling, "status");
        if (status !== UNKNOWN && status !== "ENABLED") {
            report(
                `${variant.label}: managedInstanceScaling.status is ${show(status)}; set it to "ENABLED" so SageMaker ` +
                    `can release idle instances (${why}).`,
            );
        }
        const min = get(scaling, "minInstanceCount");
        if (min !== UNKNOWN && asNumber(min) !== 0) {
            report(
                `${variant.label}: managedInstanceScaling.minInstanceCount is ${show(min)}; dev stacks must scale to ` +
                    `zero instances when idle. Set minInstanceCount to 0 (scale-to-zero:endpoint.minInstanceCount: 0 in ` +
                    `Pulumi.${stack ?? "<stack>"}.yaml) (${why}).`,
            );
        }
    }
}

function checkScalableTarget(
    args: { props: unknown; notApplicable(reason?: string): never },
    why: string,
    stack: string | undefined,
    report: (m: string) => void,
): void {
    const copyCount = isCopyCountTarget(args.props);
    if (copyCount === false) {
        args.notApplicable(`scalable dimension is not ${COPY_COUNT_DIMENSION}`);
    }
    if (copyCount === UNKNOWN) {
        return;
    }
    const min = get(args.props, "minCapacity");
    if (min !== UNKNOWN && asNumber(min) !== 0) {
        const resourceId = get(args.props, "resourceId");
        const target = typeof resourceId === "string" ? ` of ${resourceId}` : "";
        report(
            `scalable target${target}: minCapacity is ${show(min)}; dev stacks must let inference component copies ` +
                `scale to zero. Set minCapacity to 0 (scale-to-zero:inferenceComponents.<key>.scaling.minCopies: 0 in ` +
                `Pulumi.${stack ?? "<stack>"}.yaml) (${why}).`,
        );
    }
}
