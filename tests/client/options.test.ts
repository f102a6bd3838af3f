import { expect } from "chai";
import { CLIENT_DEFAULTS, isReplayableBody, resolveColdStartOptions, validateInvokeInput } from "../../client";

describe("cold-start options", () => {
    it("defaults: wake off, 10 min deadline, 2 s → 15 s polls, 5 min expected cold start", () => {
        const resolved = resolveColdStartOptions();
        expect(resolved).to.deep.include({
            wake: false,
            deadlineMs: 600_000,
            pollInitialDelayMs: 2_000,
            pollMaxDelayMs: 15_000,
            pollMultiplier: 2,
            retryInitialDelayMs: 500,
            expectedColdStartMs: 300_000,
            alarmLeadMs: 60_000,
        });
        expect(resolved.deadlineMs).to.equal(CLIENT_DEFAULTS.deadlineMs);
    });

    it("a large initial poll delay raises the default cap with it", () => {
        expect(resolveColdStartOptions({ pollInitialDelayMs: 30_000 }).pollMaxDelayMs).to.equal(30_000);
    });

    const invalid: [string, object, RegExp][] = [
        ["deadline 0", { deadlineMs: 0 }, /deadlineMs must be a finite number > 0/],
        ["deadline Infinity", { deadlineMs: Infinity }, /deadlineMs must be a finite number > 0/],
        ["poll delay negative", { pollInitialDelayMs: -5 }, /pollInitialDelayMs must be a finite number > 0/],
        ["cap below initial", { pollInitialDelayMs: 100, pollMaxDelayMs: 50 }, /pollMaxDelayMs must be >= pollInitialDelayMs \(100\)/],
        ["multiplier below 1", { pollMultiplier: 0.5 }, /pollMultiplier must be between 1 and 10/],
        ["alarm lead above expected", { expectedColdStartMs: 1000, alarmLeadMs: 2000 }, /alarmLeadMs must be between 0 and expectedColdStartMs/],
        ["wake as a string", { wake: "yes" }, /wake must be a boolean/],
        ["onProgress not a function", { onProgress: 5 }, /onProgress must be a function/],
    ];
    for (const [label, options, message] of invalid) {
        it(`rejects ${label}`, () => expect(() => resolveColdStartOptions(options as never)).to.throw(message));
    }

    it("validateInvokeInput names the missing field", () => {
        expect(() => validateInvokeInput({ InferenceComponentName: "ic", Body: "x" })).to.throw(TypeError, /EndpointName/);
        expect(() => validateInvokeInput({ EndpointName: "ep", InferenceComponentName: " ", Body: "x" })).to.throw(TypeError, /InferenceComponentName/);
        expect(() => validateInvokeInput({ EndpointName: "ep", InferenceComponentName: "ic", Body: undefined })).to.throw(TypeError, /Body must be/);
        expect(() => validateInvokeInput({ EndpointName: "ep", InferenceComponentName: "ic", Body: "x" })).to.not.throw();
    });

    it("isReplayableBody accepts bytes and strings, not streams", async () => {
        const { Readable } = await import("node:stream");
        expect([ "x", Buffer.from("x"), new Uint8Array(2), new ArrayBuffer(2), new DataView(new ArrayBuffer(2)) ].map(isReplayableBody))
            .to.deep.equal([true, true, true, true, true]);
        expect(isReplayableBody(Readable.from(["x"]))).to.equal(false);
        expect(isReplayableBody({ text: "x" })).to.equal(false);
    });
});
