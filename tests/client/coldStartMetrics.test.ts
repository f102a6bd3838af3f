import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { expect } from "chai";
import { clientPolicyDocument, ScaleToZeroClient } from "../../client";
import { FakeAwsControl } from "./fakeAwsControl";
import { FakeSageMaker, FAKE_REGION } from "./fakeSageMaker";
import { FAKE_CREDENTIALS, fastClient, freshFakePerTest, progressRecorder, type SdkClients } from "./helpers";

const PUT = "GraniteServiceVersion20100801.PutMetricData";

describe("cold starts: progress callbacks and the opt-in CloudWatch metric (real SDK, loopback CloudWatch)", () => {
    let fake: FakeSageMaker;
    let sdk: SdkClients;
    let client: ScaleToZeroClient | undefined;
    let cloudWatchFake: FakeAwsControl;
    let cloudWatch: CloudWatchClient;
    freshFakePerTest((f, s) => ((fake = f), (sdk = s)), () => client);
    beforeEach(async () => {
        cloudWatchFake = await FakeAwsControl.start();
        cloudWatchFake.answers = { [PUT]: {} };
        cloudWatch = new CloudWatchClient({ region: FAKE_REGION, endpoint: cloudWatchFake.url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    });
    afterEach(async () => {
        cloudWatch.destroy();
        await cloudWatchFake.close();
    });
    const request = { EndpointName: "ep", InferenceComponentName: "ic", Body: "{}", ContentType: "application/json" };

    it("reports the cold start on `done` (first no-capacity answer to response) and publishes it once, in seconds", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 200, alarmDelayMs: null });
        client = fastClient(sdk, { wake: true, publishColdStartMetrics: true, cloudWatchClient: cloudWatch });
        const recorder = progressRecorder();
        await client.invoke(request, { onProgress: recorder.listener });
        const done = recorder.events.find((e) => e.phase === "done")!;
        expect(done.coldStartMs).to.be.within(190, 2000);
        const puts = cloudWatchFake.calledWith(PUT);
        expect(puts).to.have.length(1);
        const datum = (puts[0].MetricData as Record<string, unknown>[])[0];
        expect(puts[0].Namespace).to.equal("ScaleToZero");
        expect(datum).to.deep.include({ MetricName: "ColdStartDuration", Unit: "Seconds" });
        expect(datum.Dimensions).to.deep.equal([{ Name: "EndpointName", Value: "ep" }, { Name: "InferenceComponentName", Value: "ic" }]);
        expect(datum.Value as number).to.be.closeTo(done.coldStartMs! / 1000, 0.05);
    });

    it("publishes nothing for a warm call, and nothing at all unless opted in", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        client = fastClient(sdk, { publishColdStartMetrics: true, cloudWatchClient: cloudWatch });
        const recorder = progressRecorder();
        await client.invoke(request, { onProgress: recorder.listener });
        expect(recorder.events.find((e) => e.phase === "done")!.coldStartMs).to.equal(undefined);
        fake.addComponent("cold", { scaleOutDelayMs: 50, alarmDelayMs: null });
        const quiet = fastClient(sdk, { wake: true, cloudWatchClient: cloudWatch });
        await quiet.invoke({ ...request, InferenceComponentName: "cold" });
        quiet.destroy();
        expect(cloudWatchFake.calledWith(PUT)).to.deep.equal([]);
    });

    it("a failed publish never fails the call; it is counted", async () => {
        cloudWatchFake.answers = {};
        fake.addComponent("ic", { scaleOutDelayMs: 50, alarmDelayMs: null });
        client = fastClient(sdk, { wake: true, publishColdStartMetrics: true, cloudWatchClient: cloudWatch });
        const output = await client.invoke(request);
        expect(output.$metadata.httpStatusCode).to.equal(200);
        expect(client.coldStartMetricFailures).to.equal(1);
    });

    it("the caller policy grants PutMetricData only with the opt-in, only in the project namespace", () => {
        const args = { endpointArn: "arn:aws:sagemaker:us-east-1:111122223333:endpoint/ep", inferenceComponentArn: "arn:aws:sagemaker:us-east-1:111122223333:inference-component/ic" };
        expect(clientPolicyDocument(args).Statement.map((s) => s.Sid)).to.not.include("PublishColdStarts");
        const statement = clientPolicyDocument({ ...args, allowColdStartMetrics: true }).Statement.find((s) => s.Sid === "PublishColdStarts");
        expect(statement).to.deep.equal({
            Sid: "PublishColdStarts",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": "ScaleToZero" } },
        });
        expect(() => clientPolicyDocument({ ...args, allowColdStartMetrics: "yes" as never })).to.throw("allowColdStartMetrics must be a boolean");
    });
});
