import { expect } from "chai";
import { clientPolicyDocument, normalizeSageMakerArn } from "../../client";

const endpointArn = "arn:aws:sagemaker:us-east-1:111122223333:endpoint/llama-ep";
const inferenceComponentArn = "arn:aws:sagemaker:us-east-1:111122223333:inference-component/llama-ic";

describe("clientPolicyDocument", () => {
    it("default: invoke (+ stream) on the endpoint, Describe on the component, no wake", () => {
        expect(clientPolicyDocument({ endpointArn, inferenceComponentArn })).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "InvokeEndpoint",
                    Effect: "Allow",
                    Action: ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"],
                    Resource: [endpointArn],
                },
                { Sid: "WatchColdStart", Effect: "Allow", Action: ["sagemaker:DescribeInferenceComponent"], Resource: [inferenceComponentArn] },
            ],
        });
    });

    it("allowWake adds UpdateInferenceComponentRuntimeConfig on the component only", () => {
        const doc = clientPolicyDocument({ endpointArn, inferenceComponentArn, allowWake: true });
        expect(doc.Statement).to.have.length(3);
        expect(doc.Statement[2]).to.deep.equal({
            Sid: "WakeFromZero",
            Effect: "Allow",
            Action: ["sagemaker:UpdateInferenceComponentRuntimeConfig"],
            Resource: [inferenceComponentArn],
        });
    });

    it("allowWake false is the same as the default", () => {
        expect(clientPolicyDocument({ endpointArn, inferenceComponentArn, allowWake: false }))
            .to.deep.equal(clientPolicyDocument({ endpointArn, inferenceComponentArn }));
    });

    it("allowStreaming false leaves only InvokeEndpoint", () => {
        const doc = clientPolicyDocument({ endpointArn, inferenceComponentArn, allowStreaming: false });
        expect(doc.Statement[0].Action).to.deep.equal(["sagemaker:InvokeEndpoint"]);
    });

    it("never grants a wildcard action or resource, and every action is sagemaker:*", () => {
        const doc = clientPolicyDocument({ endpointArn, inferenceComponentArn, allowWake: true });
        const actions = doc.Statement.flatMap((s) => s.Action);
        const resources = doc.Statement.flatMap((s) => s.Resource);
        expect(actions.every((a) => /^sagemaker:[A-Za-z]+$/.test(a))).to.equal(true);
        expect(resources.some((r) => r === "*")).to.equal(false);
        expect(JSON.parse(JSON.stringify(doc))).to.deep.equal(doc); // plain JSON, ready for an IAM policy
    });

    it("lowercases the resource name, as SageMaker writes names into ARNs", () => {
        const doc = clientPolicyDocument({
            endpointArn: "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/My-Endpoint",
            inferenceComponentArn: "arn:aws:sagemaker:eu-west-1:111122223333:inference-component/My-IC",
        });
        expect(doc.Statement[0].Resource).to.deep.equal(["arn:aws:sagemaker:eu-west-1:111122223333:endpoint/my-endpoint"]);
        expect(doc.Statement[1].Resource).to.deep.equal(["arn:aws:sagemaker:eu-west-1:111122223333:inference-component/my-ic"]);
    });

    it("accepts other partitions", () => {
        expect(normalizeSageMakerArn("arn:aws-cn:sagemaker:cn-north-1:111122223333:endpoint/ep", "endpoint", "endpointArn"))
            .to.equal("arn:aws-cn:sagemaker:cn-north-1:111122223333:endpoint/ep");
    });

    const invalid: [string, Record<string, unknown>, RegExp][] = [
        ["the two ARNs swapped", { endpointArn: inferenceComponentArn, inferenceComponentArn: endpointArn }, /endpointArn must be arn:<partition>:sagemaker/],
        ["a name instead of an ARN", { endpointArn: "llama-ep", inferenceComponentArn }, /endpointArn must be/],
        ["another service", { endpointArn, inferenceComponentArn: "arn:aws:s3:::bucket/inference-component/x" }, /inferenceComponentArn must be/],
        ["allowWake as a string", { endpointArn, inferenceComponentArn, allowWake: "true" }, /allowWake must be a boolean/],
    ];
    for (const [label, args, message] of invalid) {
        it(`rejects ${label}`, () => expect(() => clientPolicyDocument(args as never)).to.throw(TypeError, message));
    }
});
