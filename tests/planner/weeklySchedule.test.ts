import { expect } from "chai";
import { epochToLocal, localToEpoch } from "../../planner/timeZone";
import { WeeklySchedule, parseScheduleActionText, parseScheduleTime } from "../../planner/weeklySchedule";
import { MONDAY } from "./helpers";

const iso = (epoch: number): string => new Date(epoch * 1000).toISOString().slice(0, 16);

describe("weekly schedule", () => {
    it("parses DAYS HH:MM, ranges, lists, * and AWS cron with weekdays", () => {
        const days = (at: string): number[] =>
            parseScheduleTime(at)
                .weekdays.map((on, i) => (on ? i : -1))
                .filter((i) => i >= 0);
        expect(days("MON 07:00")).to.deep.equal([1]);
        expect(days("MON-FRI 07:00")).to.deep.equal([1, 2, 3, 4, 5]);
        expect(days("FRI-MON 07:00")).to.deep.equal([0, 1, 5, 6]);
        expect(days("sat,sun 07:00")).to.deep.equal([0, 6]);
        expect(days("* 07:00")).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
        expect(parseScheduleTime("cron(0 18 ? * FRI *)")).to.deep.equal({ weekdays: [false, false, false, false, false, true, false], minuteOfDay: 18 * 60 });
        expect(parseScheduleTime("cron(30 6 ? * MON-FRI *)").minuteOfDay).to.equal(6 * 60 + 30);
        expect(parseScheduleActionText("FRI 18:00=0")).to.deep.equal({ at: "FRI 18:00", copies: 0 });
    });

    it("rejects malformed schedules with the reason", () => {
        expect(() => parseScheduleTime("monday 7am")).to.throw('schedule "monday 7am" is not "DAYS HH:MM" (e.g. "MON-FRI 07:00") or cron(M H ? * DAYS *)');
        expect(() => parseScheduleTime("FUN 07:00")).to.throw('schedule "FUN 07:00": unknown day "FUN" (use SUN, MON, TUE, WED, THU, FRI, SAT)');
        expect(() => parseScheduleTime("MON 25:00")).to.throw('schedule "MON 25:00": time must be 00:00–23:59');
        expect(() => parseScheduleTime("cron(0 18 1 * ? *)")).to.throw("only weekly schedules are supported");
        expect(() => parseScheduleTime("cron(0/5 18 ? * FRI *)")).to.throw("only a fixed minute and hour are supported");
        expect(() => parseScheduleActionText("FRI 18:00")).to.throw('schedule action "FRI 18:00" is not "DAYS HH:MM=COPIES" (e.g. "FRI 18:00=0")');
        expect(() => new WeeklySchedule([], "UTC")).to.throw("a weekly schedule needs at least one action");
        expect(() => new WeeklySchedule([{ at: "MON 07:00", copies: -1 }], "UTC")).to.throw("copies must be an integer ≥ 0 (got -1)");
    });

    it("finds the next action and the one in force, across a weekend", () => {
        const schedule = new WeeklySchedule(
            [
                { at: "MON 07:00", copies: 1 },
                { at: "FRI 18:00", copies: 0 },
            ],
            "UTC",
        );
        const saturday = MONDAY + 5 * 86_400 + 12 * 3600;
        expect(iso(schedule.nextAfter(saturday).time)).to.equal("2025-01-13T07:00");
        expect(schedule.inForceAt(saturday)).to.deep.equal({ time: MONDAY + 4 * 86_400 + 18 * 3600, copies: 0, label: "FRI 18:00 → 0" });
        expect(iso(schedule.nextAfter(MONDAY).time)).to.equal("2025-01-06T07:00");
        expect(schedule.inForceAt(MONDAY + 7 * 3600).copies).to.equal(1); // at the action instant
        expect(iso(schedule.nextAfter(MONDAY + 7 * 3600).time)).to.equal("2025-01-10T18:00");
    });

    it("keeps local wall-clock time across daylight saving (Europe/Berlin, 30 March 2025)", () => {
        const schedule = new WeeklySchedule([{ at: "MON 07:00", copies: 1 }], "Europe/Berlin");
        const beforeDst = schedule.nextAfter(Date.UTC(2025, 2, 20) / 1000);
        const afterDst = schedule.nextAfter(Date.UTC(2025, 2, 27) / 1000);
        expect(iso(beforeDst.time)).to.equal("2025-03-24T06:00"); // CET, UTC+1
        expect(iso(afterDst.time)).to.equal("2025-03-31T05:00"); // CEST, UTC+2
    });
});

describe("time zones", () => {
    it("converts between instants and local time both ways", () => {
        const local = epochToLocal(MONDAY + 9 * 3600, "America/New_York");
        expect(local).to.deep.equal({ year: 2025, month: 1, day: 6, hour: 4, minute: 0, second: 0, weekday: 1 });
        expect(localToEpoch(2025, 1, 6, 4, 0, "America/New_York")).to.equal(MONDAY + 9 * 3600);
        expect(localToEpoch(2025, 7, 1, 12, 0, "Europe/Berlin")).to.equal(Date.UTC(2025, 6, 1, 10) / 1000);
        expect(() => epochToLocal(0, "Nowhere/City")).to.throw('time zone "Nowhere/City" is not an IANA time zone name (e.g. Europe/Berlin)');
    });
});
