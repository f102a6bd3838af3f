import { EndpointArgs, InferenceComponentArgs } from "../components/args";
import { ClientBehaviour, ResolvedClient, resolveClient } from "./client";
import { PLANNER_DEFAULTS } from "./defaults";
import { LatencyHistogram } from "./histogram";
import { PlannerMode, ResolvedMode, resolveMode, standardModes } from "./modes";
import { ModeReport, latencyPrecision, modeReport, withSavings } from "./report";
import { StackRollingUpdate } from "./rollingUpdate";
import { PlannerSettings, resolvePlannerSettings } from "./settings";
import { ModeSimulator, ScalingEvent } from "./simulator";
import { Timeline } from "./timeline";
import { TimingOverrides, TimingProfile, TimingProfileName, resolveTimingProfile } from "./timingProfiles";
import { Traffic, TrafficRequest } from "./traffic/types";

/** Inputs of a planning run. Everything but the stack settings and the traffic has a default. */
export interface PlanOptions {
    /** The stack's endpoint settings (instance type, instance counts). */
    readonly endpoint: EndpointArgs;
    /** The inference component to plan (compute, scaling). */
    readonly component: InferenceComponentArgs;
    /** Its key in the stack, for reports. */
    readonly componentKey?: string;
    /** Requests, in time order. */
    readonly traffic: Traffic;
    /** Window start, epoch seconds. Default: the traffic's window, else UTC midnight before the first request. */
    readonly start?: number;
    /** Window length in days. Default: the traffic's window, else whole days up to the last request. */
    readonly days?: number;
    /** Timing profile name or object. Default `llama-3.1-8b`. */
    readonly timing?: TimingProfileName | TimingProfile;
    /** Per-model timing overrides (e.g. a slower copy start). */
    readonly timingOverrides?: TimingOverrides;
    /** Modes to compare. Default `standardModes()`. */
    readonly modes?: readonly PlannerMode[];
    /** Client behaviour when no copy serves. Default: hold up to 600 s. */
    readonly client?: ClientBehaviour;
    /** USD per hour by instance type, overriding the built-in table. */
    readonly prices?: Readonly<Record<string, number>>;
    /** Accelerators by instance type, for types missing from the built-in table. */
    readonly accelerators?: Readonly<Record<string, number>>;
    /** Start with no copy instead of as just deployed. Default false. */
    readonly startCold?: boolean;
    /** Points of each mode's downsampled timeline. Default 600. */
    readonly timelinePoints?: number;
    /** Called every 65,536 requests. */
    readonly onProgress?: (progress: PlanProgress) => void;
    /** Called for every scaling change of every mode (tests, traces). */
    readonly onEvent?: (mode: string, event: ScalingEvent) => void;
}

export interface PlanProgress {
    readonly requests: number;
    /** Simulated time reached, epoch seconds. */
    readonly time: number;
    /** Share of the window done, when the window end is known. */
    readonly fraction?: number;
}

/** Result of a planning run: one report per mode, and what they were computed from. */
export interface PlanResult {
    readonly componentKey?: string;
    readonly settings: PlannerSettings;
    readonly timing: TimingProfile;
    readonly client: ResolvedClient;
    readonly traffic: {
        readonly name: string;
        readonly requests: number;
        readonly firstRequest?: number;
        readonly lastRequest?: number;
        /** Requests before the window start or at/after its end (not simulated). */
        readonly outsideWindow: number;
    };
    readonly window: { readonly start: number; readonly end: number; readonly days: number };
    readonly latencyPrecision: string;
    readonly modes: readonly ModeReport[];
    /** Instance types the scenario made unavailable (twin plans only; planOnTwin's `unavailableInstanceTypes`). */
    readonly unavailableInstanceTypes?: readonly string[];
    /** The rolling-update estimate, when the component has `rollingUpdate` (twin plans only). */
    readonly rollingUpdate?: StackRollingUpdate;
}

const PROGRESS_EVERY = 1 << 16;

/**
 * Feeds one pass of traffic to every mode's simulator at once, so a file is read once whatever the number of
 * modes. Checks the order and values of requests that did not come from the CSV parser (which checks its own).
 */
class PlanRun {
    private readonly settings: PlannerSettings;
    private readonly timing: TimingProfile;
    private readonly client: ResolvedClient;
    private readonly modes: ResolvedMode[];
    private simulators: ModeSimulator[] = [];
    private histograms: LatencyHistogram[] = [];
    private timelines: Timeline[] = [];
    private start: number | undefined;
    private end: number | undefined;
    private count = 0;
    private outside = 0;
    private first: number | undefined;
    private last = -Infinity;

    constructor(private readonly options: PlanOptions) {
        this.settings = resolvePlannerSettings(options.endpoint, options.component, {
            prices: options.prices,
            accelerators: options.accelerators,
        });
        this.timing = resolveTimingProfile(options.timing ?? PLANNER_DEFAULTS.profile, options.timingOverrides);
        this.client = resolveClient(options.client);
        const modes = options.modes ?? standardModes();
        if (modes.length === 0) {
            throw new Error("no modes to compare");
        }
        this.modes = modes.map((m) => resolveMode(m, this.settings));
        const names = new Set<string>();
        for (const mode of this.modes) {
            if (names.has(mode.name)) {
                throw new Error(`two modes are named ${mode.name}: give them distinct names`);
            }
            names.add(mode.name);
        }
        if (options.days !== undefined && !(options.days > 0)) {
            throw new Error(`days must be > 0 (got ${options.days})`);
        }
        const window = options.traffic.window;
        this.start = options.start ?? window?.start;
        if (this.start !== undefined) {
            this.end = options.days !== undefined ? this.start + options.days * 86_400 : window?.end;
            this.createSimulators(this.start);
        }
    }

    feed(request: TrafficRequest): void {
        const { time, duration } = request;
        this.count++;
        if (!(time >= this.last)) {
            throw new Error(
                `traffic ${this.options.traffic.name} request ${this.count}: time ${time} is ` +
                    (Number.isFinite(time) ? `earlier than the previous request (${this.last}): requests must be sorted` : "not a number"),
            );
        }
        if (!(duration >= 0) || !Number.isFinite(duration)) {
            throw new Error(`traffic ${this.options.traffic.name} request ${this.count}: duration ${duration} must be a number ≥ 0`);
        }
        this.last = time;
        if (this.first === undefined) {
            this.first = time;
        }
        if (this.start === undefined) {
            this.start = Math.floor(time / 86_400) * 86_400;
            this.end = this.options.days !== undefined ? this.start + this.options.days * 86_400 : undefined;
            this.createSimulators(this.start);
        }
        if (time < this.start || (this.end !== undefined && time >= this.end)) {
            this.outside++;
            return;
        }
        const simulators = this.simulators;
        for (let i = 0; i < simulators.length; i++) {
            simulators[i].arrive(time, duration);
        }
        if (this.options.onProgress && this.count % PROGRESS_EVERY === 0) {
            this.options.onProgress({
                requests: this.count,
                time,
                fraction: this.end !== undefined ? (time - this.start) / (this.end - this.start) : undefined,
            });
        }
    }

    finish(): PlanResult {
        if (this.start === undefined) {
            throw new Error(`traffic ${this.options.traffic.name}: no requests, and no window to simulate`);
        }
        const start = this.start;
        const end = this.end ?? start + Math.max(1, Math.ceil((this.last - start) / 86_400 + 1e-9)) * 86_400;
        const days = (end - start) / 86_400;
        const reports = this.modes.map((mode, i) => {
            const counters = this.simulators[i].finish(end);
            return modeReport(mode, counters, this.histograms[i], this.timelines[i].points(end), this.settings.instance.pricePerHour, days);
        });
        return {
            componentKey: this.options.componentKey,
            settings: this.settings,
            timing: this.timing,
            client: this.client,
            traffic: {
                name: this.options.traffic.name,
                requests: this.count,
                firstRequest: this.first,
                lastRequest: this.first === undefined ? undefined : this.last,
                outsideWindow: this.outside,
            },
            window: { start, end, days },
            latencyPrecision: latencyPrecision(this.histograms[0]),
            modes: withSavings(reports),
        };
    }

    private createSimulators(start: number): void {
        const l = PLANNER_DEFAULTS.latency;
        for (const mode of this.modes) {
            const latency = new LatencyHistogram(l.minSeconds, l.maxSeconds, l.relativeAccuracy);
            const points = this.options.timelinePoints ?? PLANNER_DEFAULTS.timelinePoints;
            // A known window gets evenly sized points; otherwise points start at a minute and merge as time runs.
            const width = this.end !== undefined ? Math.max(1, (this.end - start) / points) : 60;
            const timeline = new Timeline(start, points, width);
            const onEvent = this.options.onEvent;
            this.histograms.push(latency);
            this.timelines.push(timeline);
            this.simulators.push(
                new ModeSimulator({
                    settings: this.settings,
                    mode,
                    timing: this.timing,
                    client: this.client,
                    start,
                    startCold: this.options.startCold ?? PLANNER_DEFAULTS.startCold,
                    latency,
                    timeline,
                    onEvent: onEvent ? (event) => onEvent(mode.name, event) : undefined,
                }),
            );
        }
    }
}

/** Simulates every mode over the traffic (read once, streamed) and reports cost, cold starts and latency. */
export async function planScaleToZero(options: PlanOptions): Promise<PlanResult> {
    const run = new PlanRun(options);
    const requests = options.traffic.requests;
    if (Symbol.asyncIterator in requests) {
        for await (const request of requests as AsyncIterable<TrafficRequest>) {
            run.feed(request);
        }
    } else {
        for (const request of requests as Iterable<TrafficRequest>) {
            run.feed(request);
        }
    }
    return run.finish();
}

/** Synchronous `planScaleToZero` for generated (synchronous) traffic. */
export function planScaleToZeroSync(options: PlanOptions): PlanResult {
    const requests = options.traffic.requests;
    if (Symbol.asyncIterator in requests) {
        throw new Error("planScaleToZeroSync needs synchronous traffic (a generator); use planScaleToZero for files");
    }
    const run = new PlanRun(options);
    for (const request of requests as Iterable<TrafficRequest>) {
        run.feed(request);
    }
    return run.finish();
}
