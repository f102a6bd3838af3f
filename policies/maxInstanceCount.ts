import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { TYPES, productionVariants, requireType } from "./lib/resources";
import { UNKNOWN, asNumber, get } from "./lib/values";

export const MAX_INSTANCE_COUNT = "max-instance-count";

export interface MaxInstanceCountConfig {
    /** Highest instance count an endpoint variant may reach (managed scaling maximum and initial count). */
    readonly maxInstanceCount: number;
}

export const MAX_INSTANCE_COUNT_DEFAULTS: MaxInstanceCountConfig = { maxInstanceCount: 4 };

/** Caps the instances (GPU machines) one endpoint variant may run: a runaway scale-out is a runaway bill. */
export const maxInstanceCount: ResourceValidationPolicy = {
    name: MAX_INSTANCE_COUNT,
    description:
        "Caps the instances an endpoint variant may run: managedInstanceScaling.maxInstanceCount and " +
        "initialInstanceCount must not exceed the configured maxInstanceCount.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["cost", "sagemaker"],
    remediationSteps:
        "Lower scale-to-zero:endpoint.maxInstanceCount (and initialInstanceCount), or raise this policy's maxInstanceCount.",
    configSchema: {
        properties: {
            maxInstanceCount: {
                type: "integer",
                minimum: 1,
                default: MAX_INSTANCE_COUNT_DEFAULTS.maxInstanceCount,
                description: "Highest allowed managedInstanceScaling.maxInstanceCount / initialInstanceCount per variant.",
            },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.endpointConfig);
        const { maxInstanceCount: cap } = configWithDefaults(args, MAX_INSTANCE_COUNT_DEFAULTS);
        const variants = productionVariants(args.props);
        if (variants === UNKNOWN) {
            return;
        }
        for (const variant of variants) {
            const fields: [string, unknown][] = [
                ["managedInstanceScaling.maxInstanceCount", get(variant.value, "managedInstanceScaling", "maxInstanceCount")],
                ["initialInstanceCount", get(variant.value, "initialInstanceCount")],
            ];
            for (const [field, value] of fields) {
                const n = asNumber(value);
                if (n !== undefined && n > cap) {
                    reportViolation(
                        `${variant.label}: ${field} is ${n}, above the cap of ${cap} instances. Lower it ` +
                            `(scale-to-zero:endpoint.${field.replace("managedInstanceScaling.", "")}) or raise the ` +
                            `policy's maxInstanceCount in the policy config if the spend is approved.`,
                    );
                }
            }
        }
    },
};
