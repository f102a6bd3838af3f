/**
 * Every default of the package, in one place. Values follow the AWS scale-to-zero sample notebooks
 * (see README "Reference values"); change them here, never inline.
 */
export const DEFAULTS = {
    endpoint: {
        minInstanceCount: 0,
        maxInstanceCount: 2,
        initialInstanceCount: 1,
        routingStrategy: "LEAST_OUTSTANDING_REQUESTS",
        modelDataDownloadTimeoutSeconds: 600,
        containerStartupHealthCheckTimeoutSeconds: 600,
    },
    compute: {
        cpuCores: 1,
    },
    startup: {
        modelDataDownloadTimeoutSeconds: 600,
        containerStartupHealthCheckTimeoutSeconds: 600,
    },
    scaling: {
        minCopies: 0,
        maxCopies: 4,
        initialCopies: 1,
        keepLiveCopyCount: true,
        targetConcurrentRequestsPerCopy: 5,
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 300,
        /**
         * Longer than a cold start: while its alarm stays in ALARM (retrying clients keep failing until a copy
         * serves), the +1 is applied again only after the cooldown. The seed's 60 s added a copy every minute.
         */
        wakeUpCooldownSeconds: 600,
        wakeUpAlarmPeriodSeconds: 60,
    },
    schedule: {
        method: "autoscaling",
        scaleOutCopies: 1,
    },
    queue: {
        visibilityTimeoutSeconds: 60,
        maxReceiveCount: 5,
        messageRetentionSeconds: 345600,
        deadLetterRetentionSeconds: 1209600,
    },
    callerPolicy: {
        create: false,
        allowWake: false,
        publishColdStartMetrics: false,
    },
    observability: {
        dashboard: true,
        wakeFailedAlarm: true,
        /** Whole minutes (alarm periods of 60 s) above the seed's slowest measured cold start, 6.27 min (70B). */
        coldStartBudgetMinutes: Math.ceil(6.27),
        createAlarmTopic: false,
    },
    /**
     * Shortest idle timeout: longer than the slowest cold start AWS measured (6.27 min, Llama 3.1 70B), so even if
     * SageMaker publishes per-copy metrics as 0 while a copy starts (undocumented; docs/twin.md), the idle alarm
     * cannot fire before a woken copy serves its first request.
     */
    idleTimeoutMinMinutes: 7,
    /** Target tracking's scale-in alarm: 90 datapoints of 10 s. An idle timeout must be shorter to matter. */
    targetTrackingScaleInMinutes: 15,
    /**
     * Seconds a new IAM role ages before SageMaker is given it (IAM is eventually consistent); roles that already
     * existed are used at once.
     */
    iamPropagationSeconds: 15,
} as const;

/** Fixed AWS identifiers of the scale-to-zero wiring (not user settings). */
export const AWS = {
    scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
    serviceNamespace: "sagemaker",
    concurrencyMetric: "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
    wakeUpMetric: "NoCapacityInvocationFailures",
    metricNamespace: "AWS/SageMaker",
    variantName: "AllTraffic",
    /** Published every 10 s while the component has a copy, none at zero copies (what the idle timeout watches). */
    idleMetric: "ConcurrentRequestsPerCopy",
    /** Per-copy concurrency below this is idle: one request in flight on up to 1,000 copies is above it. */
    idleConcurrencyThreshold: 0.001,
    /** EventBridge Scheduler universal target for the SageMaker API call that sets a component's copy count. */
    updateRuntimeConfigTarget: "arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig",
    updateRuntimeConfigAction: "sagemaker:UpdateInferenceComponentRuntimeConfig",
} as const;

/** SageMaker resource names: 1–63 characters, letters and digits, single or repeated hyphens inside. */
export const SAGEMAKER_NAME_MAX = 63;
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
