import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseInvokeArgs } from "../../cli/commands/invoke";
import { runMain } from "../../cli/main";
import { fencedBlocks, npmRun } from "./readmeCommands";

// README cannot drift from the command line: every command in a ```bash block (no tag) is run here, offline,
// and must exit 0; a block that needs AWS or the Pulumi CLI is tagged ```bash deploy, the repository's own
// install/test/build/benchmark commands ```bash repo. Commands run in-process through the same program as
// `npm run <alias>` (each alias must be `ts-node --transpile-only cli/main.ts <subcommand>`), in a scratch folder
// holding the stack files and the policy config, so outputs such as plan.svg land there.
const ROOT = path.resolve(__dirname, "..", "..");
const README = path.join(ROOT, "README.md");
const SHELLS = ["bash", "sh"];
const TAGS = ["deploy", "repo"];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SCRIPTS = (require(path.join(ROOT, "package.json")) as { scripts: Record<string, string> }).scripts;

function subcommandOf(script: string): string | undefined {
    return /^ts-node --transpile-only cli\/main\.ts ([a-z-]+)$/.exec(SCRIPTS[script] ?? "")?.[1];
}

describe("README commands", function () {
    this.timeout(180_000);
    const blocks = fencedBlocks(README).filter((b) => SHELLS.includes(b.language));
    const offline = blocks.filter((b) => b.tag === undefined);

    it("every shell block is offline or tagged deploy/repo", () => {
        expect(blocks.filter((b) => b.tag !== undefined && !TAGS.includes(b.tag)).map((b) => `line ${b.line}: ${b.tag}`)).to.deep.equal([]);
        expect(offline.length).to.be.greaterThan(2);
    });

    it("every `npm run` in README names a script; a CLI alias's flags parse", () => {
        for (const block of blocks) {
            for (const command of block.commands.map(npmRun).filter((c) => c !== undefined)) {
                expect(SCRIPTS, `README line ${block.line}: npm run ${command.script}`).to.have.property(command.script);
                if (subcommandOf(command.script) === "invoke") {
                    expect(parseInvokeArgs(command.args).endpointName).to.equal("llm-dev");
                }
            }
        }
    });

    describe("offline blocks run and exit 0", () => {
        let scratch: string;
        let cwd: string;
        before(() => {
            scratch = fs.mkdtempSync(path.join(os.tmpdir(), "readme-"));
            for (const file of ["Pulumi.dev.yaml", "Pulumi.prod.yaml", path.join("policies", "policy-config.example.json")]) {
                fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
                fs.copyFileSync(path.join(ROOT, file), path.join(scratch, file));
            }
            cwd = process.cwd();
            process.chdir(scratch); // relative paths in the commands (plan.svg, the policy config) resolve here
        });
        after(() => {
            process.chdir(cwd);
            fs.rmSync(scratch, { recursive: true, force: true });
        });

        const seen = new Set<string>();
        for (const block of fencedBlocks(README).filter((b) => SHELLS.includes(b.language) && b.tag === undefined)) {
            // A command README repeats runs once.
            for (const line of block.commands.filter((c) => !seen.has(c) && seen.add(c))) {
                it(`README line ${block.line}: ${line}`, async () => {
                    const command = npmRun(line);
                    expect(command, "only `npm run <alias> -- ...` can run offline; tag the block otherwise").to.not.equal(undefined);
                    const subcommand = subcommandOf(command!.script);
                    expect(subcommand, `npm run ${command!.script} is not an alias of cli/main.ts`).to.be.a("string");
                    if (command!.redirect) {
                        expect(command!.silent, "redirected output needs `npm run --silent` (npm's banner goes to stdout)").to.equal(true);
                    }
                    let stdout = "";
                    let stderr = "";
                    const code = await runMain([subcommand!, ...command!.args], {
                        stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
                        stderr: { write: (t: string) => (stderr += t) },
                        cwd: scratch,
                    });
                    expect(code, stderr).to.equal(0);
                    expect(stdout.length).to.be.greaterThan(100);
                    if (command!.redirect?.endsWith(".json")) {
                        expect(() => JSON.parse(stdout) as unknown, "the --json output is JSON").to.not.throw();
                    }
                    const svg = command!.args.indexOf("--svg");
                    if (svg >= 0) {
                        expect(fs.readFileSync(path.join(scratch, command!.args[svg + 1]), "utf8")).to.match(/^<svg/);
                        // A chart of always-on is a flat line: the example must chart a mode that scales.
                        expect(stderr).to.match(/^wrote plan\.svg \(mode (?!always-on)[a-z0-9-]+\)\n$/);
                    }
                });
            }
        }
    });
});
