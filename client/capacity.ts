/**
 * Pure reading of DescribeInferenceComponent output: is there a copy to serve requests, and what do we know?
 */

/** What the poll loop needs from DescribeInferenceComponent. */
export interface CapacitySnapshot {
    /** InferenceComponentStatus: InService | Creating | Updating | Failed | Deleting. */
    readonly status: string;
    /** RuntimeConfig.CurrentCopyCount: copies that can serve now. */
    readonly currentCopyCount: number;
    /** RuntimeConfig.DesiredCopyCount: what autoscaling (or a wake) asked for. */
    readonly desiredCopyCount: number;
    /** FailureReason, when SageMaker gave one. */
    readonly failureReason?: string;
}

export type CapacityParseResult =
    | { readonly ok: true; readonly snapshot: CapacitySnapshot }
    | { readonly ok: false; readonly problem: string };

interface DescribeLike {
    InferenceComponentStatus?: unknown;
    FailureReason?: unknown;
    RuntimeConfig?: { DesiredCopyCount?: unknown; CurrentCopyCount?: unknown } | null;
}

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * Validates and extracts the capacity fields. Copy counts must be non-negative integers, except while the
 * component is still Creating or already Failed/Deleting: SageMaker may not report a runtime config then, and
 * the status alone decides what happens next.
 */
export function parseCapacity(output: unknown): CapacityParseResult {
    if (typeof output !== "object" || output === null) return { ok: false, problem: "response is not an object" };
    const describe = output as DescribeLike;
    const status = describe.InferenceComponentStatus;
    if (typeof status !== "string" || status === "") {
        return { ok: false, problem: "InferenceComponentStatus is missing" };
    }
    const failureReason = typeof describe.FailureReason === "string" ? describe.FailureReason : undefined;
    const current = describe.RuntimeConfig?.CurrentCopyCount;
    const desired = describe.RuntimeConfig?.DesiredCopyCount;
    const statusDecides = status === "Creating" || status === "Failed" || status === "Deleting";
    if (!isCount(current) || !isCount(desired)) {
        if (!statusDecides) {
            return {
                ok: false,
                problem: `RuntimeConfig.CurrentCopyCount/DesiredCopyCount missing or not a count ` +
                    `(got ${JSON.stringify(describe.RuntimeConfig ?? null)}) for status ${status}`,
            };
        }
    }
    return {
        ok: true,
        snapshot: {
            status,
            currentCopyCount: isCount(current) ? current : 0,
            desiredCopyCount: isCount(desired) ? desired : 0,
            ...(failureReason === undefined ? {} : { failureReason }),
        },
    };
}

/** A copy is up: retry the invoke. */
export function hasCapacity(snapshot: CapacitySnapshot): boolean {
    return snapshot.currentCopyCount >= 1 && snapshot.status !== "Failed" && snapshot.status !== "Deleting";
}
