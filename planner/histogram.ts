/**
 * Bounded-memory latency quantiles: a fixed set of logarithmic buckets (the DDSketch layout). Memory is a
 * constant ~1,000 counters whatever the number of requests.
 *
 * Precision: a quantile is reported within ±`relativeAccuracy` (default 1 %) of the true nearest-rank value for
 * values between `minSeconds` and `maxSeconds`; values below `minSeconds` (default 1 ms) count as 0; the maximum
 * is tracked exactly.
 */
export class LatencyHistogram {
    private readonly counts: Float64Array;
    private readonly gamma: number;
    private readonly logGamma: number;
    private zeroCount = 0;
    private total = 0;
    private maximum = 0;

    constructor(
        private readonly minSeconds = 0.001,
        maxSeconds = 7 * 86_400,
        readonly relativeAccuracy = 0.01,
    ) {
        if (!(minSeconds > 0) || !(maxSeconds > minSeconds) || !(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new Error("LatencyHistogram needs 0 < minSeconds < maxSeconds and 0 < relativeAccuracy < 1");
        }
        this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        this.logGamma = Math.log(this.gamma);
        this.counts = new Float64Array(Math.ceil(Math.log(maxSeconds / minSeconds) / this.logGamma) + 1);
    }

    /** Number of recorded values. */
    get count(): number {
        return this.total;
    }

    /** Largest recorded value (exact). */
    get max(): number {
        return this.maximum;
    }

    record(seconds: number): void {
        this.total++;
        if (seconds > this.maximum) {
            this.maximum = seconds;
        }
        if (seconds < this.minSeconds) {
            this.zeroCount++;
            return;
        }
        const index = Math.ceil(Math.log(seconds / this.minSeconds) / this.logGamma);
        this.counts[Math.min(index, this.counts.length - 1)]++;
    }

    /** Nearest-rank quantile, `q` in [0, 1]; 0 when nothing was recorded. */
    quantile(q: number): number {
        if (this.total === 0) {
            return 0;
        }
        const rank = Math.max(1, Math.ceil(q * this.total));
        let seen = this.zeroCount;
        if (seen >= rank) {
            return 0;
        }
        for (let i = 0; i < this.counts.length; i++) {
            seen += this.counts[i];
            if (seen >= rank) {
                // Midpoint (in relative terms) of the bucket (min·γ^(i-1), min·γ^i]; never above the exact max.
                const estimate = (2 * this.minSeconds * Math.pow(this.gamma, i)) / (this.gamma + 1);
                return Math.min(estimate, this.maximum);
            }
        }
        return this.maximum;
    }
}
