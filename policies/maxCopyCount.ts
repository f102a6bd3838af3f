import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { COPY_COUNT_DIMENSION, TYPES, isCopyCountTarget, requireType } from "./lib/resources";
import { asNumber, get } from "./lib/values";

export const MAX_COPY_COUNT = "max-copy-count";

export interface MaxCopyCountConfig {
    /** Highest copy count of one inference component (scalable target maxCapacity, runtimeConfig.copyCount). */
    readonly maxCopyCount: number;
}

export const MAX_COPY_COUNT_DEFAULTS: MaxCopyCountConfig = { maxCopyCount: 8 };

/** Caps how many copies of one model autoscaling may run (each copy holds accelerators). */
export const maxCopyCount: ResourceValidationPolicy = {
    name: MAX_COPY_COUNT,
    description:
        "Caps the copies of one inference component: the copy-count scalable target's maxCapacity and the " +
        "component's runtimeConfig.copyCount must not exceed the configured maxCopyCount.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["cost", "sagemaker"],
    remediationSteps:
        "Lower scale-to-zero:inferenceComponents.<key>.scaling.maxCopies, or raise this policy's maxCopyCount.",
    configSchema: {
        properties: {
            maxCopyCount: {
                type: "integer",
                minimum: 1,
                default: MAX_COPY_COUNT_DEFAULTS.maxCopyCount,
                description: "Highest allowed maxCapacity of a copy-count scalable target (and runtimeConfig.copyCount).",
            },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.scalableTarget, TYPES.inferenceComponent);
        const { maxCopyCount: cap } = configWithDefaults(args, MAX_COPY_COUNT_DEFAULTS);
        const advice = `Lower it (scale-to-zero:inferenceComponents.<key>.scaling.maxCopies) or raise the policy's maxCopyCount in the policy config if the spend is approved.`;
        if (args.type === TYPES.inferenceComponent) {
            const n = asNumber(get(args.props, "runtimeConfig", "copyCount"));
            if (n !== undefined && n > cap) {
                reportViolation(`runtimeConfig.copyCount is ${n}, above the cap of ${cap} copies. ${advice}`);
            }
            return;
        }
        if (isCopyCountTarget(args.props) === false) {
            args.notApplicable(`scalable dimension is not ${COPY_COUNT_DIMENSION}`);
        }
        const n = asNumber(get(args.props, "maxCapacity"));
        if (n !== undefined && n > cap) {
            const resourceId = get(args.props, "resourceId");
            const of = typeof resourceId === "string" ? ` of ${resourceId}` : "";
            reportViolation(`scalable target${of}: maxCapacity is ${n}, above the cap of ${cap} copies. ${advice}`);
        }
    },
};
