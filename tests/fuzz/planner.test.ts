import { expect } from "chai";
import fc from "fast-check";
import { CliUsageError } from "../../planner/cliArgs";
import { parseSimulateArgs as parseCliArgs } from "../../cli/commands/simulate";
import { CsvTrafficParser } from "../../planner/traffic/csv";
import { expectClearRejection, RUNS } from "./helpers";

const BASE = ["--stack", "dev", "--traffic", "weekdays"];

describe("fuzz: bad planner input", () => {
    it("CSV lines with impossible dates, epochs after 2199 or negative durations name the file and line", () => {
        const line = fc.oneof(
            fc.record({ m: fc.constant(2), d: fc.integer({ min: 30, max: 31 }) }).map(({ m, d }) => `2027-0${m}-${d}T10:00:00Z`),
            fc.constantFrom("2027-04-31", "2027-13-01", "2027-00-10", "2027-01-01T25:00"),
            fc.integer({ min: 7_258_118_400, max: 99_999_999_999 }).map(String), // seconds after 2199 (below the ms threshold)
            fc.integer({ min: 1, max: 1000 }).map((n) => `2027-01-01T10:00:00Z,-${n}`),
        );
        fc.assert(
            fc.property(line, fc.integer({ min: 1, max: 10_000 }), (text, lineNumber) => {
                expectClearRejection(() => new CsvTrafficParser("trace.csv").parseLine(text, lineNumber), `trace.csv line ${lineNumber}:`, Error);
            }),
            RUNS,
        );
    });

    it("CLI flags out of bounds, or modes the component would reject, give a CliUsageError naming the flag", () => {
        const bad: fc.Arbitrary<[string[], string]> = fc.oneof(
            fc.integer({ min: 367, max: 1_000_000 }).map((n) => [["--days", String(n)], "--days"] as [string[], string]),
            fc.integer({ min: 15, max: 10_000 }).map((n) => [["--idle-timeouts", `5,${n}`], "--idle-timeouts"] as [string[], string]),
            fc.constantFrom("EST", "CET", "Etc/GMT-2", "europe/berlin", "+01:00").map((z) => [["--time-zone", z], "--time-zone"] as [string[], string]),
            fc.stringMatching(/^--[a-z]{3,10}$/).filter((f) => !f.startsWith("--st") && !f.startsWith("--tr")).map((f) => [[f, "1"], f] as [string[], string]),
        );
        fc.assert(fc.property(bad, ([args, flag]) => void expectClearRejection(() => parseCliArgs([...BASE, ...args]), flag, CliUsageError)), RUNS);
    });

    it("accepts valid dates, leap days and window lengths up to a year", () => {
        fc.assert(
            fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }), fc.integer({ min: 1, max: 366 }), (date, days) => {
                const iso = date.toISOString();
                expect(new CsvTrafficParser("t.csv").parseLine(iso, 1)?.time).to.equal(date.getTime() / 1000);
                expect(parseCliArgs([...BASE, "--days", String(days), "--start", iso]).days).to.equal(days);
            }),
            RUNS,
        );
    });
});
