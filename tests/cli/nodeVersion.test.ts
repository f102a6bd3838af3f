import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { minimumMajor, SDK_WARNING_SWITCH, silenceSdkWarning } from "../../cli/nodeVersion";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the AWS SDK's Node-version warning", () => {
    it("is switched off only on a Node the installed SDK supports, and never against the user's own setting", () => {
        expect(silenceSdkWarning("v20.20.2", ">=20.0.0", {})).to.equal(true);
        expect(silenceSdkWarning("v22.1.0", ">=20.0.0", {})).to.equal(true);
        expect(silenceSdkWarning("v18.19.0", ">=20.0.0", {})).to.equal(false);
        expect(silenceSdkWarning("v20.20.2", ">=22", {})).to.equal(false);
        expect(silenceSdkWarning("v20.20.2", "^20 || ^22", {})).to.equal(false); // a range we cannot read: keep the warning
        expect(silenceSdkWarning("v20.20.2", ">=20.0.0", { [SDK_WARNING_SWITCH]: "false" })).to.equal(false);
    });

    it("minimumMajor reads >=N ranges only", () => {
        expect(minimumMajor(">=20.0.0")).to.equal(20);
        expect(minimumMajor(">= 22")).to.equal(22);
        expect(minimumMajor("^20")).to.equal(undefined);
        expect(minimumMajor(undefined)).to.equal(undefined);
    });

    it("the package's engines range is the one its AWS SDK declares", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const ours = (require(path.join(ROOT, "package.json")) as { engines: { node: string } }).engines.node;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const sdk = (require("@aws-sdk/core/package.json") as { engines: { node: string } }).engines.node;
        expect(minimumMajor(ours)).to.equal(minimumMajor(sdk));
    });

    it("a process that loads the SDK through the CLI's switch prints no warning; without it, the SDK warns", () => {
        const script = (withSwitch: boolean) =>
            `${withSwitch ? 'require("./cli/nodeVersion").configureSdkWarning();' : ""}` +
            'require("@aws-sdk/core/client").emitWarningIfUnsupportedVersion(process.version);';
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== SDK_WARNING_SWITCH));
        const run = (withSwitch: boolean) =>
            spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script(withSwitch)], { cwd: ROOT, env, encoding: "utf8" }).stderr;
        expect(run(true)).to.equal("");
        const major = Number(process.versions.node.split(".")[0]);
        if (major < 22) {
            expect(run(false)).to.contain("NodeVersionSupportWarning");
        } else {
            expect(run(false)).to.equal("");
        }
    });
});
