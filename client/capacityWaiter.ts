/**
 * One shared poll loop per inference component: callers held by a cold start wait on it together.
 *
 * Why shared: 200 requests arriving during one cold start must not become 200 DescribeInferenceComponent loops
 * (the control plane throttles far below that) nor 200 wakes. The registry is keyed by endpoint + component and
 * owned by one ScaleToZeroClient; a loop lives from the first "no capacity" until a copy is up (or it fails, or
 * every waiter left), so the next cold start gets a fresh loop and at most one wake.
 *
 * Each waiter keeps its own deadline and AbortSignal: one caller giving up detaches it without disturbing the
 * others; the loop stops (and its in-flight request is aborted) only when no waiter is left.
 */
import { backoffDelayMs, sleep, type BackoffPolicy } from "./backoff";
import { hasCapacity, parseCapacity, type CapacitySnapshot } from "./capacity";
import { classifyControlPlaneError, describeError } from "./errorClassification";
import {
    AccessDeniedError,
    ColdStartAbortedError,
    ColdStartTimeoutError,
    CredentialsError,
    InferenceComponentFailedError,
    InferenceComponentNotFoundError,
    MalformedResponseError,
    type ScaleToZeroErrorContext,
} from "./errors";

export interface CapacityTarget {
    readonly endpointName: string;
    readonly inferenceComponentName: string;
}

/** The two control-plane calls the loop makes; ScaleToZeroClient backs them with the AWS SDK. */
export interface CapacityControlPlane {
    describeInferenceComponent(inferenceComponentName: string, signal: AbortSignal): Promise<unknown>;
    setDesiredCopyCount(inferenceComponentName: string, copyCount: number, signal: AbortSignal): Promise<void>;
}

export type CapacityEventPhase = "waking" | "waiting-for-capacity" | "throttled";

/** What the loop tells each waiter after every poll. */
export interface CapacityEvent {
    readonly phase: CapacityEventPhase;
    readonly snapshot?: CapacitySnapshot;
    /** When the loop started (this process first saw "no capacity"), epoch ms. */
    readonly coldStartStartedAt: number;
    /** Whether this loop raised the desired count itself. */
    readonly woke: boolean;
    readonly detail?: string;
}

export interface WaitOptions {
    /** Ask the loop to wake the component (desired 0 → 1). Any one waiter asking is enough. */
    readonly wake: boolean;
    /** When the caller's call started, epoch ms (for the timeout error's elapsed time). */
    readonly callStartedAt: number;
    /** The caller's deadline, ms after callStartedAt. */
    readonly deadlineMs: number;
    readonly signal?: AbortSignal;
    readonly onEvent?: (event: CapacityEvent) => void;
}

export interface CapacityWaiterOptions {
    readonly poll: BackoffPolicy;
    /** Jitter source; injectable for deterministic tests. Default Math.random. */
    readonly random?: () => number;
}

/** Control-plane call counts, for tests and the benchmark. */
export interface CapacityWaiterStats {
    loopsStarted: number;
    describeCalls: number;
    wakeCalls: number;
}

interface Waiter {
    readonly options: WaitOptions;
    readonly resolve: (snapshot: CapacitySnapshot) => void;
    readonly reject: (err: unknown) => void;
    readonly cleanup: () => void;
}

export class CapacityWaiter {
    public readonly stats: CapacityWaiterStats = { loopsStarted: 0, describeCalls: 0, wakeCalls: 0 };
    private readonly loops = new Map<string, CapacityLoop>();

    constructor(private readonly controlPlane: () => CapacityControlPlane, private readonly options: CapacityWaiterOptions) {}

    /** Loops currently running (one per component in a cold start). */
    get activeLoops(): number {
        return this.loops.size;
    }

    /**
     * Resolves with the first snapshot that shows a copy up. Rejects with ColdStartTimeoutError at the caller's
     * deadline, ColdStartAbortedError on abort, or the loop's terminal error (failed, not found, denied, ...).
     */
    waitForCapacity(target: CapacityTarget, options: WaitOptions): Promise<CapacitySnapshot> {
        // Out of time or cancelled already: answer without starting (or joining) a loop.
        const context = { endpointName: target.endpointName, inferenceComponentName: target.inferenceComponentName };
        const elapsedMs = Date.now() - options.callStartedAt;
        if (options.signal?.aborted) {
            return Promise.reject(new ColdStartAbortedError({ ...context, elapsedMs, reason: options.signal.reason }));
        }
        if (elapsedMs >= options.deadlineMs) {
            return Promise.reject(new ColdStartTimeoutError({ ...context, deadlineMs: options.deadlineMs, elapsedMs }));
        }
        const key = `${target.endpointName}\u0000${target.inferenceComponentName}`;
        let loop = this.loops.get(key);
        if (!loop) {
            loop = new CapacityLoop(target, this.controlPlane(), this.options, this.stats, () => {
                if (this.loops.get(key) === loop) this.loops.delete(key);
            });
            this.loops.set(key, loop);
            this.stats.loopsStarted++;
            loop.start();
        }
        return loop.join(options);
    }

    /** Stops every loop and rejects their waiters with ColdStartAbortedError (used by ScaleToZeroClient.destroy). */
    stopAll(reason: string): void {
        for (const loop of [...this.loops.values()]) loop.stop(reason);
    }
}

class CapacityLoop {
    private readonly waiters = new Set<Waiter>();
    private readonly abort = new AbortController();
    private readonly startedAt = Date.now();
    private finished = false;
    private wakeRequested = false;
    private wakeAttempted = false;
    private woke = false;
    private lastSnapshot?: CapacitySnapshot;

    constructor(
        private readonly target: CapacityTarget,
        private readonly controlPlane: CapacityControlPlane,
        private readonly options: CapacityWaiterOptions,
        private readonly stats: CapacityWaiterStats,
        private readonly onFinished: () => void,
    ) {}

    start(): void {
        this.run().then(
            (snapshot) => this.finish((waiter) => (snapshot ? waiter.resolve(snapshot) : undefined)),
            (err: unknown) => this.finish((waiter) => waiter.reject(err)),
        );
    }

    join(options: WaitOptions): Promise<CapacitySnapshot> {
        if (options.wake) this.wakeRequested = true;
        return new Promise<CapacitySnapshot>((resolve, reject) => {
            const context = this.context();
            const elapsed = (): number => Date.now() - options.callStartedAt;
            let timer: NodeJS.Timeout | undefined; // eslint-disable-line prefer-const -- assigned after the waiter that clears it is built
            const onAbort = (): void => {
                this.detach(waiter);
                reject(new ColdStartAbortedError({ ...context, elapsedMs: elapsed(), reason: options.signal?.reason }));
            };
            const waiter: Waiter = {
                options,
                resolve: (snapshot) => {
                    waiter.cleanup();
                    resolve(snapshot);
                },
                reject: (err) => {
                    waiter.cleanup();
                    reject(err);
                },
                cleanup: () => {
                    clearTimeout(timer);
                    options.signal?.removeEventListener("abort", onAbort);
                },
            };
            if (options.signal?.aborted) {
                reject(new ColdStartAbortedError({ ...context, elapsedMs: elapsed(), reason: options.signal.reason }));
                this.stopIfIdle();
                return;
            }
            const remaining = options.callStartedAt + options.deadlineMs - Date.now();
            const onDeadline = (): void => {
                this.detach(waiter);
                reject(new ColdStartTimeoutError({
                    ...context,
                    deadlineMs: options.deadlineMs,
                    elapsedMs: elapsed(),
                    currentCopyCount: this.lastSnapshot?.currentCopyCount,
                    desiredCopyCount: this.lastSnapshot?.desiredCopyCount,
                }));
            };
            if (remaining <= 0) {
                onDeadline();
                return;
            }
            this.waiters.add(waiter);
            timer = setTimeout(onDeadline, remaining);
            options.signal?.addEventListener("abort", onAbort, { once: true });
        });
    }

    stop(reason: string): void {
        for (const waiter of [...this.waiters]) {
            waiter.reject(new ColdStartAbortedError({ ...this.context(), elapsedMs: Date.now() - waiter.options.callStartedAt, reason }));
        }
        this.waiters.clear();
        this.stopIfIdle();
    }

    private detach(waiter: Waiter): void {
        waiter.cleanup();
        this.waiters.delete(waiter);
        this.stopIfIdle();
    }

    /** Nobody is waiting any more: abort the in-flight poll and leave the registry. */
    private stopIfIdle(): void {
        if (this.waiters.size > 0 || this.finished) return;
        this.finished = true;
        this.onFinished();
        this.abort.abort();
    }

    /** Leaves the registry before settling waiters, so a caller that fails again starts a fresh loop. */
    private finish(settle: (waiter: Waiter) => void): void {
        if (!this.finished) {
            this.finished = true;
            this.onFinished();
        }
        const waiters = [...this.waiters];
        this.waiters.clear();
        for (const waiter of waiters) settle(waiter);
    }

    private context(): ScaleToZeroErrorContext {
        return { endpointName: this.target.endpointName, inferenceComponentName: this.target.inferenceComponentName };
    }

    private broadcast(event: Omit<CapacityEvent, "coldStartStartedAt" | "woke">): void {
        const full: CapacityEvent = { ...event, coldStartStartedAt: this.startedAt, woke: this.woke };
        for (const waiter of this.waiters) {
            try {
                waiter.options.onEvent?.(full);
            } catch {
                // A progress listener must never break the wait for everyone else.
            }
        }
    }

    /** Returns the first snapshot with capacity, undefined when stopped, or throws a terminal error. */
    private async run(): Promise<CapacitySnapshot | undefined> {
        const signal = this.abort.signal;
        const name = this.target.inferenceComponentName;
        const delay = (attempt: number): number => backoffDelayMs(attempt, this.options.poll, this.options.random);
        let attempt = 0;
        let throttled = 0;
        while (!signal.aborted) {
            let output: unknown;
            try {
                this.stats.describeCalls++;
                output = await this.controlPlane.describeInferenceComponent(name, signal);
            } catch (err) {
                if (signal.aborted) return undefined;
                const kind = classifyControlPlaneError(err);
                if (kind === "throttled" || kind === "transient") {
                    // Throttling backs off one extra step per occurrence, so a busy account calms down fast.
                    if (kind === "throttled") throttled++;
                    this.broadcast({
                        phase: kind === "throttled" ? "throttled" : "waiting-for-capacity",
                        snapshot: this.lastSnapshot,
                        detail: `DescribeInferenceComponent: ${describeError(err)}; backing off`,
                    });
                    if (!(await sleep(delay(attempt++ + throttled), signal))) return undefined;
                    continue;
                }
                throw this.terminalError(kind, "DescribeInferenceComponent", err);
            }

            const parsed = parseCapacity(output);
            if (!parsed.ok) {
                throw new MalformedResponseError({ ...this.context(), operation: "DescribeInferenceComponent", detail: parsed.problem });
            }
            let snapshot = parsed.snapshot;
            this.lastSnapshot = snapshot;
            if (snapshot.status === "Failed") {
                throw new InferenceComponentFailedError({ ...this.context(), failureReason: snapshot.failureReason });
            }
            if (snapshot.status === "Deleting") {
                throw new InferenceComponentNotFoundError({ ...this.context(), detail: "it is being deleted" });
            }
            if (hasCapacity(snapshot)) return snapshot;

            // Wake only from 0: a desired count above 0 means autoscaling (or another caller) already acted,
            // and this client must never lower what autoscaling chose.
            if (this.wakeRequested && !this.wakeAttempted && snapshot.desiredCopyCount === 0) {
                this.wakeAttempted = true;
                this.broadcast({ phase: "waking", snapshot });
                try {
                    this.stats.wakeCalls++;
                    await this.controlPlane.setDesiredCopyCount(name, 1, signal);
                    this.woke = true;
                    snapshot = { ...snapshot, desiredCopyCount: 1 };
                    this.lastSnapshot = snapshot;
                } catch (err) {
                    if (signal.aborted) return undefined;
                    const kind = classifyControlPlaneError(err);
                    if (kind === "throttled" || kind === "transient") {
                        this.wakeAttempted = false; // try again after the next poll
                    } else if (kind !== "fatal" && kind !== "malformed") {
                        throw this.terminalError(kind, "UpdateInferenceComponentRuntimeConfig", err);
                    }
                    // A fatal/malformed answer (e.g. the component is mid-update) is not worth failing the call:
                    // the scale-out alarm still wakes the component, so keep waiting and say why.
                    this.broadcast({
                        phase: "waiting-for-capacity",
                        snapshot,
                        detail: `wake failed (${describeError(err)}); waiting for the scale-out alarm`,
                    });
                }
            }
            this.broadcast({ phase: "waiting-for-capacity", snapshot });
            if (!(await sleep(delay(attempt++), signal))) return undefined;
        }
        return undefined;
    }

    private terminalError(kind: string, operation: string, err: unknown): unknown {
        const context = { ...this.context(), cause: err };
        switch (kind) {
            case "not-found":
                return new InferenceComponentNotFoundError({ ...context, detail: describeError(err) });
            case "access-denied":
                return new AccessDeniedError({ ...context, operation });
            case "credentials":
                return new CredentialsError({ ...context, detail: describeError(err) });
            case "malformed":
                return new MalformedResponseError({ ...context, operation, detail: describeError(err) });
            default:
                return err;
        }
    }
}
