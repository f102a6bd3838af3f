import { spawn } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { FakeEngine, FakeEngineOptions } from "./fakeEngine";

// Starts a Pulumi program the way `pulumi preview` / `pulumi up` do, without the CLI:
// - the CLI turns Pulumi.yaml `main` into a program directory and an entry point (pulumi/pulumi
//   pkg/engine/project.go, getPwdMain): no main -> pwd = project root, entry point "."; a file -> its folder and
//   base name;
// - the nodejs language host then runs `node <root>/node_modules/@pulumi/pulumi/cmd/run` with --monitor, --engine,
//   --organization, --project, --root-directory, --stack, --pwd, [--dry-run], --parallel and the entry point, and
//   passes config as PULUMI_CONFIG (keys rewritten to `<ns>:config:<name>`, structured values as JSON strings),
//   secret keys as PULUMI_CONFIG_SECRET_KEYS and `typescript: true` as PULUMI_NODEJS_TYPESCRIPT
//   (sdk/nodejs/cmd/pulumi-language-nodejs/main.go: constructArguments, constructConfig, execRuntime).
// The host also proxies the monitor and opens `--sync` pipes for synchronous invokes; this program needs neither.

export interface ProjectFile {
    name: string;
    runtime: { name: string; options?: { typescript?: boolean } };
    main?: string;
}

export function readProject(root: string): ProjectFile {
    const doc = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as ProjectFile & { runtime: string | ProjectFile["runtime"] };
    const runtime = typeof doc.runtime === "string" ? { name: doc.runtime } : doc.runtime;
    return { ...doc, runtime };
}

/** The program directory and entry point the CLI derives from Pulumi.yaml `main` (getPwdMain). */
export function programLocation(root: string, main: string | undefined): { pwd: string; entryPoint: string } {
    if (main === undefined || main === "") {
        return { pwd: root, entryPoint: "." };
    }
    const full = path.resolve(root, main);
    if (fs.statSync(full).isDirectory()) {
        return { pwd: full, entryPoint: "." };
    }
    return { pwd: path.dirname(full), entryPoint: path.basename(full) };
}

/** Stack config as the engine hands it to the language host: `ns:key` -> string (objects as JSON). */
export function engineConfig(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}

/** PULUMI_CONFIG as the language host writes it (constructConfig: `<ns>:config:<name>`). */
export function languageHostConfig(config: Record<string, string>): string {
    const rewritten: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        const colon = key.indexOf(":");
        if (colon <= 0) {
            throw new Error(`config key ${key} has no namespace`);
        }
        rewritten[`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`] = value;
    }
    return JSON.stringify(rewritten);
}

export interface RunOptions {
    /** Project root (where Pulumi.yaml is). */
    root: string;
    /**
     * The project as Pulumi.yaml would declare it; default: read root/Pulumi.yaml. The installed package runs its
     * compiled program (dist/index.js) instead of the index.ts that Pulumi.yaml names (preview/stackProgram.ts).
     */
    project?: ProjectFile;
    stack: string;
    /** The stack's config map (values as in Pulumi.<stack>.yaml, secrets already decrypted). */
    config: Record<string, unknown>;
    /** Config keys whose values are secret (`pulumi config set --secret`). */
    secretKeys?: string[];
    dryRun: boolean;
    /**
     * Skip ts-node's type check (PULUMI_NODEJS_TRANSPILE_ONLY, which the SDK reads in cmd/run/run.js). The CLI
     * type-checks; tests that already ran `tsc` may skip it to save ~10 s per run.
     */
    transpileOnly?: boolean;
    organization?: string;
    /** Abort the program after this long (it would otherwise hang the caller). */
    timeoutMs?: number;
    /**
     * Where the program's own AWS SDK calls go (the live copy count, components/liveCopyCount.ts): a loopback fake.
     * Default: a closed loopback port, so a program run here can never reach a real AWS endpoint.
     */
    awsEndpointUrl?: string;
}

export interface RunResult {
    engine: FakeEngine;
    exitCode: number | null;
    stdout: string;
    stderr: string;
    /** The command line, for error messages. */
    argv: string[];
}

/** `env` without the PULUMI_* and TS_NODE_* settings of the test runner, which must not leak into a child program. */
export function withoutRunnerSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("PULUMI_") && !k.startsWith("TS_NODE_")));
}

/**
 * Fake credentials, no profile or instance metadata, and every AWS SDK call sent to `awsEndpointUrl` (default: a
 * closed port): a program run here must not look for real credentials or leave this machine.
 */
export function offlineAwsEnvironment(awsEndpointUrl = "http://127.0.0.1:9"): NodeJS.ProcessEnv {
    return {
        AWS_ENDPOINT_URL: awsEndpointUrl,
        AWS_ACCESS_KEY_ID: "AKIDFAKEENGINE",
        AWS_SECRET_ACCESS_KEY: "fake-engine-secret",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_PROFILE: undefined,
        AWS_SESSION_TOKEN: undefined,
    };
}

/** Runs the project's program against a fresh fake engine; the engine is stopped before returning. */
export async function runProgram(options: RunOptions): Promise<RunResult> {
    const project = options.project ?? readProject(options.root);
    const region = typeof options.config["aws:region"] === "string" ? (options.config["aws:region"] as string) : undefined;
    const engineOptions: FakeEngineOptions = { project: project.name, stack: options.stack, dryRun: options.dryRun, region };
    const engine = await FakeEngine.start(engineOptions);
    const { pwd, entryPoint } = programLocation(options.root, project.main);
    // Resolved from the root, not joined to it: installed as a dependency, @pulumi/pulumi is hoisted next to us.
    const runPath = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [options.root] })), "cmd", "run");
    const argv = [
        runPath,
        "--monitor", engine.address,
        "--engine", engine.address,
        "--organization", options.organization ?? "organization",
        "--project", project.name,
        "--root-directory", options.root,
        "--stack", options.stack,
        "--pwd", pwd,
        ...(options.dryRun ? ["--dry-run"] : []),
        "--parallel", "48",
        entryPoint,
    ];
    const env: NodeJS.ProcessEnv = { ...withoutRunnerSettings(process.env), ...offlineAwsEnvironment(options.awsEndpointUrl) };
    env.PULUMI_CONFIG = languageHostConfig(engineConfig(options.config));
    env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(options.secretKeys ?? []);
    if (project.runtime.options?.typescript !== false) {
        env.PULUMI_NODEJS_TYPESCRIPT = "true";
    }
    if (options.transpileOnly) {
        env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    }
    try {
        const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number | null; stdout: string; stderr: string }>(
            (resolve, reject) => {
                const child = spawn(process.execPath, argv, { cwd: pwd, env, stdio: ["ignore", "pipe", "pipe"] });
                let stdout = "";
                let stderr = "";
                child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
                child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
                const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
                child.on("error", reject);
                child.on("exit", (code) => {
                    clearTimeout(timer);
                    resolve({ exitCode: code, stdout, stderr });
                });
            },
        );
        return { engine, exitCode, stdout, stderr, argv };
    } finally {
        await engine.stop();
    }
}
