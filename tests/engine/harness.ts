import * as path from "path";
import { RunOptions, RunResult, runProgram } from "../../preview/engine/languageHost";
import { readStackFile } from "../../stackFile";

// The engine path of the tests: the stack program started as the nodejs language host starts it, against the gRPC
// fake engine and resource monitor (preview/engine/). See preview/engine/languageHost.ts for what it mirrors.

export { FakeEngine, Registration } from "../../preview/engine/fakeEngine";
export { UNKNOWN } from "../../preview/engine/properties";
export { programLocation, readProject, runProgram } from "../../preview/engine/languageHost";

export const ROOT = path.join(__dirname, "..", "..");

/** Runs this repository's stack program for `stack` (its Pulumi.<stack>.yaml unless `config` is given). */
export async function runStack(
    stack: string,
    options: Partial<Omit<RunOptions, "stack">> & { dryRun: boolean },
    allowFailure = false,
): Promise<RunResult> {
    const result = await runProgram({
        root: ROOT,
        stack,
        config: options.config ?? readStackFile(stack, ROOT),
        transpileOnly: true,
        ...options,
    });
    const errors = result.engine.logs.filter((l) => l.severity === "error");
    if (result.exitCode !== 0 && !allowFailure) {
        throw new Error(
            `program exited with ${result.exitCode}:\n${errors.map((e) => e.message).join("\n")}\n${result.stderr}`,
        );
    }
    return result;
}
