import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import fc from "fast-check";
import { ScaleToZeroModel, ScaleToZeroModelArgs } from "../../components";
import { INSTANCE_TYPES } from "../../components/limits/instanceTypes";
import { validateScaleToZeroModelArgs } from "../../components/validate";
import { runUnderMocks } from "../helpers/pulumiMocks";
import { expectClearRejection, RUNS } from "./helpers";

const image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest";
const valid: ScaleToZeroModelArgs = { instanceType: "ml.g5.12xlarge", model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } };

/** One bad argument set per class, with the argument path the error must name. */
const badArgs: fc.Arbitrary<[Record<string, unknown>, string]> = fc.oneof(
    // library misuse: null sub-objects, Outputs and Dates where plain values decide resources
    fc.constantFrom("scaling", "startup", "instanceScaleIn", "schedule", "compute").map((f) => [{ [f]: null }, f] as [Record<string, unknown>, string]),
    fc.constantFrom("instanceType", "endpointName", "minInstanceCount").map((f) => [{ [f]: pulumi.output("x") }, `${f} is an Output`] as [Record<string, unknown>, string]),
    fc.date({ noInvalidDate: true }).map((d) => [{ schedule: { timezone: "UTC", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)", startDate: d } }, "schedule.startDate is a Date object"] as [Record<string, unknown>, string]),
    // names and ARNs
    fc.stringMatching(/^[a-zA-Z0-9-]{0,3}[_ .][a-zA-Z0-9]{1,5}$/).map((n) => [{ endpointName: n }, "endpointName"] as [Record<string, unknown>, string]),
    fc.constantFrom("", "role/x", "arn:aws:iam::123:role/x", "arn:aws:iam::123456789012:user/x").map((arn) => [{ executionRoleArn: arn }, "executionRoleArn"] as [Record<string, unknown>, string]),
    // placement: more accelerators than any instance in the table, accelerators on CPU types
    fc.integer({ min: 17, max: 1000 }).map((n) => [{ compute: { acceleratorCount: n, memoryMiB: 1024 } }, "compute.acceleratorCount"] as [Record<string, unknown>, string]),
    fc.constantFrom(...Object.keys(INSTANCE_TYPES).filter((t) => INSTANCE_TYPES[t].acceleratorCount === 0)).map((t) => [{ instanceType: t }, "has no accelerators"] as [Record<string, unknown>, string]),
    fc.stringMatching(/^ml\.zz[0-9]\.[0-9]{1,2}xlarge$/).map((t) => [{ instanceType: t }, "instanceTypeSpec"] as [Record<string, unknown>, string]),
    // alarm periods
    fc.integer({ min: 1, max: 100_000 }).filter((p) => ![10, 20, 30].includes(p) && (p % 60 !== 0 || p > 3600)).map((p) => [{ scaling: { wakeUpAlarmPeriodSeconds: p } }, "scaling.wakeUpAlarmPeriodSeconds"] as [Record<string, unknown>, string]),
);

describe("fuzz: bad component arguments", () => {
    it("validateScaleToZeroModelArgs throws a ScaleToZeroArgumentError naming the argument", () => {
        fc.assert(fc.property(badArgs, ([change, key]) => void expectClearRejection(() => validateScaleToZeroModelArgs({ ...valid, ...change } as ScaleToZeroModelArgs), key)), RUNS);
    });

    it("the constructor rejects them before registering anything (under mocks)", async () => {
        const { mocks } = await runUnderMocks(() =>
            fc.assert(
                fc.property(badArgs, ([change, key]) => {
                    const message = expectClearRejection(() => new ScaleToZeroModel("fuzz", { ...valid, ...change } as ScaleToZeroModelArgs), key);
                    expect(message).to.match(/^ScaleToZeroModel "fuzz": invalid arguments:/);
                }),
                { numRuns: 15 },
            ),
        );
        expect(mocks.resources).to.deep.equal([]);
    });

    it("accepts every instance type of the table with a copy that fits it", () => {
        const gpuTypes = Object.keys(INSTANCE_TYPES).filter((t) => INSTANCE_TYPES[t].acceleratorCount > 0);
        fc.assert(
            fc.property(fc.constantFrom(...gpuTypes), fc.double({ min: 0.01, max: 1, noNaN: true }), (instanceType, share) => {
                const spec = INSTANCE_TYPES[instanceType];
                const compute = {
                    acceleratorCount: Math.max(1, Math.floor(spec.acceleratorCount * share)),
                    memoryMiB: Math.max(128, Math.floor(spec.memoryGiB * 1024 * share)),
                    cpuCores: Math.max(0.25, Math.min(spec.vCpus, Math.round(spec.vCpus * share * 4) / 4)),
                };
                expect(() => validateScaleToZeroModelArgs({ ...valid, instanceType, compute })).not.to.throw();
            }),
            RUNS,
        );
    });
});
