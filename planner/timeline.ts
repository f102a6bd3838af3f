/** One point of a downsampled timeline: counts summed and levels maximised over [start, end). */
export interface TimelinePoint {
    readonly start: number;
    readonly end: number;
    /** Requests that arrived. */
    readonly requests: number;
    /** Requests lost (client gave up or failed at once). */
    readonly failed: number;
    /** Most copies serving at any time in the span. */
    readonly copies: number;
    /** Most instances (ready or starting) at any time in the span. */
    readonly instances: number;
}

/**
 * Downsampled timeline with a fixed number of points, filled while the simulation streams: when time runs past
 * the last point, neighbouring points merge and the point width doubles. Memory is `maxPoints` whatever the length
 * of the trace, and the end of the trace need not be known in advance.
 */
export class Timeline {
    private width: number;
    private readonly requests: Float64Array;
    private readonly failed: Float64Array;
    private readonly copies: Float64Array;
    private readonly instances: Float64Array;
    private copiesNow = 0;
    private instancesNow = 0;
    /** Points up to this index already include the current levels. */
    private filledThrough = -1;

    constructor(
        private readonly start: number,
        private readonly maxPoints = 600,
        initialWidthSeconds = 60,
    ) {
        if (!Number.isInteger(maxPoints) || maxPoints < 2) {
            throw new Error(`timeline points must be an integer ≥ 2 (got ${maxPoints})`);
        }
        this.width = initialWidthSeconds;
        this.requests = new Float64Array(maxPoints);
        this.failed = new Float64Array(maxPoints);
        this.copies = new Float64Array(maxPoints);
        this.instances = new Float64Array(maxPoints);
    }

    addRequest(time: number): void {
        this.requests[this.indexOf(time)]++;
    }

    addFailure(time: number): void {
        this.failed[this.indexOf(time)]++;
    }

    /** Records the copy and instance levels from `time` on. */
    setLevels(time: number, copies: number, instances: number): void {
        const index = this.indexOf(time);
        this.fillTo(index);
        this.copiesNow = copies;
        this.instancesNow = instances;
        this.copies[index] = Math.max(this.copies[index], copies);
        this.instances[index] = Math.max(this.instances[index], instances);
    }

    /** The points from the start to `end`. */
    points(end: number): TimelinePoint[] {
        const last = this.indexOf(Math.max(this.start, end - 1e-6));
        this.fillTo(last);
        const result: TimelinePoint[] = [];
        for (let i = 0; i <= last; i++) {
            result.push({
                start: this.start + i * this.width,
                end: Math.min(end, this.start + (i + 1) * this.width),
                requests: this.requests[i],
                failed: this.failed[i],
                copies: this.copies[i],
                instances: this.instances[i],
            });
        }
        return result;
    }

    private indexOf(time: number): number {
        let index = Math.max(0, Math.floor((time - this.start) / this.width));
        while (index >= this.maxPoints) {
            this.mergePairs();
            index = Math.max(0, Math.floor((time - this.start) / this.width));
        }
        return index;
    }

    private fillTo(index: number): void {
        for (let i = this.filledThrough + 1; i <= index; i++) {
            this.copies[i] = Math.max(this.copies[i], this.copiesNow);
            this.instances[i] = Math.max(this.instances[i], this.instancesNow);
        }
        this.filledThrough = Math.max(this.filledThrough, index);
    }

    private mergePairs(): void {
        const half = Math.ceil(this.maxPoints / 2);
        for (let i = 0; i < half; i++) {
            const a = 2 * i;
            const b = a + 1 < this.maxPoints ? a + 1 : a;
            this.requests[i] = this.requests[a] + (b !== a ? this.requests[b] : 0);
            this.failed[i] = this.failed[a] + (b !== a ? this.failed[b] : 0);
            this.copies[i] = Math.max(this.copies[a], this.copies[b]);
            this.instances[i] = Math.max(this.instances[a], this.instances[b]);
        }
        for (let i = half; i < this.maxPoints; i++) {
            this.requests[i] = this.failed[i] = this.copies[i] = this.instances[i] = 0;
        }
        // A merged point whose second half was not yet filled must be filled again (max is idempotent).
        this.filledThrough = Math.floor((this.filledThrough - 1) / 2);
        this.width *= 2;
    }
}
