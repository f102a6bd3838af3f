import { expect } from "chai";
import { ScaleToZeroModel, ScaleToZeroQueue } from "../components";
import { validateScaleToZeroQueueArgs } from "../components/scaleToZeroQueue";
import { resolve, runUnderMocks } from "./helpers/pulumiMocks";

describe("ScaleToZeroQueue (buffered mode)", () => {
    async function deploy(allowWake?: boolean) {
        return runUnderMocks(() => {
            const model = new ScaleToZeroModel("llm", {
                instanceType: "ml.g5.xlarge",
                model: { image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:1" },
                compute: { acceleratorCount: 1, memoryMiB: 1024 },
            });
            return new ScaleToZeroQueue("llm-queue", {
                endpointArn: model.endpointArn,
                inferenceComponentArns: [model.inferenceComponents.model.inferenceComponentArn],
                allowWake,
                maxReceiveCount: 3,
            });
        });
    }

    it("request queue long-polls, is encrypted and redrives to the dead-letter queue after maxReceiveCount", async () => {
        const { mocks } = await deploy();
        const dlq = mocks.one("aws:sqs/queue:Queue", "-dead-letters");
        const requests = mocks.one("aws:sqs/queue:Queue", "-requests").inputs;
        expect(requests).to.deep.include({
            visibilityTimeoutSeconds: 60,
            messageRetentionSeconds: 345600,
            receiveWaitTimeSeconds: 20,
            sqsManagedSseEnabled: true,
        });
        expect(JSON.parse(requests.redrivePolicy)).to.deep.equal({ deadLetterTargetArn: dlq.state.arn, maxReceiveCount: 3 });
        expect(dlq.inputs.messageRetentionSeconds).to.equal(1209600);
        const allow = mocks.one("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy").inputs;
        expect(allow.queueUrl).to.equal(dlq.state.url);
        expect(JSON.parse(allow.redriveAllowPolicy)).to.deep.equal({
            redrivePermission: "byQueue",
            sourceQueueArns: [mocks.one("aws:sqs/queue:Queue", "-requests").state.arn],
        });
    });

    it("consumer policy: read requests, send results, invoke and watch the component; no wake unless allowed", async () => {
        const { mocks, result } = await deploy();
        const requestArn = mocks.one("aws:sqs/queue:Queue", "-requests").state.arn;
        const resultsArn = mocks.one("aws:sqs/queue:Queue", "-results").state.arn;
        const policy = JSON.parse(await resolve(result.consumerPolicyJson));
        expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).to.deep.equal([
            "ReadRequests",
            "SendResults",
            "InvokeEndpoint",
            "WatchColdStart",
        ]);
        expect(policy.Statement[0].Resource).to.deep.equal([requestArn]);
        expect(policy.Statement[1].Resource).to.deep.equal([resultsArn]);
        expect(policy.Statement[3].Resource).to.deep.equal([
            mocks.one("aws-native:sagemaker:InferenceComponent").state.inferenceComponentArn,
        ]);
        const producer = JSON.parse(await resolve(result.producerPolicyJson));
        expect(producer.Statement).to.deep.equal([
            { Sid: "SendRequests", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [requestArn] },
            { Sid: "ReadResults", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: [resultsArn] },
        ]);
        expect(await resolve(result.requestQueueUrl)).to.equal("https://sqs.us-east-1.amazonaws.com/123456789012/llm-queue-requests");
    });

    it("allowWake adds exactly the wake action on the component", async () => {
        const { result } = await deploy(true);
        const policy = JSON.parse(await resolve(result.consumerPolicyJson));
        expect(policy.Statement.at(-1)).to.deep.include({
            Sid: "WakeFromZero",
            Action: ["sagemaker:UpdateInferenceComponentRuntimeConfig"],
        });
    });

    it("rejects bad arguments with the argument and its range", () => {
        expect(() =>
            validateScaleToZeroQueueArgs({ endpointArn: "e", inferenceComponentArns: [], maxReceiveCount: 0, visibilityTimeoutSeconds: 10 }),
        ).to.throw(
            "ScaleToZeroQueue: invalid arguments:\n  - inferenceComponentArns must list at least one inference component ARN\n" +
                "  - visibilityTimeoutSeconds must be an integer from 30 to 43200 (got 10)\n" +
                "  - maxReceiveCount must be an integer from 1 to 1000 (got 0)",
        );
    });
});
