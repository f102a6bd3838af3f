import * as pulumi from "@pulumi/pulumi";
import { sageMakerNameError } from "./names";

// Generic argument checks shared by the validators: each pushes `path message (got value)` problems.

/** Collects problems as `path: message` strings. */
export type Problems = string[];

/** Keys of `inferenceComponents` and `adapters`: they become parts of resource and SageMaker names. */
export const KEY_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/** The shape of a SageMaker instance type name (`ml.<family>.<size>`). */
export const INSTANCE_TYPE_PATTERN = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;

/** A value as error messages show it: strings and maps as JSON, Outputs by name (never their toString text). */
export function describe(value: unknown): string {
    if (pulumi.Output.isInstance(value)) {
        return "an Output"; // String(output) is Pulumi's long toString warning
    }
    return typeof value === "string" ? JSON.stringify(value) : isRecord(value) ? JSON.stringify(value) : String(value);
}

/** Reports a sub-object that is given but not a map (e.g. YAML `scaling:` with no value, which is null). */
export function isMapOrReport(problems: Problems, path: string, value: unknown, fields: string): value is Record<string, unknown> {
    if (isRecord(value)) {
        return true;
    }
    problems.push(`${path} must be a map { ${fields} } (got ${describe(value)})`);
    return false;
}

/** Checks an optional integer in [min, max]. */
export function checkInteger(problems: Problems, path: string, value: unknown, min: number, max?: number): void {
    if (value === undefined) {
        return;
    }
    const range = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
        problems.push(`${path} must be ${range} (got ${describe(value)})`);
    }
}

/** Checks an optional finite number strictly above `exclusiveMin` or at least `inclusiveMin`. */
export function checkNumber(problems: Problems, path: string, value: unknown, min: number, exclusive: boolean): void {
    if (value === undefined) {
        return;
    }
    const ok = typeof value === "number" && Number.isFinite(value) && (exclusive ? value > min : value >= min);
    if (!ok) {
        problems.push(`${path} must be a number ${exclusive ? ">" : ">="} ${min} (got ${describe(value)})`);
    }
}

/** True for an integer >= min: cross-field checks only compare values that are valid on their own. */
export function isCount(value: unknown, min: number): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= min;
}

export function checkName(problems: Problems, path: string, value: unknown): void {
    if (value === undefined) {
        return;
    }
    const error = typeof value === "string" ? sageMakerNameError(value) : "must be a string";
    if (error) {
        problems.push(`${path} ${error} (got ${describe(value)})`);
    }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function checkStringMap(problems: Problems, path: string, value: unknown, allowOutputs = false): void {
    if (value === undefined) {
        return;
    }
    if (!isRecord(value)) {
        problems.push(`${path} must be a map of string to string`);
        return;
    }
    for (const [k, v] of Object.entries(value)) {
        if (typeof v !== "string" && !(allowOutputs && pulumi.Output.isInstance(v))) {
            problems.push(`${path}.${k} must be a string (got ${describe(v)}); quote numbers and booleans`);
        }
    }
}
