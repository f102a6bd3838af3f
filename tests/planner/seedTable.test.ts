import { expect } from "chai";
import { TIMING_PROFILES } from "../../planner/timingProfiles";
import { DEV_COMPONENT, HOUR, MINUTE, MONDAY, simulate } from "./helpers";

/**
 * The seed measurements (AWS scale-to-zero launch, Llama 3.1): scale-in 15 min (copies → 0) + 10 min (instances →
 * 0) = 25 min; scale-out from zero 8B = 1 + 1.748 + 2.28 = 5.028 min, 70B = 1 + 3.018 + 1.984 = 6.002 min.
 */
describe("planner reproduces the seed table", () => {
    const TOLERANCE = 0.1; // minutes
    const nineAm = MONDAY + 9 * HOUR;

    it("8B from zero: alarm at 1 min, instance at 2.748, copy serving at 5.028 min", () => {
        const run = simulate([{ time: nineAm, duration: 10 }], { startCold: true, timing: "llama-3.1-8b" });
        expect(run.minutesUntil("tt", "wake-up", nineAm)).to.be.closeTo(1, TOLERANCE);
        expect(run.minutesUntil("tt", "instance-ready", nineAm)).to.be.closeTo(2.748, TOLERANCE);
        expect(run.minutesUntil("tt", "copy-ready", nineAm)).to.be.closeTo(5.028, TOLERANCE);
        const tt = run.mode("tt");
        expect(tt.addedLatencySeconds.max / MINUTE).to.be.closeTo(5.028, TOLERANCE);
        expect(tt.coldStarts).to.equal(1);
        expect(tt.delayed).to.equal(1);
        expect(tt.failed).to.equal(0);
    });

    it("70B from zero totals 6.002 min (1 + 3.018 + 1.984)", () => {
        const run = simulate([{ time: nineAm, duration: 10 }], { startCold: true, timing: "llama-3.1-70b" });
        expect(run.minutesUntil("tt", "instance-ready", nineAm)).to.be.closeTo(1 + 3.018, TOLERANCE);
        expect(run.minutesUntil("tt", "copy-ready", nineAm)).to.be.closeTo(6.002, TOLERANCE);
        expect(run.mode("tt").addedLatencySeconds.max / MINUTE).to.be.closeTo(6.002, TOLERANCE);
    });

    for (const profile of ["llama-3.1-8b", "llama-3.1-70b"] as const) {
        it(`${profile}: after the last request, copies reach 0 at 15 min and instances at 25 min`, () => {
            // Deployed warm; the last request ends on a metric-period boundary, so the expected figures are exact.
            const lastEnd = MONDAY + 70;
            const run = simulate([{ time: MONDAY + 60, duration: 10 }], { timing: profile });
            expect(run.minutesUntil("tt", "scale-in", lastEnd)).to.be.closeTo(15, TOLERANCE);
            expect(run.minutesUntil("tt", "instance-released", lastEnd)).to.be.closeTo(25, TOLERANCE);
            const scaleIn = run.events.get("tt")?.find((e) => e.kind === "scale-in");
            expect(scaleIn?.desiredCopies).to.equal(0);
            const released = run.events.get("tt")?.find((e) => e.kind === "instance-released");
            expect(released?.instances).to.equal(0);
        });
    }

    it("a request ending mid-period still scales in within one 10-s period of 15 min", () => {
        const lastEnd = MONDAY + 63.5;
        const run = simulate([{ time: MONDAY + 60, duration: 3.5 }]);
        const minutes = run.minutesUntil("tt", "scale-in", lastEnd);
        expect(minutes).to.be.at.least(15);
        expect(minutes).to.be.at.most(15 + 10 / 60);
    });

    it("waking while the instance is still up skips instance start: 1 + 2.28 = 3.28 min", () => {
        // Copies reach 0 at 00:16:10; the instance stays until 00:26:10; a request at 00:20 finds it.
        const wake = MONDAY + 20 * MINUTE;
        const run = simulate([
            { time: MONDAY + 60, duration: 10 },
            { time: wake, duration: 1 },
        ]);
        expect(run.minutesUntil("tt", "copy-ready", wake)).to.be.closeTo(1 + 2.28, TOLERANCE);
        expect(run.mode("tt").addedLatencySeconds.max / MINUTE).to.be.closeTo(3.28, TOLERANCE);
        expect(run.mode("tt").peakInstances).to.equal(1);
    });

    it("the alarm minute is the stack's wakeUpAlarmPeriodSeconds: 30 s gives 0.5 + 1.748 + 2.28 min", () => {
        const run = simulate([{ time: nineAm, duration: 1 }], {
            startCold: true,
            component: { ...DEV_COMPONENT, scaling: { ...DEV_COMPONENT.scaling, wakeUpAlarmPeriodSeconds: 30 } },
        });
        expect(run.minutesUntil("tt", "copy-ready", nineAm)).to.be.closeTo(0.5 + 1.748 + 2.28, TOLERANCE);
    });

    it("timing can be overridden per model (a faster copy start)", () => {
        const run = simulate([{ time: nineAm, duration: 1 }], { startCold: true, timingOverrides: { copyStartSeconds: 60 } });
        expect(run.minutesUntil("tt", "copy-ready", nineAm)).to.be.closeTo(1 + 1.748 + 1, TOLERANCE);
        expect(run.plan.timing.name).to.equal("llama-3.1-8b (overridden)");
    });

    it("the named profiles carry the seed figures in seconds", () => {
        expect(TIMING_PROFILES["llama-3.1-8b"].instanceStartSeconds).to.be.closeTo(104.88, 1e-9);
        expect(TIMING_PROFILES["llama-3.1-8b"].copyStartSeconds).to.be.closeTo(136.8, 1e-9);
        expect(TIMING_PROFILES["llama-3.1-70b"].instanceStartSeconds).to.be.closeTo(181.08, 1e-9);
        expect(TIMING_PROFILES["llama-3.1-70b"].copyStartSeconds).to.be.closeTo(119.04, 1e-9);
        for (const profile of Object.values(TIMING_PROFILES)) {
            expect(profile.scaleInDatapoints * profile.metricPeriodSeconds).to.equal(15 * MINUTE);
            expect(profile.instanceReleaseSeconds).to.equal(10 * MINUTE);
            expect(profile.scaleOutDatapoints * profile.metricPeriodSeconds).to.equal(30);
        }
    });
});
