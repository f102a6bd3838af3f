import { expect } from "chai";
import { ScaleToZeroModelArgs } from "../../components/args";
import { ScaleToZeroModel } from "../../components";
import { argumentProblems } from "../helpers/argumentProblems";
import { runUnderMocks } from "../helpers/pulumiMocks";

// The capacity arguments reject bad input before anything is registered, naming the key and the allowed values,
// every problem at once.

const BASE = {
    instanceType: "ml.g5.2xlarge",
    model: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1" },
    compute: { acceleratorCount: 1, memoryMiB: 16384 },
};

function problems(extra: Record<string, unknown>): string[] {
    return argumentProblems({ ...BASE, ...extra } as unknown as ScaleToZeroModelArgs);
}

describe("capacity arguments: validation", () => {
    it("accepts every feature together", () => {
        expect(
            problems({
                fallbackInstanceTypes: ["ml.g6.12xlarge"],
                capacityReservation: { mlReservationArn: "arn:aws:sagemaker:us-east-1:123456789012:ml-reservation/r-1" },
                dataCache: true,
                placement: { strategy: "SPREAD" },
                computeByInstanceType: { "ml.g6.12xlarge": { acceleratorCount: 2, memoryMiB: 32768 } },
                rollingUpdate: { maximumBatchSize: { type: "COPY_COUNT", value: 2 }, rollbackAlarmNames: ["x"] },
                adapters: { a: { artifactUrl: "s3://bucket-a/adapters/a.tar.gz" } },
            }),
        ).to.deep.equal([]);
    });

    const cases: [string, Record<string, unknown>, string][] = [
        ["fallback not a list", { fallbackInstanceTypes: "ml.g6.12xlarge" }, "fallbackInstanceTypes must be a list of SageMaker instance types"],
        ["fallback bad type", { fallbackInstanceTypes: ["g6.12xlarge"] }, 'fallbackInstanceTypes[0] must be a SageMaker instance type such as "ml.g6e.12xlarge" (got "g6.12xlarge")'],
        ["fallback repeats instanceType", { fallbackInstanceTypes: ["ml.g5.2xlarge"] }, 'fallbackInstanceTypes[0] "ml.g5.2xlarge" is listed twice'],
        ["five fallbacks", { fallbackInstanceTypes: ["ml.g5.4xlarge", "ml.g5.8xlarge", "ml.g5.12xlarge", "ml.g5.24xlarge", "ml.g5.48xlarge"] }, "fallbackInstanceTypes allows at most 4 types"],
        ["fallback without room for a copy", { fallbackInstanceTypes: ["ml.g5.xlarge"], compute: { acceleratorCount: 1, memoryMiB: 20000 } }, "fallbackInstanceTypes: compute.memoryMiB 20000 exceeds the 16384 MiB (16 GiB) of one ml.g5.xlarge"],
        ["per-type compute without room", { fallbackInstanceTypes: ["ml.g5.12xlarge"], computeByInstanceType: { "ml.g5.12xlarge": { acceleratorCount: 8, memoryMiB: 1024 } } }, "fallbackInstanceTypes: computeByInstanceType.ml.g5.12xlarge.acceleratorCount 8 exceeds the 4 accelerator(s) of one ml.g5.12xlarge"],
        ["reservation ARN", { capacityReservation: { mlReservationArn: "r-1" } }, "capacityReservation.mlReservationArn must be an ML reservation ARN"],
        ["reservation preference", { capacityReservation: { mlReservationArn: "arn:aws:sagemaker:us-east-1:123456789012:ml-reservation/r", preference: "open" } }, 'capacityReservation.preference must be one of capacity-reservations-only (got "open")'],
        ["data cache string", { dataCache: "yes" }, 'dataCache must be true or false (got "yes")'],
        ["placement strategy", { placement: { strategy: "PACK" } }, 'placement.strategy must be one of SPREAD, BINPACK (got "PACK")'],
        ["placement missing strategy", { placement: {} }, "placement.strategy must be one of SPREAD, BINPACK (got undefined)"],
        ["az imbalance negative", { placement: { strategy: "SPREAD", maxAzImbalance: -1 } }, "placement.maxAzImbalance must be an integer >= 0"],
        ["compute for a non-fallback type", { computeByInstanceType: { "ml.g6.12xlarge": { acceleratorCount: 1, memoryMiB: 1024 } } }, "computeByInstanceType.ml.g6.12xlarge is not a fallback instance type (allowed: none: set fallbackInstanceTypes first"],
        ["batch percent 60", { rollingUpdate: { maximumBatchSize: { type: "CAPACITY_PERCENT", value: 60 } } }, "rollingUpdate.maximumBatchSize.value must be an integer from 5 to 50 (got 60)"],
        ["batch copies above max", { rollingUpdate: { maximumBatchSize: { type: "COPY_COUNT", value: 5 } } }, "rollingUpdate.maximumBatchSize.value must be an integer from 1 to 4 (got 5)"],
        ["batch type", { rollingUpdate: { maximumBatchSize: { type: "PERCENT", value: 5 } } }, "rollingUpdate.maximumBatchSize.type must be one of COPY_COUNT, CAPACITY_PERCENT"],
        ["wait interval", { rollingUpdate: { waitIntervalSeconds: 3601 } }, "rollingUpdate.waitIntervalSeconds must be an integer from 0 to 3600 (got 3601)"],
        ["execution timeout", { rollingUpdate: { maximumExecutionTimeoutSeconds: 300 } }, "rollingUpdate.maximumExecutionTimeoutSeconds must be an integer from 600 to 28800 (got 300)"],
        ["too many alarms", { rollingUpdate: { rollbackAlarmNames: Array.from({ length: 10 }, (_, i) => `a${i}`) } }, "rollingUpdate rolls back on 12 alarms (2 of the component's own + 10 rollbackAlarmNames); AWS allows at most 10"],
        ["empty alarm name", { rollingUpdate: { rollbackAlarmNames: [" "] } }, "rollingUpdate.rollbackAlarmNames[0] must be an alarm name of 1-255 characters"],
        ["adapter not an archive", { adapters: { a: { artifactUrl: "s3://bucket-a/adapters/" } } }, 'adapters.a.artifactUrl must end in .tar.gz (got "s3://bucket-a/adapters/")'],
        ["adapter not S3", { adapters: { a: { artifactUrl: "https://x/a.tar.gz" } } }, "adapters.a.artifactUrl must be an S3 URL"],
        ["adapter key", { adapters: { "a_b": { artifactUrl: "s3://bucket-a/a.tar.gz" } } }, 'adapters key "a_b" may contain only letters, digits and hyphens'],
        ["adapter name", { adapters: { a: { artifactUrl: "s3://bucket-a/a.tar.gz", inferenceComponentName: "x_y" } } }, "adapters.a.inferenceComponentName may contain only letters"],
    ];
    for (const [title, extra, expected] of cases) {
        it(`rejects ${title}`, () => {
            expect(problems(extra).join("\n")).to.contain(expected);
        });
    }

    it("10 user alarms are fine once the component's own are turned off", () => {
        expect(problems({ rollingUpdate: { rollBackOnOwnAlarms: false, rollbackAlarmNames: Array.from({ length: 10 }, (_, i) => `a${i}`) } })).to.deep.equal([]);
    });

    it("reports every capacity problem at once, in a multi-component map with its key", () => {
        const found = argumentProblems({
            instanceType: "ml.g5.2xlarge",
            fallbackInstanceTypes: ["bad"],
            inferenceComponents: { llama: { ...BASE, instanceType: undefined, dataCache: 1, placement: { strategy: "X" } } },
        } as unknown as ScaleToZeroModelArgs);
        expect(found.join("\n")).to.contain("fallbackInstanceTypes[0]").and.contain("inferenceComponents.llama.dataCache").and.contain("inferenceComponents.llama.placement.strategy");
    });

    it("an adapter name that clashes with a component's is rejected before anything is registered", async () => {
        const { result, mocks } = await runUnderMocks(() => {
            try {
                new ScaleToZeroModel("dup", {
                    instanceType: "ml.g5.2xlarge",
                    inferenceComponents: {
                        a: { model: BASE.model, compute: BASE.compute, inferenceComponentName: "same" },
                        b: { model: BASE.model, compute: BASE.compute, inferenceComponentName: "other", adapters: { x: { artifactUrl: "s3://bucket-a/x.tar.gz", inferenceComponentName: "same" } } },
                    },
                });
                return "created";
            } catch (error) {
                return (error as Error).message;
            }
        });
        expect(result).to.contain('inferenceComponents.b.adapters.x and inferenceComponents.a both use the inference component name "same"');
        expect(mocks.resources).to.have.length(0);
    });
});
