/** Options and results of a twin run. */
import { TwinAssumptions } from "./assumptions";
import { ClientBehaviour, RequestOutcome, TwinRequest } from "./clients";
import { ColdStartSampler } from "./coldStart";
import { InstanceCapacity } from "./instanceTypes";
import { Datapoint } from "./metrics";

export interface TwinOptions {
    /** Epoch seconds; a multiple of 10 is used. The stack is as just deployed: initial copies serving. */
    readonly start: number;
    readonly end: number;
    /** Requests in time order (an array or a stream, read once). */
    readonly requests?: Iterable<TwinRequest>;
    /** Keep every request's outcome in the result (default true); false keeps only `summary` (long runs). */
    readonly keepOutcomes?: boolean;
    /** Keep every change in `events` (default true); false leaves them to `onEvent` (long runs). */
    readonly keepEvents?: boolean;
    readonly assumptions?: Partial<TwinAssumptions>;
    /** Default: the `llama-3.1-8b` profile's mean times. */
    readonly coldStart?: ColdStartSampler;
    /** Capacity of instance types missing from the built-in table (twin/instanceTypes.ts), or overrides. */
    readonly instanceCapacity?: Readonly<Record<string, InstanceCapacity>>;
    /**
     * Instance types with no capacity during the run (a scenario parameter): launches fall back to the next
     * instance pool, or wait when no pool is left. Default: none.
     */
    readonly unavailableInstanceTypes?: readonly string[];
    /** Copy start with the data cache as a share of the uncached time. Default 258/525 (published, see sageMaker.ts). */
    readonly dataCacheCopyFactor?: number;
    /** Start with no copy and the minimum of instances instead of as just deployed. Default false. */
    readonly startCold?: boolean;
    /** Seconds after a period ends before its datapoint is visible to alarms. Default 0. */
    readonly publicationDelaySeconds?: number;
    /** Seconds an instance without copies stays before release, unless the ScaleInPolicy sets a cooldown. Default 600. */
    readonly instanceReleaseSeconds?: number;
    readonly client?: Partial<ClientBehaviour>;
    /** Called for every served request with its wait in seconds (latency histograms). */
    readonly onServed?: (time: number, waitSeconds: number) => void;
    /** Called when a client gives up (timelines). */
    readonly onFailed?: (time: number) => void;
    /** Called for every change as it happens. */
    readonly onEvent?: (event: TwinEvent) => void;
    /** Called for every CloudWatch datapoint the twin writes (dashboard charts of the run). */
    readonly onDatapoint?: (datapoint: Datapoint) => void;
}

/** A change the twin observed, in time order. */
export interface TwinEvent {
    readonly time: number;
    readonly kind: "desired" | "serving" | "instances" | "alarm";
    /** Component name (desired, serving), endpoint name (instances) or alarm name. */
    readonly subject: string;
    readonly value: number | string;
    /** What changed it: policy, scheduled action or schedule name. */
    readonly source?: string;
}

/** Request counters of a run. */
export interface TwinSummary {
    requests: number;
    /** Served at once. */
    servedAtOnce: number;
    /** Served after waiting for a copy. */
    delayed: number;
    /** The client gave up, or was still waiting at the end. */
    failed: number;
    /** InvokeEndpoint calls that found no copy. */
    failedCalls: number;
    /** Longest wait of a served request, seconds. */
    maxWaitSeconds: number;
    /** Requests still waiting when the window ended (included in `failed`). */
    unservedAtEnd: number;
    /** Requests outside [start, end), not simulated. */
    outsideWindow: number;
    /** Ticks the loop executed (idle stretches are skipped). */
    ticks: number;
}

export interface TwinResult {
    readonly outcomes: readonly RequestOutcome[];
    readonly summary: TwinSummary;
    readonly events: readonly TwinEvent[];
    /** Instance-seconds billed per endpoint. */
    readonly instanceSeconds: Readonly<Record<string, number>>;
    /** Instance-seconds billed per endpoint and instance type (the pools that served). */
    readonly instanceSecondsByType: Readonly<Record<string, Readonly<Record<string, number>>>>;
    /** Serving-copy seconds, all components. */
    readonly copySeconds: number;
    /** Every copy started after create, with exact times. */
    readonly copyStarts: readonly { component: string; requestedAt: number; servingAt: number; instanceType: string; cached: boolean }[];
}
