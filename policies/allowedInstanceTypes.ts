import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { TYPES, productionVariants, requireType, variantInstanceTypes } from "./lib/resources";
import { firstMatch } from "./lib/stack";
import { UNKNOWN } from "./lib/values";

export const ALLOWED_INSTANCE_TYPES = "allowed-instance-types";

export interface AllowedInstanceTypesConfig {
    /** Instance types (or patterns such as `ml.g5.*`) endpoints may use. Empty: every type is allowed. */
    readonly allowedInstanceTypes: readonly string[];
}

export const ALLOWED_INSTANCE_TYPES_DEFAULTS: AllowedInstanceTypesConfig = { allowedInstanceTypes: [] };

/** Keeps endpoints on approved (budgeted, quota-backed) instance types. */
export const allowedInstanceTypes: ResourceValidationPolicy = {
    name: ALLOWED_INSTANCE_TYPES,
    description: "Endpoint variants must use an instance type from the configured allowedInstanceTypes list (empty list: all allowed).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["cost", "sagemaker"],
    remediationSteps: "Change scale-to-zero:endpoint.instanceType to an allowed type, or add the type to allowedInstanceTypes.",
    configSchema: {
        properties: {
            allowedInstanceTypes: {
                type: "array",
                items: { type: "string" },
                default: [...ALLOWED_INSTANCE_TYPES_DEFAULTS.allowedInstanceTypes],
                description:
                    "Allowed SageMaker instance types, exact (ml.g5.2xlarge) or glob-ish patterns (ml.g5.*), " +
                    "case-insensitive. Empty: every instance type is allowed.",
            },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.endpointConfig);
        const { allowedInstanceTypes: allowed } = configWithDefaults(args, ALLOWED_INSTANCE_TYPES_DEFAULTS);
        if (allowed.length === 0) {
            args.notApplicable("allowedInstanceTypes is empty: every instance type is allowed");
        }
        const variants = productionVariants(args.props);
        if (variants === UNKNOWN) {
            return;
        }
        for (const variant of variants) {
            // Every type of its instance pools too: any of them may be launched.
            const types = variantInstanceTypes(variant.value);
            for (const instanceType of types === UNKNOWN ? [] : types.filter((t) => firstMatch(t, allowed) === undefined)) {
                reportViolation(
                    `${variant.label} uses instance type "${instanceType}", which is not allowed (allowedInstanceTypes: ` +
                        `${allowed.join(", ")}). Choose an allowed type (scale-to-zero:endpoint.instanceType) or add ` +
                        `"${instanceType}" to the policy's allowedInstanceTypes.`,
                );
            }
        }
    },
};
