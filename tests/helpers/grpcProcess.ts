import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn, SpawnOptions } from "child_process";
import { withoutRunnerSettings } from "../../preview/engine/languageHost";

/** A plugin process started by `spawnPrintingPort`. */
export interface PortPrintingProcess {
    readonly child: ChildProcess;
    /** Resolves with the port printed on stdout; rejects if the process exits first. */
    readonly port: Promise<number>;
    readonly stdout: () => string;
    readonly stderr: () => string;
}

/** This process's environment without the PULUMI_* and TS_NODE_* variables the CLI would not pass, plus `extra`. */
export function pluginEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ...withoutRunnerSettings(process.env), ...extra };
}

/**
 * Starts a Pulumi plugin process (policy pack, component provider) that prints the port of its gRPC server on
 * its first stdout line, as the CLI expects.
 */
export function spawnPrintingPort(command: string, args: string[], options: SpawnOptions): PortPrintingProcess {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = new Promise<number>((resolve, reject) => {
        child.stdout!.on("data", (d: Buffer) => {
            stdout += d.toString();
            const match = /^(\d+)\r?\n/m.exec(stdout);
            if (match) {
                resolve(Number(match[1]));
            }
        });
        child.on("exit", (code) => reject(new Error(`${args[0]} exited with ${code} before printing its port:\n${stdout}\n${stderr}`)));
        child.on("error", reject);
    });
    return { child, port, stdout: () => stdout, stderr: () => stderr };
}

/** Stops a process started here: SIGTERM, SIGKILL after 5 s; resolves once it has exited. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
    }
}

/** Promise wrapper of one unary gRPC call. */
export function unary<T>(invoke: (callback: (err: grpc.ServiceError | null, res: T) => void) => unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        invoke((err, res) => (err ? reject(err) : resolve(res)));
    });
}
