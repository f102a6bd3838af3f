import { isCalendarDate, timeZoneError } from "../components/cron";
import { Problems, validateScaling } from "../components/validate";

/**
 * Bounds on planner input that keep a run finite. A year covers every weekly and seasonal pattern the modes
 * differ on; a longer window (or a trace with an epoch in microseconds, read as a date centuries away) would
 * simulate for hours or never finish.
 */
export const PLANNER_INPUT_LIMITS = {
    /** Longest simulated window: `--days` and the span of a CSV trace. */
    maxWindowDays: 366,
    /** Latest accepted timestamp, epoch seconds (2200-01-01T00:00:00Z, as EventBridge cron years end at 2199). */
    latestTimestamp: Date.UTC(2200, 0, 1) / 1000,
} as const;

/** True when an ISO `YYYY-MM-DD` date part names a real calendar day. */
export function isRealIsoDate(date: string): boolean {
    const [year, month, day] = date.split("-").map(Number);
    return isCalendarDate(year, month, day);
}

/**
 * Problems of planner options that the component itself would reject, found with the component's own
 * validators so the planner never simulates a mode that cannot be deployed.
 */
export function componentRuleProblems(options: { idleTimeoutMinutes?: readonly number[]; timeZone?: string }): Problems {
    const problems: Problems = [];
    for (const minutes of options.idleTimeoutMinutes ?? []) {
        const found: Problems = [];
        validateScaling(found, "scaling", { idleTimeoutMinutes: minutes });
        problems.push(...found.map((p) => `--idle-timeouts ${minutes}: ${p.replace(/^scaling\.idleTimeoutMinutes /, "")}`));
    }
    if (options.timeZone !== undefined) {
        const error = timeZoneError(options.timeZone);
        if (error) {
            problems.push(`--time-zone ${error}`);
        }
    }
    return problems;
}
