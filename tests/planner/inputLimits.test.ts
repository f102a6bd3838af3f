import { expect } from "chai";
import { CliUsageError } from "../../planner/cliArgs";
import { parseSimulateArgs as parseCliArgs } from "../../cli/commands/simulate";
import { CsvTrafficParser, parseTimestamp } from "../../planner/traffic/csv";

const BASE = ["--stack", "dev", "--traffic", "weekdays"];

function usageError(args: string[]): string {
    try {
        parseCliArgs([...BASE, ...args]);
    } catch (error) {
        expect(error).to.be.instanceOf(CliUsageError);
        return (error as Error).message;
    }
    return "accepted";
}

describe("planner input limits", () => {
    it("rejects impossible calendar dates instead of rolling them over", () => {
        expect(parseTimestamp("2027-02-30T00:00:00Z")).to.equal(undefined);
        expect(parseTimestamp("2027-02-29")).to.equal(undefined);
        expect(parseTimestamp("2028-02-29")).to.equal(Date.UTC(2028, 1, 29) / 1000);
        expect(parseTimestamp("2027-01-01T24:00Z")).to.equal(undefined);
        expect(() => new CsvTrafficParser("t.csv").parseLine("2027-04-31T10:00:00Z", 4)).to.throw(
            "t.csv line 4: timestamp '2027-04-31T10:00:00Z' is not ISO-8601 (a real calendar date) or epoch seconds/milliseconds",
        );
    });

    it("rejects epochs beyond 2199 (microseconds) and traces longer than a year", () => {
        expect(() => new CsvTrafficParser("t.csv").parseLine("1736150400000000", 2)).to.throw("t.csv line 2: timestamp '1736150400000000' is after the year 2199");
        const parser = new CsvTrafficParser("t.csv");
        parser.parseLine("2025-01-01T00:00:00Z", 1);
        expect(parser.parseLine("2026-01-02T00:00:00Z", 2)?.time).to.equal(Date.UTC(2026, 0, 2) / 1000);
        expect(() => parser.parseLine("2026-01-03T00:00:01Z", 3)).to.throw("t.csv line 3: the trace spans more than 366 days from its first request");
    });

    it("bounds --days and applies the component's own rules to idle timeouts and the time zone", () => {
        expect(usageError(["--days", "367"])).to.equal("--days must be at most 366 (got 367): longer windows do not change the comparison and take hours");
        expect(usageError(["--days", "366"])).to.equal("accepted");
        expect(usageError(["--idle-timeouts", "20"])).to.contain("--idle-timeouts 20: must be at most 14: target tracking already scales to 0 after 15 idle minutes");
        expect(usageError(["--idle-timeouts", "1.5"])).to.contain("--idle-timeouts 1.5: must be a whole number of minutes from 7 to 14");
        expect(usageError(["--time-zone", "EST"])).to.contain('--time-zone "EST" is an abbreviation or legacy alias');
        expect(usageError(["--time-zone", "Europe/Berlin", "--idle-timeouts", "7,14"])).to.equal("accepted");
    });
});
