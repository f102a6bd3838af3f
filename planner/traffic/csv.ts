import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { PLANNER_DEFAULTS } from "../defaults";
import { isRealIsoDate, PLANNER_INPUT_LIMITS } from "../inputLimits";
import { Traffic, TrafficRequest } from "./types";

/**
 * Traffic traces as CSV: one request a line, `timestamp[,duration]`, sorted by time.
 * - timestamp: ISO-8601 (`2025-01-06T09:00:00Z`, `2025-01-06 09:00:00.250+01:00`; no zone = UTC) or epoch
 *   seconds or milliseconds (values ≥ 1e11 are milliseconds), fractions allowed;
 * - duration: seconds the request takes (optional; default 1 s);
 * - an optional header names the columns (`timestamp`/`time`/`ts`, `duration`/`duration_s`/`seconds`); with a
 *   header, other columns are ignored. Blank lines and lines starting with `#` are skipped.
 */
export interface CsvOptions {
    /** Duration of requests without one, seconds. Default 1. */
    readonly defaultDurationSeconds?: number;
    /** Name used in error messages. Default: the file's base name. */
    readonly label?: string;
}

const TIMESTAMP_HEADERS = ["timestamp", "time", "ts", "arrival", "start", "date", "datetime"];
const DURATION_HEADERS = ["duration", "duration_s", "duration_seconds", "seconds", "latency", "latency_s"];
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Epoch values at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MILLISECONDS_FROM = 1e11;

/**
 * Line-by-line parser with the state a streamed file needs (header, previous timestamp). Pure apart from that
 * state, so it is tested without files.
 */
export class CsvTrafficParser {
    private timestampColumn = 0;
    private durationColumn: number | undefined;
    private columns: number | undefined;
    private seenContent = false;
    private previousTime = -Infinity;
    private firstTime: number | undefined;
    private previousLine = 0;
    private count = 0;

    constructor(
        private readonly label: string,
        private readonly defaultDuration: number = PLANNER_DEFAULTS.requestDurationSeconds,
    ) {
        if (!(defaultDuration >= 0)) {
            throw new Error(`default request duration must be ≥ 0 seconds (got ${defaultDuration})`);
        }
    }

    /** Requests parsed so far. */
    get requests(): number {
        return this.count;
    }

    /** Parses one line (1-based `lineNumber`); returns undefined for blank, comment and header lines. */
    parseLine(line: string, lineNumber: number): TrafficRequest | undefined {
        const text = line.trim();
        if (text === "" || text.charCodeAt(0) === 35 /* # */) {
            return undefined;
        }
        if (!this.seenContent) {
            this.seenContent = true;
            const first = unquote(text.split(",")[0]);
            if (looksLikeHeader(first)) {
                this.readHeader(text.split(",").map(unquote), lineNumber);
                return undefined;
            }
        }
        let rawTime: string;
        let rawDuration: string | undefined;
        if (this.columns === undefined) {
            // timestamp[,duration]: the hot path of big traces, without intermediate arrays.
            const comma = text.indexOf(",");
            if (comma < 0) {
                rawTime = text;
            } else {
                if (text.indexOf(",", comma + 1) >= 0) {
                    const count = text.split(",").length;
                    throw this.error(lineNumber, `expected timestamp[,duration], got ${count} columns (add a header to name the columns)`);
                }
                rawTime = text.slice(0, comma);
                rawDuration = text.slice(comma + 1);
            }
            if (text.indexOf('"') >= 0) {
                rawTime = unquote(rawTime);
                rawDuration = rawDuration === undefined ? undefined : unquote(rawDuration);
            }
        } else {
            const fields = text.split(",").map(unquote);
            rawTime = fields[this.timestampColumn] ?? "";
            rawDuration = this.durationColumn === undefined ? undefined : fields[this.durationColumn];
        }
        rawTime = rawTime.trim();
        if (rawTime === "") {
            throw this.error(lineNumber, "missing timestamp");
        }
        const time = parseTimestamp(rawTime);
        if (time === undefined) {
            throw this.error(lineNumber, `timestamp '${rawTime}' is not ISO-8601 (a real calendar date) or epoch seconds/milliseconds`);
        }
        const limits = PLANNER_INPUT_LIMITS;
        if (time >= limits.latestTimestamp) {
            throw this.error(lineNumber, `timestamp '${rawTime}' is after the year 2199: epoch values must be seconds or milliseconds (not microseconds)`);
        }
        this.firstTime ??= time;
        if (time - this.firstTime > limits.maxWindowDays * 86_400) {
            throw this.error(lineNumber, `the trace spans more than ${limits.maxWindowDays} days from its first request: split it or sample a year`);
        }
        if (time < this.previousTime) {
            throw this.error(
                lineNumber,
                `timestamp '${rawTime}' is earlier than the one on line ${this.previousLine}: the trace must be sorted by time`,
            );
        }
        let duration = this.defaultDuration;
        if (rawDuration !== undefined && rawDuration.trim() !== "") {
            duration = Number(rawDuration);
            if (!Number.isFinite(duration) || duration < 0) {
                throw this.error(lineNumber, `duration '${rawDuration.trim()}' must be a number of seconds ≥ 0`);
            }
        }
        this.previousTime = time;
        this.previousLine = lineNumber;
        this.count++;
        return { time, duration };
    }

    /** Throws if the whole input held no request. */
    finish(): void {
        if (this.count === 0) {
            throw new Error(`${this.label}: no requests (the trace is empty or has only a header and comments)`);
        }
    }

    private readHeader(fields: string[], lineNumber: number): void {
        const names = fields.map((f) => f.toLowerCase().trim());
        const time = names.findIndex((n) => TIMESTAMP_HEADERS.includes(n));
        if (time < 0) {
            throw this.error(lineNumber, `header has no timestamp column (one of ${TIMESTAMP_HEADERS.join(", ")})`);
        }
        const duration = names.findIndex((n) => DURATION_HEADERS.includes(n));
        this.timestampColumn = time;
        this.durationColumn = duration < 0 ? undefined : duration;
        this.columns = fields.length;
    }

    private error(lineNumber: number, message: string): Error {
        return new Error(`${this.label} line ${lineNumber}: ${message}`);
    }
}

function unquote(field: string): string {
    const f = field.trim();
    return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).trim() : f;
}

function looksLikeHeader(first: string): boolean {
    return /^[a-z_][a-z0-9_ ]*$/i.test(first) && parseTimestamp(first) === undefined;
}

/** Digits with at most one inner decimal point (an epoch value); a character loop, faster than a regex here. */
function isPlainDecimal(text: string): boolean {
    let dot = -1;
    const n = text.length;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 46 /* . */ && dot < 0 && i > 0 && i < n - 1) {
            dot = i;
        } else if (c < 48 || c > 57) {
            return false;
        }
    }
    return n > 0;
}

/** Epoch seconds of an ISO-8601 or epoch (s or ms) timestamp, or undefined when it is neither. */
export function parseTimestamp(text: string): number | undefined {
    if (isPlainDecimal(text)) {
        const value = Number(text);
        return value >= MILLISECONDS_FROM ? value / 1000 : value;
    }
    const iso = ISO_8601.exec(text);
    if (!iso) {
        return undefined;
    }
    const [, date, time, zone] = iso;
    // Date.parse rolls impossible dates over (2027-02-30 becomes 2 March): reject them instead.
    if (!isRealIsoDate(date) || (time !== undefined && Number(time.slice(0, 2)) > 23)) {
        return undefined;
    }
    let normalizedZone = "Z";
    if (zone && zone.toUpperCase() !== "Z") {
        const digits = zone.slice(1).replace(":", "");
        normalizedZone = `${zone[0]}${digits.slice(0, 2)}:${digits.length > 2 ? digits.slice(2) : "00"}`;
    }
    const ms = Date.parse(`${date}T${time ? time.replace(",", ".") : "00:00"}${normalizedZone}`);
    return Number.isNaN(ms) ? undefined : ms / 1000;
}

/**
 * Streams a CSV trace line by line (readline): memory stays flat whatever the file size. Throws a readable error
 * naming the file and line for malformed, unsorted or negative-duration lines, and for an empty trace.
 */
export async function* readTrafficCsv(file: string, options: CsvOptions = {}): AsyncGenerator<TrafficRequest> {
    const label = options.label ?? path.basename(file);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch {
        throw new Error(`traffic file ${file} does not exist`);
    }
    if (!stat.isFile()) {
        throw new Error(`traffic file ${file} is not a file`);
    }
    const parser = new CsvTrafficParser(label, options.defaultDurationSeconds);
    const input = fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 });
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    let lineNumber = 0;
    try {
        for await (const line of lines) {
            lineNumber++;
            const request = parser.parseLine(line, lineNumber);
            if (request) {
                yield request;
            }
        }
    } finally {
        lines.close();
        input.destroy();
    }
    parser.finish();
}

/** A CSV file as planner traffic. */
export function csvTraffic(file: string, options: CsvOptions = {}): Traffic {
    return { name: options.label ?? path.basename(file), requests: readTrafficCsv(file, options) };
}
