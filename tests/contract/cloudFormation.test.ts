import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ScaleToZeroModel, ScaleToZeroQueue } from "../../components";
import { parseStackConfig } from "../../config";
import { deployStack } from "../../stack";
import { readStackFile } from "../../stackFile";
import { RecordedResource, runUnderMocks } from "../helpers/pulumiMocks";
import { toCloudFormation, UNMAPPED_TYPES } from "./cfnMapping";
import { schemaErrors } from "./schemaValidator";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128";
/**
 * Properties aws-native 1.79 sends that the schema copy (cfn-lint, 2026-06-15) does not have yet: aws-native is
 * generated from a newer registry schema. Listed so that anything else still fails.
 */
const NEWER_THAN_SCHEMA_COPY = [/ManagedInstanceScaling must NOT have additional properties \{"additionalProperty":"scaleInPolicy"\}/];

/** The programs whose resources must satisfy the schemas: both stacks and variants that reach other code paths. */
const PROGRAMS: Record<string, () => Promise<RecordedResource[]>> = {
    "dev stack": () => stack("dev"),
    "prod stack": () => stack("prod"),
    "autoscaling schedule, instance scale-in, an existing model, the caller's role, a 20 s alarm": async () =>
        (
            await runUnderMocks(() =>
                new ScaleToZeroModel("variant", {
                    instanceType: "ml.g5.12xlarge",
                    minInstanceCount: 0,
                    executionRoleArn: "arn:aws:iam::123456789012:role/my-sagemaker-role",
                    instanceScaleIn: { strategy: "CONSOLIDATION", cooldownMinutes: 30, maximumStepSize: 2 },
                    schedule: { method: "autoscaling", timezone: "Europe/Berlin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)" },
                    inferenceComponents: {
                        existing: { model: { existingModelName: "my-existing-model" }, compute: { acceleratorCount: 1, memoryMiB: 2048 } },
                        archive: {
                            model: { image: IMAGE, modelDataUrl: "s3://my-models/m/model.tar.gz", environment: { HF_MODEL_ID: "meta/llama" } },
                            compute: { acceleratorCount: 2, memoryMiB: 4096, cpuCores: 4 },
                            scaling: { wakeUpAlarmPeriodSeconds: 20, idleTimeoutMinutes: 8 },
                        },
                    },
                    tags: { "Équipe ML": "données/été@x", team: "ml" },
                    callerPolicy: { create: true },
                }),
            )
        ).mocks.resources,
    "buffered-mode queue": async () =>
        (
            await runUnderMocks(() => {
                const model = new ScaleToZeroModel("q", { instanceType: "ml.g5.xlarge", model: { image: IMAGE }, compute: { acceleratorCount: 1, memoryMiB: 1024 } });
                return new ScaleToZeroQueue("q-queue", { endpointArn: model.endpointArn, inferenceComponentArns: [model.inferenceComponents.model.inferenceComponentArn], tags: { team: "ml" } });
            })
        ).mocks.resources,
};

async function stack(name: string): Promise<RecordedResource[]> {
    const config = readStackFile(name);
    return (await runUnderMocks(() => deployStack(parseStackConfig(config)), { stack: name, config })).mocks.resources;
}

describe("contract: registered resources satisfy the CloudFormation schemas of their types", () => {
    const covered = new Set<string>();
    for (const [title, program] of Object.entries(PROGRAMS)) {
        it(title, async () => {
            const resources = (await program()).filter((r) => Object.keys(r.state).length > 0);
            const checked: string[] = [];
            for (const r of resources) {
                const mapped = toCloudFormation(r.type, r.inputs);
                if (!mapped) {
                    // Component resources are not cloud resources; the rest must be listed as deliberately unmapped.
                    expect(r.type.startsWith("scale-to-zero:") || UNMAPPED_TYPES.includes(r.type), `${r.type} has no CloudFormation mapping`).to.equal(true);
                    continue;
                }
                const errors = schemaErrors(mapped.cfnType, mapped.properties).filter((e) => !NEWER_THAN_SCHEMA_COPY.some((known) => known.test(e)));
                expect(errors, `${r.type} ${r.name}`).to.deep.equal([]);
                checked.push(mapped.cfnType);
                covered.add(mapped.cfnType);
            }
            expect(checked).to.include.members(["AWS::SageMaker::Endpoint", "AWS::ApplicationAutoScaling::ScalingPolicy"]);
        });
    }

    it("together, the programs exercise every committed schema", () => {
        const committed = fs.readdirSync(path.join(__dirname, "schemas")).filter((f) => f.endsWith(".json"));
        expect([...covered].map((t) => `${t.toLowerCase().replace(/::/g, "-")}.json`).sort()).to.deep.equal(committed.sort());
    });
});

describe("contract: the check is not vacuous", () => {
    it("maps property names, keeps environment keys, and reports pattern, range, enum, type and unknown-property errors", () => {
        const model = toCloudFormation("aws-native:sagemaker:Model", {
            primaryContainer: { image: IMAGE, mode: "SingleModel", environment: { hf_model_id: "x" } },
            tags: [{ key: "a", value: "b" }],
        })!;
        expect(model.properties).to.deep.equal({ PrimaryContainer: { Image: IMAGE, Mode: "SingleModel", Environment: { hf_model_id: "x" } }, Tags: [{ Key: "a", Value: "b" }] });
        expect(schemaErrors(model.cfnType, model.properties)).to.deep.equal([]);

        const ic = toCloudFormation("aws-native:sagemaker:InferenceComponent", {
            endpointName: "bad_name",
            runtimeConfig: { copyCount: -1 },
            specification: { computeResourceRequirements: { numberOfCpuCoresRequired: 0.1 } },
            tags: [{ key: "team", value: "" }],
            unknownThing: 1,
        })!;
        const errors = schemaErrors(ic.cfnType, ic.properties).join("\n");
        expect(errors).to.contain("/EndpointName must match pattern");
        expect(errors).to.contain("/RuntimeConfig/CopyCount must be >= 0");
        expect(errors).to.contain("/Specification/ComputeResourceRequirements/NumberOfCpuCoresRequired must be >= 0.25");
        expect(errors).to.contain("/Tags/0/Value must NOT have fewer than 1 characters");
        expect(errors).to.contain('must NOT have additional properties {"additionalProperty":"unknownThing"}');

        const alarm = toCloudFormation("aws:cloudwatch/metricAlarm:MetricAlarm", { comparisonOperator: "Sometimes", evaluationPeriods: "1" })!;
        const alarmErrors = schemaErrors(alarm.cfnType, alarm.properties).join("\n");
        expect(alarmErrors).to.contain("/ComparisonOperator must be equal to one of the allowed values");
        expect(alarmErrors).to.contain("/EvaluationPeriods must be integer");
    });
});
