import { PolicyConfigSchema } from "@pulumi/policy";

/**
 * Which stack a resource belongs to, and whether that stack counts as a dev stack.
 *
 * Inside a policy pack `pulumi.getStack()` describes the pack's own process, not the stack under analysis, so the
 * stack name is taken from the resource URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`.
 */

/** The parts of a Pulumi resource URN. */
export interface ParsedUrn {
    readonly stack: string;
    readonly project: string;
    /** The qualified type: parent types joined with `$`, then the resource's own type. */
    readonly qualifiedType: string;
    /** The resource's own type (the last part of the qualified type). */
    readonly type: string;
    readonly name: string;
}

/** Parses `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; undefined when `urn` has another shape. */
export function parseUrn(urn: string | undefined): ParsedUrn | undefined {
    const prefix = "urn:pulumi:";
    if (urn === undefined || !urn.startsWith(prefix)) {
        return undefined;
    }
    // Stack, project and type never contain "::"; the resource name may.
    const parts = urn.slice(prefix.length).split("::");
    if (parts.length < 4 || parts.slice(0, 3).some((p) => p === "")) {
        return undefined;
    }
    const [stack, project, qualifiedType] = parts;
    const name = parts.slice(3).join("::");
    const types = qualifiedType.split("$");
    return { stack, project, qualifiedType, type: types[types.length - 1], name };
}

/** The stack name of a resource URN, or undefined when the URN cannot be parsed. */
export function stackOfUrn(urn: string | undefined): string | undefined {
    return parseUrn(urn)?.stack;
}

/**
 * Turns a glob-ish pattern into an anchored, case-insensitive regular expression: `*` matches any run of
 * characters (including none), `?` exactly one; everything else is literal.
 */
export function globToRegExp(pattern: string): RegExp {
    const source = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/-]/g, "\\$&")))
        .join("");
    return new RegExp(`^${source}$`, "i");
}

/** The first pattern that `value` matches, or undefined. */
export function firstMatch(value: string, patterns: readonly string[]): string | undefined {
    return patterns.find((p) => globToRegExp(p).test(value));
}

/** How dev stacks are recognised (policy configuration shared by the dev-aware policies). */
export interface DevStackConfig {
    /** Stack name patterns (`*`, `?`) that mark a dev stack. */
    readonly devStackPatterns: readonly string[];
    /** A stack tag that marks a dev stack: `key=value`, or `key` for "tag present". Empty: not used. */
    readonly devStackTag: string;
}

export const DEV_STACK_DEFAULTS: DevStackConfig = {
    devStackPatterns: ["dev", "dev-*", "*-dev"],
    devStackTag: "",
};

/** Config schema properties of the dev-stack detection (used by every dev-aware policy). */
export const DEV_STACK_CONFIG_SCHEMA: PolicyConfigSchema["properties"] = {
    devStackPatterns: {
        type: "array",
        items: { type: "string" },
        default: [...DEV_STACK_DEFAULTS.devStackPatterns],
        description:
            "Stack names that count as dev stacks. Glob-ish patterns, case-insensitive: '*' matches any characters, " +
            "'?' one character. A stack is a dev stack when its name matches any pattern OR it carries devStackTag. " +
            "Use [] to recognise dev stacks by tag only.",
    },
    devStackTag: {
        type: "string",
        default: DEV_STACK_DEFAULTS.devStackTag,
        description:
            "A stack tag that marks a dev stack (set with `pulumi stack tag set <key> <value>`): 'key=value' " +
            "(value compared case-insensitively) or 'key' (tag present with any value). Empty: tags are not used.",
    },
};

/** Splits a `key=value` / `key` tag selector. */
export function parseTagSelector(selector: string): { key: string; value?: string } | undefined {
    const trimmed = selector.trim();
    if (trimmed === "") {
        return undefined;
    }
    const eq = trimmed.indexOf("=");
    if (eq < 0) {
        return { key: trimmed };
    }
    return { key: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim() };
}

/**
 * Why the stack counts as a dev stack (for messages), or undefined when it is not one.
 * A stack is dev when its name matches a `devStackPatterns` entry or it carries the `devStackTag` tag.
 */
export function devStackReason(
    stack: string | undefined,
    stackTags: ReadonlyMap<string, string>,
    config: DevStackConfig,
): string | undefined {
    if (stack !== undefined) {
        const pattern = firstMatch(stack, config.devStackPatterns);
        if (pattern !== undefined) {
            return `stack "${stack}" matches devStackPatterns entry "${pattern}"`;
        }
    }
    const tag = parseTagSelector(config.devStackTag);
    if (tag) {
        const value = stackTags.get(tag.key);
        if (value !== undefined && (tag.value === undefined || value.toLowerCase() === tag.value.toLowerCase())) {
            return `stack ${stack === undefined ? "" : `"${stack}" `}has tag ${tag.key}=${value} (devStackTag "${config.devStackTag}")`;
        }
    }
    return undefined;
}

/** One line that says how dev stacks are recognised, for "not a dev stack" reasons. */
export function describeDevStackRule(config: DevStackConfig): string {
    const patterns = config.devStackPatterns.length > 0 ? `devStackPatterns ${JSON.stringify(config.devStackPatterns)}` : "";
    const tag = config.devStackTag.trim() !== "" ? `devStackTag "${config.devStackTag}"` : "";
    return [patterns, tag].filter((s) => s !== "").join(" or ") || "no dev-stack rule configured";
}
