/**
 * What a person sees during a cold start: one status line, rewritten in place on a terminal, or plain
 * (rate-limited) lines when stderr is a file or a pipe, where carriage returns would only make a mess.
 */
import { CLI_DEFAULTS } from "./defaults";
import type { ColdStartProgress } from "./progress";

/** 950 → "0.9s", 12_300 → "12s", 83_000 → "1m 23s". */
export function formatDuration(ms: number): string {
    const safe = Math.max(0, ms);
    if (safe < 10_000) return `${(Math.floor(safe / 100) / 10).toFixed(1)}s`;
    const totalSeconds = Math.floor(safe / 1000);
    if (totalSeconds < 60) return `${totalSeconds}s`;
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

/** e.g. "waiting-for-capacity | 1m 23s | copies 0/1 | ~3m 37s left". */
export function formatStatusLine(progress: ColdStartProgress): string {
    const parts = [progress.phase, formatDuration(progress.elapsedMs)];
    if (progress.currentCopyCount !== undefined || progress.desiredCopyCount !== undefined) {
        parts.push(`copies ${progress.currentCopyCount ?? "?"}/${progress.desiredCopyCount ?? "?"}`);
    }
    if (progress.estimatedRemainingMs !== undefined && progress.phase !== "done") {
        parts.push(progress.estimatedRemainingMs > 0 ? `~${formatDuration(progress.estimatedRemainingMs)} left` : "any moment now");
    }
    if (progress.detail) parts.push(progress.detail);
    return parts.join(" | ");
}

export interface StatusWriter {
    write(text: string): unknown;
}

/**
 * Turns progress reports into terminal output. On a TTY every report rewrites the line (\r + erase line), and
 * while a cold start is in progress the line is re-rendered every tickMs so elapsed and remaining time keep
 * moving between polls (which are up to 15 s apart). Off a TTY a line is printed when the phase or the copy
 * counts change, or every plainLineIntervalMs.
 */
export class StatusReporter {
    private lastPlain?: { key: string; at: number };
    private lineShown = false;
    private live?: { progress: ColdStartProgress; at: number };
    private ticker?: NodeJS.Timeout;

    constructor(
        private readonly out: StatusWriter,
        private readonly isTTY: boolean,
        private readonly plainLineIntervalMs: number = CLI_DEFAULTS.plainLineIntervalMs,
        private readonly now: () => number = Date.now,
        private readonly tickMs: number = CLI_DEFAULTS.ttyTickMs,
    ) {}

    update(progress: ColdStartProgress): void {
        if (this.isTTY) {
            if (progress.phase === "done") {
                this.clear();
                return;
            }
            this.live = { progress, at: this.now() };
            this.render(progress);
            if (progress.phase !== "invoking" && !this.ticker) {
                this.ticker = setInterval(() => this.tick(), this.tickMs);
                this.ticker.unref(); // the status line must never keep the process alive
            }
            return;
        }
        // A warm call says nothing off a TTY: "invoking" then "done" would only clutter logs.
        if (progress.phase === "invoking" || (progress.phase === "done" && !this.lastPlain)) return;
        const key = `${progress.phase}:${progress.currentCopyCount}:${progress.desiredCopyCount}`;
        const at = this.now();
        if (this.lastPlain && this.lastPlain.key === key && at - this.lastPlain.at < this.plainLineIntervalMs) return;
        this.lastPlain = { key, at };
        this.out.write(`${formatStatusLine(progress)}\n`);
    }

    /** Re-renders the last report with the clock advanced (TTY only). */
    tick(): void {
        if (!this.live) return;
        const delta = this.now() - this.live.at;
        const last = this.live.progress;
        this.render({
            ...last,
            elapsedMs: last.elapsedMs + delta,
            estimatedRemainingMs: last.estimatedRemainingMs === undefined ? undefined : Math.max(0, last.estimatedRemainingMs - delta),
        });
    }

    /** Erases the live line and stops re-rendering (before printing an error or the response). */
    clear(): void {
        clearInterval(this.ticker);
        this.ticker = undefined;
        this.live = undefined;
        if (this.isTTY && this.lineShown) {
            this.out.write("\r\x1b[2K");
            this.lineShown = false;
        }
    }

    private render(progress: ColdStartProgress): void {
        this.out.write(`\r\x1b[2K${formatStatusLine(progress)}`);
        this.lineShown = true;
    }
}
