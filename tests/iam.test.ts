import { expect } from "chai";
import { ACTIONS_WITHOUT_RESOURCE_SCOPE, ecrRepositoryArn, executionRolePolicy, serviceTrustPolicy } from "../components/iam";

const ctx = { partition: "aws", region: "us-east-1", accountId: "123456789012" };

describe("ecrRepositoryArn", () => {
    const cases: [string, string | undefined][] = [
        ["763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128", "arn:aws:ecr:us-east-1:763104351884:repository/djl-inference"],
        ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/llm@sha256:abc", "arn:aws:ecr:eu-west-1:111122223333:repository/team/llm"],
        ["111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/llm:1", "arn:aws-cn:ecr:cn-north-1:111122223333:repository/llm"],
        ["111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/llm:1", "arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/llm"],
        ["docker.io/library/nginx:latest", undefined],
    ];
    for (const [image, arn] of cases) {
        it(`${image} -> ${arn}`, () => expect(ecrRepositoryArn(image)).to.equal(arn));
    }
});

describe("executionRolePolicy", () => {
    const policy = executionRolePolicy(ctx, "llm-dev", ["llm-llama-8b-dev"], [
        { image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:1", modelDataUrl: "s3://models/llama/" },
        { image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:2", modelDataUrl: "s3://models/mistral/model.tar.gz" },
    ]);
    const bySid = (sid: string) => policy.Statement.find((s) => s.Sid === sid)!;

    it("pulls only the models' repositories (deduplicated)", () => {
        expect(bySid("PullModelImages").Resource).to.deep.equal(["arn:aws:ecr:us-east-1:763104351884:repository/djl-inference"]);
        expect(bySid("PullModelImages").Action).to.not.include("ecr:*");
    });

    it("reads only the model artifacts: a prefix gets /*, a file stays exact", () => {
        expect(bySid("ReadModelArtifacts").Resource).to.deep.equal([
            "arn:aws:s3:::models/llama/*",
            "arn:aws:s3:::models/mistral/model.tar.gz",
        ]);
        const list = policy.Statement.find((s) => s.Action.includes("s3:ListBucket"))!;
        expect(list.Resource).to.equal("arn:aws:s3:::models");
        expect(list.Condition).to.deep.equal({ StringLike: { "s3:prefix": ["llama/*", "mistral/model.tar.gz"] } });
    });

    it("writes logs only to this endpoint's and these components' log groups", () => {
        expect(bySid("WriteLogs").Resource).to.deep.equal([
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/llm-dev",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/llm-dev:log-stream:*",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/InferenceComponents/llm-llama-8b-dev",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/InferenceComponents/llm-llama-8b-dev:log-stream:*",
        ]);
    });

    it("grants '*' resources only for actions AWS cannot scope, and never a wildcard action", () => {
        for (const statement of policy.Statement) {
            for (const action of statement.Action) {
                expect(action, statement.Sid).to.not.match(/\*/);
            }
            if (statement.Resource === "*") {
                for (const action of statement.Action) {
                    expect(ACTIONS_WITHOUT_RESOURCE_SCOPE as readonly string[], action).to.include(action);
                }
            }
        }
        expect(bySid("PublishSageMakerMetrics").Condition).to.deep.equal({
            StringLike: { "cloudwatch:namespace": ["/aws/sagemaker/*", "AWS/SageMaker"] },
        });
    });

    it("an existing model needs no image or S3 permissions", () => {
        const minimal = executionRolePolicy(ctx, "e", ["c"], [{ existingModelName: "m" }]);
        expect(minimal.Statement.map((s) => s.Sid)).to.deep.equal(["WriteLogs", "PublishSageMakerMetrics"]);
    });

    it("trust policy: only the service; the account condition only where the service documents it", () => {
        expect(serviceTrustPolicy("sagemaker.amazonaws.com")).to.deep.equal({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        expect(serviceTrustPolicy("scheduler.amazonaws.com", "123456789012")).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "scheduler.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
    });
});
