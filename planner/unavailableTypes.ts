import { INSTANCE_TYPES, knownTypesLike } from "../components/limits/instanceTypes";
import { EndpointArgs } from "../components/args";

/** The endpoint's instance pools in priority order: its instance type, then `fallbackInstanceTypes`. */
export function instancePools(endpoint: Pick<EndpointArgs, "instanceType" | "fallbackInstanceTypes">): string[] {
    return [endpoint.instanceType, ...(endpoint.fallbackInstanceTypes ?? [])];
}

/** Splits a comma-separated list of instance types; every entry must be a known ml.* type. Pure. */
export function parseInstanceTypeList(text: string, name: string): { types: string[]; problems: string[] } {
    const types = text.split(",").map((t) => t.trim());
    const problems = types
        .filter((t) => !(t in INSTANCE_TYPES))
        .map((t) => `${name}: ${JSON.stringify(t)} is not a known instance type (known like it: ${knownTypesLike(t).join(", ")}, ...)`);
    return { types, problems };
}

/**
 * Problems with a scenario's unavailable instance types: each must be one of the stack's pools (a type the stack
 * never launches changes nothing, so naming one is a mistake). Empty when valid. Pure.
 */
export function unavailableTypeProblems(types: readonly string[], pools: readonly string[], name: string): string[] {
    return types
        .filter((t) => !pools.includes(t))
        .map((t) => `${name}: ${t} is not one of the stack's instance pools (${pools.join(", ")})`);
}
