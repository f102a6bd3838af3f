import { expect } from "chai";
import { readStackFile } from "../../stackFile";
import { FakeSageMaker } from "../client/fakeSageMaker";
import { FakeEngine, runStack } from "./harness";

// The 2025 capacity features on the engine path: the dev stack program with fallback pools, a reservation, data
// cache, placement, a rolling update and two adapters, started as the CLI starts it. Asserted: what the engine
// receives for the endpoint config, the components and the wake-up alarm.

const RESERVATION = "arn:aws:sagemaker:us-east-1:123456789012:ml-reservation/r-0abc";

function capacityConfig(): Record<string, unknown> {
    const config = readStackFile("dev");
    const endpoint = config["scale-to-zero:endpoint"] as Record<string, unknown>;
    const components = config["scale-to-zero:inferenceComponents"] as Record<string, Record<string, unknown>>;
    const llama = components["llama-8b"];
    return {
        ...config,
        "scale-to-zero:endpoint": {
            ...endpoint,
            fallbackInstanceTypes: ["ml.g6.12xlarge", "ml.g5.12xlarge"],
            capacityReservation: { mlReservationArn: RESERVATION },
        },
        "scale-to-zero:inferenceComponents": {
            "llama-8b": {
                ...llama,
                dataCache: true,
                placement: { strategy: "BINPACK", maxAzImbalance: 1 },
                computeByInstanceType: { "ml.g6.12xlarge": { acceleratorCount: 2, memoryMiB: 32768, cpuCores: 4 } },
                rollingUpdate: { maximumBatchSize: { type: "CAPACITY_PERCENT", value: 50 }, waitIntervalSeconds: 120, rollbackAlarmNames: ["llm-latency-p99"] },
                adapters: { support: { artifactUrl: "s3://example-ml-artifacts/adapters/support.tar.gz" }, legal: { artifactUrl: "s3://example-ml-artifacts/adapters/legal.tar.gz" } },
            },
        },
    };
}

describe("capacity features on the engine path (cmd/run + fake engine)", function () {
    this.timeout(120_000);
    let sageMaker: FakeSageMaker;
    let engine: FakeEngine;

    before(async () => {
        sageMaker = await FakeSageMaker.start();
        engine = (await runStack("dev", { dryRun: false, awsEndpointUrl: sageMaker.url, config: capacityConfig() })).engine;
    });
    after(async () => sageMaker?.close());

    it("the variant carries instance pools in priority order instead of InstanceType, and the reservation", () => {
        const variant = (engine.named("llm-config").inputs.productionVariants as Record<string, unknown>[])[0];
        expect(variant.instanceType).to.equal(undefined);
        expect(variant.instancePools).to.deep.equal([
            { instanceType: "ml.g5.2xlarge", priority: 1 },
            { instanceType: "ml.g6.12xlarge", priority: 2 },
            { instanceType: "ml.g5.12xlarge", priority: 3 },
        ]);
        expect(variant.capacityReservationConfig).to.deep.equal({ mlReservationArn: RESERVATION, capacityReservationPreference: "capacity-reservations-only" });
    });

    it("the component has one specification per instance type, with its own compute, cache and placement", () => {
        const ic = engine.named("llm-llama-8b-ic").inputs;
        expect(ic.specification).to.equal(undefined);
        const specs = ic.specifications as Record<string, any>[];
        expect(specs.map((s) => s.instanceType)).to.deep.equal(["ml.g5.2xlarge", "ml.g6.12xlarge", "ml.g5.12xlarge"]);
        expect(specs.map((s) => s.computeResourceRequirements.numberOfAcceleratorDevicesRequired)).to.deep.equal([1, 2, 1]);
        expect(specs.map((s) => s.computeResourceRequirements.minMemoryRequiredInMb)).to.deep.equal([16384, 32768, 16384]);
        for (const s of specs) {
            expect(s.dataCacheConfig).to.deep.equal({ enableCaching: true });
            expect(s.schedulingConfig).to.deep.equal({ placementStrategy: "BINPACK", availabilityZoneBalance: { enforcementMode: "PERMISSIVE", maxImbalance: 1 } });
            expect(s.startupParameters).to.deep.equal({ modelDataDownloadTimeoutInSeconds: 900, containerStartupHealthCheckTimeoutInSeconds: 900 });
        }
    });

    it("the rolling update rolls back on the component's own wake-up and wake-failed alarms, named up front, and on the user's", () => {
        const ic = engine.named("llm-llama-8b-ic").inputs;
        expect(ic.deploymentConfig).to.deep.equal({
            rollingUpdatePolicy: { maximumBatchSize: { type: "CAPACITY_PERCENT", value: 50 }, waitIntervalInSeconds: 120 },
            autoRollbackConfiguration: {
                alarms: [{ alarmName: "llm-llama-8b-dev-wake-up" }, { alarmName: "llm-llama-8b-dev-wake-failed" }, { alarmName: "llm-latency-p99" }],
            },
        });
        expect(engine.named("llm-llama-8b-wake-up-alarm").inputs.name).to.equal("llm-llama-8b-dev-wake-up");
        expect(engine.named("llm-llama-8b-wake-failed-alarm").inputs.name).to.equal("llm-llama-8b-dev-wake-failed");
    });

    it("adapters name the base, carry only their artifacts, and get no copy count and no scalable target", () => {
        const base = engine.named("llm-llama-8b-ic");
        for (const key of ["support", "legal"]) {
            const adapter = engine.named(`llm-llama-8b-adapter-${key}`);
            expect(adapter.inputs.inferenceComponentName).to.equal(`llm-llama-8b-dev-${key}`);
            expect(adapter.inputs.specification).to.deep.equal({
                baseInferenceComponentName: "llm-llama-8b-dev",
                container: { artifactUrl: `s3://example-ml-artifacts/adapters/${key}.tar.gz` },
            });
            expect(adapter.inputs.runtimeConfig).to.equal(undefined);
            expect(adapter.options.dependencies).to.include(base.urn);
            expect(adapter.options.deleteBeforeReplace).to.equal(true);
        }
        const targets = engine.registrations.filter((r) => r.type === "aws:appautoscaling/target:Target").map((r) => r.name);
        expect(targets).to.deep.equal(["llm-llama-8b-target"]);
    });

    it("the execution role may read the adapters' artifacts", () => {
        const policy = JSON.parse(engine.named("llm-execution-policy").inputs.policy as string) as { Statement: { Action: string[]; Resource: string[] }[] };
        const readable = policy.Statement.filter((s) => s.Action.includes("s3:GetObject")).flatMap((s) => s.Resource);
        expect(readable).to.include.members([
            "arn:aws:s3:::example-ml-artifacts/adapters/support.tar.gz",
            "arn:aws:s3:::example-ml-artifacts/adapters/legal.tar.gz",
        ]);
    });
});
