import { PlanResult } from "../plan";
import { PRICE_TABLE } from "../prices";
import { Recommendation } from "../recommend";

export interface JsonOptions {
    readonly stack?: string;
    /** Include each mode's downsampled timeline. Default false. */
    readonly timeline?: boolean;
}

const round = (n: number, digits = 4): number => Number(n.toFixed(digits));
const iso = (epoch: number): string => new Date(epoch * 1000).toISOString();

/** A plain, stable JSON document of a plan (numbers rounded to 4 decimals, instants as ISO-8601). */
export function planToJson(plan: PlanResult, options: JsonOptions = {}, recommendation?: Recommendation): Record<string, unknown> {
    const s = plan.settings;
    return {
        stack: options.stack,
        component: plan.componentKey,
        instance: {
            type: s.instance.instanceType,
            accelerators: s.instance.accelerators,
            pricePerHourUsd: s.instance.pricePerHour,
            priceSource: s.instance.priceSource,
            copiesPerInstance: s.copiesPerInstance,
            acceleratorCountPerCopy: s.acceleratorCount,
            minInstances: s.minInstances,
            maxInstances: s.maxInstances,
        },
        priceTable: PRICE_TABLE,
        scaling: s.scaling,
        timing: plan.timing,
        client: plan.client,
        traffic: {
            name: plan.traffic.name,
            requests: plan.traffic.requests,
            firstRequest: plan.traffic.firstRequest === undefined ? undefined : iso(plan.traffic.firstRequest),
            lastRequest: plan.traffic.lastRequest === undefined ? undefined : iso(plan.traffic.lastRequest),
            outsideWindow: plan.traffic.outsideWindow,
        },
        window: { start: iso(plan.window.start), end: iso(plan.window.end), days: round(plan.window.days) },
        latencyPrecision: plan.latencyPrecision,
        modes: plan.modes.map((m) => ({
            name: m.name,
            kind: m.kind,
            description: m.description,
            instanceHours: round(m.instanceHours),
            copyHours: round(m.copyHours),
            costUsd: round(m.costUsd, 2),
            savingUsd: m.savingUsd === undefined ? undefined : round(m.savingUsd, 2),
            savingPercent: m.savingPercent === undefined ? undefined : round(m.savingPercent, 1),
            coldStarts: m.coldStarts,
            coldStartsPerWeek: round(m.coldStartsPerWeek, 2),
            requests: m.requests,
            served: m.served,
            failed: m.failed,
            delayed: m.delayed,
            unservedAtEnd: m.unservedAtEnd,
            failedInvocations: m.failedInvocations,
            addedLatencySeconds: {
                p50: round(m.addedLatencySeconds.p50, 2),
                p99: round(m.addedLatencySeconds.p99, 2),
                max: round(m.addedLatencySeconds.max, 2),
            },
            peakCopies: m.peakCopies,
            peakInstances: m.peakInstances,
            scaleOuts: m.scaleOuts,
            scaleIns: m.scaleIns,
            eventsProcessed: m.eventsProcessed,
            instanceHoursByType: m.instanceHoursByType && Object.fromEntries(Object.entries(m.instanceHoursByType).map(([t, h]) => [t, round(h)])),
            timeline: options.timeline
                ? m.timeline.map((p) => ({ start: iso(p.start), requests: p.requests, failed: p.failed, copies: p.copies, instances: p.instances }))
                : undefined,
        })),
        unavailableInstanceTypes: plan.unavailableInstanceTypes,
        rollingUpdate: plan.rollingUpdate && {
            ...plan.rollingUpdate,
            estimate: { ...plan.rollingUpdate.estimate, durationSeconds: round(plan.rollingUpdate.estimate.durationSeconds) },
        },
        recommendation: recommendation
            ? { mode: recommendation.mode?.name, reason: recommendation.reason, rejected: recommendation.rejected }
            : undefined,
    };
}
