import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runMain } from "../../cli/main";
import { parseSimulateArgs as parseCliArgs } from "../../cli/commands/simulate";
import { MONDAY } from "./helpers";

const FIXTURES = path.join(__dirname, "fixtures");

interface Result {
    code: number;
    stdout: string;
    stderr: string;
}

async function cli(args: string[], tty = false): Promise<Result> {
    let stdout = "";
    let stderr = "";
    const code = await runMain(["simulate", ...args], {
        stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
        stderr: { write: (t: string) => (stderr += t), isTTY: tty },
    });
    return { code, stdout, stderr };
}

const DEV = ["--stack", "dev", "--stack-dir", FIXTURES];

describe("planner CLI", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-cli-"));
    });
    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("prints the comparison table for a stack and a traffic pattern", async () => {
        const r = await cli([...DEV, "--traffic", "weekdays", "--days", "7"]);
        expect(r.code).to.equal(0);
        expect(r.stderr).to.equal("");
        expect(r.stdout).to.contain("Scale-to-zero plan · stack dev · component llama-8b");
        expect(r.stdout).to.contain("ml.g5.2xlarge: 1 accelerator(s), 1 copy/instance");
        expect(r.stdout).to.match(/^always-on\s+168\.0\s+254\.52\s+—\s+0\s+0\.0/m);
        expect(r.stdout).to.match(/^configured\s+/m);
    });

    it("--json, --profile, --price and --client are honoured", async () => {
        const r = await cli([...DEV, "--traffic", "dev", "--days", "7", "--json", "--profile", "llama-3.1-70b", "--price", "ml.g5.2xlarge=2", "--client", "fail"]);
        expect(r.code).to.equal(0);
        const json = JSON.parse(r.stdout);
        expect(json.timing.name).to.equal("llama-3.1-70b");
        expect(json.instance.pricePerHourUsd).to.equal(2);
        expect(json.client.kind).to.equal("fail");
        expect(json.modes.map((m: { name: string }) => m.name)).to.deep.equal([
            "always-on",
            "seed-default",
            "idle-7m",
            "idle-10m",
            "weekly-schedule",
            "configured",
        ]);
        expect(json.modes[0].costUsd).to.equal(7 * 24 * 2);
        expect(json.modes[5].failed).to.be.greaterThan(0);
    });

    it("--recommend with a cold-start budget, and --svg writes the recommended mode's chart", async () => {
        const svg = path.join(dir, "chart.svg");
        const r = await cli([...DEV, "--traffic", "weekdays", "--days", "14", "--recommend", "--cold-start-budget", "0", "--svg", svg]);
        expect(r.code).to.equal(0);
        expect(r.stdout).to.contain("Recommendation: weekly-schedule is the cheapest");
        expect(r.stderr).to.equal(`wrote ${svg} (mode weekly-schedule)\n`);
        const text = fs.readFileSync(svg, "utf8");
        expect(text.startsWith("<svg")).to.equal(true);
        expect(text).to.contain("dev · llama-8b · weekdays · weekly-schedule");
    });

    it("reads a CSV trace, with idle timeouts and a schedule from the command line", async () => {
        const file = path.join(dir, "trace.csv");
        fs.writeFileSync(file, `timestamp,duration\n${MONDAY + 9 * 3600},2\n${MONDAY + 9 * 3600 + 1800},2\n`);
        const r = await cli([...DEV, "--traffic", file, "--json", "--idle-timeouts", "7,12", "--schedule", "MON 08:00=1", "--schedule", "MON 12:00=0", "--start-cold"]);
        expect(r.code).to.equal(0);
        const json = JSON.parse(r.stdout);
        expect(json.traffic).to.include({ name: "trace.csv", requests: 2, firstRequest: "2025-01-06T09:00:00.000Z" });
        expect(json.window.days).to.equal(1);
        const byName = Object.fromEntries(json.modes.map((m: { name: string; coldStarts: number }) => [m.name, m.coldStarts]));
        // 30 minutes apart: every timeout the stack can deploy (7–14 min) and target tracking's 15 release in between.
        expect(byName).to.deep.equal({
            "always-on": 0,
            "seed-default": 2,
            "idle-7m": 2,
            "idle-12m": 2,
            "weekly-schedule": 0,
            configured: 2,
        });
    });

    it("an idle timeout the component would reject is refused before any simulation, naming the flag", async () => {
        const r = await cli([...DEV, "--traffic", "weekdays", "--days", "1", "--idle-timeouts", "20"]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain("error: --idle-timeouts 20: must be at most 14");
    });

    it("shows progress on a terminal (or with --progress), never in piped output", async () => {
        const args = [...DEV, "--traffic", "weekdays", "--days", "5", "--requests-per-day", "20000"];
        const piped = await cli(args);
        expect(piped.stderr).to.equal("");
        const tty = await cli(args, true);
        expect(tty.stderr).to.match(/simulated 65,536 requests, up to 2025-01-\d\dT\d\d:\d\d \(\d+ % of the window\)/);
        const forced = await cli([...args, "--progress"]);
        expect(forced.stderr).to.contain("simulated 65,536 requests");
    });

    it("--help prints the usage with the planner's real defaults", async () => {
        const r = await cli(["--help"]);
        expect(r.code).to.equal(0);
        expect(r.stdout).to.contain("Usage: scale-to-zero simulate [options]");
        expect(r.stdout.replace(/\s+/g, " ")).to.contain("--idle-timeouts <m,m,...> idle timeouts to compare, minutes, 7-14 as the component allows (default 7,10)");
    });

    it("--svg into a missing folder is refused before any simulation, with every other mistake", async () => {
        const started = Date.now();
        const r = await cli([...DEV, "--traffic", "weekdays", "--days", "366", "--svg", path.join(dir, "no", "chart.svg"), "--client", "panic"]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain(`--svg ${path.join(dir, "no", "chart.svg")}: folder ${path.join(dir, "no")} does not exist`);
        expect(r.stderr).to.contain('--client must be fail, retry or hold (got "panic")');
        expect(Date.now() - started).to.be.lessThan(2000);
    });

    describe("bad command lines exit 2 with a clear message", () => {
        const cases: [string[], string][] = [
            [["--traffic", "weekdays"], "--stack <name> (or --stack-file <path>) is required"],
            [[...DEV], "--traffic is required: weekdays, sporadic, dev or a CSV file"],
            [[...DEV, "--traffic", "weekdays", "--days", "abc"], '--days needs a number > 0 (got "abc")'],
            [[...DEV, "--traffic", "weekdays", "--days", "0"], '--days needs a number > 0 (got "0")'],
            [[...DEV, "--traffic", "weekdays", "--dayz", "3"], "unknown option '--dayz'"],
            [[...DEV, "--traffic", "weekdays", "--days"], "option '--days <n>' argument missing"],
            [[...DEV, "--traffic", "weekdays", "--client", "panic"], '--client must be fail, retry or hold (got "panic")'],
            [[...DEV, "--traffic", "weekdays", "--recommend"], "--recommend needs a budget"],
            [[...DEV, "--traffic", "weekdays", "--price", "g5=1"], '--price "g5=1" is not <instance type>=<number>'],
            [[...DEV, "--traffic", "weekdays", "--timing", "speed=3"], '--timing "speed=3": expected <field>=<number>'],
            [[...DEV, "--traffic", "weekdays", "--schedule", "MON 7=1"], '--schedule: schedule "MON 7" is not "DAYS HH:MM"'],
            [[...DEV, "--traffic", "nowhere.csv"], '--traffic "nowhere.csv" is neither weekdays, sporadic, dev nor an existing CSV file'],
            [[...DEV, "--traffic", "weekdays", "--chart-mode", "fast", "--svg", "/dev/null"], '--chart-mode "fast" is not a simulated mode'],
            [[...DEV, "--traffic", "weekdays", "--days", "3", "--days", "4"], "option '--days <n>' argument '4' is invalid. given twice"],
            [[...DEV, "--traffic", "weekdays", "--json-timeline"], "--json-timeline needs --json"],
            [[...DEV, "--traffic", "weekdays", "--client", "fail", "--client-wakes"], "--client-wakes applies to --client hold only"],
            [[...DEV, "--traffic", "weekdays", "--retry-attempts", "3"], "--retry-attempts applies to --client retry only"],
        ];
        for (const [args, message] of cases) {
            it(message, async () => {
                const r = await cli(args);
                expect(r.code).to.equal(2);
                expect(r.stderr).to.contain(`error: ${message}`);
                expect(r.stdout).to.equal("");
            });
        }
    });

    describe("bad inputs exit 1 with a clear message", () => {
        it("an unknown profile", async () => {
            const r = await cli([...DEV, "--traffic", "weekdays", "--profile", "gpt-9"]);
            expect(r.code).to.equal(1);
            expect(r.stderr).to.equal('error: unknown timing profile "gpt-9" (known: llama-3.1-8b, llama-3.1-70b)\n');
        });

        it("a malformed CSV line", async () => {
            const file = path.join(dir, "bad.csv");
            fs.writeFileSync(file, "1736154000\n1736154001,-2\n");
            const r = await cli([...DEV, "--traffic", file]);
            expect(r.code).to.equal(1);
            expect(r.stderr).to.equal("error: bad.csv line 2: duration '-2' must be a number of seconds ≥ 0\n");
        });

        it("a missing stack lists the stacks there", async () => {
            const r = await cli(["--stack", "staging", "--stack-dir", FIXTURES, "--traffic", "weekdays"]);
            expect(r.code).to.equal(1);
            expect(r.stderr).to.contain(`error: no stack file ${path.join(FIXTURES, "Pulumi.staging.yaml")} (stacks here: dev, multi, unpriced)`);
        });

        it("several components need --component; an unpriced instance needs --price", async () => {
            const multi = await cli(["--stack", "multi", "--stack-dir", FIXTURES, "--traffic", "weekdays"]);
            expect(multi.stderr).to.equal("error: the stack has 2 inference components (llama-8b, llama-70b): choose one with --component\n");
            const chosen = await cli(["--stack", "multi", "--stack-dir", FIXTURES, "--traffic", "weekdays", "--days", "7", "--component", "llama-70b", "--json"]);
            expect(chosen.code).to.equal(0);
            expect(JSON.parse(chosen.stdout).instance).to.include({ type: "ml.g5.12xlarge", copiesPerInstance: 1, maxInstances: 3 });
            const unpriced = await cli(["--stack", "unpriced", "--stack-dir", FIXTURES, "--traffic", "weekdays"]);
            expect(unpriced.code).to.equal(1);
            expect(unpriced.stderr).to.contain("no price for ml.g6e.48xlarge");
            const priced = await cli(["--stack", "unpriced", "--stack-dir", FIXTURES, "--traffic", "weekdays", "--days", "7", "--price", "ml.g6e.48xlarge=37.66"]);
            expect(priced.code).to.equal(0);
            expect(priced.stdout).to.contain("$37.66/h (your price)");
        });
    });

    it("parses --flag=value forms and repeatable flags", () => {
        const options = parseCliArgs(["--stack=dev", "--traffic=dev", "--price", "ml.g5.xlarge=1", "--price=ml.g6.xlarge=2", "--timing", "copyStartSeconds=90"]);
        expect(options.stack).to.equal("dev");
        expect(options.prices).to.deep.equal({ "ml.g5.xlarge": 1, "ml.g6.xlarge": 2 });
        expect(options.timing).to.deep.equal({ copyStartSeconds: 90 });
        expect(parseCliArgs(["--stack", "dev", "--traffic", "dev", "--cold-start-budget", "2"]).recommend).to.equal(true);
        expect(parseCliArgs(["--stack", "dev", "--traffic", "dev", "--client-wakes", "--hold-deadline", "900"]).client).to.deep.equal({
            kind: "hold",
            deadlineSeconds: 900,
            wakesEndpoint: true,
        });
    });
});
