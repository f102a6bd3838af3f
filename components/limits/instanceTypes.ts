/**
 * Hardware of SageMaker `ml.*` hosting instance types: what one instance offers to the inference components
 * placed on it. Used to reject copies that can never be placed before anything is created.
 *
 * Transcribed 2026-12-01 from the Amazon EC2 instance-type specification pages (an `ml.X` hosting instance is the
 * EC2 type `X`):
 * - accelerated computing: https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html
 * - general purpose: https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html
 * - compute optimized: https://docs.aws.amazon.com/ec2/latest/instancetypes/co.html
 * cross-checked for g4dn/g5 against the SageMaker multi-model endpoint GPU table
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/multi-model-support.html).
 * SageMaker keeps part of each instance for its own agents, so a copy that needs all of an instance's memory may
 * still not be placed; this table only rejects what can certainly not fit. Types missing here (or newer ones) are
 * accepted with the `instanceTypeSpec` argument.
 */
export const INSTANCE_TYPE_TABLE_DATE = "2026-12-01";

/** What one instance offers. */
export interface InstanceTypeSpec {
    /** GPUs, or AWS Inferentia/Trainium devices, per instance (0 for CPU-only types). */
    readonly acceleratorCount: number;
    /** Accelerator memory of the whole instance, GiB (0 for CPU-only types). Informational. */
    readonly acceleratorMemoryGiB: number;
    /** Instance memory, GiB. */
    readonly memoryGiB: number;
    /** vCPUs per instance (SageMaker's `NumberOfCpuCoresRequired` is counted against these). */
    readonly vCpus: number;
}

type Row = readonly [vCpus: number, memoryGiB: number, accelerators: number, acceleratorMemoryGiB: number];

/** Expands `{ size: row }` of one family into `ml.<family>.<size>` entries. */
function family(name: string, sizes: Record<string, Row>): Record<string, InstanceTypeSpec> {
    return Object.fromEntries(
        Object.entries(sizes).map(([size, [vCpus, memoryGiB, acceleratorCount, acceleratorMemoryGiB]]) => [
            `ml.${name}.${size}`,
            { acceleratorCount, acceleratorMemoryGiB, memoryGiB, vCpus },
        ]),
    );
}

/** g5 (A10G) and g6 (L4) sizes: 1 GPU up to 16xlarge, 4 at 12/24xlarge, 8 at 48xlarge, 24 GiB each. */
const GPU_24_GIB_SIZES: Record<string, Row> = {
    xlarge: [4, 16, 1, 24],
    "2xlarge": [8, 32, 1, 24],
    "4xlarge": [16, 64, 1, 24],
    "8xlarge": [32, 128, 1, 24],
    "16xlarge": [64, 256, 1, 24],
    "12xlarge": [48, 192, 4, 96],
    "24xlarge": [96, 384, 4, 96],
    "48xlarge": [192, 768, 8, 192],
};

/** The built-in table, keyed by SageMaker instance type. Rows: [vCPUs, memory GiB, accelerators, accelerator GiB]. */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeSpec>> = {
    // NVIDIA T4 (16 GiB each)
    ...family("g4dn", {
        xlarge: [4, 16, 1, 16],
        "2xlarge": [8, 32, 1, 16],
        "4xlarge": [16, 64, 1, 16],
        "8xlarge": [32, 128, 1, 16],
        "12xlarge": [48, 192, 4, 64],
        "16xlarge": [64, 256, 1, 16],
    }),
    // NVIDIA A10G and L4 (24 GiB each): the two families share their sizes' layout.
    ...family("g5", GPU_24_GIB_SIZES),
    ...family("g6", GPU_24_GIB_SIZES),
    // NVIDIA L40S (48 GiB each)
    ...family("g6e", {
        xlarge: [4, 32, 1, 48],
        "2xlarge": [8, 64, 1, 48],
        "4xlarge": [16, 128, 1, 48],
        "8xlarge": [32, 256, 1, 48],
        "16xlarge": [64, 512, 1, 48],
        "12xlarge": [48, 384, 4, 192],
        "24xlarge": [96, 768, 4, 192],
        "48xlarge": [192, 1536, 8, 384],
    }),
    // NVIDIA V100 (16 GiB each)
    ...family("p3", { "2xlarge": [8, 61, 1, 16], "8xlarge": [32, 244, 4, 64], "16xlarge": [64, 488, 8, 128] }),
    // NVIDIA A100 (40 / 80 GiB each), H100 (80 GiB), H200 (141 GiB)
    ...family("p4d", { "24xlarge": [96, 1152, 8, 320] }),
    ...family("p4de", { "24xlarge": [96, 1152, 8, 640] }),
    ...family("p5", { "48xlarge": [192, 2048, 8, 640] }),
    ...family("p5e", { "48xlarge": [192, 2048, 8, 1128] }),
    ...family("p5en", { "48xlarge": [192, 2048, 8, 1128] }),
    // AWS Inferentia2 and Trainium devices (32 GiB each), counted as devices.
    ...family("inf2", { xlarge: [4, 16, 1, 32], "8xlarge": [32, 128, 1, 32], "24xlarge": [96, 384, 6, 192], "48xlarge": [192, 768, 12, 384] }),
    ...family("trn1", { "2xlarge": [8, 32, 1, 32], "32xlarge": [128, 512, 16, 512] }),
    // CPU-only types: listed so that a copy asking for accelerators gets "no accelerators", not "unknown".
    ...family("m5", { large: [2, 8, 0, 0], xlarge: [4, 16, 0, 0], "2xlarge": [8, 32, 0, 0], "4xlarge": [16, 64, 0, 0], "12xlarge": [48, 192, 0, 0], "24xlarge": [96, 384, 0, 0] }),
    ...family("c5", { large: [2, 4, 0, 0], xlarge: [4, 8, 0, 0], "2xlarge": [8, 16, 0, 0], "4xlarge": [16, 32, 0, 0], "9xlarge": [36, 72, 0, 0], "18xlarge": [72, 144, 0, 0] }),
    ...family("c6i", { large: [2, 4, 0, 0], xlarge: [4, 8, 0, 0], "2xlarge": [8, 16, 0, 0], "4xlarge": [16, 32, 0, 0], "8xlarge": [32, 64, 0, 0] }),
    ...family("m6i", { large: [2, 8, 0, 0], xlarge: [4, 16, 0, 0], "2xlarge": [8, 32, 0, 0], "4xlarge": [16, 64, 0, 0], "8xlarge": [32, 128, 0, 0] }),
};

/** The spec of `instanceType`: the user's override when given, else the built-in table's row (or undefined). */
export function instanceTypeSpec(instanceType: string, override?: InstanceTypeSpec): InstanceTypeSpec | undefined {
    return override ?? INSTANCE_TYPES[instanceType];
}

/** Known types of the same family as `instanceType` (for error messages), or a sample of GPU types. */
export function knownTypesLike(instanceType: string): string[] {
    const family = instanceType.split(".")[1];
    const same = Object.keys(INSTANCE_TYPES).filter((t) => t.split(".")[1] === family);
    return same.length > 0 ? same : ["ml.g5.xlarge", "ml.g5.12xlarge", "ml.g6.xlarge", "ml.g6e.xlarge", "ml.p4d.24xlarge", "ml.p5.48xlarge"];
}
