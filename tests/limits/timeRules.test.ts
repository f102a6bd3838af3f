import { expect } from "chai";
import { WeeklySchedule } from "../../components/args";
import { cronError, timeZoneError, timestampError } from "../../components/cron";
import { cronFiresWithin } from "../../components/cronFires";
import { validateSchedule } from "../../components/validate";

const NOW = new Date("2026-12-01T12:00:00Z");
const weekly: WeeklySchedule = { timezone: "Europe/Berlin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)" };

function scheduleProblems(change: Partial<WeeklySchedule>): string[] {
    const problems: string[] = [];
    validateSchedule(problems, "schedule", { ...weekly, ...change }, NOW);
    return problems;
}

describe("time zones: IANA Area/Location only", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "America/Port-au-Prince", "UTC", "Etc/UTC"]) {
        it(`accepts ${zone}`, () => expect(timeZoneError(zone)).to.equal(undefined));
    }
    const rejected: [string, string][] = [
        ["EST", 'is an abbreviation or legacy alias, not an IANA Area/Location zone (for example "America/Panama"'],
        ["CET", "is an abbreviation or legacy alias"],
        ["US/Eastern", 'for example "America/New_York"'],
        ["Etc/GMT-1", "is a fixed offset"],
        ["Etc/GMT+5", "is a fixed offset"],
        ["europe/berlin", 'has the wrong case: write "Europe/Berlin"'],
        ["EUROPE/BERLIN", 'has the wrong case: write "Europe/Berlin"'],
        [" Europe/Berlin", "must not start or end with white space"],
        ["Mars/Olympus", "is not a known time zone"],
    ];
    for (const [zone, why] of rejected) {
        it(`rejects ${JSON.stringify(zone)}`, () => expect(timeZoneError(zone)).to.contain(why));
    }
});

describe("timestamps: real calendar dates", () => {
    it("rejects dates Date.parse would roll over", () => {
        expect(timestampError("2027-02-30T00:00:00Z")).to.equal('"2027-02-30T00:00:00Z" is not a real date and time (month 1-12, day within the month, 00:00-23:59)');
        expect(timestampError("2027-04-31T00:00:00Z")).to.contain("is not a real date");
        expect(timestampError("2027-01-01T24:00:00Z")).to.contain("is not a real date");
    });

    it("accepts leap days only in leap years", () => {
        expect(timestampError("2028-02-29T00:00:00Z")).to.equal(undefined);
        expect(timestampError("2027-02-29T00:00:00Z")).to.contain("is not a real date");
    });
});

describe("cron expressions: must fire, no white space", () => {
    it("rejects leading or trailing white space instead of passing it to AWS", () => {
        expect(cronError(" cron(0 18 ? * FRI *)")).to.equal("must not start or end with white space");
    });

    it("knows which expressions fire within a year", () => {
        expect(cronFiresWithin("cron(0 18 ? * FRI *)", NOW)).to.equal(true);
        expect(cronFiresWithin("cron(0 0 31 2 ? *)", NOW)).to.equal(false); // 31 February
        expect(cronFiresWithin("cron(0 0 30 FEB ? *)", NOW)).to.equal(false);
        expect(cronFiresWithin("cron(0 0 ? * MON 2020)", NOW)).to.equal(false); // past year
        expect(cronFiresWithin("cron(0 0 ? * MON 2030)", NOW)).to.equal(false); // beyond a year
        expect(cronFiresWithin("cron(0 0 29 2 ? *)", NOW)).to.equal(false); // next 29 February is in 2028
        expect(cronFiresWithin("cron(0 0 29 2 ? *)", new Date("2027-06-01T00:00:00Z"))).to.equal(true);
        expect(cronFiresWithin("cron(0 0 L * ? *)", NOW)).to.equal(true);
        expect(cronFiresWithin("cron(0 0 ? * 2#5 *)", NOW)).to.equal(true);
        expect(cronFiresWithin("cron(0 0 1-7/3,31 1,12 ? 2026-2027)", NOW)).to.equal(true);
    });
});

describe("validateSchedule time rules (clock injected)", () => {
    it("accepts the weekly example", () => expect(scheduleProblems({})).to.deep.equal([]));

    it("rejects a cron that never fires, naming the field", () => {
        expect(scheduleProblems({ scaleOutCron: "cron(0 7 31 2 ? *)" })).to.deep.equal(['schedule.scaleOutCron "cron(0 7 31 2 ? *)": never fires within the next year']);
    });

    it("rejects equal on and off times, even written differently", () => {
        expect(scheduleProblems({ scaleOutCron: "cron(0  18 ? * fri *)" })[0]).to.contain("schedule.scaleInCron and schedule.scaleOutCron are the same time");
    });

    it("rejects an EventBridge Scheduler start date in the past, not an autoscaling one", () => {
        expect(scheduleProblems({ method: "scheduler", startDate: "2026-11-30T00:00:00Z" })).to.deep.equal([
            "schedule.startDate (2026-11-30T00:00:00Z) is in the past (now 2026-12-01T12:00:00.000Z): EventBridge Scheduler rejects it; remove it or move it forward",
        ]);
        expect(scheduleProblems({ method: "autoscaling", startDate: "2026-11-30T00:00:00Z" })).to.deep.equal([]);
        expect(scheduleProblems({ method: "scheduler", startDate: "2026-12-02T00:00:00Z" })).to.deep.equal([]);
    });

    it("rejects an end date in the past and an impossible start date", () => {
        expect(scheduleProblems({ endDate: "2026-01-01T00:00:00Z" })[0]).to.contain("schedule.endDate (2026-01-01T00:00:00Z) is in the past");
        expect(scheduleProblems({ startDate: "2027-02-30T00:00:00Z" })).to.deep.equal(['schedule.startDate "2027-02-30T00:00:00Z" is not a real date and time (month 1-12, day within the month, 00:00-23:59)']);
    });
});
