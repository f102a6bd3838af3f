import { addDays, checkTimeZone, epochToLocal, localToEpoch } from "./timeZone";

/**
 * One weekly scheduled action: at a local time on some weekdays, set the copy count (what an EventBridge Scheduler
 * `updateInferenceComponentRuntimeConfig` target or an Application Auto Scaling scheduled action does).
 */
export interface WeeklyScheduleAction {
    /**
     * When, either `DAYS HH:MM` (`MON 07:00`, `MON-FRI 18:30`, `SAT,SUN 00:00`, `* 06:00`) or an AWS cron
     * expression with a fixed minute and hour (`cron(0 18 ? * FRI *)`).
     */
    readonly at: string;
    /** Copy count the action sets (0 scales in to zero). */
    readonly copies: number;
}

/** A parsed action: weekday flags (index 0 = Sunday), minute of the local day, copies. */
export interface CompiledAction {
    readonly weekdays: readonly boolean[];
    readonly minuteOfDay: number;
    readonly copies: number;
    readonly label: string;
}

/** A scheduled action at an instant. */
export interface ScheduledAction {
    readonly time: number;
    readonly copies: number;
    readonly label: string;
}

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Parses `DAYS HH:MM` or `cron(M H ? * DAYS *)`; throws naming the bad part. */
export function parseScheduleTime(at: string): { weekdays: boolean[]; minuteOfDay: number } {
    const text = at.trim();
    const cron = /^cron\((.*)\)$/i.exec(text);
    if (cron) {
        const fields = cron[1].trim().split(/\s+/);
        if (fields.length !== 6) {
            throw new Error(`schedule ${JSON.stringify(at)}: a cron expression has 6 fields (minute hour day month weekday year)`);
        }
        const [minute, hour, dayOfMonth, month, weekday, year] = fields;
        if (!/^\d+$/.test(minute) || !/^\d+$/.test(hour)) {
            throw new Error(`schedule ${JSON.stringify(at)}: only a fixed minute and hour are supported`);
        }
        if (!["?", "*"].includes(dayOfMonth) || month !== "*" || year !== "*") {
            throw new Error(`schedule ${JSON.stringify(at)}: only weekly schedules are supported (day-of-month ?, month *, year *)`);
        }
        return { weekdays: parseDays(weekday === "?" ? "*" : weekday, at), minuteOfDay: minuteOf(Number(hour), Number(minute), at) };
    }
    const match = /^(\S+)\s+(\d{1,2}):(\d{2})$/.exec(text);
    if (!match) {
        throw new Error(`schedule ${JSON.stringify(at)} is not "DAYS HH:MM" (e.g. "MON-FRI 07:00") or cron(M H ? * DAYS *)`);
    }
    return { weekdays: parseDays(match[1], at), minuteOfDay: minuteOf(Number(match[2]), Number(match[3]), at) };
}

function minuteOf(hour: number, minute: number, at: string): number {
    if (hour > 23 || minute > 59) {
        throw new Error(`schedule ${JSON.stringify(at)}: time must be 00:00–23:59`);
    }
    return hour * 60 + minute;
}

function parseDays(spec: string, at: string): boolean[] {
    const days = new Array<boolean>(7).fill(false);
    if (spec === "*") {
        return days.fill(true);
    }
    for (const part of spec.toUpperCase().split(",")) {
        const [from, to] = part.split("-");
        const start = dayIndex(from, at);
        const end = to === undefined ? start : dayIndex(to, at);
        for (let d = start; ; d = (d + 1) % 7) {
            days[d] = true;
            if (d === end) {
                break;
            }
        }
    }
    return days;
}

function dayIndex(name: string, at: string): number {
    const index = DAY_NAMES.indexOf(name);
    if (index < 0) {
        throw new Error(`schedule ${JSON.stringify(at)}: unknown day ${JSON.stringify(name)} (use ${DAY_NAMES.join(", ")})`);
    }
    return index;
}

/** Parses the CLI form `DAYS HH:MM=COPIES` (e.g. `MON 07:00=1`). */
export function parseScheduleActionText(text: string): WeeklyScheduleAction {
    const eq = text.lastIndexOf("=");
    if (eq < 0 || !/^\d+$/.test(text.slice(eq + 1).trim())) {
        throw new Error(`schedule action ${JSON.stringify(text)} is not "DAYS HH:MM=COPIES" (e.g. "FRI 18:00=0")`);
    }
    return { at: text.slice(0, eq).trim(), copies: Number(text.slice(eq + 1)) };
}

/** A weekly schedule resolved against a time zone: answers "next action after t" and "action in force at t". */
export class WeeklySchedule {
    readonly actions: readonly CompiledAction[];

    constructor(actions: readonly WeeklyScheduleAction[], readonly timeZone: string) {
        checkTimeZone(timeZone);
        if (actions.length === 0) {
            throw new Error("a weekly schedule needs at least one action");
        }
        this.actions = actions.map((action) => {
            if (!Number.isInteger(action.copies) || action.copies < 0) {
                throw new Error(`schedule ${JSON.stringify(action.at)}: copies must be an integer ≥ 0 (got ${action.copies})`);
            }
            return { ...parseScheduleTime(action.at), copies: action.copies, label: `${action.at} → ${action.copies}` };
        });
    }

    /** The first action strictly after `time` (schedules repeat weekly, so one is always found within 8 days). */
    nextAfter(time: number): ScheduledAction {
        return this.search(time, 1) as ScheduledAction;
    }

    /** The last action at or before `time` (within the previous week), i.e. the one in force at `time`. */
    inForceAt(time: number): ScheduledAction {
        return this.search(time, -1) as ScheduledAction;
    }

    private search(time: number, direction: 1 | -1): ScheduledAction | undefined {
        const local = epochToLocal(time, this.timeZone);
        let best: ScheduledAction | undefined;
        for (let offset = -1; offset <= 8; offset++) {
            const date = addDays(local.year, local.month, local.day, direction * offset);
            for (const action of this.actions) {
                if (!action.weekdays[date.weekday]) {
                    continue;
                }
                const at = localToEpoch(date.year, date.month, date.day, 0, action.minuteOfDay, this.timeZone);
                const qualifies = direction === 1 ? at > time : at <= time;
                const better = !best || (direction === 1 ? at < best.time : at > best.time);
                if (qualifies && better) {
                    best = { time: at, copies: action.copies, label: action.label };
                }
            }
        }
        return best;
    }
}
