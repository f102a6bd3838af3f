import * as pulumi from "@pulumi/pulumi";
import { InstanceTypeSpec } from "./limits/instanceTypes";

/**
 * Where the model comes from. Give either `image` (a new SageMaker Model is created from the image and,
 * optionally, model data) or `existingModelName` (a Model that already exists in the account), never both.
 */
export interface ModelSource {
    /** Container image URI, e.g. an ECR image `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`. */
    readonly image?: string;
    /** S3 URL of the model artifacts (`s3://bucket/key.tar.gz` or an `s3://bucket/prefix/`). Optional. */
    readonly modelDataUrl?: string;
    /**
     * Environment variables for the container (Model `PrimaryContainer.Environment`: keys of letters, digits and
     * `_`; each key and value at most 1024 bytes, 32 KB in all). Values may be Inputs, and the whole map may be a
     * secret Output (`pulumi.secret({...})`; its keys and sizes are then checked by AWS only): pass credentials as
     * secrets (or `secure:` stack config) so Pulumi state and previews keep them secret. SageMaker itself stores
     * the environment in plain text, readable with `sagemaker:DescribeModel`.
     */
    readonly environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * ARN of the KMS key that encrypts the model data in S3 (SSE-KMS). The execution role may then use it for
     * `kms:Decrypt`, through S3 only. Requires `modelDataUrl`. Default: none (SSE-S3 or unencrypted data).
     */
    readonly modelDataKmsKeyArn?: string;
    /** Name of an existing SageMaker Model to serve instead of creating one. */
    readonly existingModelName?: string;
}

/** Hardware one copy of the model needs on an instance (SageMaker `ComputeResourceRequirements`). */
export interface ComputeRequirements {
    /** GPUs (or Inferentia/Trainium cores) per copy. Minimum 1. */
    readonly acceleratorCount: number;
    /** Memory reserved per copy, in MiB. Minimum 128. */
    readonly memoryMiB: number;
    /** CPU cores reserved per copy. Minimum 0.25. Default 1. */
    readonly cpuCores?: number;
}

/** Container start-up limits (API range 60–3600 seconds each). */
export interface StartupTimeouts {
    /** Time allowed to download the model data. Default 600. */
    readonly modelDataDownloadTimeoutSeconds?: number;
    /** Time allowed for the container to pass its health check. Default 600. */
    readonly containerStartupHealthCheckTimeoutSeconds?: number;
}

/** How the copy count of one inference component follows load (Application Auto Scaling). */
export interface CopyScaling {
    /** Lowest copy count autoscaling may choose. 0 enables scale to zero. Default 0. */
    readonly minCopies?: number;
    /** Highest copy count. Minimum 1. Default 4. */
    readonly maxCopies?: number;
    /** Copies created with the component (SageMaker rejects 0 at create). Default 1. */
    readonly initialCopies?: number;
    /**
     * On an update of an existing component, send the copy count autoscaling has chosen (read with
     * DescribeInferenceComponent while the program runs) instead of `initialCopies`. aws-native re-sends the
     * write-only copy count with every update, so without this an update resets the copies. Needs
     * `sagemaker:DescribeInferenceComponent` for the deploying identity. Default true.
     */
    readonly keepLiveCopyCount?: boolean;
    /** Target tracking value: concurrent requests per copy. Must be > 0. Default 5. */
    readonly targetConcurrentRequestsPerCopy?: number;
    /** Seconds between scale-in actions of target tracking. Default 300. */
    readonly scaleInCooldownSeconds?: number;
    /** Seconds between scale-out actions of target tracking. Default 300. */
    readonly scaleOutCooldownSeconds?: number;
    /**
     * Cooldown of the wake-up step policy, in seconds. Keep it longer than a cold start: clients that retry keep
     * the wake-up alarm in ALARM, and Application Auto Scaling adds one more copy each time the cooldown ends.
     * Default 600 (the AWS sample's 60 adds a copy every minute of a cold start).
     */
    readonly wakeUpCooldownSeconds?: number;
    /**
     * Period of the `NoCapacityInvocationFailures` wake-up alarm: 10, 30 or a multiple of 60 seconds.
     * Default 60 (the metric is published per minute; shorter periods can sit in INSUFFICIENT_DATA).
     */
    readonly wakeUpAlarmPeriodSeconds?: number;
    /**
     * Minutes without a request in flight after which the copies go straight to 0 (7–14). Target tracking
     * already does this after its fixed ~15 minutes; an idle timeout only makes it shorter. At least 7, longer than
     * the slowest measured cold start, so it never releases a woken copy before it serves. Requires minCopies 0.
     * Default: unset (target tracking's ~15 minutes).
     */
    readonly idleTimeoutMinutes?: number;
}

/**
 * The fields of one inference component, all optional: the single-model shorthand of `ScaleToZeroModelArgs`
 * and the base of `InferenceComponent` (which makes `model` and `compute` required). Declared once so the
 * schema of every Pulumi language carries the same field descriptions in both places.
 */
export interface InferenceComponentFields {
    /** The model this component serves. Required (in the single-model shorthand: unless `inferenceComponents` is given). */
    readonly model?: ModelSource;
    /** Accelerators, memory and CPU per copy. Required with `model`. */
    readonly compute?: ComputeRequirements;
    /** Download and health-check timeouts of a copy. Defaults: 600 s each. */
    readonly startup?: StartupTimeouts;
    /** Copy-count autoscaling. Defaults: 0..4 copies, 5 concurrent requests per copy. */
    readonly scaling?: CopyScaling;
    /**
     * SageMaker name of the inference component (1–63 characters: letters, digits, hyphens).
     * Default: derived from the component resource name, the key and the stack, shortened with a hash if needed.
     */
    readonly inferenceComponentName?: string;
}

/**
 * One inference component (one model) on a scale-to-zero endpoint. The schema type is named after this interface,
 * and SDK generators append `Args` to input types (Python `InferenceComponentArgs`), hence no `Args` suffix here.
 */
export interface InferenceComponent extends InferenceComponentFields {
    /** The model this component serves. Required. */
    readonly model: ModelSource;
    /** Accelerators, memory and CPU per copy. Required. */
    readonly compute: ComputeRequirements;
}
/** The name TypeScript code of this package uses for `InferenceComponent`. */
export type InferenceComponentArgs = InferenceComponent;

/** The endpoint (instances) shared by all inference components. */
export interface EndpointArgs {
    /** SageMaker instance type, e.g. `ml.g5.12xlarge`. Required. */
    readonly instanceType: string;
    /**
     * Hardware of one instance (`{ acceleratorCount, acceleratorMemoryGiB, memoryGiB, vCpus }`), used to check that
     * copies fit. Give it for a type missing from the built-in table (`components/limits/instanceTypes.ts`) or to
     * correct a row. Default: the table's row for `instanceType`; an unknown type without it is rejected.
     */
    readonly instanceTypeSpec?: InstanceTypeSpec;
    /** Managed instance scaling minimum. 0 releases every instance when all copies are 0. Default 0. */
    readonly minInstanceCount?: number;
    /** Managed instance scaling maximum. Minimum 1. Default 2. */
    readonly maxInstanceCount?: number;
    /** Instances started with the endpoint. Minimum 1. Default 1. */
    readonly initialInstanceCount?: number;
    /** Request routing across copies. Default `LEAST_OUTSTANDING_REQUESTS`. */
    readonly routingStrategy?: RoutingStrategy;
    /** Variant-level model download timeout, seconds (60–3600). Default 600. */
    readonly modelDataDownloadTimeoutSeconds?: number;
    /** Variant-level container health-check timeout, seconds (60–3600). Default 600. */
    readonly containerStartupHealthCheckTimeoutSeconds?: number;
    /**
     * Execution role SageMaker uses to pull images and model data. Default: a least-privilege role created
     * by the component for exactly the images and S3 locations of its models.
     */
    readonly executionRoleArn?: pulumi.Input<string>;
    /** SageMaker endpoint name (1–63 characters: letters, digits, hyphens). Default: derived, see README. */
    readonly endpointName?: string;
    /** Tags for every taggable resource. */
    readonly tags?: Record<string, string>;
    /**
     * A weekly schedule for every inference component of the endpoint (instances are released only when all
     * components are at 0). Default: none.
     */
    readonly schedule?: WeeklySchedule;
    /**
     * How managed instance scaling releases instances once copies are gone (the endpoint's `ScaleInPolicy`).
     * Default: unset, SageMaker's own behaviour (idle instances released ~10 minutes after the last copy).
     */
    readonly instanceScaleIn?: InstanceScaleIn;
    /**
     * The IAM policy applications need to call the endpoint through the cold-start-aware client (`client/`):
     * InvokeEndpoint on the endpoint, DescribeInferenceComponent on its components, and
     * UpdateInferenceComponentRuntimeConfig only with `allowWake`. Always exported as JSON (`callerPolicyJson`);
     * `create: true` also creates it as a managed policy to attach to application roles.
     * Default `{ create: false, allowWake: false }`.
     */
    readonly callerPolicy?: CallerPolicy;
    /**
     * A CloudWatch dashboard for the endpoint and a wake-failed alarm per component (see docs/observability.md).
     * Default `{ dashboard: true, wakeFailedAlarm: true }`, no notification topic.
     */
    readonly observability?: Observability;
}

/** See `EndpointArgs.observability`. */
export interface Observability {
    /** Create a CloudWatch dashboard (copies, invocations, no-capacity failures, latency, cold starts, alarms). Default true. */
    readonly dashboard?: boolean;
    /** Create a wake-failed alarm per component: no-capacity failures for longer than `coldStartBudgetMinutes`. Default true. */
    readonly wakeFailedAlarm?: boolean;
    /**
     * Minutes of no-capacity failures in a row after which a wake counts as failed (whole minutes, 1–60).
     * Default 7: the seed's slowest measured cold start (6.27 min, Llama 3.1 70B) rounded up.
     */
    readonly coldStartBudgetMinutes?: number;
    /** Create an SNS topic and make it the wake-failed alarms' action (output `alarmTopicArn`). Default false. */
    readonly createAlarmTopic?: boolean;
    /** ARN of an existing SNS topic for the wake-failed alarms; not together with `createAlarmTopic`. Default: none. */
    readonly alarmTopicArn?: string;
}

/** See `EndpointArgs.callerPolicy`. Named without `Args`: SDK generators add it (Python `CallerPolicyArgs`). */
export interface CallerPolicy {
    /** Create a managed IAM policy (output `callerPolicyArn`). Default false. */
    readonly create?: boolean;
    /** Let callers wake a component from zero copies. Default false. */
    readonly allowWake?: boolean;
    /**
     * Let callers publish the client's cold-start metric (`cloudwatch:PutMetricData`, only in the `ScaleToZero`
     * namespace). Default false.
     */
    readonly publishColdStartMetrics?: boolean;
}

/** How a weekly schedule changes the copy count. */
export const ScheduleMethod = {
    /**
     * Application Auto Scaling scheduled actions. Off = max capacity 0 (nothing, not even a request, starts a
     * copy); on = at least `scaleOutCopies` copies warm. Autoscaling and the schedule never fight.
     */
    Autoscaling: "autoscaling",
    /**
     * EventBridge Scheduler sets the copy count (0 at scale-in, `scaleOutCopies` at scale-out). Requests still
     * wake the endpoint off-hours. Needs `minCopies` 0.
     */
    Scheduler: "scheduler",
} as const;
/** A string literal (`"autoscaling"`) is accepted wherever a `ScheduleMethod` is. */
export type ScheduleMethod = (typeof ScheduleMethod)[keyof typeof ScheduleMethod];
export const SCHEDULE_METHODS: readonly ScheduleMethod[] = Object.values(ScheduleMethod);

/** Weekly scale-in / scale-out, e.g. off from Friday 18:00 to Monday 07:00 in the team's time zone. */
export interface WeeklySchedule {
    /** How the schedule changes the copy count: `autoscaling` or `scheduler`. Default `autoscaling`. */
    readonly method?: ScheduleMethod;
    /** IANA time zone, e.g. `Europe/Berlin` (DST-safe; fixed offsets are rejected). Required. */
    readonly timezone: string;
    /** When copies go to 0: `cron(minutes hours day-of-month month day-of-week year)`, e.g. `cron(0 18 ? * FRI *)`. */
    readonly scaleInCron: string;
    /** When copies come back, e.g. `cron(0 7 ? * MON *)`. */
    readonly scaleOutCron: string;
    /** Copies per component at scale-out, within [max(1, minCopies), maxCopies]. Default 1. */
    readonly scaleOutCopies?: number;
    /** First day the schedule applies, ISO-8601 UTC (`2026-01-05T00:00:00Z`). Optional. */
    readonly startDate?: string;
    /** Last day the schedule applies, ISO-8601 UTC, after `startDate`. Optional. */
    readonly endDate?: string;
}

/** How managed instance scaling releases instances (`ScaleInPolicy.Strategy`). */
export const InstanceScaleInStrategy = {
    /** Release instances that hold no copies. */
    IdleRelease: "IDLE_RELEASE",
    /** Also pack copies onto fewer instances, then release the empty ones. */
    Consolidation: "CONSOLIDATION",
} as const;
export type InstanceScaleInStrategy = (typeof InstanceScaleInStrategy)[keyof typeof InstanceScaleInStrategy];
export const INSTANCE_SCALE_IN_STRATEGIES: readonly InstanceScaleInStrategy[] = Object.values(InstanceScaleInStrategy);

/** Managed instance scaling `ScaleInPolicy`. */
export interface InstanceScaleIn {
    /** `IDLE_RELEASE` releases instances without copies; `CONSOLIDATION` also packs copies onto fewer instances. Required. */
    readonly strategy: InstanceScaleInStrategy;
    /** Minutes after the last endpoint operation before scale-in is evaluated (5–1440; SageMaker default 20). */
    readonly cooldownMinutes?: number;
    /** Instances released at a time (1–100; SageMaker default 1). */
    readonly maximumStepSize?: number;
}

/** How the endpoint routes requests across copies (`RoutingConfig.RoutingStrategy`). */
export const RoutingStrategy = {
    /** Send each request to the copy with the fewest requests in flight. */
    LeastOutstandingRequests: "LEAST_OUTSTANDING_REQUESTS",
    /** Send each request to a random copy. */
    Random: "RANDOM",
} as const;
export type RoutingStrategy = (typeof RoutingStrategy)[keyof typeof RoutingStrategy];
export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = Object.values(RoutingStrategy);

/**
 * Arguments of `ScaleToZeroModel`. Declare the model(s) in one of two ways:
 * - one model: `model` + `compute` (+ `startup`, `scaling`, `inferenceComponentName`) at the top level;
 * - several models sharing the endpoint's instances: `inferenceComponents: { key: InferenceComponent }`.
 */
export interface ScaleToZeroModelArgs extends EndpointArgs, InferenceComponentFields {
    /** Several inference components on one endpoint, keyed by a short name (letters, digits, hyphens). */
    readonly inferenceComponents?: Record<string, InferenceComponent>;
}

/** Key under which the single-model shorthand appears in `inferenceComponents` outputs. */
export const SINGLE_COMPONENT_KEY = "model";
