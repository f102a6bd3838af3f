import { CopyScaling } from "../components/args";
import { DEFAULTS } from "../components/defaults";
import { PLANNER_DEFAULTS } from "./defaults";
import { PlannerSettings, ResolvedScaling, resolveScaling, scalingProblems } from "./settings";
import { WeeklySchedule, WeeklyScheduleAction } from "./weeklySchedule";

/** Always warm: target tracking scales out, never below `copies` (default max(1, minCopies)). */
export interface AlwaysOnMode {
    readonly kind: "always-on";
    readonly name?: string;
    /** Copies kept warm around the clock. Default max(1, the stack's minCopies). */
    readonly copies?: number;
}

/**
 * Scale to zero as the AWS samples deploy it: target tracking (scales in to `minCopies` after 15 idle minutes) plus
 * the `NoCapacityInvocationFailures` wake-up alarm. `scaling` overrides the stack's copy scaling field by field.
 */
export interface TargetTrackingMode {
    readonly kind: "target-tracking";
    readonly name?: string;
    readonly scaling?: CopyScaling;
}

/**
 * Idle timeout: copies go to 0 after `idleMinutes` with no request in flight; until then target tracking keeps at
 * least one copy. The wake-up alarm brings the first copy back.
 */
export interface IdleTimeoutMode {
    readonly kind: "idle-timeout";
    readonly name?: string;
    /** Minutes without requests before copies go to 0. */
    readonly idleMinutes: number;
}

/** Weekly schedule: scheduled actions set the copy count (e.g. 0 on Friday 18:00, 1 on Monday 07:00). */
export interface WeeklyScheduleMode {
    readonly kind: "weekly-schedule";
    readonly name?: string;
    /** IANA time zone of the action times. Default UTC. */
    readonly timeZone?: string;
    /** The actions. Default MON 07:00 → 1 copy, FRI 18:00 → 0. */
    readonly actions?: readonly WeeklyScheduleAction[];
    /**
     * true (default): a scheduled count is also the floor until the next action (an Application Auto Scaling
     * scheduled action on MinCapacity). false: the action only sets the count once; target tracking may then
     * scale in after 15 idle minutes (an EventBridge `updateInferenceComponentRuntimeConfig` target).
     */
    readonly holdScheduledCopies?: boolean;
    /** Whether requests outside the warm window wake the endpoint (the wake-up alarm stays active). Default true. */
    readonly wakeUpOnDemand?: boolean;
}

/** A way to run the endpoint that the planner can simulate and price. */
export type PlannerMode = AlwaysOnMode | TargetTrackingMode | IdleTimeoutMode | WeeklyScheduleMode;

/** A mode turned into the simulator's rules. */
export interface ResolvedMode {
    readonly name: string;
    readonly kind: PlannerMode["kind"];
    readonly description: string;
    readonly scaling: ResolvedScaling;
    /** Target tracking never scales in below this. */
    readonly trackingFloor: number;
    /** Instances never go below this. */
    readonly minInstances: number;
    /** Copies at the start of the simulation (before `startCold`). */
    readonly initialCopies: number;
    /** Seconds without requests before copies go to 0, when the mode has an idle timeout. */
    readonly idleTimeoutSeconds?: number;
    readonly schedule?: WeeklySchedule;
    readonly holdScheduledCopies: boolean;
    readonly wakeUpOnDemand: boolean;
}

/** Choices of the standard mode set. */
export interface StandardModeOptions {
    /** Idle timeouts to compare, minutes. Default 10, 30 and 60. */
    readonly idleTimeoutMinutes?: readonly number[];
    /** The weekly schedule to compare. Default MON 07:00 → 1, FRI 18:00 → 0 (UTC). */
    readonly schedule?: Omit<WeeklyScheduleMode, "kind" | "name">;
    /**
     * The stack's configured mode. Default: target tracking with the stack's scaling. When the stack gains an
     * idle timeout or a schedule, pass the matching mode here.
     */
    readonly configured?: PlannerMode;
}

/**
 * The modes compared by default: always-on, the seed default (the AWS samples' target tracking + wake-up with the
 * package defaults), idle timeouts, a weekly schedule, and the stack's configured mode.
 */
export function standardModes(options: StandardModeOptions = {}): PlannerMode[] {
    const idle = options.idleTimeoutMinutes ?? PLANNER_DEFAULTS.idleTimeoutMinutes;
    return [
        { kind: "always-on", name: "always-on" },
        { kind: "target-tracking", name: "seed-default", scaling: DEFAULTS.scaling },
        ...idle.map((minutes): PlannerMode => ({ kind: "idle-timeout", idleMinutes: minutes })),
        { kind: "weekly-schedule", name: "weekly-schedule", ...options.schedule },
        { ...(options.configured ?? { kind: "target-tracking" }), name: "configured" },
    ];
}

/** Default name of a mode. */
export function modeName(mode: PlannerMode): string {
    if (mode.name) {
        return mode.name;
    }
    switch (mode.kind) {
        case "always-on":
            return "always-on";
        case "target-tracking":
            return "target-tracking";
        case "idle-timeout":
            return `idle-${mode.idleMinutes}m`;
        case "weekly-schedule":
            return "weekly-schedule";
    }
}

/** Resolves a mode against the stack's settings; throws naming the mode and the problem. */
export function resolveMode(mode: PlannerMode, settings: PlannerSettings): ResolvedMode {
    const name = modeName(mode);
    const stack = settings.scaling;
    const fail = (problem: string): never => {
        throw new Error(`mode ${name}: ${problem}`);
    };
    const base = {
        name,
        kind: mode.kind,
        minInstances: settings.minInstances,
        holdScheduledCopies: false,
        wakeUpOnDemand: true,
    };
    switch (mode.kind) {
        case "always-on": {
            const copies = mode.copies ?? Math.max(1, stack.minCopies);
            if (!Number.isInteger(copies) || copies < 1 || copies > stack.maxCopies) {
                fail(`copies must be an integer 1–maxCopies (${stack.maxCopies}) (got ${copies})`);
            }
            const floorInstances = Math.ceil(copies / settings.copiesPerInstance);
            if (floorInstances > settings.maxInstances) {
                fail(`${copies} copies need ${floorInstances} instances, above maxInstanceCount ${settings.maxInstances}`);
            }
            return {
                ...base,
                description: `${copies} cop${copies === 1 ? "y" : "ies"} always warm`,
                scaling: { ...stack, minCopies: copies },
                trackingFloor: copies,
                minInstances: Math.max(settings.minInstances, floorInstances),
                initialCopies: Math.max(copies, stack.initialCopies),
            };
        }
        case "target-tracking": {
            const scaling = mode.scaling ? resolveScaling({ ...stack, ...mode.scaling }) : stack;
            const problems = scalingProblems(scaling);
            if (problems.length > 0) {
                fail(problems.join("; "));
            }
            return {
                ...base,
                description:
                    scaling.minCopies === 0
                        ? `target tracking to 0 + wake-up alarm (target ${scaling.targetConcurrentRequestsPerCopy}/copy)`
                        : `target tracking, at least ${scaling.minCopies} cop${scaling.minCopies === 1 ? "y" : "ies"}`,
                scaling,
                trackingFloor: scaling.minCopies,
                initialCopies: scaling.initialCopies,
            };
        }
        case "idle-timeout": {
            if (!(mode.idleMinutes > 0) || !Number.isFinite(mode.idleMinutes)) {
                fail(`idleMinutes must be a number > 0 (got ${mode.idleMinutes})`);
            }
            return {
                ...base,
                description: `0 copies after ${mode.idleMinutes} min without requests`,
                scaling: stack,
                trackingFloor: Math.max(1, stack.minCopies),
                initialCopies: Math.max(1, stack.initialCopies),
                idleTimeoutSeconds: mode.idleMinutes * 60,
            };
        }
        case "weekly-schedule": {
            const d = PLANNER_DEFAULTS.schedule;
            const timeZone = mode.timeZone ?? d.timeZone;
            const actions = mode.actions ?? d.actions;
            let schedule: WeeklySchedule;
            try {
                schedule = new WeeklySchedule(actions, timeZone);
            } catch (error) {
                return fail((error as Error).message);
            }
            for (const action of schedule.actions) {
                if (action.copies > stack.maxCopies) {
                    fail(`schedule ${action.label} sets more copies than maxCopies (${stack.maxCopies})`);
                }
            }
            const hold = mode.holdScheduledCopies ?? d.holdScheduledCopies;
            const wake = mode.wakeUpOnDemand ?? d.wakeUpOnDemand;
            return {
                ...base,
                description: `${schedule.actions.map((a) => a.label).join(", ")} (${timeZone})${wake ? "" : ", no wake-up"}`,
                scaling: stack,
                trackingFloor: stack.minCopies,
                initialCopies: stack.initialCopies,
                schedule,
                holdScheduledCopies: hold,
                wakeUpOnDemand: wake,
            };
        }
    }
}
