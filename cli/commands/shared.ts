import { Option } from "commander";
import { CliContext } from "../context";
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
