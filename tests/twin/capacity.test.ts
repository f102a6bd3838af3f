import { expect } from "chai";
import { TwinResource } from "../../twin";
import { DATA_CACHE_COPY_FACTOR } from "../../twin/sageMaker";
import { TIMING_PROFILES } from "../../planner/timingProfiles";
import { MINUTE, TUESDAY_NOON, runFor, waitMinutes } from "./helpers";
import { stackResources, variant } from "./stacks";

// What the 2025 capacity features change, executed by the twin on the dev stack's registered resources.

const IC = "llm-llama-8b-dev";
const COPY_SECONDS = TIMING_PROFILES["llama-3.1-8b"].copyStartSeconds;

/** The wake-up copy start (the first one after `minute`). */
function wakeStart(result: ReturnType<typeof runFor>, minute: number) {
    return result.copyStarts.find((c) => c.component === IC && c.requestedAt >= TUESDAY_NOON + minute * MINUTE);
}

describe("twin: capacity when waking up (instance pools) and faster copies (data cache)", () => {
    let plain: TwinResource[];
    let pooled: TwinResource[];
    let cached: TwinResource[];
    before(async () => {
        plain = await stackResources("dev", variant("dev"));
        pooled = await stackResources("dev", variant("dev", { "scale-to-zero:endpoint": { fallbackInstanceTypes: ["ml.g5.12xlarge"] } }));
        cached = await stackResources("dev", variant("dev", { "scale-to-zero:inferenceComponents": { "llama-8b": { dataCache: true } } }));
    });

    it("a wake when the preferred type has no capacity falls back to the next pool and is served", () => {
        const result = runFor(pooled, 2, [{ minute: 60, component: IC, client: "hold" }], { unavailableInstanceTypes: ["ml.g5.2xlarge"] });
        expect(result.outcomes[0].servedAt).to.not.equal(undefined);
        expect(wakeStart(result, 60)?.instanceType).to.equal("ml.g5.12xlarge");
    });

    it("with capacity, the wake stays on the priority-1 type", () => {
        const result = runFor(pooled, 2, [{ minute: 60, component: IC, client: "hold" }]);
        expect(wakeStart(result, 60)?.instanceType).to.equal("ml.g5.2xlarge");
    });

    it("without a fallback pool the same shortage leaves the endpoint at zero: the request is never served", () => {
        const result = runFor(plain, 2, [{ minute: 60, component: IC, client: "hold" }], { unavailableInstanceTypes: ["ml.g5.2xlarge"] });
        expect(result.outcomes[0].servedAt).to.equal(undefined);
        expect(result.summary.failed).to.equal(1);
        expect(result.instanceSeconds["llm-dev"]).to.equal(0);
    });

    it("a copy that starts on an instance still up after scale-in starts from the cache: 258/525 of the copy time", () => {
        // Copies reach 0 after the 10-minute idle timeout; the instance stays ~10 minutes more. A request at minute 14
        // wakes a copy on that instance.
        const withCache = runFor(cached, 1, [{ minute: 14, component: IC, client: "hold" }]);
        const without = runFor(plain, 1, [{ minute: 14, component: IC, client: "hold" }]);
        const w = wakeStart(withCache, 14)!;
        const p = wakeStart(without, 14)!;
        expect(w.cached).to.equal(true);
        expect(p.cached).to.equal(false);
        expect(w.servingAt - w.requestedAt).to.be.closeTo(COPY_SECONDS * DATA_CACHE_COPY_FACTOR, 1e-6);
        expect(p.servingAt - p.requestedAt).to.be.closeTo(COPY_SECONDS, 1e-6);
        expect(waitMinutes(without)! - waitMinutes(withCache)!).to.be.closeTo((COPY_SECONDS * (1 - DATA_CACHE_COPY_FACTOR)) / 60, 0.2);
    });

    it("a wake from zero instances gains nothing from the cache: the new instance has nothing cached", () => {
        const withCache = runFor(cached, 2, [{ minute: 60, component: IC, client: "hold" }]);
        const without = runFor(plain, 2, [{ minute: 60, component: IC, client: "hold" }]);
        expect(wakeStart(withCache, 60)!.cached).to.equal(false);
        expect(waitMinutes(withCache)).to.equal(waitMinutes(without));
    });
});
