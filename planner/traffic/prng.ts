/**
 * Seeded pseudo-random numbers (mulberry32): tiny, fast and deterministic, so a generated trace is the same on
 * every machine for the same seed. Not for cryptography.
 */
export class Prng {
    private state: number;

    constructor(seed: number) {
        if (!Number.isInteger(seed)) {
            throw new Error(`seed must be an integer (got ${seed})`);
        }
        this.state = seed >>> 0;
    }

    /** Uniform in [0, 1). */
    next(): number {
        let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    }

    /** Exponentially distributed with the given mean (inter-arrival times of a Poisson process). */
    exponential(mean: number): number {
        return -Math.log(1 - this.next()) * mean;
    }

    /** Uniform in [low, high). */
    uniform(low: number, high: number): number {
        return low + (high - low) * this.next();
    }

    /** Poisson-distributed count with the given mean (Knuth for small means, normal approximation above 30). */
    poisson(mean: number): number {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            const u1 = 1 - this.next();
            const u2 = this.next();
            const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
        }
        const limit = Math.exp(-mean);
        let k = 0;
        let p = this.next();
        while (p > limit) {
            k++;
            p *= this.next();
        }
        return k;
    }
}
