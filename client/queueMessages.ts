/**
 * The JSON messages of buffered mode, with pure encoders and decoders for both sides:
 * producers build requests with encodeQueueRequest and read replies with decodeQueueResult; the consumer
 * reads requests with decodeQueueRequest and answers with encodeQueueResult.
 *
 * Request (request queue):
 *   { "correlationId": "order-42", "endpointName": "ep", "inferenceComponentName": "ic",
 *     "contentType": "application/json", "accept": "application/json",
 *     "body": "{\"inputs\":\"hi\"}", "bodyEncoding": "utf8" | "base64", "replyTo": "https://sqs.../results" }
 *   endpointName / inferenceComponentName / replyTo may be omitted when the consumer is configured with them.
 * Result (replyTo, or the consumer's results queue):
 *   { "correlationId": "order-42", "status": "ok", "contentType": "application/json",
 *     "body": "...", "bodyEncoding": "utf8" | "base64", "invokedProductionVariant": "AllTraffic",
 *     "requestMessageId": "<SQS MessageId>", "elapsedMs": 312 }
 * Binary bodies travel base64-encoded because an SQS message body must be text.
 */

export type BodyEncoding = "utf8" | "base64";

export interface QueueRequest {
    /** Echoed in the result so the producer can match it; default: the SQS MessageId of the request. */
    readonly correlationId?: string;
    readonly endpointName?: string;
    readonly inferenceComponentName?: string;
    readonly contentType?: string;
    readonly accept?: string;
    /** The payload, encoded as bodyEncoding says. */
    readonly body: string;
    /** Default "utf8". */
    readonly bodyEncoding?: BodyEncoding;
    /** Queue URL to send the result to; default: the consumer's resultsQueueUrl. */
    readonly replyTo?: string;
}

export interface QueueResult {
    readonly correlationId: string;
    readonly status: "ok";
    readonly contentType?: string;
    readonly body: string;
    readonly bodyEncoding: BodyEncoding;
    readonly invokedProductionVariant?: string;
    readonly requestMessageId: string;
    readonly elapsedMs: number;
}

/** A request after defaults are applied: everything the consumer needs to invoke and reply. */
export interface ResolvedQueueRequest {
    readonly correlationId: string;
    readonly endpointName: string;
    readonly inferenceComponentName: string;
    readonly contentType?: string;
    readonly accept?: string;
    readonly body: Uint8Array;
    readonly bodyEncoding: BodyEncoding;
    readonly replyTo: string;
}

export interface RequestDefaults {
    readonly endpointName?: string;
    readonly inferenceComponentName?: string;
    readonly resultsQueueUrl?: string;
}

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function encodeQueueRequest(request: QueueRequest): string {
    if (typeof request.body !== "string") throw new TypeError("body must be a string (base64 for binary payloads)");
    return JSON.stringify(request);
}

function optionalString(value: unknown, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new TypeError(`${field} must be a string`);
    return value;
}

/** Parses and validates a request message body, applying the consumer's defaults. Never throws. */
export function decodeQueueRequest(
    messageBody: string | undefined,
    messageId: string,
    defaults: RequestDefaults = {},
): DecodeResult<ResolvedQueueRequest> {
    let raw: unknown;
    try {
        raw = JSON.parse(messageBody ?? "");
    } catch {
        return { ok: false, problem: "message body is not JSON" };
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        return { ok: false, problem: "message body is not a JSON object" };
    }
    const message = raw as Record<string, unknown>;
    try {
        const endpointName = optionalString(message.endpointName, "endpointName") ?? defaults.endpointName;
        const inferenceComponentName =
            optionalString(message.inferenceComponentName, "inferenceComponentName") ?? defaults.inferenceComponentName;
        const replyTo = optionalString(message.replyTo, "replyTo") ?? defaults.resultsQueueUrl;
        const bodyEncoding = optionalString(message.bodyEncoding, "bodyEncoding") ?? "utf8";
        if (!endpointName) return { ok: false, problem: "endpointName is missing (and no default is configured)" };
        if (!inferenceComponentName) {
            return { ok: false, problem: "inferenceComponentName is missing (and no default is configured)" };
        }
        if (!replyTo) return { ok: false, problem: "replyTo is missing (and no resultsQueueUrl is configured)" };
        if (bodyEncoding !== "utf8" && bodyEncoding !== "base64") {
            return { ok: false, problem: `bodyEncoding must be "utf8" or "base64", got ${JSON.stringify(bodyEncoding)}` };
        }
        if (typeof message.body !== "string") return { ok: false, problem: "body must be a string" };
        return {
            ok: true,
            value: {
                correlationId: optionalString(message.correlationId, "correlationId") ?? messageId,
                endpointName,
                inferenceComponentName,
                contentType: optionalString(message.contentType, "contentType"),
                accept: optionalString(message.accept, "accept"),
                body: Buffer.from(message.body, bodyEncoding),
                bodyEncoding,
                replyTo,
            },
        };
    } catch (err) {
        return { ok: false, problem: (err as Error).message };
    }
}

/** Text stays readable in the result; anything that is not valid UTF-8 is sent as base64. */
export function encodeResultBody(body: Uint8Array): { body: string; bodyEncoding: BodyEncoding } {
    try {
        return { body: new TextDecoder("utf-8", { fatal: true }).decode(body), bodyEncoding: "utf8" };
    } catch {
        return { body: Buffer.from(body).toString("base64"), bodyEncoding: "base64" };
    }
}

export function encodeQueueResult(result: QueueResult): string {
    return JSON.stringify(result);
}

/** For producers: parses a result message and returns its body bytes. Never throws. */
export function decodeQueueResult(messageBody: string | undefined): DecodeResult<QueueResult & { bytes: Buffer }> {
    let raw: unknown;
    try {
        raw = JSON.parse(messageBody ?? "");
    } catch {
        return { ok: false, problem: "result body is not JSON" };
    }
    const result = raw as Partial<QueueResult> | null;
    if (typeof result !== "object" || result === null || typeof result.correlationId !== "string" ||
        result.status !== "ok" || typeof result.body !== "string" ||
        (result.bodyEncoding !== "utf8" && result.bodyEncoding !== "base64")) {
        return { ok: false, problem: "result is missing correlationId, status, body or bodyEncoding" };
    }
    const full = result as QueueResult;
    return { ok: true, value: { ...full, bytes: Buffer.from(full.body, full.bodyEncoding) } };
}
