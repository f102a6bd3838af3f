/**
 * A stack `config:` map with changes merged in (plain objects deeply, anything else replaced; `null` removes the
 * key). How the planner and the tests derive configuration variants of one stack.
 */
export function configVariant(config: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
    return merge(config, changes) as Record<string, unknown>;
}

function merge(base: unknown, change: unknown): unknown {
    if (change === null) {
        return undefined;
    }
    // Pulumi config may hold a structured value as a JSON string.
    if (typeof base === "string" && base.trim().startsWith("{") && typeof change === "object" && !Array.isArray(change)) {
        base = JSON.parse(base);
    }
    if (typeof change !== "object" || Array.isArray(change)) {
        return change;
    }
    if (typeof base !== "object" || base === null || Array.isArray(base)) {
        base = {};
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(change as Record<string, unknown>)) {
        const merged = merge(out[k], v);
        if (merged === undefined) {
            delete out[k];
        } else {
            out[k] = merged;
        }
    }
    return out;
}
