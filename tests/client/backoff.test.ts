import { expect } from "chai";
import { backoffDelayMs } from "../../client";
import { sleep } from "../../client/backoff";

const policy = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2 };

describe("backoff", () => {
    it("grows exponentially and caps at maxDelayMs (jitter at its maximum)", () => {
        const delays = [0, 1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 1));
        expect(delays).to.deep.equal([100, 200, 400, 800, 1000, 1000]);
    });

    it("equal jitter: never below half the exponential delay", () => {
        expect(backoffDelayMs(0, policy, () => 0)).to.equal(50);
        expect(backoffDelayMs(3, policy, () => 0)).to.equal(400);
        expect(backoffDelayMs(3, policy, () => 0.5)).to.equal(600);
    });

    it("clamps odd inputs: negative attempt, random outside [0, 1]", () => {
        expect(backoffDelayMs(-3, policy, () => 1)).to.equal(100);
        expect(backoffDelayMs(1, policy, () => 7)).to.equal(200);
        expect(backoffDelayMs(1, policy, () => -1)).to.equal(100);
    });

    it("with the real random source, stays within [half, full] of the step", () => {
        for (let i = 0; i < 200; i++) expect(backoffDelayMs(2, policy)).to.be.within(200, 400);
    });

    it("sleep resolves true after the delay, false at once when aborted", async () => {
        const start = Date.now();
        expect(await sleep(30)).to.equal(true);
        expect(Date.now() - start).to.be.at.least(25);
        const controller = new AbortController();
        const pending = sleep(10_000, controller.signal);
        controller.abort();
        expect(await pending).to.equal(false);
        expect(await sleep(10_000, AbortSignal.abort())).to.equal(false);
    });
});
