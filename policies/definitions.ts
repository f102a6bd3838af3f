import { Policies } from "@pulumi/policy";
import { allowedInstanceTypes } from "./allowedInstanceTypes";
import { scaleToZeroCanWakeUp } from "./canWakeUp";
import { devStacksScaleToZero } from "./devScaleToZero";
import { inferenceComponentEndpointsWellFormed } from "./endpointsWellFormed";
import { leastPrivilegeIam } from "./leastPrivilegeIam";
import { maxCopyCount } from "./maxCopyCount";
import { maxInstanceCount } from "./maxInstanceCount";
import { productionColdStartWarning } from "./productionColdStart";
import { scarceGpuWithoutFallback } from "./scarceGpuFallback";

/** Name of the policy pack (as `pulumi policy publish` and the Pulumi Cloud show it). */
export const POLICY_PACK_NAME = "scale-to-zero-guardrails";

/**
 * Every policy of the pack. Tests and `evaluatePolicies` import this list; only `index.ts` builds the
 * `PolicyPack` (constructing one starts the analyzer's gRPC server).
 */
export const allPolicies: Policies = [
    devStacksScaleToZero,
    scaleToZeroCanWakeUp,
    inferenceComponentEndpointsWellFormed,
    productionColdStartWarning,
    maxInstanceCount,
    maxCopyCount,
    allowedInstanceTypes,
    leastPrivilegeIam,
    scarceGpuWithoutFallback,
];
