import { expect } from "chai";
import { argumentProblems } from "../helpers/argumentProblems";
import { INSTANCE_TYPES } from "../../components/limits/instanceTypes";
import { placementProblems } from "../../components/limits/placement";

const image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest";

const problemsOf = argumentProblems;

const copy = { path: "compute", acceleratorCount: 1, memoryMiB: 1024, cpuCores: 1, initialCopies: 1 };

describe("instance type table", () => {
    it("has the hardware of the types the stacks use, per the EC2 spec pages", () => {
        expect(INSTANCE_TYPES["ml.g5.12xlarge"]).to.deep.equal({ acceleratorCount: 4, acceleratorMemoryGiB: 96, memoryGiB: 192, vCpus: 48 });
        expect(INSTANCE_TYPES["ml.g5.2xlarge"]).to.deep.equal({ acceleratorCount: 1, acceleratorMemoryGiB: 24, memoryGiB: 32, vCpus: 8 });
        expect(INSTANCE_TYPES["ml.p5.48xlarge"].acceleratorCount).to.equal(8);
        expect(INSTANCE_TYPES["ml.m5.xlarge"].acceleratorCount).to.equal(0);
    });

    it("every row is consistent: accelerator memory only with accelerators, positive memory and vCPUs", () => {
        for (const [type, spec] of Object.entries(INSTANCE_TYPES)) {
            expect(type).to.match(/^ml\.[a-z0-9]+\.[a-z0-9]+$/);
            expect(spec.memoryGiB, type).to.be.greaterThan(0);
            expect(spec.vCpus, type).to.be.greaterThan(0);
            expect(spec.acceleratorMemoryGiB > 0, type).to.equal(spec.acceleratorCount > 0);
        }
    });
});

describe("placementProblems", () => {
    it("accepts a copy that fits", () => {
        expect(placementProblems("ml.g5.12xlarge", undefined, 1, [{ ...copy, acceleratorCount: 4, memoryMiB: 150_000, cpuCores: 40 }])).to.deep.equal([]);
    });

    it("rejects more accelerators, memory or vCPUs than one instance has, naming the field", () => {
        const problems = placementProblems("ml.g5.2xlarge", undefined, 2, [{ ...copy, acceleratorCount: 2, memoryMiB: 40_000, cpuCores: 9 }]);
        expect(problems).to.deep.equal([
            "compute.acceleratorCount 2 exceeds the 1 accelerator(s) of one ml.g5.2xlarge: a copy must fit on one instance",
            "compute.memoryMiB 40000 exceeds the 32768 MiB (32 GiB) of one ml.g5.2xlarge",
            "compute.cpuCores 9 exceeds the 8 vCPUs of one ml.g5.2xlarge",
        ]);
    });

    it("rejects accelerator copies on a CPU-only type", () => {
        expect(placementProblems("ml.m5.xlarge", undefined, 1, [copy])[0]).to.contain("ml.m5.xlarge has no accelerators (a CPU-only type)");
    });

    it("rejects an unknown type naming known types of its family and the override", () => {
        const [problem] = placementProblems("ml.g5.13xlarge", undefined, 1, [copy]);
        expect(problem).to.contain('instanceType "ml.g5.13xlarge" is not in the instance table');
        expect(problem).to.contain("ml.g5.12xlarge");
        expect(problem).to.contain("instanceTypeSpec");
    });

    it("accepts an unknown type when the override describes it", () => {
        const spec = { acceleratorCount: 8, acceleratorMemoryGiB: 1536, memoryGiB: 2048, vCpus: 192 };
        expect(placementProblems("ml.p6-b200.48xlarge", spec, 1, [{ ...copy, acceleratorCount: 8 }])).to.deep.equal([]);
    });

    it("sums the initial copies of all components against maxInstanceCount instances", () => {
        const a = { ...copy, path: "inferenceComponents.a.compute", acceleratorCount: 2, initialCopies: 2 };
        const b = { ...copy, path: "inferenceComponents.b.compute", acceleratorCount: 3 };
        expect(placementProblems("ml.g5.12xlarge", undefined, 1, [a, b])).to.deep.equal([
            "the initial copies of all components need 7 accelerators, more than maxInstanceCount 1 x 4 of ml.g5.12xlarge: raise maxInstanceCount or lower initialCopies",
        ]);
        expect(placementProblems("ml.g5.12xlarge", undefined, 2, [a, b])).to.deep.equal([]);
    });
});

describe("placement through validateScaleToZeroModelArgs", () => {
    const base = { instanceType: "ml.g5.2xlarge", model: { image } };

    it("names the component path of a copy that does not fit", () => {
        const problems = problemsOf({
            instanceType: "ml.g5.2xlarge",
            inferenceComponents: {
                small: { model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } },
                big: { model: { image }, compute: { acceleratorCount: 4, memoryMiB: 1024 } },
            },
        });
        expect(problems).to.deep.equal([
            "inferenceComponents.big.compute.acceleratorCount 4 exceeds the 1 accelerator(s) of one ml.g5.2xlarge: a copy must fit on one instance",
        ]);
    });

    it("validates the override itself", () => {
        const problems = problemsOf({ ...base, compute: { acceleratorCount: 1, memoryMiB: 1024 }, instanceTypeSpec: { acceleratorCount: -1, acceleratorMemoryGiB: 0, memoryGiB: 0, vCpus: 2.5 } });
        expect(problems).to.deep.equal([
            "instanceTypeSpec.acceleratorCount must be an integer >= 0 (got -1)",
            "instanceTypeSpec.memoryGiB must be a number > 0 (got 0)",
            "instanceTypeSpec.vCpus must be an integer >= 1 (got 2.5)",
        ]);
    });

    it("does not pile a placement message on top of an invalid compute value", () => {
        expect(problemsOf({ ...base, compute: { acceleratorCount: 0, memoryMiB: 1024 } })).to.deep.equal([
            "compute.acceleratorCount must be an integer >= 1 (got 0)",
        ]);
    });
});
