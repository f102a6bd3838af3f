import { TwinOptions, TwinRequest, TwinResult, TwinResource, runTwin } from "../../twin";

/** Tuesday 5 January 2027, 12:00 UTC: no weekly schedule of the test stacks fires near it. */
export const TUESDAY_NOON = Date.UTC(2027, 0, 5, 12) / 1000;
export const MINUTE = 60;
export const HOUR = 3600;

/** Runs the twin from deploy time for `hours`, with requests given in minutes after deploy. */
export function runFor(
    resources: TwinResource[],
    hours: number,
    requests: (Omit<TwinRequest, "time"> & { minute: number })[] = [],
    options: Partial<TwinOptions> = {},
    start = TUESDAY_NOON,
): TwinResult {
    return runTwin(resources, {
        start,
        end: start + hours * HOUR,
        requests: requests.map(({ minute, ...r }) => ({ ...r, time: start + minute * MINUTE })),
        ...options,
    });
}

/** Minutes after `from` (epoch seconds) of an epoch time, or undefined. */
export function minutesAfter(from: number, time: number | undefined): number | undefined {
    return time === undefined ? undefined : (time - from) / MINUTE;
}

/** The only outcome's wait in minutes (undefined when the client gave up). */
export function waitMinutes(result: TwinResult, index = 0): number | undefined {
    const o = result.outcomes[index];
    return o.servedAt === undefined ? undefined : (o.servedAt - o.request.time) / MINUTE;
}
