/**
 * Pure checks for the schedule expressions EventBridge Scheduler and Application Auto Scaling accept:
 * `cron(minutes hours day-of-month month day-of-week year)` and IANA time zones.
 */

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
    name: string;
    min: number;
    max: number;
    names?: string[];
    /** Extra tokens this field allows (`?`, `L`, `W`, `#`). */
    special: RegExp | undefined;
}

const FIELDS: FieldSpec[] = [
    { name: "minutes", min: 0, max: 59, special: undefined },
    { name: "hours", min: 0, max: 23, special: undefined },
    { name: "day-of-month", min: 1, max: 31, special: /^(\?|L|LW|\d{1,2}W)$/ },
    { name: "month", min: 1, max: 12, names: MONTHS, special: undefined },
    { name: "day-of-week", min: 1, max: 7, names: DAYS, special: /^(\?|L|\d[L]|[A-Z]{3}L|[1-7]#[1-5]|[A-Z]{3}#[1-5])$/ },
    { name: "year", min: 1970, max: 2199, special: undefined },
];

function valueOf(token: string, spec: FieldSpec): number | undefined {
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
    const match = /^cron\((.*)\)$/.exec(expression.trim());
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

/** Returns why `zone` is not an IANA time zone (DST-safe), or undefined when it is. */
export function timeZoneError(zone: unknown): string | undefined {
    const hint = "use an IANA time zone such as Europe/Berlin or America/New_York (fixed offsets break at DST changes)";
    if (typeof zone !== "string" || zone.trim() === "") {
        return `must be a string: ${hint}`;
    }
    if (/^(UTC|GMT)?\s*[+-]\d/i.test(zone) || /^[+-]/.test(zone)) {
        return `"${zone}" is a fixed offset: ${hint}`;
    }
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return undefined;
    } catch {
        return `"${zone}" is not a known time zone: ${hint}`;
    }
}

/** Returns why `value` is not an ISO-8601 UTC timestamp (`2026-01-05T07:00:00Z`), or undefined. */
export function timestampError(value: unknown): string | undefined {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
        return `must be an ISO-8601 UTC timestamp like 2026-01-05T07:00:00Z (got ${JSON.stringify(value)})`;
    }
    return undefined;
}
