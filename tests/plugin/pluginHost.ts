import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/schema";
import { pluginEnvironment, spawnPrintingPort, stopProcess } from "../helpers/grpcProcess";

const RUN_PLUGIN = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin");
const BUILT_ENTRY = path.join(REPO_ROOT, "dist", "components", "index.js");
const LIBRARY_SOURCES = ["components", "client"];

function newestSourceTime(): number {
    let newest = 0;
    for (const dir of LIBRARY_SOURCES) {
        for (const file of fs.readdirSync(path.join(REPO_ROOT, dir), { recursive: true }) as string[]) {
            if (file.endsWith(".ts")) {
                newest = Math.max(newest, fs.statSync(path.join(REPO_ROOT, dir, file)).mtimeMs);
            }
        }
    }
    return newest;
}

/**
 * The plugin loads the compiled package (exports["."] = dist/components). `npm ci` builds it (`prepare`); rebuild
 * here only when a source is newer, so a test never runs yesterday's JavaScript.
 */
export function ensureLibraryBuilt(): void {
    if (fs.existsSync(BUILT_ENTRY) && fs.statSync(BUILT_ENTRY).mtimeMs >= newestSourceTime()) {
        return;
    }
    const build = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    });
    if (build.status !== 0) {
        throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
}

export interface RunningPlugin {
    readonly client: ResourceProviderClient;
    /** What the plugin printed (stdout and stderr), for failure messages. */
    readonly output: () => string;
    stop(): Promise<void>;
}

/**
 * Starts the plugin as the CLI's nodejs language host does (RunPlugin in pulumi/pulumi
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go): `node <plugin>/node_modules/@pulumi/pulumi/cmd/run-plugin
 * <plugin dir> <engine address>`, from the consumer's folder (here a fresh temporary one), with
 * PULUMI_NODEJS_TYPESCRIPT for `typescript: true` (the default), plus `extraEnv`. It prints its port; the client then speaks the
 * ResourceProvider protocol.
 */
export async function startPlugin(engineAddress: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningPlugin> {
    const consumerDir = fs.mkdtempSync(path.join(os.tmpdir(), "scale-to-zero-consumer-"));
    const env = pluginEnvironment({ PULUMI_NODEJS_TYPESCRIPT: "true", ...extraEnv });
    const started = spawnPrintingPort(process.execPath, [RUN_PLUGIN, REPO_ROOT, engineAddress], { cwd: consumerDir, env });
    const stop = async () => {
        await stopProcess(started.child);
        fs.rmSync(consumerDir, { recursive: true, force: true });
    };
    const port = await started.port.catch(async (err: unknown) => {
        await stop();
        throw err;
    });
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        client,
        output: () => `${started.stdout()}${started.stderr()}`,
        stop: async () => {
            client.close();
            await stop();
        },
    };
}
