import { Command, InvalidArgumentError, Option } from "commander";
import * as fs from "fs";
import { PolicyPackConfig } from "../../policies/runLocally";
import { runPlan } from "../../preview/cli";
import { contextOf } from "../context";
import { keyValue } from "../flags";
import { reportFailure, stackDirOption, stackOption, textWriters } from "./shared";

interface PlanFlags {
    stack: string;
    stackDir?: string;
    json: boolean;
    policyConfig?: PolicyPackConfig;
    stackTag?: Record<string, string>;
}

/** Read when the command line is parsed, so a bad file is a usage error before the program runs. */
function policyConfigFile(file: string): PolicyPackConfig {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as PolicyPackConfig;
    } catch (error) {
        throw new InvalidArgumentError(`${file}: ${(error as Error).message}`);
    }
}

export function registerPlan(program: Command): void {
    program
        .command("plan")
        .summary("offline preview of a stack: resources, key properties, policy verdicts")
        .description(
            "Runs this package's stack program with the config of Pulumi.<stack>.yaml against a local fake engine and " +
                "prints every resource a first `pulumi up` would create, then the policy pack's verdicts. No AWS account, " +
                "no Pulumi CLI. Exit 1 when a mandatory policy fails.",
        )
        .addOption(stackOption())
        .addOption(stackDirOption())
        .option("--json", "print {resources, policies} as JSON on stdout", false)
        .addOption(new Option("--policy-config <file.json>", "policy pack config, as for `pulumi up --policy-pack-config`").argParser(policyConfigFile))
        .addOption(new Option("--stack-tag <key=value>", "a stack tag the policies see (repeatable)").argParser(keyValue))
        .action(async (flags: PlanFlags, command: Command) => {
            const context = contextOf(command);
            const io = textWriters(context.io);
            try {
                context.exitCode = await runPlan(
                    {
                        stack: flags.stack,
                        stackDir: flags.stackDir ?? context.io.cwd ?? process.cwd(),
                        json: flags.json,
                        policyConfig: flags.policyConfig,
                        stackTags: flags.stackTag ?? {},
                    },
                    io,
                );
            } catch (error) {
                context.exitCode = reportFailure(context, "plan", error);
            }
        });
}

