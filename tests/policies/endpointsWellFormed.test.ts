import { expect } from "chai";
import { inferenceComponentEndpointsWellFormed as policy } from "../../policies/endpointsWellFormed";
import { TYPES } from "../../policies/lib/resources";
import { endpointConfig, inferenceComponent, variant } from "./fixtures";
import { UNKNOWN_ARRAY, UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING, checkResource } from "./helpers";

const EC = TYPES.endpointConfig;
const IC = TYPES.inferenceComponent;

describe("policy inference-component-endpoints-well-formed", () => {
    it("is mandatory", () => {
        expect(policy.enforcementLevel).to.equal("mandatory");
    });

    describe("endpoint config", () => {
        it("passes an inference-component config: managed scaling, execution role, no model on the variant", async () => {
            const outcome = await checkResource(policy, EC, endpointConfig());
            expect(outcome.notApplicable).to.equal(undefined);
            expect(outcome.messages).to.deep.equal([]);
        });

        it("rejects a missing or empty executionRoleArn", async () => {
            for (const top of [{ executionRoleArn: undefined }, { executionRoleArn: "" }]) {
                const outcome = await checkResource(policy, EC, endpointConfig({}, top));
                expect(outcome.messages).to.have.length(1);
                expect(outcome.messages[0]).to.equal(
                    'endpoint config has no executionRoleArn, but productionVariants[0] ("AllTraffic") use managed instance ' +
                        "scaling, which makes it an inference-component endpoint: set executionRoleArn to a role SageMaker can " +
                        "assume to pull the models' images and data (ScaleToZeroModel creates a least-privilege one unless " +
                        "endpoint.executionRoleArn is given).",
                );
            }
        });

        it("rejects a modelName on a variant with managed instance scaling", async () => {
            const props = endpointConfig({}, { productionVariants: [variant({ modelName: "my-model" })] });
            const outcome = await checkResource(policy, EC, props);
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain('productionVariants[0] ("AllTraffic") sets modelName "my-model"');
            expect(outcome.messages[0]).to.contain("Remove modelName and deploy the model as an aws-native.sagemaker.InferenceComponent");
        });

        it("treats a config whose variants name no model as an inference-component config (needs a role)", async () => {
            const props = { productionVariants: [variant({ managedInstanceScaling: undefined })] };
            const outcome = await checkResource(policy, EC, props);
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain('but productionVariants[0] ("AllTraffic") name no model');
        });

        it("does not apply to classic model-variant and serverless configs", async () => {
            const classic = { productionVariants: [variant({ managedInstanceScaling: undefined, modelName: "m" })] };
            const serverless = { productionVariants: [{ variantName: "s", serverlessConfig: { maxConcurrency: 1, memorySizeInMb: 2048 } }] };
            for (const props of [classic, serverless]) {
                const outcome = await checkResource(policy, EC, props);
                expect(outcome.notApplicable).to.equal(
                    "not an inference-component endpoint config (every variant names a model, none uses managed instance scaling)",
                );
            }
        });

        it("skips values unknown during preview", async () => {
            for (const props of [
                endpointConfig({}, { executionRoleArn: UNKNOWN_STRING }),
                endpointConfig({}, { productionVariants: UNKNOWN_ARRAY }),
                endpointConfig({}, { productionVariants: [variant({ modelName: UNKNOWN_STRING })] }),
                endpointConfig({}, { productionVariants: [variant({ managedInstanceScaling: UNKNOWN_OBJECT, modelName: "m" })] }),
            ]) {
                const outcome = await checkResource(policy, EC, props);
                expect(outcome.messages, JSON.stringify(props)).to.deep.equal([]);
                expect(outcome.cannotRunDuringPreview).to.equal(undefined);
            }
        });
    });

    describe("inference component", () => {
        it("passes copyCount 1 (and more, and numeric strings), and 0 (an update of an idle component)", async () => {
            for (const copyCount of [1, 3, "2", 0]) {
                const outcome = await checkResource(policy, IC, inferenceComponent({ runtimeConfig: { copyCount } }));
                expect(outcome.messages, String(copyCount)).to.deep.equal([]);
            }
        });

        it("rejects a negative copyCount with the reason and the fix", async () => {
            const outcome = await checkResource(policy, IC, inferenceComponent({ runtimeConfig: { copyCount: -1 } }));
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain("runtimeConfig.copyCount is -1: give a whole number of copies, 1 (or more) at create");
            expect(outcome.messages[0]).to.contain("SageMaker rejects creating it with 0 copies");
        });

        it("rejects a missing runtimeConfig and fractional copy counts", async () => {
            const missing = await checkResource(policy, IC, inferenceComponent({ runtimeConfig: undefined }));
            expect(missing.messages[0]).to.contain("runtimeConfig.copyCount is not set");
            const fraction = await checkResource(policy, IC, inferenceComponent({ runtimeConfig: { copyCount: 1.5 } }));
            expect(fraction.messages[0]).to.contain("runtimeConfig.copyCount is 1.5");
        });

        it("does not require a copy count on adapter components (they share their base's copies)", async () => {
            const adapter = inferenceComponent({
                runtimeConfig: undefined,
                specification: { baseInferenceComponentName: "llm-base", container: { artifactUrl: "s3://b/adapter/" } },
            });
            expect((await checkResource(policy, IC, adapter)).messages).to.deep.equal([]);
        });

        it("skips an unknown copy count", async () => {
            const outcome = await checkResource(policy, IC, inferenceComponent({ runtimeConfig: { copyCount: UNKNOWN_NUMBER } }));
            expect(outcome.messages).to.deep.equal([]);
            expect(outcome.cannotRunDuringPreview).to.equal(undefined);
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, TYPES.scalableTarget, { minCapacity: 0 });
        expect(outcome.notApplicable).to.equal(
            "Policy only applies to resources of type 'aws-native:sagemaker:EndpointConfig', 'aws-native:sagemaker:InferenceComponent'",
        );
    });
});
