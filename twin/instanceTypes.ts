/** What copies may use on one instance. */
export interface InstanceCapacity {
    readonly accelerators: number;
    readonly cpuCores: number;
    readonly memoryMiB: number;
}

/** Accelerators, vCPUs and memory of the SageMaker instance types the stacks use ("Amazon SageMaker pricing" / instance type pages). */
export const INSTANCE_CAPACITY: Readonly<Record<string, InstanceCapacity>> = {
    "ml.g5.xlarge": { accelerators: 1, cpuCores: 4, memoryMiB: 16 * 1024 },
    "ml.g5.2xlarge": { accelerators: 1, cpuCores: 8, memoryMiB: 32 * 1024 },
    "ml.g5.4xlarge": { accelerators: 1, cpuCores: 16, memoryMiB: 64 * 1024 },
    "ml.g5.8xlarge": { accelerators: 1, cpuCores: 32, memoryMiB: 128 * 1024 },
    "ml.g5.12xlarge": { accelerators: 4, cpuCores: 48, memoryMiB: 192 * 1024 },
    "ml.g5.24xlarge": { accelerators: 4, cpuCores: 96, memoryMiB: 384 * 1024 },
    "ml.g5.48xlarge": { accelerators: 8, cpuCores: 192, memoryMiB: 768 * 1024 },
    "ml.g6.12xlarge": { accelerators: 4, cpuCores: 48, memoryMiB: 192 * 1024 },
    "ml.g6e.48xlarge": { accelerators: 8, cpuCores: 192, memoryMiB: 1536 * 1024 },
    "ml.p4d.24xlarge": { accelerators: 8, cpuCores: 96, memoryMiB: 1152 * 1024 },
};
