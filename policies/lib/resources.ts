import { COPY_COUNT_DIMENSION } from "./awsIdentifiers";
import { UNKNOWN, get, list } from "./values";

/** Pulumi type tokens of the resources the policies look at. */
export const TYPES = {
    endpointConfig: "aws-native:sagemaker:EndpointConfig",
    inferenceComponent: "aws-native:sagemaker:InferenceComponent",
    scalableTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    iamRole: "aws:iam/role:Role",
    iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamPolicy: "aws:iam/policy:Policy",
} as const;

export { COPY_COUNT_DIMENSION, SAGEMAKER_NAMESPACE, WAKE_UP_METRIC } from "./awsIdentifiers";

/** Application Auto Scaling resource id of an inference component: `inference-component/<name>`. */
export const INFERENCE_COMPONENT_RESOURCE_PREFIX = "inference-component/";

/** One production variant of an endpoint config, with a label for messages. */
export interface Variant {
    readonly index: number;
    readonly label: string;
    /** The variant object (possibly a proxy), or `UNKNOWN`. */
    readonly value: unknown;
}

/** The production variants of endpoint config props, or `UNKNOWN` when the list is unknown during preview. */
export function productionVariants(props: unknown): Variant[] | typeof UNKNOWN {
    const variants = list(get(props, "productionVariants"));
    if (variants === UNKNOWN) {
        return UNKNOWN;
    }
    return variants.map((value, index) => {
        const name = get(value, "variantName");
        const label = typeof name === "string" ? `productionVariants[${index}] ("${name}")` : `productionVariants[${index}]`;
        return { index, label, value };
    });
}

/**
 * True when scalable-target props are the copy count of an inference component, false when they are something
 * else, `UNKNOWN` when the dimension is not known yet.
 */
export function isCopyCountTarget(props: unknown): boolean | typeof UNKNOWN {
    const dimension = get(props, "scalableDimension");
    return dimension === UNKNOWN ? UNKNOWN : dimension === COPY_COUNT_DIMENSION;
}

/** Only the listed resource types; anything else is reported as not applicable. */
export function requireType(
    args: { type: string; notApplicable(reason?: string): never },
    ...types: string[]
): void {
    if (!types.includes(args.type)) {
        args.notApplicable(`Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`);
    }
}

/**
 * The instance types a variant may launch: `instanceType`, or the types of its `instancePools` in priority order
 * (a variant with instance pools has no `instanceType`). `UNKNOWN` while the pools are not known yet.
 */
export function variantInstanceTypes(variant: unknown): string[] | typeof UNKNOWN {
    const pools = list(get(variant, "instancePools"));
    if (pools === UNKNOWN) {
        return UNKNOWN;
    }
    if (pools.length > 0) {
        const priority = (p: unknown) => {
            const value = get(p, "priority");
            return typeof value === "number" ? value : Number.MAX_SAFE_INTEGER;
        };
        return [...pools]
            .sort((a, b) => priority(a) - priority(b))
            .map((p) => get(p, "instanceType"))
            .filter((t): t is string => typeof t === "string");
    }
    const type = get(variant, "instanceType");
    return typeof type === "string" ? [type] : [];
}
