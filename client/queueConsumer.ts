/**
 * Buffered mode: a queue consumer for callers that cannot hold a connection open through a 5-6 minute cold start.
 *
 * Producers put a request message (see queueMessages.ts) on the request queue and later read the result from a
 * reply queue. The consumer long-polls the request queue, invokes through a ScaleToZeroClient (so all messages
 * in flight share one cold-start poll loop per component), sends the result with the correlation id, and only
 * then deletes the request.
 *
 * Queue setup it expects (the queues are not created here):
 * - Request queue (standard or FIFO) with a redrive policy: { deadLetterTargetArn: <DLQ ARN>, maxReceiveCount: 3-5 }.
 *   A message whose processing fails is NOT deleted: its visibility timeout runs out, SQS delivers it again, and
 *   after maxReceiveCount receives SQS moves it to the dead-letter queue. Set the DLQ's retention (up to 14 days)
 *   longer than the request queue's so nothing expires before someone looks at it.
 * - Reply queue(s): named per message in `replyTo`, or one `resultsQueueUrl` for all.
 * - IAM for the consumer: sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility on the request
 *   queue, sqs:SendMessage on the reply queue(s), plus clientPolicyDocument(...) for the endpoint.
 *
 * Delivery guarantee: at-least-once. A result can be sent twice (the consumer dies between SendMessage and
 * DeleteMessage, a standard queue delivers a message twice, or the visibility timeout lapses mid-invoke), so
 * producers must de-duplicate results by correlationId; the endpoint may be invoked more than once per request.
 * For a FIFO reply queue the consumer sets MessageDeduplicationId = the request's MessageId, which removes
 * duplicate replies sent within SQS's 5-minute de-duplication window.
 *
 * Visibility: every message is received with visibilityTimeoutSeconds; while it is being processed (including a
 * cold-start hold) the consumer extends it with ChangeMessageVisibility every heartbeatIntervalMs, so a held
 * message is not redelivered to another consumer. A warm request finishes before the first heartbeat and costs
 * no extra request.
 *
 * Cost at rest: SQS bills per request (each 64 KB chunk of a payload is one request), not per hour. An idle
 * consumer long-polling with WaitTimeSeconds=20 makes ~3 ReceiveMessage requests a minute per request queue:
 * ~4,300 a day, ~130,000 a month per consumer process, which fits in the SQS free tier (1 million requests a
 * month) or costs about $0.05 a month at $0.40 per million standard-queue requests. It is never zero: a consumer
 * process (and whatever hosts it) must stay up to receive work.
 */
import {
    ChangeMessageVisibilityCommand,
    DeleteMessageCommand,
    ReceiveMessageCommand,
    SendMessageCommand,
    SQSClient,
    type Message,
    type SQSClientConfig,
} from "@aws-sdk/client-sqs";
import { backoffDelayMs, sleep } from "./backoff";
import { QUEUE_CONSUMER_DEFAULTS } from "./defaults";
import { classifyControlPlaneError } from "./errorClassification";
import type { InvokeCallOptions } from "./options";
import type { ColdStartProgress } from "./progress";
import { decodeQueueRequest, encodeQueueResult, encodeResultBody, type ResolvedQueueRequest } from "./queueMessages";
import type { ScaleToZeroClient } from "./scaleToZeroClient";

export interface QueueConsumerOptions {
    /** The cold-start-aware client to invoke with (share one per process). Required. */
    readonly client: ScaleToZeroClient;
    /** URL of the request queue. Required. */
    readonly queueUrl: string;
    /** Where results go when a message has no replyTo. Default: none (such messages fail and reach the DLQ). */
    readonly resultsQueueUrl?: string;
    /** Endpoint for messages that do not name one. Default: none. */
    readonly endpointName?: string;
    /** Inference component for messages that do not name one. Default: none. */
    readonly inferenceComponentName?: string;
    /** SQS client to use. Default: one built from region/sqsEndpoint/credentials. */
    readonly sqs?: SQSClient;
    /** Region for the SQS client this class builds. Default: the SDK's chain. */
    readonly region?: string;
    /** SQS URL override for the client this class builds. Default: the regional endpoint. */
    readonly sqsEndpoint?: string;
    /** Credentials for the SQS client this class builds. Default: the SDK's chain. */
    readonly credentials?: SQSClientConfig["credentials"];
    /** Long-poll wait, 0-20 s. Default 20. */
    readonly waitTimeSeconds?: number;
    /** Messages per receive, 1-10. Default 10. */
    readonly maxMessages?: number;
    /** Visibility timeout set on receive and on each extension, 1-43200 s. Default 60. */
    readonly visibilityTimeoutSeconds?: number;
    /** How often to extend visibility while a message is processed. Default: half the visibility timeout. */
    readonly heartbeatIntervalMs?: number;
    /** Options for each invoke (wake, deadlineMs). Default: the client's. */
    readonly invokeOptions?: Pick<InvokeCallOptions, "wake" | "deadlineMs">;
    /** Observes what the consumer does (logging, metrics); exceptions it throws are ignored. */
    readonly onEvent?: (event: QueueConsumerEvent) => void;
}

export type QueueConsumerEvent =
    | { readonly type: "received"; readonly messageId: string }
    | { readonly type: "progress"; readonly messageId: string; readonly progress: ColdStartProgress }
    | { readonly type: "visibility-extended"; readonly messageId: string; readonly visibilityTimeoutSeconds: number }
    | { readonly type: "visibility-extension-failed"; readonly messageId: string; readonly error: unknown }
    | { readonly type: "succeeded"; readonly messageId: string; readonly correlationId: string; readonly replyTo: string }
    | { readonly type: "failed"; readonly messageId: string; readonly correlationId?: string; readonly error: unknown }
    | { readonly type: "receive-failed"; readonly error: unknown };

export interface BatchResult {
    readonly received: number;
    readonly succeeded: number;
    readonly failed: number;
}

interface ResolvedConsumerOptions {
    readonly waitTimeSeconds: number;
    readonly maxMessages: number;
    readonly visibilityTimeoutSeconds: number;
    readonly heartbeatIntervalMs: number;
}

/** Pure validator; applies QUEUE_CONSUMER_DEFAULTS. Throws RangeError/TypeError naming the option. */
export function resolveQueueConsumerOptions(options: Omit<QueueConsumerOptions, "client">): ResolvedConsumerOptions {
    if (typeof options.queueUrl !== "string" || !/^https?:\/\//.test(options.queueUrl)) {
        throw new TypeError(`queueUrl must be an SQS queue URL, got ${JSON.stringify(options.queueUrl)}`);
    }
    const waitTimeSeconds = options.waitTimeSeconds ?? QUEUE_CONSUMER_DEFAULTS.waitTimeSeconds;
    const maxMessages = options.maxMessages ?? QUEUE_CONSUMER_DEFAULTS.maxMessages;
    const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? QUEUE_CONSUMER_DEFAULTS.visibilityTimeoutSeconds;
    requireInteger("waitTimeSeconds", waitTimeSeconds, 0, 20);
    requireInteger("maxMessages", maxMessages, 1, 10);
    requireInteger("visibilityTimeoutSeconds", visibilityTimeoutSeconds, 1, 43_200);
    const heartbeatIntervalMs =
        options.heartbeatIntervalMs ?? visibilityTimeoutSeconds * 1000 * QUEUE_CONSUMER_DEFAULTS.heartbeatFraction;
    if (!Number.isFinite(heartbeatIntervalMs) || heartbeatIntervalMs <= 0 || heartbeatIntervalMs >= visibilityTimeoutSeconds * 1000) {
        throw new RangeError(
            `heartbeatIntervalMs must be > 0 and < visibilityTimeoutSeconds*1000 (${visibilityTimeoutSeconds * 1000}), ` +
                `got ${heartbeatIntervalMs}`,
        );
    }
    return { waitTimeSeconds, maxMessages, visibilityTimeoutSeconds, heartbeatIntervalMs };
}

export class QueueConsumer {
    private readonly sqs: SQSClient;
    private readonly ownsSqs: boolean;
    private readonly settings: ResolvedConsumerOptions;
    private loop?: Promise<void>;
    private stopController?: AbortController;
    private readonly inFlight = new Set<Promise<unknown>>();

    constructor(private readonly options: QueueConsumerOptions) {
        if (!options.client) throw new TypeError("client (a ScaleToZeroClient) is required");
        this.settings = resolveQueueConsumerOptions(options);
        this.ownsSqs = options.sqs === undefined;
        this.sqs = options.sqs ?? new SQSClient({
            region: options.region,
            endpoint: options.sqsEndpoint,
            credentials: options.credentials,
        });
    }

    /** Receives one batch (long-polling up to waitTimeSeconds) and processes it completely. */
    async pollOnce(signal?: AbortSignal): Promise<BatchResult> {
        const received = await this.sqs.send(new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: this.settings.maxMessages,
            WaitTimeSeconds: this.settings.waitTimeSeconds,
            VisibilityTimeout: this.settings.visibilityTimeoutSeconds,
            MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }), signal ? { abortSignal: signal } : undefined);
        const messages = received.Messages ?? [];
        const outcomes = await Promise.all(messages.map((message) => this.track(this.process(message))));
        const succeeded = outcomes.filter(Boolean).length;
        return { received: messages.length, succeeded, failed: messages.length - succeeded };
    }

    /** Polls until stop(). Receive errors (throttling, network) are reported and backed off, never fatal. */
    start(): void {
        if (this.loop) return;
        const controller = new AbortController();
        this.stopController = controller;
        this.loop = (async () => {
            let failures = 0;
            while (!controller.signal.aborted) {
                try {
                    await this.pollOnce(controller.signal);
                    failures = 0;
                } catch (err) {
                    if (controller.signal.aborted) break;
                    this.emit({ type: "receive-failed", error: err });
                    const kind = classifyControlPlaneError(err);
                    // Credentials/permission problems will not fix themselves quickly: back off to the cap.
                    const attempt = kind === "throttled" || kind === "transient" ? failures++ : 10;
                    await sleep(backoffDelayMs(attempt, { initialDelayMs: 1_000, maxDelayMs: 30_000, multiplier: 2 }), controller.signal);
                }
            }
        })();
    }

    /**
     * Stops receiving (an in-flight long poll is aborted) and waits for messages already received to finish,
     * so none is left half-done. Destroys the SQS client if this consumer built it.
     */
    async stop(): Promise<void> {
        this.stopController?.abort();
        await this.loop;
        this.loop = undefined;
        await Promise.allSettled([...this.inFlight]);
        if (this.ownsSqs) this.sqs.destroy();
    }

    private track<T>(promise: Promise<T>): Promise<T> {
        this.inFlight.add(promise);
        return promise.finally(() => this.inFlight.delete(promise));
    }

    /** True when the result was sent and the request deleted; false leaves the message to SQS redrive. */
    private async process(message: Message): Promise<boolean> {
        const messageId = message.MessageId ?? "(no MessageId)";
        this.emit({ type: "received", messageId });
        const decoded = decodeQueueRequest(message.Body, messageId, this.options);
        if (!decoded.ok) {
            this.emit({ type: "failed", messageId, error: new Error(`invalid request message: ${decoded.problem}`) });
            return false;
        }
        const request = decoded.value;
        const stopHeartbeat = this.startHeartbeat(message, messageId);
        try {
            const startedAt = Date.now();
            const output = await this.options.client.invoke({
                EndpointName: request.endpointName,
                InferenceComponentName: request.inferenceComponentName,
                Body: request.body,
                ContentType: request.contentType,
                Accept: request.accept,
            }, {
                ...this.options.invokeOptions,
                onProgress: (progress) => this.emit({ type: "progress", messageId, progress }),
            });
            await this.sendResult(request, messageId, {
                contentType: output.ContentType,
                body: output.Body ?? new Uint8Array(),
                invokedProductionVariant: output.InvokedProductionVariant,
                elapsedMs: Date.now() - startedAt,
            });
            // Delete only after the result is safely in the reply queue: a crash before this line means a
            // redelivery and a duplicate result, never a lost one.
            await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
            this.emit({ type: "succeeded", messageId, correlationId: request.correlationId, replyTo: request.replyTo });
            return true;
        } catch (err) {
            // Not deleted on purpose: the visibility timeout lapses, SQS redelivers, and after maxReceiveCount the
            // redrive policy moves the message to the dead-letter queue.
            this.emit({ type: "failed", messageId, correlationId: request.correlationId, error: err });
            return false;
        } finally {
            stopHeartbeat();
        }
    }

    private async sendResult(
        request: ResolvedQueueRequest,
        requestMessageId: string,
        result: { contentType?: string; body: Uint8Array; invokedProductionVariant?: string; elapsedMs: number },
    ): Promise<void> {
        const body = encodeQueueResult({
            correlationId: request.correlationId,
            status: "ok",
            contentType: result.contentType,
            ...encodeResultBody(result.body),
            invokedProductionVariant: result.invokedProductionVariant,
            requestMessageId,
            elapsedMs: result.elapsedMs,
        });
        const fifo = request.replyTo.endsWith(".fifo");
        await this.sqs.send(new SendMessageCommand({
            QueueUrl: request.replyTo,
            MessageBody: body,
            ...(fifo ? { MessageGroupId: request.correlationId, MessageDeduplicationId: requestMessageId } : {}),
        }));
    }

    /** Extends visibility periodically; returns the function that stops it. */
    private startHeartbeat(message: Message, messageId: string): () => void {
        const timer = setInterval(() => {
            void this.track(this.sqs.send(new ChangeMessageVisibilityCommand({
                QueueUrl: this.options.queueUrl,
                ReceiptHandle: message.ReceiptHandle,
                VisibilityTimeout: this.settings.visibilityTimeoutSeconds,
            })).then(
                () => this.emit({ type: "visibility-extended", messageId, visibilityTimeoutSeconds: this.settings.visibilityTimeoutSeconds }),
                // A failed extension is not fatal: the next heartbeat tries again; at worst SQS redelivers.
                (err: unknown) => this.emit({ type: "visibility-extension-failed", messageId, error: err }),
            ));
        }, this.settings.heartbeatIntervalMs);
        return () => clearInterval(timer);
    }

    private emit(event: QueueConsumerEvent): void {
        try {
            this.options.onEvent?.(event);
        } catch {
            // Observers must not break message processing.
        }
    }
}

function requireInteger(name: string, value: number, min: number, max: number): void {
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${String(value)}`);
    }
}
