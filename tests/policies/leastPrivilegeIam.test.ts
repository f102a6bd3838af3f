import { expect } from "chai";
import { ACTIONS_WITHOUT_RESOURCE_SCOPE, executionRolePolicy } from "../../components/iam";
import { TYPES } from "../../policies/lib/resources";
import { documentProblems, leastPrivilegeIam as policy } from "../../policies/leastPrivilegeIam";
import { ACCOUNT, iamDocument } from "./fixtures";
import { UNKNOWN_ARRAY, UNKNOWN_STRING, checkResource } from "./helpers";

const ROLE_POLICY = TYPES.iamRolePolicy;

function rolePolicy(...statements: Record<string, unknown>[]): Record<string, unknown> {
    return { role: "llm-exec-abc1234", policy: iamDocument(...statements) };
}

describe("policy least-privilege-iam", () => {
    it("is mandatory; only the component's unscopable actions may use Resource \"*\" by default", () => {
        expect(policy.enforcementLevel).to.equal("mandatory");
        expect(ACTIONS_WITHOUT_RESOURCE_SCOPE).to.deep.equal(["ecr:GetAuthorizationToken", "cloudwatch:PutMetricData"]);
        expect(policy.description).to.contain("ecr:GetAuthorizationToken, cloudwatch:PutMetricData");
    });

    it("passes the execution role policy the component generates", async () => {
        const document = executionRolePolicy(
            { partition: "aws", region: "us-east-1", accountId: ACCOUNT },
            "llm-dev",
            ["llm-llama-8b-dev"],
            [
                {
                    image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                    modelDataUrl: "s3://example-ml-artifacts/llama-3-1-8b-instruct/",
                },
            ],
        );
        const outcome = await checkResource(policy, ROLE_POLICY, { role: "r", policy: JSON.stringify(document) });
        expect(outcome.notApplicable).to.equal(undefined);
        expect(outcome.messages).to.deep.equal([]);
    });

    it("rejects Action \"*\" and service-wide actions", async () => {
        const outcome = await checkResource(
            policy,
            ROLE_POLICY,
            rolePolicy(
                { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket" },
                { Effect: "Allow", Action: ["s3:*", "s3:GetObject"], Resource: "arn:aws:s3:::bucket/*" },
            ),
        );
        expect(outcome.messages).to.deep.equal([
            'policy document: statement "Everything" grants "*", i.e. every action: list only the actions the workload needs (e.g. "s3:GetObject" instead of "s3:*").',
            'policy document: Statement[1] grants "s3:*", i.e. every action of a service: list only the actions the workload needs (e.g. "s3:GetObject" instead of "s3:*").',
        ]);
    });

    it("rejects a scopable action on Resource \"*\" and names only the offending actions", async () => {
        const outcome = await checkResource(
            policy,
            ROLE_POLICY,
            rolePolicy({ Sid: "Mixed", Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "s3:GetObject"], Resource: "*" }),
        );
        expect(outcome.messages).to.deep.equal([
            'policy document: statement "Mixed" grants "s3:GetObject" on Resource "*": scope it to the ARNs the workload uses ' +
                "(ECR repositories, S3 buckets/objects, log groups). Only ecr:GetAuthorizationToken, cloudwatch:PutMetricData " +
                'may use Resource "*"; move that action into a statement with specific resources.',
        ]);
    });

    it("allows exactly the unscopable actions on \"*\" (case-insensitive) and ignores Deny statements", async () => {
        const outcome = await checkResource(
            policy,
            ROLE_POLICY,
            rolePolicy(
                { Effect: "Allow", Action: "ECR:GetAuthorizationToken", Resource: "*" },
                { Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"] },
                { Effect: "Deny", Action: "*", Resource: "*" },
            ),
        );
        expect(outcome.messages).to.deep.equal([]);
    });

    it("rejects NotAction and NotResource in Allow statements", async () => {
        const outcome = await checkResource(
            policy,
            ROLE_POLICY,
            rolePolicy({ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:iam::*:role/admin" }),
        );
        expect(outcome.messages).to.deep.equal([
            "policy document: Statement[0] allows NotAction, which grants every other action: list the allowed actions in Action instead.",
            "policy document: Statement[0] allows NotResource, which grants every other resource: list the resource ARNs in Resource instead.",
        ]);
    });

    it("reads a single Statement object and a document given as an object", async () => {
        const single = await checkResource(policy, ROLE_POLICY, {
            policy: JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "sqs:*", Resource: "arn:aws:sqs:::q" } }),
        });
        expect(single.messages).to.have.length(1);
        expect(single.messages[0]).to.contain('Statement[0] grants "sqs:*"');
        const object = await checkResource(policy, ROLE_POLICY, {
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] },
        });
        expect(object.messages).to.have.length(1);
        expect(object.messages[0]).to.contain('grants "s3:GetObject" on Resource "*"');
    });

    it("reports a document that is not JSON", async () => {
        const outcome = await checkResource(policy, ROLE_POLICY, { policy: "{ not json" });
        expect(outcome.messages).to.deep.equal([
            "policy document: is not valid JSON, so it cannot be checked; pass a JSON policy document (e.g. JSON.stringify({...})).",
        ]);
    });

    it("checks managed policies (aws:iam/policy:Policy) and inline policies of roles", async () => {
        const managed = await checkResource(policy, TYPES.iamPolicy, {
            policy: iamDocument({ Effect: "Allow", Action: "sagemaker:*", Resource: "*" }),
        });
        expect(managed.messages).to.have.length(2);
        const role = await checkResource(policy, TYPES.iamRole, {
            assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
            inlinePolicies: [
                { name: "ok", policy: iamDocument({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) },
                { name: "wide", policy: iamDocument({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) },
            ],
        });
        expect(role.messages).to.have.length(1);
        expect(role.messages[0]).to.match(/^inline policy "wide": Statement\[0\] grants "logs:PutLogEvents" on Resource "\*"/);
    });

    it("passes a role without inline policies (its trust policy is not a permission policy)", async () => {
        const outcome = await checkResource(policy, TYPES.iamRole, {
            assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        });
        expect(outcome.notApplicable).to.equal(undefined);
        expect(outcome.messages).to.deep.equal([]);
    });

    it("lets the config allow more unscopable actions", async () => {
        const props = rolePolicy({ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" });
        expect((await checkResource(policy, ROLE_POLICY, props)).messages).to.have.length(1);
        const allowed = await checkResource(policy, ROLE_POLICY, props, { config: { additionalUnscopedActions: ["sts:GetCallerIdentity"] } });
        expect(allowed.messages).to.deep.equal([]);
    });

    it("skips documents and statements that are unknown during preview", async () => {
        expect((await checkResource(policy, ROLE_POLICY, { policy: UNKNOWN_STRING })).messages).to.deep.equal([]);
        expect((await checkResource(policy, TYPES.iamRole, { inlinePolicies: UNKNOWN_ARRAY })).messages).to.deep.equal([]);
        expect((await checkResource(policy, TYPES.iamRole, { inlinePolicies: [{ name: "x", policy: UNKNOWN_STRING }] })).messages).to.deep.equal([]);
        expect(documentProblems({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: UNKNOWN_STRING }] }, [])).to.deep.equal([]);
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, TYPES.endpointConfig, {});
        expect(outcome.notApplicable).to.equal(
            "Policy only applies to resources of type 'aws:iam/rolePolicy:RolePolicy', 'aws:iam/policy:Policy', 'aws:iam/role:Role'",
        );
    });
});
