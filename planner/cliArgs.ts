import { ClientBehaviour } from "./client";
import { componentRuleProblems, PLANNER_INPUT_LIMITS } from "./inputLimits";
import { TIMING_OVERRIDE_FIELDS, TimingOverrides } from "./timingProfiles";
import { parseTypeValuePairs } from "./prices";
import { WeeklyScheduleAction, parseScheduleActionText, parseScheduleTime } from "./weeklySchedule";

/** Parsed command line of `planner/cli.ts`. */
export interface CliOptions {
    readonly help: boolean;
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

export const USAGE = `Usage: ts-node planner/cli.ts --stack <name> --traffic <weekdays|sporadic|dev|file.csv> [options]

Simulates a SageMaker inference component under several scaling modes (always-on, the AWS seed default,
idle timeouts, a weekly schedule, the stack's configured mode) and reports instance-hours, cost, cold starts,
lost and delayed requests and the latency added by waiting for a copy.

Stack
  --stack <name>              read Pulumi.<name>.yaml (in the repository root, or --stack-dir)
  --stack-file <path>         read this stack file instead
  --stack-dir <dir>           where Pulumi.<name>.yaml lives
  --component <key>           inference component to plan (required when the stack has several)
Traffic
  --traffic <pattern|file>    weekdays, sporadic, dev, or a CSV of timestamp[,duration] (ISO-8601 or epoch s/ms)
  --days <n>                  window length in days, at most 366 (generated: default 30; CSV: up to the last request)
  --start <ISO-8601>          window start (generated: default 2025-01-06T00:00:00Z, a Monday)
  --seed <n>                  seed of generated traffic (default 1)
  --requests-per-day <n>      weekdays: mean requests per weekday (default 2000)
  --mean-duration <s>         generated traffic: mean request duration (default 1)
  --default-duration <s>      CSV: duration of requests without one (default 1)
  --time-zone <IANA>          business hours and schedule time zone (default UTC)
Model and behaviour
  --profile <name>            timing profile: llama-3.1-8b (default) or llama-3.1-70b
  --timing <field>=<value>    override a timing field (repeatable), e.g. copyStartSeconds=90
  --client <fail|retry|hold>  client behaviour without capacity (default hold)
  --hold-deadline <s>         hold: give up after this many seconds (default 600)
  --client-wakes              hold: the client wakes the component itself (no alarm wait), like ScaleToZeroClient
                              with wake: true
  --retry-attempts <n>        retry: attempts in all (default 8, backoff 1 s doubling to 60 s)
  --idle-timeouts <m,m,...>   idle timeouts to compare, minutes, 7-14 as the component allows (default 7,10)
  --schedule "<DAYS HH:MM>=<copies>"  weekly action (repeatable; default "MON 07:00=1" "FRI 18:00=0")
  --schedule-no-hold          scheduled counts are set once (target tracking may scale in), not held as floor
  --start-cold                start with no copy instead of as just deployed
Prices
  --price <type>=<usd/h>      override or add an instance price (repeatable)
  --accelerators <type>=<n>   accelerators of an instance type missing from the table (repeatable)
Output
  --json                      JSON instead of the text table
  --json-timeline             include each mode's downsampled timeline in the JSON
  --svg <file>                write a chart of copies, instances and requests over time
  --chart-mode <name>         mode to chart (default: the recommended mode, else configured)
  --recommend                 pick the cheapest mode within budget
  --cold-start-budget <n>     budget: most cold starts per week (implies --recommend)
  --p99-budget <s>            budget: highest p99 added latency in seconds (implies --recommend)
  --failed-budget <n>         budget: most lost requests over the window (implies --recommend)
  --progress                  progress on stderr even when it is not a terminal
  --help                      this text
`;

const VALUE_FLAGS = new Set([
    "--stack",
    "--stack-file",
    "--stack-dir",
    "--component",
    "--traffic",
    "--days",
    "--start",
    "--seed",
    "--requests-per-day",
    "--mean-duration",
    "--default-duration",
    "--time-zone",
    "--profile",
    "--timing",
    "--client",
    "--hold-deadline",
    "--retry-attempts",
    "--idle-timeouts",
    "--schedule",
    "--price",
    "--accelerators",
    "--svg",
    "--chart-mode",
    "--cold-start-budget",
    "--p99-budget",
    "--failed-budget",
]);
const BOOLEAN_FLAGS = new Set([
    "--help",
    "-h",
    "--json",
    "--json-timeline",
    "--recommend",
    "--progress",
    "--start-cold",
    "--schedule-no-hold",
    "--client-wakes",
]);
const REPEATABLE = new Set(["--timing", "--schedule", "--price", "--accelerators"]);

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

/** Parses argv (without node and script); throws CliUsageError naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
    const single = new Map<string, string>();
    const repeated = new Map<string, string[]>();
    const flags = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        if (BOOLEAN_FLAGS.has(flag)) {
            if (eq > 0) {
                throw new CliUsageError(`${flag} takes no value`);
            }
            flags.add(flag === "-h" ? "--help" : flag);
            continue;
        }
        if (!VALUE_FLAGS.has(flag)) {
            throw new CliUsageError(arg.startsWith("-") ? `unknown flag ${flag}` : `unexpected argument ${JSON.stringify(arg)}`);
        }
        let value: string | undefined;
        if (eq > 0) {
            value = arg.slice(eq + 1);
        } else {
            value = argv[i + 1];
            if (value === undefined || (value.startsWith("--") && value.length > 2)) {
                throw new CliUsageError(`${flag} needs a value`);
            }
            i++;
        }
        if (REPEATABLE.has(flag)) {
            repeated.set(flag, [...(repeated.get(flag) ?? []), value]);
        } else if (single.has(flag)) {
            throw new CliUsageError(`${flag} given twice`);
        } else {
            single.set(flag, value);
        }
    }
    const get = (flag: string): string | undefined => single.get(flag);
    const num = (flag: string, o?: { integer?: boolean; min?: number; positive?: boolean }): number | undefined => {
        const v = get(flag);
        return v === undefined ? undefined : number(flag, v, o);
    };

    if (flags.has("--help")) {
        return { ...emptyOptions(), help: true };
    }
    if (!get("--stack") && !get("--stack-file")) {
        throw new CliUsageError("--stack <name> (or --stack-file <path>) is required");
    }
    if (get("--stack") && get("--stack-file")) {
        throw new CliUsageError("give --stack or --stack-file, not both");
    }
    if (!get("--traffic")) {
        throw new CliUsageError("--traffic is required: weekdays, sporadic, dev or a CSV file");
    }

    const timing: Record<string, number> = {};
    for (const pair of repeated.get("--timing") ?? []) {
        const [field, value] = pair.split("=");
        if (!(TIMING_OVERRIDE_FIELDS as readonly string[]).includes(field) || value === undefined) {
            throw new CliUsageError(`--timing ${JSON.stringify(pair)}: expected <field>=<number> with field one of ${TIMING_OVERRIDE_FIELDS.join(", ")}`);
        }
        timing[field] = number(`--timing ${field}`, value);
    }

    let client: ClientBehaviour | undefined;
    const clientKind = get("--client");
    const deadline = num("--hold-deadline", { positive: true });
    const attempts = num("--retry-attempts", { integer: true, min: 1 });
    if (clientKind !== undefined && !["fail", "retry", "hold"].includes(clientKind)) {
        throw new CliUsageError(`--client must be fail, retry or hold (got ${JSON.stringify(clientKind)})`);
    }
    if (deadline !== undefined && clientKind !== undefined && clientKind !== "hold") {
        throw new CliUsageError("--hold-deadline applies to --client hold only");
    }
    if (attempts !== undefined && clientKind !== "retry") {
        throw new CliUsageError("--retry-attempts applies to --client retry only");
    }
    if (clientKind === "fail") {
        client = { kind: "fail" };
    } else if (clientKind === "retry") {
        client = { kind: "retry", maxAttempts: attempts };
    } else if (clientKind === "hold" || deadline !== undefined || flags.has("--client-wakes")) {
        client = { kind: "hold", deadlineSeconds: deadline, wakesEndpoint: flags.has("--client-wakes") };
    }
    if (flags.has("--client-wakes") && clientKind !== undefined && clientKind !== "hold") {
        throw new CliUsageError("--client-wakes applies to --client hold only");
    }

    let idleTimeoutMinutes: number[] | undefined;
    const idle = get("--idle-timeouts");
    if (idle !== undefined) {
        idleTimeoutMinutes = idle === "" ? [] : idle.split(",").map((m) => number("--idle-timeouts", m.trim(), { positive: true }));
    }
    let schedule: WeeklyScheduleAction[] | undefined;
    try {
        schedule = repeated.get("--schedule")?.map(parseScheduleActionText);
        schedule?.forEach((action) => parseScheduleTime(action.at));
    } catch (error) {
        throw new CliUsageError(`--schedule: ${(error as Error).message}`);
    }
    let prices: Record<string, number>;
    let accelerators: Record<string, number>;
    try {
        prices = parseTypeValuePairs(repeated.get("--price") ?? [], "--price");
        accelerators = parseTypeValuePairs(repeated.get("--accelerators") ?? [], "--accelerators");
    } catch (error) {
        throw new CliUsageError((error as Error).message);
    }

    const coldStartBudget = num("--cold-start-budget");
    const p99Budget = num("--p99-budget");
    const failedBudget = num("--failed-budget", { integer: true });
    const budgets = [coldStartBudget, p99Budget, failedBudget].some((b) => b !== undefined);
    const recommend = flags.has("--recommend") || budgets;
    if (recommend && !budgets) {
        throw new CliUsageError("--recommend needs a budget: --cold-start-budget <per week>, --p99-budget <s> or --failed-budget <n>");
    }
    if (flags.has("--json-timeline") && !flags.has("--json")) {
        throw new CliUsageError("--json-timeline needs --json");
    }
    const days = num("--days", { positive: true });
    if (days !== undefined && days > PLANNER_INPUT_LIMITS.maxWindowDays) {
        throw new CliUsageError(`--days must be at most ${PLANNER_INPUT_LIMITS.maxWindowDays} (got ${days}): longer windows do not change the comparison and take hours`);
    }
    const ruleProblems = componentRuleProblems({ idleTimeoutMinutes, timeZone: get("--time-zone") });
    if (ruleProblems.length > 0) {
        throw new CliUsageError(ruleProblems.join("; "));
    }

    return {
        help: false,
        stack: get("--stack"),
        stackFile: get("--stack-file"),
        stackDir: get("--stack-dir"),
        component: get("--component"),
        traffic: get("--traffic"),
        days,
        start: get("--start"),
        seed: num("--seed", { integer: true }),
        requestsPerDay: num("--requests-per-day"),
        meanDurationSeconds: num("--mean-duration"),
        defaultDurationSeconds: num("--default-duration"),
        timeZone: get("--time-zone"),
        profile: get("--profile"),
        timing,
        client,
        idleTimeoutMinutes,
        schedule,
        scheduleHold: !flags.has("--schedule-no-hold"),
        startCold: flags.has("--start-cold"),
        prices,
        accelerators,
        json: flags.has("--json"),
        jsonTimeline: flags.has("--json-timeline"),
        svg: get("--svg"),
        chartMode: get("--chart-mode"),
        recommend,
        coldStartBudget,
        p99Budget,
        failedBudget,
        progress: flags.has("--progress"),
    };
}

function emptyOptions(): CliOptions {
    return {
        help: false,
        timing: {},
        scheduleHold: true,
        startCold: false,
        prices: {},
        accelerators: {},
        json: false,
        jsonTimeline: false,
        recommend: false,
        progress: false,
    };
}
