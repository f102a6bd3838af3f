import { InferenceComponentArgs, ScaleToZeroModelArgs } from "../args";
import { checkInteger, checkNumber, INSTANCE_TYPE_PATTERN, isCount, isRecord, Problems } from "../checks";
import { DEFAULTS } from "../defaults";
import { CopyDemand, placementProblems } from "./placement";

function checkInstanceTypeSpec(problems: Problems, path: string, spec: unknown): void {
    if (spec === undefined) {
        return;
    }
    if (!isRecord(spec)) {
        problems.push(`${path} must be a map { acceleratorCount, acceleratorMemoryGiB, memoryGiB, vCpus }`);
        return;
    }
    checkInteger(problems, `${path}.acceleratorCount`, spec.acceleratorCount ?? Number.NaN, 0);
    checkNumber(problems, `${path}.acceleratorMemoryGiB`, spec.acceleratorMemoryGiB ?? Number.NaN, 0, false);
    checkNumber(problems, `${path}.memoryGiB`, spec.memoryGiB ?? Number.NaN, 0, true);
    checkInteger(problems, `${path}.vCpus`, spec.vCpus ?? Number.NaN, 1);
}

/**
 * Checks that every component's copy fits on one instance and that the initial copies fit on the endpoint's
 * instances. Skipped while the instance type or a compute block is itself invalid (already reported).
 */
export function validatePlacement(
    problems: Problems,
    args: ScaleToZeroModelArgs,
    components: Record<string, InferenceComponentArgs>,
    single: boolean,
): void {
    const before = problems.length;
    checkInstanceTypeSpec(problems, "instanceTypeSpec", args.instanceTypeSpec);
    const max = args.maxInstanceCount ?? DEFAULTS.endpoint.maxInstanceCount;
    if (problems.length > before || typeof args.instanceType !== "string" || !INSTANCE_TYPE_PATTERN.test(args.instanceType) || !isCount(max, 1)) {
        return;
    }
    const demands = copyDemands(components, single);
    if (demands === undefined) {
        return;
    }
    problems.push(...placementProblems(args.instanceType, args.instanceTypeSpec, max, demands));
    // Every fallback pool must hold the copies too, with its own compute where `computeByInstanceType` sets one.
    for (const type of Array.isArray(args.fallbackInstanceTypes) ? args.fallbackInstanceTypes : []) {
        const typed = typeof type === "string" && INSTANCE_TYPE_PATTERN.test(type) ? copyDemands(components, single, type) : undefined;
        if (typed !== undefined) {
            problems.push(...placementProblems(type, undefined, max, typed).map((m) => `fallbackInstanceTypes: ${m}`));
        }
    }
}

/** Each component's demand (its compute on `instanceType`, when it overrides it); undefined while a compute block is invalid. */
function copyDemands(components: Record<string, InferenceComponentArgs>, single: boolean, instanceType?: string): CopyDemand[] | undefined {
    const demands: CopyDemand[] = [];
    for (const [key, component] of Object.entries(components)) {
        const override: unknown = instanceType !== undefined && isRecord(component) && isRecord(component.computeByInstanceType) ? component.computeByInstanceType[instanceType] : undefined;
        const compute: unknown = override ?? (isRecord(component) ? component.compute : undefined);
        const initial = isRecord(component) ? component.scaling?.initialCopies ?? DEFAULTS.scaling.initialCopies : undefined;
        if (!isRecord(compute) || !isCount(compute.acceleratorCount, 1) || !isCount(compute.memoryMiB, 128) || !isCount(initial, 1)) {
            return undefined;
        }
        const cpuCores = compute.cpuCores ?? DEFAULTS.compute.cpuCores;
        if (typeof cpuCores !== "number" || !(cpuCores >= 0.25)) {
            return undefined;
        }
        const base = single ? "" : `inferenceComponents.${key}.`;
        const path = override !== undefined ? `${base}computeByInstanceType.${instanceType}` : `${base}compute`;
        demands.push({ path, acceleratorCount: compute.acceleratorCount, memoryMiB: compute.memoryMiB, cpuCores, initialCopies: initial });
    }
    return demands;
}
