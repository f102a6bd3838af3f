import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT, runCli as run } from "./runCli";


describe("scale-to-zero command line: help, exit codes, streams", function () {
    this.timeout(120_000);

    it("--help exits 0 on stdout; no subcommand or an unknown one is a usage error (2) on stderr", async () => {
        const help = await run(["--help"]);
        expect(help.code).to.equal(0);
        expect(help.stdout).to.match(/^Usage: scale-to-zero \[options\] \[command\]/);
        const none = await run([]);
        expect(none.code).to.equal(2);
        expect(none.stdout).to.equal("");
        expect(none.stderr).to.contain("Usage: scale-to-zero");
        const unknown = await run(["deploy"]);
        expect(unknown.code).to.equal(2);
        expect(unknown.stderr).to.contain("error: unknown command 'deploy'");
    });

    it("status is part of the program; an unclear target is a usage error (2) before any AWS call", async () => {
        const help = await run(["--help"]);
        expect(help.stdout).to.match(/\bstatus\b.*what a scale-to-zero endpoint is doing/);
        const neither = await run(["status"]);
        expect(neither.code).to.equal(2);
        expect(neither.stderr).to.contain("error: give either --stack <name> or --endpoint <name> with --component <name>");
        const unknownStack = await run(["status", "--stack", "nope"]);
        expect(unknownStack.code).to.equal(1);
        expect(unknownStack.stderr).to.match(/error: status failed: no stack file .*Pulumi\.nope\.yaml/);
        expect(unknownStack.stdout).to.equal("");
    });

    it("each subcommand's help names its flags and defaults", async () => {
        const plan = await run(["plan", "--help"]);
        expect(plan.code).to.equal(0);
        expect(plan.stdout).to.match(/--stack <name>\s+stack: reads Pulumi\.<name>\.yaml \(default: "dev"\)/);
        const policy = (await run(["deployer-policy", "--help"])).stdout.replace(/\s+/g, " ");
        expect(policy).to.contain('--account <id> AWS account id for the ARNs ("*": any account) (default: "*")');
    });

    it("bad flags are refused before the stack program runs, all at once where the checks are ours", async () => {
        const missing = await run(["plan", "--policy-config", path.join(ROOT, "no-such.json")]);
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.match(/error: option '--policy-config <file.json>' argument '.*no-such\.json' is invalid\. .*no-such\.json: ENOENT/);
        const tag = await run(["plan", "--stack-tag", "environment"]);
        expect(tag.code).to.equal(2);
        expect(tag.stderr).to.contain('expected key=value, got "environment"');
        const several = await run(["simulate", "--stack", "dev", "--traffic", "weekdays", "--days", "0", "--client", "panic", "--json-timeline"]);
        expect(several.code).to.equal(2);
        expect(several.stderr).to.contain('error: --client must be fail, retry or hold (got "panic"); --json-timeline needs --json; --days needs a number > 0 (got "0")');
    });

    it("a failing stack program is exit 1 with one error line", async () => {
        const r = await run(["plan", "--stack", "nope"]);
        expect(r.code).to.equal(1);
        expect(r.stdout).to.equal("");
        expect(r.stderr).to.match(/^error: plan failed: no stack file .*Pulumi\.nope\.yaml \(stacks here: .*dev.*\)\n$/);
    });

    it("`npm run --silent <alias> -- --json` writes nothing but JSON to stdout", () => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_") && !k.startsWith("npm_")));
        // simulate, not plan: the same npm and alias path, without starting the stack program (seconds saved).
        const r = spawnSync("npm", ["run", "--silent", "simulate", "--", "--stack", "dev", "--traffic", "dev", "--days", "1", "--json"], { cwd: ROOT, encoding: "utf8", env });
        expect(r.status, r.stderr).to.equal(0);
        const plan = JSON.parse(r.stdout) as { stack: string; modes: unknown[] };
        expect(plan.stack).to.equal("dev");
        expect(plan.modes.length).to.be.greaterThan(3);
    });
});
