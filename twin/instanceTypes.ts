import { INSTANCE_TYPES, InstanceTypeSpec } from "../components/limits/instanceTypes";

/** What copies may use on one instance. */
export interface InstanceCapacity {
    readonly accelerators: number;
    readonly cpuCores: number;
    readonly memoryMiB: number;
}

/** One instance type's capacity in the twin's units. */
export function capacityOfSpec(spec: InstanceTypeSpec): InstanceCapacity {
    return { accelerators: spec.acceleratorCount, cpuCores: spec.vCpus, memoryMiB: spec.memoryGiB * 1024 };
}

/**
 * Capacity of every instance type the component knows: derived from its dated, sourced table
 * (components/limits/instanceTypes.ts), so the twin places copies exactly as the validator checks they fit.
 */
export const INSTANCE_CAPACITY: Readonly<Record<string, InstanceCapacity>> = Object.fromEntries(
    Object.entries(INSTANCE_TYPES).map(([type, spec]) => [type, capacityOfSpec(spec)]),
);
