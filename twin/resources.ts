/**
 * The twin's input: the resources a stack program registers, as a plain list. Each entry's `inputs` holds the
 * resource's properties plus the names and ARNs a provider computes (the in-process recorder adds them), because
 * the loop is wired by ARN and name: alarm actions → policy ARN, policy resourceId → scalable target, alarm
 * dimensions → inference component name. A gRPC engine can produce the same list.
 */
export interface TwinResource {
    readonly type: string;
    readonly name: string;
    readonly inputs: Readonly<Record<string, any>>;
}

/** Type tokens the twin executes; every other resource (roles, models, endpoints) is ignored. */
export const TWIN_TYPES = {
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    policy: "aws:appautoscaling/policy:Policy",
    target: "aws:appautoscaling/target:Target",
    scheduledAction: "aws:appautoscaling/scheduledAction:ScheduledAction",
    schedule: "aws:scheduler/schedule:Schedule",
    endpointConfig: "aws-native:sagemaker:EndpointConfig",
    endpoint: "aws-native:sagemaker:Endpoint",
    inferenceComponent: "aws-native:sagemaker:InferenceComponent",
} as const;

/** What the recorder (preview/mockEngine.ts RecordingMocks) keeps per resource. */
interface RecordedLike {
    readonly type: string;
    readonly name: string;
    readonly state: Record<string, any>;
}

/** The twin's input from the in-process recorder: registered resources with their computed state. */
export function fromRecorder(resources: readonly RecordedLike[]): TwinResource[] {
    return resources
        .filter((r) => Object.keys(r.state).length > 0)
        .map((r) => ({ type: r.type, name: r.name, inputs: r.state }));
}
