import * as fs from "fs";
import * as path from "path";
import { ClientBehaviour } from "./client";
import { componentRuleProblems, PLANNER_INPUT_LIMITS } from "./inputLimits";
import { TIMING_OVERRIDE_FIELDS, TimingOverrides } from "./timingProfiles";
import { parseTypeValuePairs } from "./prices";
import { parseTimestamp } from "./traffic/csv";
import { parseInstanceTypeList } from "./unavailableTypes";
import { WeeklyScheduleAction, parseScheduleActionText, parseScheduleTime } from "./weeklySchedule";

/** Validated options of `scale-to-zero simulate` (planner/cli.ts runs them). */
export interface CliOptions {
    readonly stack?: string;
    readonly stackFile?: string;
    readonly stackDir?: string;
    readonly component?: string;
    readonly traffic?: string;
    readonly days?: number;
    readonly start?: string;
    readonly seed?: number;
    readonly requestsPerDay?: number;
    readonly meanDurationSeconds?: number;
    readonly defaultDurationSeconds?: number;
    readonly timeZone?: string;
    readonly profile?: string;
    readonly timing: TimingOverrides;
    readonly client?: ClientBehaviour;
    readonly idleTimeoutMinutes?: number[];
    readonly schedule?: WeeklyScheduleAction[];
    readonly scheduleHold: boolean;
    readonly startCold: boolean;
    readonly prices: Record<string, number>;
    readonly accelerators: Record<string, number>;
    /** Scenario: instance types with no capacity (known types; runSimulate checks they are the stack's pools). */
    readonly unavailableInstanceTypes?: string[];
    readonly json: boolean;
    readonly jsonTimeline: boolean;
    readonly svg?: string;
    readonly chartMode?: string;
    readonly recommend: boolean;
    readonly coldStartBudget?: number;
    readonly p99Budget?: number;
    readonly failedBudget?: number;
    readonly progress: boolean;
}

/** A command-line mistake: printed with a pointer to --help, exit code 2. */
export class CliUsageError extends Error {}

/**
 * The flags of `scale-to-zero simulate` as commander collects them (cli/commands/simulate.ts declares them, with
 * their help): strings, repeatable flags as arrays, switches as booleans. simulateOptions checks and converts them.
 */
export interface SimulateFlags {
    readonly stack?: string;
    readonly stackFile?: string;
    readonly stackDir?: string;
    readonly component?: string;
    readonly traffic?: string;
    readonly days?: string;
    readonly start?: string;
    readonly seed?: string;
    readonly requestsPerDay?: string;
    readonly meanDuration?: string;
    readonly defaultDuration?: string;
    readonly timeZone?: string;
    readonly profile?: string;
    readonly timing?: readonly string[];
    readonly client?: string;
    readonly holdDeadline?: string;
    readonly clientWakes?: boolean;
    readonly retryAttempts?: string;
    readonly idleTimeouts?: string;
    readonly schedule?: readonly string[];
    readonly scheduleNoHold?: boolean;
    readonly startCold?: boolean;
    readonly price?: readonly string[];
    readonly accelerators?: readonly string[];
    readonly unavailableInstanceTypes?: string;
    readonly json?: boolean;
    readonly jsonTimeline?: boolean;
    readonly svg?: string;
    readonly chartMode?: string;
    readonly recommend?: boolean;
    readonly coldStartBudget?: string;
    readonly p99Budget?: string;
    readonly failedBudget?: string;
    readonly progress?: boolean;
}

function number(flag: string, text: string, options: { integer?: boolean; min?: number; positive?: boolean } = {}): number {
    const pattern = options.integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
    const value = Number(text);
    if (!pattern.test(text) || (options.positive && value <= 0) || (options.min !== undefined && value < options.min)) {
        const what = options.integer ? "an integer" : "a number";
        const range = options.positive ? " > 0" : options.min !== undefined ? ` ≥ ${options.min}` : " ≥ 0";
        throw new CliUsageError(`${flag} needs ${what}${range} (got ${JSON.stringify(text)})`);
    }
    return value;
}

/**
 * Checks the flags and converts them; throws one CliUsageError naming every bad flag (joined with "; "). Pure except
 * for one check: the folder of --svg must exist, so a long simulation never ends in a write error.
 */
export function simulateOptions(flags: SimulateFlags): CliOptions {
    const problems: string[] = [];
    const attempt = <T>(check: () => T): T | undefined => {
        try {
            return check();
        } catch (error) {
            problems.push((error as Error).message);
            return undefined;
        }
    };
    const num = (flag: string, text: string | undefined, o?: { integer?: boolean; min?: number; positive?: boolean }): number | undefined =>
        text === undefined ? undefined : attempt(() => number(flag, text, o));

    if (!flags.stack && !flags.stackFile) {
        problems.push("--stack <name> (or --stack-file <path>) is required");
    }
    if (flags.stack && flags.stackFile) {
        problems.push("give --stack or --stack-file, not both");
    }
    if (!flags.traffic) {
        problems.push("--traffic is required: weekdays, sporadic, dev or a CSV file");
    }

    const timing: Record<string, number> = {};
    for (const pair of flags.timing ?? []) {
        const [field, value] = pair.split("=");
        if (!(TIMING_OVERRIDE_FIELDS as readonly string[]).includes(field) || value === undefined) {
            problems.push(`--timing ${JSON.stringify(pair)}: expected <field>=<number> with field one of ${TIMING_OVERRIDE_FIELDS.join(", ")}`);
            continue;
        }
        const parsed = num(`--timing ${field}`, value);
        if (parsed !== undefined) {
            timing[field] = parsed;
        }
    }

    let client: ClientBehaviour | undefined;
    const clientKind = flags.client;
    const deadline = num("--hold-deadline", flags.holdDeadline, { positive: true });
    const attempts = num("--retry-attempts", flags.retryAttempts, { integer: true, min: 1 });
    if (clientKind !== undefined && !["fail", "retry", "hold"].includes(clientKind)) {
        problems.push(`--client must be fail, retry or hold (got ${JSON.stringify(clientKind)})`);
    }
    if (deadline !== undefined && clientKind !== undefined && clientKind !== "hold") {
        problems.push("--hold-deadline applies to --client hold only");
    }
    if (flags.retryAttempts !== undefined && clientKind !== "retry") {
        problems.push("--retry-attempts applies to --client retry only");
    }
    if (flags.clientWakes && clientKind !== undefined && clientKind !== "hold") {
        problems.push("--client-wakes applies to --client hold only");
    }
    if (clientKind === "fail") {
        client = { kind: "fail" };
    } else if (clientKind === "retry") {
        client = { kind: "retry", maxAttempts: attempts };
    } else if (clientKind === "hold" || deadline !== undefined || flags.clientWakes) {
        client = { kind: "hold", deadlineSeconds: deadline, wakesEndpoint: flags.clientWakes === true };
    }

    let idleTimeoutMinutes: number[] | undefined;
    const idle = flags.idleTimeouts;
    if (idle !== undefined) {
        idleTimeoutMinutes = idle === "" ? [] : attempt(() => idle.split(",").map((m) => number("--idle-timeouts", m.trim(), { positive: true })));
    }
    const schedule = attempt(() => {
        try {
            const actions = flags.schedule?.map(parseScheduleActionText);
            actions?.forEach((action) => parseScheduleTime(action.at));
            return actions;
        } catch (error) {
            throw new CliUsageError(`--schedule: ${(error as Error).message}`);
        }
    });
    const prices = attempt(() => parseTypeValuePairs([...(flags.price ?? [])], "--price")) ?? {};
    const accelerators = attempt(() => parseTypeValuePairs([...(flags.accelerators ?? [])], "--accelerators")) ?? {};

    let unavailableInstanceTypes: string[] | undefined;
    if (flags.unavailableInstanceTypes !== undefined) {
        const parsed = parseInstanceTypeList(flags.unavailableInstanceTypes, "--unavailable-instance-types");
        problems.push(...parsed.problems);
        unavailableInstanceTypes = parsed.types;
    }

    const coldStartBudget = num("--cold-start-budget", flags.coldStartBudget);
    const p99Budget = num("--p99-budget", flags.p99Budget);
    const failedBudget = num("--failed-budget", flags.failedBudget, { integer: true });
    const budgets = [flags.coldStartBudget, flags.p99Budget, flags.failedBudget].some((b) => b !== undefined);
    const recommend = flags.recommend === true || budgets;
    if (recommend && !budgets) {
        problems.push("--recommend needs a budget: --cold-start-budget <per week>, --p99-budget <s> or --failed-budget <n>");
    }
    if (flags.jsonTimeline && !flags.json) {
        problems.push("--json-timeline needs --json");
    }
    const days = num("--days", flags.days, { positive: true });
    if (days !== undefined && days > PLANNER_INPUT_LIMITS.maxWindowDays) {
        problems.push(`--days must be at most ${PLANNER_INPUT_LIMITS.maxWindowDays} (got ${days}): longer windows do not change the comparison and take hours`);
    }
    if (flags.start !== undefined && parseTimestamp(flags.start) === undefined) {
        problems.push(`--start ${JSON.stringify(flags.start)} is not ISO-8601 or epoch seconds`);
    }
    problems.push(...componentRuleProblems({ idleTimeoutMinutes, timeZone: flags.timeZone }));
    if (flags.svg !== undefined) {
        const folder = path.dirname(path.resolve(flags.svg));
        if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
            problems.push(`--svg ${flags.svg}: folder ${folder} does not exist`);
        }
    }
    const seed = num("--seed", flags.seed, { integer: true });
    const requestsPerDay = num("--requests-per-day", flags.requestsPerDay);
    const meanDurationSeconds = num("--mean-duration", flags.meanDuration);
    const defaultDurationSeconds = num("--default-duration", flags.defaultDuration);
    if (problems.length > 0) {
        throw new CliUsageError(problems.join("; "));
    }

    return {
        stack: flags.stack,
        stackFile: flags.stackFile,
        stackDir: flags.stackDir,
        component: flags.component,
        traffic: flags.traffic,
        days,
        start: flags.start,
        seed,
        requestsPerDay,
        meanDurationSeconds,
        defaultDurationSeconds,
        timeZone: flags.timeZone,
        profile: flags.profile,
        timing,
        client,
        idleTimeoutMinutes,
        schedule,
        scheduleHold: !flags.scheduleNoHold,
        startCold: flags.startCold === true,
        prices,
        accelerators,
        unavailableInstanceTypes,
        json: flags.json === true,
        jsonTimeline: flags.jsonTimeline === true,
        svg: flags.svg,
        chartMode: flags.chartMode,
        recommend,
        coldStartBudget,
        p99Budget,
        failedBudget,
        progress: flags.progress === true,
    };
}
