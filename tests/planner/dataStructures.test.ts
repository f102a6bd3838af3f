import { expect } from "chai";
import { ConcurrencyMetric } from "../../planner/concurrencyMetric";
import { EventQueue, NumberHeap, NumberQueue } from "../../planner/eventQueue";
import { LatencyHistogram } from "../../planner/histogram";
import { Timeline } from "../../planner/timeline";
import { Prng } from "../../planner/traffic/prng";

describe("event queues", () => {
    it("EventQueue pops by time, equal times first-in first-out", () => {
        const q = new EventQueue();
        q.push(5, 1, 50);
        q.push(1, 2, 10);
        q.push(5, 3, 51);
        q.push(3, 4, 30);
        q.push(5, 5, 52);
        expect(q.peekTime()).to.equal(1);
        const order: number[] = [];
        while (q.size > 0) {
            order.push(q.pop().a);
        }
        expect(order).to.deep.equal([10, 30, 50, 51, 52]);
        expect(q.peekTime()).to.equal(Infinity);
    });

    it("NumberHeap sorts 10,000 random values and grows as needed", () => {
        const rng = new Prng(1);
        const heap = new NumberHeap();
        const values = Array.from({ length: 10_000 }, () => rng.next());
        values.forEach((v) => heap.push(v));
        const out: number[] = [];
        while (heap.size > 0) {
            out.push(heap.pop());
        }
        expect(out).to.deep.equal([...values].sort((a, b) => a - b));
        expect(heap.peek()).to.equal(Infinity);
    });

    it("NumberQueue is first-in first-out across growth and wrap-around", () => {
        const q = new NumberQueue();
        for (let i = 0; i < 50; i++) {
            q.push(i);
        }
        for (let i = 0; i < 40; i++) {
            expect(q.shift()).to.equal(i);
        }
        for (let i = 50; i < 200; i++) {
            q.push(i);
        }
        expect(q.size).to.equal(160);
        expect(q.at(0)).to.equal(40);
        const rest: number[] = [];
        while (q.size > 0) {
            rest.push(q.shift());
        }
        expect(rest).to.deep.equal(Array.from({ length: 160 }, (_, i) => i + 40));
    });
});

describe("latency histogram (bounded memory)", () => {
    it("reports p50 and p99 within 1 % of the exact values and the exact max", () => {
        const rng = new Prng(3);
        const h = new LatencyHistogram();
        const values: number[] = [];
        for (let i = 0; i < 50_000; i++) {
            const v = rng.exponential(30);
            values.push(v);
            h.record(v);
        }
        values.sort((a, b) => a - b);
        const exact = (q: number): number => values[Math.ceil(q * values.length) - 1];
        expect(h.quantile(0.5)).to.be.closeTo(exact(0.5), exact(0.5) * 0.01);
        expect(h.quantile(0.99)).to.be.closeTo(exact(0.99), exact(0.99) * 0.01);
        expect(h.max).to.equal(values[values.length - 1]);
        expect(h.count).to.equal(50_000);
    });

    it("counts values under 1 ms as 0 and is 0 when empty", () => {
        const h = new LatencyHistogram();
        expect(h.quantile(0.99)).to.equal(0);
        for (let i = 0; i < 98; i++) {
            h.record(0);
        }
        h.record(301.68);
        h.record(301.68);
        expect(h.quantile(0.5)).to.equal(0);
        expect(h.quantile(0.99)).to.be.closeTo(301.68, 3.02);
        expect(h.max).to.equal(301.68);
    });

    it("uses the same memory for 10 and 1,000,000 values", () => {
        const small = new LatencyHistogram();
        const large = new LatencyHistogram();
        for (let i = 0; i < 10; i++) {
            small.record(i);
        }
        for (let i = 0; i < 1_000_000; i++) {
            large.record(i % 1000);
        }
        const buckets = (h: LatencyHistogram): number => (h as unknown as { counts: Float64Array }).counts.length;
        expect(buckets(large)).to.equal(buckets(small));
        expect(buckets(large)).to.be.below(1100);
    });
});

describe("downsampled timeline", () => {
    it("keeps at most maxPoints points, summing requests and keeping level maxima when it merges", () => {
        const timeline = new Timeline(0, 10, 60);
        timeline.setLevels(0, 1, 1);
        for (let t = 0; t < 3600; t += 1) {
            timeline.addRequest(t);
        }
        timeline.setLevels(1800, 3, 2);
        timeline.setLevels(1801, 0, 0);
        const points = timeline.points(3600);
        expect(points.length).to.be.at.most(10);
        expect(points.reduce((s, p) => s + p.requests, 0)).to.equal(3600);
        expect(Math.max(...points.map((p) => p.copies))).to.equal(3);
        expect(points[0].copies).to.equal(1);
        expect(points[points.length - 1].copies).to.equal(0);
        expect(points[points.length - 1].end).to.equal(3600);
    });

    it("carries a level across points without events", () => {
        const timeline = new Timeline(0, 100, 60);
        timeline.setLevels(0, 2, 1);
        timeline.setLevels(3000, 0, 0);
        const points = timeline.points(6000);
        expect(points.slice(0, 50).every((p) => p.copies === 2 && p.instances === 1)).to.equal(true);
        expect(points.slice(51).every((p) => p.copies === 0)).to.equal(true);
    });
});

describe("concurrency metric (10-s datapoints per copy)", () => {
    it("averages in-flight requests over each period and counts datapoints above and below target", () => {
        const metric = new ConcurrencyMetric(0, 10, 5, 90);
        // 12 in flight from t=0 on one copy: 3 periods above target by t=30.
        metric.advance(30, 12, 1);
        expect(metric.highCount).to.equal(3);
        expect(metric.lastAverage).to.equal(12);
        expect(metric.copiesFor(metric.lastAverage)).to.equal(3);
        // Half a period of 12 then nothing: average 6, still above 5 for one copy.
        metric.advance(35, 12, 1);
        metric.advance(40, 0, 1);
        expect(metric.lastAverage).to.equal(6);
        expect(metric.highCount).to.equal(4);
        // A quiet hour closes 360 zero periods in one call.
        metric.advance(3640, 0, 1);
        expect(metric.highCount).to.equal(0);
        expect(metric.lowCount).to.equal(360);
        expect(metric.windowPeak()).to.equal(0);
        expect(metric.openPeriodEnd).to.equal(3650);
    });

    it("finds the first period end at which a quiet endpoint may scale in", () => {
        const metric = new ConcurrencyMetric(0, 10, 5, 90);
        metric.advance(100, 3, 1); // 10 periods of 3 requests
        metric.advance(100, 0, 1);
        // 90 zero periods after t=100: the scale-in alarm fires at 100 + 900.
        expect(metric.nextQuietScaleIn(1, 0, -Infinity, 300)).to.equal(1000);
        // Desired already at the floor: never.
        expect(metric.nextQuietScaleIn(1, 1, -Infinity, 300)).to.equal(Infinity);
        // From 4 copies the window's peak (3 requests) needs 1: possible as soon as the alarm has 90 low points.
        expect(metric.nextQuietScaleIn(4, 0, -Infinity, 300)).to.equal(900);
        // A recent scale-in delays it to the end of the cooldown, on a period boundary.
        expect(metric.nextQuietScaleIn(4, 0, 850, 300)).to.equal(1150);
        // With no serving copy the datapoints are missing: both alarm counts reset.
        metric.advance(200, 0, 0);
        expect(metric.lowCount).to.equal(0);
    });
});
