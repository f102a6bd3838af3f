import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { COPY_COUNT_DIMENSION, TYPES, isCopyCountTarget, productionVariants, requireType } from "./lib/resources";
import { DEV_STACK_CONFIG_SCHEMA, DEV_STACK_DEFAULTS, DevStackConfig, devStackReason, stackOfUrn } from "./lib/stack";
import { UNKNOWN, asNumber, get } from "./lib/values";

export const PRODUCTION_COLD_START_WARNING = "production-cold-start-warning";

/** Measured scale-out from zero (Llama 3.1 8B and 70B, container caching on): alarm + instance + copy. */
const COLD_START = "about 5-6 minutes (alarm ~1 min + new instance ~2-3 min + model copy ~2 min)";

/**
 * Scale to zero on a non-dev stack: legitimate for rarely used models, but the first request after an idle
 * period waits minutes and fails with NoCapacityInvocationFailures until capacity is back. Advisory by default.
 */
export const productionColdStartWarning: ResourceValidationPolicy = {
    name: PRODUCTION_COLD_START_WARNING,
    description:
        "Scale to zero on a non-dev stack is a cold-start risk: after an idle period the first request waits about " +
        "5-6 minutes for an instance and a model copy.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["availability", "latency", "sagemaker", "scale-to-zero"],
    remediationSteps:
        "Keep one instance and one copy warm (scale-to-zero:endpoint.minInstanceCount: 1, scaling.minCopies: 1), " +
        "or mark the stack as a dev stack (devStackPatterns / devStackTag) if cold starts are acceptable.",
    configSchema: { properties: { ...DEV_STACK_CONFIG_SCHEMA } },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.endpointConfig, TYPES.scalableTarget);
        const config = configWithDefaults<DevStackConfig>(args, DEV_STACK_DEFAULTS);
        const stack = stackOfUrn(args.urn);
        const dev = devStackReason(stack, args.stackTags, config);
        if (dev !== undefined) {
            args.notApplicable(`cold starts are expected on dev stacks (${dev})`);
        }
        const where = `non-dev stack "${stack ?? "?"}"`;
        if (args.type === TYPES.endpointConfig) {
            const variants = productionVariants(args.props);
            if (variants === UNKNOWN) {
                return;
            }
            for (const variant of variants) {
                const scaling = get(variant.value, "managedInstanceScaling");
                if (get(scaling, "status") !== "ENABLED") {
                    continue;
                }
                const min = get(scaling, "minInstanceCount");
                if (min !== UNKNOWN && asNumber(min) === 0) {
                    reportViolation(
                        `${variant.label}: managedInstanceScaling.minInstanceCount is 0 on ${where}. When idle, every ` +
                            `instance is released; the next request waits ${COLD_START} and gets errors until ` +
                            `capacity is back. Set minInstanceCount to 1 to keep an instance warm, or mark the stack as ` +
                            `a dev stack (devStackPatterns / devStackTag) if that is acceptable.`,
                    );
                }
            }
            return;
        }
        const copyCount = isCopyCountTarget(args.props);
        if (copyCount === false) {
            args.notApplicable(`scalable dimension is not ${COPY_COUNT_DIMENSION}`);
        }
        const min = get(args.props, "minCapacity");
        if (copyCount === true && min !== UNKNOWN && asNumber(min) === 0) {
            const resourceId = get(args.props, "resourceId");
            const component = typeof resourceId === "string" ? ` (${resourceId})` : "";
            reportViolation(
                `scalable target${component}: minCapacity is 0 on ${where}. When idle, every copy is removed; the next ` +
                    `request fails with NoCapacityInvocationFailures and waits up to ${COLD_START}. Set minCapacity ` +
                    `(scaling.minCopies) to 1 to keep a copy warm, or mark the stack as a dev stack if that is acceptable.`,
            );
        }
    },
};
