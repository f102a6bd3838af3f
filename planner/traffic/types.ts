/** One request of a traffic trace. */
export interface TrafficRequest {
    /** Arrival, epoch seconds (fractions allowed). */
    readonly time: number;
    /** Seconds the request occupies a copy once served. */
    readonly duration: number;
}

/** Requests in arrival order, produced lazily: a generator or a streamed file, never a materialised array. */
export type TrafficSource = Iterable<TrafficRequest> | AsyncIterable<TrafficRequest>;

/** A named trace and, for generated traffic, the window it covers. */
export interface Traffic {
    /** Shown in reports: `weekdays`, `sporadic`, `dev` or the file name. */
    readonly name: string;
    readonly requests: TrafficSource;
    /** The time span the trace describes, epoch seconds [start, end). Files have none: it is derived. */
    readonly window?: { readonly start: number; readonly end: number };
}
