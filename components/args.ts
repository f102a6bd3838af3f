import * as pulumi from "@pulumi/pulumi";

/**
 * Where the model comes from. Give either `image` (a new SageMaker Model is created from the image and,
 * optionally, model data) or `existingModelName` (a Model that already exists in the account), never both.
 */
export interface ModelSource {
    /** Container image URI, e.g. an ECR image `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`. */
    readonly image?: string;
    /** S3 URL of the model artifacts (`s3://bucket/key.tar.gz` or an `s3://bucket/prefix/`). Optional. */
    readonly modelDataUrl?: string;
    /** Environment variables for the container (no secrets: these are stored in plain text by SageMaker). */
    readonly environment?: Record<string, string>;
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
    /** Target tracking value: concurrent requests per copy. Must be > 0. Default 5. */
    readonly targetConcurrentRequestsPerCopy?: number;
    /** Seconds between scale-in actions of target tracking. Default 300. */
    readonly scaleInCooldownSeconds?: number;
    /** Seconds between scale-out actions of target tracking. Default 300. */
    readonly scaleOutCooldownSeconds?: number;
    /** Cooldown of the wake-up step policy, in seconds. Default 60. */
    readonly wakeUpCooldownSeconds?: number;
    /**
     * Period of the `NoCapacityInvocationFailures` wake-up alarm: 10, 30 or a multiple of 60 seconds.
     * Default 60 (the metric is published per minute; shorter periods can sit in INSUFFICIENT_DATA).
     */
    readonly wakeUpAlarmPeriodSeconds?: number;
}

/** One inference component (one model) on a scale-to-zero endpoint. */
export interface InferenceComponentArgs {
    /** The model this component serves. Required. */
    readonly model: ModelSource;
    /** Accelerators, memory and CPU per copy. Required. */
    readonly compute: ComputeRequirements;
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

/** The endpoint (instances) shared by all inference components. */
export interface EndpointArgs {
    /** SageMaker instance type, e.g. `ml.g5.12xlarge`. Required. */
    readonly instanceType: string;
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
}

export const ROUTING_STRATEGIES = ["LEAST_OUTSTANDING_REQUESTS", "RANDOM"] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/**
 * Arguments of `ScaleToZeroModel`. Declare the model(s) in one of two ways:
 * - one model: `model` + `compute` (+ `startup`, `scaling`, `inferenceComponentName`) at the top level;
 * - several models sharing the endpoint's instances: `inferenceComponents: { key: InferenceComponentArgs }`.
 */
export interface ScaleToZeroModelArgs extends EndpointArgs, Partial<InferenceComponentArgs> {
    /** Several inference components on one endpoint, keyed by a short name (letters, digits, hyphens). */
    readonly inferenceComponents?: Record<string, InferenceComponentArgs>;
}

/** Key under which the single-model shorthand appears in `inferenceComponents` outputs. */
export const SINGLE_COMPONENT_KEY = "model";
