import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "cli", "main.ts");

function plan(args: string[], cwd = ROOT) {
    const result = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), CLI, "plan", ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("offline preview (scale-to-zero plan)", function () {
    this.timeout(120000);

    it("prints every resource of the dev stack with its key properties and exits 0", () => {
        const { code, stdout, stderr } = plan(["--stack", "dev"]);
        expect(stderr).to.equal("");
        expect(code).to.equal(0);
        expect(stdout).to.contain('Offline preview of stack "dev"');
        // Columns are padded to the longest type token.
        expect(stdout).to.match(/\+ scale-to-zero:index:ScaleToZeroModel +llm\n/);
        expect(stdout).to.match(/aws-native:sagemaker:EndpointConfig +llm-config\n/);
        for (const line of [
            "managedInstanceScaling: ENABLED, 0..2 instances",
            "modelName on variant: none (inference-component endpoint)",
            "inferenceComponentName: llm-llama-8b-dev",
            "resourceId: inference-component/llm-llama-8b-dev",
            "capacity: 0..2 copies",
            "metric: SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
            'metric: AWS/SageMaker NoCapacityInvocationFailures {"InferenceComponentName":"llm-llama-8b-dev"}',
            "condition: Maximum GreaterThanOrEqualToThreshold 1, 1 of 1 x 60s",
            "20 resources would be created.",
            "--inference-component-name llm-llama-8b-dev",
            "[mandatory] dev-stacks-scale-to-zero: passed",
            "[mandatory] scale-to-zero-can-wake-up: passed",
            "[mandatory] inference-component-endpoints-well-formed: passed",
            "[mandatory] least-privilege-iam: passed",
        ]) {
            expect(stdout).to.contain(line);
        }
    });

    it("runs the policy pack: a dev stack that keeps an instance warm fails with the policy's message and exit 1", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const doc = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> };
        const endpoint = doc.config["scale-to-zero:endpoint"];
        delete endpoint.schedule; // a schedule with a warm minimum is already refused by the component
        endpoint.minInstanceCount = 1;
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), yaml.dump(doc));
        const { code, stdout } = plan(["--stack", "dev"], dir);
        expect(code).to.equal(1);
        expect(stdout).to.match(/\[mandatory\] dev-stacks-scale-to-zero: 1 violation/);
        expect(stdout).to.match(/llm-config.*minInstanceCount|minInstanceCount.*llm-config/s);
        expect(stdout).to.contain("mandatory policy violation(s): pulumi up --policy-pack ./policies would be blocked.");
    });

    it("fails with the config error and exit code 1 on a bad stack file", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
        fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), dev.replace("maxInstanceCount: 2", "maxInstanceCount: 0"));
        const { code, stderr } = plan(["--stack", "broken"], dir);
        expect(code).to.equal(1);
        expect(stderr).to.contain("scale-to-zero:endpoint.maxInstanceCount must be an integer from 1 to 100 (got 0)");
    });

    it("names the stacks that exist when asked for an unknown one", () => {
        const { code, stderr } = plan(["--stack", "nope"]);
        expect(code).to.equal(1);
        expect(stderr).to.match(/no stack file .*Pulumi\.nope\.yaml \(stacks here: .*dev/);
    });
});
