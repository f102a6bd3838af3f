/** Float slack for comparing computed instants and ratios. */
export const EPSILON = 1e-9;

/**
 * The metric target tracking watches: `ConcurrentRequestsPerCopy` (high resolution), one datapoint per period of the
 * time-averaged in-flight requests divided by the serving copies. Keeps the counts of consecutive datapoints above and
 * below target (the two alarms) and the last `windowPoints` datapoints (the scale-in window), nothing more: memory is
 * constant.
 *
 * Periods are closed lazily when time advances; a run of periods in which nothing changed is closed in one step, so
 * a quiet week is one call, not 60,480.
 */
export class ConcurrencyMetric {
    /** End of the open period (periods are aligned to multiples of `period` since the epoch). */
    private periodEnd: number;
    /** Integral of in-flight requests over the open period so far. */
    private area = 0;
    private lastTime: number;
    private lastAverageValue = 0;
    private high = 0;
    private low = 0;
    /** Average in-flight requests of the last `windowPoints` datapoints (ring buffer). */
    private readonly recent: Float64Array;
    private recentPos = 0;

    constructor(
        start: number,
        private readonly period: number,
        private readonly target: number,
        private readonly windowPoints: number,
    ) {
        this.periodEnd = (Math.floor(start / period) + 1) * period;
        this.lastTime = start;
        this.recent = new Float64Array(windowPoints);
    }

    /** End of the period being measured. */
    get openPeriodEnd(): number {
        return this.periodEnd;
    }

    /** Whether the open period already saw load (its datapoint will not be 0). */
    get openPeriodHasLoad(): boolean {
        return this.area > 0;
    }

    /** Consecutive datapoints above target (scale-out alarm). */
    get highCount(): number {
        return this.high;
    }

    /** Consecutive datapoints below target (scale-in alarm). */
    get lowCount(): number {
        return this.low;
    }

    /** Average in-flight requests of the last closed period. */
    get lastAverage(): number {
        return this.lastAverageValue;
    }

    /**
     * Integrates up to `time` with `inflight` requests and `serving` copies constant since the last call, closing
     * every period that ended on the way. Call before either changes.
     */
    advance(time: number, inflight: number, serving: number): void {
        if (time < this.periodEnd) {
            this.area += inflight * (time - this.lastTime);
            this.lastTime = time;
            return;
        }
        this.area += inflight * (this.periodEnd - this.lastTime);
        this.close(this.area / this.period, serving, 1);
        this.lastTime = this.periodEnd;
        this.periodEnd += this.period;
        if (time >= this.periodEnd) {
            // Nothing changed since: every further whole period has the same value. Close them at once.
            const periods = Math.floor((time - this.lastTime) / this.period + EPSILON);
            this.close(inflight, serving, periods);
            this.lastTime += periods * this.period;
            this.periodEnd = this.lastTime + this.period;
        }
        this.area = inflight * (time - this.lastTime);
        this.lastTime = time;
    }

    /** Copies a load needs at target: ceil(load / target). */
    copiesFor(load: number): number {
        return Math.ceil(load / this.target - EPSILON);
    }

    /** Highest datapoint (average in-flight requests) of the scale-in window. */
    windowPeak(): number {
        let peak = 0;
        for (let i = 0; i < this.windowPoints; i++) {
            peak = Math.max(peak, this.recent[i]);
        }
        return peak;
    }

    /**
     * With no load from now on, the first period end at which a scale-in below `desired` copies is possible: the
     * scale-in alarm has its datapoints, the peak of the window's remaining datapoints needs fewer copies, and the
     * cooldown since `lastScaleIn` is over. Infinity when none is (desired already at the floor).
     */
    nextQuietScaleIn(desired: number, floor: number, lastScaleIn: number, cooldownSeconds: number): number {
        const points = this.windowPoints;
        if (desired <= floor) {
            return Infinity;
        }
        // After j more zero periods the newest (points - j) datapoints remain; the smallest j that allows a
        // scale-in wins (a larger j only lowers the remaining peak).
        let best = 0;
        let peak = 0;
        for (let kept = 0; kept < points; kept++) {
            const j = points - kept;
            if (kept > 0) {
                peak = Math.max(peak, this.recentAt(kept - 1));
            }
            if (this.low + j < points || Math.max(floor, this.copiesFor(peak)) >= desired) {
                break;
            }
            best = j;
        }
        if (best === 0) {
            return Infinity;
        }
        let at = this.periodEnd + (best - 1) * this.period;
        const cooldownEnd = lastScaleIn + cooldownSeconds;
        if (at < cooldownEnd) {
            at = this.periodEnd + Math.ceil((cooldownEnd - this.periodEnd) / this.period - EPSILON) * this.period;
        }
        return at;
    }

    /** Closes `count` periods of the same average; with no serving copy the datapoints are missing. */
    private close(average: number, serving: number, count: number): void {
        if (count <= 0) {
            return;
        }
        this.lastAverageValue = average;
        const pushes = Math.min(count, this.windowPoints);
        for (let i = 0; i < pushes; i++) {
            this.recent[this.recentPos] = average;
            this.recentPos = (this.recentPos + 1) % this.windowPoints;
        }
        if (serving === 0) {
            this.high = this.low = 0;
            return;
        }
        const perCopy = average / serving;
        if (perCopy > this.target) {
            this.high += count;
            this.low = 0;
        } else if (perCopy < this.target) {
            this.low += count;
            this.high = 0;
        } else {
            this.high = this.low = 0;
        }
    }

    /** The `index`-th newest datapoint (0 = newest). */
    private recentAt(index: number): number {
        return this.recent[(this.recentPos - 1 - index + 2 * this.windowPoints) % this.windowPoints];
    }
}
