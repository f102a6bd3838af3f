import { DashboardWidget } from "../../components/dashboard";
import { DashboardData, MetricKey, SeriesResult, dimensionsLabel, widgetMetrics } from "./dashboardMetrics";
import { escapeXml, niceStep, num } from "./svg";

export interface DashboardSvgOptions {
    /** Pixels per grid column (the body's grid is 24 columns wide). Default 60: a 6-column panel fits its title. */
    readonly column?: number;
    /** Pixels per grid row unit. Default 40. */
    readonly row?: number;
    /** A line above the panels saying where the data comes from. */
    readonly caption?: string;
}

const LINE_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
const STATE_COLORS: Record<string, string> = { OK: "#2ca02c", ALARM: "#d62728", INSUFFICIENT_DATA: "#bbbbbb" };
const TEXT = "#333";
const HEADER = 28;
const PAD = { top: 34, right: 10, bottom: 20, left: 40 };

/**
 * An SVG of a CloudWatch dashboard body: each widget at its grid position and size, metric widgets as line charts
 * of `data`'s series (one line per metric row, gaps where a period has no datapoint), text widgets as plain text,
 * alarm widgets as state strips when `data` knows the alarm.
 */
export function dashboardSvg(body: { widgets: readonly unknown[] }, data: DashboardData, options: DashboardSvgOptions = {}): string {
    const col = options.column ?? 60;
    const row = options.row ?? 40;
    const widgets = body.widgets as DashboardWidget[];
    const width = 24 * col;
    const top = options.caption ? HEADER : 0;
    const height = top + Math.max(0, ...widgets.map((w) => w.y + w.height)) * row;
    const out = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" role="img">`,
        `<rect width="${width}" height="${height}" fill="#f4f4f4"/>`,
    ];
    if (options.caption) {
        out.push(`<title>${escapeXml(options.caption)}</title>`);
        out.push(`<text x="8" y="18" font-size="12" fill="${TEXT}">${escapeXml(options.caption)}</text>`);
    }
    for (const w of widgets) {
        const box = { x: w.x * col + 4, y: top + w.y * row + 4, w: w.width * col - 8, h: w.height * row - 8 };
        const title = typeof w.properties.title === "string" ? w.properties.title : "";
        out.push(`<g class="widget" data-type="${w.type}" data-title="${escapeXml(title)}">`);
        out.push(`<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="#fff" stroke="#ccc"/>`);
        if (title) {
            out.push(`<text x="${box.x + 8}" y="${box.y + 16}" font-size="12" font-weight="bold" fill="${TEXT}">${escapeXml(title)}</text>`);
        }
        if (w.type === "metric") {
            out.push(...metricPanel(widgetMetrics(w), data, box));
        } else if (w.type === "alarm") {
            out.push(...alarmPanel(w.properties.alarms as string[], data, box));
        } else {
            out.push(...textPanel(String(w.properties.markdown ?? ""), box));
        }
        out.push(`</g>`);
    }
    out.push(`</svg>`);
    return out.join("\n") + "\n";
}

interface Box {
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
}

function metricPanel(keys: MetricKey[], data: DashboardData, box: Box): string[] {
    const out: string[] = [];
    const results: SeriesResult[] = keys.map((k) => data.series(k));
    const plot = { x: box.x + PAD.left, y: box.y + PAD.top + 12 * keys.length, w: box.w - PAD.left - PAD.right, h: 0 };
    plot.h = box.y + box.h - PAD.bottom - plot.y;
    const values = results.flatMap((r) => ("points" in r ? r.points.map((p) => p.value) : []));
    const step = niceStep(Math.max(...values, 1));
    const yTop = Math.ceil(Math.max(...values, 1) / step) * step;
    const x = (t: number) => plot.x + ((t - data.start) / (data.end - data.start)) * plot.w;
    const y = (v: number) => plot.y + plot.h - (v / yTop) * plot.h;
    out.push(`<rect x="${num(plot.x)}" y="${num(plot.y)}" width="${num(plot.w)}" height="${num(plot.h)}" fill="none" stroke="#e5e5e5"/>`);
    for (let v = 0; v <= yTop; v += step) {
        out.push(`<text x="${num(plot.x - 4)}" y="${num(y(v) + 4)}" text-anchor="end" fill="${TEXT}">${v.toLocaleString("en-US")}</text>`);
    }
    for (let t = Math.ceil(data.start / 21_600) * 21_600; t <= data.end; t += 21_600) {
        const label = new Date(t * 1000).toISOString().slice(11, 16);
        out.push(`<text x="${num(x(t))}" y="${num(plot.y + plot.h + 13)}" text-anchor="middle" fill="${TEXT}">${label}</text>`);
    }
    keys.forEach((k, i) => {
        const r = results[i];
        const color = LINE_COLORS[i % LINE_COLORS.length];
        const attrs = `data-metric="${escapeXml(k.metricName)}" data-dimensions="${escapeXml(dimensionsLabel(k.dimensions))}" data-stat="${escapeXml(k.stat)}"`;
        const ly = box.y + PAD.top + 12 * i - 2;
        const label = `${k.metricName} ${k.stat}`;
        if ("notSimulated" in r) {
            out.push(
                `<text class="not-simulated" ${attrs} x="${box.x + 8}" y="${ly}" fill="#888">${escapeXml(`${label}: not simulated`)}<title>${escapeXml(r.notSimulated)}</title></text>`,
            );
            return;
        }
        out.push(`<rect x="${box.x + 8}" y="${ly - 8}" width="10" height="3" fill="${color}"/>`);
        out.push(`<text x="${box.x + 22}" y="${ly}" fill="${TEXT}">${escapeXml(r.points.length > 0 ? label : `${label} (no datapoints)`)}</text>`);
        // A line joins datapoints of consecutive periods only: a gap is a period without a datapoint.
        let d = "";
        let previous = -Infinity;
        for (const p of r.points) {
            d += `${p.time - previous === k.period ? "L" : "M"}${num(x(p.time))} ${num(y(p.value))}`;
            previous = p.time;
        }
        out.push(`<path class="series" ${attrs} data-points="${r.points.length}" d="${d}" fill="none" stroke="${color}" stroke-width="1.2" stroke-linecap="round"/>`);
    });
    if (results.every((r) => "notSimulated" in r)) {
        out.push(`<text x="${num(plot.x + plot.w / 2)}" y="${num(plot.y + plot.h / 2)}" text-anchor="middle" font-size="13" fill="#888">not simulated</text>`);
    }
    return out;
}

function alarmPanel(arns: readonly string[], data: DashboardData, box: Box): string[] {
    const out: string[] = [];
    const rowHeight = Math.max(10, (box.h - 26) / Math.max(arns.length, 1));
    const left = box.x + 8;
    const stripX = box.x + box.w * 0.3;
    const stripW = box.x + box.w - 8 - stripX;
    const x = (t: number) => stripX + ((t - data.start) / (data.end - data.start)) * stripW;
    arns.forEach((arn, i) => {
        const y = box.y + 22 + i * rowHeight;
        const states = data.alarm(arn);
        const name = states?.name ?? arn.slice(arn.lastIndexOf(":") + 1);
        out.push(`<text x="${left}" y="${num(y + rowHeight / 2 + 4)}" fill="${TEXT}">${escapeXml(name)}</text>`);
        if (states === undefined) {
            out.push(`<text class="live-only" x="${num(stripX)}" y="${num(y + rowHeight / 2 + 4)}" fill="#888">alarm state (live only)</text>`);
            return;
        }
        out.push(`<g class="alarm-strip" data-alarm="${escapeXml(states.name)}" data-changes="${states.changes.length}">`);
        states.changes.forEach((c, j) => {
            const until = states.changes[j + 1]?.time ?? data.end;
            const fill = STATE_COLORS[c.state] ?? "#999";
            out.push(
                `<rect x="${num(x(c.time))}" y="${num(y + 2)}" width="${num(Math.max(0.5, x(until) - x(c.time)))}" height="${num(rowHeight - 4)}" fill="${fill}"><title>${c.state}</title></rect>`,
            );
        });
        out.push(`</g>`);
    });
    return out;
}

/** Markdown as plain lines: headings bold, backticks dropped, long lines wrapped at about 7 px per character. */
function textPanel(markdown: string, box: Box): string[] {
    const out: string[] = [];
    const perLine = Math.max(20, Math.floor((box.w - 16) / 6.5));
    let y = box.y + 18;
    for (const raw of markdown.split("\n")) {
        const heading = /^#+\s*/.exec(raw);
        const text = raw.slice(heading ? heading[0].length : 0).replace(/`/g, "");
        for (let i = 0; i < text.length || i === 0; i += perLine) {
            out.push(`<text x="${box.x + 8}" y="${y}" fill="${TEXT}"${heading ? ` font-size="13" font-weight="bold"` : ""}>${escapeXml(text.slice(i, i + perLine))}</text>`);
            y += heading ? 18 : 14;
        }
    }
    return out;
}
