/**
 * The stack settings the planner simulates, read and validated by the stack program's own config loader, so the
 * planner sees exactly what `pulumi up` would deploy.
 */
import * as path from "path";
import { EndpointArgs, InferenceComponentArgs } from "../components/args";
import { DEFAULTS } from "../components/defaults";
import { parseStackConfig } from "../config";
import { readStackConfigFile } from "../stackFile";
import { PlannerMode, StandardModeOptions } from "./modes";

export { stackFilePath } from "../stackFile";

/** What the planner reads from a stack. */
export interface StackSettings {
    readonly endpoint: EndpointArgs;
    readonly inferenceComponents: Readonly<Record<string, InferenceComponentArgs>>;
}

/** Validates a stack's raw `config:` map with `parseStackConfig` and picks the endpoint and its components. */
export function stackSettingsFromConfig(raw: Record<string, unknown>, source = "stack config"): StackSettings {
    try {
        const { inferenceComponents, tags, ...endpoint } = parseStackConfig(raw).model;
        return { endpoint: tags ? { ...endpoint, tags } : endpoint, inferenceComponents: inferenceComponents ?? {} };
    } catch (error) {
        throw new Error(`${source}: ${(error as Error).message}`);
    }
}

/** Reads a stack file and picks the planner's settings. */
export function readStackSettings(file: string): StackSettings {
    return stackSettingsFromConfig(readStackConfigFile(file), path.basename(file));
}

/** Picks one component: the named one, or the only one. */
export function pickComponent(settings: StackSettings, key?: string): { key: string; component: InferenceComponentArgs } {
    const keys = Object.keys(settings.inferenceComponents);
    if (key !== undefined) {
        const component = settings.inferenceComponents[key];
        if (!component) {
            throw new Error(`no inference component ${JSON.stringify(key)} in the stack (components: ${keys.join(", ")})`);
        }
        return { key, component };
    }
    if (keys.length > 1) {
        throw new Error(`the stack has ${keys.length} inference components (${keys.join(", ")}): choose one with --component`);
    }
    return { key: keys[0], component: settings.inferenceComponents[keys[0]] };
}

/**
 * The modes a stack deploys, for the planner's comparison: its weekly schedule (the `weekly-schedule` row) and its
 * configured mode. A stack with both an idle timeout and a schedule is simulated as the idle timeout in the
 * `configured` row and as its schedule in the `weekly-schedule` row (the planner runs one rule set per row).
 */
export function stackModes(endpoint: EndpointArgs, component: InferenceComponentArgs): Pick<StandardModeOptions, "configured" | "schedule"> {
    const s = endpoint.schedule;
    const schedule = s && {
        timeZone: s.timezone,
        actions: [
            { at: s.scaleInCron, copies: 0 },
            { at: s.scaleOutCron, copies: s.scaleOutCopies ?? DEFAULTS.schedule.scaleOutCopies },
        ],
        // autoscaling: scheduled actions set min/max (the count holds; max 0 means nothing wakes it off-hours).
        // scheduler: the count is set once; target tracking and the wake-up alarm stay in charge.
        holdScheduledCopies: (s.method ?? DEFAULTS.schedule.method) === "autoscaling",
        wakeUpOnDemand: (s.method ?? DEFAULTS.schedule.method) === "scheduler",
    };
    const idle = component.scaling?.idleTimeoutMinutes;
    const configured: PlannerMode | undefined =
        idle !== undefined
            ? { kind: "idle-timeout", idleMinutes: idle }
            : schedule
              ? { kind: "weekly-schedule", ...schedule }
              : undefined;
    return { configured, schedule };
}
