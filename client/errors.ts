/**
 * Typed errors of the cold-start-aware client.
 *
 * Everything this client decides on its own (a cold start that took too long, a component that failed or
 * vanished while we waited, a caller that gave up) is a {@link ScaleToZeroError}, so one `instanceof` tells
 * "the client's cold-start handling stopped" apart from "the service or the model answered with an error".
 * Errors the service returns that have nothing to do with capacity (ModelError, a ValidationError about the
 * payload, ...) are rethrown unchanged as the AWS SDK's own exception classes: wrapping them would only hide
 * the fields (OriginalStatusCode, LogStreamArn, ...) that callers already know how to read.
 */

/** What every error raised by the client's cold-start handling carries. */
export interface ScaleToZeroErrorContext {
    /** The SageMaker endpoint that was invoked. */
    readonly endpointName: string;
    /** The inference component that was invoked. */
    readonly inferenceComponentName: string;
    /** The error that caused this one, when there is one (an AWS SDK exception, a network error, ...). */
    readonly cause?: unknown;
}

/** Common base class: `err instanceof ScaleToZeroError` catches every error this client raises itself. */
export class ScaleToZeroError extends Error {
    public readonly endpointName: string;
    public readonly inferenceComponentName: string;

    constructor(message: string, context: ScaleToZeroErrorContext) {
        // `cause` goes through the standard ErrorOptions so that Node prints it in stack traces.
        super(message, context.cause === undefined ? undefined : { cause: context.cause });
        this.name = new.target.name;
        this.endpointName = context.endpointName;
        this.inferenceComponentName = context.inferenceComponentName;
    }
}

/** The last copy counts seen before giving up, so callers can tell "never woke" from "almost there". */
export interface CopyCounts {
    readonly currentCopyCount?: number;
    readonly desiredCopyCount?: number;
}

/** The deadline passed while the inference component had no copy to serve the request. */
export class ColdStartTimeoutError extends ScaleToZeroError {
    /** The deadline that passed, in milliseconds after the call started. */
    public readonly deadlineMs: number;
    /** Time spent in the call when it gave up, in milliseconds. */
    public readonly elapsedMs: number;
    public readonly currentCopyCount?: number;
    public readonly desiredCopyCount?: number;

    constructor(context: ScaleToZeroErrorContext & CopyCounts & { deadlineMs: number; elapsedMs: number }) {
        super(
            `Inference component "${context.inferenceComponentName}" on endpoint "${context.endpointName}" ` +
                `still had no capacity after ${formatSeconds(context.elapsedMs)} ` +
                `(deadline ${formatSeconds(context.deadlineMs)}; copies current=${context.currentCopyCount ?? "?"} ` +
                `desired=${context.desiredCopyCount ?? "?"}). A cold start usually takes 5-6 minutes; ` +
                `if desired stays 0, check the scale-out alarm or enable wake.`,
            context,
        );
        this.deadlineMs = context.deadlineMs;
        this.elapsedMs = context.elapsedMs;
        this.currentCopyCount = context.currentCopyCount;
        this.desiredCopyCount = context.desiredCopyCount;
    }
}

/**
 * The caller's AbortSignal fired. `name` is "AbortError", the name fetch(), Node streams and the AWS SDK use,
 * so existing `err.name === "AbortError"` checks keep working.
 */
export class ColdStartAbortedError extends ScaleToZeroError {
    /** Time spent in the call when it was aborted, in milliseconds. */
    public readonly elapsedMs: number;

    constructor(context: ScaleToZeroErrorContext & { elapsedMs: number; reason?: unknown }) {
        super(
            `Invocation of inference component "${context.inferenceComponentName}" was aborted after ` +
                `${formatSeconds(context.elapsedMs)}${describeReason(context.reason)}.`,
            context,
        );
        this.name = "AbortError";
        this.elapsedMs = context.elapsedMs;
    }
}

/** DescribeInferenceComponent reported status Failed: waiting longer cannot help. */
export class InferenceComponentFailedError extends ScaleToZeroError {
    /** SageMaker's FailureReason, verbatim (may be empty when SageMaker gave none). */
    public readonly failureReason: string;

    constructor(context: ScaleToZeroErrorContext & { failureReason?: string }) {
        const reason = context.failureReason ?? "";
        super(
            `Inference component "${context.inferenceComponentName}" is in status Failed` +
                (reason ? `: ${reason}` : " (SageMaker gave no FailureReason)"),
            context,
        );
        this.failureReason = reason;
    }
}

/** The inference component does not exist (deleted while we waited, or a wrong name) or is being deleted. */
export class InferenceComponentNotFoundError extends ScaleToZeroError {
    constructor(context: ScaleToZeroErrorContext & { detail?: string }) {
        super(
            `Inference component "${context.inferenceComponentName}" was not found` +
                (context.detail ? `: ${context.detail}` : ""),
            context,
        );
    }
}

/** The caller is authenticated but not allowed to perform `operation`. Retrying cannot help. */
export class AccessDeniedError extends ScaleToZeroError {
    /** The API action that was denied, e.g. "InvokeEndpoint" or "UpdateInferenceComponentRuntimeConfig". */
    public readonly operation: string;

    constructor(context: ScaleToZeroErrorContext & { operation: string }) {
        super(
            `Access denied for sagemaker:${context.operation} on inference component ` +
                `"${context.inferenceComponentName}" (endpoint "${context.endpointName}"). ` +
                `See clientPolicyDocument() for the permissions a caller needs` +
                (context.operation === "UpdateInferenceComponentRuntimeConfig" ? " with allowWake: true." : "."),
            context,
        );
        this.operation = context.operation;
    }
}

/** No usable AWS credentials or region, or the service rejected the credentials (expired, unknown key). */
export class CredentialsError extends ScaleToZeroError {
    constructor(context: ScaleToZeroErrorContext & { detail: string }) {
        super(
            `AWS credentials and a region are needed to call SageMaker: ${context.detail}. ` +
                `Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and AWS_REGION (or pass region).`,
            context,
        );
    }
}

/** The service answered with something the client cannot interpret (not JSON, missing required fields, ...). */
export class MalformedResponseError extends ScaleToZeroError {
    /** The API action whose response was malformed. */
    public readonly operation: string;

    constructor(context: ScaleToZeroErrorContext & { operation: string; detail: string }) {
        super(`Malformed ${context.operation} response for inference component ` +
            `"${context.inferenceComponentName}": ${context.detail}`, context);
        this.operation = context.operation;
    }
}

function formatSeconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}

function describeReason(reason: unknown): string {
    if (reason === undefined) return "";
    if (reason instanceof Error) return ` (${reason.message})`;
    return ` (${String(reason)})`;
}
