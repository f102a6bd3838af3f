import { StepPolicyModel, TargetTrackingModel } from "./stackModel";

/** The scalable target's limits (scheduled actions change them). */
export interface Limits {
    min: number;
    max: number;
}

/** What a policy wants done: the new desired capacity, or nothing. */
export type Decision = number | undefined;

/** Clamps to the target's limits ("Application Auto Scaling scalable targets": desired stays within min/max). */
export function clamp(capacity: number, limits: Limits): number {
    return Math.max(limits.min, Math.min(limits.max, capacity));
}

/**
 * A step scaling policy ("Step scaling policies for Application Auto Scaling", Application Auto Scaling User
 * Guide): bounds are relative to the alarm threshold (lower inclusive and upper exclusive above the threshold,
 * the reverse below); adjustment types ChangeInCapacity / ExactCapacity / PercentChangeInCapacity; cooldown:
 * during a scale-out cooldown only a larger scale-out than the one that started it is applied, during a
 * scale-in cooldown no scale-in is.
 */
export class StepPolicyTwin {
    private lastScaleOut?: { at: number; from: number; to: number };
    private lastScaleIn?: number;

    constructor(readonly policy: StepPolicyModel) {}

    /** `value` is the alarm's metric value, undefined when every datapoint was missing. */
    decide(now: number, current: number, value: number | undefined, alarm: { threshold: number; below: boolean }, limits: Limits, allMissing: "apply" | "skip"): Decision {
        if (value === undefined && allMissing === "skip") {
            return undefined;
        }
        // No value: the threshold itself, on the side the alarm breaches.
        const diff = value === undefined ? 0 : value - alarm.threshold;
        const below = value === undefined ? alarm.below : diff < 0;
        const step = this.policy.steps.find((s) => within(s, diff, below));
        if (!step) {
            return undefined;
        }
        const raw = this.apply(step.adjustment, current);
        const inScaleOutCooldown = this.lastScaleOut !== undefined && now - this.lastScaleOut.at < this.policy.cooldown;
        if (raw > current) {
            // While in cooldown, the capacity the last scale-out added counts as already added.
            const base = inScaleOutCooldown ? this.apply(step.adjustment, this.lastScaleOut!.from) : raw;
            const next = clamp(inScaleOutCooldown ? base : raw, limits);
            if (inScaleOutCooldown && next <= this.lastScaleOut!.to) {
                return undefined;
            }
            if (next > current) {
                this.lastScaleOut = { at: now, from: current, to: next };
                return next;
            }
            return undefined;
        }
        if (raw < current) {
            if (this.lastScaleIn !== undefined && now - this.lastScaleIn < this.policy.cooldown) {
                return undefined;
            }
            const next = clamp(raw, limits);
            if (next < current) {
                this.lastScaleIn = now;
                return next;
            }
        }
        return undefined;
    }

    private apply(adjustment: number, current: number): number {
        switch (this.policy.adjustmentType) {
            case "ChangeInCapacity":
                return current + adjustment;
            case "ExactCapacity":
                return adjustment;
            case "PercentChangeInCapacity": {
                const change = (current * adjustment) / 100;
                return current + (change < 0 ? Math.floor(change) : Math.ceil(change));
            }
            default:
                throw new Error(`twin: policy ${this.policy.name}: adjustment type ${JSON.stringify(this.policy.adjustmentType)} is not supported`);
        }
    }
}

function within(step: { lower?: number; upper?: number }, diff: number, below: boolean): boolean {
    const lower = step.lower ?? -Infinity;
    const upper = step.upper ?? Infinity;
    return !below ? diff >= lower && diff < upper : diff > lower && diff <= upper;
}

/**
 * Target tracking on ConcurrentRequestsPerCopy (high resolution) with the alarms Application Auto Scaling creates
 * for it ("Target tracking scaling policies", "Scale an inference component to zero", SageMaker Developer Guide):
 * scale out after `scaleOutPoints` 10-s datapoints above target, scale in after `scaleInPoints` below (90 = 15
 * minutes), to ceil(copies × metric / target). No datapoints (no copy) means no action: target tracking cannot
 * scale out from zero.
 */
export class TargetTrackingTwin {
    private above = 0;
    /** The consecutive datapoints below target, newest last (at most `scaleInPoints`). */
    private readonly below: number[] = [];
    private lastScaleOut = -Infinity;
    private lastScaleIn = -Infinity;

    constructor(readonly policy: TargetTrackingModel, private readonly scaleOutPoints = 3, private readonly scaleInPoints = 90) {}

    /** Feeds one 10-s datapoint (undefined: missing) and returns the new desired capacity, if any. */
    decide(now: number, current: number, serving: number, value: number | undefined, limits: Limits): Decision {
        if (value === undefined) {
            this.above = 0;
            this.below.length = 0;
            return undefined;
        }
        const target = this.policy.targetValue;
        this.above = value > target ? this.above + 1 : 0;
        if (value < target) {
            this.below.push(value);
            if (this.below.length > this.scaleInPoints) {
                this.below.shift();
            }
        } else {
            this.below.length = 0;
        }
        const copies = Math.max(serving, 1);
        if (this.above >= this.scaleOutPoints) {
            const next = clamp(Math.ceil((copies * value) / target), limits);
            if (next > current && (now - this.lastScaleOut >= this.policy.scaleOutCooldown || next > current + 1)) {
                this.lastScaleOut = now;
                return next;
            }
        }
        if (!this.policy.disableScaleIn && this.below.length >= this.scaleInPoints && now - this.lastScaleIn >= this.policy.scaleInCooldown) {
            // Enough copies for the busiest datapoint of the window.
            const next = clamp(Math.ceil((copies * Math.max(...this.below)) / target), limits);
            if (next < current) {
                this.lastScaleIn = now;
                this.below.length = 0;
                return next;
            }
        }
        return undefined;
    }
}
