import { Command, Option, OptionValues } from "commander";
import { CliContext, contextOf, usageError } from "../context";
import { CliIo, EXIT } from "../io";

/** `--stack <name>`: the stack whose Pulumi.<name>.yaml is read. */
export function stackOption(): Option {
    return new Option("--stack <name>", "stack: reads Pulumi.<name>.yaml").default("dev");
}

/** `--stack-dir <dir>`: where Pulumi.<stack>.yaml files are (your Pulumi project). */
export function stackDirOption(): Option {
    return new Option("--stack-dir <dir>", "folder with Pulumi.<stack>.yaml (default: the current directory)");
}

/** Text writers over the streams of a CliIo. */
export function textWriters(io: CliIo): { stdout: (text: string) => void; stderr: (text: string) => void } {
    return { stdout: (text) => void io.stdout.write(text), stderr: (text) => void io.stderr.write(text) };
}

/** One `error:` line on stderr (the stack only with SCALE_TO_ZERO_DEBUG=1); returns the failure exit code. */
export function reportFailure(context: CliContext, command: string, error: unknown): number {
    const message = error instanceof Error ? error.message : String(error);
    context.io.stderr.write(`error: ${command} failed: ${message}\n`);
    if ((context.io.env ?? process.env).SCALE_TO_ZERO_DEBUG === "1" && error instanceof Error && error.stack) {
        context.io.stderr.write(`${error.stack}\n`);
    }
    return EXIT.failed;
}

/**
 * Adds `command` to the program: its action converts commander's flags with `check` (a pure validator: a thrown
 * message is a usage error, exit 2) and hands the result to `run`, whose return value is the exit code.
 */
export function registerChecked<Flags, Options>(
    program: Command,
    command: Command,
    check: (flags: Flags) => Options,
    run: (options: Options, context: CliContext) => Promise<number>,
): void {
    command.copyInheritedSettings(program);
    program.addCommand(command);
    command.action(async (flags: Flags, self: Command) => {
        const context = contextOf(self);
        let options: Options;
        try {
            options = check(flags);
        } catch (error) {
            return usageError(self, (error as Error).message);
        }
        context.exitCode = await run(options, context);
    });
}

/** Parses argv (without the command's name) with `command` and `check`, silently; commander errors are thrown. */
export function parseChecked<Flags extends OptionValues, Options>(command: Command, argv: readonly string[], check: (flags: Flags) => Options): Options {
    const silent = command.exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    return check(silent.parse([...argv], { from: "user" }).opts<Flags>());
}
