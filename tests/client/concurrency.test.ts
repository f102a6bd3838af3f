import { expect } from "chai";
import { ColdStartAbortedError, ColdStartTimeoutError, type ScaleToZeroClient } from "../../client";
import { FakeSageMaker } from "./fakeSageMaker";
import { fastClient, freshFakePerTest, jsonBody, rejectionOf, sdkClients, text, type SdkClients } from "./helpers";

/** Runs `callers` concurrent invokes through one client during one cold start; returns the control-plane cost. */
async function coldStartWith(callers: number, wake: boolean): Promise<{ describes: number; updates: number; invokes: number; loops: number; bodies: string[] }> {
    const fake = await FakeSageMaker.start();
    const sdk = sdkClients(fake.url);
    const client = fastClient(sdk, { wake });
    try {
        fake.addComponent("ic", { scaleOutDelayMs: 300, alarmDelayMs: wake ? null : 50 });
        const outputs = await Promise.all(Array.from({ length: callers }, (_, i) =>
            client.invoke({ EndpointName: "ep", InferenceComponentName: "ic", ContentType: "application/json", Body: jsonBody({ caller: i }) })));
        return {
            describes: fake.calls.describe,
            updates: fake.calls.update,
            invokes: fake.calls.invoke,
            loops: client.controlPlaneStats.loopsStarted,
            bodies: outputs.map((o) => JSON.parse(text(o.Body)).echo as string),
        };
    } finally {
        client.destroy();
        sdk.destroy();
        await fake.close();
    }
}

describe("ScaleToZeroClient under concurrency", () => {
    it("200 callers in one cold start (wake on): all succeed, one wake, Describe calls do not grow with callers", async () => {
        const one = await coldStartWith(1, true);
        const many = await coldStartWith(200, true);
        expect(one.bodies).to.deep.equal(['{"caller":0}']);
        expect(many.bodies).to.have.length(200);
        many.bodies.forEach((body, i) => expect(JSON.parse(body)).to.deep.equal({ caller: i }));
        expect(one.updates).to.equal(1);
        expect(many.updates).to.equal(1);
        // One shared poll loop: 200 callers cost what 1 caller costs, plus a small constant for callers whose
        // "no capacity" answer arrived just after the copy came up (each such late loop ends on its first poll).
        // (Typical: 11-12 Describe calls for 1 caller and for 200; 200 separate pollers would make ~2,400.)
        expect(many.describes).to.be.at.most(one.describes + 6);
        expect(many.loops).to.be.at.most(3);
        // Each caller: one failed invoke, one successful retry.
        expect(many.invokes).to.equal(400);
    });

    it("200 callers without wake: no Update at all, capacity from the alarm, one poll loop", async () => {
        const one = await coldStartWith(1, false);
        const many = await coldStartWith(200, false);
        expect(many.bodies).to.have.length(200);
        expect(one.updates).to.equal(0);
        expect(many.updates).to.equal(0);
        expect(many.describes).to.be.at.most(one.describes + 6);
    });

    describe("waiters leave independently", () => {
        let fake: FakeSageMaker;
        let sdk: SdkClients;
        let client: ScaleToZeroClient;
        freshFakePerTest(
            (f, s) => ((fake = f), (sdk = s)),
            () => client,
        );

        it("one caller aborting or timing out does not disturb the others sharing the loop", async () => {
            fake.addComponent("ic", { scaleOutDelayMs: 250 });
            client = fastClient(sdk, { wake: true });
            const input = { EndpointName: "ep", InferenceComponentName: "ic", Body: "{}" };
            const controller = new AbortController();
            const aborted = client.invoke(input, { signal: controller.signal });
            const timedOut = client.invoke(input, { deadlineMs: 120 });
            const patient = Array.from({ length: 5 }, () => client.invoke(input));
            setTimeout(() => controller.abort(), 60);
            expect(await rejectionOf(aborted)).to.be.instanceOf(ColdStartAbortedError);
            expect(await rejectionOf(timedOut)).to.be.instanceOf(ColdStartTimeoutError);
            const outputs = await Promise.all(patient);
            expect(outputs.map((o) => JSON.parse(text(o.Body)).component)).to.deep.equal(["ic", "ic", "ic", "ic", "ic"]);
            expect(fake.calls.update).to.equal(1);
            expect(client.controlPlaneStats.loopsStarted).to.equal(1);
        });

        it("two cold components get one loop each and one wake each", async () => {
            fake.addComponent("a", { scaleOutDelayMs: 100 });
            fake.addComponent("b", { scaleOutDelayMs: 200 });
            client = fastClient(sdk, { wake: true });
            const calls = ["a", "b", "a", "b"].map((c) => client.invoke({ EndpointName: "ep", InferenceComponentName: c, Body: "{}" }));
            const outputs = await Promise.all(calls);
            expect(outputs.map((o) => JSON.parse(text(o.Body)).component)).to.deep.equal(["a", "b", "a", "b"]);
            expect(fake.callsFor("update", "a")).to.equal(1);
            expect(fake.callsFor("update", "b")).to.equal(1);
            expect(client.controlPlaneStats.loopsStarted).to.equal(2);
        });

        it("the next cold start (after scale-in) gets a fresh loop and a fresh wake", async () => {
            fake.addComponent("ic", { scaleOutDelayMs: 50 });
            client = fastClient(sdk, { wake: true });
            const input = { EndpointName: "ep", InferenceComponentName: "ic", Body: "{}" };
            await client.invoke(input);
            fake.scaleToZero("ic");
            await client.invoke(input);
            expect(fake.calls.update).to.equal(2);
            expect(client.controlPlaneStats.loopsStarted).to.equal(2);
        });

        it("destroy() rejects held calls with ColdStartAbortedError and stops polling", async () => {
            fake.addComponent("ic", { alarmDelayMs: null });
            client = fastClient(sdk);
            const held = client.invoke({ EndpointName: "ep", InferenceComponentName: "ic", Body: "{}" });
            await new Promise((resolve) => setTimeout(resolve, 50));
            client.destroy();
            const err = await rejectionOf(held);
            expect(err).to.be.instanceOf(ColdStartAbortedError);
            expect((err as Error).message).to.contain("client destroyed");
            // A Describe sent just before destroy() may still reach the fake: let it land, then none may follow.
            await new Promise((resolve) => setTimeout(resolve, 150));
            const describes = fake.calls.describe;
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(fake.calls.describe).to.equal(describes);
        });
    });
});
