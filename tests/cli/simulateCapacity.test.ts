import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, runCli as run } from "./runCli";
import { InferenceComponentArgs } from "../../components/args";
import { stackRollingUpdate } from "../../planner/rollingUpdate";
import { resolvePlannerSettings } from "../../planner/settings";
import { pickComponent, readStackSettings } from "../../planner/stackSettings";
import { resolveTimingProfile } from "../../planner/timingProfiles";
import { PLANNER_DEFAULTS } from "../../planner/defaults";


interface JsonMode {
    name: string;
    served: number;
    failed: number;
    requests: number;
    instanceHoursByType: Record<string, number>;
}

/** The dev stack with a fallback pool (ml.g6.2xlarge) and a rolling update with a 120 s bake. */
function writeFallbackStack(dir: string): string {
    const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
    const variant = dev
        .replace("    initialInstanceCount: 1\n", "    initialInstanceCount: 1\n    fallbackInstanceTypes: [ml.g6.2xlarge]\n")
        .replace("        idleTimeoutMinutes: 10\n", "        idleTimeoutMinutes: 10\n      rollingUpdate:\n        waitIntervalSeconds: 120\n");
    expect(variant).to.contain("fallbackInstanceTypes").and.to.contain("rollingUpdate");
    const file = path.join(dir, "Pulumi.fallback.yaml");
    fs.writeFileSync(file, variant);
    return file;
}

describe("scale-to-zero simulate: unavailable instance types and the rolling-update estimate", function () {
    this.timeout(60_000);
    let dir: string;
    let stackFile: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "simulate-capacity-"));
        stackFile = writeFallbackStack(dir);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const simulate = (stack: string, ...extra: string[]) =>
        run(["simulate", "--stack", stack, "--stack-dir", stack === "dev" ? ROOT : dir, "--traffic", "dev", "--days", "1", "--client", "hold", ...extra]);

    it("with a fallback pool, wakes are served on the fallback type when the preferred type has no capacity", async () => {
        const r = await simulate("fallback", "--unavailable-instance-types", "ml.g5.2xlarge", "--json");
        expect(r.stderr).to.equal("");
        expect(r.code).to.equal(0);
        const json = JSON.parse(r.stdout) as { unavailableInstanceTypes: string[]; modes: JsonMode[] };
        expect(json.unavailableInstanceTypes).to.deep.equal(["ml.g5.2xlarge"]);
        const configured = json.modes.find((m) => m.name === "configured")!;
        expect(configured.requests).to.be.greaterThan(0);
        expect(configured.failed).to.equal(0);
        expect(configured.served).to.equal(configured.requests);
        for (const m of json.modes) {
            expect(Object.keys(m.instanceHoursByType), m.name).to.deep.equal(["ml.g6.2xlarge"]);
            expect(m.instanceHoursByType["ml.g6.2xlarge"], m.name).to.be.greaterThan(0);
        }
    });

    it("without the scenario the preferred type serves; the table names the types per mode", async () => {
        const r = await simulate("fallback");
        expect(r.code).to.equal(0);
        expect(r.stdout).to.match(/instance types:\n\s+always-on\s+ml\.g5\.2xlarge 24\.0 inst-h/);
        expect(r.stdout).not.to.contain("ml.g6.2xlarge");
        const scenario = await simulate("fallback", "--unavailable-instance-types", "ml.g5.2xlarge");
        expect(scenario.stdout).to.match(/instance types \(scenario: no capacity for ml\.g5\.2xlarge\):\n\s+always-on\s+ml\.g6\.2xlarge 24\.0 inst-h/);
    });

    it("without a fallback pool the same shortage leaves every request unserved and no instance runs", async () => {
        const r = await simulate("dev", "--unavailable-instance-types", "ml.g5.2xlarge", "--json");
        expect(r.code).to.equal(0);
        const json = JSON.parse(r.stdout) as { modes: JsonMode[] };
        for (const m of json.modes) {
            expect(m.requests, m.name).to.be.greaterThan(0);
            expect(m.served, m.name).to.equal(0);
            expect(m.failed, m.name).to.equal(m.requests);
            expect(m.instanceHoursByType, m.name).to.deep.equal({});
        }
        const table = await simulate("dev", "--unavailable-instance-types", "ml.g5.2xlarge");
        expect(table.stdout).to.match(/configured\s+none: no instance ran/);
    });

    it("refuses unknown types and types outside the stack's pools, naming the flag and the allowed values", async () => {
        const unknown = await simulate("dev", "--unavailable-instance-types", "ml.g5.2xlarge,ml.g9.huge,gpu", "--hold-deadline", "0");
        expect(unknown.code).to.equal(2);
        expect(unknown.stderr).to.contain('--unavailable-instance-types: "ml.g9.huge" is not a known instance type');
        expect(unknown.stderr).to.contain('--unavailable-instance-types: "gpu" is not a known instance type');
        expect(unknown.stderr).to.contain("--hold-deadline needs a number > 0"); // all problems at once
        const notAPool = await simulate("fallback", "--unavailable-instance-types", "ml.g6e.2xlarge,ml.g5.12xlarge");
        expect(notAPool.code).to.equal(2);
        expect(notAPool.stderr).to.contain("--unavailable-instance-types: ml.g6e.2xlarge is not one of the stack's instance pools (ml.g5.2xlarge, ml.g6.2xlarge)");
        expect(notAPool.stderr).to.contain("--unavailable-instance-types: ml.g5.12xlarge is not one of the stack's instance pools");
        expect(notAPool.stdout).to.equal("");
    });

    it("reports the rolling-update estimate of planner/rollingUpdate.ts for the stack's settings", async () => {
        const stack = readStackSettings(stackFile);
        const { component } = pickComponent(stack);
        const expected = stackRollingUpdate(component, resolvePlannerSettings(stack.endpoint, component), resolveTimingProfile(PLANNER_DEFAULTS.profile))!;
        expect(expected.settings.waitIntervalSeconds).to.equal(120);
        const r = await simulate("fallback", "--json");
        const json = JSON.parse(r.stdout) as { rollingUpdate: typeof expected };
        expect(json.rollingUpdate.copies).to.equal(expected.copies);
        expect(json.rollingUpdate.estimate).to.deep.equal({ ...expected.estimate, durationSeconds: Number(expected.estimate.durationSeconds.toFixed(4)) });
        expect(json.rollingUpdate.fitReason).to.equal(expected.fitReason);
        const table = (await simulate("fallback")).stdout;
        expect(table).to.contain(`rolling update at ${expected.copies} copies`);
        expect(table).to.contain(`${expected.estimate.batches} step(s) of ${expected.estimate.batchCopies}`);
        expect(table).to.contain(expected.estimate.fits ? `fits: ${expected.fitReason}` : `does NOT fit: ${expected.fitReason}`);
    });

    it("a stack without rollingUpdate has no estimate in the report", async () => {
        const { component } = pickComponent(readStackSettings(path.join(ROOT, "Pulumi.dev.yaml")));
        expect((component as InferenceComponentArgs).rollingUpdate).to.equal(undefined);
        const r = await simulate("dev", "--json");
        expect((JSON.parse(r.stdout) as Record<string, unknown>).rollingUpdate).to.equal(undefined);
        expect((await simulate("dev")).stdout).not.to.contain("rolling update");
    });
});
