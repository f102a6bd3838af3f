import { CopyScaling, EndpointArgs, InferenceComponentArgs } from "../components/args";
import { DEFAULTS } from "../components/defaults";
import { resolveCopyScaling } from "../components/settings";
import { validateScaling } from "../components/validate";
import { InstanceOverrides, ResolvedInstance, resolveInstance } from "./prices";

/** Copy scaling with every default applied (from `components/defaults.ts`). */
export interface ResolvedScaling {
    readonly minCopies: number;
    readonly maxCopies: number;
    readonly initialCopies: number;
    readonly targetConcurrentRequestsPerCopy: number;
    readonly scaleInCooldownSeconds: number;
    readonly scaleOutCooldownSeconds: number;
    readonly wakeUpCooldownSeconds: number;
    readonly wakeUpAlarmPeriodSeconds: number;
}

/** What the planner needs from one inference component on its endpoint, defaults applied and checked. */
export interface PlannerSettings {
    readonly instance: ResolvedInstance;
    /** Accelerators one copy needs (`compute.acceleratorCount`). */
    readonly acceleratorCount: number;
    /** Copies that fit on one instance: instance accelerators / acceleratorCount, rounded down. */
    readonly copiesPerInstance: number;
    readonly minInstances: number;
    readonly maxInstances: number;
    readonly initialInstances: number;
    /** The stack's copy scaling for this component. */
    readonly scaling: ResolvedScaling;
}

/** Applies `DEFAULTS.scaling` to a (partial) copy scaling: the component package's own resolution. */
export function resolveScaling(scaling: CopyScaling | undefined): ResolvedScaling {
    const { idleTimeoutMinutes: _idle, ...resolved } = resolveCopyScaling(scaling);
    return resolved;
}

/** Pure validator of a resolved scaling (the component package's rules): every problem, empty when valid. */
export function scalingProblems(scaling: ResolvedScaling): string[] {
    const problems: string[] = [];
    validateScaling(problems, "scaling", scaling);
    return problems;
}

/**
 * Resolves the planner's view of one inference component: its instance type (accelerators, price), how many
 * copies fit on an instance, instance limits and copy scaling. Throws one error listing every problem.
 */
export function resolvePlannerSettings(
    endpoint: EndpointArgs,
    component: InferenceComponentArgs,
    instanceOverrides: InstanceOverrides = {},
): PlannerSettings {
    const instance = resolveInstance(endpoint.instanceType, instanceOverrides);
    const d = DEFAULTS.endpoint;
    const minInstances = endpoint.minInstanceCount ?? d.minInstanceCount;
    const maxInstances = endpoint.maxInstanceCount ?? d.maxInstanceCount;
    const initialInstances = endpoint.initialInstanceCount ?? d.initialInstanceCount;
    const acceleratorCount = component.compute?.acceleratorCount;
    const scaling = resolveScaling(component.scaling);
    const problems = scalingProblems(scaling);
    if (!Number.isInteger(minInstances) || minInstances < 0) {
        problems.push(`endpoint.minInstanceCount must be an integer ≥ 0 (got ${JSON.stringify(minInstances)})`);
    }
    if (!Number.isInteger(maxInstances) || maxInstances < 1) {
        problems.push(`endpoint.maxInstanceCount must be an integer ≥ 1 (got ${JSON.stringify(maxInstances)})`);
    }
    if (minInstances > maxInstances) {
        problems.push(`endpoint.minInstanceCount (${minInstances}) must not exceed maxInstanceCount (${maxInstances})`);
    }
    if (!Number.isInteger(initialInstances) || initialInstances < 0 || initialInstances > maxInstances) {
        problems.push(`endpoint.initialInstanceCount must be an integer 0–maxInstanceCount (got ${JSON.stringify(initialInstances)})`);
    }
    let copiesPerInstance = 0;
    if (typeof acceleratorCount !== "number" || !Number.isInteger(acceleratorCount) || acceleratorCount < 1) {
        problems.push(`compute.acceleratorCount must be an integer ≥ 1 (got ${JSON.stringify(acceleratorCount)})`);
    } else {
        copiesPerInstance = Math.floor(instance.accelerators / acceleratorCount);
        if (copiesPerInstance < 1) {
            problems.push(
                `compute.acceleratorCount ${acceleratorCount} does not fit on ${instance.instanceType} ` +
                    `(${instance.accelerators} accelerator${instance.accelerators === 1 ? "" : "s"} per instance)`,
            );
        }
    }
    if (problems.length > 0) {
        throw new Error(`invalid planner settings: ${problems.join("; ")}`);
    }
    return {
        instance,
        acceleratorCount: acceleratorCount as number,
        copiesPerInstance,
        minInstances,
        maxInstances,
        initialInstances,
        scaling,
    };
}
