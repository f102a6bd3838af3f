import { expect } from "chai";
import { TWIN_TYPES, TwinAssumptions, TwinResource, describeReading, everyReading, firstTime, peak } from "../../twin";
import { MINUTE, TUESDAY_NOON, runFor } from "./helpers";
import { stackResources, variant } from "./stacks";

const IC = "llm-llama-8b-dev";
const WAKE_AT = 60; // minutes after deploy: copies and instances are at 0 by then
const clients = ["hold", "retry"] as const;

/** The seed's idle alarm (before the redesign): no `Invocations` for N minutes, missing data breaching. */
function withSeedIdleAlarm(resources: TwinResource[]): TwinResource[] {
    return resources.map((r) =>
        r.type === TWIN_TYPES.alarm && r.name.endsWith("-idle-alarm")
            ? {
                  ...r,
                  inputs: {
                      ...r.inputs,
                      metricName: "Invocations",
                      statistic: "Sum",
                      threshold: 1,
                      comparisonOperator: "LessThanThreshold",
                      treatMissingData: "breaching",
                  },
              }
            : r,
    );
}

/** Runs a request at zero copies and reports whether it was served and how far the copy count went. */
function wake(resources: TwinResource[], client: "hold" | "retry", assumptions: Partial<TwinAssumptions>) {
    const result = runFor(resources, 2, [{ minute: WAKE_AT, component: IC, client }], { assumptions });
    const from = TUESDAY_NOON + WAKE_AT * MINUTE;
    return {
        result,
        served: result.outcomes[0].servedAt !== undefined,
        peakCopies: peak(result, "desired", IC, from, from + 10 * MINUTE),
        peakInstances: peak(result, "instances", "llm-dev", from, from + 10 * MINUTE),
    };
}

describe("twin: the idle timeout never undoes a wake-up (dev stack, idleTimeoutMinutes 10)", () => {
    let dev: TwinResource[];
    let seedIdle: TwinResource[];
    let seedWake: TwinResource[];
    before(async () => {
        dev = await stackResources("dev", variant("dev"));
        seedIdle = withSeedIdleAlarm(dev);
        seedWake = await stackResources(
            "dev",
            variant("dev", { "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { wakeUpCooldownSeconds: 60 } } } }),
        );
    });

    it("the deployed design: a request at zero is served and the copy count goes to exactly 1, for both clients under every reading", () => {
        const failures: string[] = [];
        for (const reading of everyReading()) {
            for (const client of clients) {
                const { served, peakCopies, peakInstances } = wake(dev, client, reading);
                if (!served || peakCopies !== 1 || peakInstances !== 1) {
                    failures.push(`${client} ${describeReading(reading)}: served ${served}, copies ${peakCopies}, instances ${peakInstances}`);
                }
            }
        }
        expect(failures).to.deep.equal([]);
    });

    it("the seed's idle alarm (Invocations, missing = breaching) undoes the wake-up: ExactCapacity 0 again every minute", () => {
        const reading = { failuresCountAsInvocations: false, allMissingStep: "apply" } as const;
        for (const client of clients) {
            const { served, result } = wake(seedIdle, client, reading);
            expect(served, client).to.equal(false);
            const from = TUESDAY_NOON + WAKE_AT * MINUTE;
            const undone = result.events.filter((e) => e.kind === "desired" && e.time > from && e.source === "llm-llama-8b-idle-scale-in");
            expect(undone.length, client).to.be.greaterThan(0);
        }
    });

    it("the seed's idle alarm under the other readings: failures counted as invocations keep the wake alive; with no step for missing data the timeout never fires", () => {
        const counted = { failuresCountAsInvocations: true, allMissingStep: "apply" } as const;
        // The failed call makes its minute non-idle, and 10 idle minutes outlast the ~5-minute cold start.
        expect(wake(seedIdle, "retry", counted).served).to.equal(true);
        expect(wake(seedIdle, "hold", counted).served).to.equal(true);
        const skip = { allMissingStep: "skip" } as const;
        const { served, result } = wake(seedIdle, "hold", skip);
        expect(served).to.equal(true);
        expect(result.events.some((e) => e.source === "llm-llama-8b-idle-scale-in"), "idle policy never acts").to.equal(false);
    });

    it("wake-up overshoot: with the sample's 60 s cooldown a retrying client adds a copy (and an instance) every minute; 600 s adds one", () => {
        const seed = wake(seedWake, "retry", {});
        expect(seed.served).to.equal(true);
        expect(seed.peakCopies).to.equal(2); // maxCopies 2
        expect(seed.peakInstances).to.equal(2);
        const fixed = wake(dev, "retry", {});
        expect([fixed.peakCopies, fixed.peakInstances]).to.deep.equal([1, 1]);
    });

    it("the shortest allowed timeout (7 minutes) still lets a woken copy serve, even if per-copy metrics read 0 while it starts", async () => {
        const shortest = await stackResources(
            "dev",
            variant("dev", { "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { idleTimeoutMinutes: 7 } } } }),
        );
        for (const reading of ["zero", "absent"] as const) {
            for (const client of ["hold", "retry"] as const) {
                expect(wake(shortest, client, { perCopyMetricsWhileStarting: reading }).served, `${reading} ${client}`).to.equal(true);
            }
        }
    });
});

describe("twin: the idle timeout never undoes the scheduled Monday pre-warm (dev stack, method scheduler)", () => {
    // Monday 11 January 2027, 07:00 New York; the schedule sets 1 copy at 08:00.
    const MONDAY_7 = Date.UTC(2027, 0, 11, 12) / 1000;
    const MONDAY_8 = MONDAY_7 + 3600;
    let dev: TwinResource[];
    before(async () => {
        dev = await stackResources("dev", variant("dev"));
    });

    it("the copy comes up ~4 minutes after 08:00 and a request 1 minute later is served warm, under every reading", () => {
        const failures: string[] = [];
        for (const reading of everyReading()) {
            const requestAt = MONDAY_8 + 5 * MINUTE;
            const result = runFor(dev, 2, [{ minute: (requestAt - MONDAY_7) / MINUTE, component: IC }], { assumptions: reading }, MONDAY_7);
            const warm = firstTime(result, "serving", IC, 1, MONDAY_8);
            const outcome = result.outcomes[0];
            if (warm === undefined || warm > requestAt || outcome.servedAt !== requestAt || outcome.failedCalls !== 0) {
                failures.push(`${describeReading(reading)}: warm at ${warm}, served ${outcome.servedAt}, failed ${outcome.failedCalls}`);
            }
        }
        expect(failures).to.deep.equal([]);
    });

    it("the seed's idle alarm sets the pre-warmed copy back to 0 before it ever serves", () => {
        const result = runFor(withSeedIdleAlarm(dev), 2, [], { assumptions: { allMissingStep: "apply" } }, MONDAY_7);
        const on = result.events.find((e) => e.kind === "desired" && e.source === "llm-llama-8b-schedule-on");
        expect(on?.time).to.equal(MONDAY_8);
        expect(firstTime(result, "serving", IC, 1, MONDAY_8)).to.equal(undefined);
    });
});
