/**
 * Policy configuration with defaults. The Pulumi CLI fills in `configSchema` defaults before it configures the
 * pack, but `getConfig()` returns `{}` when nothing was configured (tests, local evaluation, older CLIs), so every
 * policy merges its own defaults too.
 */
export function configWithDefaults<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const given = (args.getConfig<Partial<T>>() ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, value] of Object.entries(given)) {
        if (value !== undefined && value !== null) {
            merged[key] = value;
        }
    }
    return merged as T;
}
