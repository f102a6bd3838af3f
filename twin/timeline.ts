import { TwinEvent, TwinResult } from "./types";

/** The value of `kind` for `subject` in force at `time` (the last change at or before it). */
export function valueAt(result: TwinResult, kind: TwinEvent["kind"], subject: string, time: number): number | string | undefined {
    let value: number | string | undefined;
    for (const e of result.events) {
        if (e.time > time) {
            break;
        }
        if (e.kind === kind && e.subject === subject) {
            value = e.value;
        }
    }
    return value;
}

/** The first time at or after `from` when `kind` of `subject` became `value`. */
export function firstTime(result: TwinResult, kind: TwinEvent["kind"], subject: string, value: number | string, from = -Infinity): number | undefined {
    return result.events.find((e) => e.time >= from && e.kind === kind && e.subject === subject && e.value === value)?.time;
}

/** The largest value `kind` of `subject` reached in [from, to]. */
export function peak(result: TwinResult, kind: TwinEvent["kind"], subject: string, from = -Infinity, to = Infinity): number {
    let max = 0;
    for (const e of result.events) {
        if (e.time >= from && e.time <= to && e.kind === kind && e.subject === subject && typeof e.value === "number") {
            max = Math.max(max, e.value);
        }
    }
    return max;
}
