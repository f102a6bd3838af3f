import { DEFAULTS } from "../components/defaults";
import { configVariant } from "../twin/configVariant";
import { PLANNER_DEFAULTS } from "./defaults";
import { PlannerMode, ResolvedMode, modeName } from "./modes";
import { parseScheduleTime } from "./weeklySchedule";

const ENDPOINT = "scale-to-zero:endpoint";
const COMPONENTS = "scale-to-zero:inferenceComponents";
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** A planner mode as a configuration variant of the stack: what the twin runs for that row of the report. */
export interface StackVariant {
    readonly name: string;
    readonly kind: ResolvedMode["kind"];
    readonly description: string;
    /** The stack's `config:` map for this mode (the configured mode: the stack's own). */
    readonly config: Record<string, unknown>;
}

/**
 * Turns a mode into the stack config that deploys it, changing only component `key` and the endpoint: always-on
 * raises the copy and instance minimums, target tracking (e.g. the seed default) replaces the copy scaling,
 * an idle timeout sets `idleTimeoutMinutes`, a weekly schedule sets `endpoint.schedule`. Every variant but the
 * configured one drops the settings of the other modes (idle timeout, schedule), so each row shows one mechanism.
 * The variant still goes through the stack program's validation: a mode the stack cannot deploy fails naming it.
 */
export function stackVariant(config: Record<string, unknown>, key: string, mode: PlannerMode, configured = false): StackVariant {
    const name = modeName(mode);
    if (configured) {
        return { name, kind: mode.kind, description: "the stack's own resources", config };
    }
    const component = (changes: Record<string, unknown>) => ({ [COMPONENTS]: { [key]: changes } });
    const only = { [ENDPOINT]: { schedule: null } };
    const scalingOf = (c: Record<string, unknown>): Record<string, unknown> =>
        ((((c[COMPONENTS] as Record<string, any> | undefined)?.[key] ?? {}) as Record<string, any>).scaling ?? {}) as Record<string, unknown>;
    const base = configVariant(config, { ...only, ...component({ scaling: { idleTimeoutMinutes: null } }) });
    switch (mode.kind) {
        case "always-on": {
            const min = Number(scalingOf(config).minCopies ?? DEFAULTS.scaling.minCopies);
            const copies = mode.copies ?? Math.max(1, min);
            const endpoint = (config[ENDPOINT] ?? {}) as Record<string, unknown>;
            const minInstances = Math.max(1, Number(endpoint.minInstanceCount ?? DEFAULTS.endpoint.minInstanceCount));
            return {
                name,
                kind: mode.kind,
                description: `at least ${copies} cop${copies === 1 ? "y" : "ies"} and ${minInstances} instance${minInstances === 1 ? "" : "s"}`,
                config: configVariant(base, { [ENDPOINT]: { minInstanceCount: minInstances }, ...component({ scaling: { minCopies: copies } }) }),
            };
        }
        case "target-tracking":
            return {
                name,
                kind: mode.kind,
                description: mode.scaling ? "target tracking + wake-up, scaling replaced" : "target tracking + wake-up (no idle timeout, no schedule)",
                config: mode.scaling ? configVariant(base, component({ scaling: { ...scalingOf(base), ...mode.scaling } })) : base,
            };
        case "idle-timeout": {
            // An idle timeout scales to zero: on a stack kept warm (prod) the what-if also lowers the minimums to 0,
            // as the component requires (an idle timeout with minCopies >= 1 is rejected), like the schedule mode.
            const endpoint = (config[ENDPOINT] ?? {}) as Record<string, unknown>;
            const warm =
                Number(scalingOf(config).minCopies ?? DEFAULTS.scaling.minCopies) > 0 ||
                Number(endpoint.minInstanceCount ?? DEFAULTS.endpoint.minInstanceCount) > 0;
            return {
                name,
                kind: mode.kind,
                description: `idleTimeoutMinutes ${mode.idleMinutes}${warm ? " (minCopies and minInstanceCount 0)" : ""}`,
                config: configVariant(base, {
                    ...(warm && { [ENDPOINT]: { minInstanceCount: 0 } }),
                    ...component({ scaling: { idleTimeoutMinutes: mode.idleMinutes, ...(warm && { minCopies: 0 }) } }),
                }),
            };
        }
        case "weekly-schedule": {
            const schedule = scheduleConfig(mode, name);
            return {
                name,
                kind: mode.kind,
                description: `schedule ${schedule.method}: off ${schedule.scaleInCron}, on ${schedule.scaleOutCron} (${schedule.timezone})`,
                config: configVariant(base, { [ENDPOINT]: { schedule, minInstanceCount: 0 }, ...component({ scaling: { minCopies: 0 } }) }),
            };
        }
    }
}

/** The stack's `endpoint.schedule` for a weekly-schedule mode: one action to 0 and one back on. */
function scheduleConfig(mode: Extract<PlannerMode, { kind: "weekly-schedule" }>, name: string) {
    const d = PLANNER_DEFAULTS.schedule;
    const actions = mode.actions ?? d.actions;
    const off = actions.filter((a) => a.copies === 0);
    const on = actions.filter((a) => a.copies > 0);
    if (off.length !== 1 || on.length !== 1) {
        throw new Error(`mode ${name}: a stack schedule has exactly one action to 0 copies and one back on (got ${actions.map((a) => `${a.at}=${a.copies}`).join(", ")})`);
    }
    const hold = mode.holdScheduledCopies ?? d.holdScheduledCopies;
    return {
        // autoscaling: the counts hold and nothing wakes it off-hours; scheduler: set once, wake-ups stay on.
        method: hold ? "autoscaling" : "scheduler",
        timezone: mode.timeZone ?? d.timeZone,
        scaleInCron: cron(off[0].at),
        scaleOutCron: cron(on[0].at),
        scaleOutCopies: on[0].copies,
    };
}

/** `DAYS HH:MM` or a cron expression as the AWS cron expression the stack takes. */
function cron(at: string): string {
    if (/^cron\(/i.test(at.trim())) {
        return at.trim();
    }
    const { weekdays, minuteOfDay } = parseScheduleTime(at);
    const days = weekdays.every(Boolean) ? "*" : DAY_NAMES.filter((_, i) => weekdays[i]).join(",");
    return `cron(${minuteOfDay % 60} ${Math.floor(minuteOfDay / 60)} ? * ${days} *)`;
}
