/**
 * A fake Amazon SQS on 127.0.0.1 for the REAL @aws-sdk/client-sqs (which, in the installed version, speaks
 * awsJson1_0: POST / with X-Amz-Target AmazonSQS.<Action>, Content-Type application/x-amz-json-1.0, and
 * awsQueryCompatible error headers).
 *
 * Implements ReceiveMessage (with long polling), SendMessage, DeleteMessage and ChangeMessageVisibility, message
 * visibility, ApproximateReceiveCount and a redrive policy (after maxReceiveCount receives a message moves to the
 * dead-letter queue), which is all the queue consumer relies on. MD5OfBody is computed like the real service,
 * because the SDK verifies it.
 *
 * Time: VisibilityTimeout and WaitTimeSeconds are integer seconds on the wire; `msPerSecond` lets a test run a
 * "second" in e.g. 100 ms without changing what the client sends.
 */
import { createHash, randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeQueueMessage {
    readonly messageId: string;
    readonly body: string;
    receiveCount: number;
    visibleAt: number;
    receiptHandle?: string;
    deleted: boolean;
    readonly sentAt: number;
}

export interface FakeQueue {
    readonly name: string;
    readonly url: string;
    readonly messages: FakeQueueMessage[];
    defaultVisibilityTimeoutSeconds: number;
    redrive?: { readonly deadLetterQueue: string; readonly maxReceiveCount: number };
}

export type SqsAction = "ReceiveMessage" | "SendMessage" | "DeleteMessage" | "ChangeMessageVisibility";

export class FakeSqs {
    public readonly calls: Record<SqsAction, number> = { ReceiveMessage: 0, SendMessage: 0, DeleteMessage: 0, ChangeMessageVisibility: 0 };
    /** Every call in order, for asserting sequences (e.g. SendMessage before DeleteMessage). */
    public readonly log: { action: SqsAction; queue: string; at: number; input: Record<string, unknown> }[] = [];
    private readonly queues = new Map<string, FakeQueue>();
    private readonly pendingPolls = new Set<(force: boolean) => void>();

    private constructor(private readonly server: http.Server, public readonly url: string, public readonly msPerSecond: number) {}

    static async start(options: { msPerSecond?: number } = {}): Promise<FakeSqs> {
        const server = http.createServer();
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as AddressInfo;
        const fake = new FakeSqs(server, `http://127.0.0.1:${port}`, options.msPerSecond ?? 1000);
        server.on("request", (req, res) => fake.handle(req, res));
        return fake;
    }

    createQueue(name: string, options: { visibilityTimeoutSeconds?: number; deadLetterQueue?: string; maxReceiveCount?: number } = {}): string {
        const url = `${this.url}/111122223333/${name}`;
        const queue: FakeQueue = {
            name,
            url,
            messages: [],
            defaultVisibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
            redrive: options.deadLetterQueue
                ? { deadLetterQueue: options.deadLetterQueue, maxReceiveCount: options.maxReceiveCount ?? 3 }
                : undefined,
        };
        this.queues.set(url, queue);
        return url;
    }

    /** Puts a message on a queue directly (what a producer's SendMessage does). */
    enqueue(queueUrl: string, body: string): string {
        const message: FakeQueueMessage = {
            messageId: randomUUID(), body, receiveCount: 0, visibleAt: 0, deleted: false, sentAt: Date.now(),
        };
        this.queue(queueUrl).messages.push(message);
        this.wakePolls();
        return message.messageId;
    }

    /** Messages not deleted (visible or in flight). */
    live(queueUrl: string): FakeQueueMessage[] {
        return this.queue(queueUrl).messages.filter((m) => !m.deleted);
    }

    queue(url: string): FakeQueue {
        const queue = this.queues.get(url);
        if (!queue) throw new Error(`fake SQS has no queue ${url}`);
        return queue;
    }

    async close(): Promise<void> {
        for (const finish of [...this.pendingPolls]) finish(true);
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private wakePolls(): void {
        for (const finish of [...this.pendingPolls]) finish(false);
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const target = String(req.headers["x-amz-target"] ?? "");
            const action = target.replace(/^AmazonSQS\./, "") as SqsAction;
            let input: Record<string, unknown>;
            try {
                input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
            } catch {
                return this.error(res, "InvalidParameterValue", "body is not JSON");
            }
            if (!(action in this.calls)) return this.error(res, "InvalidAction", `fake does not know ${target}`);
            const queue = this.queues.get(String(input.QueueUrl));
            this.calls[action]++;
            this.log.push({ action, queue: queue?.name ?? String(input.QueueUrl), at: Date.now(), input });
            if (!queue) return this.error(res, "QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");
            switch (action) {
                case "SendMessage":
                    return this.ok(res, this.sendMessage(queue, input));
                case "ReceiveMessage":
                    return void this.receiveMessage(queue, input, res);
                case "DeleteMessage":
                case "ChangeMessageVisibility": {
                    const message = queue.messages.find((m) => m.receiptHandle === input.ReceiptHandle && !m.deleted);
                    if (!message) return this.error(res, "ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
                    if (action === "DeleteMessage") message.deleted = true;
                    else message.visibleAt = Date.now() + Number(input.VisibilityTimeout) * this.msPerSecond;
                    return this.ok(res, {});
                }
            }
        });
    }

    private sendMessage(queue: FakeQueue, input: Record<string, unknown>): Record<string, unknown> {
        const body = String(input.MessageBody ?? "");
        const messageId = this.enqueue(queue.url, body);
        return { MessageId: messageId, MD5OfMessageBody: md5(body) };
    }

    private receiveMessage(queue: FakeQueue, input: Record<string, unknown>, res: http.ServerResponse): void {
        const max = Number(input.MaxNumberOfMessages ?? 1);
        const visibilityMs = Number(input.VisibilityTimeout ?? queue.defaultVisibilityTimeoutSeconds) * this.msPerSecond;
        const waitMs = Number(input.WaitTimeSeconds ?? 0) * this.msPerSecond;
        const take = (): Record<string, unknown>[] => {
            const now = Date.now();
            const taken: Record<string, unknown>[] = [];
            for (const message of queue.messages) {
                if (taken.length >= max) break;
                if (message.deleted || message.visibleAt > now) continue;
                if (queue.redrive && message.receiveCount >= queue.redrive.maxReceiveCount) {
                    // Redrive: the receive that would exceed maxReceiveCount moves the message to the DLQ instead.
                    message.deleted = true;
                    this.enqueue(queue.redrive.deadLetterQueue, message.body);
                    continue;
                }
                message.receiveCount++;
                message.visibleAt = now + visibilityMs;
                message.receiptHandle = `${message.messageId}#${message.receiveCount}`;
                taken.push({
                    MessageId: message.messageId,
                    ReceiptHandle: message.receiptHandle,
                    MD5OfBody: md5(message.body),
                    Body: message.body,
                    Attributes: { ApproximateReceiveCount: String(message.receiveCount) },
                });
            }
            return taken;
        };
        const first = take();
        if (first.length > 0 || waitMs <= 0) return this.ok(res, first.length ? { Messages: first } : {});
        // Long poll: answer as soon as a message becomes available, or empty when the wait ends.
        let done = false;
        const finish = (force = false): void => {
            if (done) return;
            const messages = closed ? [] : take();
            const expired = Date.now() >= deadline;
            if (messages.length === 0 && !expired && !closed && !force) return;
            done = true;
            clearInterval(tick);
            clearTimeout(timer);
            this.pendingPolls.delete(finish);
            if (!res.writableEnded && !res.destroyed) this.ok(res, messages.length ? { Messages: messages } : {});
        };
        let closed = false;
        const deadline = Date.now() + waitMs;
        // Visibility timeouts expire without any request arriving, so also check on a short tick.
        const tick = setInterval(() => finish(), 10);
        const timer = setTimeout(() => finish(), waitMs);
        this.pendingPolls.add(finish);
        res.once("close", () => {
            closed = true;
            finish();
        });
    }

    private ok(res: http.ServerResponse, output: Record<string, unknown>): void {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": randomUUID() });
        res.end(JSON.stringify(output));
    }

    private error(res: http.ServerResponse, code: string, message: string, queryCode = code): void {
        res.writeHead(400, {
            "content-type": "application/x-amz-json-1.0",
            "x-amzn-query-error": `${queryCode};Sender`,
        });
        res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }));
    }
}

function md5(text: string): string {
    return createHash("md5").update(text, "utf8").digest("hex");
}
