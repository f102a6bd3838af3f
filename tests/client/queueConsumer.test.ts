import { expect } from "chai";
import type { SQSClient } from "@aws-sdk/client-sqs";
import {
    decodeQueueResult,
    encodeQueueRequest,
    QueueConsumer,
    type QueueConsumerEvent,
    type ScaleToZeroClient,
} from "../../client";
import { FakeSageMaker, runtimeError } from "./fakeSageMaker";
import { FakeSqs } from "./fakeSqs";
import { fastClient, sdkClients, sqsClient, type SdkClients } from "./helpers";

// The fake SQS runs one "second" in 100 ms: VisibilityTimeout 2 on the wire = 200 ms here.
const MS_PER_SECOND = 100;

describe("QueueConsumer (buffered mode)", () => {
    let sagemaker: FakeSageMaker;
    let sqsFake: FakeSqs;
    let sdk: SdkClients;
    let sqs: SQSClient;
    let client: ScaleToZeroClient;
    let requests: string;
    let results: string;
    let dlq: string;
    let events: QueueConsumerEvent[];

    beforeEach(async () => {
        sagemaker = await FakeSageMaker.start();
        sqsFake = await FakeSqs.start({ msPerSecond: MS_PER_SECOND });
        sdk = sdkClients(sagemaker.url);
        sqs = sqsClient(sqsFake.url);
        client = fastClient(sdk, { wake: true });
        dlq = sqsFake.createQueue("requests-dlq");
        requests = sqsFake.createQueue("requests", { deadLetterQueue: dlq, maxReceiveCount: 2 });
        results = sqsFake.createQueue("results");
        events = [];
    });

    afterEach(async () => {
        client.destroy();
        sdk.destroy();
        sqs.destroy();
        await sqsFake.close();
        await sagemaker.close();
    });

    function consumer(overrides: Partial<ConstructorParameters<typeof QueueConsumer>[0]> = {}): QueueConsumer {
        return new QueueConsumer({
            client,
            sqs,
            queueUrl: requests,
            resultsQueueUrl: results,
            endpointName: "ep",
            inferenceComponentName: "ic",
            waitTimeSeconds: 0,
            visibilityTimeoutSeconds: 2,
            heartbeatIntervalMs: 60,
            onEvent: (event) => events.push(event),
            ...overrides,
        });
    }

    it("processes a message through a cold start: result sent with the correlation id, then the request deleted", async () => {
        sagemaker.addComponent("ic", { scaleOutDelayMs: 450 });
        const messageId = sqsFake.enqueue(requests, encodeQueueRequest({ correlationId: "order-42", contentType: "application/json", body: '{"inputs":"hi"}' }));
        const batch = await consumer().pollOnce();
        expect(batch).to.deep.equal({ received: 1, succeeded: 1, failed: 0 });

        const replies = sqsFake.live(results);
        expect(replies).to.have.length(1);
        const decoded = decodeQueueResult(replies[0].body);
        expect(decoded.ok).to.equal(true);
        if (!decoded.ok) return;
        expect(decoded.value.correlationId).to.equal("order-42");
        expect(decoded.value.requestMessageId).to.equal(messageId);
        expect(decoded.value.bodyEncoding).to.equal("utf8");
        expect(JSON.parse(decoded.value.bytes.toString("utf8"))).to.deep.equal({ component: "ic", echo: '{"inputs":"hi"}' });
        expect(decoded.value.elapsedMs).to.be.at.least(400);

        // Deleted only after the result was sent; held through the cold start without being redelivered.
        const order = sqsFake.log.map((c) => c.action).filter((a) => a === "SendMessage" || a === "DeleteMessage");
        expect(order).to.deep.equal(["SendMessage", "DeleteMessage"]);
        expect(sqsFake.live(requests)).to.have.length(0);
        expect(sqsFake.queue(requests).messages[0].receiveCount).to.equal(1);
        // 450 ms of cold start vs a 200 ms visibility timeout: only the heartbeat kept the message ours.
        expect(sqsFake.calls.ChangeMessageVisibility).to.be.at.least(3);
        const extension = sqsFake.log.find((c) => c.action === "ChangeMessageVisibility")!;
        expect(extension.input.VisibilityTimeout).to.equal(2);
        expect(events.map((e) => e.type)).to.include.members(["received", "progress", "visibility-extended", "succeeded"]);
        expect(sagemaker.calls.update).to.equal(1);
    });

    it("a non-retryable failure (ModelError) is not deleted and, after maxReceiveCount, SQS redrives it to the DLQ", async () => {
        sagemaker.addComponent("ic", { currentCopyCount: 1 });
        sagemaker.interceptors.invoke = () => runtimeError(424, "ModelError", "Received server error (500) from primary");
        sqsFake.enqueue(requests, encodeQueueRequest({ correlationId: "bad-1", body: "{}" }));
        const c = consumer();

        expect(await c.pollOnce()).to.deep.equal({ received: 1, succeeded: 0, failed: 1 });
        const failed = events.find((e) => e.type === "failed");
        expect(failed && failed.type === "failed" && (failed.error as Error).name).to.equal("ModelError");
        expect(failed && failed.type === "failed" && failed.correlationId).to.equal("bad-1");
        expect(sqsFake.calls.DeleteMessage).to.equal(0);
        expect(sqsFake.calls.SendMessage).to.equal(0);
        expect(sqsFake.live(requests)).to.have.length(1); // still there, invisible until its timeout lapses

        expect(await c.pollOnce()).to.deep.equal({ received: 0, succeeded: 0, failed: 0 }); // not visible yet
        await new Promise((resolve) => setTimeout(resolve, 2 * MS_PER_SECOND + 30));
        expect(await c.pollOnce()).to.deep.equal({ received: 1, succeeded: 0, failed: 1 }); // second receive
        await new Promise((resolve) => setTimeout(resolve, 2 * MS_PER_SECOND + 30));
        expect(await c.pollOnce()).to.deep.equal({ received: 0, succeeded: 0, failed: 0 }); // redriven instead

        expect(sqsFake.live(requests)).to.have.length(0);
        expect(sqsFake.live(dlq).map((m) => JSON.parse(m.body).correlationId)).to.deep.equal(["bad-1"]);
        expect(sqsFake.calls.DeleteMessage).to.equal(0);
        expect(sagemaker.calls.invoke).to.equal(2);
    });

    it("an invalid request message is not deleted and reports why", async () => {
        sagemaker.addComponent("ic", { currentCopyCount: 1 });
        sqsFake.enqueue(requests, "this is not json");
        const batch = await consumer().pollOnce();
        expect(batch).to.deep.equal({ received: 1, succeeded: 0, failed: 1 });
        const failed = events.find((e) => e.type === "failed");
        expect(failed && failed.type === "failed" && (failed.error as Error).message).to.equal("invalid request message: message body is not JSON");
        expect(sqsFake.calls.DeleteMessage).to.equal(0);
        expect(sagemaker.calls.invoke).to.equal(0);
    });

    it("replies to the queue named in replyTo; a FIFO reply queue gets group and de-duplication ids", async () => {
        sagemaker.addComponent("ic", { currentCopyCount: 1 });
        const fifo = sqsFake.createQueue("replies.fifo");
        const messageId = sqsFake.enqueue(requests, encodeQueueRequest({ correlationId: "c-7", body: "x", replyTo: fifo }));
        expect(await consumer().pollOnce()).to.deep.equal({ received: 1, succeeded: 1, failed: 0 });
        expect(sqsFake.live(results)).to.have.length(0);
        expect(sqsFake.live(fifo)).to.have.length(1);
        const send = sqsFake.log.find((c) => c.action === "SendMessage")!;
        expect(send.input.MessageGroupId).to.equal("c-7");
        expect(send.input.MessageDeduplicationId).to.equal(messageId);
    });

    it("binary responses travel base64-encoded", async () => {
        sagemaker.addComponent("ic", { currentCopyCount: 1 });
        sagemaker.interceptors.invoke = () => ({ status: 200, headers: { "content-type": "application/octet-stream" }, body: Buffer.from([0xff, 0x00, 0xfe]) });
        sqsFake.enqueue(requests, encodeQueueRequest({ correlationId: "bin", body: Buffer.from([1, 2, 3]).toString("base64"), bodyEncoding: "base64" }));
        expect(await consumer().pollOnce()).to.deep.equal({ received: 1, succeeded: 1, failed: 0 });
        const decoded = decodeQueueResult(sqsFake.live(results)[0].body);
        expect(decoded.ok && decoded.value.bodyEncoding).to.equal("base64");
        expect(decoded.ok && [...decoded.value.bytes]).to.deep.equal([0xff, 0x00, 0xfe]);
    });

    it("start() long-polls until stop(); stop() aborts the idle poll promptly and finishes work in flight", async () => {
        sagemaker.addComponent("ic", { scaleOutDelayMs: 150 });
        const c = consumer({ waitTimeSeconds: 20 }); // 2 s of fake time per idle poll
        c.start();
        sqsFake.enqueue(requests, encodeQueueRequest({ correlationId: "a", body: "1" }));
        sqsFake.enqueue(requests, encodeQueueRequest({ correlationId: "b", body: "2" }));
        const deadline = Date.now() + 5_000;
        while (sqsFake.live(results).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        const correlationIds = sqsFake.live(results).map((m) => JSON.parse(m.body).correlationId).sort();
        expect(correlationIds).to.deep.equal(["a", "b"]);
        const stopping = Date.now();
        await c.stop();
        expect(Date.now() - stopping).to.be.below(1500);
        expect(sqsFake.live(requests)).to.have.length(0);
        // A receive the client aborted may still reach the fake after stop() (it was sent before): let it land,
        // then no new poll may start.
        await new Promise((resolve) => setTimeout(resolve, 250));
        const receives = sqsFake.calls.ReceiveMessage;
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(sqsFake.calls.ReceiveMessage).to.equal(receives);
    });

    it("validates its options, naming the option and the range", () => {
        expect(() => consumer({ waitTimeSeconds: 21 })).to.throw(RangeError, /waitTimeSeconds must be an integer between 0 and 20/);
        expect(() => consumer({ maxMessages: 0 })).to.throw(RangeError, /maxMessages must be an integer between 1 and 10/);
        expect(() => consumer({ visibilityTimeoutSeconds: 1, heartbeatIntervalMs: 1000 })).to.throw(RangeError, /heartbeatIntervalMs must be > 0 and </);
        expect(() => consumer({ queueUrl: "requests" })).to.throw(TypeError, /queueUrl must be an SQS queue URL/);
    });
});
