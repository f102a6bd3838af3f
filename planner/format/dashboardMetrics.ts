import { DashboardWidget } from "../../components/dashboard";

/**
 * What a dashboard picture needs besides the body: one time series per widget metric and the alarms' states.
 * Keys are CloudWatch's own (namespace, metric name, dimensions, statistic, period), so the same picture can be
 * filled from the twin or, later, from GetMetricData.
 */
export interface MetricKey {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly stat: string;
    readonly period: number;
}

export interface SeriesPoint {
    /** Start of the period, epoch seconds. */
    readonly time: number;
    readonly value: number;
}

/** A series with its datapoints (periods without one are missing data), or why there is none. */
export type SeriesResult = { readonly points: readonly SeriesPoint[] } | { readonly notSimulated: string };

/** An alarm's state changes in time order; the first entry holds from the window's start. */
export interface AlarmStates {
    readonly name: string;
    readonly changes: readonly { readonly time: number; readonly state: string }[];
}

export interface DashboardData {
    /** The window shown, epoch seconds [start, end). */
    readonly start: number;
    readonly end: number;
    series(key: MetricKey): SeriesResult;
    /** States of the alarm with this ARN, or undefined when the source has none (the live dashboard does). */
    alarm(arn: string): AlarmStates | undefined;
}

// Widget defaults of the dashboard body structure ("Dashboard Body Structure and Syntax", CloudWatch API
// Reference): `stat` Average, `period` 300 seconds, both overridable per metric in the rendering-properties object.
const DEFAULT_STAT = "Average";
const DEFAULT_PERIOD = 300;

/**
 * The metrics of a metric widget: each row is `[namespace, metricName, dimName, dimValue, ..., {options}]`.
 * The `"..."`/`"."` shorthands and math expressions are not read (components/dashboard.ts writes neither).
 */
export function widgetMetrics(widget: DashboardWidget): MetricKey[] {
    const p = widget.properties;
    const rows = p.metrics;
    const title = JSON.stringify(p.title ?? "(untitled)");
    if (!Array.isArray(rows)) {
        throw new Error(`dashboard widget ${title}: properties.metrics must be an array of metric rows`);
    }
    const widgetStat = typeof p.stat === "string" ? p.stat : DEFAULT_STAT;
    const widgetPeriod = typeof p.period === "number" ? p.period : DEFAULT_PERIOD;
    const problems: string[] = [];
    const keys: MetricKey[] = [];
    rows.forEach((row: unknown, i) => {
        const items = Array.isArray(row) ? [...(row as unknown[])] : [];
        const last = items[items.length - 1];
        const options = typeof last === "object" && last !== null ? (items.pop() as { stat?: unknown; period?: unknown }) : {};
        const strings = items.filter((s): s is string => typeof s === "string");
        if (strings.length !== items.length || items.length < 2 || items.length % 2 !== 0 || items.some((s) => s === "..." || s === ".")) {
            problems.push(`metrics[${i}] must be [namespace, metricName, (dimensionName, dimensionValue)..., {options}] without shorthands`);
            return;
        }
        const dimensions: Record<string, string> = {};
        for (let d = 2; d < strings.length; d += 2) {
            dimensions[strings[d]] = strings[d + 1];
        }
        keys.push({
            namespace: strings[0],
            metricName: strings[1],
            dimensions,
            stat: typeof options.stat === "string" ? options.stat : widgetStat,
            period: typeof options.period === "number" ? options.period : widgetPeriod,
        });
    });
    if (problems.length > 0) {
        throw new Error(`dashboard widget ${title}: ${problems.join("; ")}`);
    }
    return keys;
}

/** `Name=value,…` of a key's dimensions, sorted (a stable label and test handle). */
export function dimensionsLabel(dimensions: Readonly<Record<string, string>>): string {
    return Object.keys(dimensions)
        .sort()
        .map((k) => `${k}=${dimensions[k]}`)
        .join(",");
}
