import { expect } from "chai";
import { planScaleToZeroSync } from "../../planner/plan";
import { generatedTraffic } from "../../planner/traffic/generators";
import { DAY, DEV_COMPONENT, DEV_ENDPOINT, HOUR, MINUTE, MONDAY, evenly, simulate } from "./helpers";

const COPY = 136.8; // seconds, llama-3.1-8b
const INSTANCE = 104.88;
/** A 4-GPU instance with one GPU per copy: four copies per instance. */
const FOUR_PER_INSTANCE = { instanceType: "ml.g5.12xlarge", maxInstanceCount: 2 };
const WIDE_SCALING = { ...DEV_COMPONENT, scaling: { minCopies: 0, maxCopies: 8, targetConcurrentRequestsPerCopy: 5 } };

/** `n` requests arriving together at `time`, each lasting `duration`. */
const together = (time: number, n: number, duration: number) => Array.from({ length: n }, () => ({ time, duration }));

describe("target tracking on concurrent requests per copy", () => {
    it("scales out after 3 datapoints (30 s) above target, to ceil(load / target) copies", () => {
        // Deployed warm with one copy; 12 concurrent requests for 10 minutes from 00:01.
        const start = MONDAY + MINUTE;
        const run = simulate(together(start, 12, 600), {
            endpoint: FOUR_PER_INSTANCE,
            component: WIDE_SCALING,
        });
        const scaleOut = run.events.get("tt")?.find((e) => e.kind === "scale-out");
        expect((scaleOut!.time - start) / 60).to.be.closeTo(0.5, 1e-9);
        expect(scaleOut!.desiredCopies).to.equal(3);
        // Four copies fit on the instance already there: the new copies only need the copy start time.
        expect(run.minutesUntil("tt", "copy-ready", start)).to.be.closeTo((30 + COPY) / 60, 1e-6);
        expect(run.mode("tt").peakCopies).to.equal(3);
        expect(run.mode("tt").peakInstances).to.equal(1);
        expect(run.mode("tt").scaleOuts).to.equal(1);
    });

    it("copies per instance = instance accelerators / acceleratorCount: 2 GPUs per copy needs a second instance", () => {
        const start = MONDAY + MINUTE;
        const component = { ...WIDE_SCALING, compute: { acceleratorCount: 2, memoryMiB: 1024 } };
        const run = simulate(together(start, 12, 900), { endpoint: FOUR_PER_INSTANCE, component });
        expect(run.plan.settings.copiesPerInstance).to.equal(2);
        expect(run.mode("tt").peakInstances).to.equal(2);
        const readyTimes = run.events.get("tt")!.filter((e) => e.kind === "copy-ready").map((e) => e.time - start);
        // Copy 2 starts on the deployed instance at once; copy 3 waits for a new instance first.
        expect(readyTimes[0]).to.be.closeTo(30 + COPY, 1e-6);
        expect(readyTimes[1]).to.be.closeTo(30 + INSTANCE + COPY, 1e-6);
    });

    it("never exceeds maxCopies nor the copies that maxInstanceCount instances hold", () => {
        const start = MONDAY + MINUTE;
        const capByInstances = simulate(together(start, 40, 1200), {
            endpoint: { instanceType: "ml.g5.2xlarge", maxInstanceCount: 1 },
            component: WIDE_SCALING,
        });
        expect(capByInstances.mode("tt").peakCopies).to.equal(1);
        expect(capByInstances.mode("tt").peakInstances).to.equal(1);
        const capByCopies = simulate(together(start, 40, 1200), {
            endpoint: FOUR_PER_INSTANCE,
            component: { ...WIDE_SCALING, scaling: { ...WIDE_SCALING.scaling, maxCopies: 5 } },
        });
        expect(capByCopies.mode("tt").peakCopies).to.equal(5);
        expect(capByCopies.mode("tt").peakInstances).to.equal(2);
    });

    it("scales in after 15 quiet minutes to what the peak of those minutes needs, respecting the scale-in cooldown", () => {
        const start = MONDAY + MINUTE;
        const heavyEnd = start + 600;
        // 12 concurrent for 10 min, then 4 concurrent (one copy's worth) for 40 min.
        const requests = [...together(start, 12, 600), ...together(heavyEnd, 4, 2400)];
        const run = simulate(requests, {
            endpoint: FOUR_PER_INSTANCE,
            component: { ...WIDE_SCALING, scaling: { ...WIDE_SCALING.scaling, scaleInCooldownSeconds: 3600 } },
        });
        const scaleIns = run.events.get("tt")!.filter((e) => e.kind === "scale-in");
        expect(scaleIns.map((e) => e.desiredCopies)).to.deep.equal([1, 0]);
        expect((scaleIns[0].time - heavyEnd) / 60).to.be.closeTo(15, 0.01);
        // Load ends at heavyEnd + 40 min; 15 min later the cooldown (60 min from the first scale-in) still runs.
        expect((scaleIns[1].time - scaleIns[0].time) / 60).to.be.closeTo(60, 0.01);
    });
});

describe("event-driven core", () => {
    it("jumps over idle time: a year without requests takes a handful of events", () => {
        const started = Date.now();
        const run = simulate([], { days: 365, modes: [{ kind: "target-tracking", name: "tt" }, { kind: "always-on" }] });
        const tt = run.plan.modes[0];
        expect(run.plan.window.days).to.equal(365);
        expect(tt.instanceHours).to.be.closeTo(25 / 60, 1e-9); // the deployed copy idles down once
        expect(run.mode("always-on").instanceHours).to.be.closeTo(365 * 24, 1e-6);
        expect(Date.now() - started).to.be.below(500);
        // Two queued events (the jump to the scale-in, the release) rather than 31 million seconds or 3 million
        // 10-s periods; the changes they make are the scale-in and the instance release.
        expect(tt.eventsProcessed).to.equal(2);
        expect(run.events.get("tt")!.map((e) => e.kind)).to.deep.equal(["scale-in", "instance-released"]);
    });

    it("processes events in proportion to activity, not to time", () => {
        const endpoint = DEV_ENDPOINT;
        const year = planScaleToZeroSync({
            endpoint,
            component: DEV_COMPONENT,
            traffic: generatedTraffic("dev", { days: 364, seed: 3 }),
            modes: [{ kind: "target-tracking", name: "tt" }],
        });
        const tt = year.modes[0];
        // ~3 sessions x 260 weekdays: cold starts track sessions.
        expect(tt.coldStarts).to.be.within(400, 800);
        expect(tt.requests).to.be.greaterThan(10_000);
        // A few events per request (its metric periods, scaling) — far from the 3.1 million 10-s periods of a year.
        expect(tt.eventsProcessed).to.be.below(4 * tt.requests);
    });
});

describe("clients without capacity: fail, retry, hold", () => {
    const nineAm = MONDAY + 9 * HOUR;
    // 15 requests every 20 s during a cold start (copy serving at +301.68 s).
    const burst = evenly(nineAm, 15, 20);

    it("hold: every request is served late, none lost; one cold start", () => {
        const run = simulate(burst, { startCold: true, client: { kind: "hold", deadlineSeconds: 600 } });
        const tt = run.mode("tt");
        expect(tt.served).to.equal(15);
        expect(tt.failed).to.equal(0);
        expect(tt.delayed).to.equal(15);
        expect(tt.coldStarts).to.equal(1);
        expect(tt.failedInvocations).to.equal(15);
        expect(tt.addedLatencySeconds.max).to.be.closeTo(301.68, 1e-6);
    });

    it("hold with a client that wakes the component itself skips the alarm minute", () => {
        const run = simulate(burst, { startCold: true, client: { kind: "hold", wakesEndpoint: true } });
        expect(run.minutesUntil("tt", "wake-up", nineAm)).to.equal(0);
        expect(run.mode("tt").addedLatencySeconds.max / 60).to.be.closeTo(1.748 + 2.28, 1e-6);
        expect(run.mode("tt").coldStarts).to.equal(1);
    });

    it("hold with a deadline shorter than the cold start loses the early requests", () => {
        const run = simulate(burst, { startCold: true, client: { kind: "hold", deadlineSeconds: 120 } });
        const tt = run.mode("tt");
        // Arrivals before 301.68 - 120 = 181.68 s give up: 0, 20, …, 180 s → 10 lost, 5 served.
        expect(tt.failed).to.equal(10);
        expect(tt.served).to.equal(5);
    });

    it("fail: every request during the cold start is lost, yet the alarm still wakes the endpoint", () => {
        const run = simulate(burst, { startCold: true, client: { kind: "fail" } });
        const tt = run.mode("tt");
        expect(tt.failed).to.equal(15);
        expect(tt.served).to.equal(0);
        expect(tt.coldStarts).to.equal(1);
        expect(tt.peakCopies).to.equal(1);
    });

    it("retry with backoff: only requests whose retries outlast the cold start are served", () => {
        // Default backoff 1, 2, 4, 8, 16, 32, 60 s: the last of 8 attempts is 123 s after arrival.
        const run = simulate(burst, { startCold: true, client: { kind: "retry" } });
        const tt = run.mode("tt");
        expect(tt.served).to.equal(6); // arrivals at 180 … 280 s
        expect(tt.failed).to.equal(9);
        expect(tt.failedInvocations).to.be.greaterThan(15);
        // Arrival at 180 s retries at 303 s, the first retry after the copy is up at 301.68 s.
        expect(tt.addedLatencySeconds.max).to.be.closeTo(123, 1e-6);
    });

    it("retry with 3 attempts gives up after 3 s: all lost, 45 failed invocations", () => {
        const run = simulate(burst, { startCold: true, client: { kind: "retry", maxAttempts: 3 } });
        expect(run.mode("tt").failed).to.equal(15);
        expect(run.mode("tt").failedInvocations).to.equal(45);
    });
});

describe("idle-timeout mode", () => {
    const nineAm = MONDAY + 9 * HOUR;
    const requests = [
        { time: nineAm, duration: 1 },
        { time: nineAm + 25 * MINUTE, duration: 1 },
    ];

    it("keeps the copy for the idle timeout: 30 min covers a 25-min gap, 10 min does not", () => {
        const run = simulate(requests, {
            modes: [
                { kind: "idle-timeout", idleMinutes: 10 },
                { kind: "idle-timeout", idleMinutes: 30 },
            ],
        });
        // The deployed copy idles down at 00:10 / 00:30; the 09:00 request is a cold start in both.
        expect(run.mode("idle-10m").coldStarts).to.equal(2);
        expect(run.mode("idle-30m").coldStarts).to.equal(1);
    });

    it("copies go to 0 exactly idleMinutes after the last request completes, instances 10 min later", () => {
        const run = simulate(requests, { modes: [{ kind: "idle-timeout", idleMinutes: 30 }] });
        const lastEnd = nineAm + 25 * MINUTE + 1;
        expect(run.minutesUntil("idle-30m", "idle-timeout", lastEnd)).to.be.closeTo(30, 1e-6);
        expect(run.minutesUntil("idle-30m", "instance-released", lastEnd)).to.be.closeTo(40, 1e-6);
    });

    it("does not scale in below one copy by target tracking while awake", () => {
        const run = simulate(evenly(nineAm, 2, 40 * MINUTE), { modes: [{ kind: "idle-timeout", idleMinutes: 60 }] });
        expect(run.mode("idle-60m").scaleIns).to.equal(0);
        expect(run.mode("idle-60m").coldStarts).to.equal(1);
    });
});

describe("weekly-schedule mode", () => {
    const schedule = { kind: "weekly-schedule" as const, name: "schedule", actions: [{ at: "MON 07:00", copies: 1 }, { at: "FRI 18:00", copies: 0 }] };

    it("is warm Monday 07:00 to Friday 18:00 and off over the weekend (no traffic: 107 h 10 min a week)", () => {
        const run = simulate([], { days: 14, modes: [schedule] });
        const weekly = 4 * 24 + 11 + 10 / 60; // Mon 07:00 → Fri 18:00, plus the 10-min instance release
        expect(run.mode("schedule").instanceHours).to.be.closeTo(2 * weekly + 25 / 60, 1e-6);
        expect(run.mode("schedule").coldStarts).to.equal(0);
    });

    it("a Saturday request wakes the endpoint on demand, or waits (and is lost) without wake-up", () => {
        const saturday = MONDAY + 5 * DAY + 10 * HOUR;
        const requests = [{ time: saturday, duration: 1 }];
        const run = simulate(requests, {
            days: 7,
            modes: [schedule, { ...schedule, name: "strict", wakeUpOnDemand: false }],
        });
        expect(run.mode("schedule").coldStarts).to.equal(1);
        expect(run.mode("schedule").served).to.equal(1);
        expect(run.mode("strict").coldStarts).to.equal(0);
        expect(run.mode("strict").failed).to.equal(1);
    });

    it("holds the scheduled copy through quiet weekday hours; without hold, target tracking scales in", () => {
        const requests = evenly(MONDAY + 9 * HOUR, 2, 4 * HOUR); // 09:00 and 13:00 Monday
        const run = simulate(requests, {
            days: 7,
            modes: [schedule, { ...schedule, name: "set-once", holdScheduledCopies: false }],
        });
        expect(run.mode("schedule").coldStarts).to.equal(0);
        expect(run.mode("schedule").delayed).to.equal(0);
        // Set once at 07:00, the copy idles down by 07:20: both the 09:00 and the 13:00 requests start it cold.
        expect(run.mode("set-once").coldStarts).to.equal(2);
    });

    it("uses the schedule's IANA time zone: FRI 18:00 Europe/Berlin is 17:00 UTC in winter", () => {
        const run = simulate([], {
            days: 7,
            modes: [{ ...schedule, timeZone: "Europe/Berlin" }],
        });
        const fridayScaleIn = run.events.get("schedule")!.find((e) => e.kind === "schedule" && e.desiredCopies === 0);
        expect(new Date(fridayScaleIn!.time * 1000).toISOString()).to.equal("2025-01-10T17:00:00.000Z");
    });
});

describe("always-on mode", () => {
    it("never scales below its copies and still scales out under load", () => {
        const run = simulate(together(MONDAY + HOUR, 12, 600), {
            endpoint: FOUR_PER_INSTANCE,
            component: WIDE_SCALING,
            modes: [{ kind: "always-on" }],
        });
        const on = run.mode("always-on");
        expect(on.coldStarts).to.equal(0);
        expect(on.peakCopies).to.equal(3);
        expect(on.instanceHours).to.be.closeTo(24, 1e-9);
        expect(run.events.get("always-on")!.filter((e) => e.kind === "scale-in").map((e) => e.desiredCopies)).to.deep.equal([1]);
    });
});
