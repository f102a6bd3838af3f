import { expect } from "chai";
import { devTestTraffic, generatedTraffic, sporadicTraffic, weekdayTraffic } from "../../planner/traffic/generators";
import { Prng } from "../../planner/traffic/prng";
import { TrafficRequest } from "../../planner/traffic/types";
import { DAY, MONDAY } from "./helpers";

const take = (source: Iterable<TrafficRequest>, n: number): TrafficRequest[] => {
    const out: TrafficRequest[] = [];
    for (const r of source) {
        if (out.length === n) {
            break;
        }
        out.push(r);
    }
    return out;
};
const all = (source: Iterable<TrafficRequest>): TrafficRequest[] => [...source];
const utc = (r: TrafficRequest): Date => new Date(r.time * 1000);
const isSorted = (rs: TrafficRequest[]): boolean => rs.every((r, i) => i === 0 || r.time >= rs[i - 1].time);

describe("seeded PRNG", () => {
    it("is deterministic for a seed and differs between seeds", () => {
        const a = new Prng(42);
        const b = new Prng(42);
        const c = new Prng(43);
        const seqA = Array.from({ length: 5 }, () => a.next());
        expect(Array.from({ length: 5 }, () => b.next())).to.deep.equal(seqA);
        expect(Array.from({ length: 5 }, () => c.next())).not.to.deep.equal(seqA);
        expect(seqA.every((v) => v >= 0 && v < 1)).to.equal(true);
    });

    it("has the right means: exponential and Poisson", () => {
        const rng = new Prng(7);
        let sum = 0;
        let count = 0;
        for (let i = 0; i < 100_000; i++) {
            sum += rng.exponential(3);
            count += rng.poisson(4);
        }
        expect(sum / 100_000).to.be.closeTo(3, 0.05);
        expect(count / 100_000).to.be.closeTo(4, 0.05);
        expect(() => new Prng(1.5)).to.throw("seed must be an integer (got 1.5)");
    });
});

describe("traffic generators", () => {
    it("are deterministic with a seed", () => {
        expect(take(weekdayTraffic({ seed: 5 }), 500)).to.deep.equal(take(weekdayTraffic({ seed: 5 }), 500));
        expect(take(sporadicTraffic({ seed: 5 }), 500)).to.deep.equal(take(sporadicTraffic({ seed: 5 }), 500));
        expect(take(devTestTraffic({ seed: 5 }), 500)).to.deep.equal(take(devTestTraffic({ seed: 5 }), 500));
        expect(take(weekdayTraffic({ seed: 6 }), 50)).not.to.deep.equal(take(weekdayTraffic({ seed: 5 }), 50));
    });

    it("stream lazily: the first requests of a 10-million-request trace come at once", () => {
        const started = Date.now();
        const iterator = weekdayTraffic({ requestsPerDay: 10_000_000 / 22 });
        expect(Array.isArray(iterator)).to.equal(false);
        expect(take(iterator, 10)).to.have.length(10);
        expect(Date.now() - started).to.be.below(100);
    });

    it("weekdays: business hours Monday to Friday only, empty weekends, about requestsPerDay a weekday", () => {
        const requests = all(weekdayTraffic({ days: 14, requestsPerDay: 1000 }));
        expect(isSorted(requests)).to.equal(true);
        for (const r of requests) {
            const d = utc(r);
            expect(d.getUTCDay()).to.be.within(1, 5);
            expect(d.getUTCHours()).to.be.within(9, 16);
        }
        expect(requests.length).to.be.within(10_000 * 0.95, 10_000 * 1.05);
        const mean = requests.reduce((s, r) => s + r.duration, 0) / requests.length;
        expect(mean).to.be.closeTo(1, 0.05);
    });

    it("weekdays follow the time zone: 09:00 New York is 14:00 UTC in January", () => {
        const first = take(weekdayTraffic({ timeZone: "America/New_York", requestsPerDay: 5000 }), 1)[0];
        const d = utc(first);
        expect(d.getUTCHours()).to.equal(14);
        expect(d.getUTCDate()).to.equal(6);
    });

    it("sporadic: short bursts around the clock, weekends included", () => {
        const requests = all(sporadicTraffic({ days: 28, burstsPerDay: 4, requestsPerBurst: 30 }));
        expect(isSorted(requests)).to.equal(true);
        const weekendDays = new Set(requests.filter((r) => [0, 6].includes(utc(r).getUTCDay())).map((r) => utc(r).getUTCDate()));
        expect(weekendDays.size).to.be.greaterThan(4);
        expect(requests.length).to.be.within(28 * 4 * 30 * 0.8, 28 * 4 * 30 * 1.2);
        // Bursts: most requests follow the previous one within a minute.
        const close = requests.filter((r, i) => i > 0 && r.time - requests[i - 1].time < 60).length;
        expect(close / requests.length).to.be.greaterThan(0.9);
    });

    it("dev: a few sessions a weekday, nothing on weekends", () => {
        const requests = all(devTestTraffic({ days: 7, sessionsPerDay: 3, requestsPerSession: 20 }));
        expect(isSorted(requests)).to.equal(true);
        expect(requests.every((r) => utc(r).getUTCDay() >= 1 && utc(r).getUTCDay() <= 5)).to.equal(true);
        expect(requests.every((r) => utc(r).getUTCHours() >= 9 && utc(r).getUTCHours() < 18)).to.equal(true);
        expect(requests.length).to.be.within(5 * 3 * 20 * 0.5, 5 * 3 * 20 * 1.5);
    });

    it("generatedTraffic carries its window and rejects bad options", () => {
        const traffic = generatedTraffic("weekdays", { start: "2025-03-03T00:00:00Z", days: 7 });
        expect(traffic.window).to.deep.equal({ start: MONDAY + 56 * DAY, end: MONDAY + 63 * DAY });
        expect(traffic.name).to.equal("weekdays");
        expect(() => generatedTraffic("weekly" as never)).to.throw('unknown traffic pattern "weekly" (known: weekdays, sporadic, dev)');
        expect(() => generatedTraffic("weekdays", { days: 0 })).to.throw("traffic days must be a number > 0 (got 0)");
        expect(() => generatedTraffic("weekdays", { start: "soon" })).to.throw('traffic start "soon" is not ISO-8601 or epoch seconds');
        expect(() => all(weekdayTraffic({ openHour: 18, closeHour: 9 }))).to.throw("business hours must satisfy 0 ≤ openHour < closeHour ≤ 24 (got 18–9)");
        expect(() => all(weekdayTraffic({ requestsPerDay: -1 }))).to.throw("requestsPerDay must be a number ≥ 0 (got -1)");
    });
});
