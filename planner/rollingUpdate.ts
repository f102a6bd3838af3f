import { RollingUpdateSettings } from "../components/settings";
import { InstanceCapacity } from "../twin/instanceTypes";
import { CopyCompute } from "../twin/stackModel";

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
        return { batchCopies: 0, batches: 0, durationSeconds: 0, peakCopies: 0, extraInstances: 0, fits: true };
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
        fits: fleetInstances + extraInstances <= maxInstances,
    };
}
