import { WeeklySchedule } from "../planner/weeklySchedule";

/**
 * Instants in [from, to) at which a weekly cron expression fires in its IANA time zone, within the schedule's
 * optional start and end (Application Auto Scaling "Scheduled scaling" and EventBridge Scheduler "Schedule types":
 * cron in the given time zone, DST-aware). Reuses the planner's weekly schedule and time-zone code.
 */
export function occurrences(cron: string, timezone: string, from: number, to: number, start?: number, end?: number): number[] {
    const schedule = new WeeklySchedule([{ at: cron, copies: 0 }], timezone);
    const times: number[] = [];
    let t = schedule.nextAfter(Math.max(from, start ?? from) - 1).time;
    while (t < to && (end === undefined || t <= end)) {
        times.push(t);
        t = schedule.nextAfter(t).time;
    }
    return times;
}
