import { expect } from "chai";
import { devStacksScaleToZero } from "../../policies/devScaleToZero";
import { TYPES } from "../../policies/lib/resources";
import { COPY_COUNT, endpointConfig, scalableTarget, variant } from "./fixtures";
import { UNKNOWN_ARRAY, UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING, checkResource } from "./helpers";

const EC = TYPES.endpointConfig;
const TARGET = TYPES.scalableTarget;

describe("policy dev-stacks-scale-to-zero", () => {
    it("is mandatory and documents its dev-stack knobs with defaults", () => {
        expect(devStacksScaleToZero.enforcementLevel).to.equal("mandatory");
        const props = devStacksScaleToZero.configSchema!.properties as Record<string, { default?: unknown; description?: string }>;
        expect(props.devStackPatterns.default).to.deep.equal(["dev", "dev-*", "*-dev"]);
        expect(props.devStackTag.default).to.equal("");
        expect(props.devStackTag.description).to.contain("key=value");
    });

    describe("endpoint config on a dev stack", () => {
        it("passes when managed instance scaling is ENABLED with minInstanceCount 0", async () => {
            const outcome = await checkResource(devStacksScaleToZero, EC, endpointConfig());
            expect(outcome.notApplicable).to.equal(undefined);
            expect(outcome.messages).to.deep.equal([]);
        });

        it("rejects minInstanceCount 1 and says what to set, and why the stack is dev", async () => {
            const outcome = await checkResource(devStacksScaleToZero, EC, endpointConfig({ minInstanceCount: 1 }));
            expect(outcome.messages).to.have.length(1);
            const [message] = outcome.messages;
            expect(message).to.contain('productionVariants[0] ("AllTraffic"): managedInstanceScaling.minInstanceCount is 1');
            expect(message).to.contain("Set minInstanceCount to 0 (scale-to-zero:endpoint.minInstanceCount: 0 in Pulumi.dev.yaml)");
            expect(message).to.contain('stack "dev" matches devStackPatterns entry "dev"');
            expect(outcome.violations[0].urn).to.equal("urn:pulumi:dev::scale-to-zero::aws-native:sagemaker:EndpointConfig::endpointconfig");
        });

        it("rejects a status other than ENABLED", async () => {
            const outcome = await checkResource(devStacksScaleToZero, EC, endpointConfig({ status: "DISABLED" }));
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain('managedInstanceScaling.status is "DISABLED"; set it to "ENABLED"');
        });

        it("treats a missing minInstanceCount and status as violations (they must be explicit)", async () => {
            const props = endpointConfig({}, { productionVariants: [variant({ managedInstanceScaling: { maxInstanceCount: 2 } })] });
            const outcome = await checkResource(devStacksScaleToZero, EC, props);
            expect(outcome.messages).to.have.length(2);
            expect(outcome.messages[0]).to.contain("managedInstanceScaling.status is not set");
            expect(outcome.messages[1]).to.contain("managedInstanceScaling.minInstanceCount is not set");
        });

        it("checks every variant and labels each violation with its index and name", async () => {
            const props = endpointConfig({}, {
                productionVariants: [
                    variant({ variantName: "A" }),
                    variant({ variantName: "B", managedInstanceScaling: { status: "ENABLED", minInstanceCount: 2 } }),
                ],
            });
            const outcome = await checkResource(devStacksScaleToZero, EC, props);
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain('productionVariants[1] ("B"): managedInstanceScaling.minInstanceCount is 2');
        });

        it("ignores variants without managed instance scaling and configs without variants", async () => {
            const noScaling = endpointConfig({}, { productionVariants: [variant({ managedInstanceScaling: undefined })] });
            expect((await checkResource(devStacksScaleToZero, EC, noScaling)).messages).to.deep.equal([]);
            expect((await checkResource(devStacksScaleToZero, EC, {})).messages).to.deep.equal([]);
        });

        it("accepts numbers given as strings", async () => {
            const outcome = await checkResource(devStacksScaleToZero, EC, endpointConfig({ minInstanceCount: "0" }));
            expect(outcome.messages).to.deep.equal([]);
        });
    });

    describe("copy-count scalable target on a dev stack", () => {
        it("passes with minCapacity 0", async () => {
            const outcome = await checkResource(devStacksScaleToZero, TARGET, scalableTarget());
            expect(outcome.notApplicable).to.equal(undefined);
            expect(outcome.messages).to.deep.equal([]);
        });

        it("rejects minCapacity 1 and points at scaling.minCopies", async () => {
            const outcome = await checkResource(devStacksScaleToZero, TARGET, scalableTarget({ minCapacity: 1 }));
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain("scalable target of inference-component/llm-llama-8b-dev: minCapacity is 1");
            expect(outcome.messages[0]).to.contain("scaling.minCopies: 0");
        });

        it("rejects a missing minCapacity", async () => {
            const outcome = await checkResource(devStacksScaleToZero, TARGET, scalableTarget({ minCapacity: undefined }));
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain("minCapacity is not set");
        });

        it("does not apply to other scalable dimensions", async () => {
            const outcome = await checkResource(
                devStacksScaleToZero,
                TARGET,
                scalableTarget({ scalableDimension: "ecs:service:DesiredCount", minCapacity: 2 }),
            );
            expect(outcome.notApplicable).to.equal(`scalable dimension is not ${COPY_COUNT}`);
            expect(outcome.messages).to.deep.equal([]);
        });
    });

    describe("which stacks are dev stacks", () => {
        const bad = endpointConfig({ minInstanceCount: 1 });

        for (const stack of ["dev", "DEV", "dev-alice", "team-dev"]) {
            it(`applies to "${stack}" with the default patterns`, async () => {
                const outcome = await checkResource(devStacksScaleToZero, EC, bad, { stack });
                expect(outcome.notApplicable).to.equal(undefined);
                expect(outcome.messages).to.have.length(1);
            });
        }

        for (const stack of ["prod", "develop", "staging", "devtools-prod"]) {
            it(`does not apply to "${stack}" with the default patterns`, async () => {
                const outcome = await checkResource(devStacksScaleToZero, EC, bad, { stack });
                expect(outcome.notApplicable).to.equal(
                    `stack "${stack}" is not a dev stack (devStackPatterns ["dev","dev-*","*-dev"])`,
                );
                expect(outcome.messages).to.deep.equal([]);
            });
        }

        it("takes the stack from a URN with a parent type chain", async () => {
            const urn = "urn:pulumi:dev-bob::scale-to-zero::scale-to-zero:index:ScaleToZeroModel$aws-native:sagemaker:EndpointConfig::llm-config";
            const outcome = await checkResource(devStacksScaleToZero, EC, bad, { urn });
            expect(outcome.messages[0]).to.contain('stack "dev-bob" matches devStackPatterns entry "dev-*"');
        });

        it("uses configured patterns instead of the defaults", async () => {
            const config = { devStackPatterns: ["sandbox-*"] };
            const dev = await checkResource(devStacksScaleToZero, EC, bad, { stack: "dev", config });
            expect(dev.notApplicable).to.equal('stack "dev" is not a dev stack (devStackPatterns ["sandbox-*"])');
            const sandbox = await checkResource(devStacksScaleToZero, EC, bad, { stack: "sandbox-7", config });
            expect(sandbox.messages).to.have.length(1);
            expect(sandbox.messages[0]).to.contain('stack "sandbox-7" matches devStackPatterns entry "sandbox-*"');
        });

        it("recognises dev stacks by stack tag (key=value)", async () => {
            const config = { devStackPatterns: [], devStackTag: "environment=dev" };
            const tagged = await checkResource(devStacksScaleToZero, EC, bad, { stack: "team-a", config, stackTags: { environment: "Dev" } });
            expect(tagged.messages).to.have.length(1);
            expect(tagged.messages[0]).to.contain('stack "team-a" has tag environment=Dev (devStackTag "environment=dev")');
            const prod = await checkResource(devStacksScaleToZero, EC, bad, { stack: "team-a", config, stackTags: { environment: "prod" } });
            expect(prod.notApplicable).to.equal('stack "team-a" is not a dev stack (devStackTag "environment=dev")');
        });

        it("recognises dev stacks by the presence of a tag key", async () => {
            const config = { devStackTag: "ephemeral" };
            const outcome = await checkResource(devStacksScaleToZero, EC, bad, { stack: "pr-42", config, stackTags: { ephemeral: "true" } });
            expect(outcome.messages).to.have.length(1);
            const untagged = await checkResource(devStacksScaleToZero, EC, bad, { stack: "pr-42", config });
            expect(untagged.notApplicable).to.contain('stack "pr-42" is not a dev stack');
        });

        it("gives the same result with the full config the CLI sends (schema defaults filled in)", async () => {
            const config = { devStackPatterns: ["dev", "dev-*", "*-dev"], devStackTag: "" };
            const outcome = await checkResource(devStacksScaleToZero, EC, bad, { stack: "dev", config });
            expect(outcome.messages).to.have.length(1);
        });
    });

    describe("values unknown during preview", () => {
        it("skips an unknown minInstanceCount instead of failing or flagging it", async () => {
            const outcome = await checkResource(devStacksScaleToZero, EC, endpointConfig({ minInstanceCount: UNKNOWN_NUMBER }));
            expect(outcome.messages).to.deep.equal([]);
            expect(outcome.notApplicable).to.equal(undefined);
            expect(outcome.cannotRunDuringPreview).to.equal(undefined);
        });

        it("still reports the known problems next to unknown values", async () => {
            const outcome = await checkResource(
                devStacksScaleToZero,
                EC,
                endpointConfig({ status: UNKNOWN_STRING, minInstanceCount: 3 }),
            );
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain("minInstanceCount is 3");
        });

        it("skips unknown variant lists, unknown scaling blocks and unknown target fields", async () => {
            for (const [type, props] of [
                [EC, endpointConfig({}, { productionVariants: UNKNOWN_ARRAY })],
                [EC, endpointConfig({}, { productionVariants: [variant({ managedInstanceScaling: UNKNOWN_OBJECT })] })],
                [TARGET, scalableTarget({ minCapacity: UNKNOWN_NUMBER })],
                [TARGET, scalableTarget({ scalableDimension: UNKNOWN_STRING, minCapacity: 1 })],
            ] as const) {
                const outcome = await checkResource(devStacksScaleToZero, type, props);
                expect(outcome.messages, JSON.stringify(props)).to.deep.equal([]);
                expect(outcome.cannotRunDuringPreview).to.equal(undefined);
            }
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(devStacksScaleToZero, TYPES.inferenceComponent, { runtimeConfig: { copyCount: 1 } });
        expect(outcome.notApplicable).to.equal(
            "Policy only applies to resources of type 'aws-native:sagemaker:EndpointConfig', 'aws:appautoscaling/target:Target'",
        );
    });
});
