/**
 * Pure classification of the errors the AWS SDK throws, so the retry decisions live in one tested table
 * instead of being scattered through the client.
 *
 * Facts these rules rest on (checked against the installed SDK and public SageMaker output):
 * - At zero copies, InvokeEndpoint fails with HTTP 400, type ValidationError, message
 *   "Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress
 *   (if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API."
 *   Every other ValidationError (bad payload, missing header, unknown component) is final.
 * - The control plane (awsJson1_1) reports a missing component as ValidationException
 *   "Could not find inference component ..."; throttling as ThrottlingException.
 * - A response the SDK cannot parse surfaces as a SyntaxError that carries `$metadata.httpStatusCode`.
 * - Abort surfaces as name "AbortError"; missing credentials as CredentialsProviderError; a missing region as
 *   a plain Error "Region is missing".
 */

/** Matches only SageMaker's zero-copies rejection, not other ValidationErrors. */
export const NO_CAPACITY_PATTERN = /inference component has no capacity to process this request/i;

const NOT_FOUND_PATTERN = /could not find inference component/i;

const THROTTLING_NAMES = new Set([
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "LimitExceededException",
]);

const ACCESS_DENIED_NAMES = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "NotAuthorized"]);

/** Errors that mean "these credentials are not usable", as opposed to "usable but not allowed". */
const CREDENTIAL_NAMES = new Set([
    "CredentialsProviderError",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "IncompleteSignature",
    "IncompleteSignatureException",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
]);

const NETWORK_CODES = new Set([
    "ECONNRESET",
    "ECONNREFUSED",
    "EPIPE",
    "ETIMEDOUT",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
]);

/** What the client does with an error from InvokeEndpoint / InvokeEndpointWithResponseStream. */
export type InvokeErrorKind =
    /** Zero copies: hold the request, wait for capacity, retry. */
    | "no-capacity"
    /** ModelNotReadyException: a copy is starting; back off and retry within the deadline. */
    | "model-not-ready"
    | "access-denied"
    | "credentials"
    | "aborted"
    | "malformed"
    /** Anything else (ModelError, other ValidationErrors, ...): rethrown unchanged, never retried here. */
    | "fatal";

/** What the capacity poll loop does with an error from DescribeInferenceComponent / Update...RuntimeConfig. */
export type ControlPlaneErrorKind =
    | "not-found"
    | "access-denied"
    | "credentials"
    | "aborted"
    /** Throttled: back off harder and keep polling. */
    | "throttled"
    /** 5xx, network or timeout: back off and keep polling. */
    | "transient"
    | "malformed"
    | "fatal";

interface ErrorShape {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $retryable?: { throttling?: unknown };
}

function shape(err: unknown): ErrorShape {
    return typeof err === "object" && err !== null ? (err as ErrorShape) : {};
}

function nameOf(err: unknown): string {
    const name = shape(err).name;
    return typeof name === "string" ? name : "";
}

function messageOf(err: unknown): string {
    const message = shape(err).message;
    return typeof message === "string" ? message : "";
}

function statusOf(err: unknown): number | undefined {
    const status = shape(err).$metadata?.httpStatusCode;
    return typeof status === "number" ? status : undefined;
}

/** True only for SageMaker's "Inference Component has no capacity to process this request" rejection. */
export function isNoCapacityError(err: unknown): boolean {
    return nameOf(err) === "ValidationError" && NO_CAPACITY_PATTERN.test(messageOf(err));
}

export function isAbortError(err: unknown): boolean {
    return nameOf(err) === "AbortError";
}

export function isThrottlingError(err: unknown): boolean {
    if (THROTTLING_NAMES.has(nameOf(err))) return true;
    if (shape(err).$retryable?.throttling === true) return true;
    // 429 from the control plane is throttling; the runtime's 429 is ModelNotReadyException, handled separately.
    return statusOf(err) === 429 && nameOf(err) !== "ModelNotReadyException";
}

export function isAccessDeniedError(err: unknown): boolean {
    return ACCESS_DENIED_NAMES.has(nameOf(err));
}

export function isCredentialsError(err: unknown): boolean {
    if (CREDENTIAL_NAMES.has(nameOf(err))) return true;
    // The SDK throws a plain Error for a missing region, before any request is sent.
    return /region is missing|expected `region` to be configured/i.test(messageOf(err));
}

/** A response the SDK could not deserialize (it attaches $metadata to the SyntaxError). */
export function isMalformedResponseError(err: unknown): boolean {
    return nameOf(err) === "SyntaxError" && statusOf(err) !== undefined;
}

export function isTransientError(err: unknown): boolean {
    const status = statusOf(err);
    if (status !== undefined && status >= 500) return true;
    if (shape(err).$fault === "server") return true;
    const code = shape(err).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    return ["TimeoutError", "RequestTimeout", "RequestTimeoutException"].includes(nameOf(err));
}

export function classifyInvokeError(err: unknown): InvokeErrorKind {
    if (isAbortError(err)) return "aborted";
    if (isNoCapacityError(err)) return "no-capacity";
    if (nameOf(err) === "ModelNotReadyException") return "model-not-ready";
    if (isAccessDeniedError(err)) return "access-denied";
    if (isCredentialsError(err)) return "credentials";
    if (isMalformedResponseError(err)) return "malformed";
    return "fatal";
}

export function classifyControlPlaneError(err: unknown): ControlPlaneErrorKind {
    if (isAbortError(err)) return "aborted";
    if (nameOf(err) === "ResourceNotFound" || NOT_FOUND_PATTERN.test(messageOf(err))) return "not-found";
    if (isAccessDeniedError(err)) return "access-denied";
    if (isCredentialsError(err)) return "credentials";
    if (isThrottlingError(err)) return "throttled";
    // A 502/503 from a proxy often has an HTML body: the server failed, the response is not "malformed".
    if (isTransientError(err)) return "transient";
    if (isMalformedResponseError(err)) return "malformed";
    return "fatal";
}

/** A short, single-line description of any thrown value, for progress reports and error details. */
export function describeError(err: unknown): string {
    const name = nameOf(err);
    const message = messageOf(err).split("\n")[0];
    if (name && message) return `${name}: ${message}`;
    return name || message || String(err);
}
