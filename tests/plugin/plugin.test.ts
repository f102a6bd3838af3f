import * as grpc from "@grpc/grpc-js";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ConstructRequest, ConstructResponse, GetSchemaRequest, GetSchemaResponse } from "@pulumi/pulumi/proto/provider_pb";
import { expect } from "chai";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { COMPONENT_TYPES, PREVIOUS_COMPONENT_TYPES } from "../../components/typeTokens";
import { FakeEngine, Registration } from "../../preview/engine/fakeEngine";
import { offlineAwsEnvironment } from "../../preview/engine/languageHost";
import { decodeProperties, UNKNOWN } from "../../preview/engine/properties";
import { committedSchema, packageManifest } from "../../scripts/schema";
import { FakeSageMaker } from "../client/fakeSageMaker";
import { unary } from "../helpers/grpcProcess";
import { ensureLibraryBuilt, RunningPlugin, startPlugin } from "./pluginHost";

// The plugin as the CLI runs it (tests/plugin/pluginHost.ts), one process for the whole file: the first GetSchema
// or Construct builds a TypeScript program of the repository (~5 s), which later calls reuse.
//
// Construct is what the engine does when a Python/Go/.NET/Java/YAML program creates a ScaleToZeroModel: it sends Construct to the
// plugin with the inputs as the generated SDK serialized them (schema names), and the plugin registers the
// component and its children with the engine's resource monitor. Here the engine is the gRPC fake engine of the
// engine-path tests; the plugin runs as the CLI starts it, with the AWS SDK pointed at a fake SageMaker (the
// component reads the live copy count of existing inference components).

const PROJECT = "consumer";
const STACK = "dev";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const LMI = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128";

/** The inputs of examples/python (single-model shorthand, caller policy created), as the SDK sends them. */
const INPUTS = {
    instanceType: "ml.g5.2xlarge",
    maxInstanceCount: 2,
    model: { image: LMI, modelDataUrl: "s3://my-models/llama-3-1-8b-instruct/" },
    compute: { acceleratorCount: 1, memoryMiB: 16384 },
    scaling: { maxCopies: 2, idleTimeoutMinutes: 10 },
    callerPolicy: { create: true, allowWake: true },
};

/** The children examples/python's first model gets (single model, idle timeout, caller policy created). */
const EXAMPLE_CHILDREN = [
    "aws-native:sagemaker:Endpoint llm-endpoint",
    "aws-native:sagemaker:EndpointConfig llm-config",
    "aws-native:sagemaker:InferenceComponent llm-model-ic",
    "aws-native:sagemaker:Model llm-model-model",
    "aws:appautoscaling/policy:Policy llm-model-idle-scale-in",
    "aws:appautoscaling/policy:Policy llm-model-target-tracking",
    "aws:appautoscaling/policy:Policy llm-model-wake-up",
    "aws:appautoscaling/target:Target llm-model-target",
    "aws:cloudwatch/metricAlarm:MetricAlarm llm-model-idle-alarm",
    "aws:cloudwatch/metricAlarm:MetricAlarm llm-model-wake-up-alarm",
    "aws:cloudwatch/metricAlarm:MetricAlarm llm-model-wake-failed-alarm",
    "aws:cloudwatch/dashboard:Dashboard llm-dashboard",
    "aws:iam/policy:Policy llm-caller-policy",
    "aws:iam/role:Role llm-execution-role",
    "aws:iam/rolePolicy:RolePolicy llm-execution-policy",
].sort();

function constructRequest(
    engine: FakeEngine,
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    dryRun = false,
): ConstructRequest {
    const request = new ConstructRequest()
        .setProject(PROJECT)
        .setStack(STACK)
        .setOrganization("organization")
        .setDryrun(dryRun)
        .setParallel(16)
        .setMonitorendpoint(engine.address)
        .setType(type)
        .setName(name)
        .setParent(STACK_URN)
        .setInputs(Struct.fromJavaScript(inputs as never))
        .setAcceptsOutputValues(true);
    request.getConfigMap().set("aws:region", "us-east-1");
    return request;
}

function descendantsOf(engine: FakeEngine, urn: string): Registration[] {
    const children = engine.registrations.filter((r) => r.parent === urn);
    return children.flatMap((c) => [c, ...descendantsOf(engine, c.urn)]);
}

describe("component plugin started as the CLI starts it (run-plugin, gRPC)", function () {
    // Start-up loads dist/ (~3 s); the first GetSchema builds the TypeScript program (~5 s).
    this.timeout(120_000);
    let engine: FakeEngine;
    let sageMaker: FakeSageMaker;
    let plugin: RunningPlugin | undefined;

    before(async () => {
        ensureLibraryBuilt();
        engine = await FakeEngine.start({ project: PROJECT, stack: STACK, dryRun: false, region: "us-east-1" });
        sageMaker = await FakeSageMaker.start();
        plugin = await startPlugin(engine.address, offlineAwsEnvironment(sageMaker.url));
    });

    after(async () => {
        await plugin?.stop();
        await engine?.stop();
        await sageMaker?.close();
    });

    it("prints its port and answers GetPluginInfo with the package version", async () => {
        const info = await unary<PluginInfo>((cb) => plugin!.client.getPluginInfo(new Empty(), cb));
        expect(info.getVersion()).to.equal(packageManifest().version);
    });

    it("answers GetSchema with exactly the committed schema.json (run `npm run schema` after an args change)", async () => {
        const response = await unary<GetSchemaResponse>((cb) => plugin!.client.getSchema(new GetSchemaRequest().setVersion(0), cb));
        expect(JSON.parse(response.getSchema())).to.deep.equal(committedSchema());
        // Loading the plugin ran no stack program: nothing reached the engine.
        expect(engine.registrations).to.deep.equal([]);
    });

    describe("Construct: the plugin builds ScaleToZeroModel for another language's program", () => {
        let response: ConstructResponse;
        let component: Registration;

        before(async () => {
            response = await unary<ConstructResponse>((cb) =>
                plugin!.client.construct(constructRequest(engine, COMPONENT_TYPES.ScaleToZeroModel, "llm", INPUTS), cb),
            );
            component = engine.named("llm", COMPONENT_TYPES.ScaleToZeroModel);
        });

        it("answers with the component's URN in module index, under the caller's stack", () => {
            const urn = `urn:pulumi:${STACK}::${PROJECT}::scale-to-zero:index:ScaleToZeroModel::llm`;
            expect(response.getUrn()).to.equal(urn);
            expect(component.urn).to.equal(urn);
            expect(component.custom).to.equal(false);
            expect(component.parent).to.equal(STACK_URN);
        });

        it("registers the component with an alias to the previous token, so old stacks are not replaced", () => {
            // The SDK fills in the parent; only the type differs from the URN of a stack deployed before the change.
            expect(component.options.aliases).to.deep.equal([{ type: PREVIOUS_COMPONENT_TYPES.ScaleToZeroModel, parentUrn: STACK_URN }]);
        });

        it("registers every child under the component, named after it", () => {
            const tree = descendantsOf(engine, component.urn);
            const resources = tree.filter((r) => r.custom).map((r) => `${r.type} ${r.name}`).sort();
            expect(resources).to.deep.equal(EXAMPLE_CHILDREN);
            // Nothing else was registered: no stack program ran, no resource outside the component.
            const outside = engine.registrations.filter((r) => r !== component && !tree.includes(r) && !r.type.startsWith("pulumi:providers:"));
            expect(outside.map((r) => `${r.type} ${r.name}`)).to.deep.equal([]);
            for (const child of tree) {
                expect(child.urn, child.name).to.contain(`::scale-to-zero:index:ScaleToZeroModel$`);
            }
        });

        it("returns the outputs the schema declares, consistent with what was registered", () => {
            const state = decodeProperties((response.getState()?.toJavaScript() ?? {}) as Record<string, unknown>).values as Record<
                string,
                any
            >;
            const endpoint = engine.named("llm-endpoint");
            const ic = engine.named("llm-model-ic");
            expect(state.endpointName).to.be.a("string").and.equal(endpoint.inputs.endpointName);
            expect(state.endpointArn).to.equal(`arn:aws:sagemaker:us-east-1:123456789012:endpoint/${endpoint.inputs.endpointName as string}`);
            expect(state.inferenceComponentNames).to.deep.equal({ model: ic.inputs.inferenceComponentName });
            expect(state.inferenceComponents.model.maxCopies).to.equal(2);
            expect(state.callerPolicyArn).to.equal(engine.named("llm-caller-policy").outputs.arn);
            const callerPolicy = JSON.parse(state.callerPolicyJson as string) as { Statement: { Action: string[] }[] };
            expect(callerPolicy.Statement.flatMap((s) => s.Action)).to.include("sagemaker:UpdateInferenceComponentRuntimeConfig");
            expect(component.registeredOutputs?.endpointName).to.equal(state.endpointName);
        });

        it("builds ScaleToZeroQueue from the model's outputs (inputs with dependencies arrive as Outputs)", async () => {
            const modelState = decodeProperties((response.getState()?.toJavaScript() ?? {}) as Record<string, unknown>).values as Record<string, any>;
            const componentArn = modelState.inferenceComponents.model.inferenceComponentArn as string;
            const request = constructRequest(engine, COMPONENT_TYPES.ScaleToZeroQueue, "jobs", {
                endpointArn: modelState.endpointArn,
                inferenceComponentArns: [componentArn],
            });
            // What an SDK sends for `endpoint_arn=model.endpoint_arn`: the value and the resource it depends on.
            for (const key of ["endpointArn", "inferenceComponentArns"]) {
                request.getInputdependenciesMap().set(key, new ConstructRequest.PropertyDependencies().setUrnsList([component.urn]));
            }
            const queue = await unary<ConstructResponse>((cb) => plugin!.client.construct(request, cb));
            expect(queue.getUrn()).to.equal(`urn:pulumi:${STACK}::${PROJECT}::scale-to-zero:index:ScaleToZeroQueue::jobs`);
            const queueState = decodeProperties((queue.getState()?.toJavaScript() ?? {}) as Record<string, unknown>).values as Record<string, any>;
            const consumer = JSON.parse(queueState.consumerPolicyJson as string) as { Statement: { Resource: string[] }[] };
            expect(consumer.Statement.flatMap((st) => st.Resource)).to.include(componentArn).and.include(modelState.endpointArn);
            const registered = engine.named("jobs", COMPONENT_TYPES.ScaleToZeroQueue);
            expect(descendantsOf(engine, registered.urn).map((r) => r.name).sort()).to.deep.equal(
                ["jobs-dead-letters", "jobs-dead-letters-source", "jobs-requests", "jobs-results"],
            );
        });

        it("in a preview (dryRun) registers the same resources and answers computed outputs as unknown", async () => {
            const preview = await FakeEngine.start({ project: PROJECT, stack: STACK, dryRun: true, region: "us-east-1" });
            try {
                const answer = await unary<ConstructResponse>((cb) =>
                    plugin!.client.construct(constructRequest(preview, COMPONENT_TYPES.ScaleToZeroModel, "llm", INPUTS, true), cb),
                );
                expect(answer.getUrn()).to.equal(response.getUrn());
                const children = preview.registrations.filter((r) => r.custom).map((r) => `${r.type} ${r.name}`).sort();
                expect(children).to.deep.equal(EXAMPLE_CHILDREN);
                const state = decodeProperties((answer.getState()?.toJavaScript() ?? {}) as Record<string, unknown>).values;
                // SageMaker returns the endpoint ARN on create; a preview of a new stack cannot know it.
                expect(state.endpointArn).to.equal(UNKNOWN);
            } finally {
                await preview.stop();
            }
        });

        it("rejects bad arguments with one error naming each of them, and registers nothing", async () => {
            const bad = {
                ...INPUTS,
                routingStrategy: "FASTEST",
                compute: { acceleratorCount: 0, memoryMiB: 16384 },
                scaling: { minCopies: 3, maxCopies: 2 },
            };
            const before = engine.registrations.length;
            const error = await unary<ConstructResponse>((cb) =>
                plugin!.client.construct(constructRequest(engine, COMPONENT_TYPES.ScaleToZeroModel, "bad", bad), cb),
            ).then(
                () => undefined,
                (err: grpc.ServiceError) => err,
            );
            expect(error, "Construct should fail").to.not.equal(undefined);
            expect(error!.details).to.contain('ScaleToZeroModel "bad": invalid arguments');
            expect(error!.details).to.contain("routingStrategy must be one of LEAST_OUTSTANDING_REQUESTS, RANDOM");
            expect(error!.details).to.contain("compute.acceleratorCount");
            expect(error!.details).to.contain("scaling.minCopies");
            expect(engine.registrations.slice(before).map((r) => r.name)).to.deep.equal([]);
        });
    });
});
