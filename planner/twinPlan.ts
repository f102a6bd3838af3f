import { RecordedStack, TwinEvent, TwinRun, meanColdStart, recordStack } from "../twin";
import { ColdStartSampler, seedTrialColdStart } from "../twin/coldStart";
import { ClientBehaviour as TwinClient } from "../twin/clients";
import { INSTANCE_CAPACITY, InstanceCapacity } from "../twin/instanceTypes";
import { ResolvedClient, resolveClient, retryDelaySeconds } from "./client";
import { PLANNER_DEFAULTS } from "./defaults";
import { LatencyHistogram } from "./histogram";
import { modeName, standardModes } from "./modes";
import { PlanOptions, PlanResult } from "./plan";
import { ModeReport, latencyPrecision, modeReport, withSavings } from "./report";
import { stackRollingUpdate } from "./rollingUpdate";
import { resolvePlannerSettings } from "./settings";
import { pickComponent, stackSettingsFromConfig } from "./stackSettings";
import { SimulationCounters } from "./simulator";
import { Timeline } from "./timeline";
import { TimingProfileName, resolveTimingProfile } from "./timingProfiles";
import { StackVariant, stackVariant } from "./twinModes";
import { TrafficRequest } from "./traffic/types";
import { instancePools, unavailableTypeProblems } from "./unavailableTypes";

/**
 * Inputs of a planning run on the twin: the stack itself (name and `config:` map) instead of its settings; the
 * other fields are `planScaleToZero`'s. Timing profiles give the instance and copy start times; the metric and
 * alarm fields of a profile are the twin's own semantics (docs/twin.md) and are not read.
 */
export interface TwinPlanOptions extends Omit<PlanOptions, "endpoint" | "component" | "onEvent"> {
    /** Stack name (for the program run, e.g. dev-stack rules). */
    readonly stack: string;
    /** The stack's `config:` map (Pulumi.<stack>.yaml). */
    readonly config: Record<string, unknown>;
    /** Draw cold starts from the seed's five trials with this seed (named profiles only) instead of the mean. */
    readonly coldStartSeed?: number;
    /**
     * Scenario: instance types with no capacity during the run, each one of the stack's pools. A launch then uses
     * the next pool (`fallbackInstanceTypes`), or waits when none is left. Default: none.
     */
    readonly unavailableInstanceTypes?: readonly string[];
}

const PROGRESS_EVERY = 1 << 16;
const DAY = 86_400;

/** One mode's twin and what the report needs from its events. */
class ModeTwin {
    readonly latency: LatencyHistogram;
    readonly timeline: Timeline;
    readonly run: TwinRun;
    private serving = 0;
    private instances = 0;
    private desired = 0;
    coldStarts = 0;
    scaleOuts = 0;
    scaleIns = 0;
    peakCopies = 0;
    peakInstances = 0;

    constructor(
        readonly variant: StackVariant,
        resources: RecordedStack,
        readonly component: string,
        start: number,
        end: number,
        options: {
            coldStart: ColdStartSampler;
            client: TwinClient;
            startCold: boolean;
            points: number;
            width: number;
            instanceCapacity: Record<string, InstanceCapacity>;
            unavailableInstanceTypes: readonly string[];
        },
    ) {
        const l = PLANNER_DEFAULTS.latency;
        this.latency = new LatencyHistogram(l.minSeconds, l.maxSeconds, l.relativeAccuracy);
        this.timeline = new Timeline(start, options.points, options.width);
        const endpoint = resources.endpointName;
        this.run = new TwinRun(resources.resources, {
            start,
            end,
            keepOutcomes: false,
            keepEvents: false,
            coldStart: options.coldStart,
            client: options.client,
            startCold: options.startCold,
            instanceCapacity: options.instanceCapacity,
            unavailableInstanceTypes: options.unavailableInstanceTypes,
            onServed: (_time, wait) => this.latency.record(wait),
            onFailed: (time) => this.timeline.addFailure(time),
            onEvent: (e) => this.onEvent(e, endpoint),
        });
    }

    private onEvent(e: TwinEvent, endpoint: string): void {
        if (e.kind === "desired" && e.subject === this.component && typeof e.value === "number") {
            if (e.value > this.desired) {
                this.scaleOuts++;
                // A wake-up: from zero, by the wake-up policy or the client (not a schedule or the target's min).
                if (this.desired === 0 && e.source !== undefined && !/schedule|scalable-target/.test(e.source)) {
                    this.coldStarts++;
                }
            } else {
                this.scaleIns++;
            }
            this.desired = e.value;
        } else if (e.kind === "serving" && e.subject === this.component && typeof e.value === "number") {
            this.serving = e.value;
            this.peakCopies = Math.max(this.peakCopies, e.value);
        } else if (e.kind === "instances" && e.subject === endpoint && typeof e.value === "number") {
            this.instances = e.value;
            this.peakInstances = Math.max(this.peakInstances, e.value);
        } else {
            return;
        }
        this.timeline.setLevels(e.time, this.serving, this.instances);
    }
}

/**
 * Plans on the twin: every mode is a configuration variant of the stack (`stackVariant`; `configured` is the stack
 * itself), put through the stack program and executed by the twin over one pass of the traffic. Same report shape
 * as `planScaleToZero` (table, JSON, SVG, recommend).
 */
export async function planOnTwin(options: TwinPlanOptions): Promise<PlanResult> {
    const settingsOfStack = stackSettingsFromConfig(options.config, `stack ${options.stack}`);
    const { key, component } = pickComponent(settingsOfStack, options.componentKey);
    const settings = resolvePlannerSettings(settingsOfStack.endpoint, component, { prices: options.prices, accelerators: options.accelerators });
    const unavailable = options.unavailableInstanceTypes ?? [];
    const unavailableProblems = unavailableTypeProblems(unavailable, instancePools(settingsOfStack.endpoint), "unavailableInstanceTypes");
    if (unavailableProblems.length > 0) {
        throw new Error(unavailableProblems.join("; "));
    }
    const timing = resolveTimingProfile(options.timing ?? PLANNER_DEFAULTS.profile, options.timingOverrides);
    const client = resolveClient(options.client);
    const modes = options.modes ?? standardModes();
    const names = modes.map(modeName);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) {
        throw new Error(`two modes are named ${duplicate}: give them distinct names`);
    }
    const variants = modes.map((m) => stackVariant(options.config, key, m, modeName(m) === "configured"));
    const recorded: RecordedStack[] = [];
    for (const v of variants) {
        try {
            recorded.push(await recordStack(options.stack, v.config));
        } catch (error) {
            throw new Error(`mode ${v.name}: ${(error as Error).message}`);
        }
    }
    const window = options.traffic.window;
    let start = options.start ?? window?.start;
    let end = start !== undefined ? (options.days !== undefined ? start + options.days * DAY : window?.end) : undefined;
    let twins: ModeTwin[] | undefined;
    const create = (s: number) => {
        const provisionalEnd = end ?? s + 366 * DAY;
        const points = options.timelinePoints ?? PLANNER_DEFAULTS.timelinePoints;
        const width = end !== undefined ? Math.max(1, (end - s) / points) : 60;
        const coldStart =
            options.coldStartSeed !== undefined && typeof options.timing !== "object" && Object.keys(options.timingOverrides ?? {}).length === 0
                ? seedTrialColdStart((options.timing ?? PLANNER_DEFAULTS.profile) as TimingProfileName, options.coldStartSeed)
                : meanColdStart(timing);
        return variants.map(
            (v, i) =>
                new ModeTwin(v, recorded[i], recorded[i].componentNames[key], s, provisionalEnd, {
                    coldStart,
                    client: twinClient(client),
                    startCold: options.startCold ?? PLANNER_DEFAULTS.startCold,
                    points,
                    width,
                    instanceCapacity: capacityOf(settings.instance.instanceType, settings.instance.accelerators),
                    unavailableInstanceTypes: unavailable,
                }),
        );
    };
    if (start !== undefined) {
        twins = create(start);
    }
    let count = 0;
    let first: number | undefined;
    let last = -Infinity;
    let outside = 0;
    const feed = (request: TrafficRequest) => {
        count++;
        if (!(request.time >= last)) {
            throw new Error(`traffic ${options.traffic.name} request ${count}: time ${request.time} is earlier than the previous request (${last}): requests must be sorted`);
        }
        last = request.time;
        first ??= request.time;
        if (start === undefined) {
            start = Math.floor(request.time / DAY) * DAY;
            end = options.days !== undefined ? start + options.days * DAY : undefined;
            twins = create(start);
        }
        if (request.time < start || (end !== undefined && request.time >= end)) {
            outside++;
            return;
        }
        for (const t of twins!) {
            t.timeline.addRequest(request.time);
            t.run.feed({ time: request.time, component: t.component, durationSeconds: request.duration, client: client.kind === "hold" ? "hold" : "retry" });
        }
        if (options.onProgress && count % PROGRESS_EVERY === 0) {
            options.onProgress({ requests: count, time: request.time, fraction: end !== undefined ? (request.time - start) / (end - start) : undefined });
        }
    };
    const requests = options.traffic.requests;
    if (Symbol.asyncIterator in requests) {
        for await (const r of requests as AsyncIterable<TrafficRequest>) {
            feed(r);
        }
    } else {
        for (const r of requests as Iterable<TrafficRequest>) {
            feed(r);
        }
    }
    if (start === undefined || twins === undefined) {
        throw new Error(`traffic ${options.traffic.name}: no requests, and no window to simulate`);
    }
    const windowEnd = end ?? start + Math.max(1, Math.ceil((last - start) / DAY + 1e-9)) * DAY;
    const days = (windowEnd - start) / DAY;
    const reports = twins.map((t, i) => modeReportOf(t, recorded[i].endpointName, windowEnd, settings.instance.pricePerHour, days));
    return {
        componentKey: key,
        settings,
        timing,
        client,
        traffic: { name: options.traffic.name, requests: count, firstRequest: first, lastRequest: first === undefined ? undefined : last, outsideWindow: outside },
        window: { start, end: windowEnd, days },
        latencyPrecision: latencyPrecision(twins[0].latency),
        modes: withSavings(reports),
        unavailableInstanceTypes: unavailable.length > 0 ? unavailable : undefined,
        rollingUpdate: stackRollingUpdate(component, settings, timing),
    };
}

function modeReportOf(t: ModeTwin, endpoint: string, end: number, pricePerHour: number, days: number): ModeReport {
    const result = t.run.finish(end);
    const s = result.summary;
    const counters: SimulationCounters = {
        requests: s.requests,
        served: s.servedAtOnce + s.delayed,
        failed: s.failed,
        delayed: s.delayed,
        unservedAtEnd: s.unservedAtEnd,
        failedInvocations: s.failedCalls,
        coldStarts: t.coldStarts,
        scaleOuts: t.scaleOuts,
        scaleIns: t.scaleIns,
        instanceSeconds: result.instanceSeconds[endpoint] ?? 0,
        copySeconds: result.copySeconds,
        peakCopies: t.peakCopies,
        peakInstances: t.peakInstances,
        eventsProcessed: s.ticks,
    };
    const byType = Object.entries(result.instanceSecondsByType[endpoint] ?? {}).map(([type, seconds]) => [type, seconds / 3600]);
    return { ...modeReport(t.variant, counters, t.latency, t.timeline.points(end), pricePerHour, days), instanceHoursByType: Object.fromEntries(byType) };
}

/**
 * An instance type the twin's table lacks is known to the planner by its accelerators only (`--accelerators`):
 * copies are then placed by accelerators alone.
 */
function capacityOf(instanceType: string, accelerators: number): Record<string, InstanceCapacity> {
    const known = INSTANCE_CAPACITY[instanceType];
    return { [instanceType]: known ?? { accelerators, cpuCores: Infinity, memoryMiB: Infinity } };
}

/** The planner's client behaviour in the twin's terms (a failing client is a retrying one with one attempt). */
function twinClient(client: ResolvedClient): TwinClient {
    return {
        retryDelaySeconds: (retry) => retryDelaySeconds(client, retry),
        maxAttempts: client.kind === "hold" ? Infinity : client.maxAttempts,
        pollSeconds: 10,
        deadlineSeconds: client.kind === "hold" ? client.deadlineSeconds : Infinity,
        wakesEndpoint: client.wakesEndpoint,
    };
}
