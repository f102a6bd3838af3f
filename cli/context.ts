import { Command } from "commander";
import { CliIo, EXIT } from "./io";

/** Per-run state shared by the subcommands: where to write and the exit code their action chose. */
export interface CliContext {
    readonly io: CliIo;
    exitCode: number;
}

const contexts = new WeakMap<Command, CliContext>();

export function attachContext(program: Command, io: CliIo): CliContext {
    const context: CliContext = { io, exitCode: EXIT.ok };
    contexts.set(program, context);
    return context;
}

/** The context of the program a (sub)command belongs to. */
export function contextOf(command: Command): CliContext {
    let root: Command = command;
    while (root.parent) {
        root = root.parent;
    }
    const context = contexts.get(root);
    if (!context) {
        throw new Error(`command ${command.name()} runs outside the scale-to-zero program`);
    }
    return context;
}

/** A command-line mistake found after commander parsed the flags: exit code 2, like commander's own errors. */
export function usageError(command: Command, message: string): never {
    command.error(`error: ${message}`, { exitCode: EXIT.usage, code: "scale-to-zero.usage" });
}
