import { expect } from "chai";
import { parseStackConfig } from "../config";
import { readStackFile } from "../stackFile";

const base = {
    "aws:region": "eu-central-1",
    "scale-to-zero:endpoint": { instanceType: "ml.g5.xlarge" },
    "scale-to-zero:inferenceComponents": {
        llama: { model: { image: "i" }, compute: { acceleratorCount: 1, memoryMiB: 1024 } },
    },
};

function errorOf(raw: Record<string, unknown>): string {
    try {
        parseStackConfig(raw);
    } catch (error) {
        return (error as Error).message;
    }
    return "no error";
}

describe("parseStackConfig", () => {
    it("reads the dev stack file into component arguments", () => {
        const config = parseStackConfig(readStackFile("dev"));
        expect(config.name).to.equal("llm");
        expect(config.region).to.equal("us-east-1");
        expect(config.model.instanceType).to.equal("ml.g5.2xlarge");
        expect(config.model.minInstanceCount).to.equal(0);
        expect(Object.keys(config.model.inferenceComponents!)).to.deep.equal(["llama-8b"]);
        expect(config.model.inferenceComponents!["llama-8b"].scaling).to.deep.equal({
            minCopies: 0,
            maxCopies: 2,
            targetConcurrentRequestsPerCopy: 5,
            idleTimeoutMinutes: 10,
        });
        expect(config.model.schedule).to.deep.equal({
            method: "scheduler",
            timezone: "America/New_York",
            scaleInCron: "cron(0 19 ? * FRI *)",
            scaleOutCron: "cron(0 8 ? * MON *)",
            scaleOutCopies: 1,
        });
        expect(config.model.tags).to.deep.equal({ environment: "dev", team: "ml-platform", "cost-center": "ml-research" });
    });

    it("accepts the engine's form, where structured values arrive as JSON strings", () => {
        const engine = Object.fromEntries(
            Object.entries(base).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
        );
        const config = parseStackConfig(engine);
        expect(config.model.instanceType).to.equal("ml.g5.xlarge");
        expect(config.name).to.equal("llm");
        expect(config.region).to.equal("eu-central-1");
    });

    it("names the config key of a misspelt setting and lists the allowed ones", () => {
        const message = errorOf({ ...base, "scale-to-zero:endpoint": { instanceType: "ml.g5.xlarge", minInstances: 0 } });
        expect(message).to.contain("scale-to-zero:endpoint.minInstances is not a known setting (allowed: instanceType, instanceTypeSpec, minInstanceCount");
    });

    it("rejects an unknown top-level key", () => {
        expect(errorOf({ ...base, "scale-to-zero:endpiont": {} })).to.contain(
            "scale-to-zero:endpiont is not a known setting (did you mean scale-to-zero:endpoint? allowed: scale-to-zero:name, scale-to-zero:endpoint",
        );
    });

    it("rejects unknown nested fields of a component", () => {
        const message = errorOf({
            ...base,
            "scale-to-zero:inferenceComponents": {
                llama: { model: { image: "i" }, compute: { acceleratorCount: 1, memoryMiB: 1024, gpus: 1 } },
            },
        });
        expect(message).to.contain("scale-to-zero:inferenceComponents.llama.compute.gpus is not a known setting");
    });

    it("reports component validation problems with their config keys", () => {
        const message = errorOf({
            ...base,
            "scale-to-zero:endpoint": { instanceType: "ml.g5.xlarge", minInstanceCount: 2, maxInstanceCount: 1 },
            "scale-to-zero:inferenceComponents": {
                llama: { model: { image: "i" }, compute: { acceleratorCount: 1, memoryMiB: 1024 }, scaling: { maxCopies: 0 } },
            },
        });
        expect(message).to.contain("invalid stack configuration");
        expect(message).to.contain("scale-to-zero:endpoint.minInstanceCount (2) must not exceed maxInstanceCount (1)");
        expect(message).to.contain("scale-to-zero:inferenceComponents.llama.scaling.maxCopies must be an integer from 1 to 1000 (got 0)");
    });

    it("requires the endpoint and at least one component", () => {
        const message = errorOf({ "aws:region": "us-east-1" });
        expect(message).to.contain("scale-to-zero:endpoint is required");
        expect(message).to.contain("scale-to-zero:inferenceComponents is required");
    });

    it("rejects a plain string where a map is expected", () => {
        expect(errorOf({ ...base, "scale-to-zero:endpoint": "ml.g5.xlarge" })).to.contain(
            'scale-to-zero:endpoint must be a structured (YAML map) value, got the string "ml.g5.xlarge"',
        );
    });

    it("rejects an invalid component resource name", () => {
        expect(errorOf({ ...base, "scale-to-zero:name": "my llm" })).to.contain('scale-to-zero:name must be letters, digits and hyphens (got "my llm")');
    });

    it("readStackFile names the stacks that exist when one is missing", () => {
        expect(() => readStackFile("staging")).to.throw(/no stack file .*Pulumi\.staging\.yaml \(stacks here: .*dev.*prod/);
    });
});
