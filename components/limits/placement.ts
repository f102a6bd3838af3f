import { INSTANCE_TYPE_TABLE_DATE, InstanceTypeSpec, instanceTypeSpec, knownTypesLike } from "./instanceTypes";

/** What one copy of a component reserves on an instance, and how many copies exist right after create. */
export interface CopyDemand {
    /** Argument path of the component's compute block, e.g. `inferenceComponents.llama.compute`. */
    readonly path: string;
    readonly acceleratorCount: number;
    readonly memoryMiB: number;
    readonly cpuCores: number;
    readonly initialCopies: number;
}

/**
 * Checks that every copy fits on one instance of `instanceType` and that the copies created at deploy time
 * (`initialCopies` of every component) can fit on `maxInstanceCount` instances. The second check compares sums
 * per resource, a necessary condition only: it never rejects a placement SageMaker could find.
 * Returns problems as `path: message` strings.
 */
export function placementProblems(
    instanceType: string,
    override: InstanceTypeSpec | undefined,
    maxInstanceCount: number,
    copies: readonly CopyDemand[],
): string[] {
    const spec = instanceTypeSpec(instanceType, override);
    if (spec === undefined) {
        return [
            `instanceType "${instanceType}" is not in the instance table (dated ${INSTANCE_TYPE_TABLE_DATE}); known ${instanceType.split(".")[1] ?? ""} types: ${knownTypesLike(instanceType).join(", ")}. ` +
                "For another type give instanceTypeSpec { acceleratorCount, acceleratorMemoryGiB, memoryGiB, vCpus }",
        ];
    }
    const problems: string[] = [];
    const memoryMiB = spec.memoryGiB * 1024;
    for (const c of copies) {
        if (spec.acceleratorCount === 0) {
            problems.push(`${c.path}.acceleratorCount ${c.acceleratorCount}: ${instanceType} has no accelerators (a CPU-only type); use a GPU or Inferentia type such as ml.g5.xlarge`);
            continue;
        }
        if (c.acceleratorCount > spec.acceleratorCount) {
            problems.push(`${c.path}.acceleratorCount ${c.acceleratorCount} exceeds the ${spec.acceleratorCount} accelerator(s) of one ${instanceType}: a copy must fit on one instance`);
        }
        if (c.memoryMiB > memoryMiB) {
            problems.push(`${c.path}.memoryMiB ${c.memoryMiB} exceeds the ${memoryMiB} MiB (${spec.memoryGiB} GiB) of one ${instanceType}`);
        }
        if (c.cpuCores > spec.vCpus) {
            problems.push(`${c.path}.cpuCores ${c.cpuCores} exceeds the ${spec.vCpus} vCPUs of one ${instanceType}`);
        }
    }
    if (problems.length > 0 || spec.acceleratorCount === 0) {
        return problems;
    }
    const total = (f: (c: CopyDemand) => number) => copies.reduce((sum, c) => sum + f(c) * c.initialCopies, 0);
    const needs: [string, number, number][] = [
        ["accelerators", total((c) => c.acceleratorCount), spec.acceleratorCount],
        ["MiB of memory", total((c) => c.memoryMiB), memoryMiB],
        ["vCPUs", total((c) => c.cpuCores), spec.vCpus],
    ];
    for (const [what, need, perInstance] of needs) {
        if (need > perInstance * maxInstanceCount) {
            problems.push(
                `the initial copies of all components need ${need} ${what}, more than maxInstanceCount ${maxInstanceCount} x ${perInstance} of ${instanceType}: raise maxInstanceCount or lower initialCopies`,
            );
        }
    }
    return problems;
}

