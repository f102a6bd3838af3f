import { ComputeRequirements } from "./args";
import { checkInteger, checkNumber, isRecord, Problems } from "./checks";

/** Checks one `compute` block (a component's, or one entry of `computeByInstanceType`). */
export function validateCompute(problems: Problems, path: string, compute: ComputeRequirements | undefined): void {
    if (!isRecord(compute)) {
        problems.push(`${path} is required: { acceleratorCount (>= 1), memoryMiB (>= 128), cpuCores? (>= 0.25) }`);
        return;
    }
    if (compute.acceleratorCount === undefined) {
        problems.push(`${path}.acceleratorCount is required (an integer >= 1)`);
    }
    checkInteger(problems, `${path}.acceleratorCount`, compute.acceleratorCount, 1);
    if (compute.memoryMiB === undefined) {
        problems.push(`${path}.memoryMiB is required (an integer >= 128)`);
    }
    checkInteger(problems, `${path}.memoryMiB`, compute.memoryMiB, 128);
    checkNumber(problems, `${path}.cpuCores`, compute.cpuCores, 0.25, false);
}
