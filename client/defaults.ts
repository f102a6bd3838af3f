/**
 * Every default of the client, the queue consumer and the CLI, in one place. Each value says where it comes from.
 */

/** Seed measurement (DESIGN.md §1): Llama 3.1 8B scale-out from zero = 1 (alarm) + 1.748 + 2.28 ≈ 5.03 min. */
export const SEED_COLD_START_MS = 5 * 60_000;

/** Seed measurement: the first minute of a cold start is the NoCapacityInvocationFailures alarm firing. */
export const SEED_ALARM_LEAD_MS = 60_000;

export const CLIENT_DEFAULTS = {
    /**
     * Off: waking needs sagemaker:UpdateInferenceComponentRuntimeConfig, which lets a caller change capacity
     * (and spend); the endpoint's alarm wakes it anyway about one minute later. Turn it on to save that minute.
     */
    wake: false,
    /** Off: publishing needs cloudwatch:PutMetricData (callerPolicy.publishColdStartMetrics). */
    publishColdStartMetrics: false,
    /** 10 minutes: the slowest seed trial (6.27 min) plus margin, and still short enough to surface a stuck endpoint. */
    deadlineMs: 10 * 60_000,
    /** First DescribeInferenceComponent poll delay; the first poll itself is immediate. */
    pollInitialDelayMs: 2_000,
    /**
     * Cap of the poll delay. A cold start lasts minutes, so 15 s costs at most 15 s of latency and keeps one
     * poll loop at ≤ 4 Describe calls a minute, well inside the control plane's request rate limits.
     */
    pollMaxDelayMs: 15_000,
    /** Exponential growth factor of the poll delay. */
    pollMultiplier: 2,
    /**
     * Delay before re-invoking when Describe already reports a copy but the invoke still says "no capacity"
     * (routing lags the copy count by a few seconds) or says ModelNotReadyException; grows ×2 up to pollMaxDelayMs.
     */
    retryInitialDelayMs: 500,
    /** What a cold start is expected to take, for the remaining-time estimate. */
    expectedColdStartMs: SEED_COLD_START_MS,
    /** The part of expectedColdStartMs that a wake skips (the alarm's minute). */
    alarmLeadMs: SEED_ALARM_LEAD_MS,
} as const;

export const QUEUE_CONSUMER_DEFAULTS = {
    /** SQS maximum: fewer empty receives, i.e. ~3 ReceiveMessage requests a minute when the queue is idle. */
    waitTimeSeconds: 20,
    /** SQS maximum per ReceiveMessage; all messages of a batch are invoked concurrently. */
    maxMessages: 10,
    /**
     * Visibility timeout requested on receive and on every extension. Short enough that a crashed consumer's
     * message comes back within a minute; the consumer keeps extending it while it holds through a cold start.
     */
    visibilityTimeoutSeconds: 60,
    /** Extend visibility when half of the timeout has passed, so one slow extension cannot lose the message. */
    heartbeatFraction: 0.5,
} as const;

export const CLI_DEFAULTS = {
    contentType: "application/json",
    deadlineMinutes: CLIENT_DEFAULTS.deadlineMs / 60_000,
    /** When stderr is not a TTY, print a progress line at most this often unless the phase or copies change. */
    plainLineIntervalMs: 30_000,
    /** On a TTY, how often the live line is redrawn between progress reports (elapsed/remaining keep moving). */
    ttyTickMs: 1_000,
} as const;
