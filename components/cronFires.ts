import { FIELDS, FieldSpec, valueOf } from "./cron";

/** The values one field of a (valid) cron expression allows; undefined for L/W/# tokens, which always fire. */
function expand(field: string, spec: FieldSpec): Set<number> | undefined {
    const values = new Set<number>();
    for (const item of field.split(",")) {
        if (item === "?" || spec.special?.test(item.toUpperCase())) {
            return undefined;
        }
        const [range, stepText] = item.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        const [from, to] =
            range === "*" ? [spec.min, spec.max] : range.split("-").map((b) => valueOf(b, spec) as number);
        const last = to ?? (stepText === undefined ? from : spec.max);
        for (let v = from; v <= last; v += Math.max(step, 1)) {
            values.add(v);
        }
    }
    return values;
}

const DAY_MS = 86_400_000;

/**
 * True when a valid `cron(...)` expression (checked by `cronError` first) fires at least once in the `days` days
 * from `now`. Evaluated per UTC day: a time zone moves a firing by hours, never out of a year-long window.
 * L, W and # tokens are treated as firing every month they allow (each month has a last day and every weekday).
 */
export function cronFiresWithin(expression: string, now: Date, days = 366): boolean {
    const fields = /^cron\((.*)\)$/.exec(expression)![1].trim().split(/\s+/);
    const [, , dom, month, dow, year] = fields.map((f, i) => expand(f, FIELDS[i]));
    for (let i = 0; i <= days; i++) {
        const day = new Date(now.getTime() + i * DAY_MS);
        const matches =
            (year?.has(day.getUTCFullYear()) ?? true) &&
            (month?.has(day.getUTCMonth() + 1) ?? true) &&
            (dom?.has(day.getUTCDate()) ?? true) &&
            (dow?.has(day.getUTCDay() + 1) ?? true);
        if (matches) {
            return true;
        }
    }
    return false;
}
