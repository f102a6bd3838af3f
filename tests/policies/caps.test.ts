import { expect } from "chai";
import { allowedInstanceTypes } from "../../policies/allowedInstanceTypes";
import { TYPES } from "../../policies/lib/resources";
import { maxCopyCount } from "../../policies/maxCopyCount";
import { maxInstanceCount } from "../../policies/maxInstanceCount";
import { endpointConfig, inferenceComponent, scalableTarget, variant } from "./fixtures";
import { UNKNOWN_NUMBER, UNKNOWN_STRING, checkResource } from "./helpers";

const EC = TYPES.endpointConfig;

function schemaDefault(policy: { configSchema?: { properties: Record<string, unknown> } }, key: string): unknown {
    return (policy.configSchema!.properties[key] as { default: unknown }).default;
}

describe("cap policies", () => {
    it("are advisory by default and document their knobs", () => {
        expect([maxInstanceCount, maxCopyCount, allowedInstanceTypes].map((p) => p.enforcementLevel)).to.deep.equal([
            "advisory",
            "advisory",
            "advisory",
        ]);
        expect(schemaDefault(maxInstanceCount, "maxInstanceCount")).to.equal(4);
        expect(schemaDefault(maxCopyCount, "maxCopyCount")).to.equal(8);
        expect(schemaDefault(allowedInstanceTypes, "allowedInstanceTypes")).to.deep.equal([]);
    });

    describe("max-instance-count", () => {
        it("passes up to the default cap of 4", async () => {
            const outcome = await checkResource(maxInstanceCount, EC, endpointConfig({ maxInstanceCount: 4 }));
            expect(outcome.messages).to.deep.equal([]);
        });

        it("flags maxInstanceCount and initialInstanceCount above the cap", async () => {
            const props = endpointConfig({}, {
                productionVariants: [variant({ initialInstanceCount: 6, managedInstanceScaling: { status: "ENABLED", minInstanceCount: 0, maxInstanceCount: 5 } })],
            });
            const outcome = await checkResource(maxInstanceCount, EC, props);
            expect(outcome.messages).to.deep.equal([
                'productionVariants[0] ("AllTraffic"): managedInstanceScaling.maxInstanceCount is 5, above the cap of 4 instances. ' +
                    "Lower it (scale-to-zero:endpoint.maxInstanceCount) or raise the policy's maxInstanceCount in the policy config if the spend is approved.",
                'productionVariants[0] ("AllTraffic"): initialInstanceCount is 6, above the cap of 4 instances. ' +
                    "Lower it (scale-to-zero:endpoint.initialInstanceCount) or raise the policy's maxInstanceCount in the policy config if the spend is approved.",
            ]);
        });

        it("uses the configured cap", async () => {
            const outcome = await checkResource(maxInstanceCount, EC, endpointConfig({ maxInstanceCount: 2 }), { config: { maxInstanceCount: 1 } });
            // initialInstanceCount 1 is within the cap of 1; maxInstanceCount 2 is not.
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain("managedInstanceScaling.maxInstanceCount is 2, above the cap of 1 instances");
        });

        it("skips unknown counts and other resource types", async () => {
            expect((await checkResource(maxInstanceCount, EC, endpointConfig({ maxInstanceCount: UNKNOWN_NUMBER }))).messages).to.deep.equal([]);
            expect((await checkResource(maxInstanceCount, TYPES.scalableTarget, scalableTarget())).notApplicable).to.equal(
                "Policy only applies to resources of type 'aws-native:sagemaker:EndpointConfig'",
            );
        });
    });

    describe("max-copy-count", () => {
        it("passes up to the default cap of 8", async () => {
            expect((await checkResource(maxCopyCount, TYPES.scalableTarget, scalableTarget({ maxCapacity: 8 }))).messages).to.deep.equal([]);
        });

        it("flags a copy-count target's maxCapacity above the cap", async () => {
            const outcome = await checkResource(maxCopyCount, TYPES.scalableTarget, scalableTarget({ maxCapacity: 12 }));
            expect(outcome.messages).to.deep.equal([
                "scalable target of inference-component/llm-llama-8b-dev: maxCapacity is 12, above the cap of 8 copies. Lower it " +
                    "(scale-to-zero:inferenceComponents.<key>.scaling.maxCopies) or raise the policy's maxCopyCount in the policy config if the spend is approved.",
            ]);
        });

        it("uses the configured cap, and checks an inference component's initial copy count too", async () => {
            const target = await checkResource(maxCopyCount, TYPES.scalableTarget, scalableTarget({ maxCapacity: 6 }), { config: { maxCopyCount: 4 } });
            expect(target.messages[0]).to.contain("maxCapacity is 6, above the cap of 4 copies");
            const ic = await checkResource(maxCopyCount, TYPES.inferenceComponent, inferenceComponent({ runtimeConfig: { copyCount: 9 } }));
            expect(ic.messages[0]).to.contain("runtimeConfig.copyCount is 9, above the cap of 8 copies");
        });

        it("does not apply to other scalable dimensions; skips unknown values", async () => {
            const ecs = await checkResource(maxCopyCount, TYPES.scalableTarget, scalableTarget({ scalableDimension: "ecs:service:DesiredCount", maxCapacity: 50 }));
            expect(ecs.notApplicable).to.equal("scalable dimension is not sagemaker:inference-component:DesiredCopyCount");
            const unknown = await checkResource(maxCopyCount, TYPES.scalableTarget, scalableTarget({ maxCapacity: UNKNOWN_NUMBER }));
            expect(unknown.messages).to.deep.equal([]);
        });
    });

    describe("allowed-instance-types", () => {
        it("does not apply while the list is empty (default)", async () => {
            const outcome = await checkResource(allowedInstanceTypes, EC, endpointConfig());
            expect(outcome.notApplicable).to.equal("allowedInstanceTypes is empty: every instance type is allowed");
        });

        it("accepts exact names and patterns, case-insensitively", async () => {
            for (const allowed of [["ml.g5.2xlarge"], ["ML.G5.2XLARGE"], ["ml.g5.*"], ["ml.p4d.24xlarge", "ml.g?.2xlarge"]]) {
                const outcome = await checkResource(allowedInstanceTypes, EC, endpointConfig(), { config: { allowedInstanceTypes: allowed } });
                expect(outcome.messages, allowed.join()).to.deep.equal([]);
            }
        });

        it("flags a type outside the list and names the allowed ones", async () => {
            const props = endpointConfig({}, { productionVariants: [variant({ instanceType: "ml.p4d.24xlarge" })] });
            const outcome = await checkResource(allowedInstanceTypes, EC, props, { config: { allowedInstanceTypes: ["ml.g5.*", "ml.g6.xlarge"] } });
            expect(outcome.messages).to.deep.equal([
                'productionVariants[0] ("AllTraffic") uses instance type "ml.p4d.24xlarge", which is not allowed ' +
                    "(allowedInstanceTypes: ml.g5.*, ml.g6.xlarge). Choose an allowed type (scale-to-zero:endpoint.instanceType) " +
                    'or add "ml.p4d.24xlarge" to the policy\'s allowedInstanceTypes.',
            ]);
        });

        it("treats pattern characters other than * and ? literally", async () => {
            const outcome = await checkResource(allowedInstanceTypes, EC, endpointConfig(), { config: { allowedInstanceTypes: ["ml+g5+2xlarge"] } });
            expect(outcome.messages).to.have.length(1);
        });

        it("skips an unknown instance type", async () => {
            const props = endpointConfig({}, { productionVariants: [variant({ instanceType: UNKNOWN_STRING })] });
            const outcome = await checkResource(allowedInstanceTypes, EC, props, { config: { allowedInstanceTypes: ["ml.g5.*"] } });
            expect(outcome.messages).to.deep.equal([]);
        });
    });
});
