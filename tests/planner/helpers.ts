import { EndpointArgs, InferenceComponentArgs } from "../../components/args";
import { ClientBehaviour } from "../../planner/client";
import { PlannerMode } from "../../planner/modes";
import { PlanOptions, PlanResult, planScaleToZeroSync } from "../../planner/plan";
import { ModeReport } from "../../planner/report";
import { ScalingEvent } from "../../planner/simulator";
import { TimingProfileName } from "../../planner/timingProfiles";
import { TrafficRequest } from "../../planner/traffic/types";

/** Monday 2025-01-06 00:00 UTC, epoch seconds. */
export const MONDAY = Date.UTC(2025, 0, 6) / 1000;
export const HOUR = 3600;
export const DAY = 86_400;
export const MINUTE = 60;

/** The dev stack's settings: ml.g5.2xlarge ($1.515/h, 1 GPU), one copy per instance, 0–2 copies. */
export const DEV_ENDPOINT: EndpointArgs = { instanceType: "ml.g5.2xlarge", minInstanceCount: 0, maxInstanceCount: 2 };
export const DEV_COMPONENT: InferenceComponentArgs = {
    model: { image: "example" },
    compute: { acceleratorCount: 1, memoryMiB: 16_384 },
    scaling: { minCopies: 0, maxCopies: 2, targetConcurrentRequestsPerCopy: 5 },
};

export interface Run {
    readonly plan: PlanResult;
    /** Scaling events by mode name. */
    readonly events: Map<string, ScalingEvent[]>;
    mode(name: string): ModeReport;
    /** Minutes from `from` to the first event of `kind` (after `from`) in `mode`. */
    minutesUntil(mode: string, kind: ScalingEvent["kind"], from: number): number;
}

export interface SimulateOptions extends Partial<Omit<PlanOptions, "traffic" | "modes">> {
    readonly modes?: readonly PlannerMode[];
    readonly days?: number;
    readonly client?: ClientBehaviour;
    readonly timing?: TimingProfileName;
}

/** Simulates explicit requests over `days` days from MONDAY (default 1) with the dev settings unless overridden. */
export function simulate(requests: readonly TrafficRequest[], options: SimulateOptions = {}): Run {
    const events = new Map<string, ScalingEvent[]>();
    const days = options.days ?? 1;
    const plan = planScaleToZeroSync({
        endpoint: DEV_ENDPOINT,
        component: DEV_COMPONENT,
        modes: options.modes ?? [{ kind: "target-tracking", name: "tt" }],
        ...options,
        traffic: { name: "test", requests, window: { start: MONDAY, end: MONDAY + days * DAY } },
        onEvent: (mode, event) => {
            const list = events.get(mode) ?? [];
            list.push(event);
            events.set(mode, list);
        },
    });
    return {
        plan,
        events,
        mode(name: string): ModeReport {
            const found = plan.modes.find((m) => m.name === name);
            if (!found) {
                throw new Error(`no mode ${name}`);
            }
            return found;
        },
        minutesUntil(mode: string, kind: ScalingEvent["kind"], from: number): number {
            const event = (events.get(mode) ?? []).find((e) => e.kind === kind && e.time >= from);
            if (!event) {
                throw new Error(`no ${kind} event in ${mode} after ${from}`);
            }
            return (event.time - from) / 60;
        },
    };
}

/** `count` requests every `gapSeconds` from `start`, each lasting `duration` seconds. */
export function evenly(start: number, count: number, gapSeconds: number, duration = 1): TrafficRequest[] {
    return Array.from({ length: count }, (_, i) => ({ time: start + i * gapSeconds, duration }));
}
