/**
 * How long the moving parts of scale to zero take. The named profiles are the seed measurements (AWS re:Invent
 * 2024 scale-to-zero launch, Llama 3.1 with container caching and fast model loading, five trials each):
 *   scale-in: 15 min (copies → 0) + 10 min (instances → 0) = 25 min;
 *   scale-out from zero: 8B = 1 (alarm) + 1.748 (instance) + 2.28 (copy) = 5.028 min;
 *                        70B = 1 + 3.018 + 1.984 = 6.002 min.
 * The 1-minute alarm is not a profile field: it is the stack's `wakeUpAlarmPeriodSeconds` (default 60) × 1 datapoint.
 */
export interface TimingProfile {
    /** Profile name, shown in reports. */
    readonly name: string;
    /** Where the figures come from. */
    readonly source: string;
    /** Seconds from requesting an instance to the instance being ready for copies. */
    readonly instanceStartSeconds: number;
    /** Seconds from placing a model copy on a ready instance to the copy serving (download, load, health check). */
    readonly copyStartSeconds: number;
    /** Period of the per-copy concurrency metric (high resolution: 10 s). */
    readonly metricPeriodSeconds: number;
    /** Target tracking scale-out alarm: consecutive datapoints above target (3 × 10 s ≈ 30 s). */
    readonly scaleOutDatapoints: number;
    /** Target tracking scale-in alarm: consecutive datapoints below target (90 × 10 s = 15 min). */
    readonly scaleInDatapoints: number;
    /** Datapoints of the `NoCapacityInvocationFailures` wake-up alarm (1: the first failed request). */
    readonly wakeUpAlarmDatapoints: number;
    /** Extra seconds between the wake-up alarm firing and the copy being requested (evaluation lag; seed: 0). */
    readonly wakeUpExtraDelaySeconds: number;
    /** Seconds an instance with no copies stays before managed instance scaling releases it (seed: 10 min). */
    readonly instanceReleaseSeconds: number;
}

const SEED_SOURCE =
    "AWS scale-to-zero launch measurements (re:Invent 2024), Llama 3.1 with container caching and fast model loading";

/** Scaling mechanics shared by every seed profile (CloudWatch and Application Auto Scaling behaviour). */
const SEED_MECHANICS = {
    metricPeriodSeconds: 10,
    scaleOutDatapoints: 3,
    scaleInDatapoints: 90,
    wakeUpAlarmDatapoints: 1,
    wakeUpExtraDelaySeconds: 0,
    instanceReleaseSeconds: 10 * 60,
} as const;

/** Named timing profiles; pick one with `--profile` or `timing: "llama-3.1-70b"`. */
export const TIMING_PROFILES = {
    "llama-3.1-8b": {
        name: "llama-3.1-8b",
        source: `${SEED_SOURCE}: 8B, 1 + 1.748 + 2.28 = 5.028 min from zero`,
        instanceStartSeconds: 1.748 * 60,
        copyStartSeconds: 2.28 * 60,
        ...SEED_MECHANICS,
    },
    "llama-3.1-70b": {
        name: "llama-3.1-70b",
        source: `${SEED_SOURCE}: 70B, 1 + 3.018 + 1.984 = 6.002 min from zero`,
        instanceStartSeconds: 3.018 * 60,
        copyStartSeconds: 1.984 * 60,
        ...SEED_MECHANICS,
    },
} as const satisfies Record<string, TimingProfile>;

export type TimingProfileName = keyof typeof TIMING_PROFILES;

/** Fields of a profile that may be overridden per model (everything but name and source). */
export type TimingOverrides = Partial<Omit<TimingProfile, "name" | "source">>;

/** Resolves a profile name or object plus per-model overrides into a validated profile. */
export function resolveTimingProfile(profile: TimingProfileName | TimingProfile, overrides: TimingOverrides = {}): TimingProfile {
    let base: TimingProfile;
    if (typeof profile === "string") {
        if (!(profile in TIMING_PROFILES)) {
            throw new Error(`unknown timing profile ${JSON.stringify(profile)} (known: ${Object.keys(TIMING_PROFILES).join(", ")})`);
        }
        base = TIMING_PROFILES[profile];
    } else {
        base = profile;
    }
    const changed = Object.keys(overrides).length > 0;
    const resolved: TimingProfile = {
        ...base,
        ...overrides,
        name: changed ? `${base.name} (overridden)` : base.name,
    };
    const problems = timingProfileProblems(resolved);
    if (problems.length > 0) {
        throw new Error(`timing profile ${resolved.name}: ${problems.join("; ")}`);
    }
    return resolved;
}

/** Pure validator: every problem of a profile, empty when valid. */
export function timingProfileProblems(profile: TimingProfile): string[] {
    const problems: string[] = [];
    const nonNegative: (keyof TimingProfile)[] = ["instanceStartSeconds", "copyStartSeconds", "wakeUpExtraDelaySeconds", "instanceReleaseSeconds"];
    for (const key of nonNegative) {
        const value = profile[key];
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
            problems.push(`${key} must be a number ≥ 0 (got ${JSON.stringify(value)})`);
        }
    }
    if (!(profile.metricPeriodSeconds > 0)) {
        problems.push(`metricPeriodSeconds must be > 0 (got ${profile.metricPeriodSeconds})`);
    }
    for (const key of ["scaleOutDatapoints", "scaleInDatapoints", "wakeUpAlarmDatapoints"] as const) {
        const value = profile[key];
        if (!Number.isInteger(value) || value < 1 || value > 10_000) {
            problems.push(`${key} must be an integer 1–10000 (got ${JSON.stringify(value)})`);
        }
    }
    return problems;
}

/** Names of the numeric fields that `--timing name=value` may set. */
export const TIMING_OVERRIDE_FIELDS = [
    "instanceStartSeconds",
    "copyStartSeconds",
    "metricPeriodSeconds",
    "scaleOutDatapoints",
    "scaleInDatapoints",
    "wakeUpAlarmDatapoints",
    "wakeUpExtraDelaySeconds",
    "instanceReleaseSeconds",
] as const satisfies readonly (keyof TimingOverrides)[];
