import { PLANNER_DEFAULTS } from "./defaults";

/**
 * What a client does when InvokeEndpoint fails because the component has no copy (NoCapacityInvocationFailures):
 * - `fail`: the request is lost;
 * - `retry`: it retries with exponential backoff, each retry another failed invocation until a copy serves it;
 * - `hold`: it waits (a queue, or a cold-start-aware client) until a copy serves it or the deadline passes.
 */
export type ClientBehaviour =
    | { readonly kind: "fail" }
    | {
          readonly kind: "retry";
          /** Attempts in all, the first included. Default 8. */
          readonly maxAttempts?: number;
          /** Delay before the first retry, seconds. Default 1. */
          readonly initialDelaySeconds?: number;
          /** Each delay is the previous one times this. Default 2. */
          readonly backoffFactor?: number;
          /** Longest delay, seconds. Default 60. */
          readonly maxDelaySeconds?: number;
      }
    | {
          readonly kind: "hold";
          /** Longest wait from the first attempt, seconds; a request not served by then is lost. Default 600. */
          readonly deadlineSeconds?: number;
          /**
           * The client wakes the component itself on its first failed call (UpdateInferenceComponentRuntimeConfig,
           * as `ScaleToZeroClient({ wake: true })` does), so no alarm period is waited. Default false.
           */
          readonly wakesEndpoint?: boolean;
      };

/** A client behaviour with defaults applied. */
export interface ResolvedClient {
    readonly kind: ClientBehaviour["kind"];
    readonly maxAttempts: number;
    readonly initialDelaySeconds: number;
    readonly backoffFactor: number;
    readonly maxDelaySeconds: number;
    readonly deadlineSeconds: number;
    readonly wakesEndpoint: boolean;
}

/** Applies defaults and checks ranges; throws naming the field. */
export function resolveClient(client: ClientBehaviour = PLANNER_DEFAULTS.client): ResolvedClient {
    const r = PLANNER_DEFAULTS.retry;
    const resolved: ResolvedClient = {
        kind: client.kind,
        maxAttempts: client.kind === "retry" ? (client.maxAttempts ?? r.maxAttempts) : 1,
        initialDelaySeconds: client.kind === "retry" ? (client.initialDelaySeconds ?? r.initialDelaySeconds) : 0,
        backoffFactor: client.kind === "retry" ? (client.backoffFactor ?? r.backoffFactor) : 1,
        maxDelaySeconds: client.kind === "retry" ? (client.maxDelaySeconds ?? r.maxDelaySeconds) : 0,
        deadlineSeconds: client.kind === "hold" ? (client.deadlineSeconds ?? PLANNER_DEFAULTS.client.deadlineSeconds) : 0,
        wakesEndpoint: client.kind === "hold" ? (client.wakesEndpoint ?? false) : false,
    };
    const problems: string[] = [];
    if (!["fail", "retry", "hold"].includes(resolved.kind)) {
        problems.push(`kind must be fail, retry or hold (got ${JSON.stringify(resolved.kind)})`);
    }
    if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
        problems.push(`maxAttempts must be an integer ≥ 1 (got ${resolved.maxAttempts})`);
    }
    if (resolved.kind === "retry" && !(resolved.initialDelaySeconds > 0)) {
        problems.push(`initialDelaySeconds must be > 0 (got ${resolved.initialDelaySeconds})`);
    }
    if (!(resolved.backoffFactor >= 1)) {
        problems.push(`backoffFactor must be ≥ 1 (got ${resolved.backoffFactor})`);
    }
    if (resolved.maxDelaySeconds < resolved.initialDelaySeconds) {
        problems.push(`maxDelaySeconds must be ≥ initialDelaySeconds (got ${resolved.maxDelaySeconds})`);
    }
    if (resolved.kind === "hold" && !(resolved.deadlineSeconds > 0)) {
        problems.push(`deadlineSeconds must be > 0 (got ${resolved.deadlineSeconds})`);
    }
    if (problems.length > 0) {
        throw new Error(`client behaviour: ${problems.join("; ")}`);
    }
    return resolved;
}

/** Delay before retry number `retry` (1 = the first retry). */
export function retryDelaySeconds(client: ResolvedClient, retry: number): number {
    return Math.min(client.maxDelaySeconds, client.initialDelaySeconds * Math.pow(client.backoffFactor, retry - 1));
}

/** One-line description for reports. */
export function describeClient(client: ResolvedClient): string {
    switch (client.kind) {
        case "fail":
            return "fail at once";
        case "retry":
            return `retry ${client.maxAttempts} attempts, backoff ${client.initialDelaySeconds}s ×${client.backoffFactor} ≤ ${client.maxDelaySeconds}s`;
        case "hold":
            return `hold up to ${client.deadlineSeconds}s${client.wakesEndpoint ? ", waking the component itself" : ""}`;
    }
}
