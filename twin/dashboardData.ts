import { SAGEMAKER_METRICS } from "../components/metricNames";
import { DashboardData, MetricKey, SeriesPoint, SeriesResult } from "../planner/format/dashboardMetrics";
import { TwinRequest } from "./clients";
import { METRIC, MetricStore, SUPPORTED_STATISTICS } from "./metrics";
import { TwinResource } from "./resources";
import { readStackModel } from "./stackModel";
import { runTwin } from "./twin";
import { TwinOptions, TwinResult } from "./types";

export const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

/** The dashboard body a stack registers (the JSON components/dashboard.ts builds), parsed. */
export function recordedDashboardBody(resources: readonly TwinResource[]): { widgets: unknown[] } {
    const dashboards = resources.filter((r) => r.type === DASHBOARD_TYPE);
    if (dashboards.length !== 1) {
        throw new Error(
            `the stack registers ${dashboards.length} dashboards (${dashboards.map((d) => d.name).join(", ") || "none"}); ` +
                "a picture needs exactly one (observability.dashboard: true on one model)",
        );
    }
    return JSON.parse(dashboards[0].inputs.dashboardBody as string) as { widgets: unknown[] };
}

const SIMULATED: readonly string[] = Object.values(METRIC);

/**
 * Runs the twin on a stack's resources and answers a dashboard's series from the datapoints it wrote, under
 * the same names and dimensions CloudWatch would use. A series the twin does not write (ModelLatency, the
 * client's ColdStartDuration, percentiles) is reported as not simulated, never estimated.
 */
export function dashboardDataFromTwin(
    resources: readonly TwinResource[],
    options: Omit<TwinOptions, "onDatapoint" | "keepEvents" | "requests"> & { readonly requests: Iterable<TwinRequest> },
): { data: DashboardData; result: TwinResult } {
    // The twin prunes its own store as it goes; this one keeps the whole window for the picture.
    const store = new MetricStore();
    const result = runTwin(resources, { ...options, keepEvents: true, onDatapoint: (d) => store.record(d) });
    const alarmNames = new Map(readStackModel(resources).alarms.map((a) => [a.arn, a.name]));
    const { start, end } = options;
    const data: DashboardData = {
        start,
        end,
        series: (key) => seriesOf(store, key, start, end),
        alarm: (arn) => {
            const name = alarmNames.get(arn);
            if (name === undefined) {
                return undefined;
            }
            // Every alarm starts in INSUFFICIENT_DATA (twin/alarms.ts); the twin emits each change.
            const changes = [{ time: start, state: "INSUFFICIENT_DATA" }];
            for (const e of result.events) {
                if (e.kind === "alarm" && e.subject === name) {
                    changes.push({ time: e.time, state: String(e.value) });
                }
            }
            return { name, changes };
        },
    };
    return { data, result };
}

function seriesOf(store: MetricStore, key: MetricKey, start: number, end: number): SeriesResult {
    const dimensionNames = Object.keys(key.dimensions);
    const component = key.dimensions[SAGEMAKER_METRICS.componentDimension];
    if (key.namespace !== SAGEMAKER_METRICS.namespace || !SIMULATED.includes(key.metricName)) {
        return { notSimulated: `the twin writes only ${SAGEMAKER_METRICS.namespace} ${SIMULATED.join(", ")}` };
    }
    if (dimensionNames.length !== 1 || component === undefined) {
        return { notSimulated: `the twin writes its metrics per ${SAGEMAKER_METRICS.componentDimension} only` };
    }
    if (!SUPPORTED_STATISTICS.includes(key.stat)) {
        return { notSimulated: `statistic ${key.stat} (the twin computes ${SUPPORTED_STATISTICS.join(", ")})` };
    }
    const points: SeriesPoint[] = [];
    for (let t = Math.floor(start / key.period) * key.period; t < end; t += key.period) {
        const value = store.query(key.metricName, component, key.stat, t, key.period);
        if (value !== undefined) {
            points.push({ time: t, value });
        }
    }
    return { points };
}
