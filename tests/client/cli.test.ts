import { expect } from "chai";
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatCliError } from "../../client/cli";
import { runMain as runCli } from "../../cli/main";
import { ColdStartTimeoutError } from "../../client";
import { FakeSageMaker, FAKE_REGION } from "./fakeSageMaker";
import { FAKE_CREDENTIALS } from "./helpers";

const REPO = path.resolve(__dirname, "../..");

/** Environment with nothing from the developer's AWS setup, and no instance-metadata lookups (no network). */
function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
        PATH: process.env.PATH ?? "",
        HOME: os.tmpdir(),
        AWS_CONFIG_FILE: path.join(os.tmpdir(), "no-such-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), "no-such-aws-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
        TS_NODE_TRANSPILE_ONLY: "true",
        ...extra,
    };
}

interface RunResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

function runCliProcess(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "cli/main.ts", ...args], {
            cwd: REPO,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
        const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

class Capture {
    public text = "";
    public bytes: Buffer[] = [];
    constructor(public readonly isTTY: boolean) {}
    write(chunk: string | Uint8Array): boolean {
        if (typeof chunk === "string") this.text += chunk;
        else {
            this.bytes.push(Buffer.from(chunk));
            this.text += Buffer.from(chunk).toString("utf8");
        }
        return true;
    }
}

describe("CLI (client/cli.ts)", () => {
    let fake: FakeSageMaker;
    let dir: string;
    let bodyFile: string;

    before(async () => {
        dir = await fs.mkdtemp(path.join(os.tmpdir(), "stz-cli-"));
        bodyFile = path.join(dir, "request.json");
        await fs.writeFile(bodyFile, '{"inputs":"hello"}');
    });

    after(async () => {
        await fs.rm(dir, { recursive: true, force: true });
    });

    beforeEach(async () => {
        fake = await FakeSageMaker.start();
    });

    afterEach(async () => {
        await fake.close();
    });

    describe("as a process", () => {
        it("--help prints usage and exits 0", async () => {
            const result = await runCliProcess(["invoke", "--help"], isolatedEnv());
            expect(result.code).to.equal(0);
            expect(result.stdout).to.match(/^Usage: scale-to-zero invoke \[options\]/);
            expect(result.stdout).to.contain("--endpoint <name>");
            expect(result.stdout).to.contain("--wake");
            expect(result.stdout).to.contain("--deadline-minutes <n>");
        });

        it("without AWS credentials: one clear line saying credentials/region are needed, exit 1, no stack trace", async () => {
            fake.addComponent("ic", { currentCopyCount: 1 });
            const result = await runCliProcess(
                ["invoke", "--endpoint", "ep", "--component", "ic", "--body", bodyFile, "--region", FAKE_REGION, "--endpoint-url", fake.url],
                isolatedEnv(),
            );
            expect(result.code).to.equal(1);
            expect(result.stdout).to.equal("");
            expect(result.stderr).to.match(/^error: AWS credentials and a region are needed to call SageMaker: CredentialsProviderError/);
            expect(result.stderr).to.contain("AWS_REGION");
            expect(result.stderr).to.not.match(/\n\s+at /); // no stack frames
            expect(result.stderr.trim().split("\n")).to.have.length(1);
            expect(fake.calls.invoke).to.equal(0);
        });

        it("without a region: the same clear message", async () => {
            const result = await runCliProcess(
                ["invoke", "--endpoint", "ep", "--component", "ic", "--body", bodyFile, "--endpoint-url", fake.url],
                isolatedEnv({ AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey }),
            );
            expect(result.code).to.equal(1);
            expect(result.stderr).to.match(/^error: AWS credentials and a region are needed to call SageMaker: .*Region is missing/);
        });

        it("cold start with --wake, stderr not a TTY: plain status lines on stderr, the body alone on stdout", async () => {
            fake.addComponent("ic", { scaleOutDelayMs: 200 });
            const result = await runCliProcess(
                ["invoke", "--endpoint", "ep", "--component", "ic", "--body", bodyFile, "--region", FAKE_REGION, "--wake", "--endpoint-url", fake.url],
                isolatedEnv({ AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey }),
            );
            expect(result.stderr).to.not.contain("\r");
            expect(result.code, result.stderr).to.equal(0);
            expect(JSON.parse(result.stdout)).to.deep.equal({ component: "ic", echo: '{"inputs":"hello"}' });
            const lines = result.stderr.trim().split("\n");
            expect(lines[0]).to.match(/^cold-start-detected \| \d+\.\ds/);
            expect(lines.some((l) => /^waking \| .* \| copies 0\/0 \| ~(4m 5\d|5m 00)s left$/.test(l))).to.equal(true);
            expect(lines.some((l) => /^retrying \| .* \| copies 1\/1 \| any moment now$/.test(l))).to.equal(true);
            expect(fake.calls.update).to.equal(1);
        });
    });

    describe("in process", () => {
        const saved: Record<string, string | undefined> = {};
        const env = {
            AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
            AWS_EC2_METADATA_DISABLED: "true",
        };

        before(() => {
            for (const [key, value] of Object.entries(env)) {
                saved[key] = process.env[key];
                process.env[key] = value;
            }
        });

        after(() => {
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        });

        const args = (...extra: string[]) => ["invoke", "--endpoint", "ep", "--component", "ic", "--body", bodyFile, "--region", FAKE_REGION, "--endpoint-url", fake.url, ...extra];

        it("warm: the response body on stdout, nothing on a non-TTY stderr, exit 0", async () => {
            fake.addComponent("ic", { currentCopyCount: 1 });
            const stdout = new Capture(false);
            const stderr = new Capture(false);
            expect(await runCli(args(), { stdout, stderr })).to.equal(0);
            expect(JSON.parse(stdout.text)).to.deep.equal({ component: "ic", echo: '{"inputs":"hello"}' });
            expect(stderr.text).to.equal("");
        });

        it("on a TTY: one live status line rewritten with \\r, erased before the answer", async () => {
            fake.addComponent("ic", { scaleOutDelayMs: 100 });
            const stdout = new Capture(true);
            const stderr = new Capture(true);
            expect(await runCli(args("--wake"), { stdout, stderr })).to.equal(0);
            expect(stderr.text).to.not.contain("\n");
            const frames = stderr.text.split("\r\x1b[2K").filter(Boolean);
            expect(frames[0]).to.match(/^invoking \| /);
            expect(frames).to.satisfy((f: string[]) => f.some((x) => /^waiting-for-capacity \| .* \| copies 0\/1 \| ~/.test(x)));
            expect(stderr.text.endsWith("\r\x1b[2K")).to.equal(true);
            expect(stdout.text.endsWith("\n")).to.equal(true);
        });

        it("--stream prints the payload parts as they arrive", async () => {
            fake.addComponent("ic", { currentCopyCount: 1 });
            const stdout = new Capture(false);
            expect(await runCli(args("--stream"), { stdout, stderr: new Capture(false) })).to.equal(0);
            expect(stdout.bytes.map((b) => b.toString("utf8"))).to.deep.equal(['{"token":"Hel"}\n', '{"token":"lo"}\n', '{"token":"!"}\n']);
        });

        it("deadline: --deadline-minutes bounds the wait and the error says so, exit 1", async () => {
            fake.addComponent("ic");
            const stderr = new Capture(false);
            // 0.005 min = 300 ms; the default first poll delay (2 s) is longer, so the deadline timer decides.
            expect(await runCli(args("--deadline-minutes", "0.005"), { stdout: new Capture(false), stderr })).to.equal(1);
            expect(stderr.text).to.match(/error: Inference component "ic" on endpoint "ep" still had no capacity after 0\.\d s/);
        });

        it("Ctrl-C (abort) exits 130", async () => {
            fake.addComponent("ic");
            const controller = new AbortController();
            setTimeout(() => controller.abort(new Error("interrupted (Ctrl-C)")), 100);
            const stderr = new Capture(false);
            expect(await runCli(args(), { stdout: new Capture(false), stderr, signal: controller.signal })).to.equal(130);
            expect(stderr.text).to.contain("aborted");
        });

        it("usage errors and unreadable body files exit 2", async () => {
            const stderr = new Capture(false);
            expect(await runCli(["invoke", "--endpoint", "ep"], { stdout: new Capture(false), stderr })).to.equal(2);
            expect(stderr.text).to.equal("error: required option '--component <name>' not specified\n(run with --help for usage)\n");
            const missing = new Capture(false);
            expect(await runCli(["invoke", "--endpoint", "ep", "--component", "ic", "--body", path.join(dir, "nope.json")], { stdout: new Capture(false), stderr: missing })).to.equal(2);
            expect(missing.text).to.match(/^error: cannot read --body .*nope\.json: ENOENT/);
        });

        it("reads the body from stdin with --body -", async () => {
            fake.addComponent("ic", { currentCopyCount: 1 });
            const stdout = new Capture(false);
            const stdin = (async function* () { yield Buffer.from('{"from":"stdin"}'); })();
            const argv = ["invoke", "--endpoint", "ep", "--component", "ic", "--body", "-", "--region", FAKE_REGION, "--endpoint-url", fake.url];
            expect(await runCli(argv, { stdout, stderr: new Capture(false), stdin })).to.equal(0);
            expect(JSON.parse(stdout.text).echo).to.equal('{"from":"stdin"}');
        });
    });

    it("formatCliError: model errors show the model's status and message and the log stream", () => {
        const modelError = Object.assign(new Error("Received client error (400) from primary"), {
            name: "ModelError", OriginalStatusCode: 400, OriginalMessage: "bad input", LogStreamArn: "arn:aws:logs:x",
        });
        expect(formatCliError(modelError)).to.equal("the model returned an error (status 400): bad input [logs: arn:aws:logs:x]");
        const validation = Object.assign(new Error("Received client error: nope\nsecond line"), { name: "ValidationError", $metadata: { httpStatusCode: 400 } });
        expect(formatCliError(validation)).to.equal("ValidationError (HTTP 400): Received client error: nope");
        const timeout = new ColdStartTimeoutError({ endpointName: "ep", inferenceComponentName: "ic", deadlineMs: 1000, elapsedMs: 1000 });
        expect(formatCliError(timeout)).to.equal(timeout.message);
        expect(formatCliError("weird")).to.equal("weird");
    });
});
