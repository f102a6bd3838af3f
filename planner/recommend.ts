import { ModeReport } from "./report";

/** What the user can live with. At least one limit is required; every limit given must hold. */
export interface RecommendBudget {
    /** Most cold starts (wake-ups from zero) per week. */
    readonly maxColdStartsPerWeek?: number;
    /** Highest p99 of the latency added by waiting for a copy, seconds. */
    readonly maxP99AddedLatencySeconds?: number;
    /** Most lost requests over the whole window. */
    readonly maxFailedRequests?: number;
}

export interface Recommendation {
    /** The cheapest mode within budget; undefined when none is. */
    readonly mode?: ModeReport;
    /** One sentence saying why. */
    readonly reason: string;
    /** Modes over budget, with what broke it. */
    readonly rejected: readonly { readonly name: string; readonly reasons: readonly string[] }[];
}

/** Pure validator: every problem of a budget, empty when valid. */
export function budgetProblems(budget: RecommendBudget): string[] {
    const problems: string[] = [];
    const entries = Object.entries(budget).filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
        problems.push("give at least one limit: cold starts per week, p99 added latency or failed requests");
    }
    for (const [key, value] of entries) {
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
            problems.push(`${key} must be a number ≥ 0 (got ${JSON.stringify(value)})`);
        }
    }
    return problems;
}

/** Reasons a mode breaks the budget (empty when within). */
export function budgetViolations(report: ModeReport, budget: RecommendBudget): string[] {
    const reasons: string[] = [];
    if (budget.maxColdStartsPerWeek !== undefined && report.coldStartsPerWeek > budget.maxColdStartsPerWeek + 1e-9) {
        reasons.push(`${report.coldStartsPerWeek.toFixed(1)} cold starts/week > ${budget.maxColdStartsPerWeek}`);
    }
    if (budget.maxP99AddedLatencySeconds !== undefined && report.addedLatencySeconds.p99 > budget.maxP99AddedLatencySeconds) {
        reasons.push(`p99 added latency ${report.addedLatencySeconds.p99.toFixed(1)} s > ${budget.maxP99AddedLatencySeconds} s`);
    }
    if (budget.maxFailedRequests !== undefined && report.failed > budget.maxFailedRequests) {
        reasons.push(`${report.failed} failed requests > ${budget.maxFailedRequests}`);
    }
    return reasons;
}

/** Picks the cheapest mode within budget; on equal cost, the one with fewer cold starts. */
export function recommend(reports: readonly ModeReport[], budget: RecommendBudget): Recommendation {
    const problems = budgetProblems(budget);
    if (problems.length > 0) {
        throw new Error(`recommend budget: ${problems.join("; ")}`);
    }
    const rejected: { name: string; reasons: string[] }[] = [];
    const candidates: ModeReport[] = [];
    for (const report of reports) {
        const reasons = budgetViolations(report, budget);
        if (reasons.length > 0) {
            rejected.push({ name: report.name, reasons });
        } else {
            candidates.push(report);
        }
    }
    if (candidates.length === 0) {
        return { reason: "no mode meets the budget; loosen it or keep the endpoint warm", rejected };
    }
    const best = [...candidates].sort((a, b) => a.costUsd - b.costUsd || a.coldStarts - b.coldStarts)[0];
    const saving =
        best.savingPercent !== undefined && best.kind !== "always-on" ? `, ${best.savingPercent.toFixed(0)} % less than always-on` : "";
    return {
        mode: best,
        reason: `${best.name} is the cheapest of ${candidates.length} mode(s) within budget ($${best.costUsd.toFixed(2)}${saving})`,
        rejected,
    };
}
