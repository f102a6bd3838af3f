import * as policySdk from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";

/**
 * Property access that is safe with values that are unknown during `pulumi preview`.
 *
 * The policy runtime wraps resource properties in `unknownCheckingProxy`: reading a property whose value is not
 * known yet throws an `UnknownValueError`, which the runtime turns into an advisory "can't run policy during
 * preview" diagnostic. These helpers turn such reads into the `UNKNOWN` marker instead, so a policy can check
 * everything that is known and skip (never flag) what is not.
 */

/** Marker for a value that is unknown during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

// The SDK exports these at run time but its declaration files hide them (@internal).
const UnknownValueError = (policySdk as unknown as { UnknownValueError: new (...args: unknown[]) => Error })
    .UnknownValueError;
const SENTINELS: ReadonlySet<unknown> = new Set(
    [
        "unknownBooleanValue",
        "unknownNumberValue",
        "unknownStringValue",
        "unknownArrayValue",
        "unknownAssetValue",
        "unknownArchiveValue",
        "unknownObjectValue",
    ].map((k) => (policyProxy as unknown as Record<string, unknown>)[k]),
);

/** True for the error the policy runtime's proxy throws when a policy reads an unknown value. */
export function isUnknownValueError(error: unknown): boolean {
    return typeof UnknownValueError === "function" && error instanceof UnknownValueError;
}

/** True for the raw sentinel values the engine sends for unknowns (when props are not wrapped in the proxy). */
export function isUnknownSentinel(value: unknown): boolean {
    return SENTINELS.has(value);
}

/** Runs `read`, returning `UNKNOWN` when it touches a value that is unknown during preview. */
export function known<T>(read: () => T): T | Unknown {
    try {
        const value = read();
        return isUnknownSentinel(value) ? UNKNOWN : value;
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

/**
 * Reads `obj.path[0].path[1]...`: `undefined` when a step is missing or not an object, `UNKNOWN` when a step is
 * unknown during preview.
 */
export function get(obj: unknown, ...path: (string | number)[]): unknown {
    let current: unknown = obj;
    for (const key of path) {
        if (current === UNKNOWN || isUnknownSentinel(current)) {
            return UNKNOWN;
        }
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        const parent = current as Record<string | number, unknown>;
        current = known(() => parent[key]);
    }
    return isUnknownSentinel(current) ? UNKNOWN : current;
}

/**
 * The elements of an array value: `UNKNOWN` when the array itself is unknown, `[]` when it is absent or not an
 * array; elements that are unknown appear as `UNKNOWN`.
 */
export function list(value: unknown): unknown[] | Unknown {
    if (value === UNKNOWN || isUnknownSentinel(value)) {
        return UNKNOWN;
    }
    if (!Array.isArray(value)) {
        return [];
    }
    const length = known(() => value.length);
    if (length === UNKNOWN) {
        return UNKNOWN;
    }
    const items: unknown[] = [];
    for (let i = 0; i < length; i++) {
        items.push(get(value, i));
    }
    return items;
}

/** A string or array-of-strings field (IAM `Action`, `Resource`) as a list; `UNKNOWN` if any part is unknown. */
export function stringList(value: unknown): string[] | Unknown {
    if (typeof value === "string") {
        return [value];
    }
    const items = list(value);
    if (items === UNKNOWN || items.some((i) => i === UNKNOWN)) {
        return UNKNOWN;
    }
    return items.filter((i): i is string => typeof i === "string");
}

/** A number, or a numeric string (some providers pass numbers as strings); `undefined` otherwise. */
export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/** Renders a property value for a message. */
export function show(value: unknown): string {
    if (value === undefined) {
        return "not set";
    }
    if (value === UNKNOWN) {
        return "unknown until deployment";
    }
    return JSON.stringify(value) ?? String(value);
}
