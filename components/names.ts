import { createHash } from "crypto";
import { SAGEMAKER_NAME_MAX, SAGEMAKER_NAME_PATTERN } from "./defaults";

const HASH_LENGTH = 7;

/** Short, stable hash of a string (hex). */
export function shortHash(value: string, length = HASH_LENGTH): string {
    return createHash("sha256").update(value).digest("hex").slice(0, length);
}

/**
 * Builds a SageMaker-valid name (letters, digits, single hyphens; at most `max` characters) from free-form parts.
 * When the joined name is too long it keeps a readable prefix and appends a hash of the full name, so two long
 * names that share a prefix still differ.
 */
export function sageMakerName(parts: readonly string[], max = SAGEMAKER_NAME_MAX): string {
    const full = parts
        .map((p) => p.replace(/[^a-zA-Z0-9-]+/g, "-"))
        .join("-")
        .replace(/-+/g, "-")
        .replace(/^-|-$/g, "");
    if (full.length === 0) {
        throw new Error(`cannot build a SageMaker name from ${JSON.stringify(parts)}: no letters or digits`);
    }
    if (full.length <= max) {
        return full;
    }
    const prefix = full.slice(0, max - HASH_LENGTH - 1).replace(/-+$/, "");
    return `${prefix}-${shortHash(full)}`;
}

/** Returns an error message when `name` is not a valid SageMaker name, otherwise undefined. */
export function sageMakerNameError(name: string): string | undefined {
    if (name.length < 1 || name.length > SAGEMAKER_NAME_MAX) {
        return `must be 1-${SAGEMAKER_NAME_MAX} characters long (got ${name.length})`;
    }
    if (!SAGEMAKER_NAME_PATTERN.test(name)) {
        return "may contain only letters, digits and hyphens, and must start and end with a letter or digit";
    }
    return undefined;
}
