import { expect } from "chai";
import { TYPES } from "../../policies/lib/resources";
import { productionColdStartWarning as policy } from "../../policies/productionColdStart";
import { endpointConfig, scalableTarget } from "./fixtures";
import { UNKNOWN_NUMBER, checkResource } from "./helpers";

const EC = TYPES.endpointConfig;
const TARGET = TYPES.scalableTarget;

describe("policy production-cold-start-warning", () => {
    it("is advisory and shares the dev-stack knobs", () => {
        expect(policy.enforcementLevel).to.equal("advisory");
        expect(Object.keys(policy.configSchema!.properties)).to.deep.equal(["devStackPatterns", "devStackTag"]);
    });

    it("warns about minInstanceCount 0 on a non-dev stack, with the expected delay and the fix", async () => {
        const outcome = await checkResource(policy, EC, endpointConfig(), { stack: "prod" });
        expect(outcome.messages).to.deep.equal([
            'productionVariants[0] ("AllTraffic"): managedInstanceScaling.minInstanceCount is 0 on non-dev stack "prod". ' +
                "When idle, every instance is released; the next request waits about 5-6 minutes (alarm ~1 min + new " +
                "instance ~2-3 min + model copy ~2 min) and gets errors until capacity is back. Set minInstanceCount to 1 " +
                "to keep an instance warm, or mark the stack as a dev stack (devStackPatterns / devStackTag) if that is acceptable.",
        ]);
    });

    it("warns about a copy-count target with minCapacity 0 on a non-dev stack", async () => {
        const outcome = await checkResource(policy, TARGET, scalableTarget(), { stack: "prod" });
        expect(outcome.messages).to.have.length(1);
        expect(outcome.messages[0]).to.contain('scalable target (inference-component/llm-llama-8b-dev): minCapacity is 0 on non-dev stack "prod"');
        expect(outcome.messages[0]).to.contain("Set minCapacity (scaling.minCopies) to 1");
    });

    it("is quiet for warm production settings (min 1) and for disabled managed scaling", async () => {
        for (const [type, props] of [
            [EC, endpointConfig({ minInstanceCount: 1 })],
            [EC, endpointConfig({ status: "DISABLED" })],
            [TARGET, scalableTarget({ minCapacity: 1 })],
        ] as const) {
            const outcome = await checkResource(policy, type, props, { stack: "prod" });
            expect(outcome.notApplicable).to.equal(undefined);
            expect(outcome.messages, JSON.stringify(props)).to.deep.equal([]);
        }
    });

    it("does not apply on dev stacks, by name or by tag", async () => {
        const byName = await checkResource(policy, EC, endpointConfig(), { stack: "dev" });
        expect(byName.notApplicable).to.equal('cold starts are expected on dev stacks (stack "dev" matches devStackPatterns entry "dev")');
        const byTag = await checkResource(policy, EC, endpointConfig(), {
            stack: "research",
            config: { devStackTag: "environment=dev" },
            stackTags: { environment: "dev" },
        });
        expect(byTag.notApplicable).to.equal(
            'cold starts are expected on dev stacks (stack "research" has tag environment=dev (devStackTag "environment=dev"))',
        );
    });

    it("ignores unknown minimums and other scalable dimensions", async () => {
        const unknown = await checkResource(policy, EC, endpointConfig({ minInstanceCount: UNKNOWN_NUMBER }), { stack: "prod" });
        expect(unknown.messages).to.deep.equal([]);
        const ecs = await checkResource(policy, TARGET, scalableTarget({ scalableDimension: "ecs:service:DesiredCount" }), { stack: "prod" });
        expect(ecs.notApplicable).to.equal("scalable dimension is not sagemaker:inference-component:DesiredCopyCount");
    });
});
