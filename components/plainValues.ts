import * as pulumi from "@pulumi/pulumi";

/** Argument paths whose values may be Pulumi Inputs (they only flow into resource properties). */
const INPUT_PATHS = [/^executionRoleArn$/, /^(inferenceComponents\.[^.]+\.)?model\.environment(\.[^.]+)?$/];

function kindOf(value: unknown): string | undefined {
    if (pulumi.Output.isInstance(value)) {
        return "an Output";
    }
    if (value instanceof Promise) {
        return "a Promise";
    }
    if (value instanceof Date) {
        return "a Date object";
    }
    if (typeof value === "function") {
        return "a function";
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const proto: unknown = Object.getPrototypeOf(value);
        return proto === Object.prototype || proto === null ? undefined : "a class instance";
    }
    return undefined;
}

/**
 * Problems for values that are not plain data where plain data is needed: an Output is only known during
 * deployment (and always truthy), yet these fields decide which resources exist and are checked against AWS
 * limits now; a Date must be given as its ISO-8601 string. Outputs are allowed only in `INPUT_PATHS`.
 */
export function plainValueProblems(value: unknown, path = ""): string[] {
    const kind = kindOf(value);
    if (kind !== undefined) {
        if ((kind === "an Output" || kind === "a Promise") && INPUT_PATHS.some((p) => p.test(path))) {
            return [];
        }
        const fix = kind === "a Date object" ? "give an ISO-8601 UTC string such as date.toISOString() (in a YAML stack file, quote the timestamp)" : "give a plain value (it decides which resources are created and is checked before deployment)";
        return [`${path || "arguments"} is ${kind}: ${fix}`];
    }
    if (typeof value !== "object" || value === null) {
        return [];
    }
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => plainValueProblems(v, path ? `${path}.${key}` : key));
}
