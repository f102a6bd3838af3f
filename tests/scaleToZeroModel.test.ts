import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ScaleToZeroModel } from "../components";
import { parseStackConfig } from "../config";
import { deployStack } from "../stack";
import { readStackFile } from "../stackFile";
import { resolve, runUnderMocks } from "./helpers/pulumiMocks";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128";
const IC = "aws-native:sagemaker:InferenceComponent";

describe("ScaleToZeroModel with several inference components (prod stack)", () => {
    it("puts every component on the one endpoint, each with its own scaling and wake-up alarm", async () => {
        const config = readStackFile("prod");
        const { mocks, result } = await runUnderMocks(
            (m) => deployStack(parseStackConfig(config), { transformations: [m.recordOptions] }),
            { stack: "prod", config },
        );
        expect(mocks.ofType("aws-native:sagemaker:Endpoint")).to.have.length(1);
        expect(mocks.ofType("aws-native:sagemaker:EndpointConfig")).to.have.length(1);
        const variant = mocks.one("aws-native:sagemaker:EndpointConfig").inputs.productionVariants[0];
        expect(variant.managedInstanceScaling).to.deep.equal({ status: "ENABLED", minInstanceCount: 1, maxInstanceCount: 3 });

        const ics = mocks.ofType(IC);
        expect(ics.map((r) => r.inputs.inferenceComponentName).sort()).to.deep.equal(["llm-llama-8b-prod", "llm-mistral-7b-prod"]);
        for (const ic of ics) {
            expect(ic.inputs.endpointName).to.equal("llm-prod");
        }
        const targets = mocks.ofType("aws:appautoscaling/target:Target");
        expect(targets.map((t) => [t.inputs.resourceId, t.inputs.minCapacity, t.inputs.maxCapacity]).sort()).to.deep.equal([
            ["inference-component/llm-llama-8b-prod", 1, 6],
            ["inference-component/llm-mistral-7b-prod", 1, 4],
        ]);
        const alarms = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.endsWith("-wake-up-alarm"));
        expect(alarms.map((a) => a.inputs.dimensions.InferenceComponentName).sort()).to.deep.equal([
            "llm-llama-8b-prod",
            "llm-mistral-7b-prod",
        ]);
        const mistralAlarm = alarms.find((a) => a.name === "llm-mistral-7b-wake-up-alarm")!;
        const mistralWake = mocks.one("aws:appautoscaling/policy:Policy", "llm-mistral-7b-wake-up");
        expect(mistralAlarm.inputs.alarmActions).to.deep.equal([mistralWake.state.arn]);
        const tracking = mocks.one("aws:appautoscaling/policy:Policy", "llm-mistral-7b-target-tracking");
        expect(tracking.inputs.targetTrackingScalingPolicyConfiguration.targetValue).to.equal(3);

        // A .tar.gz is passed as ModelDataUrl; the role may read exactly the two artifacts.
        const mistralModel = mocks.one("aws-native:sagemaker:Model", "llm-mistral-7b-model");
        expect(mistralModel.inputs.primaryContainer.modelDataUrl).to.equal("s3://example-ml-artifacts/mistral-7b-instruct/model.tar.gz");
        const policy = JSON.parse(mocks.one("aws:iam/rolePolicy:RolePolicy").inputs.policy);
        const read = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadModelArtifacts");
        expect(read.Resource).to.deep.equal([
            "arn:aws:s3:::example-ml-artifacts/llama-3-1-8b-instruct/*",
            "arn:aws:s3:::example-ml-artifacts/mistral-7b-instruct/model.tar.gz",
        ]);
        // No managed caller policy unless asked for; the JSON covers both components, without the wake.
        expect(mocks.ofType("aws:iam/policy:Policy")).to.have.length(0);
        expect(result.callerPolicyArn).to.equal(undefined);
        const caller = JSON.parse(await resolve(result.callerPolicyJson));
        expect(caller.Statement.map((s: { Sid: string }) => s.Sid)).to.deep.equal(["InvokeEndpoint", "WatchColdStart"]);
        expect(caller.Statement[1].Resource).to.deep.equal(ics.map((ic) => ic.state.inferenceComponentArn));
        expect(await resolve(result.inferenceComponentNames)).to.deep.equal({
            "llama-8b": "llm-llama-8b-prod",
            "mistral-7b": "llm-mistral-7b-prod",
        });
    });
});

describe("ScaleToZeroModel options", () => {
    it("serves an existing model with the caller's role: no Model, no role created", async () => {
        const { mocks, result } = await runUnderMocks(() =>
            new ScaleToZeroModel("byo", {
                instanceType: "ml.g6.xlarge",
                executionRoleArn: "arn:aws:iam::123456789012:role/my-sagemaker-role",
                model: { existingModelName: "my-existing-model" },
                compute: { acceleratorCount: 1, memoryMiB: 2048 },
            }),
        );
        expect(mocks.ofType("aws-native:sagemaker:Model")).to.have.length(0);
        expect(mocks.ofType("aws:iam/role:Role")).to.have.length(0);
        expect(mocks.one("aws-native:sagemaker:EndpointConfig").inputs.executionRoleArn).to.equal(
            "arn:aws:iam::123456789012:role/my-sagemaker-role",
        );
        expect(mocks.one(IC).inputs.specification.modelName).to.equal("my-existing-model");
        expect(mocks.one(IC).inputs.inferenceComponentName).to.equal("byo-model-dev");
        expect(await resolve(result.executionRoleArn)).to.equal("arn:aws:iam::123456789012:role/my-sagemaker-role");
    });

    it("keeps every SageMaker name within 63 characters for long resource and stack names", async () => {
        const longName = "team-recommendations-llama-3-1-70b-instruct-experiment";
        const { mocks } = await runUnderMocks(
            () =>
                new ScaleToZeroModel(longName, {
                    instanceType: "ml.g5.48xlarge",
                    model: { image: IMAGE },
                    compute: { acceleratorCount: 8, memoryMiB: 65536 },
                }),
            { stack: "feature-branch-with-a-very-long-name-1234" },
        );
        const names = [
            mocks.one("aws-native:sagemaker:Endpoint").inputs.endpointName,
            mocks.one("aws-native:sagemaker:EndpointConfig").inputs.endpointConfigName,
            mocks.one("aws-native:sagemaker:Model").inputs.modelName,
            mocks.one(IC).inputs.inferenceComponentName,
        ];
        for (const name of names) {
            expect(name.length, name).to.be.at.most(63);
            expect(name, name).to.match(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/);
        }
        expect(new Set(names).size).to.equal(4);
        expect(mocks.one("aws:iam/role:Role").inputs.namePrefix.length).to.be.at.most(38);
    });

    it("changes the endpoint config name when its settings change, so a replacement never clashes", async () => {
        const configName = async (maxInstanceCount: number) => {
            const { mocks } = await runUnderMocks(() =>
                new ScaleToZeroModel("m", {
                    instanceType: "ml.g5.xlarge",
                    maxInstanceCount,
                    model: { image: IMAGE },
                    compute: { acceleratorCount: 1, memoryMiB: 1024 },
                }),
            );
            return mocks.one("aws-native:sagemaker:EndpointConfig").inputs.endpointConfigName as string;
        };
        const two = await configName(2);
        expect(two).to.equal(await configName(2));
        expect(two).to.not.equal(await configName(3));
    });

    it("rejects bad arguments before registering any resource", async () => {
        const { mocks, result } = await runUnderMocks(() => {
            try {
                new ScaleToZeroModel("bad", {
                    instanceType: "ml.g5.xlarge",
                    model: { image: IMAGE },
                    compute: { acceleratorCount: 1, memoryMiB: 1024 },
                    scaling: { minCopies: 2, maxCopies: 1 },
                });
                return "created";
            } catch (error) {
                return (error as Error).message;
            }
        });
        expect(result).to.equal('ScaleToZeroModel "bad": invalid arguments:\n  - scaling.minCopies (2) must not exceed scaling.maxCopies (1)');
        expect(mocks.resources).to.have.length(0);
    });

    it("rejects two components that would share an inference component name", async () => {
        const { result } = await runUnderMocks(() => {
            try {
                new ScaleToZeroModel("dup", {
                    instanceType: "ml.g5.12xlarge",
                    inferenceComponents: {
                        a: { model: { image: IMAGE }, compute: { acceleratorCount: 1, memoryMiB: 1024 }, inferenceComponentName: "same" },
                        b: { model: { image: IMAGE }, compute: { acceleratorCount: 1, memoryMiB: 1024 }, inferenceComponentName: "same" },
                    },
                });
                return "created";
            } catch (error) {
                return (error as Error).message;
            }
        });
        expect(result).to.contain('inferenceComponents.b and inferenceComponents.a both use the inference component name "same"');
    });
});

describe("ScaleToZeroModel under a user's generic mocks", () => {
    it("works when the mocks echo inputs and compute no ARNs: policies use the ARNs SageMaker will assign", async () => {
        // What many users' unit tests do: return the inputs as state, answer look-ups minimally.
        const policies: string[] = [];
        await pulumi.runtime.setMocks(
            {
                newResource: (a) => {
                    if (a.type.startsWith("aws:iam/")) {
                        policies.push(a.inputs.policy ?? "");
                    }
                    return { id: `${a.name}-id`, state: a.inputs };
                },
                call: (a) =>
                    a.token.includes("getPartition") ? { partition: "aws" } : a.token.includes("getRegion") ? { region: "eu-west-1" } : { accountId: "210987654321" },
            },
            "user-project",
            "test",
            false,
        );
        const model = new ScaleToZeroModel("Llama", {
            instanceType: "ml.g5.xlarge",
            model: { image: IMAGE },
            compute: { acceleratorCount: 1, memoryMiB: 1024 },
            schedule: { method: "scheduler", timezone: "Europe/Dublin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)" },
            callerPolicy: { create: true },
        });
        const caller = JSON.parse(await resolve(model.callerPolicyJson));
        expect(caller.Statement[0].Resource).to.deep.equal(["arn:aws:sagemaker:eu-west-1:210987654321:endpoint/llama-test"]);
        expect(caller.Statement[1].Resource).to.deep.equal(["arn:aws:sagemaker:eu-west-1:210987654321:inference-component/llama-model-test"]);
        expect(await resolve(model.endpointArn)).to.equal("arn:aws:sagemaker:eu-west-1:210987654321:endpoint/llama-test");
        expect(await resolve(model.inferenceComponents.model.inferenceComponentArn)).to.equal(
            "arn:aws:sagemaker:eu-west-1:210987654321:inference-component/llama-model-test",
        );
        await new Promise((r) => setTimeout(r, 50));
        const scheduler = policies.map((p) => (p ? JSON.parse(p) : undefined)).find((p) => p?.Statement?.[0]?.Sid === "SetCopyCount");
        expect(scheduler.Statement[0].Resource).to.deep.equal([
            "arn:aws:sagemaker:eu-west-1:210987654321:inference-component/llama-model-test",
        ]);
    });
});
