import type { ComponentStatus, EndpointStatus } from "./gather";

const dash = "-";

function copies(c: ComponentStatus): string {
    return `${c.currentCopies ?? "?"}/${c.desiredCopies ?? "?"}`;
}

function coldStarts(c: ComponentStatus): string {
    const s = c.coldStarts;
    return s.count === 0 ? "none" : `${s.count} (avg ${s.averageSeconds}s, max ${s.maxSeconds}s)`;
}

function alarms(c: ComponentStatus): string {
    return c.alarms.length === 0 ? "none found" : c.alarms.map((a) => `${a.name}=${a.state}`).join(", ");
}

/** Fixed-width columns: widths from the longest cell of each column. */
function table(rows: string[][]): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

/** The status screen as plain text (pure; the CLI prints it, `--watch` redraws it in place). */
export function renderStatus(status: EndpointStatus): string {
    const billed = status.billedUsdPerHour === undefined ? "unknown price" : `$${status.billedUsdPerHour.toFixed(2)}/h`;
    const lines = [
        `endpoint ${status.endpointName}  ${status.endpointStatus ?? dash}  at ${status.at}`,
        `instances ${status.currentInstances ?? "?"}/${status.desiredInstances ?? "?"} x ${status.instanceType ?? "?"}  billed now: ${billed}`,
        "",
        ...table([
            ["component", "status", "copies (current/desired)", "cold starts (24 h)", "alarms"],
            ...status.components.map((c) => [c.key, c.status ?? dash, copies(c), coldStarts(c), alarms(c)]),
        ]),
    ];
    for (const c of status.components) {
        if (c.failureReason) lines.push("", `${c.key}: FAILED: ${c.failureReason}`);
        if (c.lastScalingActivities.length > 0) {
            lines.push("", `${c.key}: last scaling activities`);
            for (const a of c.lastScalingActivities) lines.push(`  ${a.startTime ?? dash}  ${a.status ?? dash}  ${a.description ?? ""}`.trimEnd());
        }
    }
    return lines.join("\n") + "\n";
}
