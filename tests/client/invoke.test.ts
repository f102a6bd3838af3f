import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { expect } from "chai";
import {
    AccessDeniedError,
    ColdStartAbortedError,
    ColdStartTimeoutError,
    CredentialsError,
    InferenceComponentFailedError,
    InferenceComponentNotFoundError,
    MalformedResponseError,
    ScaleToZeroClient,
    ScaleToZeroError,
} from "../../client";
import { FakeSageMaker, FAKE_REGION, jsonError, runtimeError } from "./fakeSageMaker";
import { FAKE_CREDENTIALS, FAST, fastClient, freshFakePerTest, jsonBody, progressRecorder, rejectionOf, text, type SdkClients } from "./helpers";

describe("ScaleToZeroClient.invoke", () => {
    let fake: FakeSageMaker;
    let sdk: SdkClients;
    let client: ScaleToZeroClient;
    freshFakePerTest(
        (f, s) => ((fake = f), (sdk = s)),
        () => client,
    );

    const request = (component = "ic", body: unknown = { inputs: "hello" }) => ({
        EndpointName: "ep",
        InferenceComponentName: component,
        ContentType: "application/json",
        Body: jsonBody(body),
    });

    it("warm path: one signed InvokeEndpoint with the component header, no control-plane call", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        client = fastClient(sdk);
        const recorder = progressRecorder();
        const output = await client.invoke(request(), { onProgress: recorder.listener });
        expect(JSON.parse(text(output.Body))).to.deep.equal({ component: "ic", echo: '{"inputs":"hello"}' });
        expect(output.InvokedProductionVariant).to.equal("AllTraffic");
        expect(fake.calls).to.deep.equal({ invoke: 1, invokeStream: 0, describe: 0, update: 0 });
        expect(fake.log[0].signed).to.equal(true);
        expect(fake.log[0].component).to.equal("ic");
        expect(recorder.phases()).to.deep.equal(["invoking", "done"]);
        expect(client.controlPlaneStats).to.deep.equal({ loopsStarted: 0, describeCalls: 0, wakeCalls: 0 });
    });

    it("cold path with wake: raises desired 0 → 1 at once, waits for the copy, retries once", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 250, alarmDelayMs: null });
        client = fastClient(sdk, { wake: true });
        const recorder = progressRecorder();
        const started = Date.now();
        const output = await client.invoke(request(), { onProgress: recorder.listener });
        const elapsed = Date.now() - started;
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.invoke).to.equal(2);
        expect(fake.calls.update).to.equal(1);
        expect(JSON.parse(fake.log.find((c) => c.operation === "update")!.body)).to.deep.equal({
            InferenceComponentName: "ic",
            DesiredRuntimeConfig: { CopyCount: 1 },
        });
        expect(fake.component("ic").desiredCopyCount).to.equal(1);
        expect(elapsed).to.be.at.least(240);
        expect(recorder.phases()).to.deep.equal(["invoking", "cold-start-detected", "waking", "waiting-for-capacity", "retrying", "done"]);
        const waiting = recorder.events.filter((e) => e.phase === "waiting-for-capacity");
        expect(waiting[0].currentCopyCount).to.equal(0);
        expect(waiting[0].desiredCopyCount).to.equal(1);
        // Woke ourselves: the estimate skips the alarm's lead (400 - 100 ms) minus time spent.
        expect(waiting[0].estimatedRemainingMs).to.be.within(0, 300);
        const retry = recorder.events.find((e) => e.phase === "retrying")!;
        expect(retry.currentCopyCount).to.equal(1);
        expect(retry.attempt).to.equal(1);
        expect(client.controlPlaneStats.wakeCalls).to.equal(1);
    });

    it("cold path without wake: never calls Update; capacity arrives through the alarm", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 150, alarmDelayMs: 100 });
        client = fastClient(sdk); // wake defaults to false
        const recorder = progressRecorder();
        const started = Date.now();
        const output = await client.invoke(request(), { onProgress: recorder.listener });
        expect(Date.now() - started).to.be.at.least(240);
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.update).to.equal(0);
        expect(fake.calls.invoke).to.equal(2);
        expect(fake.calls.describe).to.be.at.least(2);
        expect(recorder.phases()).to.not.include("waking");
        const desiredSeen = recorder.events.filter((e) => e.phase === "waiting-for-capacity").map((e) => e.desiredCopyCount);
        expect(desiredSeen[0]).to.equal(0);
        expect(desiredSeen).to.include(1); // the alarm raised it while we waited
    });

    it("never lowers a count: with desired already 1 (alarm fired), wake does not call Update", async () => {
        fake.addComponent("ic", { currentCopyCount: 0, desiredCopyCount: 1, scaleOutDelayMs: 150 });
        client = fastClient(sdk, { wake: true });
        const output = await client.invoke(request());
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.update).to.equal(0);
        expect(fake.component("ic").desiredCopyCount).to.equal(1);
    });

    it("per-call wake overrides the client default", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 50 });
        client = fastClient(sdk, { wake: false });
        await client.invoke(request(), { wake: true });
        expect(fake.calls.update).to.equal(1);
    });

    it("deadline expiry → ColdStartTimeoutError with the last copy counts", async () => {
        fake.addComponent("ic", { alarmDelayMs: null }); // nothing will ever wake it
        client = fastClient(sdk);
        const started = Date.now();
        const err = await rejectionOf(client.invoke(request(), { deadlineMs: 300 }));
        const elapsed = Date.now() - started;
        expect(err).to.be.instanceOf(ColdStartTimeoutError);
        expect(err).to.be.instanceOf(ScaleToZeroError);
        const timeout = err as ColdStartTimeoutError;
        expect(timeout.deadlineMs).to.equal(300);
        expect(timeout.elapsedMs).to.be.within(290, 5000);
        expect(timeout.currentCopyCount).to.equal(0);
        expect(timeout.desiredCopyCount).to.equal(0);
        expect(timeout.inferenceComponentName).to.equal("ic");
        expect(timeout.message).to.match(/still had no capacity/);
        expect(elapsed).to.be.below(5000);
        expect(fake.calls.invoke).to.equal(1);
    });

    it("abort during a cold start → ColdStartAbortedError (name AbortError) promptly, and polling stops", async () => {
        fake.addComponent("ic", { alarmDelayMs: null });
        client = fastClient(sdk);
        const controller = new AbortController();
        const pending = client.invoke(request(), { signal: controller.signal });
        await new Promise((resolve) => setTimeout(resolve, 100));
        const abortedAt = Date.now();
        controller.abort(new Error("user cancelled"));
        const err = await rejectionOf(pending);
        expect(Date.now() - abortedAt).to.be.below(2000);
        expect(err).to.be.instanceOf(ColdStartAbortedError);
        expect((err as Error).name).to.equal("AbortError");
        expect((err as Error).message).to.match(/user cancelled/);
        // A Describe sent just before the abort may still reach the fake: let it land, then none may follow.
        await new Promise((resolve) => setTimeout(resolve, 150));
        const describes = fake.calls.describe;
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(fake.calls.describe).to.equal(describes); // the shared loop stopped with its last waiter
    });

    it("an already-aborted signal rejects without sending anything", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        client = fastClient(sdk);
        const err = await rejectionOf(client.invoke(request(), { signal: AbortSignal.abort() }));
        expect(err).to.be.instanceOf(ColdStartAbortedError);
        expect(fake.calls.invoke).to.equal(0);
    });

    it("component goes Failed while waiting → InferenceComponentFailedError with SageMaker's reason", async () => {
        fake.addComponent("ic", { alarmDelayMs: null });
        client = fastClient(sdk);
        setTimeout(() => fake.fail("ic", "Insufficient capacity for ml.g5.12xlarge in us-east-1"), 60);
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(InferenceComponentFailedError);
        expect((err as InferenceComponentFailedError).failureReason).to.equal("Insufficient capacity for ml.g5.12xlarge in us-east-1");
        expect((err as Error).message).to.contain("Insufficient capacity");
    });

    it("component deleted while waiting → InferenceComponentNotFoundError", async () => {
        fake.addComponent("ic", { alarmDelayMs: null });
        client = fastClient(sdk);
        setTimeout(() => fake.delete("ic"), 60);
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(InferenceComponentNotFoundError);
        expect((err as Error).message).to.match(/Could not find inference component/);
        expect((err as ScaleToZeroError).inferenceComponentName).to.equal("ic");
    });

    it("throttled Describe calls are backed off, not fatal, and the call still succeeds", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 100 });
        fake.throttledDescribes = 3;
        client = fastClient(sdk, { wake: true });
        const recorder = progressRecorder();
        const output = await client.invoke(request(), { onProgress: recorder.listener });
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.throttledDescribes).to.equal(0);
        expect(fake.calls.describe).to.be.at.least(4);
        const throttled = recorder.events.filter((e) => e.phase === "throttled");
        expect(throttled).to.have.length(3);
        expect(throttled[0].detail).to.match(/ThrottlingException: Rate exceeded/);
        // Backoff grows: the gaps between the throttled describes are non-decreasing on average.
        const times = fake.log.filter((c) => c.operation === "describe").map((c) => c.at);
        expect(times[3] - times[2]).to.be.at.least(10);
    });

    it("a ValidationError that is not about capacity is rethrown as-is after exactly one invoke", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        fake.interceptors.invoke = () => runtimeError(400, "ValidationError", "Received client error: invalid JSON payload");
        client = fastClient(sdk);
        const err = await rejectionOf(client.invoke(request()));
        expect((err as Error).name).to.equal("ValidationError");
        expect((err as Error).message).to.equal("Received client error: invalid JSON payload");
        expect(err).to.not.be.instanceOf(ScaleToZeroError);
        expect(fake.calls).to.deep.equal({ invoke: 1, invokeStream: 0, describe: 0, update: 0 });
    });

    it("a ModelError is rethrown unchanged (fields intact) and never retried", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        fake.interceptors.invoke = () => runtimeError(424, "ModelError", "Received client error (400) from primary", {
            OriginalStatusCode: 400, OriginalMessage: "bad input", LogStreamArn: "arn:aws:logs:us-east-1:111122223333:log-group:x",
        });
        client = fastClient(sdk);
        const err = (await rejectionOf(client.invoke(request()))) as Error & { OriginalStatusCode?: number; OriginalMessage?: string };
        expect(err.name).to.equal("ModelError");
        expect(err.OriginalStatusCode).to.equal(400);
        expect(err.OriginalMessage).to.equal("bad input");
        expect(fake.calls.invoke).to.equal(1);
    });

    it("access denied on InvokeEndpoint → AccessDeniedError, one call", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        fake.interceptors.invoke = () => runtimeError(403, "AccessDeniedException", "User is not authorized to perform: sagemaker:InvokeEndpoint");
        client = fastClient(sdk);
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(AccessDeniedError);
        expect((err as AccessDeniedError).operation).to.equal("InvokeEndpoint");
        expect(fake.calls.invoke).to.equal(1);
    });

    it("access denied on the wake → AccessDeniedError naming UpdateInferenceComponentRuntimeConfig", async () => {
        fake.addComponent("ic");
        fake.interceptors.update = () => jsonError(400, "AccessDeniedException", "not authorized to perform: sagemaker:UpdateInferenceComponentRuntimeConfig");
        client = fastClient(sdk, { wake: true });
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(AccessDeniedError);
        expect((err as AccessDeniedError).operation).to.equal("UpdateInferenceComponentRuntimeConfig");
        expect((err as Error).message).to.contain("allowWake: true");
        expect(fake.calls.update).to.equal(1);
    });

    it("a wake rejected for another reason (component mid-update) is reported, and the alarm still wakes it", async () => {
        fake.addComponent("ic", { alarmDelayMs: 50, scaleOutDelayMs: 50 });
        fake.interceptors.update = () => jsonError(400, "ValidationException", "Inference component is in Updating status");
        client = fastClient(sdk, { wake: true });
        const recorder = progressRecorder();
        const output = await client.invoke(request(), { onProgress: recorder.listener });
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.update).to.equal(1); // tried once per cold start, not in a loop
        expect(recorder.events.some((e) => /wake failed \(ValidationException/.test(e.detail ?? ""))).to.equal(true);
    });

    it("malformed Describe response (not JSON) → MalformedResponseError", async () => {
        fake.addComponent("ic");
        fake.interceptors.describe = () => ({ status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: "<html>oops" });
        client = fastClient(sdk);
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(MalformedResponseError);
        expect((err as MalformedResponseError).operation).to.equal("DescribeInferenceComponent");
        expect((err as Error).message).to.match(/not valid JSON/);
    });

    it("Describe response without RuntimeConfig → MalformedResponseError that says what is missing", async () => {
        fake.addComponent("ic");
        fake.interceptors.describe = () => ({
            status: 200,
            headers: { "content-type": "application/x-amz-json-1.1" },
            body: JSON.stringify({ InferenceComponentName: "ic", InferenceComponentStatus: "InService" }),
        });
        client = fastClient(sdk);
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(MalformedResponseError);
        expect((err as Error).message).to.match(/RuntimeConfig\.CurrentCopyCount\/DesiredCopyCount missing/);
    });

    it("malformed InvokeEndpoint error response → MalformedResponseError", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        fake.interceptors.invoke = () => ({ status: 400, headers: { "content-type": "application/json" }, body: "not json at all" });
        client = fastClient(sdk);
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(MalformedResponseError);
        expect((err as MalformedResponseError).operation).to.equal("InvokeEndpoint");
        expect(fake.calls.invoke).to.equal(1);
    });

    it("a 5xx with an HTML body from the control plane is transient: backed off, then succeeds", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 50 });
        let failures = 2;
        fake.interceptors.describe = () => (failures-- > 0 ? { status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad Gateway</html>" } : undefined);
        client = fastClient(sdk, { wake: true });
        const output = await client.invoke(request());
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.describe).to.be.at.least(3);
    });

    it("ModelNotReadyException is retried with backoff within the deadline", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        let notReady = 2;
        fake.interceptors.invoke = () => (notReady-- > 0 ? runtimeError(429, "ModelNotReadyException", "Model is not ready") : undefined);
        // maxAttempts 1: the SDK would otherwise retry the 429 itself (as throttling) before we see it.
        const runtime = new SageMakerRuntimeClient({ region: FAKE_REGION, endpoint: fake.url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
        client = new ScaleToZeroClient({ runtimeClient: runtime, controlPlaneClient: sdk.controlPlane, ...FAST });
        const recorder = progressRecorder();
        const output = await client.invoke(request(), { onProgress: recorder.listener });
        runtime.destroy();
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.invoke).to.equal(3);
        expect(fake.calls.describe).to.equal(0);
        expect(recorder.events.filter((e) => e.phase === "retrying")).to.have.length(2);
    });

    it("router lag: capacity reported but invoke still 'no capacity' → backs off and retries until it works", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        let lagging = 3;
        fake.interceptors.invoke = () => (lagging-- > 0 ? runtimeError(400, "ValidationError",
            "Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress " +
            "(if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.") : undefined);
        client = fastClient(sdk);
        const output = await client.invoke(request());
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.invoke).to.equal(4);
        expect(fake.calls.describe).to.equal(3); // one per "no capacity", each answered at once
    });

    it("a throwing onProgress listener does not break the call", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 50 });
        client = fastClient(sdk, { wake: true });
        const output = await client.invoke(request(), { onProgress: () => { throw new Error("listener bug"); } });
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
    });

    it("builds its own SDK clients from region/endpoint/credentials options, and destroy() releases them", async () => {
        fake.addComponent("ic", { scaleOutDelayMs: 50 });
        client = new ScaleToZeroClient({
            region: FAKE_REGION,
            endpoint: fake.url,
            controlPlaneEndpoint: fake.url,
            credentials: FAKE_CREDENTIALS,
            wake: true,
            ...FAST,
        });
        const output = await client.invoke(request());
        expect(JSON.parse(text(output.Body)).component).to.equal("ic");
        expect(fake.calls.update).to.equal(1);
        expect(fake.log.every((c) => c.signed)).to.equal(true);
    });

    it("missing credentials → CredentialsError with a clear message, before anything is sent", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        client = new ScaleToZeroClient({
            region: FAKE_REGION,
            endpoint: fake.url,
            credentials: async () => {
                throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
            },
        });
        const err = await rejectionOf(client.invoke(request()));
        expect(err).to.be.instanceOf(CredentialsError);
        expect((err as Error).message).to.match(/AWS credentials and a region are needed/);
        expect(fake.calls.invoke).to.equal(0);
    });

    it("rejects bad input and options with errors naming the field", async () => {
        fake.addComponent("ic", { currentCopyCount: 1 });
        client = fastClient(sdk);
        const noComponent = await rejectionOf(client.invoke({ EndpointName: "ep", Body: "{}" } as never));
        expect((noComponent as Error).message).to.match(/InferenceComponentName must be a non-empty string/);
        const { Readable } = await import("node:stream");
        const streamBody = await rejectionOf(client.invoke({ EndpointName: "ep", InferenceComponentName: "ic", Body: Readable.from(["x"]) }));
        expect((streamBody as Error).message).to.match(/cold-start retry sends it again/);
        const badDeadline = await rejectionOf(client.invoke(request(), { deadlineMs: -1 }));
        expect((badDeadline as Error).message).to.match(/deadlineMs must be a finite number > 0/);
        expect(fake.calls.invoke).to.equal(0);
    });
});
