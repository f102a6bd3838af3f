import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { expect } from "chai";
import { ChildProcess } from "child_process";
import * as fs from "fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import { allPolicies } from "../../policies/definitions";
import { TYPES } from "../../policies/lib/resources";
import { endpointConfig, inferenceComponent, scalableTarget, stepPolicy, targetTrackingPolicy, wakeUpAlarm } from "./fixtures";
import { pluginEnvironment, PortPrintingProcess, spawnPrintingPort, stopProcess, unary } from "../helpers/grpcProcess";
import { UNKNOWN_NUMBER, urnFor } from "./helpers";

/**
 * The pack as the Pulumi CLI runs it: `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> .` with the pack
 * folder as working directory (the .ts entry loads through ts-node, type-checked, with policies/tsconfig.json).
 * The pack prints its port; the test then speaks the Analyzer gRPC protocol to it, like the engine does.
 *
 * Checked: run-policy-pack drops the engine address argument, and the SDK only connects to an engine when
 * PULUMI_NODEJS_ENGINE is set (the CLI does not set it for policy packs), so no fake Engine server is needed; the
 * address below points at a closed port on purpose.
 */

const ROOT = path.join(__dirname, "..", "..");
const POLICIES_DIR = path.join(ROOT, "policies");
const RUN_POLICY_PACK = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
const PACK_VERSION = (JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "package.json"), "utf8")) as { version: string }).version;

const { ADVISORY, MANDATORY } = analyzer.EnforcementLevel;

/** Starts the pack from its folder with what the CLI's language host adds after the stack-configuration handshake. */
function startPack(): PortPrintingProcess {
    const env = pluginEnvironment({ PULUMI_NODEJS_PROJECT: "scale-to-zero", PULUMI_NODEJS_STACK: "dev", PULUMI_NODEJS_DRY_RUN: "true" });
    return spawnPrintingPort(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:1", "."], { cwd: POLICIES_DIR, env });
}

function analyzeRequest(type: string, name: string, props: Record<string, unknown>, stack = "dev"): analyzer.AnalyzeRequest {
    return new analyzer.AnalyzeRequest()
        .setType(type)
        .setName(name)
        .setUrn(urnFor(stack, type, name))
        .setProperties(Struct.fromJavaScript(props as never))
        .setOptions(new analyzer.AnalyzerResourceOptions());
}

function stackResource(type: string, name: string, props: Record<string, unknown>): analyzer.AnalyzerResource {
    return new analyzer.AnalyzerResource()
        .setType(type)
        .setName(name)
        .setUrn(urnFor("dev", type, name))
        .setProperties(Struct.fromJavaScript(props as never))
        .setOptions(new analyzer.AnalyzerResourceOptions());
}

interface Diagnostic {
    policy: string;
    level: analyzer.EnforcementLevel;
    message: string;
    urn: string;
}

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
    return response.getDiagnosticsList().map((d) => ({
        policy: d.getPolicyname(),
        level: d.getEnforcementlevel(),
        message: d.getMessage(),
        urn: d.getUrn(),
    }));
}

describe("policy pack over the analyzer engine protocol (run-policy-pack child process)", function () {
    // Start-up type-checks the pack and the component's iam.ts (which pulls in @pulumi/aws types): ~5-15 s.
    this.timeout(120_000);
    let child: ChildProcess;
    let client: AnalyzerClient;
    let stderr: () => string;

    before(async () => {
        const started = startPack();
        child = started.child; // assigned before waiting, so after() stops it even if start-up fails
        stderr = started.stderr;
        client = new AnalyzerClient(`127.0.0.1:${await started.port}`, grpc.credentials.createInsecure());
    });

    after(async () => {
        client?.close();
        await stopProcess(child);
    });

    it("getAnalyzerInfo reports the pack, its version, every policy with its level, kind and config schema", async () => {
        const info = await unary<analyzer.AnalyzerInfo>((cb) => client.getAnalyzerInfo(new Empty(), cb));
        expect(info.getName()).to.equal("scale-to-zero-guardrails");
        expect(info.getVersion()).to.equal(PACK_VERSION);
        expect(info.getSupportsconfig()).to.equal(true);
        const policies = info.getPoliciesList();
        expect(policies.map((p) => p.getName())).to.deep.equal(allPolicies.map((p) => p.name));
        expect(policies.map((p) => p.getEnforcementlevel())).to.deep.equal([
            MANDATORY, MANDATORY, MANDATORY, ADVISORY, ADVISORY, ADVISORY, ADVISORY, MANDATORY, ADVISORY,
        ]);
        const kinds = Object.fromEntries(policies.map((p) => [p.getName(), p.getPolicyType()]));
        expect(kinds["scale-to-zero-can-wake-up"]).to.equal(analyzer.PolicyType.POLICY_TYPE_STACK);
        expect(kinds["dev-stacks-scale-to-zero"]).to.equal(analyzer.PolicyType.POLICY_TYPE_RESOURCE);
        const schema = (name: string) =>
            policies.find((p) => p.getName() === name)!.getConfigschema()!.getProperties()!.toJavaScript() as Record<string, Record<string, unknown>>;
        expect(schema("dev-stacks-scale-to-zero").devStackPatterns.default).to.deep.equal(["dev", "dev-*", "*-dev"]);
        expect(schema("dev-stacks-scale-to-zero").devStackTag).to.deep.include({ type: "string", default: "" });
        expect(schema("max-instance-count").maxInstanceCount).to.deep.include({ type: "integer", default: 4, minimum: 1 });
        expect(schema("max-copy-count").maxCopyCount).to.deep.include({ type: "integer", default: 8 });
        expect(schema("allowed-instance-types").allowedInstanceTypes).to.deep.include({ type: "array", default: [] });
        expect(schema("least-privilege-iam").additionalUnscopedActions).to.deep.include({ type: "array", default: [] });
        expect(schema("scarce-gpu-scale-to-zero-without-fallback").scarceInstanceTypes.default).to.include("ml.p5.*");
        for (const p of policies) {
            expect(p.getDescription(), p.getName()).to.have.length.greaterThan(40);
        }
    });

    it("analyze: a dev endpoint config with minInstanceCount 1 gets a mandatory dev-stacks-scale-to-zero violation", async () => {
        const props = endpointConfig({ minInstanceCount: 1 });
        const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(TYPES.endpointConfig, "x", props), cb));
        const found = diagnostics(response);
        expect(found.map((d) => [d.policy, d.level])).to.deep.equal([["dev-stacks-scale-to-zero", MANDATORY]]);
        const description = allPolicies[0].description;
        expect(found[0].message).to.equal(
            `${description}\nproductionVariants[0] ("AllTraffic"): managedInstanceScaling.minInstanceCount is 1; dev stacks must ` +
                "scale to zero instances when idle. Set minInstanceCount to 0 (scale-to-zero:endpoint.minInstanceCount: 0 in " +
                'Pulumi.dev.yaml) (stack "dev" matches devStackPatterns entry "dev").',
        );
        const notApplicable = Object.fromEntries(response.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()]));
        expect(notApplicable["least-privilege-iam"]).to.equal(
            "Policy only applies to resources of type 'aws:iam/rolePolicy:RolePolicy', 'aws:iam/policy:Policy', 'aws:iam/role:Role'",
        );
        expect(notApplicable["production-cold-start-warning"]).to.equal(
            'cold starts are expected on dev stacks (stack "dev" matches devStackPatterns entry "dev")',
        );
    });

    it("analyze: a compliant dev endpoint config gets no diagnostics", async () => {
        const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(TYPES.endpointConfig, "x", endpointConfig()), cb));
        expect(diagnostics(response)).to.deep.equal([]);
    });

    it("analyze: an unknown minInstanceCount (preview) is neither a violation nor a can't-run diagnostic", async () => {
        const props = endpointConfig({ minInstanceCount: UNKNOWN_NUMBER });
        const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(TYPES.endpointConfig, "x", props), cb));
        expect(diagnostics(response)).to.deep.equal([]);
    });

    it("analyze: a scale-to-zero endpoint on a scarce GPU type without a fallback gets the scarce-GPU advisory", async () => {
        const props = endpointConfig();
        (props.productionVariants as Record<string, unknown>[])[0].instanceType = "ml.p5.48xlarge";
        const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(TYPES.endpointConfig, "x", props), cb));
        const found = diagnostics(response);
        expect(found.map((d) => [d.policy, d.level])).to.deep.equal([["scarce-gpu-scale-to-zero-without-fallback", ADVISORY]]);
        expect(found[0].message).to.contain('scales to zero instances on "ml.p5.48xlarge"');
    });

    it("analyze: minInstanceCount 0 on a prod stack gets only the advisory cold-start warning", async () => {
        const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(TYPES.endpointConfig, "x", endpointConfig(), "prod"), cb));
        const found = diagnostics(response);
        expect(found.map((d) => [d.policy, d.level])).to.deep.equal([["production-cold-start-warning", ADVISORY]]);
        expect(found[0].message).to.contain('minInstanceCount is 0 on non-dev stack "prod"');
    });

    describe("analyzeStack (resource outputs)", () => {
        const stack = (alarm: boolean) =>
            new analyzer.AnalyzeStackRequest().setResourcesList([
                stackResource(TYPES.inferenceComponent, "llm-llama-8b-ic", inferenceComponent()),
                stackResource(TYPES.scalableTarget, "llm-llama-8b-target", scalableTarget()),
                stackResource(TYPES.scalingPolicy, "llm-llama-8b-target-tracking", targetTrackingPolicy()),
                stackResource(TYPES.scalingPolicy, "llm-llama-8b-wake-up", stepPolicy()),
                ...(alarm ? [stackResource(TYPES.metricAlarm, "llm-llama-8b-wake-up-alarm", wakeUpAlarm())] : []),
            ]);

        it("a complete wake-up path passes", async () => {
            const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyzeStack(stack(true), cb));
            expect(diagnostics(response)).to.deep.equal([]);
        });

        it("without the wake-up alarm: a mandatory scale-to-zero-can-wake-up violation on the inference component", async () => {
            const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyzeStack(stack(false), cb));
            const found = diagnostics(response);
            expect(found.map((d) => [d.policy, d.level, d.urn])).to.deep.equal([
                ["scale-to-zero-can-wake-up", MANDATORY, urnFor("dev", TYPES.inferenceComponent, "llm-llama-8b-ic")],
            ]);
            expect(found[0].message).to.contain("there is no CloudWatch alarm on AWS/SageMaker NoCapacityInvocationFailures");
        });
    });

    describe("configuration from the engine (configure / configureStack)", () => {
        after(async () => {
            // Back to the pack's own levels and settings.
            await unary<unknown>((cb) => client.configure(new analyzer.ConfigureAnalyzerRequest(), cb));
            await unary<unknown>((cb) => client.configureStack(new analyzer.AnalyzerStackConfigureRequest().setStack("dev"), cb));
        });

        it("honours enforcement-level overrides, policy settings and stack tags", async () => {
            const configure = new analyzer.ConfigureAnalyzerRequest();
            configure.getPolicyconfigMap().set(
                "max-instance-count",
                new analyzer.PolicyConfig().setEnforcementlevel(MANDATORY).setProperties(Struct.fromJavaScript({ maxInstanceCount: 1 })),
            );
            configure.getPolicyconfigMap().set(
                "dev-stacks-scale-to-zero",
                new analyzer.PolicyConfig()
                    .setEnforcementlevel(ADVISORY)
                    .setProperties(Struct.fromJavaScript({ devStackPatterns: [], devStackTag: "environment=dev" })),
            );
            await unary<unknown>((cb) => client.configure(configure, cb));
            const stackConfig = new analyzer.AnalyzerStackConfigureRequest().setStack("team-a").setProject("scale-to-zero");
            stackConfig.getTagsMap().set("environment", "dev");
            await unary<unknown>((cb) => client.configureStack(stackConfig, cb));

            const props = endpointConfig({ minInstanceCount: 1 });
            const response = await unary<analyzer.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(TYPES.endpointConfig, "x", props, "team-a"), cb));
            const found = diagnostics(response);
            expect(found.map((d) => [d.policy, d.level])).to.deep.equal([
                ["dev-stacks-scale-to-zero", ADVISORY],
                ["max-instance-count", MANDATORY],
            ]);
            expect(found[0].message).to.contain('stack "team-a" has tag environment=dev (devStackTag "environment=dev")');
            expect(found[1].message).to.contain("managedInstanceScaling.maxInstanceCount is 2, above the cap of 1 instances");
            expect(stderr()).to.equal("");
        });
    });
});
