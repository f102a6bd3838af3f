import { expect } from "chai";
import { standardModes } from "../../planner/modes";
import { planScaleToZeroSync } from "../../planner/plan";
import { budgetProblems, recommend } from "../../planner/recommend";
import { ModeReport } from "../../planner/report";
import { generatedTraffic } from "../../planner/traffic/generators";
import { DEV_COMPONENT, DEV_ENDPOINT } from "./helpers";

function report(name: string, costUsd: number, coldStartsPerWeek: number, p99: number, failed = 0): ModeReport {
    return {
        name,
        kind: name === "always-on" ? "always-on" : "target-tracking",
        description: name,
        instanceHours: costUsd,
        copyHours: costUsd,
        costUsd,
        savingPercent: 0,
        coldStarts: coldStartsPerWeek,
        coldStartsPerWeek,
        requests: 100,
        served: 100 - failed,
        failed,
        delayed: 0,
        unservedAtEnd: 0,
        failedInvocations: 0,
        addedLatencySeconds: { p50: 0, p99, max: p99 },
        peakCopies: 1,
        peakInstances: 1,
        scaleOuts: 0,
        scaleIns: 0,
        eventsProcessed: 0,
        timeline: [],
    };
}

describe("recommend", () => {
    const reports = [
        report("always-on", 1000, 0, 0),
        report("schedule", 600, 1, 0),
        report("idle-60m", 400, 5, 300),
        report("seed-default", 250, 20, 300, 3),
    ];

    it("picks the cheapest mode within a cold-start budget", () => {
        expect(recommend(reports, { maxColdStartsPerWeek: 25 }).mode?.name).to.equal("seed-default");
        expect(recommend(reports, { maxColdStartsPerWeek: 10 }).mode?.name).to.equal("idle-60m");
        expect(recommend(reports, { maxColdStartsPerWeek: 1 }).mode?.name).to.equal("schedule");
        expect(recommend(reports, { maxColdStartsPerWeek: 0 }).mode?.name).to.equal("always-on");
    });

    it("combines limits: p99 added latency and lost requests", () => {
        expect(recommend(reports, { maxP99AddedLatencySeconds: 60 }).mode?.name).to.equal("schedule");
        expect(recommend(reports, { maxColdStartsPerWeek: 25, maxFailedRequests: 0 }).mode?.name).to.equal("idle-60m");
    });

    it("says why the others were rejected", () => {
        const rec = recommend(reports, { maxColdStartsPerWeek: 1 });
        expect(rec.reason).to.equal("schedule is the cheapest of 2 mode(s) within budget ($600.00, 0 % less than always-on)");
        expect(rec.rejected).to.deep.equal([
            { name: "idle-60m", reasons: ["5.0 cold starts/week > 1"] },
            { name: "seed-default", reasons: ["20.0 cold starts/week > 1"] },
        ]);
    });

    it("returns no mode when nothing fits, and rejects an empty or negative budget", () => {
        const rec = recommend(reports.slice(1), { maxColdStartsPerWeek: 0 });
        expect(rec.mode).to.equal(undefined);
        expect(rec.reason).to.equal("no mode meets the budget; loosen it or keep the endpoint warm");
        expect(budgetProblems({})).to.deep.equal(["give at least one limit: cold starts per week, p99 added latency or failed requests"]);
        expect(() => recommend(reports, { maxColdStartsPerWeek: -1 })).to.throw("recommend budget: maxColdStartsPerWeek must be a number ≥ 0 (got -1)");
    });

    it("on simulated weekday traffic: a 0-cold-start budget picks the weekly schedule, a loose one scale to zero", () => {
        const plan = planScaleToZeroSync({
            endpoint: DEV_ENDPOINT,
            component: DEV_COMPONENT,
            traffic: generatedTraffic("weekdays", { days: 14, requestsPerDay: 500 }),
            modes: standardModes(),
        });
        const strict = recommend(plan.modes, { maxColdStartsPerWeek: 0 });
        expect(strict.mode?.name).to.equal("weekly-schedule");
        expect(strict.mode!.costUsd).to.be.below(plan.modes[0].costUsd);
        const loose = recommend(plan.modes, { maxColdStartsPerWeek: 6 });
        expect(loose.mode?.name).to.equal("idle-10m");
        // At least one per weekday morning, plus the odd gap of over 10 min in a quiet afternoon.
        expect(loose.mode!.coldStartsPerWeek).to.be.within(5, 7);
        // A 7-minute timeout also catches lunch-time gaps: too many cold starts for this budget.
        expect(loose.rejected.map((r) => r.name)).to.deep.equal(["idle-7m"]);
    });
});
