/**
 * Every default of the planner that is not a stack setting, in one place. Stack settings (instance type, copy
 * scaling, cooldowns, alarm period) come from the stack and fall back to `components/defaults.ts`, never to here.
 */
export const PLANNER_DEFAULTS = {
    /** Timing profile when none is named. */
    profile: "llama-3.1-8b",
    /** Duration of a request whose trace has no duration column, seconds. */
    requestDurationSeconds: 1,
    /** What a client does when the endpoint has no copy: hold the request until a copy serves it, up to 10 min. */
    client: { kind: "hold", deadlineSeconds: 600 },
    /** Retry client: exponential backoff 1, 2, 4, … s capped at 60 s, 8 attempts in all (≈ 4 min). */
    retry: { maxAttempts: 8, initialDelaySeconds: 1, backoffFactor: 2, maxDelaySeconds: 60 },
    /** Idle timeouts compared by default, minutes. */
    idleTimeoutMinutes: [7, 10],
    /** Weekly schedule compared by default: warm from Monday 07:00 to Friday 18:00 UTC. */
    schedule: {
        timeZone: "UTC",
        actions: [
            { at: "MON 07:00", copies: 1 },
            { at: "FRI 18:00", copies: 0 },
        ],
        holdScheduledCopies: true,
        wakeUpOnDemand: true,
    },
    /** The simulation starts as just deployed (`initialCopies` serving) unless told to start cold. */
    startCold: false,
    /** Points of the downsampled timeline (chart). */
    timelinePoints: 600,
    /** Latency histogram: 1 ms … 1 week, ±1 % relative accuracy. */
    latency: { minSeconds: 0.001, maxSeconds: 7 * 86_400, relativeAccuracy: 0.01 },
    /** Generated traffic: 30 days from a Monday, seed 1, UTC, requests of 1 s on average (exponential). */
    traffic: { start: "2025-01-06T00:00:00Z", days: 30, seed: 1, timeZone: "UTC", meanDurationSeconds: 1 },
    /** Weekday business hours (Poisson arrivals 09:00–17:00 Monday–Friday), nothing at night or on weekends. */
    weekdays: { requestsPerDay: 2000, openHour: 9, closeHour: 17 },
    /** Sporadic bursts around the clock: a few a day, each a short Poisson burst. */
    sporadic: { burstsPerDay: 4, requestsPerBurst: 30, burstMinutes: 5 },
    /** Dev/test: a few working sessions on weekdays between 09:00 and 18:00. */
    dev: { sessionsPerDay: 3, sessionMinutes: 30, requestsPerSession: 20, dayStartHour: 9, dayEndHour: 18 },
} as const;
