import { expect } from "chai";
import { DEFAULTS } from "../../components/defaults";
import { resolveMode, standardModes } from "../../planner/modes";
import { INSTANCE_TYPES, PRICE_TABLE, parseTypeValuePairs, resolveInstance } from "../../planner/prices";
import { resolvePlannerSettings } from "../../planner/settings";
import { DEV_COMPONENT, HOUR, MONDAY, simulate } from "./helpers";

const G5_12X = { instanceType: "ml.g5.12xlarge", maxInstanceCount: 2 };

describe("cost arithmetic", () => {
    it("always-on costs 24 h × price per day: ml.g5.12xlarge $7.09/h → $170.16 a day, $5,104.80 in 30 days", () => {
        const day = simulate([], { endpoint: G5_12X, modes: [{ kind: "always-on" }] });
        expect(day.mode("always-on").instanceHours).to.be.closeTo(24, 1e-9);
        expect(day.mode("always-on").costUsd).to.be.closeTo(24 * 7.09, 1e-9);
        const month = simulate([], { endpoint: G5_12X, days: 30, modes: [{ kind: "always-on" }] });
        expect(month.mode("always-on").costUsd).to.be.closeTo(5104.8, 1e-6);
    });

    it("a price override replaces the table price", () => {
        const run = simulate([], { endpoint: G5_12X, prices: { "ml.g5.12xlarge": 10 }, modes: [{ kind: "always-on" }] });
        expect(run.mode("always-on").costUsd).to.be.closeTo(240, 1e-9);
        expect(run.plan.settings.instance.priceSource).to.equal("override");
    });

    it("saving vs always-on: an idle day costs the 25 min the deployed copy takes to idle down", () => {
        const run = simulate([], { endpoint: G5_12X, modes: [{ kind: "always-on" }, { kind: "target-tracking", name: "tt" }] });
        const tt = run.mode("tt");
        expect(tt.instanceHours).to.be.closeTo(25 / 60, 1e-9);
        expect(tt.costUsd).to.be.closeTo((25 / 60) * 7.09, 1e-9);
        expect(tt.savingUsd).to.be.closeTo(24 * 7.09 - (25 / 60) * 7.09, 1e-9);
        expect(tt.savingPercent).to.be.closeTo((1 - 25 / 60 / 24) * 100, 1e-9);
        expect(run.mode("always-on").savingPercent).to.equal(0);
    });

    it("bills an instance from the moment it is requested (instance start time included)", () => {
        // Cold, one request at 09:00: instance requested at 09:01, copies 0 at 09:05:01.68 + 15:10, released 10 min on.
        const run = simulate([{ time: MONDAY + 9 * HOUR, duration: 8.32 }], { startCold: true });
        const tt = run.mode("tt");
        const billedMinutes = (5.028 - 1) + 8.32 / 60 + 15 + 10;
        expect(tt.instanceHours * 60).to.be.closeTo(billedMinutes, 1e-6);
        expect(tt.costUsd).to.be.closeTo((billedMinutes / 60) * 1.515, 1e-9);
    });

    it("two copies per instance halve the instances for the same copies", () => {
        const settings = resolvePlannerSettings(G5_12X, { ...DEV_COMPONENT, compute: { acceleratorCount: 2, memoryMiB: 1 } });
        expect(settings.copiesPerInstance).to.equal(2);
        const always = resolveMode({ kind: "always-on", copies: 2 }, { ...settings, scaling: { ...settings.scaling, maxCopies: 4 } });
        expect(always.minInstances).to.equal(1);
    });
});

describe("price table", () => {
    it("states its date, region and source, and lists accelerators for common GPU instances", () => {
        expect(PRICE_TABLE.date).to.match(/^\d{4}-\d{2}-\d{2}$/);
        expect(PRICE_TABLE.region).to.equal("us-east-1");
        expect(PRICE_TABLE.source).to.contain("aws.amazon.com/sagemaker/pricing");
        expect(INSTANCE_TYPES["ml.g5.xlarge"]).to.deep.equal({ accelerators: 1, pricePerHour: 1.4084 });
        expect(INSTANCE_TYPES["ml.g5.12xlarge"]).to.deep.equal({ accelerators: 4, pricePerHour: 7.09 });
        expect(INSTANCE_TYPES["ml.g5.48xlarge"].accelerators).to.equal(8);
        expect(INSTANCE_TYPES["ml.p4d.24xlarge"]).to.deep.equal({ accelerators: 8, pricePerHour: 37.688 });
        expect(INSTANCE_TYPES["ml.g6.12xlarge"].accelerators).to.equal(4);
        expect(INSTANCE_TYPES["ml.g6e.12xlarge"].accelerators).to.equal(4);
    });

    it("rejects an unknown instance type, naming the flags that fix it", () => {
        expect(() => resolveInstance("ml.x99.huge")).to.throw(
            "unknown instance type ml.x99.huge: the planner does not know its accelerator count or price; pass --accelerators ml.x99.huge=<gpus> --price ml.x99.huge=<usd per hour>",
        );
        expect(resolveInstance("ml.x99.huge", { accelerators: { "ml.x99.huge": 2 }, prices: { "ml.x99.huge": 3 } })).to.deep.equal({
            instanceType: "ml.x99.huge",
            accelerators: 2,
            pricePerHour: 3,
            priceSource: "override",
        });
    });

    it("rejects a known type without a confirmed price unless one is given", () => {
        expect(() => resolveInstance("ml.g6e.48xlarge")).to.throw(/no price for ml.g6e.48xlarge .*pass --price ml.g6e.48xlarge=<usd per hour>/);
        expect(resolveInstance("ml.g6e.48xlarge", { prices: { "ml.g6e.48xlarge": 37.5 } }).pricePerHour).to.equal(37.5);
    });

    it("parses type=price pairs and rejects malformed ones", () => {
        expect(parseTypeValuePairs(["ml.g5.12xlarge=7.09", "ml.g6.xlarge=1"], "--price")).to.deep.equal({
            "ml.g5.12xlarge": 7.09,
            "ml.g6.xlarge": 1,
        });
        expect(() => parseTypeValuePairs(["g5.12xlarge=7"], "--price")).to.throw('--price "g5.12xlarge=7" is not <instance type>=<number>');
        expect(() => parseTypeValuePairs(["ml.g5.12xlarge=-1"], "--price")).to.throw(/is not <instance type>=<number>/);
    });
});

describe("planner settings come from the stack, with the package defaults", () => {
    it("fills omitted scaling from components/defaults.ts", () => {
        const settings = resolvePlannerSettings({ instanceType: "ml.g5.2xlarge" }, { model: {}, compute: { acceleratorCount: 1, memoryMiB: 1 } });
        expect(settings.scaling).to.deep.equal(DEFAULTS.scaling);
        expect(settings.maxInstances).to.equal(DEFAULTS.endpoint.maxInstanceCount);
        expect(settings.minInstances).to.equal(DEFAULTS.endpoint.minInstanceCount);
    });

    it("reports every settings problem at once", () => {
        expect(() =>
            resolvePlannerSettings(
                { instanceType: "ml.g5.12xlarge", minInstanceCount: 3, maxInstanceCount: 2 },
                { model: {}, compute: { acceleratorCount: 8, memoryMiB: 1 }, scaling: { minCopies: 5, maxCopies: 2, targetConcurrentRequestsPerCopy: 0 } },
            ),
        ).to.throw(
            "invalid planner settings: scaling.targetConcurrentRequestsPerCopy must be a number > 0 (got 0); scaling.minCopies (5) must not exceed scaling.maxCopies (2); " +
                "endpoint.minInstanceCount (3) must not exceed maxInstanceCount (2); compute.acceleratorCount 8 does not fit on ml.g5.12xlarge (4 accelerators per instance)",
        );
    });

    it("the seed-default mode uses the package default scaling, the configured mode the stack's", () => {
        const settings = resolvePlannerSettings(G5_12X, { ...DEV_COMPONENT, scaling: { maxCopies: 3, targetConcurrentRequestsPerCopy: 2 } });
        const [, seed, , , , configured] = standardModes().map((m) => resolveMode(m, settings));
        expect(seed.name).to.equal("seed-default");
        expect(seed.scaling).to.deep.equal(DEFAULTS.scaling);
        expect(configured.name).to.equal("configured");
        expect(configured.scaling.targetConcurrentRequestsPerCopy).to.equal(2);
        expect(configured.scaling.maxCopies).to.equal(3);
    });

    it("names and validates modes", () => {
        const settings = resolvePlannerSettings(G5_12X, DEV_COMPONENT);
        expect(standardModes({ idleTimeoutMinutes: [5] }).map((m) => resolveMode(m, settings).name)).to.deep.equal([
            "always-on",
            "seed-default",
            "idle-5m",
            "weekly-schedule",
            "configured",
        ]);
        expect(() => resolveMode({ kind: "idle-timeout", idleMinutes: 0 }, settings)).to.throw("mode idle-0m: idleMinutes must be a number > 0 (got 0)");
        expect(() => resolveMode({ kind: "always-on", copies: 9 }, settings)).to.throw("mode always-on: copies must be an integer 1–maxCopies (2) (got 9)");
        expect(() => resolveMode({ kind: "weekly-schedule", actions: [{ at: "MON 07:00", copies: 5 }] }, settings)).to.throw(
            "mode weekly-schedule: schedule MON 07:00 → 5 sets more copies than maxCopies (2)",
        );
        expect(() => resolveMode({ kind: "weekly-schedule", timeZone: "Mars/Olympus" }, settings)).to.throw(
            'mode weekly-schedule: time zone "Mars/Olympus" is not an IANA time zone name (e.g. Europe/Berlin)',
        );
    });
});
