/**
 * Command line of the scale-to-zero planner:
 *   ts-node planner/cli.ts --stack dev --traffic weekdays [--days 30] [--profile llama-3.1-8b] [--json]
 *     [--svg out.svg] [--recommend --cold-start-budget N] [--price ml.g5.12xlarge=7.09]
 * Reads the stack's settings from Pulumi.<stack>.yaml; see --help.
 */
import * as fs from "fs";
import * as path from "path";
import { CliOptions, CliUsageError, USAGE, parseCliArgs } from "./cliArgs";
import { planToJson } from "./format/json";
import { timelineSvg } from "./format/svg";
import { formatTable } from "./format/table";
import { PlannerMode, modeName, standardModes } from "./modes";
import { PlanProgress, PlanResult } from "./plan";
import { Recommendation, recommend } from "./recommend";
import { pickComponent, readStackSettings, stackFilePath, stackModes } from "./stackSettings";
import { TimingProfileName } from "./timingProfiles";
import { planOnTwin } from "./twinPlan";
import { readStackConfigFile } from "../stackFile";
import { csvTraffic, parseTimestamp } from "./traffic/csv";
import { TRAFFIC_PATTERNS, TrafficPattern, generatedTraffic } from "./traffic/generators";
import { Traffic } from "./traffic/types";

/** Where `Pulumi.<stack>.yaml` files live by default: the repository root. */
const REPO_ROOT = path.resolve(__dirname, "..");

/** Streams to write to; injectable for tests. */
export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** Whether stderr is a terminal (progress is shown only then, or with --progress). */
    readonly stderrIsTty: boolean;
}

const processIo: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
};

function trafficFrom(options: CliOptions): Traffic {
    const name = options.traffic as string;
    if ((TRAFFIC_PATTERNS as readonly string[]).includes(name)) {
        return generatedTraffic(name as TrafficPattern, {
            start: options.start,
            days: options.days,
            seed: options.seed,
            timeZone: options.timeZone,
            meanDurationSeconds: options.meanDurationSeconds,
            requestsPerDay: options.requestsPerDay,
        });
    }
    if (!fs.existsSync(name)) {
        throw new CliUsageError(`--traffic ${JSON.stringify(name)} is neither ${TRAFFIC_PATTERNS.join(", ")} nor an existing CSV file`);
    }
    if (options.requestsPerDay !== undefined || options.seed !== undefined || options.meanDurationSeconds !== undefined) {
        throw new CliUsageError("--requests-per-day, --seed and --mean-duration apply to generated traffic, not to a CSV file");
    }
    return csvTraffic(name, { defaultDurationSeconds: options.defaultDurationSeconds });
}

/** The standard modes, with the stack's own schedule and configured mode unless the command line overrides them. */
function modesFrom(options: CliOptions, stack: ReturnType<typeof stackModes>): PlannerMode[] {
    const fromCli = options.schedule !== undefined || !options.scheduleHold;
    return standardModes({
        idleTimeoutMinutes: options.idleTimeoutMinutes,
        schedule:
            fromCli || !stack.schedule
                ? { timeZone: options.timeZone, actions: options.schedule, holdScheduledCopies: options.scheduleHold }
                : stack.schedule,
        configured: stack.configured,
    });
}

function progressReporter(options: CliOptions, io: CliIo): ((p: PlanProgress) => void) | undefined {
    if (!options.progress && !io.stderrIsTty) {
        return undefined;
    }
    let last = 0;
    return (p) => {
        const now = Date.now();
        if (now - last < 250) {
            return;
        }
        last = now;
        const share = p.fraction !== undefined ? ` (${Math.min(100, p.fraction * 100).toFixed(0)} % of the window)` : "";
        io.stderr(`\rsimulated ${p.requests.toLocaleString("en-US")} requests, up to ${new Date(p.time * 1000).toISOString().slice(0, 16)}${share}   `);
    };
}

function checkChartMode(options: CliOptions, modes: readonly PlannerMode[]): void {
    const names = modes.map(modeName);
    if (options.chartMode !== undefined && !names.includes(options.chartMode)) {
        throw new CliUsageError(`--chart-mode ${JSON.stringify(options.chartMode)} is not a simulated mode (modes: ${names.join(", ")})`);
    }
}

function chartMode(plan: PlanResult, options: CliOptions, recommendation?: Recommendation): PlanResult["modes"][number] {
    const wanted = options.chartMode ?? recommendation?.mode?.name ?? "configured";
    return plan.modes.find((m) => m.name === wanted) ?? plan.modes[plan.modes.length - 1];
}

/** Runs the CLI; returns the exit code (0 ok, 1 bad input, 2 bad command line). */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
    let options: CliOptions;
    try {
        options = parseCliArgs(argv);
    } catch (error) {
        io.stderr(`error: ${(error as Error).message}\nrun with --help for usage\n`);
        return 2;
    }
    if (options.help) {
        io.stdout(USAGE);
        return 0;
    }
    try {
        const file = options.stackFile ?? stackFilePath(options.stack as string, options.stackDir ?? REPO_ROOT);
        const stack = readStackSettings(file);
        const { key, component } = pickComponent(stack, options.component);
        const traffic = trafficFrom(options);
        let start: number | undefined;
        if (options.start !== undefined) {
            start = parseTimestamp(options.start);
            if (start === undefined) {
                throw new CliUsageError(`--start ${JSON.stringify(options.start)} is not ISO-8601 or epoch seconds`);
            }
        }
        const modes = modesFrom(options, stackModes(stack.endpoint, component));
        checkChartMode(options, modes);
        const onProgress = progressReporter(options, io);
        // The numbers come from the twin running the stack's own resources (and variants of them per mode).
        const plan = await planOnTwin({
            stack: options.stack ?? /^Pulumi\.(.+)\.yaml$/.exec(path.basename(file))?.[1] ?? "stack",
            config: readStackConfigFile(file),
            componentKey: key,
            traffic,
            start,
            days: options.days,
            timing: (options.profile ?? undefined) as TimingProfileName | undefined,
            timingOverrides: options.timing,
            modes,
            client: options.client,
            prices: options.prices,
            accelerators: options.accelerators,
            startCold: options.startCold,
            onProgress,
        });
        if (onProgress) {
            io.stderr("\r" + " ".repeat(90) + "\r");
        }
        const recommendation = options.recommend
            ? recommend(plan.modes, {
                  maxColdStartsPerWeek: options.coldStartBudget,
                  maxP99AddedLatencySeconds: options.p99Budget,
                  maxFailedRequests: options.failedBudget,
              })
            : undefined;
        const stackLabel = options.stack ?? path.basename(file);
        if (options.json) {
            io.stdout(JSON.stringify(planToJson(plan, { stack: stackLabel, timeline: options.jsonTimeline }, recommendation), null, 2) + "\n");
        } else {
            io.stdout(formatTable(plan, { stack: stackLabel }, recommendation) + "\n");
        }
        if (options.svg) {
            const mode = chartMode(plan, options, recommendation);
            fs.writeFileSync(options.svg, timelineSvg(mode, { title: `${stackLabel} · ${key} · ${plan.traffic.name} · ${mode.name}` }));
            io.stderr(`wrote ${options.svg} (mode ${mode.name})\n`);
        }
        return 0;
    } catch (error) {
        io.stderr(`error: ${(error as Error).message}\n`);
        return error instanceof CliUsageError ? 2 : 1;
    }
}

if (require.main === module) {
    runCli(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(`error: ${(error as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
