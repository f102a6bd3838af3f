import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * A fresh consumer project with the packed tarball installed. npm here has no network and its cache lacks the
 * packuments, so `npm install --offline <tarball>` fails with ENOTCACHED; instead the tarball is unpacked into
 * node_modules/scale-to-zero, its bin linked as npm would (node_modules/.bin), and the dependencies linked from this
 * repository's node_modules. Node resolves them from the consumer's node_modules exactly as after a real install.
 */
function consumerWithTarball(tarball: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
    for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
        if (!entry.startsWith(".")) {
            fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
        }
    }
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    fs.renameSync(path.join(dir, "package"), path.join(modules, "scale-to-zero"));
    const bin = (JSON.parse(fs.readFileSync(path.join(modules, "scale-to-zero", "package.json"), "utf8")) as { bin: Record<string, string> }).bin;
    const target = path.join(modules, "scale-to-zero", bin["scale-to-zero"]);
    fs.chmodSync(target, 0o755);
    fs.symlinkSync(path.relative(path.join(modules, ".bin"), target), path.join(modules, ".bin", "scale-to-zero"));
    // The consumer's own stack file: plan and simulate read Pulumi.<stack>.yaml from the current directory.
    fs.copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
    return dir;
}

describe("the packed package in a consumer project (npx scale-to-zero)", function () {
    this.timeout(180_000);
    let work: string;
    let consumer: string;
    let files: string[];

    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
        // `npm pack` runs `prepare` (the build), so the tarball holds freshly compiled JavaScript.
        const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        const packed = (JSON.parse(out.slice(out.indexOf("["))) as { filename: string; files: { path: string }[] }[])[0];
        files = packed.files.map((f) => f.path);
        consumer = consumerWithTarball(path.join(work, packed.filename));
    });
    after(() => {
        fs.rmSync(work, { recursive: true, force: true });
        fs.rmSync(consumer, { recursive: true, force: true });
    });

    const npx = (...args: string[]) => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_") && k !== "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"));
        const r = spawnSync("npx", ["--no-install", "scale-to-zero", ...args], { cwd: consumer, encoding: "utf8", env });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it("ships the compiled command, the stack program and Pulumi.yaml, and no TypeScript sources", () => {
        expect(files).to.include.members(["dist/cli/main.js", "dist/index.js", "Pulumi.yaml", "package.json"]);
        // npm always packs package.json `main` (components/index.ts, which `exports` overrides for Node): nothing else.
        expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).to.deep.equal(["components/index.ts"]);
        expect(fs.readFileSync(path.join(consumer, "node_modules", "scale-to-zero", "dist", "cli", "main.js"), "utf8").startsWith("#!/usr/bin/env node\n")).to.equal(true);
    });

    it("--help lists every subcommand", () => {
        const r = npx("--help");
        expect(r.code, r.stderr).to.equal(0);
        for (const command of ["plan", "simulate", "invoke", "deployer-policy"]) {
            expect(r.stdout).to.match(new RegExp(`^  ${command} \\[options\\]`, "m"));
        }
    });

    it("plan runs the package's compiled stack program with the consumer's Pulumi.dev.yaml", () => {
        const r = npx("plan", "--stack", "dev");
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stderr).to.equal("");
        expect(r.stdout).to.contain('Offline preview of stack "dev"');
        expect(r.stdout).to.contain("20 resources would be created.");
        expect(r.stdout).to.contain("inferenceComponentName: llm-llama-8b-dev");
    });

    it("simulate --json writes only JSON on stdout", () => {
        const r = npx("simulate", "--stack", "dev", "--traffic", "dev", "--days", "2", "--json");
        expect(r.code, r.stderr).to.equal(0);
        const json = JSON.parse(r.stdout) as { stack: string; modes: { name: string }[] };
        expect(json.stack).to.equal("dev");
        expect(json.modes.map((m) => m.name)).to.include("configured");
    });
});
