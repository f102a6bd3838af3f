/**
 * The planner behind `scale-to-zero simulate` (flags and help: cli/commands/simulate.ts; checks:
 * planner/cliArgs.ts simulateOptions). Reads the stack's settings from Pulumi.<stack>.yaml.
 */
import * as fs from "fs";
import * as path from "path";
import { CliOptions, CliUsageError } from "./cliArgs";
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
import { instancePools, unavailableTypeProblems } from "./unavailableTypes";

/** Streams to write to; injectable for tests. */
export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** Whether stderr is a terminal (progress is shown only then, or with --progress). */
    readonly stderrIsTty: boolean;
    /** Where Pulumi.<stack>.yaml is looked up without --stack-dir: the current directory. */
    readonly cwd: string;
}

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

/** Runs a checked command line; returns the exit code (0 ok, 1 bad input, 2 a usage mistake found late). */
export async function runSimulate(options: CliOptions, io: CliIo): Promise<number> {
    try {
        const file = options.stackFile ?? stackFilePath(options.stack as string, options.stackDir ?? io.cwd);
        const stack = readStackSettings(file);
        const { key, component } = pickComponent(stack, options.component);
        const unavailable = unavailableTypeProblems(options.unavailableInstanceTypes ?? [], instancePools(stack.endpoint), "--unavailable-instance-types");
        if (unavailable.length > 0) {
            throw new CliUsageError(unavailable.join("; "));
        }
        const traffic = trafficFrom(options);
        // simulateOptions already refused a --start that does not parse.
        const start = options.start === undefined ? undefined : parseTimestamp(options.start);
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
            unavailableInstanceTypes: options.unavailableInstanceTypes,
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
