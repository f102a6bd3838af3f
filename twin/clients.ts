/** A request to one inference component, and how its client behaves when the component has no capacity. */
export interface TwinRequest {
    /** Epoch seconds. */
    readonly time: number;
    /** Inference component name. */
    readonly component: string;
    /** Seconds the model takes once a copy serves it. Default 2. */
    readonly durationSeconds?: number;
    /**
     * `hold`: like ScaleToZeroClient, one failed call, then it polls until a copy is up and sends again.
     * `retry`: sends again after `retryDelaySeconds` until served or out of attempts. Default `hold`.
     */
    readonly client?: "hold" | "retry";
}

/** Client timing. */
export interface ClientBehaviour {
    /** Seconds before retry number `retry` (1 = the first) of a retrying client. Default 10 s every time. */
    readonly retryDelaySeconds: (retry: number) => number;
    /** Calls a retrying client makes in all before it gives up. Default unlimited (the deadline decides). */
    readonly maxAttempts: number;
    /** A holding client's DescribeInferenceComponent poll interval. Default 10 s. */
    readonly pollSeconds: number;
    /** Both give up after this long (ScaleToZeroClient's default deadline: 10 minutes). */
    readonly deadlineSeconds: number;
    /**
     * A holding client wakes the component itself on its first failed call (desired copies 0 → 1, never lower),
     * as `ScaleToZeroClient({ wake: true })` does. Default false.
     */
    readonly wakesEndpoint: boolean;
}

export const DEFAULT_CLIENT: ClientBehaviour = {
    retryDelaySeconds: () => 10,
    maxAttempts: Infinity,
    pollSeconds: 10,
    deadlineSeconds: 600,
    wakesEndpoint: false,
};

/** What happened to one request. */
export interface RequestOutcome {
    readonly request: TwinRequest;
    /** When a copy started serving it; undefined when the client gave up. */
    servedAt?: number;
    /** Calls that failed with no capacity (each counts in NoCapacityInvocationFailures). */
    failedCalls: number;
}
