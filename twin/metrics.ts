import { SAGEMAKER_METRICS } from "../components/metricNames";

/**
 * The CloudWatch metrics of inference components (namespace AWS/SageMaker, dimension InferenceComponentName):
 * - `Invocations`, `NoCapacityInvocationFailures`: per-minute counts; a minute without events has no datapoint;
 * - `ConcurrentRequestsPerCopy`: high resolution (10 s), only while the component has a copy to measure.
 * Datapoints are stamped with the start of their interval; a query aggregates the datapoints inside a period.
 */
// The names the dashboard and alarms use (components/metricNames.ts): a simulated week charts like a real one.
export const METRIC = {
    invocations: SAGEMAKER_METRICS.invocations,
    failures: SAGEMAKER_METRICS.noCapacityFailures,
    concurrency: SAGEMAKER_METRICS.concurrencyPerCopy,
} as const;

export const STANDARD_RESOLUTION = 60;
export const HIGH_RESOLUTION = 10;

interface Series {
    readonly resolution: number;
    readonly values: Map<number, number[]>;
}

export type Statistic = "Sum" | "Maximum" | "Minimum" | "Average" | "SampleCount";

/** The statistics `query` computes; any other (percentiles such as p90) the twin does not model. */
export const SUPPORTED_STATISTICS: readonly string[] = ["Sum", "Maximum", "Minimum", "Average", "SampleCount"];

/** One datapoint as written: a per-minute count increment (`count`) or a 10-s sample (`sample`). */
export interface Datapoint {
    readonly kind: "count" | "sample";
    readonly metric: string;
    /** InferenceComponentName. */
    readonly component: string;
    readonly time: number;
    readonly value: number;
}

/** Datapoints per (metric, component); in memory, for the simulated span. */
export class MetricStore {
    private readonly series = new Map<string, Series>();

    /** `onDatapoint` sees every write before pruning can drop it (charts of a whole run replay them). */
    constructor(private readonly onDatapoint?: (datapoint: Datapoint) => void) {}

    /** Writes a datapoint another store reported (`count` or `sample`). */
    record(d: Datapoint): void {
        if (d.kind === "count") {
            this.count(d.metric, d.component, d.time, d.value);
        } else {
            this.sample(d.metric, d.component, d.time, d.value);
        }
    }

    /** Adds `value` to the per-minute count containing `time` (counts are summed in their minute). */
    count(metric: string, component: string, time: number, value = 1): void {
        this.onDatapoint?.({ kind: "count", metric, component, time, value });
        const s = this.seriesOf(metric, component, STANDARD_RESOLUTION);
        const stamp = Math.floor(time / s.resolution) * s.resolution;
        const bucket = s.values.get(stamp);
        if (bucket) {
            bucket[0] += value;
        } else {
            s.values.set(stamp, [value]);
        }
    }

    /** Records one high-resolution sample for the 10-s interval starting at `stamp`. */
    sample(metric: string, component: string, stamp: number, value: number): void {
        this.onDatapoint?.({ kind: "sample", metric, component, time: stamp, value });
        this.seriesOf(metric, component, HIGH_RESOLUTION).values.set(stamp, [value]);
    }

    /**
     * The statistic over the datapoints in [start, start + period), or undefined when there are none (CloudWatch:
     * missing data). A 10-s period over a per-minute metric sees a datapoint only in the period holding the
     * minute's start: the "INSUFFICIENT_DATA" trap of short periods on per-minute metrics.
     */
    query(metric: string, component: string, stat: string, start: number, period: number): number | undefined {
        const s = this.series.get(`${metric}\u0000${component}`);
        if (!s) {
            return undefined;
        }
        const values: number[] = [];
        const first = Math.ceil(start / s.resolution) * s.resolution;
        for (let t = first; t < start + period; t += s.resolution) {
            const v = s.values.get(t);
            if (v) {
                values.push(v[0]);
            }
        }
        return aggregate(values, stat);
    }

    /** Forgets datapoints stamped before `time` (no alarm looks back that far): memory stays flat on long runs. */
    prune(time: number): void {
        for (const s of this.series.values()) {
            // Datapoints are written in time order, so the oldest come first.
            for (const stamp of s.values.keys()) {
                if (stamp >= time) {
                    break;
                }
                s.values.delete(stamp);
            }
        }
    }

    private seriesOf(metric: string, component: string, resolution: number): Series {
        const key = `${metric}\u0000${component}`;
        let s = this.series.get(key);
        if (!s) {
            s = { resolution, values: new Map() };
            this.series.set(key, s);
        }
        return s;
    }
}

function aggregate(values: number[], stat: string): number | undefined {
    if (values.length === 0) {
        return undefined;
    }
    switch (stat) {
        case "Sum":
            return values.reduce((a, b) => a + b, 0);
        case "Maximum":
            return Math.max(...values);
        case "Minimum":
            return Math.min(...values);
        case "Average":
            return values.reduce((a, b) => a + b, 0) / values.length;
        case "SampleCount":
            return values.length;
        default:
            throw new Error(`twin: statistic ${JSON.stringify(stat)} is not supported (Sum, Maximum, Minimum, Average, SampleCount)`);
    }
}
