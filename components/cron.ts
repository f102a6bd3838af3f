/**
 * Pure checks for the schedule expressions EventBridge Scheduler and Application Auto Scaling accept:
 * `cron(minutes hours day-of-month month day-of-week year)` and IANA time zones.
 */

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

export interface FieldSpec {
    name: string;
    min: number;
    max: number;
    names?: string[];
    /** Extra tokens this field allows (`?`, `L`, `W`, `#`). */
    special: RegExp | undefined;
}

export const FIELDS: readonly FieldSpec[] = [
    { name: "minutes", min: 0, max: 59, special: undefined },
    { name: "hours", min: 0, max: 23, special: undefined },
    { name: "day-of-month", min: 1, max: 31, special: /^(\?|L|LW|\d{1,2}W)$/ },
    { name: "month", min: 1, max: 12, names: MONTHS, special: undefined },
    { name: "day-of-week", min: 1, max: 7, names: DAYS, special: /^(\?|L|\d[L]|[A-Z]{3}L|[1-7]#[1-5]|[A-Z]{3}#[1-5])$/ },
    { name: "year", min: 1970, max: 2199, special: undefined },
];

export function valueOf(token: string, spec: FieldSpec): number | undefined {
    if (/^\d+$/.test(token)) {
        const n = Number(token);
        return n >= spec.min && n <= spec.max ? n : undefined;
    }
    const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    return index >= 0 ? index + spec.min : undefined;
}

function itemError(item: string, spec: FieldSpec): string | undefined {
    if (spec.special?.test(item.toUpperCase())) {
        return undefined;
    }
    const [range, step] = item.split("/");
    if (step !== undefined && !/^\d+$/.test(step)) {
        return `${spec.name} step "${step}" is not a number`;
    }
    if (range === "*") {
        return undefined;
    }
    const bounds = range.split("-");
    if (bounds.length > 2 || bounds.some((b) => valueOf(b, spec) === undefined)) {
        const allowed = `${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ""}`;
        return `${spec.name} "${item}" is out of range (allowed ${allowed}, *, lists, ranges and steps)`;
    }
    return undefined;
}

/** Returns why `expression` is not a valid `cron(...)` schedule, or undefined when it is. */
export function cronError(expression: unknown): string | undefined {
    if (typeof expression !== "string") {
        return "must be a string like cron(0 18 ? * FRI *)";
    }
    if (expression !== expression.trim()) {
        return "must not start or end with white space";
    }
    const match = /^cron\((.*)\)$/.exec(expression);
    if (!match) {
        return "must have the form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 18 ? * FRI *)";
    }
    const fields = match[1].trim().split(/\s+/);
    if (fields.length !== 6) {
        return `needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
    }
    for (let i = 0; i < FIELDS.length; i++) {
        for (const item of fields[i].split(",")) {
            const error = itemError(item, FIELDS[i]);
            if (error) {
                return error;
            }
        }
    }
    if ((fields[2] === "?") === (fields[4] === "?")) {
        return "exactly one of day-of-month and day-of-week must be ?";
    }
    return undefined;
}

/** The IANA areas (tzdb's geographic zone files); everything else is a legacy alias, abbreviation or offset. */
const IANA_ZONE = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(\/[A-Z][A-Za-z0-9_+-]*){1,2}$/;
const UTC_NAMES = ["UTC", "Etc/UTC"];

/**
 * Returns why `zone` is not an IANA time zone (DST-safe), or undefined when it is. `Intl` alone is not enough: it
 * accepts abbreviations (`EST` becomes America/Panama, which has no DST), `Etc/GMT-1` fixed offsets and wrong case
 * (`europe/berlin`), so the name must also have the tzdb `Area/Location` form with the case `Intl` resolves it to.
 */
export function timeZoneError(zone: unknown): string | undefined {
    const hint = "use an IANA time zone such as Europe/Berlin or America/New_York (abbreviations and fixed offsets break at DST changes)";
    if (typeof zone !== "string" || zone.trim() === "") {
        return `must be a string: ${hint}`;
    }
    if (zone !== zone.trim()) {
        return `${JSON.stringify(zone)} must not start or end with white space`;
    }
    if (UTC_NAMES.includes(zone)) {
        return undefined;
    }
    if (/^(UTC|GMT)?\s*[+-]\d/i.test(zone) || /^[+-]/.test(zone) || /^Etc\//i.test(zone)) {
        return `"${zone}" is a fixed offset: ${hint}`;
    }
    let resolved: string;
    try {
        resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
        return `"${zone}" is not a known time zone: ${hint}`;
    }
    if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) {
        return `"${zone}" has the wrong case: write "${resolved}"`;
    }
    if (!IANA_ZONE.test(zone)) {
        const instead = IANA_ZONE.test(resolved) ? ` (for example "${resolved}", which is what it resolves to)` : "";
        return `"${zone}" is an abbreviation or legacy alias, not an IANA Area/Location zone${instead}: ${hint}`;
    }
    return undefined;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z$/;

/**
 * Returns why `value` is not an ISO-8601 UTC timestamp (`2026-01-05T07:00:00Z`) of a real calendar date, or
 * undefined. `Date.parse` rolls impossible dates over (2027-02-30 becomes March 2), so the parts are compared back.
 */
export function timestampError(value: unknown): string | undefined {
    const format = `must be an ISO-8601 UTC timestamp like 2026-01-05T07:00:00Z (got ${JSON.stringify(value)})`;
    const match = typeof value === "string" ? TIMESTAMP.exec(value) : null;
    if (!match) {
        return format;
    }
    const [, y, mo, d, h, mi, sec] = match.map((part) => Number(part ?? 0));
    if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) {
        return `${JSON.stringify(value)} is not a real date and time (month 1-12, day within the month, 00:00-23:59)`;
    }
    return undefined;
}

/** True when year-month-day (month 1-12) is a real calendar date: no 30 February, no 31 April. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
