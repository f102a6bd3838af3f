import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { TYPES, productionVariants, requireType, variantInstanceTypes } from "./lib/resources";
import { firstMatch } from "./lib/stack";
import { UNKNOWN, asNumber, get } from "./lib/values";

export const SCARCE_GPU_WITHOUT_FALLBACK = "scarce-gpu-scale-to-zero-without-fallback";

export interface ScarceGpuConfig {
    /** Instance types (or patterns such as `ml.p5.*`) whose capacity is often short. */
    readonly scarceInstanceTypes: readonly string[];
}

/**
 * The large multi-GPU families (A100, H100/H200, B200 and 8-GPU L40S/A10G sizes), where insufficient-capacity
 * errors are most common. A choice, not an AWS list: tune it per account and region.
 */
export const SCARCE_GPU_DEFAULTS: ScarceGpuConfig = {
    scarceInstanceTypes: ["ml.p4d.*", "ml.p4de.*", "ml.p5.*", "ml.p5e.*", "ml.p5en.*", "ml.p6-*", "ml.g6e.48xlarge", "ml.g5.48xlarge"],
};

/**
 * A variant that releases every instance (managed instance scaling down to 0) on a scarce GPU type must launch a
 * new one for every wake; without a second instance pool or a capacity reservation, a capacity shortage leaves the
 * endpoint unable to wake until the type is available again.
 */
export const scarceGpuWithoutFallback: ResourceValidationPolicy = {
    name: SCARCE_GPU_WITHOUT_FALLBACK,
    description:
        "A scale-to-zero endpoint on a scarce GPU type needs a fallback instance pool or a capacity reservation: each " +
        "wake launches a new instance, and an insufficient-capacity error keeps it at zero.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["availability", "sagemaker", "scale-to-zero"],
    remediationSteps:
        "Add scale-to-zero:endpoint.fallbackInstanceTypes (instance pools tried in order), or " +
        "scale-to-zero:endpoint.capacityReservation, or keep an instance (minInstanceCount: 1). See docs/capacity.md.",
    configSchema: {
        properties: {
            scarceInstanceTypes: {
                type: "array",
                items: { type: "string" },
                default: [...SCARCE_GPU_DEFAULTS.scarceInstanceTypes],
                description: "Instance types, exact or patterns (ml.p5.*), whose capacity is often short.",
            },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.endpointConfig);
        const { scarceInstanceTypes: scarce } = configWithDefaults(args, SCARCE_GPU_DEFAULTS);
        const variants = productionVariants(args.props);
        if (variants === UNKNOWN) {
            return;
        }
        for (const variant of variants) {
            const scaling = get(variant.value, "managedInstanceScaling");
            const min = get(scaling, "minInstanceCount");
            if (get(scaling, "status") !== "ENABLED" || min === UNKNOWN || asNumber(min) !== 0) {
                continue; // an instance stays up: a wake needs no launch
            }
            const types = variantInstanceTypes(variant.value);
            const reservation = get(variant.value, "capacityReservationConfig");
            if (types === UNKNOWN || reservation === UNKNOWN || (reservation !== undefined && reservation !== null)) {
                continue;
            }
            if (types.length === 1 && firstMatch(types[0], scarce) !== undefined) {
                reportViolation(
                    `${variant.label} scales to zero instances on "${types[0]}", a scarce GPU type (scarceInstanceTypes), ` +
                        `with no fallback instance pool and no capacity reservation: every wake launches a new instance, and ` +
                        `an insufficient-capacity error keeps the endpoint at zero. Add endpoint.fallbackInstanceTypes or ` +
                        `endpoint.capacityReservation, or keep an instance (minInstanceCount: 1).`,
                );
            }
        }
    },
};
