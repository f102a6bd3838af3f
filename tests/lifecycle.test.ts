import { expect } from "chai";
import { ScaleToZeroModelArgs } from "../components/args";
import { executionRolePolicy, propagationDelayMs } from "../components/iam";
import { chooseCopyCount } from "../components/liveCopyCount";
import { ScaleToZeroArgumentError, validateScaleToZeroModelArgs } from "../components/validate";

describe("chooseCopyCount (what an update sends as the write-only copy count)", () => {
    const rows: [string, Parameters<typeof chooseCopyCount>[0], number][] = [
        ["new component: initialCopies", undefined, 2],
        ["existing, idle: 0, no GPU started", { endpointName: "llm-dev", desiredCopyCount: 0 }, 0],
        ["existing, under load: autoscaling's 5", { endpointName: "llm-dev", desiredCopyCount: 5 }, 5],
        ["existing on another endpoint (a rename replaces it): initialCopies", { endpointName: "old", desiredCopyCount: 0 }, 2],
        ["existing without a desired count (still creating): initialCopies", { endpointName: "llm-dev" }, 2],
    ];
    for (const [label, live, expected] of rows) {
        it(label, () => expect(chooseCopyCount(live, "llm-dev", 2)).to.equal(expected));
    }
});

describe("propagationDelayMs (a new role ages before SageMaker gets it)", () => {
    const created = "2026-12-01T10:00:00Z";
    const at = (iso: string) => Date.parse(iso);
    it("waits the rest of the propagation time after create", () => {
        expect(propagationDelayMs(created, at("2026-12-01T10:00:04Z"), 15)).to.equal(11_000);
    });
    it("uses an older role at once", () => {
        expect(propagationDelayMs(created, at("2026-12-01T10:00:15Z"), 15)).to.equal(0);
        expect(propagationDelayMs(created, at("2026-12-02T10:00:00Z"), 15)).to.equal(0);
    });
    it("does not wait when the creation time is unknown or unparsable", () => {
        expect(propagationDelayMs(undefined, at(created), 15)).to.equal(0);
        expect(propagationDelayMs("yesterday", at(created), 15)).to.equal(0);
    });
});

describe("model data encrypted with KMS", () => {
    const ctx = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };
    const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    it("grants kms:Decrypt on exactly that key, only through S3 in the region", () => {
        const policy = executionRolePolicy(ctx, "e", ["c"], [{ image: "i", modelDataUrl: "s3://b/m/", modelDataKmsKeyArn: key }]);
        expect(policy.Statement.find((s) => s.Sid === "DecryptModelArtifacts")).to.deep.equal({
            Sid: "DecryptModelArtifacts",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [key],
            Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
        });
    });

    it("grants no KMS access without a key", () => {
        const policy = executionRolePolicy(ctx, "e", ["c"], [{ image: "i", modelDataUrl: "s3://b/m/" }]);
        expect(JSON.stringify(policy)).to.not.contain("kms:");
    });

    function problems(model: Record<string, unknown>): string[] {
        const args = { instanceType: "ml.g5.2xlarge", model, compute: { acceleratorCount: 1, memoryMiB: 1024 } };
        try {
            validateScaleToZeroModelArgs(args as unknown as ScaleToZeroModelArgs);
            return [];
        } catch (error) {
            expect(error).to.be.instanceOf(ScaleToZeroArgumentError);
            return [...(error as ScaleToZeroArgumentError).problems];
        }
    }

    it("accepts a key ARN with model data", () => {
        expect(problems({ image: "i", modelDataUrl: "s3://bucket/m/", modelDataKmsKeyArn: key })).to.deep.equal([]);
    });
    it("rejects an alias or a malformed ARN, naming the argument", () => {
        expect(problems({ image: "i", modelDataUrl: "s3://bucket/m/", modelDataKmsKeyArn: "alias/models" })[0]).to.contain(
            'model.modelDataKmsKeyArn must be a KMS key ARN like "arn:aws:kms:',
        );
    });
    it("rejects a key without model data", () => {
        expect(problems({ image: "i", modelDataKmsKeyArn: key })).to.deep.equal([
            "model.modelDataKmsKeyArn needs model.modelDataUrl: the key decrypts the model data",
        ]);
    });
    it("rejects a keepLiveCopyCount that is not a boolean", () => {
        const args = { instanceType: "ml.g5.2xlarge", model: { image: "i" }, compute: { acceleratorCount: 1, memoryMiB: 1024 }, scaling: { keepLiveCopyCount: "yes" } };
        expect(() => validateScaleToZeroModelArgs(args as unknown as ScaleToZeroModelArgs)).to.throw('scaling.keepLiveCopyCount must be true or false (got "yes")');
    });
});
