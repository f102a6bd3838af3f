import { expect } from "chai";
import { argumentProblems } from "./helpers/argumentProblems";
import { ScaleToZeroModelArgs } from "../components/args";
import { validateScaleToZeroModelArgs } from "../components/validate";

const valid: ScaleToZeroModelArgs = {
    instanceType: "ml.g5.12xlarge",
    model: { image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest" },
    compute: { acceleratorCount: 1, memoryMiB: 1024 },
};

const problemsOf = argumentProblems;

// Each row: a change to valid arguments and the message it must produce (naming the argument and the range).
const cases: [string, Record<string, unknown>, string][] = [
    ["min instances above max", { minInstanceCount: 3, maxInstanceCount: 2 }, "minInstanceCount (3) must not exceed maxInstanceCount (2)"],
    ["negative min instances", { minInstanceCount: -1 }, "minInstanceCount must be an integer >= 0 (got -1)"],
    ["fractional max instances", { maxInstanceCount: 1.5 }, "maxInstanceCount must be an integer from 1 to 100 (got 1.5)"],
    ["max instances 0", { maxInstanceCount: 0 }, "maxInstanceCount must be an integer from 1 to 100 (got 0)"],
    ["initial instances 0", { initialInstanceCount: 0 }, "initialInstanceCount must be an integer >= 1 (got 0)"],
    ["initial above max", { initialInstanceCount: 3, maxInstanceCount: 2 }, "initialInstanceCount (3) must not exceed maxInstanceCount (2)"],
    ["count given as a string", { maxInstanceCount: "2" }, 'maxInstanceCount must be an integer from 1 to 100 (got "2")'],
    ["bad instance type", { instanceType: "g5.12xlarge" }, 'instanceType must be a SageMaker instance type such as "ml.g5.12xlarge" (got "g5.12xlarge")'],
    ["unknown routing", { routingStrategy: "ROUND_ROBIN" }, 'routingStrategy must be one of LEAST_OUTSTANDING_REQUESTS, RANDOM (got "ROUND_ROBIN")'],
    ["variant download timeout too short", { modelDataDownloadTimeoutSeconds: 59 }, "modelDataDownloadTimeoutSeconds must be an integer from 60 to 3600 (got 59)"],
    ["variant health timeout too long", { containerStartupHealthCheckTimeoutSeconds: 3601 }, "containerStartupHealthCheckTimeoutSeconds must be an integer from 60 to 3600 (got 3601)"],
    ["component download timeout", { startup: { modelDataDownloadTimeoutSeconds: 10 } }, "startup.modelDataDownloadTimeoutSeconds must be an integer from 60 to 3600 (got 10)"],
    ["component health timeout", { startup: { containerStartupHealthCheckTimeoutSeconds: 4000 } }, "startup.containerStartupHealthCheckTimeoutSeconds must be an integer from 60 to 3600 (got 4000)"],
    ["endpoint name with underscore", { endpointName: "my_endpoint" }, 'endpointName may contain only letters, digits and hyphens, and must start and end with a letter or digit (got "my_endpoint")'],
    ["endpoint name too long", { endpointName: "a".repeat(64) }, "endpointName must be 1-63 characters long (got 64)"],
    ["component name ends with hyphen", { inferenceComponentName: "llama-" }, 'inferenceComponentName may contain only letters, digits and hyphens'],
    ["accelerators 0", { compute: { acceleratorCount: 0, memoryMiB: 1024 } }, "compute.acceleratorCount must be an integer >= 1 (got 0)"],
    ["accelerators missing", { compute: { memoryMiB: 1024 } }, "compute.acceleratorCount is required (an integer >= 1)"],
    ["memory below 128", { compute: { acceleratorCount: 1, memoryMiB: 64 } }, "compute.memoryMiB must be an integer >= 128 (got 64)"],
    ["cpu below 0.25", { compute: { acceleratorCount: 1, memoryMiB: 1024, cpuCores: 0.1 } }, "compute.cpuCores must be a number >= 0.25 (got 0.1)"],
    ["compute missing", { compute: undefined }, "compute is required: { acceleratorCount (>= 1), memoryMiB (>= 128), cpuCores? (>= 0.25) }"],
    ["model given twice", { model: { image: "x", existingModelName: "m" } }, "model: give either image or existingModelName, not both"],
    ["model with neither", { model: { environment: {} } }, "model: give either image (a new model) or existingModelName (an existing one)"],
    ["existing model with data url", { model: { existingModelName: "m", modelDataUrl: "s3://bucket/a.tar.gz" } }, "model: modelDataUrl and environment belong to a new model"],
    ["model data not in S3", { model: { image: "x", modelDataUrl: "https://example.com/a.tar.gz" } }, 'model.modelDataUrl must be an S3 URL like "s3://bucket/path/model.tar.gz" (an archive) or "s3://bucket/path/" (an uncompressed prefix) (got "https://example.com/a.tar.gz")'],
    ["environment value not a string", { model: { image: "x", environment: { N: 8192 } } }, "model.environment.N must be a string (got 8192); quote numbers and booleans"],
    ["min copies above max", { scaling: { minCopies: 3, maxCopies: 2 } }, "scaling.minCopies (3) must not exceed scaling.maxCopies (2)"],
    ["negative min copies", { scaling: { minCopies: -1 } }, "scaling.minCopies must be an integer >= 0 (got -1)"],
    ["fractional max copies", { scaling: { maxCopies: 2.5 } }, "scaling.maxCopies must be an integer from 1 to 1000 (got 2.5)"],
    ["max copies 0", { scaling: { maxCopies: 0 } }, "scaling.maxCopies must be an integer from 1 to 1000 (got 0)"],
    ["initial copies 0 (rejected by SageMaker at create)", { scaling: { initialCopies: 0 } }, "scaling.initialCopies must be an integer >= 1 (got 0)"],
    ["initial copies above max", { scaling: { initialCopies: 5, maxCopies: 4 } }, "scaling.initialCopies (5) must not exceed scaling.maxCopies (4)"],
    ["target 0", { scaling: { targetConcurrentRequestsPerCopy: 0 } }, "scaling.targetConcurrentRequestsPerCopy must be a number > 0 (got 0)"],
    ["target negative", { scaling: { targetConcurrentRequestsPerCopy: -2 } }, "scaling.targetConcurrentRequestsPerCopy must be a number > 0 (got -2)"],
    ["negative cooldown", { scaling: { scaleInCooldownSeconds: -5 } }, "scaling.scaleInCooldownSeconds must be an integer >= 0 (got -5)"],
    ["alarm period 45", { scaling: { wakeUpAlarmPeriodSeconds: 45 } }, "scaling.wakeUpAlarmPeriodSeconds must be 10, 20, 30 or a multiple of 60 up to 3600 seconds (got 45)"],
    ["reserved tag key", { tags: { "aws:owner": "me" } }, 'tags key "aws:owner" must be 1-128 characters and must not start with "aws:"'],
];

describe("validateScaleToZeroModelArgs", () => {
    it("accepts valid single-model arguments and normalizes them to one component keyed 'model'", () => {
        const components = validateScaleToZeroModelArgs(valid);
        expect(Object.keys(components)).to.deep.equal(["model"]);
        expect(components.model.compute).to.deep.equal({ acceleratorCount: 1, memoryMiB: 1024 });
    });

    for (const [title, change, message] of cases) {
        it(`rejects ${title}`, () => {
            const problems = problemsOf({ ...valid, ...change });
            expect(problems.join("\n")).to.contain(message);
        });
    }

    it("reports every problem at once, not only the first", () => {
        const problems = problemsOf({ ...valid, maxInstanceCount: 0, scaling: { targetConcurrentRequestsPerCopy: 0 } });
        expect(problems).to.have.length(2);
    });

    it("rejects a model declared both ways", () => {
        const problems = problemsOf({ ...valid, inferenceComponents: { a: { model: valid.model, compute: valid.compute } } });
        expect(problems[0]).to.equal("give either inferenceComponents or the single-model fields (model, compute), not both");
    });

    it("rejects no model at all", () => {
        expect(problemsOf({ instanceType: "ml.g5.xlarge" })[0]).to.contain("no model given: set model");
    });

    it("rejects an empty inferenceComponents map", () => {
        expect(problemsOf({ instanceType: "ml.g5.xlarge", inferenceComponents: {} })[0]).to.equal(
            "inferenceComponents must name at least one component",
        );
    });

    it("prefixes multi-component problems with the component key", () => {
        const problems = problemsOf({
            instanceType: "ml.g5.12xlarge",
            inferenceComponents: {
                good: { model: valid.model, compute: valid.compute },
                bad: { model: valid.model, compute: { acceleratorCount: 0, memoryMiB: 1024 } },
                "bad_key": { model: valid.model, compute: valid.compute },
            },
        });
        expect(problems).to.include("inferenceComponents.bad.compute.acceleratorCount must be an integer >= 1 (got 0)");
        expect(problems).to.include('inferenceComponents key "bad_key" may contain only letters, digits and hyphens');
    });

    it("the error message names the component and lists the problems", () => {
        expect(() => validateScaleToZeroModelArgs({ ...valid, maxInstanceCount: 0 }, 'ScaleToZeroModel "x": invalid arguments')).to.throw(
            'ScaleToZeroModel "x": invalid arguments:\n  - maxInstanceCount must be an integer from 1 to 100 (got 0)',
        );
    });
});
