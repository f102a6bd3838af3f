/**
 * SageMaker real-time inference (hosting) instances: accelerators per instance and on-demand price.
 *
 * Prices: USD per instance-hour, On-Demand, us-east-1, real-time inference hosting (price list usage type
 * `USE1-Host:<type>`). Compiled 2026-11-28 from public copies of the AWS price list: the AmazonSageMaker offer file
 * (version 20261005212151, as quoted in public repositories) and the aws-samples foundation-model-benchmarking-tool
 * `fmbench/configs/pricing.yml`. Prices change and differ by region: check https://aws.amazon.com/sagemaker/pricing/
 * and pass your own with `--price type=usd` (CLI) or `prices` (API). Types listed with `undefined` price have a
 * known accelerator count but no price we could confirm: they need an explicit price.
 */
export const PRICE_TABLE = {
    date: "2026-11-28",
    region: "us-east-1",
    source:
        "AWS price list (AmazonSageMaker offer, USE1-Host rows, version 20261005212151) and aws-samples/foundation-model-benchmarking-tool pricing.yml; verify at https://aws.amazon.com/sagemaker/pricing/",
} as const;

/** One instance type: GPUs (or Neuron devices) and on-demand USD per hour when known. */
export interface InstanceType {
    readonly accelerators: number;
    readonly pricePerHour?: number;
}

/** Built-in instance catalog. */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
    "ml.g5.xlarge": { accelerators: 1, pricePerHour: 1.4084 },
    "ml.g5.2xlarge": { accelerators: 1, pricePerHour: 1.515 },
    "ml.g5.4xlarge": { accelerators: 1, pricePerHour: 2.03 },
    "ml.g5.8xlarge": { accelerators: 1, pricePerHour: 3.06 },
    "ml.g5.16xlarge": { accelerators: 1 },
    "ml.g5.12xlarge": { accelerators: 4, pricePerHour: 7.09 },
    "ml.g5.24xlarge": { accelerators: 4, pricePerHour: 10.18 },
    "ml.g5.48xlarge": { accelerators: 8, pricePerHour: 20.36 },
    "ml.g6.xlarge": { accelerators: 1, pricePerHour: 1.1267 },
    "ml.g6.2xlarge": { accelerators: 1, pricePerHour: 1.222 },
    "ml.g6.4xlarge": { accelerators: 1 },
    "ml.g6.8xlarge": { accelerators: 1 },
    "ml.g6.16xlarge": { accelerators: 1, pricePerHour: 4.246 },
    "ml.g6.12xlarge": { accelerators: 4, pricePerHour: 5.752 },
    "ml.g6.24xlarge": { accelerators: 4, pricePerHour: 8.344 },
    "ml.g6.48xlarge": { accelerators: 8, pricePerHour: 16.688 },
    "ml.g6e.xlarge": { accelerators: 1, pricePerHour: 2.61 },
    "ml.g6e.2xlarge": { accelerators: 1, pricePerHour: 2.8026 },
    "ml.g6e.4xlarge": { accelerators: 1, pricePerHour: 3.76 },
    "ml.g6e.8xlarge": { accelerators: 1, pricePerHour: 5.6607 },
    "ml.g6e.16xlarge": { accelerators: 1 },
    "ml.g6e.12xlarge": { accelerators: 4, pricePerHour: 13.1158 },
    "ml.g6e.24xlarge": { accelerators: 4 },
    "ml.g6e.48xlarge": { accelerators: 8 },
    "ml.g4dn.xlarge": { accelerators: 1, pricePerHour: 0.7364 },
    "ml.g4dn.2xlarge": { accelerators: 1, pricePerHour: 0.94 },
    "ml.g4dn.12xlarge": { accelerators: 4, pricePerHour: 4.89 },
    "ml.p4d.24xlarge": { accelerators: 8, pricePerHour: 37.688 },
    "ml.p5.48xlarge": { accelerators: 8, pricePerHour: 113.068 },
};

/** An instance type with everything the planner needs, including where the price came from. */
export interface ResolvedInstance {
    readonly instanceType: string;
    readonly accelerators: number;
    readonly pricePerHour: number;
    readonly priceSource: "table" | "override";
}

/** Overrides: USD per hour by instance type, and accelerators for types missing from the catalog. */
export interface InstanceOverrides {
    readonly prices?: Readonly<Record<string, number>>;
    readonly accelerators?: Readonly<Record<string, number>>;
}

/** Looks up accelerators and price, applying overrides; throws a readable error when either is unknown. */
export function resolveInstance(instanceType: string, overrides: InstanceOverrides = {}): ResolvedInstance {
    const known = INSTANCE_TYPES[instanceType];
    const accelerators = overrides.accelerators?.[instanceType] ?? known?.accelerators;
    if (accelerators === undefined) {
        throw new Error(
            `unknown instance type ${instanceType}: the planner does not know its accelerator count or price; ` +
                `pass --accelerators ${instanceType}=<gpus> --price ${instanceType}=<usd per hour>`,
        );
    }
    if (!Number.isInteger(accelerators) || accelerators < 1) {
        throw new Error(`accelerators of ${instanceType} must be an integer ≥ 1 (got ${accelerators})`);
    }
    const override = overrides.prices?.[instanceType];
    const price = override ?? known?.pricePerHour;
    if (price === undefined) {
        throw new Error(
            `no price for ${instanceType} in the built-in table (${PRICE_TABLE.region}, ${PRICE_TABLE.date}); ` +
                `pass --price ${instanceType}=<usd per hour>`,
        );
    }
    if (!Number.isFinite(price) || price < 0) {
        throw new Error(`price of ${instanceType} must be a number ≥ 0 USD per hour (got ${price})`);
    }
    return { instanceType, accelerators, pricePerHour: price, priceSource: override !== undefined ? "override" : "table" };
}

/** Parses `type=value` pairs (`ml.g5.12xlarge=7.09`) into a map; throws naming the bad pair. */
export function parseTypeValuePairs(pairs: readonly string[], what: string): Record<string, number> {
    const result: Record<string, number> = {};
    for (const pair of pairs) {
        const match = /^(ml\.[a-z0-9]+\.[a-z0-9]+)=(\d+(\.\d+)?)$/.exec(pair.trim());
        if (!match) {
            throw new Error(`${what} ${JSON.stringify(pair)} is not <instance type>=<number> (e.g. ml.g5.12xlarge=7.09)`);
        }
        result[match[1]] = Number(match[2]);
    }
    return result;
}
