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
    const demands: CopyDemand[] = [];
    for (const [key, component] of Object.entries(components)) {
        const compute: unknown = isRecord(component) ? component.compute : undefined;
        const initial = isRecord(component) ? component.scaling?.initialCopies ?? DEFAULTS.scaling.initialCopies : undefined;
        if (!isRecord(compute) || !isCount(compute.acceleratorCount, 1) || !isCount(compute.memoryMiB, 128) || !isCount(initial, 1)) {
            return;
        }
        const cpuCores = compute.cpuCores ?? DEFAULTS.compute.cpuCores;
        if (typeof cpuCores !== "number" || !(cpuCores >= 0.25)) {
            return;
        }
        const path = single ? "compute" : `inferenceComponents.${key}.compute`;
        demands.push({ path, acceleratorCount: compute.acceleratorCount, memoryMiB: compute.memoryMiB, cpuCores, initialCopies: initial });
    }
    problems.push(...placementProblems(args.instanceType, args.instanceTypeSpec, max, demands));
}
