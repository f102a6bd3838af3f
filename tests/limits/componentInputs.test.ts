import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { argumentProblems } from "../helpers/argumentProblems";
import { ScaleToZeroModel, ScaleToZeroModelArgs } from "../../components";
import { looksLikeCredential } from "../../components/secrets";
import { runUnderMocks } from "../helpers/pulumiMocks";

const image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest";
const valid: ScaleToZeroModelArgs = { instanceType: "ml.g5.xlarge", model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } };

const problemsOf = argumentProblems;

describe("component args: library misuse gets clear errors", () => {
    it("null sub-objects are reported, never a TypeError", () => {
        expect(problemsOf({ ...valid, scaling: null, startup: null, instanceScaleIn: null })).to.deep.equal([
            "instanceScaleIn must be a map { strategy, cooldownMinutes?, maximumStepSize? } (got null)",
            "startup must be a map { modelDataDownloadTimeoutSeconds?, containerStartupHealthCheckTimeoutSeconds? } (got null)",
            "scaling must be a map { minCopies?, maxCopies?, initialCopies?, ... } (got null)",
        ]);
    });

    it("Outputs in fields that decide which resources exist are named, without Pulumi's toString text", () => {
        const problems = problemsOf({ ...valid, scaling: { idleTimeoutMinutes: pulumi.output(5) }, instanceType: pulumi.output("ml.g5.xlarge") });
        expect(problems).to.deep.equal([
            "instanceType is an Output: give a plain value (it decides which resources are created and is checked before deployment)",
            "scaling.idleTimeoutMinutes is an Output: give a plain value (it decides which resources are created and is checked before deployment)",
        ]);
        expect(problems.join("\n")).not.to.contain("Calling [toString]");
    });

    it("Date objects and Promises are named with the fix", () => {
        const schedule = { timezone: "Europe/Berlin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)", startDate: new Date() };
        expect(problemsOf({ ...valid, schedule, endpointName: Promise.resolve("x") })).to.deep.equal([
            "schedule.startDate is a Date object: give an ISO-8601 UTC string such as date.toISOString() (in a YAML stack file, quote the timestamp)",
            "endpointName is a Promise: give a plain value (it decides which resources are created and is checked before deployment)",
        ]);
    });

    it("accepts Outputs where they only flow into properties: the role ARN and environment values", () => {
        const args = { ...valid, executionRoleArn: pulumi.output("arn:aws:iam::123456789012:role/r"), model: { image, environment: { HF_TOKEN: pulumi.secret("hf_x") } } };
        expect(problemsOf(args)).to.deep.equal([]);
        expect(problemsOf({ ...valid, model: { image, environment: pulumi.secret({ HF_TOKEN: "hf_x" }) } })).to.deep.equal([]);
    });
});

describe("secrets in the container environment", () => {
    it("recognises credential-like names by their segments", () => {
        for (const name of ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "secret", "AWS_SECRET_ACCESS_KEY"]) {
            expect(looksLikeCredential(name), name).to.equal(true);
        }
        for (const name of ["MAX_INPUT_LENGTH", "HF_MODEL_ID", "MONKEY_MODE", "SM_NUM_GPUS", "TOKENIZER_PATH"]) {
            expect(looksLikeCredential(name), name).to.equal(false);
        }
    });

    it("passes secret environment values to the Model as secrets and warns about plain credentials only", async () => {
        const props: Record<string, pulumi.Inputs> = {};
        const warnings: string[] = [];
        const log = pulumi.log as { warn: (message: string, resource?: pulumi.Resource) => Promise<void> };
        const original = log.warn;
        log.warn = (message) => {
            warnings.push(message);
            return Promise.resolve();
        };
        try {
            await runUnderMocks(() => {
                const capture: pulumi.ResourceTransformation = (a) => {
                    props[a.type] = a.props;
                    return undefined;
                };
                return new ScaleToZeroModel(
                    "sec",
                    { ...valid, model: { image, environment: { HF_TOKEN: pulumi.secret("hf_x"), API_KEY: "plain", HF_MODEL_ID: "meta/llama" } } },
                    { transformations: [capture] },
                );
            });
        } finally {
            log.warn = original;
        }
        const container = props["aws-native:sagemaker:Model"].primaryContainer as { environment: Record<string, pulumi.Input<string>> };
        expect(await pulumi.isSecret(pulumi.output(container.environment.HF_TOKEN))).to.equal(true);
        expect(await pulumi.isSecret(pulumi.output(container))).to.equal(true);
        expect(await pulumi.isSecret(pulumi.output(props["aws-native:sagemaker:Model"].modelName))).to.equal(false);
        expect(warnings).to.deep.equal([
            "model.environment.API_KEY looks like a credential but is plain text (visible in Pulumi state and previews): pass pulumi.secret(value)",
        ]);
    });
});

describe("a whole environment map given as a secret Output", () => {
    it("reaches the Model as a secret", async () => {
        let container: pulumi.Input<unknown>;
        await runUnderMocks(
            () =>
                new ScaleToZeroModel("secmap", { ...valid, model: { image, environment: pulumi.secret({ HF_TOKEN: "hf_x" }) } }, {
                    transformations: [
                        (a) => {
                            if (a.type === "aws-native:sagemaker:Model") {
                                container = a.props.primaryContainer as pulumi.Input<unknown>;
                            }
                            return undefined;
                        },
                    ],
                }),
        );
        expect(await pulumi.isSecret(pulumi.output(container!))).to.equal(true);
    });
});

describe("names that differ only by case", () => {
    async function constructionError(inferenceComponents: ScaleToZeroModelArgs["inferenceComponents"]): Promise<string> {
        const { result } = await runUnderMocks(() => {
            try {
                new ScaleToZeroModel("case", { instanceType: "ml.g5.12xlarge", inferenceComponents });
                return "created";
            } catch (error) {
                return (error as Error).message;
            }
        });
        return result;
    }
    const compute = { acceleratorCount: 1, memoryMiB: 1024 };

    it("are rejected: SageMaker lower-cases them in ARNs", async () => {
        expect(await constructionError({ a: { model: { image }, compute, inferenceComponentName: "Llama" }, b: { model: { image }, compute, inferenceComponentName: "llama" } })).to.contain(
            'inferenceComponents.b and inferenceComponents.a both use the inference component name "llama"',
        );
        expect(await constructionError({ Llama: { model: { image }, compute }, llama: { model: { image }, compute } })).to.contain("inferenceComponents.llama and inferenceComponents.Llama both use");
    });
});
