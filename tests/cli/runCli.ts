import * as path from "path";
import { runMain } from "../../cli/main";

/** The repository root (where Pulumi.dev.yaml lives). */
export const ROOT = path.resolve(__dirname, "..", "..");

/** Runs the scale-to-zero program in-process from the repository root, capturing its streams. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runMain(argv, {
        stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
        stderr: { write: (t: string) => (stderr += t) },
        cwd: ROOT,
    });
    return { code, stdout, stderr };
}
