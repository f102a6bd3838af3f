import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES, Variant, productionVariants, requireType } from "./lib/resources";
import { UNKNOWN, asNumber, get, show } from "./lib/values";

export const INFERENCE_COMPONENT_ENDPOINTS_WELL_FORMED = "inference-component-endpoints-well-formed";

/**
 * Inference-component endpoints (the only kind that scales to zero) must be built the way SageMaker accepts:
 * - an endpoint config with managed instance scaling, or whose variants name no model (so it can only host
 *   inference components), has an `executionRoleArn` and no `modelName` on any variant;
 * - an inference component sets a whole `runtimeConfig.copyCount >= 0`. The policy cannot tell a create from an
 *   update: 0 is what an update of an idle component sends (scale-to-zero keeps autoscaling's live count), while
 *   SageMaker rejects 0 at create with its own error.
 */
export const inferenceComponentEndpointsWellFormed: ResourceValidationPolicy = {
    name: INFERENCE_COMPONENT_ENDPOINTS_WELL_FORMED,
    description:
        "Inference-component endpoints must be well formed: endpoint configs with managed instance scaling (or " +
        "without a model on their variants) need executionRoleArn and no variant modelName; inference components " +
        "need a whole runtimeConfig.copyCount (>= 1 at create, >= 0 on update).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["correctness", "sagemaker", "scale-to-zero"],
    remediationSteps:
        "Remove modelName from the production variants, deploy each model as an aws-native.sagemaker.InferenceComponent, " +
        "set executionRoleArn on the endpoint config, and create inference components with runtimeConfig.copyCount 1.",
    configSchema: { properties: {} },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.endpointConfig, TYPES.inferenceComponent);
        if (args.type === TYPES.endpointConfig) {
            checkEndpointConfig(args, reportViolation);
        } else {
            checkInferenceComponent(args, reportViolation);
        }
    },
};

function hasValue(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}

function checkEndpointConfig(args: ResourceValidationArgs, report: ReportViolation): void {
    const variants = productionVariants(args.props);
    if (variants === UNKNOWN) {
        return;
    }
    const scaled = variants.filter((v) => {
        const scaling = get(v.value, "managedInstanceScaling");
        return scaling !== UNKNOWN && hasValue(scaling);
    });
    // A variant without a model (and not serverless) can only host inference components.
    const modelless = variants.filter(
        (v) => v.value !== UNKNOWN && get(v.value, "modelName") === undefined && get(v.value, "serverlessConfig") === undefined,
    );
    if (scaled.length === 0 && modelless.length === 0) {
        args.notApplicable("not an inference-component endpoint config (every variant names a model, none uses managed instance scaling)");
    }
    const reason = scaled.length > 0 ? `${labels(scaled)} use managed instance scaling` : `${labels(modelless)} name no model`;
    const role = get(args.props, "executionRoleArn");
    if (role !== UNKNOWN && !hasValue(role)) {
        report(
            `endpoint config has no executionRoleArn, but ${reason}, which makes it an inference-component endpoint: ` +
                `set executionRoleArn to a role SageMaker can assume to pull the models' images and data ` +
                `(ScaleToZeroModel creates a least-privilege one unless endpoint.executionRoleArn is given).`,
        );
    }
    for (const variant of variants) {
        const model = get(variant.value, "modelName");
        if (model !== UNKNOWN && hasValue(model)) {
            report(
                `${variant.label} sets modelName ${show(model)}, but ${reason}: inference-component endpoints must not ` +
                    `name a model on the variant. Remove modelName and deploy the model as an ` +
                    `aws-native.sagemaker.InferenceComponent (specification.modelName) on this endpoint; only such ` +
                    `endpoints can scale to zero.`,
            );
        }
    }
}

function labels(variants: Variant[]): string {
    return variants.map((v) => v.label).join(", ");
}

function checkInferenceComponent(args: ResourceValidationArgs, report: ReportViolation): void {
    const base = get(args.props, "specification", "baseInferenceComponentName");
    if (base === UNKNOWN || hasValue(base)) {
        // Adapter components share their base component's copies and take no runtimeConfig.
        return;
    }
    const copyCount = get(args.props, "runtimeConfig", "copyCount");
    if (copyCount === UNKNOWN) {
        return;
    }
    const n = asNumber(copyCount);
    if (n === undefined || !Number.isInteger(n) || n < 0) {
        report(
            `runtimeConfig.copyCount is ${show(copyCount)}: give a whole number of copies, 1 (or more) at create. ` +
                `SageMaker rejects creating it with 0 copies; its scalable target (minCapacity 0) takes it to zero when ` +
                `idle. On later updates send the live desired count, because aws-native re-sends this write-only value.`,
        );
    }
}
