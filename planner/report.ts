import { LatencyHistogram } from "./histogram";
import { ResolvedMode } from "./modes";
import { SimulationCounters } from "./simulator";
import { TimelinePoint } from "./timeline";

/**
 * What one mode costs and what it does to requests over the simulated window: the simulator's counters (request
 * outcomes, cold starts, scaling, peaks, events) with time turned into hours and money.
 */
export interface ModeReport extends Omit<SimulationCounters, "instanceSeconds" | "copySeconds"> {
    readonly name: string;
    readonly kind: ResolvedMode["kind"];
    readonly description: string;
    /** Billed instance time (ready or starting instances), hours. */
    readonly instanceHours: number;
    /** Serving-copy time, hours. */
    readonly copyHours: number;
    /** instanceHours × price per hour, USD. */
    readonly costUsd: number;
    /** Cost of the always-on mode minus this one (undefined without an always-on mode). */
    readonly savingUsd?: number;
    /** savingUsd as a percentage of the always-on cost. */
    readonly savingPercent?: number;
    readonly coldStartsPerWeek: number;
    /** Added latency of served requests (waiting for a copy), seconds; see `latencyPrecision`. */
    readonly addedLatencySeconds: { readonly p50: number; readonly p99: number; readonly max: number };
    readonly timeline: readonly TimelinePoint[];
    /** Billed instance-hours by instance type: which pools served (twin plans only). */
    readonly instanceHoursByType?: Readonly<Record<string, number>>;
}

/** Precision statement for latency quantiles (see histogram.ts). */
export function latencyPrecision(histogram: LatencyHistogram): string {
    return `p50/p99 within ±${(histogram.relativeAccuracy * 100).toFixed(0)} % (log-bucket histogram, values under 1 ms count as 0); max exact`;
}

/** Builds a mode's report from its simulation. */
export function modeReport(
    mode: Pick<ResolvedMode, "name" | "kind" | "description">,
    counters: SimulationCounters,
    latency: LatencyHistogram,
    timeline: readonly TimelinePoint[],
    pricePerHour: number,
    days: number,
): ModeReport {
    const instanceHours = counters.instanceSeconds / 3600;
    return {
        name: mode.name,
        kind: mode.kind,
        description: mode.description,
        instanceHours,
        copyHours: counters.copySeconds / 3600,
        costUsd: instanceHours * pricePerHour,
        coldStarts: counters.coldStarts,
        coldStartsPerWeek: days > 0 ? (counters.coldStarts * 7) / days : 0,
        requests: counters.requests,
        served: counters.served,
        failed: counters.failed,
        delayed: counters.delayed,
        unservedAtEnd: counters.unservedAtEnd,
        failedInvocations: counters.failedInvocations,
        addedLatencySeconds: { p50: latency.quantile(0.5), p99: latency.quantile(0.99), max: latency.max },
        peakCopies: counters.peakCopies,
        peakInstances: counters.peakInstances,
        scaleOuts: counters.scaleOuts,
        scaleIns: counters.scaleIns,
        eventsProcessed: counters.eventsProcessed,
        timeline,
    };
}

/** Adds the saving against the first always-on mode to every report (left undefined if there is none). */
export function withSavings(reports: readonly ModeReport[]): ModeReport[] {
    const baseline = reports.find((r) => r.kind === "always-on");
    if (!baseline) {
        return [...reports];
    }
    return reports.map((r) => ({
        ...r,
        savingUsd: baseline.costUsd - r.costUsd,
        savingPercent: baseline.costUsd > 0 ? ((baseline.costUsd - r.costUsd) / baseline.costUsd) * 100 : 0,
    }));
}
