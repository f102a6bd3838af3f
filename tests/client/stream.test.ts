import { expect } from "chai";
import type { InvokeEndpointWithResponseStreamCommandOutput } from "@aws-sdk/client-sagemaker-runtime";
import { ColdStartTimeoutError, type ScaleToZeroClient } from "../../client";
import { FakeSageMaker, runtimeError } from "./fakeSageMaker";
import { fastClient, freshFakePerTest, progressRecorder, rejectionOf, type SdkClients } from "./helpers";

async function collect(output: InvokeEndpointWithResponseStreamCommandOutput): Promise<string[]> {
    const parts: string[] = [];
    for await (const event of output.Body ?? []) {
        if (event.PayloadPart?.Bytes) parts.push(Buffer.from(event.PayloadPart.Bytes).toString("utf8"));
    }
    return parts;
}

describe("ScaleToZeroClient.invokeStream", () => {
    let fake: FakeSageMaker;
    let sdk: SdkClients;
    let client: ScaleToZeroClient;
    freshFakePerTest(
        (f, s) => ((fake = f), (sdk = s)),
        () => client,
    );

    const input = { EndpointName: "ep", InferenceComponentName: "ic", ContentType: "application/json", Body: '{"inputs":"hi"}' };

    it("warm: streams every payload part through one InvokeEndpointWithResponseStream call", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        client = fastClient(sdk);
        const output = await client.invokeStream(input);
        expect(output.ContentType).to.equal("application/jsonlines");
        expect(await collect(output)).to.deep.equal(['{"token":"Hel"}\n', '{"token":"lo"}\n', '{"token":"!"}\n']);
        expect(fake.calls).to.deep.equal({ invoke: 0, invokeStream: 1, describe: 0, update: 0 });
        expect(fake.log[0].component).to.equal("ic");
    });

    it("cold: holds until a copy is up, then opens the stream", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 200 });
        client = fastClient(sdk, { wake: true });
        const recorder = progressRecorder();
        const output = await client.invokeStream(input, { onProgress: recorder.listener });
        expect(await collect(output)).to.have.length(3);
        expect(fake.calls.invokeStream).to.equal(2);
        expect(fake.calls.update).to.equal(1);
        expect(recorder.phases()).to.include.members(["cold-start-detected", "waking", "waiting-for-capacity", "retrying", "done"]);
    });

    it("cold without capacity until the deadline → ColdStartTimeoutError", async () => {
        fake.addComponent("ic");
        client = fastClient(sdk);
        const err = await rejectionOf(client.invokeStream(input, { deadlineMs: 150 }));
        expect(err).to.be.instanceOf(ColdStartTimeoutError);
        expect(fake.calls.invokeStream).to.equal(1);
    });

    it("a non-capacity ValidationError on the stream is not retried", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        fake.interceptors.invokeStream = () => runtimeError(400, "ValidationError", "Streaming is not supported by this model");
        client = fastClient(sdk);
        const err = await rejectionOf(client.invokeStream(input));
        expect((err as Error).name).to.equal("ValidationError");
        expect(fake.calls.invokeStream).to.equal(1);
    });
});
