import { expect } from "chai";
import { CapacityWaiter, ColdStartTimeoutError, type CapacityControlPlane } from "../../client";
import { rejectionOf } from "./helpers";

/** A scripted control plane: copies come up after `readyAfter` Describe calls. */
function scripted(readyAfter: number): CapacityControlPlane & { describes: number; updates: number[] } {
    const plane = {
        describes: 0,
        updates: [] as number[],
        desired: 0,
        describeInferenceComponent: async (_name: string, signal: AbortSignal) => {
            if (signal.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
            plane.describes++;
            const up = plane.describes > readyAfter;
            return { InferenceComponentStatus: "InService", RuntimeConfig: { DesiredCopyCount: up ? 1 : plane.desired, CurrentCopyCount: up ? 1 : 0 } };
        },
        setDesiredCopyCount: async (_name: string, count: number) => {
            plane.updates.push(count);
            plane.desired = count;
        },
    };
    return plane;
}

const poll = { initialDelayMs: 5, maxDelayMs: 5, multiplier: 1 };
const target = { endpointName: "ep", inferenceComponentName: "ic" };

describe("CapacityWaiter", () => {
    it("shares one loop between waiters and wakes once, even when all ask for it", async () => {
        const plane = scripted(4);
        const waiter = new CapacityWaiter(() => plane, { poll, random: () => 0.5 });
        const now = Date.now();
        const snapshots = await Promise.all(Array.from({ length: 50 }, () =>
            waiter.waitForCapacity(target, { wake: true, callStartedAt: now, deadlineMs: 5_000 })));
        expect(snapshots.every((s) => s.currentCopyCount === 1)).to.equal(true);
        expect(plane.describes).to.equal(5);
        expect(plane.updates).to.deep.equal([1]);
        expect(waiter.stats).to.deep.equal({ loopsStarted: 1, describeCalls: 5, wakeCalls: 1 });
        expect(waiter.activeLoops).to.equal(0);
    });

    it("a waiter's deadline rejects only that waiter; the loop stops when the last one leaves", async () => {
        const plane = scripted(Number.POSITIVE_INFINITY);
        const waiter = new CapacityWaiter(() => plane, { poll });
        const now = Date.now();
        const short = waiter.waitForCapacity(target, { wake: false, callStartedAt: now, deadlineMs: 30 });
        const long = waiter.waitForCapacity(target, { wake: false, callStartedAt: now, deadlineMs: 80 });
        const shortErr = await rejectionOf(short);
        expect(shortErr).to.be.instanceOf(ColdStartTimeoutError);
        expect(waiter.activeLoops).to.equal(1);
        const longErr = (await rejectionOf(long)) as ColdStartTimeoutError;
        expect(longErr.deadlineMs).to.equal(80);
        expect(longErr.currentCopyCount).to.equal(0);
        expect(waiter.activeLoops).to.equal(0);
        const describes = plane.describes;
        await new Promise((resolve) => setTimeout(resolve, 40));
        expect(plane.describes).to.equal(describes);
        expect(plane.updates).to.deep.equal([]);
    });

    it("a deadline already past rejects at once without polling", async () => {
        const plane = scripted(0);
        const waiter = new CapacityWaiter(() => plane, { poll });
        const err = await rejectionOf(waiter.waitForCapacity(target, { wake: false, callStartedAt: Date.now() - 1_000, deadlineMs: 500 }));
        expect(err).to.be.instanceOf(ColdStartTimeoutError);
        expect(plane.describes).to.equal(0);
        expect(waiter.stats.loopsStarted).to.equal(0);
    });
});
