import { describeClient } from "../client";
import { PlanResult } from "../plan";
import { PRICE_TABLE } from "../prices";
import { Recommendation } from "../recommend";

/** Context the plan itself does not know (where the settings came from). */
export interface TableContext {
    readonly stack?: string;
}

const integer = (n: number): string => Math.round(n).toLocaleString("en-US");
const fixed = (n: number, digits: number): string =>
    n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const day = (epoch: number): string => new Date(epoch * 1000).toISOString().slice(0, 10);

/** Seconds to a compact human duration (42 s, 5.0 min, 1.2 h). */
export function humanSeconds(seconds: number): string {
    if (seconds === 0) {
        return "0";
    }
    if (seconds < 60) {
        return `${seconds < 10 ? seconds.toFixed(1) : seconds.toFixed(0)} s`;
    }
    if (seconds < 3600) {
        return `${(seconds / 60).toFixed(1)} min`;
    }
    return `${(seconds / 3600).toFixed(1)} h`;
}

/** The timing the plan used, in the seed table's terms (minutes). */
export function describeTiming(plan: PlanResult): string {
    const t = plan.timing;
    const alarm = (plan.settings.scaling.wakeUpAlarmPeriodSeconds * t.wakeUpAlarmDatapoints + t.wakeUpExtraDelaySeconds) / 60;
    const instance = t.instanceStartSeconds / 60;
    const copy = t.copyStartSeconds / 60;
    const scaleIn = (t.scaleInDatapoints * t.metricPeriodSeconds) / 60;
    const release = t.instanceReleaseSeconds / 60;
    const round = (n: number): string => String(Number(n.toFixed(3)));
    return (
        `${t.name}: from zero ${round(alarm)} (alarm) + ${round(instance)} (instance) + ${round(copy)} (copy) = ` +
        `${round(alarm + instance + copy)} min; to zero ${round(scaleIn)} (copies) + ${round(release)} (instances) = ${round(scaleIn + release)} min`
    );
}

function pad(cells: readonly string[], widths: readonly number[], leftAligned: number): string {
    return cells.map((c, i) => (i < leftAligned ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
}

/** A readable report: settings, one table row per mode, and the recommendation when there is one. */
export function formatTable(plan: PlanResult, context: TableContext = {}, recommendation?: Recommendation): string {
    const s = plan.settings;
    const inst = s.instance;
    const lines: string[] = [];
    const title = ["Scale-to-zero plan", context.stack ? `stack ${context.stack}` : "", plan.componentKey ? `component ${plan.componentKey}` : ""];
    lines.push(title.filter((t) => t).join(" · "));
    const priceSource = inst.priceSource === "override" ? "your price" : `table ${PRICE_TABLE.region} ${PRICE_TABLE.date}`;
    lines.push(
        `  instance  ${inst.instanceType}: ${inst.accelerators} accelerator(s), ${s.copiesPerInstance} cop${s.copiesPerInstance === 1 ? "y" : "ies"}/instance ` +
            `(acceleratorCount ${s.acceleratorCount}), ${s.minInstances}–${s.maxInstances} instances, $${inst.pricePerHour}/h (${priceSource})`,
    );
    const sc = s.scaling;
    lines.push(
        `  scaling   ${sc.minCopies}–${sc.maxCopies} copies, target ${sc.targetConcurrentRequestsPerCopy} concurrent requests/copy, ` +
            `cooldowns in ${sc.scaleInCooldownSeconds} s / out ${sc.scaleOutCooldownSeconds} s, wake-up alarm period ${sc.wakeUpAlarmPeriodSeconds} s`,
    );
    lines.push(`  timing    ${describeTiming(plan)}`);
    const w = plan.window;
    const outside = plan.traffic.outsideWindow > 0 ? ` (${integer(plan.traffic.outsideWindow)} outside the window, ignored)` : "";
    lines.push(
        `  traffic   ${plan.traffic.name}: ${integer(plan.traffic.requests)} requests${outside}, ${day(w.start)} → ${day(w.end)} (${fixed(w.days, w.days % 1 === 0 ? 0 : 1)} days)`,
    );
    lines.push(`  client    ${describeClient(plan.client)}`);
    lines.push("");

    const header = ["mode", "inst-h", "cost $", "saving", "cold starts", "/week", "failed", "delayed", "p50 +lat", "p99 +lat", "max +lat"];
    const rows = plan.modes.map((m) => [
        m.name,
        fixed(m.instanceHours, 1),
        fixed(m.costUsd, 2),
        m.savingPercent === undefined || m.kind === "always-on" ? "—" : `${fixed(m.savingPercent, 0)} %`,
        integer(m.coldStarts),
        fixed(m.coldStartsPerWeek, 1),
        integer(m.failed),
        integer(m.delayed),
        humanSeconds(m.addedLatencySeconds.p50),
        humanSeconds(m.addedLatencySeconds.p99),
        humanSeconds(m.addedLatencySeconds.max),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    lines.push(pad(header, widths, 1));
    for (const row of rows) {
        lines.push(pad(row, widths, 1));
    }
    lines.push("");
    lines.push("  modes:");
    for (const m of plan.modes) {
        lines.push(`    ${m.name.padEnd(widths[0])}  ${m.description}`);
    }
    lines.push(`  +lat: latency added by waiting for a copy, over served requests; ${plan.latencyPrecision}.`);
    lines.push(...servedOnLines(plan, widths[0]));
    lines.push(...rollingUpdateLines(plan));
    if (recommendation) {
        lines.push("");
        lines.push(`Recommendation: ${recommendation.reason}`);
        for (const r of recommendation.rejected) {
            lines.push(`  over budget: ${r.name}: ${r.reasons.join("; ")}`);
        }
    }
    return lines.join("\n");
}

/** Which instance types each mode ran on (a fallback pool shows here), and the scenario's unavailable types. */
function servedOnLines(plan: PlanResult, nameWidth: number): string[] {
    if (!plan.modes.some((m) => m.instanceHoursByType)) {
        return [];
    }
    const unavailable = plan.unavailableInstanceTypes;
    const lines = [`  instance types${unavailable ? ` (scenario: no capacity for ${unavailable.join(", ")})` : ""}:`];
    for (const m of plan.modes) {
        const used = Object.entries(m.instanceHoursByType ?? {}).filter(([, h]) => h > 0);
        const text = used.length > 0 ? used.map(([t, h]) => `${t} ${fixed(h, 1)} inst-h`).join(", ") : "none: no instance ran";
        lines.push(`    ${m.name.padEnd(nameWidth)}  ${text}`);
    }
    return lines;
}

/** The rolling-update estimate (planner/rollingUpdate.ts), when the component has `rollingUpdate`. */
function rollingUpdateLines(plan: PlanResult): string[] {
    const r = plan.rollingUpdate;
    if (!r) {
        return [];
    }
    const e = r.estimate;
    const size = r.settings.maximumBatchSize;
    const batch = size.type === "COPY_COUNT" ? `${size.value} cop${size.value === 1 ? "y" : "ies"}` : `${size.value} %`;
    return [
        `  rolling update at ${r.copies} copies (maxCopies; batch ${batch}, bake ${r.settings.waitIntervalSeconds} s, ${r.copiesPerInstance} cop${r.copiesPerInstance === 1 ? "y" : "ies"}/instance): ` +
            `${e.batches} step(s) of ${e.batchCopies}, ${humanSeconds(e.durationSeconds)}, +${e.peakCopies - r.copies} cop${e.peakCopies - r.copies === 1 ? "y" : "ies"}, +${e.extraInstances} instance(s); ` +
            `${e.fits ? "fits" : "does NOT fit"}: ${r.fitReason}`,
    ];
}
