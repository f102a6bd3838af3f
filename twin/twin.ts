import { EventQueue } from "../planner/eventQueue";
import { AlarmEvaluator } from "./alarms";
import { DEFAULT_ASSUMPTIONS, TwinAssumptions } from "./assumptions";
import { Limits, StepPolicyTwin, TargetTrackingTwin, clamp } from "./autoScaling";
import { DEFAULT_CLIENT, ClientBehaviour, RequestOutcome, TwinRequest } from "./clients";
import { meanColdStart } from "./coldStart";
import { INSTANCE_CAPACITY } from "./instanceTypes";
import { HIGH_RESOLUTION, METRIC, MetricStore } from "./metrics";
import { TwinResource } from "./resources";
import { EndpointTwin } from "./sageMaker";
import { TimedAction, timedActions } from "./schedules";
import { COMPONENT_RESOURCE_PREFIX, StackModel, readStackModel } from "./stackModel";
import { TwinEvent, TwinOptions, TwinResult, TwinSummary } from "./types";

const TICK = HIGH_RESOLUTION;

/** Follow-up attempts of waiting clients: `send` calls InvokeEndpoint, `poll` only checks for a copy. */
const SEND = 0;
const POLL = 1;

/** Runs the stack's control loop over [start, end) on the given requests. */
export function runTwin(resources: readonly TwinResource[], options: TwinOptions): TwinResult {
    const run = new TwinRun(resources, options);
    for (const request of options.requests ?? []) {
        run.feed(request);
    }
    return run.finish();
}

/** The twin as a stream: `feed` requests in time order, then `finish` (one pass over a file for many twins). */
export class TwinRun {
    private readonly assumptions: TwinAssumptions;
    private readonly client: ClientBehaviour;
    private readonly metrics: MetricStore;
    private readonly endpoints = new Map<string, EndpointTwin>();
    private readonly endpointOf = new Map<string, EndpointTwin>();
    private readonly limits = new Map<string, Limits>();
    private readonly stepPolicies = new Map<string, StepPolicyTwin>();
    private readonly tracking: { twin: TargetTrackingTwin; component: string }[] = [];
    private readonly alarms: AlarmEvaluator[] = [];
    private readonly timed: TimedAction[] = [];
    /** Requests fed but not yet handled (all at or after the current tick). */
    private readonly arrivals: TwinRequest[] = [];
    private arrivalIndex = 0;
    private lastArrivalTime = -Infinity;
    private now: number;
    private copySeconds = 0;
    private readonly hooks: Pick<TwinOptions, "onServed" | "onFailed" | "onEvent">;
    /** Waiting clients' next attempts; `a` is the key of the outcome in `waiting`. */
    private readonly followUps = new EventQueue();
    private readonly waiting = new Map<number, RequestOutcome>();
    private nextKey = 0;
    private readonly keepOutcomes: boolean;
    private readonly keepEvents: boolean;
    private readonly summary: TwinSummary = {
        requests: 0,
        servedAtOnce: 0,
        delayed: 0,
        failed: 0,
        failedCalls: 0,
        maxWaitSeconds: 0,
        unservedAtEnd: 0,
        outsideWindow: 0,
        ticks: 0,
    };
    /** Last time a metric datapoint was written; after the longest alarm window without one, nothing can change. */
    private lastMetricTime = -Infinity;
    private readonly quietSeconds: number;
    private readonly inFlight = new Map<string, { start: number; end: number }[]>();
    private readonly events: TwinEvent[] = [];
    private readonly outcomes: RequestOutcome[] = [];
    private readonly last = new Map<string, number | string>();
    private readonly start: number;
    private end: number;

    private readonly model: StackModel;

    constructor(resources: readonly TwinResource[], options: Omit<TwinOptions, "requests">) {
        const model = readStackModel(resources);
        this.model = model;
        this.metrics = new MetricStore(options.onDatapoint);
        this.hooks = options;
        this.assumptions = { ...DEFAULT_ASSUMPTIONS, ...options.assumptions };
        this.client = { ...DEFAULT_CLIENT, ...options.client };
        this.start = Math.floor(options.start / TICK) * TICK;
        this.end = options.end;
        const coldStart = options.coldStart ?? meanColdStart("llama-3.1-8b");
        for (const e of model.endpoints) {
            const release = e.scaleIn?.cooldownMinutes !== undefined ? e.scaleIn.cooldownMinutes * 60 : (options.instanceReleaseSeconds ?? 600);
            const components = model.components.filter((c) => c.endpointName === e.name);
            const capacity = options.instanceCapacity?.[e.instanceType] ?? INSTANCE_CAPACITY[e.instanceType];
            const twin = new EndpointTwin(e, components, coldStart, release, this.start, options.startCold, capacity, {
                unavailableInstanceTypes: options.unavailableInstanceTypes,
                capacities: options.instanceCapacity,
                dataCacheCopyFactor: options.dataCacheCopyFactor,
            });
            twin.recordCopyStarts = options.keepEvents ?? true;
            this.endpoints.set(e.name, twin);
            components.forEach((c) => this.endpointOf.set(c.name, twin));
        }
        for (const t of model.targets) {
            this.limits.set(componentOf(t.resourceId), { min: t.minCapacity, max: t.maxCapacity });
        }
        model.stepPolicies.forEach((p) => this.stepPolicies.set(p.arn, new StepPolicyTwin(p)));
        for (const p of model.targetTracking) {
            this.tracking.push({ twin: new TargetTrackingTwin(p), component: componentOf(p.resourceId) });
        }
        const delay = options.publicationDelaySeconds ?? 0;
        model.alarms.forEach((a) => this.alarms.push(new AlarmEvaluator(a, this.metrics, delay)));
        this.scheduleTimedActions();
        this.keepOutcomes = options.keepOutcomes ?? true;
        this.keepEvents = options.keepEvents ?? true;
        // Longest look-back of any alarm, plus target tracking's 90 datapoints, plus the publication delay.
        const windows = model.alarms.map((a) => a.period * a.evaluationPeriods);
        this.quietSeconds = Math.max(900, ...windows) + delay + 2 * 60;
        this.now = this.start;
        // Registering a scalable target moves a desired count outside [min, max] into it.
        for (const [component, limits] of this.limits) {
            this.setDesired(component, clamp(this.desired(component), limits), this.start, "scalable-target");
        }
        this.observe(this.start);
    }

    /** Adds the next request (time order); runs the loop up to it. */
    feed(request: TwinRequest): void {
        if (!(request.time >= this.lastArrivalTime)) {
            throw new Error(`twin: requests must be in time order (${request.time} after ${this.lastArrivalTime})`);
        }
        this.lastArrivalTime = request.time;
        if (request.time < this.start || request.time >= this.end) {
            this.summary.outsideWindow++;
            return;
        }
        this.advance(request.time);
        this.arrivals.push(request);
    }

    /** Runs every tick before `until` (a request at `until` is handled by the tick at or after it). */
    private advance(until: number): void {
        while (this.now + TICK < until && this.now + TICK <= this.end) {
            this.step(this.skipQuietStretch(this.now + TICK, until));
        }
    }

    /** Runs to the end of the window (or to an earlier `end`, when the window was open-ended) and reports. */
    finish(end = this.end): TwinResult {
        this.end = Math.min(this.end, end);
        this.advance(this.end + TICK);
        return this.result();
    }

    private step(now: number): void {
        this.copySeconds += this.totalServing(this.now) * (now - this.now);
        if (Math.floor(now / 3600) !== Math.floor(this.now / 3600)) {
            this.metrics.prune(now - 2 * this.quietSeconds);
        }
        this.now = now;
        this.summary.ticks++;
        this.handleAttempts(now);
        this.sampleConcurrency(now);
        for (const e of this.endpoints.values()) {
            e.tick(now);
        }
        while (this.timed.length > 0 && this.timed[0].time <= now) {
            this.timed.shift()!.apply(now);
        }
        this.evaluateAlarms(now);
        this.runTargetTracking(now);
        this.observe(now);
    }

    private totalServing(time: number): number {
        let total = 0;
        for (const [component, endpoint] of this.endpointOf) {
            total += endpoint.servingCopies(component, time);
        }
        return total;
    }

    private result(): TwinResult {
        const instanceSeconds: Record<string, number> = {};
        const instanceSecondsByType: Record<string, Record<string, number>> = {};
        const copyStarts = [];
        for (const [name, e] of this.endpoints) {
            e.tick(this.end);
            instanceSeconds[name] = e.instanceSeconds;
            instanceSecondsByType[name] = { ...e.instanceSecondsByType };
            copyStarts.push(...e.copyStarts);
        }
        // Still waiting at the end: not served.
        this.summary.unservedAtEnd = this.waiting.size;
        this.summary.failed += this.waiting.size;
        return {
            outcomes: this.outcomes,
            summary: this.summary,
            events: this.events,
            instanceSeconds,
            instanceSecondsByType,
            copySeconds: this.copySeconds,
            copyStarts,
        };
    }

    /**
     * When nothing can change before the next request or scheduled action (no copy, no instance above the
     * minimum, nobody waiting, every alarm window past its last datapoint), jumps to the tick before it: idle
     * nights cost no work. Alarm states and instance-seconds are constant over the stretch.
     */
    private skipQuietStretch(now: number, nextArrival: number): number {
        if (this.followUps.size > 0 || now - this.lastMetricTime < this.quietSeconds) {
            return now;
        }
        for (const e of this.endpoints.values()) {
            if (!e.isQuiet()) {
                return now;
            }
        }
        if (this.arrivalIndex < this.arrivals.length) {
            return now;
        }
        const next = Math.min(nextArrival, this.timed[0]?.time ?? Infinity, this.end);
        // Land on a minute boundary strictly before it, so alarms and the event itself run on their own ticks.
        return Math.max(now, Math.floor((next - 1) / 60) * 60);
    }

    private scheduleTimedActions(): void {
        this.timed.push(
            ...timedActions(this.model, this.start, this.end, {
                // A scheduled action sets the limits; the desired count moves into them at once.
                scheduledAction: (a, now) => {
                    const component = componentOf(a.resourceId);
                    const limits = this.limits.get(component);
                    if (!limits) {
                        return;
                    }
                    limits.min = a.minCapacity ?? limits.min;
                    limits.max = a.maxCapacity ?? limits.max;
                    this.setDesired(component, clamp(this.desired(component), limits), now, a.name);
                },
                copyCountSchedule: (sch, now) => this.setDesired(sch.componentName, sch.copies, now, sch.name),
            }),
        );
    }

    private handleAttempts(now: number): void {
        for (;;) {
            const arrivalTime = this.arrivalIndex < this.arrivals.length ? this.arrivals[this.arrivalIndex].time : Infinity;
            const followUpTime = this.followUps.peekTime();
            if (Math.min(arrivalTime, followUpTime) > now) {
                return;
            }
            if (arrivalTime <= followUpTime) {
                const request = this.arrivals[this.arrivalIndex++];
                if (this.arrivalIndex === this.arrivals.length) {
                    this.arrivals.length = 0;
                    this.arrivalIndex = 0;
                }
                this.summary.requests++;
                const outcome: RequestOutcome = { request, failedCalls: 0 };
                if (this.keepOutcomes) {
                    this.outcomes.push(outcome);
                }
                this.attempt(request.time, outcome, SEND, undefined);
            } else {
                const event = this.followUps.pop();
                const key = event.a;
                const outcome = this.waiting.get(key)!;
                this.waiting.delete(key);
                this.attempt(event.time, outcome, event.kind, key);
            }
        }
    }

    private attempt(time: number, outcome: RequestOutcome, kind: number, key: number | undefined): void {
        const { component } = outcome.request;
        const endpoint = this.endpointOf.get(component);
        const serving = endpoint ? endpoint.servingCopies(component, time) : 0;
        if (serving > 0) {
            if (kind === POLL) {
                this.wait(time, outcome, SEND, key);
                return;
            }
            outcome.servedAt = time;
            const waited = time - outcome.request.time;
            this.hooks.onServed?.(time, waited);
            if (waited > 0) {
                this.summary.delayed++;
                this.summary.maxWaitSeconds = Math.max(this.summary.maxWaitSeconds, waited);
            } else {
                this.summary.servedAtOnce++;
            }
            this.countMetric(METRIC.invocations, component, time);
            const list = this.inFlight.get(component) ?? [];
            list.push({ start: time, end: time + (outcome.request.durationSeconds ?? 2) });
            this.inFlight.set(component, list);
            return;
        }
        if (kind === SEND) {
            outcome.failedCalls++;
            this.summary.failedCalls++;
            this.countMetric(METRIC.failures, component, time);
            if (this.assumptions.failuresCountAsInvocations) {
                this.countMetric(METRIC.invocations, component, time);
            }
        }
        const retry = outcome.request.client === "retry";
        if (!retry && kind === SEND && outcome.failedCalls === 1 && this.client.wakesEndpoint && this.desired(component) === 0) {
            this.setDesired(component, 1, time, "client-wake");
        }
        const next = time + (retry ? this.client.retryDelaySeconds(outcome.failedCalls) : this.client.pollSeconds);
        const attemptsLeft = !retry || outcome.failedCalls < this.client.maxAttempts;
        if (attemptsLeft && next - outcome.request.time <= this.client.deadlineSeconds) {
            this.wait(next, outcome, retry ? SEND : POLL, key);
        } else {
            this.summary.failed++;
            this.hooks.onFailed?.(time);
        }
    }

    private wait(time: number, outcome: RequestOutcome, kind: number, key: number | undefined): void {
        const k = key ?? this.nextKey++;
        this.waiting.set(k, outcome);
        this.followUps.push(time, kind, k);
    }

    private countMetric(metric: string, component: string, time: number): void {
        this.metrics.count(metric, component, time);
        this.lastMetricTime = time;
    }

    /** One ConcurrentRequestsPerCopy datapoint per component for the 10 s ending at `now`. */
    private sampleConcurrency(now: number): void {
        for (const [component, endpoint] of this.endpointOf) {
            const serving = endpoint.servingCopies(component, now);
            const starting = this.assumptions.perCopyMetricsWhileStarting === "zero" ? endpoint.placedCopies(component) : 0;
            const flights = (this.inFlight.get(component) ?? []).filter((f) => f.end > now - TICK);
            this.inFlight.set(component, flights);
            if (serving === 0 && starting === 0) {
                continue;
            }
            const counted = this.assumptions.concurrencySeesEveryRequest
                ? flights.filter((f) => f.start < now).length
                : flights.filter((f) => f.start <= now && f.end > now).length;
            this.metrics.sample(METRIC.concurrency, component, now - TICK, serving === 0 ? 0 : counted / serving);
            this.lastMetricTime = now;
        }
    }

    private evaluateAlarms(now: number): void {
        for (const alarm of this.alarms) {
            if (now % Math.min(alarm.alarm.period, 60) !== 0) {
                continue;
            }
            const before = alarm.state;
            const { state, value } = alarm.evaluate(now);
            if (state !== before) {
                this.emit({ time: now, kind: "alarm", subject: alarm.alarm.name, value: state });
            }
            if (state !== "ALARM" || !alarm.alarm.actionsEnabled) {
                continue;
            }
            // Application Auto Scaling actions run again at every evaluation while the alarm stays in ALARM.
            for (const arn of alarm.alarm.actions) {
                const policy = this.stepPolicies.get(arn);
                if (!policy) {
                    continue;
                }
                const component = componentOf(policy.policy.resourceId);
                const limits = this.limits.get(component);
                if (!limits) {
                    continue;
                }
                const decision = policy.decide(
                    now,
                    this.desired(component),
                    value,
                    { threshold: alarm.alarm.threshold, below: alarm.alarm.comparison.startsWith("Less") },
                    limits,
                    this.assumptions.allMissingStep,
                );
                if (decision !== undefined) {
                    this.setDesired(component, decision, now, policy.policy.name);
                }
            }
        }
    }

    private runTargetTracking(now: number): void {
        for (const { twin, component } of this.tracking) {
            const limits = this.limits.get(component);
            const endpoint = this.endpointOf.get(component);
            if (!limits || !endpoint) {
                continue;
            }
            const value = this.metrics.query(METRIC.concurrency, component, "Maximum", now - TICK, TICK);
            const decision = twin.decide(now, this.desired(component), endpoint.servingCopies(component, now), value, limits);
            if (decision !== undefined) {
                this.setDesired(component, decision, now, twin.policy.name);
            }
        }
    }

    private emit(event: TwinEvent): void {
        if (this.keepEvents) {
            this.events.push(event);
        }
        this.hooks.onEvent?.(event);
    }

    private desired(component: string): number {
        return this.endpointOf.get(component)?.desiredCopies(component) ?? 0;
    }

    private setDesired(component: string, copies: number, now: number, source: string): void {
        const endpoint = this.endpointOf.get(component);
        if (!endpoint || endpoint.desiredCopies(component) === copies) {
            return;
        }
        endpoint.setDesired(component, copies, now);
        this.emit({ time: now, kind: "desired", subject: component, value: copies, source });
        this.last.set(`desired:${component}`, copies);
    }

    private observe(now: number): void {
        for (const [name, e] of this.endpoints) {
            this.change(now, "instances", name, e.instanceCount());
            for (const c of e.components) {
                this.change(now, "serving", c.name, e.servingCopies(c.name, now));
            }
        }
    }

    private change(now: number, kind: "serving" | "instances", subject: string, value: number): void {
        const key = `${kind}:${subject}`;
        if (this.last.get(key) !== value) {
            this.last.set(key, value);
            this.emit({ time: now, kind, subject, value });
        }
    }
}

function componentOf(resourceId: string): string {
    return resourceId.startsWith(COMPONENT_RESOURCE_PREFIX) ? resourceId.slice(COMPONENT_RESOURCE_PREFIX.length) : resourceId;
}
