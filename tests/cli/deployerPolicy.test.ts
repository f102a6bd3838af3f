import { expect } from "chai";
import * as path from "path";
import { deployerPolicy, MANAGED_POLICY_MAX_CHARS, namePattern, PolicyDocument, PolicyStatement, policySize } from "../../cli/deployerPolicy/derive";
import { runMain } from "../../cli/main";
import { firstDeployment } from "../../preview/cli";
import { RecordedResource } from "../../preview/mockEngine";

const ROOT = path.resolve(__dirname, "..", "..");
const SCOPE = { region: "us-east-1", account: "111122223333" };

function statement(policy: PolicyDocument, sid: string): PolicyStatement {
    const found = policy.Statement.find((s) => s.Sid === sid);
    expect(found, `statement ${sid}`).to.not.equal(undefined);
    return found as PolicyStatement;
}

function allActions(policy: PolicyDocument): string[] {
    return policy.Statement.flatMap((s) => s.Action);
}

describe("deployer-policy: least privilege derived from the stack's resources", function () {
    this.timeout(120_000);
    let dev: PolicyDocument;
    let prod: PolicyDocument;
    let devResources: RecordedResource[];

    before(async () => {
        devResources = (await firstDeployment("dev", ROOT)).resources;
        dev = deployerPolicy(devResources, SCOPE);
        prod = deployerPolicy((await firstDeployment("prod", ROOT)).resources, SCOPE);
    });

    it("dev: SageMaker handler permissions on the stack's own names (hashed names as prefixes)", () => {
        expect(statement(dev, "SageMakerEndpoint").Resource).to.deep.equal(["arn:aws:sagemaker:us-east-1:111122223333:endpoint/llm-dev"]);
        expect(statement(dev, "SageMakerEndpointConfig").Resource).to.deep.equal(["arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/llm-dev-cfg-*"]);
        expect(statement(dev, "SageMakerModel").Resource).to.deep.equal(["arn:aws:sagemaker:us-east-1:111122223333:model/llm-llama-8b-dev-model-*"]);
        const ic = statement(dev, "SageMakerInferenceComponent");
        expect(ic.Resource).to.deep.equal(["arn:aws:sagemaker:us-east-1:111122223333:inference-component/llm-llama-8b-dev"]);
        // The program reads the live copy count (components/liveCopyCount.ts); the handlers create and delete.
        expect(ic.Action).to.include.members(["sagemaker:DescribeInferenceComponent", "sagemaker:CreateInferenceComponent", "sagemaker:DeleteInferenceComponent"]);
        expect(statement(dev, "CloudControl")).to.deep.include({ Resource: "*" });
        expect(statement(dev, "CloudControl").Action).to.include.members(["cloudformation:CreateResource", "cloudformation:GetResourceRequestStatus", "cloudformation:DeleteResource"]);
    });

    it("dev: iam:PassRole only on the execution and scheduler roles, each to the service it trusts", () => {
        const passes = dev.Statement.filter((s) => s.Action.includes("iam:PassRole"));
        expect(passes.map((s) => [s.Resource, s.Condition])).to.deep.equal([
            [["arn:aws:iam::111122223333:role/llm-exec-*"], { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } }],
            [["arn:aws:iam::111122223333:role/llm-schd-*"], { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } }],
        ]);
        expect(passes.every((s) => s.Action.length === 1)).to.equal(true);
        expect(statement(dev, "StackRoles").Resource).to.deep.equal(["arn:aws:iam::111122223333:role/llm-exec-*", "arn:aws:iam::111122223333:role/llm-schd-*"]);
    });

    it("dev: the caller policy, the service-linked role, alarms and schedules by name", () => {
        expect(statement(dev, "CallerPolicy").Action).to.include("iam:CreatePolicy");
        expect(statement(dev, "CallerPolicy").Resource).to.deep.equal(["arn:aws:iam::111122223333:policy/llm-caller-*"]);
        expect(statement(dev, "AutoScalingServiceLinkedRole")).to.deep.equal({
            Sid: "AutoScalingServiceLinkedRole",
            Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole"],
            Resource:
                "arn:aws:iam::111122223333:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
            Condition: { StringLike: { "iam:AWSServiceName": "sagemaker.application-autoscaling.amazonaws.com" } },
        });
        expect(statement(dev, "Alarms").Resource).to.deep.equal([
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:TargetTracking-inference-component/llm-llama-8b-dev-*",
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:llm-llama-8b-idle-alarm-*",
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:llm-llama-8b-wake-failed-alarm-*",
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:llm-llama-8b-wake-up-alarm-*",
        ]);
        // Dashboards are global resources: no region in their ARN.
        expect(statement(dev, "Dashboards").Resource).to.deep.equal(["arn:aws:cloudwatch::111122223333:dashboard/llm-dev"]);
        expect(statement(dev, "Schedules").Resource).to.deep.equal([
            "arn:aws:scheduler:us-east-1:111122223333:schedule/default/llm-llama-8b-dev-off",
            "arn:aws:scheduler:us-east-1:111122223333:schedule/default/llm-llama-8b-dev-on",
        ]);
        expect(statement(dev, "ScalingWrite").Resource).to.equal("arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target/*");
    });

    it("prod: two components, no schedule, no scheduler role, no caller policy: none of their permissions", () => {
        expect(statement(prod, "SageMakerInferenceComponent").Resource).to.deep.equal([
            "arn:aws:sagemaker:us-east-1:111122223333:inference-component/llm-llama-8b-prod",
            "arn:aws:sagemaker:us-east-1:111122223333:inference-component/llm-mistral-7b-prod",
        ]);
        for (const sid of ["Schedules", "PassRoleToScheduler", "CallerPolicy"]) {
            expect(prod.Statement.map((s) => s.Sid)).to.not.include(sid);
        }
        expect(allActions(prod)).to.not.include("scheduler:CreateSchedule");
        expect(statement(prod, "StackRoles").Resource).to.deep.equal(["arn:aws:iam::111122223333:role/llm-exec-*"]);
    });

    it("fits a managed policy, and Resource \"*\" only where AWS has no resource-level permissions", () => {
        for (const policy of [dev, prod]) {
            expect(policySize(policy)).to.be.within(1000, MANAGED_POLICY_MAX_CHARS);
            const unscoped = policy.Statement.filter((s) => s.Resource === "*").map((s) => s.Sid);
            expect(unscoped).to.deep.equal(["CloudControl", "ScalingRead"]);
            expect(allActions(policy).filter((a) => a.endsWith(":*") || a === "*")).to.deep.equal([]);
        }
    });

    it("refuses a resource type it does not know, naming it, instead of leaving its permissions out", () => {
        const extra: RecordedResource = { type: "aws:s3/bucket:Bucket", name: "logs", inputs: {}, state: {}, urn: "urn:x", opts: {} };
        expect(() => deployerPolicy([...devResources, extra], SCOPE)).to.throw("deployer-policy does not know what these resource types need: aws:s3/bucket:Bucket (logs)");
    });

    it("namePattern: only a trailing 7-hex hash becomes a wildcard", () => {
        expect(namePattern("llm-dev-cfg-cb9e8e9")).to.equal("llm-dev-cfg-*");
        expect(namePattern("llm-llama-8b-dev")).to.equal("llm-llama-8b-dev");
        expect(namePattern("llm-dev-cfg-cb9e8eZ")).to.equal("llm-dev-cfg-cb9e8eZ");
    });

    it("the command prints the policy as JSON only, and refuses a bad --account before running the program", async () => {
        let stdout = "";
        let stderr = "";
        const io = { stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) }, stderr: { write: (t: string) => (stderr += t) }, cwd: ROOT };
        expect(await runMain(["deployer-policy", "--stack", "dev", "--account", "123"], io)).to.equal(2);
        expect(stderr).to.contain("error: option '--account <id>' argument '123' is invalid. expected a 12-digit AWS account id or \"*\"");
        stderr = "";
        expect(await runMain(["deployer-policy", "--stack", "dev", "--account", "111122223333"], io)).to.equal(0);
        expect(stderr).to.equal("");
        expect(JSON.parse(stdout)).to.deep.equal(dev);
    });
});
