import { expect } from "chai";
import { argumentProblems } from "../helpers/argumentProblems";
import { ScaleToZeroModelArgs } from "../../components/args";
import { alarmPeriodError } from "../../components/limits/awsLimits";
import { modelDataUrlError } from "../../components/limits/modelData";
import { policyCharacters } from "../../components/limits/policySize";

const image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest";
const valid: ScaleToZeroModelArgs = { instanceType: "ml.g5.12xlarge", model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } };

function problemsOf(change: Record<string, unknown>): string[] {
    return argumentProblems({ ...valid, ...change });
}

const manyTags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));

// Each row: a change to valid arguments and the message it must produce.
const rejected: [string, Record<string, unknown>, string][] = [
    ["51 tags", { tags: manyTags }, "tags has 51 tags; AWS allows at most 50 per resource"],
    ["tag key with a comma", { tags: { "a,b": "x" } }, 'tags key "a,b" may contain only letters, digits, spaces and _ . : / = + - @'],
    ["tag value with a semicolon", { tags: { team: "a;b" } }, 'tags.team may contain only letters, digits, spaces and _ . : / = + - @ (got "a;b")'],
    ["empty tag value", { tags: { team: "" } }, "tags.team must be 1-256 characters (SageMaker inference components reject empty tag values; got 0)"],
    ["tag value of 257", { tags: { team: "x".repeat(257) } }, "tags.team must be 1-256 characters"],
    ["environment key with a dash", { model: { image, environment: { "MY-VAR": "1" } } }, 'model.environment key "MY-VAR" must be letters, digits and underscores, not starting with a digit'],
    ["environment value over 1024 bytes", { model: { image, environment: { A: "é".repeat(513) } } }, "model.environment.A is 1026 bytes; SageMaker allows at most 1024 per value"],
    [
        "environment over 32 KB in all",
        { model: { image, environment: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`V${i}`, "x".repeat(1000)])) } },
        "model.environment has 40110 bytes of keys and values; SageMaker allows at most 32768 in all",
    ],
    ["empty execution role", { executionRoleArn: "" }, 'executionRoleArn must be an IAM role ARN like "arn:aws:iam::123456789012:role/my-sagemaker-role" (got "")'],
    ["execution role that is a user", { executionRoleArn: "arn:aws:iam::123456789012:user/me" }, "executionRoleArn must be an IAM role ARN"],
    ["bucket-only model data", { model: { image, modelDataUrl: "s3://models" } }, 'model.modelDataUrl "s3://models" names a whole bucket'],
    ["prefix without trailing slash", { model: { image, modelDataUrl: "s3://models/llama" } }, 'model.modelDataUrl "s3://models/llama" is neither a prefix (end it with "/") nor a .tar.gz/.tgz archive'],
    ["upper-case bucket", { model: { image, modelDataUrl: "s3://Models/a/" } }, 'model.modelDataUrl bucket "Models" is not a valid S3 bucket name'],
    ["absurd instance count", { maxInstanceCount: 1000 }, "maxInstanceCount must be an integer from 1 to 100 (got 1000)"],
    ["absurd copy count", { scaling: { maxCopies: 40000 } }, "scaling.maxCopies must be an integer from 1 to 1000 (got 40000)"],
    ["wake-up alarm once a week", { scaling: { wakeUpAlarmPeriodSeconds: 604800 } }, "scaling.wakeUpAlarmPeriodSeconds must be at most 3600 seconds"],
];

describe("AWS limits in validateScaleToZeroModelArgs", () => {
    for (const [title, change, message] of rejected) {
        it(`rejects ${title}`, () => {
            expect(problemsOf(change).join("\n")).to.contain(message);
        });
    }

    const accepted: [string, Record<string, unknown>][] = [
        ["50 tags, unicode letters and spaces", { tags: { ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"])), "Équipe ML": "données/été@x" } }],
        ["a 20 s wake-up alarm period (valid in CloudWatch)", { scaling: { wakeUpAlarmPeriodSeconds: 20 } }],
        ["a GovCloud role with a path", { executionRoleArn: "arn:aws-us-gov:iam::123456789012:role/ml/sagemaker-exec" }],
        ["a .tgz archive and a prefix", { model: { image, modelDataUrl: "s3://my.models-1/llama/model.tgz" } }],
        ["an environment of exactly 1024-byte values", { model: { image, environment: { A: "x".repeat(1024), HF_MODEL_ID: "meta/llama" } } }],
    ];
    for (const [title, change] of accepted) {
        it(`accepts ${title}`, () => {
            expect(problemsOf(change)).to.deep.equal([]);
        });
    }

    it("rejects an execution role policy that outgrows IAM's 10,240 characters with many components", () => {
        const inferenceComponents = Object.fromEntries(
            Array.from({ length: 40 }, (_, i) => [`m${i}`, { model: { image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/repo-${i}:1`, modelDataUrl: `s3://bucket-${i}/model-${i}/` }, compute: { acceleratorCount: 1, memoryMiB: 1024 } }]),
        );
        const problems = problemsOf({ model: undefined, compute: undefined, maxInstanceCount: 10, inferenceComponents });
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^the execution role's inline policy would be \d+ characters, above IAM's limit of 10240/);
    });

    it("checks the managed caller policy (6,144 characters) only when it is created", () => {
        const inferenceComponents = Object.fromEntries(
            Array.from({ length: 40 }, (_, i) => [`m${i}`, { model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } }]),
        );
        const base = { model: undefined, compute: undefined, maxInstanceCount: 10, executionRoleArn: "arn:aws:iam::123456789012:role/r", inferenceComponents };
        expect(problemsOf({ ...base, callerPolicy: { create: true, allowWake: true } })[0]).to.match(/^callerPolicy \(a managed policy\) would be \d+ characters, above IAM's limit of 6144/);
        expect(problemsOf(base)).to.deep.equal([]);
    });
});

describe("alarmPeriodError", () => {
    it("allows 10, 20, 30 and multiples of 60; rejects the rest with the allowed values", () => {
        for (const ok of [10, 20, 30, 60, 120, 3600]) {
            expect(alarmPeriodError(ok, 1, 3600), String(ok)).to.equal(undefined);
        }
        expect(alarmPeriodError(45, 1, 3600)).to.equal("must be 10, 20, 30 or a multiple of 60 up to 3600 seconds (got 45)");
        expect(alarmPeriodError("60", 1, 3600)).to.contain('(got "60")');
    });

    it("bounds period x evaluation periods: one day under an hour, 7 days above", () => {
        expect(alarmPeriodError(60, 1441, 1e9)).to.equal("x 1441 evaluation period(s) = 86460 s exceeds CloudWatch's 86400 s for periods under an hour");
        expect(alarmPeriodError(3600, 168, 1e9)).to.equal(undefined);
        expect(alarmPeriodError(3600, 169, 1e9)).to.contain("exceeds CloudWatch's 604800 s for longer periods");
    });
});

describe("modelDataUrlError and policyCharacters", () => {
    it("accepts prefixes and archives, rejects the rest", () => {
        expect(modelDataUrlError("s3://b-1/x/")).to.equal(undefined);
        expect(modelDataUrlError("s3://b-1/x/model.tar.gz")).to.equal(undefined);
        expect(modelDataUrlError("s3://b-1/x//y/")).to.contain("empty path segment");
        expect(modelDataUrlError(`s3://b-1/${"a".repeat(1020)}/`)).to.contain("at most 1024 characters");
    });

    it("counts a policy as IAM does, without white space", () => {
        expect(policyCharacters({ a: "x y" })).to.equal('{"a":"xy"}'.length);
    });
});
