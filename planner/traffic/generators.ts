import { PLANNER_DEFAULTS } from "../defaults";
import { addDays, checkTimeZone, epochToLocal, localToEpoch } from "../timeZone";
import { parseTimestamp } from "./csv";
import { Prng } from "./prng";
import { Traffic, TrafficRequest } from "./types";

/**
 * Built-in traffic patterns. Each is a seeded generator: the same options give the same requests, one at a time
 * (nothing is materialised, so 10 million requests need no more memory than 10).
 */
export interface GeneratorOptions {
    /** First instant, ISO-8601 or epoch seconds. Default 2025-01-06T00:00:00Z (a Monday). */
    readonly start?: string | number;
    /** Length of the window in days. Default 30. */
    readonly days?: number;
    /** PRNG seed (integer). Default 1. */
    readonly seed?: number;
    /** IANA time zone of business hours and weekdays. Default UTC. */
    readonly timeZone?: string;
    /** Mean request duration, seconds (durations are exponential). Default 1. */
    readonly meanDurationSeconds?: number;
}

export interface WeekdayTrafficOptions extends GeneratorOptions {
    /** Mean requests per weekday. Default 2000. */
    readonly requestsPerDay?: number;
    /** Local hour business starts (fractions allowed). Default 9. */
    readonly openHour?: number;
    /** Local hour business ends. Default 17. */
    readonly closeHour?: number;
}

export interface SporadicTrafficOptions extends GeneratorOptions {
    /** Mean bursts per day, any hour, any day. Default 4. */
    readonly burstsPerDay?: number;
    /** Mean requests per burst. Default 30. */
    readonly requestsPerBurst?: number;
    /** Length of a burst, minutes. Default 5. */
    readonly burstMinutes?: number;
}

export interface DevTrafficOptions extends GeneratorOptions {
    /** Mean sessions per weekday. Default 3. */
    readonly sessionsPerDay?: number;
    /** Length of a session, minutes. Default 30. */
    readonly sessionMinutes?: number;
    /** Mean requests per session. Default 20. */
    readonly requestsPerSession?: number;
    /** Sessions start after this local hour. Default 9. */
    readonly dayStartHour?: number;
    /** Sessions end before this local hour. Default 18. */
    readonly dayEndHour?: number;
}

export const TRAFFIC_PATTERNS = ["weekdays", "sporadic", "dev"] as const;
export type TrafficPattern = (typeof TRAFFIC_PATTERNS)[number];

interface Common {
    start: number;
    end: number;
    days: number;
    rng: Prng;
    timeZone: string;
    meanDuration: number;
}

function common(options: GeneratorOptions): Common {
    const d = PLANNER_DEFAULTS.traffic;
    const rawStart = options.start ?? d.start;
    const start = typeof rawStart === "number" ? rawStart : parseTimestamp(rawStart);
    if (start === undefined || !Number.isFinite(start)) {
        throw new Error(`traffic start ${JSON.stringify(rawStart)} is not ISO-8601 or epoch seconds`);
    }
    const days = options.days ?? d.days;
    if (!(days > 0) || !Number.isFinite(days)) {
        throw new Error(`traffic days must be a number > 0 (got ${days})`);
    }
    const timeZone = options.timeZone ?? d.timeZone;
    checkTimeZone(timeZone);
    const meanDuration = options.meanDurationSeconds ?? d.meanDurationSeconds;
    if (!(meanDuration >= 0)) {
        throw new Error(`meanDurationSeconds must be ≥ 0 (got ${meanDuration})`);
    }
    return { start, end: start + days * 86_400, days, rng: new Prng(options.seed ?? d.seed), timeZone, meanDuration };
}

function nonNegative(name: string, value: number): number {
    if (!(value >= 0) || !Number.isFinite(value)) {
        throw new Error(`${name} must be a number ≥ 0 (got ${value})`);
    }
    return value;
}

/** Local calendar days overlapping the window: instants of local midnight and the weekday of each. */
function* localDays(c: Common): Generator<{ year: number; month: number; day: number; weekday: number }> {
    const first = epochToLocal(c.start, c.timeZone);
    for (let offset = 0; offset <= Math.ceil(c.days) + 1; offset++) {
        const date = addDays(first.year, first.month, first.day, offset);
        if (localToEpoch(date.year, date.month, date.day, 0, 0, c.timeZone) >= c.end) {
            return;
        }
        yield date;
    }
}

function localHour(date: { year: number; month: number; day: number }, hour: number, timeZone: string): number {
    return localToEpoch(date.year, date.month, date.day, 0, Math.round(hour * 60), timeZone);
}

const isWeekday = (weekday: number): boolean => weekday >= 1 && weekday <= 5;

/** Weekday business hours: Poisson arrivals between open and close, Monday to Friday; empty nights and weekends. */
export function* weekdayTraffic(options: WeekdayTrafficOptions = {}): Generator<TrafficRequest> {
    const c = common(options);
    const d = PLANNER_DEFAULTS.weekdays;
    const perDay = nonNegative("requestsPerDay", options.requestsPerDay ?? d.requestsPerDay);
    const open = options.openHour ?? d.openHour;
    const close = options.closeHour ?? d.closeHour;
    if (!(open >= 0 && close <= 24 && open < close)) {
        throw new Error(`business hours must satisfy 0 ≤ openHour < closeHour ≤ 24 (got ${open}–${close})`);
    }
    if (perDay === 0) {
        return;
    }
    for (const date of localDays(c)) {
        if (!isWeekday(date.weekday)) {
            continue;
        }
        const from = localHour(date, open, c.timeZone);
        const to = localHour(date, close, c.timeZone);
        const meanGap = (to - from) / perDay;
        for (let t = from + c.rng.exponential(meanGap); t < to; t += c.rng.exponential(meanGap)) {
            const duration = c.rng.exponential(c.meanDuration);
            if (t >= c.start && t < c.end) {
                yield { time: t, duration };
            }
        }
    }
}

/** Sporadic bursts: burst starts are a Poisson process around the clock; each burst is a short Poisson burst. */
export function* sporadicTraffic(options: SporadicTrafficOptions = {}): Generator<TrafficRequest> {
    const c = common(options);
    const d = PLANNER_DEFAULTS.sporadic;
    const bursts = nonNegative("burstsPerDay", options.burstsPerDay ?? d.burstsPerDay);
    const perBurst = nonNegative("requestsPerBurst", options.requestsPerBurst ?? d.requestsPerBurst);
    const length = nonNegative("burstMinutes", options.burstMinutes ?? d.burstMinutes) * 60;
    if (bursts === 0 || perBurst === 0 || length === 0) {
        return;
    }
    const meanGapBetweenBursts = 86_400 / bursts;
    const meanGapInBurst = length / perBurst;
    for (let burst = c.start + c.rng.exponential(meanGapBetweenBursts); burst < c.end; ) {
        const burstEnd = burst + length;
        // The first request opens the burst; the rest follow as a Poisson process until the burst ends.
        for (let t = burst; t < burstEnd && t < c.end; t += c.rng.exponential(meanGapInBurst)) {
            yield { time: t, duration: c.rng.exponential(c.meanDuration) };
        }
        burst = burstEnd + c.rng.exponential(meanGapBetweenBursts);
    }
}

/** Dev/test: a few sessions on weekdays (each a burst of requests over ~30 min), nothing else. */
export function* devTestTraffic(options: DevTrafficOptions = {}): Generator<TrafficRequest> {
    const c = common(options);
    const d = PLANNER_DEFAULTS.dev;
    const sessions = nonNegative("sessionsPerDay", options.sessionsPerDay ?? d.sessionsPerDay);
    const length = nonNegative("sessionMinutes", options.sessionMinutes ?? d.sessionMinutes) * 60;
    const perSession = nonNegative("requestsPerSession", options.requestsPerSession ?? d.requestsPerSession);
    const first = options.dayStartHour ?? d.dayStartHour;
    const last = options.dayEndHour ?? d.dayEndHour;
    if (!(first >= 0 && last <= 24 && first < last)) {
        throw new Error(`session hours must satisfy 0 ≤ dayStartHour < dayEndHour ≤ 24 (got ${first}–${last})`);
    }
    if (sessions === 0 || perSession === 0 || length === 0) {
        return;
    }
    for (const date of localDays(c)) {
        if (!isWeekday(date.weekday)) {
            continue;
        }
        const from = localHour(date, first, c.timeZone);
        const to = Math.max(from, localHour(date, last, c.timeZone) - length);
        const starts: number[] = [];
        for (let n = c.rng.poisson(sessions); n > 0; n--) {
            starts.push(c.rng.uniform(from, to));
        }
        starts.sort((a, b) => a - b);
        let previousEnd = -Infinity;
        for (const planned of starts) {
            const sessionStart = Math.max(planned, previousEnd); // sessions of one developer do not overlap
            const sessionEnd = sessionStart + length;
            const meanGap = length / perSession;
            for (let t = sessionStart + c.rng.exponential(meanGap); t < sessionEnd; t += c.rng.exponential(meanGap)) {
                const duration = c.rng.exponential(c.meanDuration);
                if (t >= c.start && t < c.end) {
                    yield { time: t, duration };
                }
            }
            previousEnd = sessionEnd;
        }
    }
}

/** A built-in pattern as planner traffic, with its window. */
export function generatedTraffic(
    pattern: TrafficPattern,
    options: WeekdayTrafficOptions & SporadicTrafficOptions & DevTrafficOptions = {},
): Traffic {
    if (!TRAFFIC_PATTERNS.includes(pattern)) {
        throw new Error(`unknown traffic pattern ${JSON.stringify(pattern)} (known: ${TRAFFIC_PATTERNS.join(", ")})`);
    }
    const { start, end } = common(options);
    const requests =
        pattern === "weekdays" ? weekdayTraffic(options) : pattern === "sporadic" ? sporadicTraffic(options) : devTestTraffic(options);
    return { name: pattern, requests, window: { start, end } };
}
