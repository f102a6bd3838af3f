import { ModeReport } from "../report";

/** Chart size and title. */
export interface SvgOptions {
    readonly width?: number;
    readonly height?: number;
    readonly title?: string;
}

const COLORS = { requests: "#9ecae1", failed: "#d62728", copies: "#1f77b4", instances: "#ff7f0e", grid: "#e5e5e5", text: "#333" };
const MARGIN = { top: 48, right: 64, bottom: 44, left: 52 };
const TICK_STEPS = [3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400];

export function escapeXml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export const num = (n: number): string => String(Math.round(n * 10) / 10);

/** A round step giving at most ~5 ticks up to `max`. */
export function niceStep(max: number): number {
    const raw = Math.max(max, 1) / 5;
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) as number;
    return Math.max(step, 1);
}

/**
 * Hand-written SVG (no dependency) of one mode's timeline: requests per point as bars (right axis), lost requests
 * in red, and serving copies and billed instances as step lines (left axis). The timeline is already downsampled to
 * a bounded number of points, so the file size does not depend on the trace length.
 */
export function timelineSvg(report: ModeReport, options: SvgOptions = {}): string {
    const width = options.width ?? 960;
    const height = options.height ?? 400;
    const points = report.timeline;
    if (points.length === 0) {
        throw new Error(`mode ${report.name} has no timeline to chart`);
    }
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const t0 = points[0].start;
    const t1 = points[points.length - 1].end;
    const span = Math.max(t1 - t0, 1);
    const x = (t: number): number => MARGIN.left + ((t - t0) / span) * plotW;
    const maxLevel = Math.max(1, ...points.map((p) => Math.max(p.copies, p.instances)));
    const levelTop = maxLevel + 1;
    const yLevel = (v: number): number => MARGIN.top + plotH - (v / levelTop) * plotH;
    const maxRequests = Math.max(1, ...points.map((p) => p.requests));
    const requestStep = niceStep(maxRequests);
    const requestTop = Math.ceil(maxRequests / requestStep) * requestStep;
    const yRequests = (v: number): number => MARGIN.top + plotH - (v / requestTop) * plotH;
    const pointSeconds = points.length > 1 ? points[0].end - points[0].start : span;

    const out: string[] = [];
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
            `font-family="sans-serif" font-size="11" role="img">`,
    );
    const title = options.title ?? `${report.name}: copies, instances and requests`;
    out.push(`<title>${escapeXml(title)}</title>`);
    out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
    out.push(`<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold" fill="${COLORS.text}">${escapeXml(title)}</text>`);
    out.push(
        `<text x="${MARGIN.left}" y="36" fill="${COLORS.text}">${escapeXml(
            `${report.description} · ${Math.round(pointSeconds / 60)}-min points: max copies and instances, sum of requests`,
        )}</text>`,
    );

    // Grid and left axis (copies / instances).
    out.push(`<g id="axis-left" fill="${COLORS.text}" stroke="none">`);
    const levelStep = Math.max(1, Math.ceil(levelTop / 6));
    for (let v = 0; v <= levelTop; v += levelStep) {
        out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${num(yLevel(v))}" y2="${num(yLevel(v))}" stroke="${COLORS.grid}"/>`);
        out.push(`<text x="${MARGIN.left - 6}" y="${num(yLevel(v) + 4)}" text-anchor="end">${v}</text>`);
    }
    out.push(`<text transform="translate(14 ${num(MARGIN.top + plotH / 2)}) rotate(-90)" text-anchor="middle">copies / instances</text>`);
    out.push(`</g>`);

    // Right axis (requests per point).
    out.push(`<g id="axis-right" fill="${COLORS.text}">`);
    for (let v = 0; v <= requestTop; v += requestStep) {
        out.push(`<text x="${MARGIN.left + plotW + 6}" y="${num(yRequests(v) + 4)}">${v.toLocaleString("en-US")}</text>`);
    }
    out.push(
        `<text transform="translate(${width - 10} ${num(MARGIN.top + plotH / 2)}) rotate(90)" text-anchor="middle">requests per point</text>`,
    );
    out.push(`</g>`);

    // Time axis.
    const step = TICK_STEPS.find((s) => span / s <= 10) ?? TICK_STEPS[TICK_STEPS.length - 1];
    out.push(`<g id="axis-time" fill="${COLORS.text}">`);
    // Weekly ticks fall on Mondays (the epoch began on a Thursday, 4 days before a Monday).
    const phase = step >= 7 * 86_400 ? 4 * 86_400 : 0;
    for (let t = Math.ceil((t0 - phase) / step) * step + phase; t <= t1; t += step) {
        const label = new Date(t * 1000).toISOString();
        const text = step >= 86_400 ? label.slice(5, 10) : `${label.slice(5, 10)} ${label.slice(11, 16)}`;
        out.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="${COLORS.grid}"/>`);
        out.push(`<text x="${num(x(t))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${text}</text>`);
    }
    out.push(`<text x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle">time (UTC)</text>`);
    out.push(`</g>`);

    // Requests and lost requests as bars.
    out.push(`<g id="requests" fill="${COLORS.requests}">`);
    for (const p of points) {
        if (p.requests > 0) {
            const top = yRequests(p.requests);
            out.push(`<rect x="${num(x(p.start))}" y="${num(top)}" width="${num(Math.max(0.5, x(p.end) - x(p.start)))}" height="${num(MARGIN.top + plotH - top)}"/>`);
        }
    }
    out.push(`</g>`);
    out.push(`<g id="failed" fill="${COLORS.failed}">`);
    for (const p of points) {
        if (p.failed > 0) {
            const top = yRequests(p.failed);
            out.push(`<rect x="${num(x(p.start))}" y="${num(top)}" width="${num(Math.max(0.5, x(p.end) - x(p.start)))}" height="${num(MARGIN.top + plotH - top)}"/>`);
        }
    }
    out.push(`</g>`);

    // Copies and instances as step lines.
    const stepPath = (value: (p: (typeof points)[number]) => number): string => {
        let d = `M${num(x(points[0].start))} ${num(yLevel(value(points[0])))}`;
        for (let i = 0; i < points.length; i++) {
            const v = yLevel(value(points[i]));
            d += ` V${num(v)} H${num(x(points[i].end))}`;
        }
        return d;
    };
    out.push(`<path id="instances" d="${stepPath((p) => p.instances)}" fill="none" stroke="${COLORS.instances}" stroke-width="2"/>`);
    out.push(`<path id="copies" d="${stepPath((p) => p.copies)}" fill="none" stroke="${COLORS.copies}" stroke-width="1.5" stroke-dasharray="4 2"/>`);

    // Frame and legend.
    out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
    const legend: [string, string, string][] = [
        ["instances", COLORS.instances, "instances (billed)"],
        ["copies", COLORS.copies, "copies serving"],
        ["requests", COLORS.requests, "requests"],
        ["failed", COLORS.failed, "lost requests"],
    ];
    out.push(`<g id="legend" fill="${COLORS.text}">`);
    legend.forEach(([, color, label], i) => {
        const lx = width - MARGIN.right - 4 * 120 + i * 120;
        out.push(`<rect x="${lx}" y="10" width="12" height="12" fill="${color}"/>`);
        out.push(`<text x="${lx + 16}" y="20">${escapeXml(label)}</text>`);
    });
    out.push(`</g>`);
    out.push(`</svg>`);
    return out.join("\n") + "\n";
}
