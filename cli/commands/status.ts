/**
 * `scale-to-zero status`: what the endpoint is doing now (client/status). Names come from `--endpoint` + `--component`, or from a stack file through the stack program's own
 * config loader and naming (`--stack dev` reads Pulumi.dev.yaml).
 */
import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { Command, InvalidArgumentError } from "commander";
import { gatherStatus, StatusClients, StatusTarget } from "../../client/status/gather";
import { renderStatus } from "../../client/status/render";
import { stackStatusTarget } from "../../client/status/stackTarget";
import { contextOf, usageError } from "../context";
import { collect } from "../flags";
import { reportFailure } from "./shared";

export interface StatusOptions {
    readonly stack?: string;
    readonly endpoint?: string;
    readonly component?: string[];
    readonly watch?: number;
    readonly json?: boolean;
    readonly region?: string;
}

/** Where output goes and how often `--watch` stops (tests stop it after a few screens). */
export interface StatusIo {
    readonly write: (text: string) => void;
    readonly clients?: StatusClients;
    readonly maxRefreshes?: number;
    readonly root?: string;
}

/** The names to read, from the options (pure; throws naming the options). */
export function statusTarget(options: StatusOptions, root = process.cwd()): StatusTarget {
    if ((options.stack === undefined) === (options.endpoint === undefined)) {
        throw new InvalidArgumentError("give either --stack <name> or --endpoint <name> with --component <name> (one or more)");
    }
    if (options.stack !== undefined) {
        if (options.component !== undefined) throw new InvalidArgumentError("--component goes with --endpoint; --stack reads the components from the stack");
        return stackStatusTarget(options.stack, root);
    }
    const components = options.component ?? [];
    if (components.length === 0) throw new InvalidArgumentError("--endpoint needs at least one --component <name>");
    return { endpointName: options.endpoint!, components: components.map((name) => ({ key: name, inferenceComponentName: name })) };
}

function watchSeconds(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 2 || n > 3600) throw new InvalidArgumentError(`--watch must be whole seconds between 2 and 3600 (got ${value})`);
    return n;
}

/** Runs the command: one screen, or with `watch` a screen every `watch` seconds redrawn in place. */
export async function runStatus(options: StatusOptions, io: StatusIo): Promise<void> {
    const target = statusTarget(options, io.root);
    const clients = io.clients ?? {
        sageMaker: new SageMakerClient({ region: options.region }),
        autoScaling: new ApplicationAutoScalingClient({ region: options.region }),
        cloudWatch: new CloudWatchClient({ region: options.region }),
    };
    const screen = async () => {
        const status = await gatherStatus(target, clients);
        return options.json ? JSON.stringify(status, null, 2) + "\n" : renderStatus(status);
    };
    try {
        if (options.watch === undefined) {
            io.write(await screen());
            return;
        }
        for (let i = 0; io.maxRefreshes === undefined || i < io.maxRefreshes; i++) {
            // Cursor home + clear screen: the table is redrawn in place instead of scrolling.
            io.write((options.json ? "" : "\x1b[H\x1b[2J") + (await screen()));
            if (io.maxRefreshes !== undefined && i + 1 >= io.maxRefreshes) break;
            await new Promise((resolve) => setTimeout(resolve, options.watch! * 1000));
        }
    } finally {
        if (!io.clients) {
            for (const client of Object.values(clients)) (client as { destroy(): void }).destroy();
        }
    }
}

/** Adds `status` to the scale-to-zero command line. */
export function registerStatus(program: Command): void {
    program
        .command("status")
        .description("what a scale-to-zero endpoint is doing: copies, instances, alarms, scaling activities, cold starts, cost now")
        .option("--stack <name>", "read endpoint and component names from Pulumi.<name>.yaml")
        .option("--endpoint <name>", "SageMaker endpoint name (with --component)")
        .option("--component <name>", "inference component name (repeatable)", collect)
        .option("--watch [seconds]", "refresh in place every N seconds (default 10)", watchSeconds)
        .option("--json", "print JSON instead of the table")
        .option("--region <region>", "AWS region (default: the SDK's chain)")
        .action(async (opts: Omit<StatusOptions, "watch"> & { watch?: number | true }, command: Command) => {
            const context = contextOf(command);
            try {
                await runStatus(
                    { ...opts, watch: opts.watch === true ? 10 : opts.watch },
                    { write: (t) => void context.io.stdout.write(t), root: context.io.cwd },
                );
            } catch (error) {
                if (error instanceof InvalidArgumentError) {
                    usageError(command, error.message);
                }
                context.exitCode = reportFailure(context, "status", error);
            }
        });
}
