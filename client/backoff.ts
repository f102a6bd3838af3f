/**
 * Exponential backoff with jitter, and an abortable sleep.
 *
 * Jitter matters here more than usual: after a cold start every process that was holding requests polls the
 * same component, and without jitter their polls (and retries) stay in lock-step.
 */

export interface BackoffPolicy {
    /** Delay before the first retry, in ms. */
    readonly initialDelayMs: number;
    /** Cap of the (pre-jitter) delay, in ms. */
    readonly maxDelayMs: number;
    /** Growth factor per attempt (>= 1). */
    readonly multiplier: number;
}

/**
 * Delay before retry number `attempt` (0-based): "equal jitter", i.e. half of the exponential delay is fixed and
 * half is random. Unlike full jitter it never collapses to ~0 ms (which would hammer a throttled API), and it
 * still spreads callers over half the interval. `random` is injectable for deterministic tests.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
    const exponent = Math.max(0, Math.floor(attempt));
    const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * Math.pow(policy.multiplier, exponent));
    const half = base / 2;
    return half + Math.min(1, Math.max(0, random())) * half;
}

/**
 * Resolves true after `ms`, or false as soon as `signal` aborts (immediately if it already has). Never rejects
 * and always clears its timer and listener, so an aborted wait leaves nothing behind that keeps Node alive.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
        const onAbort = (): void => {
            clearTimeout(timer);
            resolve(false);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve(true);
        }, Math.max(0, ms));
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}
