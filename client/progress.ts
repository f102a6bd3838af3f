/**
 * Progress reports of a cold-start-aware call, and the pure remaining-time estimate they carry.
 */

/**
 * - invoking: the request is being sent (first attempt).
 * - cold-start-detected: SageMaker said the component has no copies; the call now holds.
 * - waking: raising the desired copy count from 0 to 1 (option `wake`).
 * - waiting-for-capacity: polling DescribeInferenceComponent until a copy is up.
 * - throttled: the control plane throttled a poll; backing off harder.
 * - retrying: capacity is there (or a copy is starting); the request is sent again.
 * - done: the response arrived.
 */
export type ColdStartPhase =
    | "invoking"
    | "cold-start-detected"
    | "waking"
    | "waiting-for-capacity"
    | "throttled"
    | "retrying"
    | "done";

export interface ColdStartProgress {
    readonly phase: ColdStartPhase;
    readonly endpointName: string;
    readonly inferenceComponentName: string;
    /** Time since this call started, in ms. */
    readonly elapsedMs: number;
    /** Invoke attempts made so far (1 on the first). */
    readonly attempt: number;
    /** Last RuntimeConfig.CurrentCopyCount seen, if the control plane was asked. */
    readonly currentCopyCount?: number;
    /** Last RuntimeConfig.DesiredCopyCount seen, if the control plane was asked. */
    readonly desiredCopyCount?: number;
    /** Rough time until a copy is up, in ms (0 = "any moment now"); only during a cold start. */
    readonly estimatedRemainingMs?: number;
    /**
     * On `done` after a cold start: ms from this call's first no-capacity answer to its response (what the
     * optional cold-start metric records).
     */
    readonly coldStartMs?: number;
    /** Human-readable detail (e.g. why a poll was retried). */
    readonly detail?: string;
}

export type ProgressListener = (progress: ColdStartProgress) => void;

export interface RemainingEstimateInput {
    /** Time since this process first saw the component without capacity, in ms. */
    readonly coldStartElapsedMs: number;
    /** What a whole cold start is expected to take (seed: ~5 min). */
    readonly expectedColdStartMs: number;
    /** The part of it spent waiting for the scale-out alarm (seed: ~1 min). */
    readonly alarmLeadMs: number;
    /** Whether this client raised the desired count itself, skipping the alarm. */
    readonly woke: boolean;
    readonly currentCopyCount?: number;
}

/**
 * Remaining time = expected cold start (minus the alarm's minute when we woke the component ourselves) minus
 * the time already spent, never below 0. It is the seed's average, not a promise: instance provisioning alone
 * varied from 1.7 to 3 minutes between model sizes.
 */
export function estimateRemainingMs(input: RemainingEstimateInput): number {
    if ((input.currentCopyCount ?? 0) >= 1) return 0;
    const expected = input.woke ? input.expectedColdStartMs - input.alarmLeadMs : input.expectedColdStartMs;
    return Math.max(0, Math.round(expected - Math.max(0, input.coldStartElapsedMs)));
}
