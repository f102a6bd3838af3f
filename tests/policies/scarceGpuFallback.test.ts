import { expect } from "chai";
import { allowedInstanceTypes } from "../../policies/allowedInstanceTypes";
import { TYPES } from "../../policies/lib/resources";
import { SCARCE_GPU_DEFAULTS, scarceGpuWithoutFallback as policy } from "../../policies/scarceGpuFallback";
import { variant } from "./fixtures";
import { UNKNOWN_ARRAY, checkResource } from "./helpers";

const EC = TYPES.endpointConfig;
const RESERVATION = { mlReservationArn: "arn:aws:sagemaker:us-east-1:123456789012:ml-reservation/r-1" };

function config(overrides: Record<string, unknown>, scaling: Record<string, unknown> = {}): Record<string, unknown> {
    const v = variant(overrides);
    return { productionVariants: [{ ...v, managedInstanceScaling: { ...(v.managedInstanceScaling as object), ...scaling } }] };
}

describe("policy scarce-gpu-scale-to-zero-without-fallback", () => {
    it("is advisory, with a configurable list whose default names the large GPU families", () => {
        expect(policy.enforcementLevel).to.equal("advisory");
        expect(SCARCE_GPU_DEFAULTS.scarceInstanceTypes).to.include("ml.p5.*").and.include("ml.p4d.*");
    });

    it("reports a scale-to-zero variant on a scarce type without a pool or a reservation", async () => {
        const outcome = await checkResource(policy, EC, config({ instanceType: "ml.p5.48xlarge" }));
        expect(outcome.messages).to.have.length(1);
        expect(outcome.messages[0]).to.contain('productionVariants[0] ("AllTraffic") scales to zero instances on "ml.p5.48xlarge"');
        expect(outcome.messages[0]).to.contain("Add endpoint.fallbackInstanceTypes or endpoint.capacityReservation");
    });

    it("is quiet with a second instance pool, a reservation, a warm instance, or a common type", async () => {
        const pools = { instanceType: undefined, instancePools: [{ instanceType: "ml.p5.48xlarge", priority: 1 }, { instanceType: "ml.p4d.24xlarge", priority: 2 }] };
        for (const props of [
            config(pools),
            config({ instanceType: "ml.p5.48xlarge", capacityReservationConfig: RESERVATION }),
            config({ instanceType: "ml.p5.48xlarge" }, { minInstanceCount: 1 }),
            config({ instanceType: "ml.g5.2xlarge" }),
        ]) {
            expect((await checkResource(policy, EC, props)).messages).to.deep.equal([]);
        }
    });

    it("reports a single pool of a scarce type (one pool is no fallback) and follows the configured list", async () => {
        const single = config({ instanceType: undefined, instancePools: [{ instanceType: "ml.p5.48xlarge", priority: 1 }] });
        expect((await checkResource(policy, EC, single)).messages).to.have.length(1);
        const custom = await checkResource(policy, EC, config({ instanceType: "ml.g5.2xlarge" }), { config: { scarceInstanceTypes: ["ml.g5.*"] } });
        expect(custom.messages).to.have.length(1);
    });

    it("does not guess while the pools are unknown (preview)", async () => {
        const outcome = await checkResource(policy, EC, config({ instanceType: undefined, instancePools: UNKNOWN_ARRAY }));
        expect(outcome.messages).to.deep.equal([]);
    });
});

describe("policy allowed-instance-types with instance pools", () => {
    it("checks every pool's type (a variant with pools has no instanceType)", async () => {
        const props = config({ instanceType: undefined, instancePools: [{ instanceType: "ml.g5.2xlarge", priority: 1 }, { instanceType: "ml.p5.48xlarge", priority: 2 }] });
        const outcome = await checkResource(allowedInstanceTypes, EC, props, { config: { allowedInstanceTypes: ["ml.g5.*"] } });
        expect(outcome.messages).to.have.length(1);
        expect(outcome.messages[0]).to.contain('uses instance type "ml.p5.48xlarge", which is not allowed');
    });
});
