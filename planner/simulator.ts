import { ResolvedClient, retryDelaySeconds } from "./client";
import { ConcurrencyMetric, EPSILON } from "./concurrencyMetric";
import { EventQueue, NumberHeap, NumberQueue, QueuedEvent } from "./eventQueue";
import { LatencyHistogram } from "./histogram";
import { ResolvedMode } from "./modes";
import { PlannerSettings } from "./settings";
import { Timeline } from "./timeline";
import { TimingProfile } from "./timingProfiles";

/** A change of the simulated endpoint, for tests and traces (`onEvent`). */
export interface ScalingEvent {
    readonly time: number;
    readonly kind: ScalingEventKind;
    /** Copy count the scaling policies ask for (serving + starting + waiting for an instance). */
    readonly desiredCopies: number;
    readonly servingCopies: number;
    /** Instances billed: ready or starting. */
    readonly instances: number;
}

export type ScalingEventKind =
    | "wake-up"
    | "scale-out"
    | "scale-in"
    | "idle-timeout"
    | "schedule"
    | "copy-ready"
    | "instance-ready"
    | "instance-released";

/** Everything one simulation run needs. */
export interface SimulatorOptions {
    readonly settings: PlannerSettings;
    readonly mode: ResolvedMode;
    readonly timing: TimingProfile;
    readonly client: ResolvedClient;
    /** Simulation start, epoch seconds. */
    readonly start: number;
    /** Start with 0 copies and `minInstances` instances instead of as just deployed. */
    readonly startCold: boolean;
    readonly latency: LatencyHistogram;
    readonly timeline?: Timeline;
    readonly onEvent?: (event: ScalingEvent) => void;
}

/** Counters of one finished run (latency and timeline stay in the objects passed in). */
export interface SimulationCounters {
    readonly requests: number;
    readonly served: number;
    /** Requests lost: failed at once, retries exhausted, hold deadline passed, or still waiting at the end. */
    readonly failed: number;
    /** Requests served after waiting for a copy (cold start or capacity not yet there). */
    readonly delayed: number;
    /** Requests still waiting for a copy when the window ended (included in `failed`). */
    readonly unservedAtEnd: number;
    /** InvokeEndpoint calls that found no copy (the wake-up alarm's metric). */
    readonly failedInvocations: number;
    /** Wake-ups from zero copies by the wake-up alarm. */
    readonly coldStarts: number;
    readonly scaleOuts: number;
    readonly scaleIns: number;
    readonly instanceSeconds: number;
    readonly copySeconds: number;
    readonly peakCopies: number;
    readonly peakInstances: number;
    /** Queued events handled (scaling, metric periods, retries): proof that idle time costs nothing. */
    readonly eventsProcessed: number;
}

const COPY_READY = 0;
const INSTANCE_READY = 1;
const INSTANCE_RELEASE = 2;
const METRIC_TICK = 3;
const WAKE_UP_ALARM = 4;
const IDLE_CHECK = 5;
const SCHEDULE_ACTION = 6;
const RETRY = 7;

/**
 * Event-driven simulation of one inference component under one mode. Time jumps from event to event (request
 * arrivals and completions, metric periods only while something can change, alarms, instance and copy start-ups,
 * releases, schedules, retries); an idle week costs a handful of events.
 *
 * Modelled (defaults = seed measurements, see timingProfiles.ts):
 * - target tracking on concurrent requests per copy (concurrencyMetric.ts: 10-s datapoints of the time-averaged
 *   in-flight requests per serving copy); scale out when 3 consecutive datapoints are above target (to ceil(load / target)), scale in when
 *   90 are below (to ceil(peak load of those 15 min / target), never below the mode's floor), scale-in cooldown;
 * - the wake-up path: a request finding no copy is a NoCapacityInvocationFailure; the alarm fires alarm period ×
 *   datapoints later and its step policy adds 1 copy (wake-up cooldown respected);
 * - instances: copies per instance = instance accelerators / acceleratorCount; a copy waits for an instance
 *   (instance start time), then starts (copy start time); an instance without copies is released after the
 *   release delay unless at minInstanceCount; copies and instances capped at their maximums;
 * - clients: fail, retry with backoff, or hold with a deadline.
 */
export class ModeSimulator {
    private readonly events = new EventQueue();
    private readonly completions = new NumberHeap();
    /** Held requests, two numbers each: arrival time, duration. */
    private readonly held = new NumberQueue();
    private now: number;

    // Configuration, flattened for the hot path.
    private readonly copiesPerInstance: number;
    private readonly maxCopies: number;
    private readonly scaleInPoints: number;
    private readonly scaleOutPoints: number;

    // Copies and instances.
    private desired: number;
    private serving: number;
    private waiting = 0;
    /** Ready times of copies starting on an instance, ascending. */
    private readonly startingReady: number[] = [];
    private ready: number;
    private provisioning = 0;
    /** Since when each idle ready instance has had no copy, ascending. */
    private readonly idleSince: number[] = [];
    private releaseAt = Infinity;
    private floor: number;

    // Load and the concurrency metric.
    private inflight = 0;
    private readonly metric: ConcurrencyMetric;
    private tickAt = Infinity;
    private tickGeneration = 0;

    // Policies.
    private lastScaleIn = -Infinity;
    private lastWakeUp = -Infinity;
    private wakeUpPending = false;
    private idlePending = false;
    private lastActivity: number;
    /** When the first copy last became ready: the idle clock never starts before it. */
    private servingSince: number;
    private retrying = 0;

    // Accounting. The per-request counters are plain fields (hot path); the rest live in `counters`.
    private readonly latency: LatencyHistogram;
    private readonly timeline: Timeline | undefined;
    private lastAccounted: number;
    private requests = 0;
    private served = 0;
    private delayed = 0;
    private eventsProcessed = 0;
    private counters = {
        failed: 0,
        unservedAtEnd: 0,
        failedInvocations: 0,
        coldStarts: 0,
        scaleOuts: 0,
        scaleIns: 0,
        instanceSeconds: 0,
        copySeconds: 0,
        peakCopies: 0,
        peakInstances: 0,
    };

    constructor(private readonly options: SimulatorOptions) {
        const { settings, mode, timing, start } = options;
        this.now = start;
        this.latency = options.latency;
        this.timeline = options.timeline;
        this.copiesPerInstance = settings.copiesPerInstance;
        this.maxCopies = Math.min(mode.scaling.maxCopies, settings.maxInstances * settings.copiesPerInstance);
        this.scaleInPoints = timing.scaleInDatapoints;
        this.scaleOutPoints = timing.scaleOutDatapoints;
        this.metric = new ConcurrencyMetric(
            start,
            timing.metricPeriodSeconds,
            mode.scaling.targetConcurrentRequestsPerCopy,
            this.scaleInPoints,
        );
        this.lastActivity = start;
        this.servingSince = start;
        this.lastAccounted = start;

        this.floor = mode.trackingFloor;
        if (mode.schedule && mode.holdScheduledCopies) {
            this.floor = Math.max(mode.scaling.minCopies, mode.schedule.inForceAt(start).copies);
        }
        const cold = options.startCold && mode.kind !== "always-on";
        const copies = cold ? 0 : Math.min(this.maxCopies, mode.initialCopies);
        this.desired = copies;
        this.serving = copies;
        const neededInstances = Math.ceil(copies / this.copiesPerInstance);
        this.ready = Math.min(
            settings.maxInstances,
            Math.max(mode.minInstances, neededInstances, cold ? 0 : settings.initialInstances),
        );
        this.counters.peakCopies = copies;
        this.counters.peakInstances = this.ready;
        this.updateIdleInstances();
        this.recordLevels();
        this.planNextTick();
        this.armIdleTimeout();
        if (mode.schedule) {
            this.events.push(mode.schedule.nextAfter(start).time, SCHEDULE_ACTION);
        }
    }

    /** Feeds one request. Arrivals must come in time order, each at or after the previous one. */
    arrive(time: number, duration: number): void {
        this.advanceTo(time);
        this.metric.advance(time, this.inflight, this.serving);
        this.now = time;
        this.requests++;
        this.timeline?.addRequest(time);
        this.lastActivity = time;
        if (this.serving > 0) {
            this.serve(duration, 0);
        } else {
            this.noCapacity(time, duration);
        }
    }

    /** Runs the simulation to `end` and returns its counters. */
    finish(end: number): SimulationCounters {
        this.advanceTo(end);
        this.sync(Math.max(end, this.now));
        this.dropExpiredHolds();
        const unserved = this.held.size / 2 + this.retrying;
        this.counters.unservedAtEnd = unserved;
        this.counters.failed += unserved;
        return {
            ...this.counters,
            requests: this.requests,
            served: this.served,
            delayed: this.delayed,
            eventsProcessed: this.eventsProcessed,
        };
    }

    /** Processes every queued event up to and including `time`; request completions first on ties. */
    private advanceTo(time: number): void {
        for (;;) {
            const completion = this.completions.peek();
            const eventTime = this.events.peekTime();
            if (completion <= eventTime) {
                if (completion > time) {
                    return;
                }
                this.completions.pop();
                this.complete(completion);
            } else {
                if (eventTime > time) {
                    return;
                }
                this.dispatch(this.events.pop());
            }
        }
    }

    private dispatch(event: QueuedEvent): void {
        this.sync(Math.max(event.time, this.now));
        this.eventsProcessed++;
        switch (event.kind) {
            case COPY_READY:
                return this.onCopyReady();
            case INSTANCE_READY:
                return this.onInstanceReady();
            case INSTANCE_RELEASE:
                return this.onInstanceRelease();
            case METRIC_TICK:
                return this.onMetricTick(event.a);
            case WAKE_UP_ALARM:
                return this.onWakeUpAlarm();
            case IDLE_CHECK:
                return this.onIdleCheck();
            case SCHEDULE_ACTION:
                return this.onScheduleAction();
            case RETRY:
                return this.onRetry(event.a, event.b, event.c);
        }
    }

    /**
     * Moves the clock: integrates the metric and the billed instance and copy time up to `time`. Request arrivals
     * and completions only integrate the metric: they never change copies or instances.
     */
    private sync(time: number): void {
        this.metric.advance(time, this.inflight, this.serving);
        const elapsed = time - this.lastAccounted;
        if (elapsed > 0) {
            this.counters.instanceSeconds += (this.ready + this.provisioning) * elapsed;
            this.counters.copySeconds += this.serving * elapsed;
            this.lastAccounted = time;
        }
        this.now = time;
    }

    // ---- requests -------------------------------------------------------------------------------------------

    private serve(duration: number, addedLatency: number): void {
        this.inflight++;
        this.completions.push(this.now + duration);
        this.served++;
        this.latency.record(addedLatency);
        if (addedLatency > 0) {
            this.delayed++;
        }
        if (this.tickAt > this.metric.openPeriodEnd) {
            this.scheduleTick(this.metric.openPeriodEnd);
        }
    }

    private complete(time: number): void {
        this.metric.advance(time, this.inflight, this.serving);
        this.now = time;
        this.inflight--;
        if (this.inflight === 0) {
            this.lastActivity = time;
            this.armIdleTimeout();
        }
    }

    private noCapacity(time: number, duration: number): void {
        this.counters.failedInvocations++;
        this.requestWakeUp(time);
        const client = this.options.client;
        switch (client.kind) {
            case "fail":
                this.lose(time);
                return;
            case "hold":
                this.dropExpiredHolds();
                this.held.push(time);
                this.held.push(duration);
                return;
            case "retry":
                if (client.maxAttempts <= 1) {
                    this.lose(time);
                    return;
                }
                this.retrying++;
                this.events.push(time + retryDelaySeconds(client, 1), RETRY, time, duration, 1);
                return;
        }
    }

    private onRetry(arrival: number, duration: number, retriesDone: number): void {
        this.retrying--;
        if (this.serving > 0) {
            this.serve(duration, this.now - arrival);
            return;
        }
        this.counters.failedInvocations++;
        this.requestWakeUp(this.now);
        const client = this.options.client;
        if (retriesDone + 1 >= client.maxAttempts) {
            this.lose(this.now);
            return;
        }
        this.retrying++;
        this.events.push(this.now + retryDelaySeconds(client, retriesDone + 1), RETRY, arrival, duration, retriesDone + 1);
    }

    private lose(time: number): void {
        this.counters.failed++;
        this.timeline?.addFailure(time);
    }

    /** Held requests give up at their deadline; they leave the queue (in arrival order) when next looked at. */
    private dropExpiredHolds(): void {
        const deadline = this.options.client.deadlineSeconds;
        while (this.held.size > 0 && this.held.at(0) + deadline < this.now) {
            const arrival = this.held.shift();
            this.held.shift();
            this.lose(arrival + deadline);
        }
    }

    private releaseHeld(): void {
        this.dropExpiredHolds();
        while (this.held.size > 0) {
            const arrival = this.held.shift();
            const duration = this.held.shift();
            this.serve(duration, this.now - arrival);
        }
    }

    // ---- copies and instances -------------------------------------------------------------------------------

    private setDesired(copies: number, reason: ScalingEventKind): void {
        const target = Math.max(0, Math.min(this.maxCopies, copies));
        if (target === this.desired) {
            return;
        }
        this.desired = target;
        const active = this.serving + this.startingReady.length + this.waiting;
        if (target > active) {
            this.waiting += target - active;
        } else {
            let excess = active - target;
            const fromWaiting = Math.min(this.waiting, excess);
            this.waiting -= fromWaiting;
            excess -= fromWaiting;
            while (excess > 0 && this.startingReady.length > 0) {
                this.startingReady.pop(); // the newest start is cancelled; its queued event finds nothing
                excess--;
            }
            this.serving -= excess;
        }
        this.startWaitingCopies();
        this.provisionInstances();
        this.updateIdleInstances();
        this.recordLevels();
        this.emit(reason);
        if (this.serving === 0) {
            this.tickAt = Infinity; // no copy, no per-copy metric
            this.tickGeneration++;
        }
        this.armIdleTimeout();
    }

    private startWaitingCopies(): void {
        const free = this.ready * this.copiesPerInstance - this.serving - this.startingReady.length;
        const starting = Math.min(free, this.waiting);
        for (let i = 0; i < starting; i++) {
            const at = this.now + this.options.timing.copyStartSeconds;
            this.startingReady.push(at);
            this.events.push(at, COPY_READY);
        }
        this.waiting -= Math.max(0, starting);
    }

    private provisionInstances(): void {
        const { settings, timing } = this.options;
        const copies = this.serving + this.startingReady.length + this.waiting;
        const needed = Math.min(
            settings.maxInstances,
            Math.max(this.options.mode.minInstances, Math.ceil(copies / this.copiesPerInstance)),
        );
        for (let have = this.ready + this.provisioning; have < needed; have++) {
            this.provisioning++;
            this.events.push(this.now + timing.instanceStartSeconds, INSTANCE_READY);
        }
        this.counters.peakInstances = Math.max(this.counters.peakInstances, this.ready + this.provisioning);
    }

    /** Tracks which ready instances host no copy, and since when, and queues their release. */
    private updateIdleInstances(): void {
        const busy = Math.ceil((this.serving + this.startingReady.length) / this.copiesPerInstance);
        const idle = Math.max(0, this.ready - busy);
        while (this.idleSince.length < idle) {
            this.idleSince.push(this.now);
        }
        while (this.idleSince.length > idle) {
            this.idleSince.pop(); // the most recently idled instance takes the new copy
        }
        if (this.idleSince.length > 0) {
            const at = Math.max(this.now, this.idleSince[0] + this.options.timing.instanceReleaseSeconds);
            if (at < this.releaseAt) {
                this.releaseAt = at;
                this.events.push(at, INSTANCE_RELEASE);
            }
        }
    }

    private onCopyReady(): void {
        if (this.startingReady.length === 0 || this.startingReady[0] > this.now + EPSILON) {
            return; // this copy's start was cancelled by a scale-in
        }
        this.startingReady.shift();
        this.serving++;
        this.counters.peakCopies = Math.max(this.counters.peakCopies, this.serving);
        this.recordLevels();
        this.emit("copy-ready");
        if (this.serving === 1) {
            this.servingSince = this.now;
            this.releaseHeld();
        }
        this.planNextTick();
        this.armIdleTimeout();
    }

    private onInstanceReady(): void {
        this.provisioning--;
        this.ready++;
        this.startWaitingCopies();
        this.updateIdleInstances();
        this.recordLevels();
        this.emit("instance-ready");
    }

    private onInstanceRelease(): void {
        this.releaseAt = Infinity;
        const delay = this.options.timing.instanceReleaseSeconds;
        let released = false;
        while (
            this.idleSince.length > 0 &&
            this.idleSince[0] + delay <= this.now + EPSILON &&
            this.ready + this.provisioning > this.options.mode.minInstances
        ) {
            this.idleSince.shift();
            this.ready--;
            released = true;
        }
        if (released) {
            this.recordLevels();
            this.emit("instance-released");
        }
        if (this.idleSince.length > 0 && this.idleSince[0] + delay > this.now + EPSILON) {
            this.releaseAt = this.idleSince[0] + delay;
            this.events.push(this.releaseAt, INSTANCE_RELEASE);
        }
    }

    // ---- the concurrency metric and target tracking ---------------------------------------------------------

    private scheduleTick(at: number): void {
        this.tickAt = at;
        this.tickGeneration++;
        this.events.push(at, METRIC_TICK, this.tickGeneration);
    }

    private onMetricTick(generation: number): void {
        if (generation !== this.tickGeneration) {
            return; // superseded by an earlier tick
        }
        this.tickAt = Infinity;
        this.evaluateTargetTracking();
        this.planNextTick();
    }

    /** Target tracking at the end of a metric period (the alarms' evaluation). */
    private evaluateTargetTracking(): void {
        if (this.serving === 0) {
            return;
        }
        const scaling = this.options.mode.scaling;
        const metric = this.metric;
        if (metric.highCount >= this.scaleOutPoints) {
            // Scale-out cooldown does not block a larger scale-out (Application Auto Scaling semantics), and the
            // copies still starting count as capacity already added: only a larger count scales out again.
            const want = Math.min(this.maxCopies, Math.max(this.floor, metric.copiesFor(metric.lastAverage)));
            if (want > this.desired) {
                this.counters.scaleOuts++;
                this.setDesired(want, "scale-out");
            }
        } else if (
            metric.lowCount >= this.scaleInPoints &&
            this.now >= this.lastScaleIn + scaling.scaleInCooldownSeconds - EPSILON &&
            this.desired > this.floor
        ) {
            const want = Math.max(this.floor, metric.copiesFor(metric.windowPeak()));
            if (want < this.desired) {
                this.lastScaleIn = this.now;
                this.counters.scaleIns++;
                this.setDesired(want, "scale-in");
            }
        }
    }

    /**
     * Queues the next metric evaluation: every period while requests are in flight, otherwise one jump straight to
     * the first period end at which a scale-in could happen (all later datapoints are 0 until the next arrival).
     */
    private planNextTick(): void {
        if (this.serving === 0) {
            return;
        }
        const at =
            this.inflight > 0 || this.metric.openPeriodHasLoad
                ? this.metric.openPeriodEnd
                : this.metric.nextQuietScaleIn(
                      this.desired,
                      this.floor,
                      this.lastScaleIn,
                      this.options.mode.scaling.scaleInCooldownSeconds,
                  );
        if (at < this.tickAt) {
            this.scheduleTick(at);
        }
    }

    // ---- wake-up, idle timeout, schedule -------------------------------------------------------------------

    private requestWakeUp(time: number): void {
        if (!this.options.mode.wakeUpOnDemand || this.desired > 0 || this.wakeUpPending) {
            return;
        }
        const { timing, mode, client } = this.options;
        // A client that wakes the component itself skips the alarm; otherwise the alarm needs its datapoints.
        const alarm = client.wakesEndpoint
            ? 0
            : mode.scaling.wakeUpAlarmPeriodSeconds * timing.wakeUpAlarmDatapoints + timing.wakeUpExtraDelaySeconds;
        this.wakeUpPending = true;
        this.events.push(Math.max(time + alarm, this.lastWakeUp + mode.scaling.wakeUpCooldownSeconds), WAKE_UP_ALARM);
    }

    private onWakeUpAlarm(): void {
        this.wakeUpPending = false;
        if (this.desired > 0) {
            return;
        }
        this.lastWakeUp = this.now;
        this.counters.coldStarts++;
        this.setDesired(1, "wake-up"); // step policy: ChangeInCapacity +1
    }

    /** Idle since the last request (arrival or completion), or since the first copy became ready if later. */
    private idleDeadline(): number {
        return Math.max(this.lastActivity, this.servingSince) + (this.options.mode.idleTimeoutSeconds as number);
    }

    private armIdleTimeout(): void {
        const idle = this.options.mode.idleTimeoutSeconds;
        if (idle === undefined || this.idlePending || this.desired === 0 || this.serving === 0 || this.inflight > 0) {
            return; // re-armed when the next copy is ready or the endpoint next goes quiet
        }
        this.idlePending = true;
        this.events.push(Math.max(this.now, this.idleDeadline()), IDLE_CHECK);
    }

    private onIdleCheck(): void {
        this.idlePending = false;
        if (this.desired === 0 || this.serving === 0 || this.inflight > 0 || this.held.size > 0) {
            return;
        }
        if (this.idleDeadline() > this.now + EPSILON) {
            this.armIdleTimeout();
            return;
        }
        this.setDesired(0, "idle-timeout");
    }

    private onScheduleAction(): void {
        const { mode } = this.options;
        const schedule = mode.schedule;
        if (!schedule) {
            return;
        }
        const action = schedule.inForceAt(this.now);
        if (mode.holdScheduledCopies) {
            this.floor = Math.max(mode.scaling.minCopies, action.copies);
        }
        this.setDesired(Math.max(mode.scaling.minCopies, action.copies), "schedule");
        this.planNextTick();
        this.events.push(schedule.nextAfter(this.now).time, SCHEDULE_ACTION);
    }

    // ---- reporting -----------------------------------------------------------------------------------------

    private recordLevels(): void {
        this.timeline?.setLevels(this.now, this.serving, this.ready + this.provisioning);
    }

    private emit(kind: ScalingEventKind): void {
        if (this.options.onEvent) {
            this.options.onEvent({
                time: this.now,
                kind,
                desiredCopies: this.desired,
                servingCopies: this.serving,
                instances: this.ready + this.provisioning,
            });
        }
    }
}
