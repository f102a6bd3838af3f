import { expect } from "chai";
import { planScaleToZero, planScaleToZeroSync } from "../../planner/plan";
import { DEV_COMPONENT, DEV_ENDPOINT, MONDAY } from "./helpers";

const base = { endpoint: DEV_ENDPOINT, component: DEV_COMPONENT, modes: [{ kind: "always-on" as const }] };

describe("plan input checks", () => {
    it("rejects unsorted requests from any source, naming the request", () => {
        const requests = [
            { time: MONDAY + 10, duration: 1 },
            { time: MONDAY + 5, duration: 1 },
        ];
        expect(() => planScaleToZeroSync({ ...base, traffic: { name: "mine", requests } })).to.throw(
            `traffic mine request 2: time ${MONDAY + 5} is earlier than the previous request (${MONDAY + 10}): requests must be sorted`,
        );
    });

    it("rejects negative or non-numeric durations and times", () => {
        expect(() => planScaleToZeroSync({ ...base, traffic: { name: "mine", requests: [{ time: MONDAY, duration: -1 }] } })).to.throw(
            "traffic mine request 1: duration -1 must be a number ≥ 0",
        );
        expect(() => planScaleToZeroSync({ ...base, traffic: { name: "mine", requests: [{ time: NaN, duration: 1 }] } })).to.throw(
            "traffic mine request 1: time NaN is not a number",
        );
    });

    it("rejects an empty trace without a window, but prices an empty window", async () => {
        expect(() => planScaleToZeroSync({ ...base, traffic: { name: "empty.csv", requests: [] } })).to.throw(
            "traffic empty.csv: no requests, and no window to simulate",
        );
        const plan = await planScaleToZero({ ...base, traffic: { name: "quiet", requests: [], window: { start: MONDAY, end: MONDAY + 86_400 } } });
        expect(plan.modes[0].costUsd).to.be.closeTo(24 * 1.515, 1e-9);
    });

    it("rejects duplicate mode names, no modes, and async traffic in the synchronous API", () => {
        const traffic = { name: "t", requests: [], window: { start: MONDAY, end: MONDAY + 60 } };
        expect(() => planScaleToZeroSync({ ...base, traffic, modes: [{ kind: "always-on" }, { kind: "always-on" }] })).to.throw(
            "two modes are named always-on: give them distinct names",
        );
        expect(() => planScaleToZeroSync({ ...base, traffic, modes: [] })).to.throw("no modes to compare");
        async function* none(): AsyncGenerator<{ time: number; duration: number }> {}
        expect(() => planScaleToZeroSync({ ...base, traffic: { name: "a", requests: none() } })).to.throw(
            "planScaleToZeroSync needs synchronous traffic (a generator); use planScaleToZero for files",
        );
    });

    it("rejects bad client settings", () => {
        const traffic = { name: "t", requests: [], window: { start: MONDAY, end: MONDAY + 60 } };
        expect(() => planScaleToZeroSync({ ...base, traffic, client: { kind: "hold", deadlineSeconds: 0 } })).to.throw(
            "client behaviour: deadlineSeconds must be > 0 (got 0)",
        );
        expect(() => planScaleToZeroSync({ ...base, traffic, client: { kind: "retry", maxAttempts: 0 } })).to.throw(
            "client behaviour: maxAttempts must be an integer ≥ 1 (got 0)",
        );
        expect(() => planScaleToZeroSync({ ...base, traffic, timingOverrides: { copyStartSeconds: -5 } })).to.throw(
            "timing profile llama-3.1-8b (overridden): copyStartSeconds must be a number ≥ 0 (got -5)",
        );
    });
});
