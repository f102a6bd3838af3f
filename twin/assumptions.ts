/**
 * What AWS does not document, as named switches. Every scenario test runs the readings that matter to it; a
 * design is only called safe when it holds under every reading (docs/twin.md, "Named assumptions").
 */
export interface TwinAssumptions {
    /**
     * FAILURES_IN_INVOCATIONS: a request that fails because the component has no capacity also counts in the
     * `Invocations` metric (true) or only in `NoCapacityInvocationFailures` (false).
     */
    readonly failuresCountAsInvocations: boolean;
    /**
     * ALL_MISSING_STEP: when an alarm is in ALARM only because missing data is treated as breaching, there is no
     * metric value to pick a step from. `apply`: Application Auto Scaling applies the step that contains the
     * threshold; `skip`: it applies nothing.
     */
    readonly allMissingStep: "apply" | "skip";
    /**
     * PER_COPY_METRICS_WHILE_STARTING: the per-copy metrics (ConcurrentRequestsPerCopy) are published `absent`
     * until a copy is in service, or as `zero` already while a placed copy is still starting.
     */
    readonly perCopyMetricsWhileStarting: "absent" | "zero";
    /**
     * CONCURRENCY_SEES_EVERY_REQUEST: the 10-s ConcurrentRequestsPerCopy datapoint is the maximum in flight during
     * the 10 s (true), or a sample at the end of the 10 s that can miss a shorter request (false).
     */
    readonly concurrencySeesEveryRequest: boolean;
}

export const DEFAULT_ASSUMPTIONS: TwinAssumptions = {
    failuresCountAsInvocations: false,
    allMissingStep: "apply",
    perCopyMetricsWhileStarting: "absent",
    concurrencySeesEveryRequest: true,
};

/** Every combination of the readings (16), for tests that must hold under all of them. */
export function everyReading(): TwinAssumptions[] {
    const out: TwinAssumptions[] = [];
    for (const failuresCountAsInvocations of [false, true]) {
        for (const allMissingStep of ["apply", "skip"] as const) {
            for (const perCopyMetricsWhileStarting of ["absent", "zero"] as const) {
                for (const concurrencySeesEveryRequest of [true, false]) {
                    out.push({ failuresCountAsInvocations, allMissingStep, perCopyMetricsWhileStarting, concurrencySeesEveryRequest });
                }
            }
        }
    }
    return out;
}

/** A short label of one reading, for test titles and reports. */
export function describeReading(a: TwinAssumptions): string {
    return [
        a.failuresCountAsInvocations ? "failures∈Invocations" : "failures∉Invocations",
        `all-missing:${a.allMissingStep}`,
        `starting-metrics:${a.perCopyMetricsWhileStarting}`,
        a.concurrencySeesEveryRequest ? "concurrency:max" : "concurrency:sampled",
    ].join(" ");
}
