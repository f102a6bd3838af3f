import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planScaleToZero } from "../../planner/plan";
import { CsvTrafficParser, csvTraffic, parseTimestamp, readTrafficCsv } from "../../planner/traffic/csv";
import { TrafficRequest } from "../../planner/traffic/types";
import { DEV_COMPONENT, DEV_ENDPOINT, MONDAY } from "./helpers";

function parseAll(lines: string[], label = "traffic.csv", defaultDuration?: number): TrafficRequest[] {
    const parser = new CsvTrafficParser(label, defaultDuration);
    const out: TrafficRequest[] = [];
    lines.forEach((line, i) => {
        const r = parser.parseLine(line, i + 1);
        if (r) {
            out.push(r);
        }
    });
    parser.finish();
    return out;
}

async function collect(file: string): Promise<TrafficRequest[]> {
    const out: TrafficRequest[] = [];
    for await (const r of readTrafficCsv(file)) {
        out.push(r);
    }
    return out;
}

describe("traffic CSV", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-csv-"));
    });
    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };

    describe("timestamps", () => {
        const cases: [string, number | undefined][] = [
            ["2025-01-06T09:00:00Z", MONDAY + 9 * 3600],
            ["2025-01-06T09:00:00.250Z", MONDAY + 9 * 3600 + 0.25],
            ["2025-01-06 09:00:00", MONDAY + 9 * 3600], // no zone: UTC
            ["2025-01-06T10:00:00+01:00", MONDAY + 9 * 3600],
            ["2025-01-06T04:00:00-0500", MONDAY + 9 * 3600],
            ["2025-01-06", MONDAY],
            ["1736154000", MONDAY + 9 * 3600], // epoch seconds
            ["1736154000.5", MONDAY + 9 * 3600 + 0.5],
            ["1736154000000", MONDAY + 9 * 3600], // epoch milliseconds
            ["abc", undefined],
            ["2025-13-45T99:00:00Z", undefined],
            ["-5", undefined],
            ["", undefined],
        ];
        for (const [text, expected] of cases) {
            it(`${JSON.stringify(text)} → ${expected}`, () => {
                expect(parseTimestamp(text)).to.equal(expected);
            });
        }
    });

    it("parses timestamp[,duration] lines, skipping blanks and comments, defaulting the duration", () => {
        const requests = parseAll(["# my trace", "", "2025-01-06T09:00:00Z,2.5", "2025-01-06T09:00:01Z", "1736154002,0"]);
        expect(requests).to.deep.equal([
            { time: MONDAY + 32_400, duration: 2.5 },
            { time: MONDAY + 32_401, duration: 1 },
            { time: MONDAY + 32_402, duration: 0 },
        ]);
        expect(parseAll(["1736154000"], "t.csv", 4)).to.deep.equal([{ time: MONDAY + 32_400, duration: 4 }]);
    });

    it("reads a header naming the columns, in any order, ignoring other columns", () => {
        const requests = parseAll(["model,duration_s,timestamp", 'llama,3,"2025-01-06T09:00:00Z"', "llama,,1736154001"]);
        expect(requests).to.deep.equal([
            { time: MONDAY + 32_400, duration: 3 },
            { time: MONDAY + 32_401, duration: 1 },
        ]);
    });

    describe("bad input names the file and line", () => {
        const lines = (bad: string): string[] => [
            "timestamp,duration",
            ...Array.from({ length: 15 }, (_, i) => `${1736154000 + i},1`),
            bad,
        ];
        const cases: [string, string, string][] = [
            ["malformed timestamp", "abc,1", "traffic.csv line 17: timestamp 'abc' is not ISO-8601 (a real calendar date) or epoch seconds/milliseconds"],
            [
                "unsorted timestamps",
                "1736153000,1",
                "traffic.csv line 17: timestamp '1736153000' is earlier than the one on line 16: the trace must be sorted by time",
            ],
            ["negative duration", "1736154100,-3", "traffic.csv line 17: duration '-3' must be a number of seconds ≥ 0"],
            ["non-numeric duration", "1736154100,fast", "traffic.csv line 17: duration 'fast' must be a number of seconds ≥ 0"],
            ["missing timestamp", ",3", "traffic.csv line 17: missing timestamp"],
        ];
        for (const [what, bad, message] of cases) {
            it(what, () => {
                expect(() => parseAll(lines(bad))).to.throw(message);
            });
        }

        it("too many columns without a header", () => {
            expect(() => parseAll(["1736154000,1,2"])).to.throw(
                "traffic.csv line 1: expected timestamp[,duration], got 3 columns (add a header to name the columns)",
            );
        });

        it("a header without a timestamp column", () => {
            expect(() => parseAll(["when,how_long", "1,1"])).to.throw(
                "traffic.csv line 1: header has no timestamp column (one of timestamp, time, ts, arrival, start, date, datetime)",
            );
        });

        it("an empty trace", () => {
            expect(() => parseAll(["# nothing", "", "timestamp,duration"])).to.throw(
                "traffic.csv: no requests (the trace is empty or has only a header and comments)",
            );
        });
    });

    it("streams a file line by line, CRLF line ends included", async () => {
        const file = write("small.csv", "timestamp,duration\r\n2025-01-06T09:00:00Z,1\r\n2025-01-06T09:00:05Z,2\r\n");
        expect(await collect(file)).to.deep.equal([
            { time: MONDAY + 32_400, duration: 1 },
            { time: MONDAY + 32_405, duration: 2 },
        ]);
    });

    it("errors name the file and line when streaming, and a missing file is reported", async () => {
        const file = write("traffic.csv", "1736154000\n1736154001\nnot-a-time\n");
        let message = "";
        try {
            await collect(file);
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).to.equal("traffic.csv line 3: timestamp 'not-a-time' is not ISO-8601 (a real calendar date) or epoch seconds/milliseconds");
        let missing = "";
        try {
            await collect(path.join(dir, "nope.csv"));
        } catch (error) {
            missing = (error as Error).message;
        }
        expect(missing).to.equal(`traffic file ${path.join(dir, "nope.csv")} does not exist`);
        const empty = write("empty.csv", "");
        let emptyMessage = "";
        try {
            await collect(empty);
        } catch (error) {
            emptyMessage = (error as Error).message;
        }
        expect(emptyMessage).to.equal("empty.csv: no requests (the trace is empty or has only a header and comments)");
    });

    it("plans from a CSV: window from UTC midnight of the first request to whole days after the last", async () => {
        const lines = ["timestamp,duration"];
        for (let i = 0; i < 50_000; i++) {
            lines.push(`${MONDAY + 9 * 3600 + i * 0.5},0.2`); // 09:00 to ~15:56 Monday, 2 requests/s
        }
        const file = write("day.csv", lines.join("\n") + "\n");
        const plan = await planScaleToZero({
            endpoint: DEV_ENDPOINT,
            component: DEV_COMPONENT,
            traffic: csvTraffic(file),
            modes: [{ kind: "always-on" }, { kind: "target-tracking", name: "tt" }],
            startCold: true,
        });
        expect(plan.traffic.name).to.equal("day.csv");
        expect(plan.traffic.requests).to.equal(50_000);
        expect(plan.window.start).to.equal(MONDAY);
        expect(plan.window.days).to.equal(1);
        const tt = plan.modes[1];
        expect(tt.requests).to.equal(50_000);
        expect(tt.coldStarts).to.equal(1);
        // Every request during the 5.028-min cold start waited: 2/s × 301.68 s ≈ 604 delayed.
        expect(tt.delayed).to.equal(604);
        expect(tt.served).to.equal(50_000);
    });

    it("--days cuts the window and counts requests outside it", async () => {
        const file = write("two-days.csv", `${MONDAY + 3600}\n${MONDAY + 86_400 + 3600}\n`);
        const plan = await planScaleToZero({
            endpoint: DEV_ENDPOINT,
            component: DEV_COMPONENT,
            traffic: csvTraffic(file),
            days: 1,
            modes: [{ kind: "always-on" }],
        });
        expect(plan.traffic.requests).to.equal(2);
        expect(plan.traffic.outsideWindow).to.equal(1);
        expect(plan.modes[0].requests).to.equal(1);
    });
});
