/**
 * ScaleToZeroClient: InvokeEndpoint / InvokeEndpointWithResponseStream that ride out a scale-from-zero.
 *
 * Warm path: exactly one InvokeEndpoint call, no control-plane call, no timer (the benchmark checks the cost).
 * Cold path: SageMaker answers "Inference Component has no capacity to process this request"; the call joins
 * the component's shared poll loop (CapacityWaiter), optionally wakes the component, and re-sends the request
 * once DescribeInferenceComponent reports a copy. Everything else the service says is passed through unchanged.
 */
import {
    DescribeInferenceComponentCommand,
    SageMakerClient,
    UpdateInferenceComponentRuntimeConfigCommand,
} from "@aws-sdk/client-sagemaker";
import {
    InvokeEndpointCommand,
    InvokeEndpointWithResponseStreamCommand,
    SageMakerRuntimeClient,
    type InvokeEndpointCommandOutput,
    type InvokeEndpointWithResponseStreamCommandOutput,
} from "@aws-sdk/client-sagemaker-runtime";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { backoffDelayMs, sleep } from "./backoff";
import { ColdStartMetricPublisher } from "./coldStartMetrics";
import type { CapacitySnapshot } from "./capacity";
import { CapacityWaiter, type CapacityControlPlane, type CapacityEvent } from "./capacityWaiter";
import { classifyInvokeError, describeError } from "./errorClassification";
import {
    AccessDeniedError,
    ColdStartAbortedError,
    ColdStartTimeoutError,
    CredentialsError,
    MalformedResponseError,
    type ScaleToZeroErrorContext,
} from "./errors";
import {
    resolveColdStartOptions,
    validateCallOptions,
    validateInvokeInput,
    type ColdStartInvokeInput,
    type ColdStartInvokeStreamInput,
    type InvokeCallOptions,
    type ResolvedColdStartOptions,
    type ScaleToZeroClientOptions,
} from "./options";
import { estimateRemainingMs, type ColdStartPhase, type ColdStartProgress, type ProgressListener } from "./progress";

/** Per-call state shared by the retry loop and its progress reports. */
interface CallState {
    readonly context: ScaleToZeroErrorContext;
    readonly startedAt: number;
    readonly deadlineMs: number;
    readonly wake: boolean;
    readonly signal?: AbortSignal;
    readonly onProgress?: ProgressListener;
    attempt: number;
    /** Last capacity event from the shared loop (cold-start start time, whether it woke the component). */
    lastEvent?: CapacityEvent;
    /** When this call got its first no-capacity answer (ms epoch), if it did. */
    coldStartAt?: number;
    /** Last copy counts seen (from an event, or the snapshot that ended the wait). */
    lastSnapshot?: CapacitySnapshot;
}

export class ScaleToZeroClient {
    /** The resolved cold-start options (defaults applied). */
    public readonly options: ResolvedColdStartOptions;
    private readonly runtime: SageMakerRuntimeClient;
    private controlPlaneClient?: SageMakerClient;
    private readonly ownsRuntime: boolean;
    private ownsControlPlane = false;
    private readonly waiter: CapacityWaiter;
    private metricPublisher?: ColdStartMetricPublisher;
    private cloudWatch?: CloudWatchClient;
    private ownsCloudWatch = false;

    constructor(private readonly clientOptions: ScaleToZeroClientOptions = {}) {
        this.options = resolveColdStartOptions(clientOptions);
        this.ownsRuntime = clientOptions.runtimeClient === undefined;
        this.runtime = clientOptions.runtimeClient ?? new SageMakerRuntimeClient({
            region: clientOptions.region,
            endpoint: clientOptions.endpoint,
            credentials: clientOptions.credentials,
        });
        this.controlPlaneClient = clientOptions.controlPlaneClient;
        this.waiter = new CapacityWaiter(() => this.controlPlane(), {
            poll: {
                initialDelayMs: this.options.pollInitialDelayMs,
                maxDelayMs: this.options.pollMaxDelayMs,
                multiplier: this.options.pollMultiplier,
            },
        });
    }

    /** Control-plane calls made so far (poll loops, Describe calls, wakes): for tests, metrics and the benchmark. */
    get controlPlaneStats(): Readonly<{ loopsStarted: number; describeCalls: number; wakeCalls: number }> {
        return this.waiter.stats;
    }

    /** InvokeEndpoint, holding the request through a cold start. Resolves with the SDK's own output. */
    invoke(input: ColdStartInvokeInput, options: InvokeCallOptions = {}): Promise<InvokeEndpointCommandOutput> {
        return this.withColdStart("InvokeEndpoint", input, options, (abortSignal) =>
            this.runtime.send(new InvokeEndpointCommand(input), abortSignal ? { abortSignal } : undefined));
    }

    /**
     * InvokeEndpointWithResponseStream, holding the request through a cold start. A cold start is detected
     * before the stream opens, so the retry is safe; errors inside an open stream (ModelStreamError) reach the
     * caller's `for await` unchanged and are not retried.
     */
    invokeStream(
        input: ColdStartInvokeStreamInput,
        options: InvokeCallOptions = {},
    ): Promise<InvokeEndpointWithResponseStreamCommandOutput> {
        return this.withColdStart("InvokeEndpointWithResponseStream", input, options, (abortSignal) =>
            this.runtime.send(new InvokeEndpointWithResponseStreamCommand(input), abortSignal ? { abortSignal } : undefined));
    }

    /**
     * Stops every cold-start wait (their calls reject with ColdStartAbortedError) and destroys the SDK clients
     * this instance created. Clients passed in by the caller are left alone.
     */
    destroy(): void {
        this.waiter.stopAll("client destroyed");
        if (this.ownsRuntime) this.runtime.destroy();
        if (this.ownsControlPlane) this.controlPlaneClient?.destroy();
        if (this.ownsCloudWatch) this.cloudWatch?.destroy();
    }

    /** Built lazily: a warm-only caller never needs control-plane credentials or a second connection pool. */
    private controlPlane(): CapacityControlPlane {
        if (!this.controlPlaneClient) {
            const { region, controlPlaneEndpoint, credentials } = this.clientOptions;
            this.controlPlaneClient = new SageMakerClient({
                region: region ?? this.runtime.config.region,
                endpoint: controlPlaneEndpoint,
                credentials: credentials ?? this.runtime.config.credentials,
            });
            this.ownsControlPlane = true;
        }
        const client = this.controlPlaneClient;
        return {
            describeInferenceComponent: (name, abortSignal) =>
                client.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }), { abortSignal }),
            setDesiredCopyCount: async (name, copyCount, abortSignal) => {
                await client.send(new UpdateInferenceComponentRuntimeConfigCommand({
                    InferenceComponentName: name,
                    DesiredRuntimeConfig: { CopyCount: copyCount },
                }), { abortSignal });
            },
        };
    }

    private async withColdStart<T>(
        operation: "InvokeEndpoint" | "InvokeEndpointWithResponseStream",
        input: ColdStartInvokeInput | ColdStartInvokeStreamInput,
        options: InvokeCallOptions,
        send: (signal?: AbortSignal) => Promise<T>,
    ): Promise<T> {
        validateInvokeInput(input);
        validateCallOptions(options);
        const state: CallState = {
            // validateInvokeInput checked both are non-empty strings (the SDK types allow undefined).
            context: { endpointName: input.EndpointName as string, inferenceComponentName: input.InferenceComponentName },
            startedAt: Date.now(),
            deadlineMs: options.deadlineMs ?? this.options.deadlineMs,
            wake: options.wake ?? this.options.wake,
            signal: options.signal,
            onProgress: options.onProgress ?? this.options.onProgress,
            attempt: 0,
        };
        let waitedForCapacity = false;
        let retries = 0;
        this.report(state, "invoking");
        for (;;) {
            if (state.signal?.aborted) throw this.aborted(state, state.signal.reason);
            state.attempt++;
            try {
                const output = await send(state.signal);
                await this.recordColdStart(state);
                return output;
            } catch (err) {
                const kind = classifyInvokeError(err);
                switch (kind) {
                    case "aborted":
                        throw this.aborted(state, state.signal?.reason ?? err);
                    case "access-denied":
                        throw new AccessDeniedError({ ...state.context, operation, cause: err });
                    case "credentials":
                        throw new CredentialsError({ ...state.context, detail: describeError(err), cause: err });
                    case "malformed":
                        throw new MalformedResponseError({ ...state.context, operation, detail: describeError(err), cause: err });
                    case "fatal":
                        throw err;
                    case "no-capacity":
                    case "model-not-ready":
                        break;
                }
                if (kind === "no-capacity") {
                    state.coldStartAt ??= Date.now();
                    if (!waitedForCapacity) this.report(state, "cold-start-detected");
                    // Throws ColdStartTimeoutError / ColdStartAbortedError / a terminal control-plane error.
                    state.lastSnapshot = await this.waiter.waitForCapacity(state.context, {
                        wake: state.wake,
                        callStartedAt: state.startedAt,
                        deadlineMs: state.deadlineMs,
                        signal: state.signal,
                        onEvent: state.onProgress ? (event) => this.reportCapacity(state, event) : undefined,
                    });
                    // The first time capacity shows up, retry at once. If the invoke still says "no capacity",
                    // the router lags the copy count: back off before each further retry.
                    if (waitedForCapacity) await this.pause(state, retries++);
                    waitedForCapacity = true;
                } else {
                    // ModelNotReadyException: a copy exists but is still loading.
                    await this.pause(state, retries++);
                }
                this.report(state, "retrying");
            }
        }
    }

    /** Reports `done` (with the cold start's length after one) and, opt-in, publishes it as a metric. */
    private async recordColdStart(state: CallState): Promise<void> {
        const coldStartMs = state.coldStartAt === undefined ? undefined : Date.now() - state.coldStartAt;
        this.report(state, "done", coldStartMs);
        if (coldStartMs !== undefined && this.options.publishColdStartMetrics) {
            await this.metrics().publish({ ...state.context, coldStartMs, at: new Date() });
        }
    }

    private metrics(): ColdStartMetricPublisher {
        if (!this.metricPublisher) {
            const { region, cloudWatchEndpoint, credentials, cloudWatchClient } = this.clientOptions;
            const client = cloudWatchClient ?? new CloudWatchClient({
                region: region ?? this.runtime.config.region,
                endpoint: cloudWatchEndpoint,
                credentials: credentials ?? this.runtime.config.credentials,
            });
            this.ownsCloudWatch = cloudWatchClient === undefined;
            this.metricPublisher = new ColdStartMetricPublisher(client);
            this.cloudWatch = client;
        }
        return this.metricPublisher;
    }

    /** Cold-start metric publishes that failed (they never fail the call). */
    get coldStartMetricFailures(): number {
        return this.metricPublisher?.failures ?? 0;
    }

    /** Waits before a retry, bounded by the deadline; throws on abort or when the deadline has passed. */
    private async pause(state: CallState, retry: number): Promise<void> {
        const remaining = state.startedAt + state.deadlineMs - Date.now();
        const wanted = backoffDelayMs(retry, {
            initialDelayMs: this.options.retryInitialDelayMs,
            maxDelayMs: Math.max(this.options.retryInitialDelayMs, this.options.pollMaxDelayMs),
            multiplier: 2,
        });
        if (remaining > 0 && !(await sleep(Math.min(wanted, remaining), state.signal))) {
            throw this.aborted(state, state.signal?.reason);
        }
        if (Date.now() - state.startedAt >= state.deadlineMs) {
            const snapshot = state.lastSnapshot;
            throw new ColdStartTimeoutError({
                ...state.context,
                deadlineMs: state.deadlineMs,
                elapsedMs: Date.now() - state.startedAt,
                currentCopyCount: snapshot?.currentCopyCount,
                desiredCopyCount: snapshot?.desiredCopyCount,
            });
        }
    }

    private aborted(state: CallState, reason: unknown): ColdStartAbortedError {
        return new ColdStartAbortedError({ ...state.context, elapsedMs: Date.now() - state.startedAt, reason });
    }

    private report(state: CallState, phase: ColdStartPhase, coldStartMs?: number): void {
        if (!state.onProgress) return;
        const snapshot = state.lastSnapshot;
        this.emit(state, {
            phase,
            ...state.context,
            elapsedMs: Date.now() - state.startedAt,
            attempt: state.attempt,
            currentCopyCount: snapshot?.currentCopyCount,
            desiredCopyCount: snapshot?.desiredCopyCount,
            estimatedRemainingMs: phase === "done" || phase === "invoking" ? undefined : this.estimate(state),
            ...(coldStartMs === undefined ? {} : { coldStartMs }),
        });
    }

    private reportCapacity(state: CallState, event: CapacityEvent): void {
        state.lastEvent = event;
        if (event.snapshot) state.lastSnapshot = event.snapshot;
        this.emit(state, {
            phase: event.phase,
            ...state.context,
            elapsedMs: Date.now() - state.startedAt,
            attempt: state.attempt,
            currentCopyCount: event.snapshot?.currentCopyCount,
            desiredCopyCount: event.snapshot?.desiredCopyCount,
            estimatedRemainingMs: this.estimate(state),
            ...(event.detail === undefined ? {} : { detail: event.detail }),
        });
    }

    private estimate(state: CallState): number {
        const event = state.lastEvent;
        return estimateRemainingMs({
            coldStartElapsedMs: event ? Date.now() - event.coldStartStartedAt : Date.now() - state.startedAt,
            expectedColdStartMs: this.options.expectedColdStartMs,
            alarmLeadMs: this.options.alarmLeadMs,
            woke: event?.woke ?? false,
            currentCopyCount: state.lastSnapshot?.currentCopyCount,
        });
    }

    private emit(state: CallState, progress: ColdStartProgress): void {
        try {
            state.onProgress?.(progress);
        } catch {
            // A failing progress listener must not turn a good response into an error.
        }
    }
}
