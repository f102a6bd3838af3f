import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SCALE_TO_ZERO_MODEL_TYPE } from "../../components/scaleToZeroModel";
import { readStackFile } from "../../stackFile";
import { FakeSageMaker } from "../client/fakeSageMaker";
import { FakeEngine, programLocation, readProject, Registration, ROOT, runProgram, runStack, UNKNOWN } from "./harness";

// The stack program as `pulumi up` / `pulumi preview` start it (cmd/run through the language host's arguments and
// environment), against the gRPC fake engine. What is asserted is what the engine receives: resources, parents,
// dependencies and the options that decide replacement order.

const STACK = "pulumi:pulumi:Stack";
const T = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    model: "aws-native:sagemaker:Model",
    config: "aws-native:sagemaker:EndpointConfig",
    endpoint: "aws-native:sagemaker:Endpoint",
    ic: "aws-native:sagemaker:InferenceComponent",
    target: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    schedule: "aws:scheduler/schedule:Schedule",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
};

function inventory(engine: FakeEngine): string[] {
    return engine.registrations.map((r) => `${r.type} ${r.name}`).sort();
}

function componentResources(component: string): string[] {
    return [
        `${T.model} llm-${component}-model`,
        `${T.ic} llm-${component}-ic`,
        `${T.target} llm-${component}-target`,
        `${T.scalingPolicy} llm-${component}-target-tracking`,
        `${T.scalingPolicy} llm-${component}-wake-up`,
        `${T.alarm} llm-${component}-wake-up-alarm`,
        `${T.alarm} llm-${component}-wake-failed-alarm`,
    ];
}

const COMMON = [
    `${STACK} scale-to-zero-dev`,
    `${SCALE_TO_ZERO_MODEL_TYPE} llm`,
    `${T.role} llm-execution-role`,
    `${T.rolePolicy} llm-execution-policy`,
    `${T.config} llm-config`,
    `${T.endpoint} llm-endpoint`,
    `${T.dashboard} llm-dashboard`,
];

const DEV = [
    ...COMMON,
    ...componentResources("llama-8b"),
    `${T.scalingPolicy} llm-llama-8b-idle-scale-in`,
    `${T.alarm} llm-llama-8b-idle-alarm`,
    `${T.role} llm-scheduler-role`,
    `${T.rolePolicy} llm-scheduler-policy`,
    `${T.schedule} llm-llama-8b-schedule-off`,
    `${T.schedule} llm-llama-8b-schedule-on`,
    `${T.policy} llm-caller-policy`,
].sort();

const PROD = [...COMMON.map((r) => r.replace("scale-to-zero-dev", "scale-to-zero-prod")), ...componentResources("llama-8b"), ...componentResources("mistral-7b")].sort();

describe("stack program on the engine path (cmd/run + fake engine over gRPC)", function () {
    this.timeout(120_000);
    let sageMaker: FakeSageMaker;
    let devUp: FakeEngine;
    let devPreview: FakeEngine;
    let prodUp: FakeEngine;

    before(async () => {
        sageMaker = await FakeSageMaker.start();
        const awsEndpointUrl = sageMaker.url;
        // The preview is type-checked by ts-node exactly as the CLI runs it; the others skip the check (tsc ran).
        devPreview = (await runStack("dev", { dryRun: true, transpileOnly: false, awsEndpointUrl })).engine;
        devUp = (await runStack("dev", { dryRun: false, awsEndpointUrl })).engine;
        prodUp = (await runStack("prod", { dryRun: false, awsEndpointUrl })).engine;
    });

    after(async () => sageMaker?.close());

    describe("entry point", () => {
        it("Pulumi.yaml names the stack program, so the language host does not fall back to package.json exports", () => {
            expect(readProject(ROOT).main).to.equal("index.ts");
            expect(programLocation(ROOT, "index.ts")).to.deep.equal({ pwd: ROOT, entryPoint: "index.ts" });
            expect(programLocation(ROOT, undefined)).to.deep.equal({ pwd: ROOT, entryPoint: "." });
        });

        it("without main, cmd/run runs exports['.'] (the library) and registers only the stack", async () => {
            // A copy of the project whose Pulumi.yaml lacks `main`: what `pulumi up` did before the fix.
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stz-nomain-"));
            try {
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: scale-to-zero\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
                fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
                for (const link of ["node_modules", "dist", "index.ts", "tsconfig.json"]) {
                    fs.symlinkSync(path.join(ROOT, link), path.join(dir, link));
                }
                const r = await runProgram({ root: dir, stack: "dev", config: {}, dryRun: true, transpileOnly: true });
                expect(r.exitCode).to.equal(0);
                expect(inventory(r.engine)).to.deep.equal([`${STACK} scale-to-zero-dev`]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("resource sets", () => {
        it("dev: every resource, in preview and update alike", () => {
            expect(inventory(devUp)).to.deep.equal(DEV);
            expect(inventory(devPreview)).to.deep.equal(DEV);
        });

        it("prod: two components on one endpoint, no schedule, idle timeout or caller policy", () => {
            expect(inventory(prodUp)).to.deep.equal(PROD);
        });

        it("every resource is a child of the component, the component a child of the stack", () => {
            for (const engine of [devUp, prodUp]) {
                const stack = engine.ofType(STACK)[0];
                const component = engine.ofType(SCALE_TO_ZERO_MODEL_TYPE)[0];
                expect(stack.parent).to.equal("");
                expect(component.parent).to.equal(stack.urn);
                for (const r of engine.registrations.filter((x) => x !== stack && x !== component)) {
                    expect(r.parent, r.name).to.equal(component.urn);
                    expect(r.urn).to.equal(`urn:pulumi:${stack.name.replace("scale-to-zero-", "")}::scale-to-zero::${SCALE_TO_ZERO_MODEL_TYPE}$${r.type}::${r.name}`);
                }
            }
        });

        it("the component carries an alias to its previous type token, so existing stacks are renamed, not replaced", () => {
            const component = devUp.ofType(SCALE_TO_ZERO_MODEL_TYPE)[0];
            expect(component.options.aliases).to.deep.equal([
                { type: "scale-to-zero:sagemaker:ScaleToZeroModel", parentUrn: devUp.ofType(STACK)[0].urn },
            ]);
            // Children take no alias of their own: the engine derives theirs from the parent's.
            for (const child of devUp.registrations.filter((r) => r.parent === component.urn)) {
                expect(child.options.aliases, child.name).to.deep.equal([]);
            }
        });

        it("the preview completes with nothing but unknowns where a provider computes values", () => {
            expect(devPreview.logs.filter((l) => l.severity === "error")).to.deep.equal([]);
            const policy = devPreview.named("llm-execution-policy");
            expect(policy.unknownPaths).to.include("role"); // the role's id exists only after create
            const ic = devPreview.named("llm-llama-8b-ic");
            expect(ic.inputs.inferenceComponentName).to.equal("llm-llama-8b-dev");
            expect(ic.inputs.endpointName).to.equal("llm-dev");
        });

        it("stack outputs reach the engine", () => {
            const outputs = devUp.stackOutputs!;
            expect(outputs.endpointName).to.equal("llm-dev");
            expect(outputs.inferenceComponentNames).to.deep.equal({ "llama-8b": "llm-llama-8b-dev" });
            expect(String((outputs.invokeCommands as Record<string, string>)["llama-8b"])).to.contain("--inference-component-name llm-llama-8b-dev");
        });
    });

    describe("observability as the engine receives it (issue 14)", () => {
        it("dev and prod: one dashboard named after the endpoint, a row per component with the shared metric names", () => {
            for (const [engine, components] of [[devUp, ["llm-llama-8b-dev"]], [prodUp, ["llm-llama-8b-prod", "llm-mistral-7b-prod"]]] as const) {
                const dashboard = engine.named("llm-dashboard");
                expect(dashboard.type).to.equal(T.dashboard);
                const endpoint = String(dashboard.inputs.dashboardName);
                expect(endpoint).to.equal(engine === devUp ? "llm-dev" : "llm-prod");
                const body = JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: { type: string; properties: { metrics?: unknown[][]; alarms?: string[]; region?: string } }[] };
                const metrics = body.widgets.flatMap((w) => w.properties.metrics ?? []);
                for (const name of components) {
                    for (const metric of ["Invocations", "NoCapacityInvocationFailures", "ModelLatency", "ConcurrentRequestsPerCopy"]) {
                        expect(metrics.some((m) => m[0] === "AWS/SageMaker" && m[1] === metric && m[2] === "InferenceComponentName" && m[3] === name), `${name} ${metric}`).to.equal(true);
                    }
                    expect(metrics.some((m) => m[0] === "ScaleToZero" && m[1] === "ColdStartDuration" && m[3] === endpoint && m[5] === name)).to.equal(true);
                }
                const alarmWidgets = body.widgets.filter((w) => w.type === "alarm");
                expect(alarmWidgets).to.have.length(components.length);
                for (const w of alarmWidgets) expect(w.properties.alarms).to.have.length(2); // wake-up and wake-failed
                expect(new Set(body.widgets.filter((w) => w.type === "metric").map((w) => w.properties.region))).to.deep.equal(new Set(["us-east-1"]));
            }
        });

        it("wake-failed alarm: no-capacity failures for the 7-minute budget, missing minutes not breaching", () => {
            const alarm = devUp.named("llm-llama-8b-wake-failed-alarm").inputs;
            expect(alarm).to.deep.include({
                metricName: "NoCapacityInvocationFailures",
                namespace: "AWS/SageMaker",
                statistic: "Sum",
                period: 60,
                evaluationPeriods: 7,
                datapointsToAlarm: 7,
                threshold: 1,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                treatMissingData: "notBreaching",
            });
            expect(alarm.dimensions).to.deep.equal({ InferenceComponentName: "llm-llama-8b-dev" });
            expect(alarm.alarmActions).to.deep.equal([]); // dev: no topic
        });

        it("prod: both wake-failed alarms notify the configured SNS topic on ALARM and OK", () => {
            for (const key of ["llama-8b", "mistral-7b"]) {
                const alarm = prodUp.named(`llm-${key}-wake-failed-alarm`).inputs;
                expect(alarm.alarmActions).to.deep.equal(["arn:aws:sns:us-east-1:111122223333:ml-platform-alerts"]);
                expect(alarm.okActions).to.deep.equal(["arn:aws:sns:us-east-1:111122223333:ml-platform-alerts"]);
            }
        });
    });

    describe("replacement and update options as the engine receives them", () => {
        const byName = (engine: FakeEngine, name: string): Registration => engine.named(name);

        it("Model and EndpointConfig are replaced create-before-delete (their names are content-addressed)", () => {
            for (const engine of [devUp, devPreview, prodUp]) {
                for (const r of [...engine.ofType(T.model), ...engine.ofType(T.config)]) {
                    expect(r.options.deleteBeforeReplaceDefined, r.name).to.equal(true);
                    expect(r.options.deleteBeforeReplace, r.name).to.equal(false);
                }
            }
        });

        it("an endpoint rename creates the new endpoint first; components are replaced delete-first onto it", () => {
            const endpoint = byName(devUp, "llm-endpoint");
            expect(endpoint.options).to.deep.include({ deleteBeforeReplace: false, deleteBeforeReplaceDefined: true });
            for (const ic of prodUp.ofType(T.ic)) {
                expect(ic.options.replaceOnChanges).to.deep.equal(["endpointName"]);
                expect(ic.options).to.deep.include({ deleteBeforeReplace: true, deleteBeforeReplaceDefined: true });
                // The component's endpoint name is the endpoint's output: a new endpoint means a new component.
                expect(ic.options.propertyDependencies.endpointName).to.deep.equal([byName(prodUp, "llm-endpoint").urn]);
            }
            // The engine deletes first the dependents whose replace-on-change inputs come from the component
            // (pulumi/pulumi step_generator.go calculateDependentReplacements): the target's resourceId does.
            const target = byName(prodUp, "llm-llama-8b-target");
            expect(target.options.propertyDependencies.resourceId).to.deep.equal([byName(prodUp, "llm-llama-8b-ic").urn]);
        });

        it("no other resource overrides the provider's replacement order", () => {
            const decided = new Set([T.model, T.config, T.endpoint, T.ic]);
            for (const r of devUp.registrations.filter((x) => !decided.has(x.type))) {
                expect(r.options.deleteBeforeReplaceDefined, r.name).to.equal(false);
            }
        });

        it("the copy count is not hidden behind ignoreChanges, and no resource claims custom timeouts", () => {
            for (const r of [...devUp.registrations, ...prodUp.registrations]) {
                expect(r.options.customTimeouts, r.name).to.equal(undefined);
            }
            for (const ic of [...devUp.ofType(T.ic), ...prodUp.ofType(T.ic)]) {
                expect(ic.options.ignoreChanges).to.deep.equal([]);
            }
        });

        it("delete order is carried by dependencies: target -> component -> endpoint -> config, role before SageMaker", () => {
            const urn = (name: string) => byName(devUp, name).urn;
            expect(byName(devUp, "llm-llama-8b-target").options.dependencies).to.include(urn("llm-llama-8b-ic"));
            expect(byName(devUp, "llm-llama-8b-ic").options.dependencies).to.include(urn("llm-endpoint"));
            expect(byName(devUp, "llm-endpoint").options.propertyDependencies.endpointConfigName).to.deep.equal([urn("llm-config")]);
            for (const name of ["llm-config", "llm-llama-8b-model"]) {
                expect(byName(devUp, name).options.dependencies, name).to.include(urn("llm-execution-policy"));
            }
        });
    });

    describe("copy count on update", () => {
        it("a new component is created with initialCopies", () => {
            expect(devUp.named("llm-llama-8b-ic").inputs.runtimeConfig).to.deep.equal({ copyCount: 1 });
        });

        it("an existing component keeps the count autoscaling chose: 0 on an idle stack, 3 under load", async () => {
            sageMaker.addComponent("llm-llama-8b-prod", { endpointName: "llm-prod", desiredCopyCount: 3, currentCopyCount: 3 });
            sageMaker.addComponent("llm-mistral-7b-prod", { endpointName: "llm-prod", desiredCopyCount: 0 });
            const prod = (await runStack("prod", { dryRun: false, awsEndpointUrl: sageMaker.url })).engine;
            expect(prod.named("llm-llama-8b-ic").inputs.runtimeConfig).to.deep.equal({ copyCount: 3 });
            expect(prod.named("llm-mistral-7b-ic").inputs.runtimeConfig).to.deep.equal({ copyCount: 0 });
        });

        it("a component that moves to a renamed endpoint is created anew, with initialCopies", async () => {
            sageMaker.addComponent("llm-llama-8b-dev", { endpointName: "old-endpoint", desiredCopyCount: 0 });
            const dev = (await runStack("dev", { dryRun: true, awsEndpointUrl: sageMaker.url })).engine;
            expect(dev.named("llm-llama-8b-ic").inputs.runtimeConfig).to.deep.equal({ copyCount: 1 });
        });

        it("a failing look-up stops the program with a clear error before anything is created", async () => {
            // No fake behind the endpoint: the SDK cannot reach SageMaker.
            const r = await runStack("dev", { dryRun: true, awsEndpointUrl: "http://127.0.0.1:9" }, true);
            expect(r.exitCode).to.not.equal(0);
            const errors = r.engine.logs.filter((l) => l.severity === "error").map((l) => l.message).join("\n");
            expect(errors).to.contain("could not read the live copy count of inference component llm-llama-8b-dev");
            expect(errors).to.contain("keepLiveCopyCount");
            expect(r.engine.ofType(T.ic)).to.deep.equal([]);
        });
    });

    describe("secrets", () => {
        it("a secret stack key (pulumi config set --secret) reaches the engine as secret environment values", async () => {
            const dev = readStackFile("dev", ROOT);
            const r = await runStack("dev", {
                dryRun: true,
                config: dev,
                secretKeys: ["scale-to-zero:inferenceComponents"],
                awsEndpointUrl: sageMaker.url,
            });
            const model = r.engine.named("llm-llama-8b-model");
            const env = (model.inputs.primaryContainer as { environment: Record<string, string> }).environment;
            expect(env.OPTION_MAX_MODEL_LEN).to.equal("8192");
            const secret = model.secretPaths.filter((p) => p.startsWith("primaryContainer.environment"));
            expect(secret.length, model.secretPaths.join(", ")).to.be.greaterThan(0);
            // Without the secret key nothing is marked secret.
            expect(devUp.named("llm-llama-8b-model").secretPaths).to.deep.equal([]);
        });
    });

    describe("bad configuration", () => {
        it("fails before any resource but the stack is registered, naming the key", async () => {
            const dev = readStackFile("dev", ROOT);
            const config = { ...dev, "scale-to-zero:endpoint": { instanceType: "ml.g5.2xlarge", maxInstanceCount: 0 } };
            const r = await runStack("dev", { dryRun: true, config, awsEndpointUrl: sageMaker.url }, true);
            expect(r.exitCode).to.not.equal(0);
            const errors = r.engine.logs.filter((l) => l.severity === "error").map((l) => l.message);
            expect(errors).to.have.length(1);
            expect(errors[0]).to.contain("endpoint.maxInstanceCount");
            // Printed as `pulumi up` shows it: the problems, not a stack trace.
            expect(errors[0]).to.not.match(/\bat .*\.ts:\d+/);
            expect(inventory(r.engine)).to.deep.equal([`${STACK} scale-to-zero-dev`]);
        });
    });

    it("unknown values are encoded as the SDK sends them", () => {
        const policy = devPreview.named("llm-execution-policy");
        expect(policy.inputs.role).to.equal(UNKNOWN);
    });
});
