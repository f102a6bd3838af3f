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
     * `retry`: sends again every `retryIntervalSeconds` until served. Default `hold`.
     */
    readonly client?: "hold" | "retry";
}

/** Client timing. */
export interface ClientBehaviour {
    /** A retrying client's interval between attempts. Default 10 s. */
    readonly retryIntervalSeconds: number;
    /** A holding client's DescribeInferenceComponent poll interval. Default 10 s. */
    readonly pollSeconds: number;
    /** Both give up after this long (ScaleToZeroClient's default deadline: 10 minutes). */
    readonly deadlineSeconds: number;
}

export const DEFAULT_CLIENT: ClientBehaviour = { retryIntervalSeconds: 10, pollSeconds: 10, deadlineSeconds: 600 };

/** What happened to one request. */
export interface RequestOutcome {
    readonly request: TwinRequest;
    /** When a copy started serving it; undefined when the client gave up. */
    servedAt?: number;
    /** Calls that failed with no capacity (each counts in NoCapacityInvocationFailures). */
    failedCalls: number;
}
