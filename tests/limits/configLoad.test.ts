import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, parseStackConfig } from "../../config";
import { SECRET_PLACEHOLDER } from "../../configSecrets";
import { ScaleToZeroArgumentError } from "../../components/validate";

const image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest";
const component = { model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } };
const base: Record<string, unknown> = {
    "scale-to-zero:endpoint": { instanceType: "ml.g5.xlarge" },
    "scale-to-zero:inferenceComponents": { llama: component },
};

function problemsOf(raw: Record<string, unknown>, secretKeys: string[] = []): string[] {
    try {
        parseStackConfig(raw, secretKeys);
    } catch (error) {
        expect(error).to.be.instanceOf(ScaleToZeroArgumentError);
        return [...(error as ScaleToZeroArgumentError).problems];
    }
    return [];
}

function isSecret(value: unknown): Promise<boolean> {
    return pulumi.isSecret(value as pulumi.Output<unknown>);
}

describe("stack config load: typos, nulls, Dates", () => {
    it("reports keys in a misspelt namespace instead of ignoring them", () => {
        expect(problemsOf({ ...base, "scale-to-zer0:tags": { team: "ml" }, "Scale-To-Zero:name": "x", "aws:region": "us-east-1" })).to.deep.equal([
            'scale-to-zer0:tags is ignored: its namespace "scale-to-zer0" looks like a misspelt "scale-to-zero" (did you mean scale-to-zero:tags?)',
            'Scale-To-Zero:name is ignored: its namespace "Scale-To-Zero" looks like a misspelt "scale-to-zero" (did you mean scale-to-zero:name?)',
        ]);
    });

    it("rejects an empty name instead of using the default", () => {
        expect(problemsOf({ ...base, "scale-to-zero:name": "" })).to.deep.equal(['scale-to-zero:name is empty: remove the key for the default "llm", or give a name']);
        expect(problemsOf({ ...base, "scale-to-zero:name": null })).to.deep.equal(['scale-to-zero:name is empty: remove the key for the default "llm", or give a name']);
    });

    it("reports null sub-objects (YAML keys without a value) with their config key, no TypeError", () => {
        const raw = { ...base, "scale-to-zero:inferenceComponents": { llama: { ...component, scaling: null, startup: null } } };
        expect(problemsOf(raw)).to.deep.equal([
            "scale-to-zero:inferenceComponents.llama.startup must be a map with the fields modelDataDownloadTimeoutSeconds, containerStartupHealthCheckTimeoutSeconds",
            "scale-to-zero:inferenceComponents.llama.scaling must be a map with the fields minCopies, maxCopies, initialCopies, keepLiveCopyCount, targetConcurrentRequestsPerCopy, scaleInCooldownSeconds, scaleOutCooldownSeconds, wakeUpCooldownSeconds, wakeUpAlarmPeriodSeconds, idleTimeoutMinutes",
        ]);
    });

    it("reports an unquoted YAML timestamp (a Date) with a fix", () => {
        const schedule = { timezone: "Europe/Berlin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)", endDate: new Date("2030-01-01T00:00:00Z") };
        const problems = problemsOf({ ...base, "scale-to-zero:endpoint": { instanceType: "ml.g5.xlarge", schedule } });
        expect(problems).to.deep.equal([
            "scale-to-zero:endpoint.schedule.endDate is a Date object: give an ISO-8601 UTC string such as date.toISOString() (in a YAML stack file, quote the timestamp)",
        ]);
    });
});

describe("stack config load: secrets", () => {
    it("keeps every container environment value secret when Pulumi marks inferenceComponents secret", async () => {
        const raw = { ...base, "scale-to-zero:inferenceComponents": { llama: { ...component, model: { image, environment: { HF_TOKEN: "hf_abc", MAX_TOKENS: "4096" } } } } };
        const config = parseStackConfig(raw, ["scale-to-zero:inferenceComponents"]);
        const environment = config.model.inferenceComponents!.llama.model.environment as Record<string, pulumi.Output<string>>;
        expect(await isSecret(environment.HF_TOKEN)).to.equal(true);
        expect(await isSecret(environment.MAX_TOKENS)).to.equal(true);
    });

    it("loadStackConfig reads the secret keys from the engine (PULUMI_CONFIG_SECRET_KEYS)", async () => {
        const environment = { HF_TOKEN: "hf_abc" };
        const engine = {
            "scale-to-zero:endpoint": JSON.stringify({ instanceType: "ml.g5.xlarge" }),
            "scale-to-zero:inferenceComponents": JSON.stringify({ llama: { ...component, model: { image, environment } } }),
        };
        try {
            pulumi.runtime.setAllConfig(engine, ["scale-to-zero:inferenceComponents"]);
            const secret = loadStackConfig().model.inferenceComponents!.llama.model.environment as Record<string, pulumi.Output<string>>;
            expect(await isSecret(secret.HF_TOKEN)).to.equal(true);
            pulumi.runtime.setAllConfig(engine, []);
            const plain = loadStackConfig().model.inferenceComponents!.llama.model.environment as Record<string, string>;
            expect(plain.HF_TOKEN).to.equal("hf_abc");
        } finally {
            pulumi.runtime.setAllConfig({}, []);
        }
    });

    it("accepts secure: values of a stack file in the environment, as secret placeholders", async () => {
        const raw = { ...base, "scale-to-zero:inferenceComponents": { llama: { ...component, model: { image, environment: { HF_TOKEN: { secure: "v1:AAAA" } } } } } };
        const config = parseStackConfig(raw);
        const token = (config.model.inferenceComponents!.llama.model.environment as Record<string, pulumi.Output<string>>).HF_TOKEN;
        expect(await isSecret(token)).to.equal(true);
        expect(await new Promise((res) => token.apply(res))).to.equal(SECRET_PLACEHOLDER);
        // The caller's parsed file is not modified.
        expect((raw["scale-to-zero:inferenceComponents"] as { llama: { model: { environment: object } } }).llama.model.environment).to.deep.equal({ HF_TOKEN: { secure: "v1:AAAA" } });
    });

    it("rejects secrets where Pulumi cannot keep them secret", () => {
        const raw = { ...base, "scale-to-zero:tags": { team: { secure: "v1:AAAA" } } };
        expect(problemsOf(raw)).to.deep.equal([
            "scale-to-zero:tags.team is a secure value, but only container environment values may be secret (the rest becomes resource names, tags and policies)",
        ]);
        expect(problemsOf(base, ["scale-to-zero:endpoint"])[0]).to.contain("scale-to-zero:endpoint is a secret, but its values become resource names, tags and policies");
    });
});
