import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pickComponent, readStackSettings, stackFilePath, stackModes, stackSettingsFromConfig } from "../../planner/stackSettings";

const FIXTURES = path.join(__dirname, "fixtures");

describe("stack settings adapter", () => {
    it("reads the endpoint and inference components of Pulumi.<stack>.yaml", () => {
        const settings = readStackSettings(stackFilePath("dev", FIXTURES));
        expect(settings.endpoint).to.deep.equal({ instanceType: "ml.g5.2xlarge", minInstanceCount: 0, maxInstanceCount: 2, initialInstanceCount: 1 });
        expect(Object.keys(settings.inferenceComponents)).to.deep.equal(["llama-8b"]);
        expect(settings.inferenceComponents["llama-8b"].compute).to.deep.equal({ acceleratorCount: 1, memoryMiB: 16384 });
        expect(settings.inferenceComponents["llama-8b"].scaling?.maxCopies).to.equal(2);
        expect(pickComponent(settings).key).to.equal("llama-8b");
    });

    it("accepts structured values given as JSON strings (as the Pulumi engine hands them over)", () => {
        const settings = readStackSettings(stackFilePath("multi", FIXTURES));
        expect(settings.endpoint).to.deep.equal({ instanceType: "ml.g5.12xlarge", maxInstanceCount: 3 });
        expect(pickComponent(settings, "llama-70b").component.compute.acceleratorCount).to.equal(4);
        expect(() => pickComponent(settings, "mistral")).to.throw('no inference component "mistral" in the stack (components: llama-8b, llama-70b)');
    });

    it("validates with the stack program's own config loader, naming the file and the config key", () => {
        expect(() => stackSettingsFromConfig({}, "Pulumi.x.yaml")).to.throw(
            "Pulumi.x.yaml: invalid stack configuration:\n  - scale-to-zero:endpoint is required",
        );
        expect(() =>
            stackSettingsFromConfig(
                { "scale-to-zero:endpoint": { instanceType: "ml.g5.xlarge" }, "scale-to-zero:inferenceComponents": { a: { model: { image: "i" } } } },
                "Pulumi.x.yaml",
            ),
        ).to.throw("scale-to-zero:inferenceComponents.a.compute is required");
        expect(() => stackSettingsFromConfig({ "scale-to-zero:endpoint": "{not json" }, "Pulumi.x.yaml")).to.throw(
            'Pulumi.x.yaml: invalid stack configuration:\n  - scale-to-zero:endpoint must be a structured (YAML map) value, got the string "{not json"',
        );
        expect(() => stackFilePath("../etc/passwd", FIXTURES)).to.throw('stack name "../etc/passwd" may contain only letters, digits, ".", "_" and "-"');
    });

    it("uses the stack's idle timeout and weekly schedule for the configured and weekly-schedule rows", () => {
        const settings = readStackSettings(stackFilePath("dev", path.join(__dirname, "..", "..")));
        const { key, component } = pickComponent(settings);
        expect(key).to.equal("llama-8b");
        const modes = stackModes(settings.endpoint, component);
        expect(modes.configured).to.deep.equal({ kind: "idle-timeout", idleMinutes: 10 });
        expect(modes.schedule).to.deep.equal({
            timeZone: "America/New_York",
            actions: [
                { at: "cron(0 19 ? * FRI *)", copies: 0 },
                { at: "cron(0 8 ? * MON *)", copies: 1 },
            ],
            holdScheduledCopies: false,
            wakeUpOnDemand: true,
        });
        const autoscaling = stackModes({ ...settings.endpoint, schedule: { ...settings.endpoint.schedule!, method: "autoscaling" } }, {
            ...component,
            scaling: { maxCopies: 2 },
        });
        expect(autoscaling.configured).to.deep.include({ kind: "weekly-schedule", holdScheduledCopies: true, wakeUpOnDemand: false });
    });

    it("reports invalid YAML and a file without config", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-stack-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config: [unclosed\n");
            fs.writeFileSync(path.join(dir, "Pulumi.empty.yaml"), "encryptionsalt: x\n");
            expect(() => readStackSettings(path.join(dir, "Pulumi.bad.yaml"))).to.throw(/Pulumi\.bad\.yaml is not valid YAML: /);
            expect(() => readStackSettings(path.join(dir, "Pulumi.empty.yaml"))).to.throw(`${path.join(dir, "Pulumi.empty.yaml")} has no config: map`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
