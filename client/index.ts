// Public API of the cold-start-aware client. See docs/client.md.
export { ScaleToZeroClient } from "./scaleToZeroClient";
export type {
    ColdStartInvokeInput,
    ColdStartInvokeStreamInput,
    ColdStartOptions,
    InvokeCallOptions,
    ResolvedColdStartOptions,
    ScaleToZeroClientOptions,
} from "./options";
export { isReplayableBody, resolveColdStartOptions, validateCallOptions, validateColdStartOptions, validateInvokeInput } from "./options";
export type { ColdStartPhase, ColdStartProgress, ProgressListener, RemainingEstimateInput } from "./progress";
export { estimateRemainingMs } from "./progress";
export {
    AccessDeniedError,
    ColdStartAbortedError,
    ColdStartTimeoutError,
    CredentialsError,
    InferenceComponentFailedError,
    InferenceComponentNotFoundError,
    MalformedResponseError,
    ScaleToZeroError,
} from "./errors";
export type { CopyCounts, ScaleToZeroErrorContext } from "./errors";
export {
    NO_CAPACITY_PATTERN,
    classifyControlPlaneError,
    classifyInvokeError,
    isNoCapacityError,
    isThrottlingError,
} from "./errorClassification";
export type { ControlPlaneErrorKind, InvokeErrorKind } from "./errorClassification";
export { parseCapacity, hasCapacity } from "./capacity";
export type { CapacityParseResult, CapacitySnapshot } from "./capacity";
export { backoffDelayMs } from "./backoff";
export type { BackoffPolicy } from "./backoff";
export { CapacityWaiter } from "./capacityWaiter";
export type { CapacityControlPlane, CapacityEvent, CapacityTarget, CapacityWaiterStats, WaitOptions } from "./capacityWaiter";
export { CLIENT_DEFAULTS, CLI_DEFAULTS, QUEUE_CONSUMER_DEFAULTS, SEED_ALARM_LEAD_MS, SEED_COLD_START_MS } from "./defaults";
export { clientPolicyDocument, normalizeSageMakerArn } from "./callerPolicy";
export type { ClientPolicyArgs, PolicyDocument, PolicyStatement } from "./callerPolicy";
export { QueueConsumer, resolveQueueConsumerOptions } from "./queueConsumer";
export type { BatchResult, QueueConsumerEvent, QueueConsumerOptions } from "./queueConsumer";
export { decodeQueueRequest, decodeQueueResult, encodeQueueRequest, encodeQueueResult, encodeResultBody } from "./queueMessages";
export type { BodyEncoding, QueueRequest, QueueResult, ResolvedQueueRequest } from "./queueMessages";
export { formatDuration, formatStatusLine, StatusReporter } from "./statusLine";
