import { expect } from "chai";
import { estimateRemainingMs, formatDuration, formatStatusLine, StatusReporter, type ColdStartProgress } from "../../client";

const progress = (overrides: Partial<ColdStartProgress>): ColdStartProgress => ({
    phase: "waiting-for-capacity",
    endpointName: "ep",
    inferenceComponentName: "ic",
    elapsedMs: 83_000,
    attempt: 1,
    ...overrides,
});

describe("progress and status line", () => {
    it("estimateRemainingMs: the seed's 5 minutes minus time spent, minus the alarm's minute after a wake", () => {
        const base = { expectedColdStartMs: 300_000, alarmLeadMs: 60_000 };
        expect(estimateRemainingMs({ ...base, coldStartElapsedMs: 0, woke: false })).to.equal(300_000);
        expect(estimateRemainingMs({ ...base, coldStartElapsedMs: 0, woke: true })).to.equal(240_000);
        expect(estimateRemainingMs({ ...base, coldStartElapsedMs: 100_000, woke: false })).to.equal(200_000);
        expect(estimateRemainingMs({ ...base, coldStartElapsedMs: 400_000, woke: false })).to.equal(0);
        expect(estimateRemainingMs({ ...base, coldStartElapsedMs: 10_000, woke: false, currentCopyCount: 1 })).to.equal(0);
    });

    it("formatDuration", () => {
        expect([0, 950, 9_999, 12_300, 59_999, 60_000, 83_000, 605_000].map(formatDuration))
            .to.deep.equal(["0.0s", "0.9s", "9.9s", "12s", "59s", "1m 00s", "1m 23s", "10m 05s"]);
    });

    it("formatStatusLine shows phase, elapsed, copies and the estimate", () => {
        expect(formatStatusLine(progress({ currentCopyCount: 0, desiredCopyCount: 1, estimatedRemainingMs: 217_000 })))
            .to.equal("waiting-for-capacity | 1m 23s | copies 0/1 | ~3m 37s left");
        expect(formatStatusLine(progress({ currentCopyCount: 0, desiredCopyCount: 1, estimatedRemainingMs: 0 })))
            .to.equal("waiting-for-capacity | 1m 23s | copies 0/1 | any moment now");
        expect(formatStatusLine(progress({ phase: "invoking", elapsedMs: 0 }))).to.equal("invoking | 0.0s");
        expect(formatStatusLine(progress({ phase: "throttled", detail: "DescribeInferenceComponent: ThrottlingException" })))
            .to.equal("throttled | 1m 23s | DescribeInferenceComponent: ThrottlingException");
    });

    it("on a TTY, rewrites one line with \\r and erases it when done", () => {
        const out: string[] = [];
        const reporter = new StatusReporter({ write: (t: string) => out.push(t) }, true);
        reporter.update(progress({ phase: "invoking", elapsedMs: 0 }));
        reporter.update(progress({ currentCopyCount: 0, desiredCopyCount: 1 }));
        reporter.update(progress({ phase: "done" }));
        expect(out).to.deep.equal([
            "\r\x1b[2Kinvoking | 0.0s",
            "\r\x1b[2Kwaiting-for-capacity | 1m 23s | copies 0/1",
            "\r\x1b[2K",
        ]);
        expect(out.join("")).to.not.contain("\n");
    });

    it("on a TTY, the line keeps moving between reports: elapsed up, remaining down", () => {
        const out: string[] = [];
        let now = 1_000;
        const reporter = new StatusReporter({ write: (t: string) => out.push(t) }, true, 30_000, () => now, 60_000);
        reporter.update(progress({ elapsedMs: 10_000, currentCopyCount: 0, desiredCopyCount: 1, estimatedRemainingMs: 200_000 }));
        now += 3_000;
        reporter.tick();
        expect(out[1]).to.equal("\r\x1b[2Kwaiting-for-capacity | 13s | copies 0/1 | ~3m 17s left");
        reporter.clear();
        reporter.tick(); // after clear: nothing more
        expect(out).to.have.length(3);
        expect(out[2]).to.equal("\r\x1b[2K");
    });

    it("off a TTY, prints plain lines only on change or every interval, and nothing for a warm call", () => {
        const out: string[] = [];
        let now = 0;
        const reporter = new StatusReporter({ write: (t: string) => out.push(t) }, false, 30_000, () => now);
        reporter.update(progress({ phase: "invoking", elapsedMs: 0 }));
        expect(out).to.deep.equal([]);
        reporter.update(progress({ currentCopyCount: 0, desiredCopyCount: 0, elapsedMs: 1_000 }));
        now = 5_000;
        reporter.update(progress({ currentCopyCount: 0, desiredCopyCount: 0, elapsedMs: 5_000 })); // same: skipped
        now = 6_000;
        reporter.update(progress({ currentCopyCount: 0, desiredCopyCount: 1, elapsedMs: 6_000 })); // changed
        now = 40_000;
        reporter.update(progress({ currentCopyCount: 0, desiredCopyCount: 1, elapsedMs: 40_000 })); // interval passed
        expect(out).to.deep.equal([
            "waiting-for-capacity | 1.0s | copies 0/0\n",
            "waiting-for-capacity | 6.0s | copies 0/1\n",
            "waiting-for-capacity | 40s | copies 0/1\n",
        ]);
        expect(out.every((line) => !line.includes("\r"))).to.equal(true);

        const warm: string[] = [];
        const quiet = new StatusReporter({ write: (t: string) => warm.push(t) }, false);
        quiet.update(progress({ phase: "invoking", elapsedMs: 0 }));
        quiet.update(progress({ phase: "done", elapsedMs: 5 }));
        expect(warm).to.deep.equal([]);
    });
});
