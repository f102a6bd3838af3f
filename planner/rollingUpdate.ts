import { InferenceComponentArgs } from "../components/args";
import { DEFAULTS } from "../components/defaults";
import { RollingUpdateSettings, resolveRollingUpdate } from "../components/settings";
import { INSTANCE_CAPACITY, InstanceCapacity } from "../twin/instanceTypes";
import { CopyCompute } from "../twin/stackModel";
import { PlannerSettings } from "./settings";

/** What a rolling update of one component takes: time, batches and the capacity it needs on top of the fleet. */
export interface RollingUpdateEstimate {
    /** Copies replaced per step. */
    readonly batchCopies: number;
    readonly batches: number;
    /** From the first new copy to the last old one removed, with every bake period. */
    readonly durationSeconds: number;
    /** Copies that exist at once: the fleet plus one batch (new copies start before old ones stop). */
    readonly peakCopies: number;
    /** Instances beyond those the fleet uses, for the batch in flight. */
    readonly extraInstances: number;
    /** The fleet's instances plus `extraInstances`. */
    readonly peakInstances: number;
    /** Whether the peak fits under `maxInstanceCount`; if not, the update waits for room it never gets. */
    readonly fits: boolean;
}

/** Timing of one copy and one instance start (planner/timingProfiles.ts has the seed's measurements). */
export interface StartTimes {
    readonly copyStartSeconds: number;
    readonly instanceStartSeconds: number;
}

/** Copies of `compute` one instance holds. */
export function copiesPerInstance(capacity: InstanceCapacity, compute: CopyCompute): number {
    return Math.min(
        Math.floor(capacity.accelerators / compute.accelerators),
        Math.floor(capacity.memoryMiB / compute.memoryMiB),
        Math.floor(capacity.cpuCores / compute.cpuCores),
    );
}

/**
 * Estimates a rolling update of `copies` copies. Each step starts a batch of new copies, waits the bake period
 * (`WaitIntervalInSeconds`) watching the rollback alarms, then removes as many old copies ("For each step,
 * SageMaker AI provisions capacity on the new endpoint fleet, routes traffic to that fleet, and terminates capacity
 * on the old endpoint fleet": RollingUpdatePolicy.MaximumBatchSize, SageMaker API reference). Only the first batch
 * can need a new instance: later batches reuse the room the previous old batch freed. A percentage batch is
 * rounded down, at least one copy (AWS does not document the rounding). At zero copies there is nothing to replace.
 */
export function estimateRollingUpdate(
    copies: number,
    update: Pick<RollingUpdateSettings, "maximumBatchSize" | "waitIntervalSeconds">,
    times: StartTimes,
    perInstance: number,
    maxInstances: number,
): RollingUpdateEstimate {
    if (copies === 0) {
        return { batchCopies: 0, batches: 0, durationSeconds: 0, peakCopies: 0, extraInstances: 0, peakInstances: 0, fits: true };
    }
    const size = update.maximumBatchSize;
    const batchCopies = Math.min(copies, size.type === "COPY_COUNT" ? size.value : Math.max(1, Math.floor((copies * size.value) / 100)));
    const batches = Math.ceil(copies / batchCopies);
    const fleetInstances = Math.ceil(copies / perInstance);
    const peakCopies = copies + batchCopies;
    const extraInstances = Math.ceil(peakCopies / perInstance) - fleetInstances;
    const step = times.copyStartSeconds + update.waitIntervalSeconds;
    return {
        batchCopies,
        batches,
        durationSeconds: batches * step + (extraInstances > 0 ? times.instanceStartSeconds : 0),
        peakCopies,
        extraInstances,
        peakInstances: fleetInstances + extraInstances,
        fits: fleetInstances + extraInstances <= maxInstances,
    };
}

/** A stack's rolling update, estimated for the planner's report. */
export interface StackRollingUpdate {
    readonly settings: Pick<RollingUpdateSettings, "maximumBatchSize" | "waitIntervalSeconds">;
    /** Copies updated: `maxCopies`, the largest fleet the scaling allows (the longest update, the most room). */
    readonly copies: number;
    readonly copiesPerInstance: number;
    readonly maxInstances: number;
    readonly estimate: RollingUpdateEstimate;
    /** Why it fits or not, in words. */
    readonly fitReason: string;
}

/**
 * The rolling-update estimate of a component with `rollingUpdate` (undefined without): at its `maxCopies`, with
 * copies per instance from its full compute (accelerators, memory, cores) where the instance type is in the table,
 * else by accelerators (`settings.copiesPerInstance`).
 */
export function stackRollingUpdate(component: InferenceComponentArgs, settings: PlannerSettings, times: StartTimes): StackRollingUpdate | undefined {
    if (!component.rollingUpdate) {
        return undefined;
    }
    const update = resolveRollingUpdate(component.rollingUpdate);
    const capacity = INSTANCE_CAPACITY[settings.instance.instanceType];
    const compute: CopyCompute = {
        accelerators: component.compute.acceleratorCount,
        memoryMiB: component.compute.memoryMiB,
        cpuCores: component.compute.cpuCores ?? DEFAULTS.compute.cpuCores,
    };
    const perInstance = capacity ? copiesPerInstance(capacity, compute) : settings.copiesPerInstance;
    const copies = settings.scaling.maxCopies;
    const estimate = estimateRollingUpdate(copies, update, times, perInstance, settings.maxInstances);
    const fitReason = estimate.fits
        ? `${copies} copies plus a batch of ${estimate.batchCopies} need ${estimate.peakInstances} instance(s), within maxInstanceCount ${settings.maxInstances}`
        : `${copies} copies plus a batch of ${estimate.batchCopies} need ${estimate.peakInstances} instances but maxInstanceCount is ${settings.maxInstances}: the batch waits for room it never gets`;
    return {
        settings: { maximumBatchSize: update.maximumBatchSize, waitIntervalSeconds: update.waitIntervalSeconds },
        copies,
        copiesPerInstance: perInstance,
        maxInstances: settings.maxInstances,
        estimate,
        fitReason,
    };
}
