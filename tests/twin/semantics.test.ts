import { expect } from "chai";
import { AlarmEvaluator } from "../../twin/alarms";
import { StepPolicyTwin, TargetTrackingTwin } from "../../twin/autoScaling";
import { compileMathExpression } from "../../twin/metricMath";
import { METRIC, MetricStore } from "../../twin/metrics";
import { EndpointTwin } from "../../twin/sageMaker";
import { occurrences } from "../../twin/schedules";
import { AlarmModel, StepPolicyModel } from "../../twin/stackModel";

const IC = "ic";
const T0 = 1_800_000_000 - (1_800_000_000 % 3600);

function alarm(overrides: Partial<AlarmModel> = {}): AlarmModel {
    return {
        name: "a",
        arn: "arn:a",
        metrics: { m: { metricName: METRIC.failures, namespace: "AWS/SageMaker", dimensions: { InferenceComponentName: IC }, stat: "Sum", period: 60 } },
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        threshold: 1,
        comparison: "GreaterThanOrEqualToThreshold",
        treatMissingData: "missing",
        actions: [],
        actionsEnabled: true,
        ...overrides,
    };
}

describe("twin semantics: metrics and metric math", () => {
    it("per-minute counts sum within their minute; a 10-s period sees only the datapoint stamped at the minute's start", () => {
        const store = new MetricStore();
        store.count(METRIC.invocations, IC, T0 + 5);
        store.count(METRIC.invocations, IC, T0 + 50, 2);
        expect(store.query(METRIC.invocations, IC, "Sum", T0, 60)).to.equal(3);
        expect(store.query(METRIC.invocations, IC, "SampleCount", T0, 60)).to.equal(1);
        expect(store.query(METRIC.invocations, IC, "Sum", T0, 10)).to.equal(3);
        expect(store.query(METRIC.invocations, IC, "Sum", T0 + 10, 10)).to.equal(undefined);
        expect(store.query(METRIC.invocations, IC, "Sum", T0 + 60, 60)).to.equal(undefined);
    });

    it("high-resolution samples aggregate over a period", () => {
        const store = new MetricStore();
        [0, 2, 1, 0, 0, 3].forEach((v, i) => store.sample(METRIC.concurrency, IC, T0 + i * 10, v));
        expect(store.query(METRIC.concurrency, IC, "Maximum", T0, 60)).to.equal(3);
        expect(store.query(METRIC.concurrency, IC, "Average", T0, 60)).to.equal(1);
        expect(store.query(METRIC.concurrency, IC, "Minimum", T0, 30)).to.equal(0);
        expect(() => store.query(METRIC.concurrency, IC, "p99", T0, 60)).to.throw(/p99.*not supported/);
    });

    it("metric math: arithmetic with a missing value is missing, FILL replaces it, IF picks by condition", () => {
        const sum = compileMathExpression("FILL(inv, 0) + FILL(fail, 0)");
        expect(sum({ inv: undefined, fail: undefined })).to.equal(0);
        expect(sum({ inv: 2, fail: undefined })).to.equal(2);
        expect(compileMathExpression("inv + fail")({ inv: 2, fail: undefined })).to.equal(undefined);
        const guarded = compileMathExpression("IF(copies > 0, FILL(inv, 0), 1)");
        expect(guarded({ copies: 2, inv: undefined })).to.equal(0);
        expect(guarded({ copies: 0, inv: undefined })).to.equal(1);
        expect(guarded({ copies: undefined, inv: 3 })).to.equal(undefined);
        expect(compileMathExpression("2 * (a - 1) / 4")({ a: 3 })).to.equal(1);
    });

    it("metric math rejects what it cannot evaluate, naming it", () => {
        expect(() => compileMathExpression("RATE(m)")).to.throw(/RATE\/1 is not supported/);
        expect(() => compileMathExpression("a +")).to.throw(/ends too early/);
        expect(() => compileMathExpression("a $ b")).to.throw(/cannot read/);
        expect(() => compileMathExpression("x")({})).to.throw(/unknown id x/);
    });
});

describe("twin semantics: alarm evaluation", () => {
    it("M of N: ALARM when datapointsToAlarm of the last evaluationPeriods breach", () => {
        const store = new MetricStore();
        const a = new AlarmEvaluator(alarm(), store, 0);
        store.count(METRIC.failures, IC, T0 + 1);
        expect(a.evaluate(T0 + 180).state).to.equal("OK"); // 1 of 3 present, breaching
        store.count(METRIC.failures, IC, T0 + 121);
        const e = a.evaluate(T0 + 180);
        expect(e.state).to.equal("ALARM");
        expect(e.value).to.equal(1);
    });

    it("treatMissingData: missing → INSUFFICIENT_DATA, breaching → ALARM, notBreaching → OK, ignore keeps the state", () => {
        const store = new MetricStore();
        expect(new AlarmEvaluator(alarm(), store, 0).evaluate(T0 + 600).state).to.equal("INSUFFICIENT_DATA");
        expect(new AlarmEvaluator(alarm({ treatMissingData: "breaching" }), store, 0).evaluate(T0 + 600)).to.deep.equal({ state: "ALARM", value: undefined });
        expect(new AlarmEvaluator(alarm({ treatMissingData: "notBreaching" }), store, 0).evaluate(T0 + 600).state).to.equal("OK");
        const ignore = new AlarmEvaluator(alarm({ treatMissingData: "ignore" }), store, 0);
        ignore.state = "ALARM";
        expect(ignore.evaluate(T0 + 600).state).to.equal("ALARM");
    });

    it("publication delay: a datapoint is seen only once its period ended `delay` seconds ago", () => {
        const store = new MetricStore();
        const a = new AlarmEvaluator(alarm({ evaluationPeriods: 1, datapointsToAlarm: 1 }), store, 30);
        store.count(METRIC.failures, IC, T0 + 1);
        expect(a.evaluate(T0 + 60).state).to.equal("INSUFFICIENT_DATA");
        expect(a.evaluate(T0 + 90).state).to.equal("ALARM");
    });

    it("metric math alarms evaluate the returned expression per period", () => {
        const store = new MetricStore();
        const both = alarm({
            metrics: {
                inv: { ...alarm().metrics.m, metricName: METRIC.invocations },
                fail: alarm().metrics.m,
            },
            expression: "FILL(inv, 0) + FILL(fail, 0)",
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            comparison: "LessThanThreshold",
        });
        const a = new AlarmEvaluator(both, store, 0);
        expect(a.evaluate(T0 + 120).state).to.equal("ALARM");
        store.count(METRIC.failures, IC, T0 + 61);
        expect(a.evaluate(T0 + 120).state).to.equal("OK");
    });
});

function stepPolicy(overrides: Partial<StepPolicyModel> = {}): StepPolicyTwin {
    return new StepPolicyTwin({
        kind: "step",
        name: "p",
        arn: "arn:p",
        resourceId: `inference-component/${IC}`,
        adjustmentType: "ChangeInCapacity",
        cooldown: 300,
        steps: [{ lower: 0, adjustment: 1 }],
        ...overrides,
    });
}
const above = { threshold: 1, below: false };
const limits = { min: 0, max: 5 };

describe("twin semantics: step scaling and target tracking", () => {
    it("during a scale-out cooldown only a larger scale-out applies; after it the +1 applies again", () => {
        const p = stepPolicy();
        expect(p.decide(0, 0, 1, above, limits, "apply")).to.equal(1);
        expect(p.decide(60, 1, 1, above, limits, "apply")).to.equal(undefined);
        expect(p.decide(299, 1, 1, above, limits, "apply")).to.equal(undefined);
        expect(p.decide(300, 1, 1, above, limits, "apply")).to.equal(2);
    });

    it("a step with a larger adjustment during the cooldown adds only the difference", () => {
        const p = stepPolicy({ steps: [{ lower: 0, upper: 5, adjustment: 1 }, { lower: 5, adjustment: 3 }] });
        expect(p.decide(0, 1, 2, above, limits, "apply")).to.equal(2);
        expect(p.decide(60, 2, 10, above, limits, "apply")).to.equal(4); // 1 + 3, not 2 + 3
    });

    it("bounds are relative to the threshold: above it lower is inclusive, below it upper is inclusive", () => {
        const p = stepPolicy({ adjustmentType: "ExactCapacity", steps: [{ upper: 0, adjustment: 0 }], cooldown: 0 });
        expect(p.decide(0, 2, 0.5, { threshold: 1, below: true }, limits, "apply")).to.equal(0);
        expect(stepPolicy().decide(0, 0, 1, above, limits, "apply"), "value = threshold is in [0, ∞)").to.equal(1);
        expect(stepPolicy({ steps: [{ lower: 1, adjustment: 1 }] }).decide(0, 0, 1.5, above, limits, "apply")).to.equal(undefined);
    });

    it("scale-in is blocked during the policy's cooldown; ExactCapacity and PercentChangeInCapacity; min/max clamp", () => {
        const exact = stepPolicy({ adjustmentType: "ExactCapacity", steps: [{ upper: 0, adjustment: 0 }], cooldown: 120 });
        const below = { threshold: 1, below: true };
        expect(exact.decide(0, 3, 0, below, { min: 1, max: 5 }, "apply")).to.equal(1);
        expect(exact.decide(60, 1, 0, below, { min: 0, max: 5 }, "apply")).to.equal(undefined);
        expect(exact.decide(120, 1, 0, below, { min: 0, max: 5 }, "apply")).to.equal(0);
        const percent = stepPolicy({ adjustmentType: "PercentChangeInCapacity", steps: [{ lower: 0, adjustment: 50 }] });
        expect(percent.decide(0, 3, 2, above, limits, "apply")).to.equal(5);
        expect(stepPolicy({ steps: [{ lower: 0, adjustment: 10 }] }).decide(0, 1, 2, above, limits, "apply")).to.equal(5);
    });

    it("all datapoints missing (breaching): the threshold's own step under `apply`, nothing under `skip`", () => {
        const exact = () => stepPolicy({ adjustmentType: "ExactCapacity", steps: [{ upper: 0, adjustment: 0 }] });
        const below = { threshold: 1, below: true };
        expect(exact().decide(0, 1, undefined, below, limits, "apply")).to.equal(0);
        expect(exact().decide(0, 1, undefined, below, limits, "skip")).to.equal(undefined);
    });

    it("target tracking: scale out after 3 high datapoints, scale in after 90 low ones to the window's busiest need; no datapoint, no action", () => {
        const tt = new TargetTrackingTwin({
            kind: "targetTracking",
            name: "tt",
            resourceId: "x",
            metricType: "m",
            targetValue: 5,
            scaleInCooldown: 300,
            scaleOutCooldown: 300,
            disableScaleIn: false,
        });
        expect(tt.decide(0, 1, 1, 12, limits)).to.equal(undefined);
        expect(tt.decide(10, 1, 1, 12, limits)).to.equal(undefined);
        expect(tt.decide(20, 1, 1, 12, limits)).to.equal(3);
        let decision: number | undefined;
        let at = 0;
        for (let i = 1; i <= 90 && decision === undefined; i++) {
            decision = tt.decide(1000 + i * 10, 3, 3, i === 1 ? 3 : 0, limits);
            at = i;
        }
        expect([at, decision]).to.deep.equal([90, 2]); // 3 copies × 3 per copy / 5
        for (let i = 0; i < 200; i++) {
            expect(tt.decide(5000 + i * 10, 0, 0, undefined, limits)).to.equal(undefined);
        }
    });
});

describe("twin semantics: SageMaker placement and schedules", () => {
    const endpoint = { name: "e", instanceType: "ml.g5.12xlarge", minInstances: 0, maxInstances: 2, initialInstances: 1 };
    const components = [
        { name: "a", endpointName: "e", accelerators: 1, memoryMiB: 1024, cpuCores: 1, initialCopies: 1 },
        { name: "b", endpointName: "e", accelerators: 2, memoryMiB: 150 * 1024, cpuCores: 1, initialCopies: 1 },
    ];
    const times = () => ({ instanceSeconds: 100, copySeconds: 50 });

    it("copies share an instance while accelerators, memory and CPU fit; otherwise a new instance starts first", () => {
        const e = new EndpointTwin(endpoint, components, times, 600, 0);
        expect(e.instanceCount()).to.equal(1);
        e.setDesired("a", 2, 10); // 1 + 1 + 2 GPUs = 4: fits
        expect(e.instanceCount()).to.equal(1);
        expect(e.servingCopies("a", 59)).to.equal(1);
        expect(e.servingCopies("a", 60)).to.equal(2);
        e.setDesired("b", 2, 100); // memory: 2 × 150 GiB > 192 GiB
        expect(e.instanceCount()).to.equal(2);
        expect(e.servingCopies("b", 249)).to.equal(1);
        expect(e.servingCopies("b", 250)).to.equal(2);
        e.setDesired("a", 5, 300); // two fit beside b's second copy; the fifth waits (at the maximum)
        expect(e.placedCopies("a")).to.equal(4);
        expect(e.instanceCount()).to.equal(2);
    });

    it("an instance is released after the release delay once it has no copies, never below the minimum", () => {
        const e = new EndpointTwin(endpoint, components, times, 600, 0);
        e.setDesired("a", 0, 100);
        e.tick(800);
        expect(e.instanceCount(), "b still on it").to.equal(1);
        e.setDesired("b", 0, 1000);
        e.tick(1599);
        expect(e.instanceCount()).to.equal(1);
        e.tick(1600);
        expect(e.instanceCount()).to.equal(0);
        expect(e.instanceSeconds).to.equal(1600);
        const kept = new EndpointTwin({ ...endpoint, minInstances: 1 }, components, times, 600, 0);
        kept.setDesired("a", 0, 0);
        kept.setDesired("b", 0, 0);
        kept.tick(5000);
        expect(kept.instanceCount()).to.equal(1);
    });

    it("unknown instance types are refused with the known list", () => {
        expect(() => new EndpointTwin({ ...endpoint, instanceType: "ml.x.large" }, components, times, 600, 0)).to.throw(/ml\.x\.large.*known: .*ml\.g5\.xlarge/);
    });

    it("cron occurrences in an IANA zone across a DST change, within start and end", () => {
        const from = Date.UTC(2027, 2, 1) / 1000;
        const to = Date.UTC(2027, 2, 29) / 1000;
        const mondays = occurrences("cron(0 8 ? * MON *)", "America/New_York", from, to);
        expect(mondays.map((t) => new Date(t * 1000).toISOString())).to.deep.equal([
            "2027-03-01T13:00:00.000Z",
            "2027-03-08T13:00:00.000Z",
            "2027-03-15T12:00:00.000Z", // after the 14 March DST change
            "2027-03-22T12:00:00.000Z",
        ]);
        expect(occurrences("cron(0 8 ? * MON *)", "America/New_York", from, to, Date.UTC(2027, 2, 10) / 1000, Date.UTC(2027, 2, 16) / 1000)).to.have.length(1);
    });
});
