/**
 * Wall-clock time in an IANA time zone, with no dependency: the platform's Intl data answers "what is the local
 * time at this instant", and `localToEpoch` inverts it (DST-aware). Used for weekly schedules and generators.
 */

/** A local calendar date and time; `weekday` 0 = Sunday … 6 = Saturday. */
export interface LocalTime {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a readable error unless `timeZone` is an IANA name the platform knows (e.g. `Europe/Berlin`, `UTC`). */
export function checkTimeZone(timeZone: string): void {
    formatterFor(timeZone);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
        try {
            formatter = new Intl.DateTimeFormat("en-US", {
                timeZone,
                hourCycle: "h23",
                year: "numeric",
                month: "numeric",
                day: "numeric",
                hour: "numeric",
                minute: "numeric",
                second: "numeric",
            });
        } catch {
            throw new Error(`time zone ${JSON.stringify(timeZone)} is not an IANA time zone name (e.g. Europe/Berlin)`);
        }
        formatters.set(timeZone, formatter);
    }
    return formatter;
}

/** Local wall-clock time of an instant (epoch seconds) in `timeZone`. */
export function epochToLocal(epochSeconds: number, timeZone: string): LocalTime {
    const ms = Math.floor(epochSeconds) * 1000;
    if (timeZone === "UTC") {
        return fromUtcDate(new Date(ms));
    }
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
        if (part.type !== "literal") {
            parts[part.type] = Number(part.value);
        }
    }
    return fromUtcDate(new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)));
}

/**
 * Instant (epoch seconds) of a local wall-clock time in `timeZone`. Day and month overflow like `Date.UTC`
 * (day 32 is the next month). A time skipped by a DST change maps to the instant one offset later.
 */
export function localToEpoch(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    timeZone: string,
): number {
    const asUtc = Date.UTC(year, month - 1, day, hour, minute) / 1000;
    if (timeZone === "UTC") {
        return asUtc;
    }
    const first = asUtc - offsetSeconds(asUtc, timeZone);
    const second = asUtc - offsetSeconds(first, timeZone);
    return second;
}

/** Local date `days` after the given one (calendar arithmetic, no time zone involved). */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number; weekday: number } {
    const date = new Date(Date.UTC(year, month - 1, day + days));
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

function offsetSeconds(epochSeconds: number, timeZone: string): number {
    const local = epochToLocal(epochSeconds, timeZone);
    const localAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) / 1000;
    return localAsUtc - Math.floor(epochSeconds);
}

function fromUtcDate(date: Date): LocalTime {
    return {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
        weekday: date.getUTCDay(),
    };
}
