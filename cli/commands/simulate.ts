import { Command, Option } from "commander";
import { DEFAULTS } from "../../components/defaults";
import { CliOptions, CliUsageError, SimulateFlags, simulateOptions } from "../../planner/cliArgs";
import { runSimulate } from "../../planner/cli";
import { PLANNER_DEFAULTS as D } from "../../planner/defaults";
import { TIMING_PROFILES } from "../../planner/timingProfiles";
import { TRAFFIC_PATTERNS } from "../../planner/traffic/generators";
import { collect, once } from "../flags";
import { parseChecked, registerChecked, stackDirOption, textWriters } from "./shared";

const scheduleDefault = D.schedule.actions.map((a) => `"${a.at}=${a.copies}"`).join(" ");
/** The idle timeouts the component accepts (components/validate.ts): from its minimum to below target tracking's. */
const idleRange = `${DEFAULTS.idleTimeoutMinMinutes}-${DEFAULTS.targetTrackingScaleInMinutes - 1}`;

/** A flag with a value that may be given once; `help` names its default when the planner has one. */
function value(flags: string, help: string): Option {
    return new Option(flags, help).argParser(once);
}

function repeatable(flags: string, help: string): Option {
    return new Option(flags, `${help} (repeatable)`).argParser(collect);
}

/** The simulate command's flags; descriptions name the planner's defaults (planner/defaults.ts). */
function simulateCommand(): Command {
    return new Command("simulate")
        .summary("compare scaling modes of a stack's inference component on a traffic pattern")
        .description(
            "Runs the stack's own resources on the control-loop twin under several scaling modes (always-on, the AWS " +
                "seed default, idle timeouts, a weekly schedule, the stack's configured mode) and reports instance-hours, " +
                "cost, cold starts, lost and delayed requests and the latency added by waiting for a copy.",
        )
        .addOption(value("--stack <name>", "read Pulumi.<name>.yaml (in the current directory, or --stack-dir)"))
        .addOption(value("--stack-file <path>", "read this stack file instead"))
        .addOption(stackDirOption().argParser(once))
        .addOption(value("--component <key>", "inference component to plan (required when the stack has several)"))
        .addOption(value("--traffic <pattern|file>", `${TRAFFIC_PATTERNS.join(", ")}, or a CSV of timestamp[,duration] (ISO-8601 or epoch s/ms)`))
        .addOption(value("--days <n>", `window length in days, at most 366 (generated: default ${D.traffic.days}; CSV: up to the last request)`))
        .addOption(value("--start <ISO-8601>", `window start (generated: default ${D.traffic.start}, a Monday)`))
        .addOption(value("--seed <n>", `seed of generated traffic (default ${D.traffic.seed})`))
        .addOption(value("--requests-per-day <n>", `weekdays: mean requests per weekday (default ${D.weekdays.requestsPerDay})`))
        .addOption(value("--mean-duration <s>", `generated traffic: mean request duration (default ${D.traffic.meanDurationSeconds})`))
        .addOption(value("--default-duration <s>", `CSV: duration of requests without one (default ${D.requestDurationSeconds})`))
        .addOption(value("--time-zone <IANA>", `business hours and schedule time zone (default ${D.traffic.timeZone})`))
        .addOption(value("--profile <name>", `timing profile: ${Object.keys(TIMING_PROFILES).join(" or ")} (default ${D.profile})`))
        .addOption(repeatable("--timing <field=value>", "override a timing field, e.g. copyStartSeconds=90"))
        .addOption(value("--client <fail|retry|hold>", `client behaviour without capacity (default ${D.client.kind})`))
        .addOption(value("--hold-deadline <s>", `hold: give up after this many seconds (default ${D.client.deadlineSeconds})`))
        .option("--client-wakes", "hold: the client wakes the component itself (no alarm wait), like ScaleToZeroClient with wake: true")
        .addOption(value("--retry-attempts <n>", `retry: attempts in all (default ${D.retry.maxAttempts}, backoff ${D.retry.initialDelaySeconds} s doubling to ${D.retry.maxDelaySeconds} s)`))
        .addOption(value("--idle-timeouts <m,m,...>", `idle timeouts to compare, minutes, ${idleRange} as the component allows (default ${D.idleTimeoutMinutes.join(",")})`))
        .addOption(repeatable("--schedule <\"DAYS HH:MM=copies\">", `weekly action (default ${scheduleDefault})`))
        .option("--schedule-no-hold", "scheduled counts are set once (target tracking may scale in), not held as floor")
        .option("--start-cold", "start with no copy instead of as just deployed")
        .addOption(repeatable("--price <type=usd/h>", "override or add an instance price"))
        .addOption(repeatable("--accelerators <type=n>", "accelerators of an instance type missing from the table"))
        .addOption(
            value(
                "--unavailable-instance-types <type,type,...>",
                "scenario: these of the stack's instance pools have no capacity; wakes fall back to the next pool (fallbackInstanceTypes) or fail",
            ),
        )
        .option("--json", "JSON on stdout instead of the text table (progress stays on stderr)")
        .option("--json-timeline", "include each mode's downsampled timeline in the JSON")
        .addOption(value("--svg <file>", "write a chart of copies, instances and requests over time (its folder must exist)"))
        .addOption(value("--chart-mode <name>", "mode to chart (default: the recommended mode, else configured)"))
        .option("--recommend", "pick the cheapest mode within budget")
        .addOption(value("--cold-start-budget <n>", "budget: most cold starts per week (implies --recommend)"))
        .addOption(value("--p99-budget <s>", "budget: highest p99 added latency in seconds (implies --recommend)"))
        .addOption(value("--failed-budget <n>", "budget: most lost requests over the window (implies --recommend)"))
        .option("--progress", "progress on stderr even when it is not a terminal");
}

export function registerSimulate(program: Command): void {
    registerChecked(program, simulateCommand(), simulateOptions, (options: CliOptions, context) =>
        runSimulate(options, { ...textWriters(context.io), stderrIsTty: context.io.stderr.isTTY === true, cwd: context.io.cwd ?? process.cwd() }),
    );
}

/** Parses and checks a simulate command line (without "simulate"); for tests and fuzzing. Throws CliUsageError. */
export function parseSimulateArgs(argv: readonly string[]): CliOptions {
    let flags: SimulateFlags;
    try {
        flags = parseChecked(simulateCommand(), argv, (f: SimulateFlags) => f);
    } catch (error) {
        throw new CliUsageError((error as Error).message.replace(/^error: /, ""));
    }
    return simulateOptions(flags);
}
