import { expect } from "chai";
import { copiesPerInstance, estimateRollingUpdate } from "../../planner/rollingUpdate";
import { TIMING_PROFILES } from "../../planner/timingProfiles";
import { INSTANCE_CAPACITY } from "../../twin/instanceTypes";

const TIMES = TIMING_PROFILES["llama-3.1-8b"];
const ONE_GPU = { accelerators: 1, memoryMiB: 16384, cpuCores: 2 };
const percent = (value: number) => ({ type: "CAPACITY_PERCENT" as const, value });
const copiesOf = (value: number) => ({ type: "COPY_COUNT" as const, value });

describe("planner: rolling update duration and capacity", () => {
    it("copies per instance follow the scarcest resource", () => {
        expect(copiesPerInstance(INSTANCE_CAPACITY["ml.g5.12xlarge"], ONE_GPU)).to.equal(4);
        expect(copiesPerInstance(INSTANCE_CAPACITY["ml.g5.2xlarge"], ONE_GPU)).to.equal(1);
    });

    it("4 copies, 1 per batch, 300 s bake, 1 copy per instance: 4 steps and one extra instance", () => {
        const e = estimateRollingUpdate(4, { maximumBatchSize: copiesOf(1), waitIntervalSeconds: 300 }, TIMES, 1, 8);
        expect(e).to.deep.equal({
            batchCopies: 1,
            batches: 4,
            durationSeconds: 4 * (TIMES.copyStartSeconds + 300) + TIMES.instanceStartSeconds,
            peakCopies: 5,
            extraInstances: 1,
            peakInstances: 5,
            fits: true,
        });
    });

    it("a 50 % batch halves the steps and needs room for twice as many extra copies", () => {
        const e = estimateRollingUpdate(4, { maximumBatchSize: percent(50), waitIntervalSeconds: 120 }, TIMES, 4, 2);
        expect(e.batchCopies).to.equal(2);
        expect(e.batches).to.equal(2);
        expect(e.peakCopies).to.equal(6);
        expect(e.extraInstances).to.equal(1); // 6 copies on 4-copy instances: 2 instances instead of 1
        expect(e.durationSeconds).to.be.closeTo(2 * (TIMES.copyStartSeconds + 120) + TIMES.instanceStartSeconds, 1e-9);
    });

    it("spare room on the fleet's instances: no instance start", () => {
        const e = estimateRollingUpdate(2, { maximumBatchSize: copiesOf(1), waitIntervalSeconds: 0 }, TIMES, 4, 1);
        expect(e.extraInstances).to.equal(0);
        expect(e.durationSeconds).to.be.closeTo(2 * TIMES.copyStartSeconds, 1e-9);
        expect(e.fits).to.equal(true);
    });

    it("at the instance maximum the batch has no room: reported as not fitting", () => {
        const e = estimateRollingUpdate(2, { maximumBatchSize: copiesOf(1), waitIntervalSeconds: 300 }, TIMES, 1, 2);
        expect(e.fits).to.equal(false);
    });

    it("a small percentage still moves one copy per step; at zero copies there is nothing to update", () => {
        expect(estimateRollingUpdate(3, { maximumBatchSize: percent(5), waitIntervalSeconds: 60 }, TIMES, 1, 8).batchCopies).to.equal(1);
        expect(estimateRollingUpdate(0, { maximumBatchSize: percent(50), waitIntervalSeconds: 60 }, TIMES, 1, 8).durationSeconds).to.equal(0);
    });
});
