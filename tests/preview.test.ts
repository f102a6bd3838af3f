import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { runMain } from "../cli/main";

const ROOT = path.resolve(__dirname, "..");

// In-process through the command line's own program (the packed-package test runs it as a real process).
async function plan(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runMain(["plan", ...args], {
        stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
        stderr: { write: (t: string) => (stderr += t) },
        cwd,
    });
    return { code, stdout, stderr };
}

describe("offline preview (scale-to-zero plan)", function () {
    this.timeout(120000);

    it("prints every resource of the dev stack with its key properties and exits 0", async () => {
        const { code, stdout, stderr } = await plan(["--stack", "dev"]);
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

    it("runs the policy pack: a dev stack that keeps an instance warm fails with the policy's message and exit 1", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const doc = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> };
        const endpoint = doc.config["scale-to-zero:endpoint"];
        delete endpoint.schedule; // a schedule with a warm minimum is already refused by the component
        endpoint.minInstanceCount = 1;
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), yaml.dump(doc));
        const { code, stdout } = await plan(["--stack", "dev"], dir);
        expect(code).to.equal(1);
        expect(stdout).to.match(/\[mandatory\] dev-stacks-scale-to-zero: 1 violation/);
        expect(stdout).to.match(/llm-config.*minInstanceCount|minInstanceCount.*llm-config/s);
        expect(stdout).to.contain("mandatory policy violation(s): pulumi up --policy-pack ./policies would be blocked.");
    });

    it("fails with the config error and exit code 1 on a bad stack file", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
        fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), dev.replace("maxInstanceCount: 2", "maxInstanceCount: 0"));
        const { code, stderr } = await plan(["--stack", "broken"], dir);
        expect(code).to.equal(1);
        expect(stderr).to.contain("scale-to-zero:endpoint.maxInstanceCount must be an integer from 1 to 100 (got 0)");
    });

    it("names the stacks that exist when asked for an unknown one", async () => {
        const { code, stderr } = await plan(["--stack", "nope"]);
        expect(code).to.equal(1);
        expect(stderr).to.match(/no stack file .*Pulumi\.nope\.yaml \(stacks here: .*dev/);
    });
});
