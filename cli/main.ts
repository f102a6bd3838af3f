#!/usr/bin/env node
// The `scale-to-zero` command (package.json `bin`). One commander program; each subcommand registers itself from
// cli/commands/<name>.ts. Exit codes: 0 ok, 1 the work failed, 2 bad command line, 130 interrupted (docs/cli.md).
import { Command, CommanderError } from "commander";
import { attachContext } from "./context";
import { CliIo, EXIT, processIo } from "./io";
import { configureSdkWarning } from "./nodeVersion";
import { registerDeployerPolicy } from "./commands/deployerPolicy";
import { registerInvoke } from "./commands/invoke";
import { registerPlan } from "./commands/plan";
import { registerSimulate } from "./commands/simulate";
import { registerStatus } from "./commands/status";

/** The program, writing to `io`; settings made here are inherited by every subcommand registered after them. */
export function buildProgram(io: CliIo): Command {
    const program = new Command("scale-to-zero")
        .description("SageMaker inference endpoints that scale to zero: offline preview, planner, invoke, deployer policy, status")
        .exitOverride()
        .configureOutput({
            writeOut: (text) => void io.stdout.write(text),
            writeErr: (text) => void io.stderr.write(text),
        })
        .showHelpAfterError("(run with --help for usage)")
        .allowExcessArguments(false);
    registerPlan(program);
    registerSimulate(program);
    registerInvoke(program);
    registerDeployerPolicy(program);
    registerStatus(program);
    return program;
}

/** Runs one command line (without `node` and the script); returns the exit code, never exits the process. */
export async function runMain(argv: readonly string[], io: CliIo = processIo): Promise<number> {
    const program = buildProgram(io);
    const context = attachContext(program, io);
    try {
        await program.parseAsync([...argv], { from: "user" });
        return context.exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit 0; every parse error is a usage error.
            return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
        }
        throw error;
    }
}

if (require.main === module) {
    configureSdkWarning();
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort(new Error("interrupted (Ctrl-C)")));
    runMain(process.argv.slice(2), { ...processIo, signal: controller.signal }).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(`error: ${(error as Error).message}\n`);
            process.exitCode = EXIT.failed;
        },
    );
}
