/**
 * CloudWatch metric names shared by the dashboard, the alarms, the client, the status command, the twin and the
 * planner, so a simulated week and a real week chart the same way.
 *
 * SageMaker's own metrics (namespace AWS/SageMaker, dimension InferenceComponentName; "SageMaker AI endpoint
 * invocation metrics", https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html):
 * Invocations (Sum), ModelLatency (microseconds), ConcurrentRequestsPerCopy (Min/Max). NoCapacityInvocationFailures
 * is documented with the scale-to-zero feature (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
 * That page lists no CloudWatch metric for copy or instance counts: those come from the API (status command).
 */
export const SAGEMAKER_METRICS = {
    namespace: "AWS/SageMaker",
    componentDimension: "InferenceComponentName",
    invocations: "Invocations",
    noCapacityFailures: "NoCapacityInvocationFailures",
    modelLatency: "ModelLatency",
    concurrencyPerCopy: "ConcurrentRequestsPerCopy",
} as const;

/** Metrics this project publishes itself (the client, opt-in). */
export const PROJECT_METRICS = {
    /** Namespace of the client's cold-start metric; the caller policy's `cloudwatch:namespace` condition. */
    namespace: "ScaleToZero",
    /** Seconds from the first no-capacity answer to the served response, per component. */
    coldStartSeconds: "ColdStartDuration",
    endpointDimension: "EndpointName",
    componentDimension: "InferenceComponentName",
} as const;
