/**
 * Typed options of the cold-start-aware client, their resolution against CLIENT_DEFAULTS, and pure validators
 * that name the offending option and its allowed range.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type {
    InvokeEndpointCommandInput,
    InvokeEndpointWithResponseStreamCommandInput,
    SageMakerRuntimeClient,
    SageMakerRuntimeClientConfig,
} from "@aws-sdk/client-sagemaker-runtime";
import { CLIENT_DEFAULTS } from "./defaults";
import type { ProgressListener } from "./progress";

/** How a call behaves during a cold start. Every field is optional; defaults are in CLIENT_DEFAULTS. */
export interface ColdStartOptions {
    /**
     * Raise the desired copy count from 0 to 1 right away (UpdateInferenceComponentRuntimeConfig) instead of
     * waiting about a minute for the scale-out alarm. Needs sagemaker:UpdateInferenceComponentRuntimeConfig
     * (clientPolicyDocument({ allowWake: true })). Never lowers a count. Default false.
     */
    readonly wake?: boolean;
    /**
     * After a call that waited for capacity, publish its cold start as the CloudWatch metric
     * `ScaleToZero/ColdStartDuration` (seconds; dimensions EndpointName, InferenceComponentName). Needs
     * cloudwatch:PutMetricData in that namespace (callerPolicy.publishColdStartMetrics). Default false.
     */
    readonly publishColdStartMetrics?: boolean;
    /** Give up with ColdStartTimeoutError when no copy is up this long after the call started. Default 600000 (10 min). */
    readonly deadlineMs?: number;
    /** Delay after the first DescribeInferenceComponent poll, in ms; doubles per poll (with jitter). Default 2000. */
    readonly pollInitialDelayMs?: number;
    /** Cap of the poll delay, in ms. Default 15000. */
    readonly pollMaxDelayMs?: number;
    /** Poll delay growth factor, >= 1. Default 2. */
    readonly pollMultiplier?: number;
    /** First delay before re-invoking when capacity is reported but the invoke still fails, in ms. Default 500. */
    readonly retryInitialDelayMs?: number;
    /** Expected cold start for the remaining-time estimate, in ms. Default 300000 (the seed's ~5 min). */
    readonly expectedColdStartMs?: number;
    /** Part of the cold start a wake saves (the alarm), in ms. Default 60000. */
    readonly alarmLeadMs?: number;
    /** Called with progress reports; exceptions it throws are ignored. Default: none. */
    readonly onProgress?: ProgressListener;
}

/** Options of one call; they override the client's. */
export interface InvokeCallOptions {
    /** Override the client's `wake` for this call. */
    readonly wake?: boolean;
    /** Override the client's `deadlineMs` for this call. */
    readonly deadlineMs?: number;
    /** Override the client's `onProgress` for this call. */
    readonly onProgress?: ProgressListener;
    /** Abort the call (including a cold-start wait) with ColdStartAbortedError. */
    readonly signal?: AbortSignal;
}

export interface ScaleToZeroClientOptions extends ColdStartOptions {
    /** SageMaker Runtime client to invoke with. Default: one built from region/endpoint/credentials. */
    readonly runtimeClient?: SageMakerRuntimeClient;
    /**
     * SageMaker (control plane) client for DescribeInferenceComponent and the wake. Default: built on first cold
     * start from region/controlPlaneEndpoint/credentials, or from runtimeClient's region and credentials.
     */
    readonly controlPlaneClient?: SageMakerClient;
    /** AWS region for clients this class builds. Default: the SDK's chain (AWS_REGION, profile, ...). */
    readonly region?: string;
    /** Runtime service URL override (VPC endpoint, local test server). Default: the regional endpoint. */
    readonly endpoint?: string;
    /** CloudWatch client for the cold-start metric. Default: built on first publish like the control-plane client. */
    readonly cloudWatchClient?: CloudWatchClient;
    /** CloudWatch service URL override. Default: the regional endpoint. */
    readonly cloudWatchEndpoint?: string;
    /** Control-plane service URL override. Default: the regional endpoint. */
    readonly controlPlaneEndpoint?: string;
    /** Credentials for clients this class builds. Default: the SDK's default provider chain. */
    readonly credentials?: SageMakerRuntimeClientConfig["credentials"];
}

/** The request: the SDK's own input shape, with InferenceComponentName required. */
export type ColdStartInvokeInput = InvokeEndpointCommandInput & { readonly InferenceComponentName: string };
export type ColdStartInvokeStreamInput = InvokeEndpointWithResponseStreamCommandInput & {
    readonly InferenceComponentName: string;
};

export interface ResolvedColdStartOptions {
    readonly wake: boolean;
    readonly publishColdStartMetrics: boolean;
    readonly deadlineMs: number;
    readonly pollInitialDelayMs: number;
    readonly pollMaxDelayMs: number;
    readonly pollMultiplier: number;
    readonly retryInitialDelayMs: number;
    readonly expectedColdStartMs: number;
    readonly alarmLeadMs: number;
    readonly onProgress?: ProgressListener;
}

/** Applies CLIENT_DEFAULTS, then validates. Throws RangeError/TypeError naming the option. */
export function resolveColdStartOptions(options: ColdStartOptions = {}): ResolvedColdStartOptions {
    const resolved: ResolvedColdStartOptions = {
        wake: options.wake ?? CLIENT_DEFAULTS.wake,
        publishColdStartMetrics: options.publishColdStartMetrics ?? CLIENT_DEFAULTS.publishColdStartMetrics,
        deadlineMs: options.deadlineMs ?? CLIENT_DEFAULTS.deadlineMs,
        pollInitialDelayMs: options.pollInitialDelayMs ?? CLIENT_DEFAULTS.pollInitialDelayMs,
        pollMaxDelayMs: options.pollMaxDelayMs ?? Math.max(CLIENT_DEFAULTS.pollMaxDelayMs, options.pollInitialDelayMs ?? 0),
        pollMultiplier: options.pollMultiplier ?? CLIENT_DEFAULTS.pollMultiplier,
        retryInitialDelayMs: options.retryInitialDelayMs ?? CLIENT_DEFAULTS.retryInitialDelayMs,
        expectedColdStartMs: options.expectedColdStartMs ?? CLIENT_DEFAULTS.expectedColdStartMs,
        alarmLeadMs: options.alarmLeadMs ?? CLIENT_DEFAULTS.alarmLeadMs,
        onProgress: options.onProgress,
    };
    validateColdStartOptions(resolved);
    return resolved;
}

/** Pure validator of resolved options. */
export function validateColdStartOptions(options: ResolvedColdStartOptions): void {
    if (typeof options.wake !== "boolean") throw new TypeError(`wake must be a boolean, got ${String(options.wake)}`);
    if (typeof options.publishColdStartMetrics !== "boolean") {
        throw new TypeError(`publishColdStartMetrics must be a boolean, got ${String(options.publishColdStartMetrics)}`);
    }
    requirePositive("deadlineMs", options.deadlineMs);
    requirePositive("pollInitialDelayMs", options.pollInitialDelayMs);
    requirePositive("pollMaxDelayMs", options.pollMaxDelayMs);
    if (options.pollMaxDelayMs < options.pollInitialDelayMs) {
        throw new RangeError(
            `pollMaxDelayMs must be >= pollInitialDelayMs (${options.pollInitialDelayMs}), got ${options.pollMaxDelayMs}`,
        );
    }
    if (!Number.isFinite(options.pollMultiplier) || options.pollMultiplier < 1 || options.pollMultiplier > 10) {
        throw new RangeError(`pollMultiplier must be between 1 and 10, got ${options.pollMultiplier}`);
    }
    requirePositive("retryInitialDelayMs", options.retryInitialDelayMs);
    requirePositive("expectedColdStartMs", options.expectedColdStartMs);
    if (!Number.isFinite(options.alarmLeadMs) || options.alarmLeadMs < 0 || options.alarmLeadMs > options.expectedColdStartMs) {
        throw new RangeError(
            `alarmLeadMs must be between 0 and expectedColdStartMs (${options.expectedColdStartMs}), got ${options.alarmLeadMs}`,
        );
    }
    if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
        throw new TypeError("onProgress must be a function");
    }
}

/** Pure validator of the per-call overrides. */
export function validateCallOptions(options: InvokeCallOptions): void {
    if (options.wake !== undefined && typeof options.wake !== "boolean") {
        throw new TypeError(`wake must be a boolean, got ${String(options.wake)}`);
    }
    if (options.deadlineMs !== undefined) requirePositive("deadlineMs", options.deadlineMs);
    if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
        throw new TypeError("onProgress must be a function");
    }
}

/**
 * Pure validator of a request. InferenceComponentName is required: an inference-component endpoint rejects
 * invokes without it. The body must be replayable, because a cold-start retry sends it again.
 */
export function validateInvokeInput(input: {
    readonly EndpointName?: unknown;
    readonly InferenceComponentName?: unknown;
    readonly Body?: unknown;
}): void {
    if (typeof input !== "object" || input === null) throw new TypeError("input must be an object");
    if (typeof input.EndpointName !== "string" || input.EndpointName.trim() === "") {
        throw new TypeError("EndpointName must be a non-empty string");
    }
    if (typeof input.InferenceComponentName !== "string" || input.InferenceComponentName.trim() === "") {
        throw new TypeError(
            "InferenceComponentName must be a non-empty string (scale to zero works only with inference components)",
        );
    }
    if (!isReplayableBody(input.Body)) {
        throw new TypeError(
            "Body must be a string, Uint8Array/Buffer, ArrayBuffer or ArrayBufferView: a cold-start retry sends " +
                "it again, so streams cannot be used; read the stream into a Buffer first",
        );
    }
}

export function isReplayableBody(body: unknown): boolean {
    return typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

function requirePositive(name: string, value: number): void {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${name} must be a finite number > 0 (milliseconds), got ${String(value)}`);
    }
}
