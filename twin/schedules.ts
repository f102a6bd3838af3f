import { WeeklySchedule } from "../planner/weeklySchedule";
import { CopyCountScheduleModel, ScheduledActionModel, StackModel } from "./stackModel";

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

/** Something that happens at a fixed instant: a scheduled action or an EventBridge schedule firing. */
export interface TimedAction {
    readonly time: number;
    readonly apply: (now: number) => void;
}

/** Every scheduled action and schedule occurrence of the stack in [from, to), in time order. */
export function timedActions(
    model: StackModel,
    from: number,
    to: number,
    handlers: {
        scheduledAction: (action: ScheduledActionModel, now: number) => void;
        copyCountSchedule: (schedule: CopyCountScheduleModel, now: number) => void;
    },
): TimedAction[] {
    const timed: TimedAction[] = [];
    for (const a of model.scheduledActions) {
        for (const time of occurrences(a.cron, a.timezone, from, to, a.start, a.end)) {
            timed.push({ time, apply: (now) => handlers.scheduledAction(a, now) });
        }
    }
    for (const s of model.copyCountSchedules) {
        for (const time of occurrences(s.cron, s.timezone, from, to, s.start, s.end)) {
            timed.push({ time, apply: (now) => handlers.copyCountSchedule(s, now) });
        }
    }
    return timed.sort((a, b) => a.time - b.time);
}
