import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { expect } from "chai";
import { StackConfig } from "../../config";
import { DEV_STACKS_SCALE_TO_ZERO } from "../../policies/devScaleToZero";
import { SCALE_TO_ZERO_CAN_WAKE_UP } from "../../policies/canWakeUp";
import { allPolicies } from "../../policies/definitions";
import { TYPES } from "../../policies/lib/resources";
import { PRODUCTION_COLD_START_WARNING } from "../../policies/productionColdStart";
import { ProgramResource, Violation, argsOf, policyResourcesOf, runProgram, runResourcePolicy, runStackPolicy, stackArgs } from "./helpers";

/** Per policy: its violations, and the names of the resources it applied to ("<stack>" for a stack policy). */
interface Result {
    violations: (Violation & { resource?: string })[];
    appliedTo: string[];
}

/** Feeds every recorded resource to every policy, the way the analyzer does (resource policies one by one). */
async function runAll(resources: ProgramResource[], config: Record<string, Record<string, unknown>> = {}): Promise<Map<string, Result>> {
    const results = new Map<string, Result>();
    for (const policy of allPolicies) {
        const result: Result = { violations: [], appliedTo: [] };
        results.set(policy.name, result);
        if ("validateStack" in policy) {
            const outcome = await runStackPolicy(policy as StackValidationPolicy, stackArgs(policyResourcesOf(resources), { config: config[policy.name] }));
            expect(outcome.cannotRunDuringPreview, policy.name).to.equal(undefined);
            if (outcome.notApplicable === undefined) {
                result.appliedTo.push("<stack>");
            }
            result.violations.push(...outcome.violations.map((v) => ({ ...v, resource: resources.find((r) => r.urn === v.urn)?.name })));
            continue;
        }
        for (const r of resources) {
            const outcome = await runResourcePolicy(policy as ResourceValidationPolicy, argsOf(r, { config: config[policy.name] }));
            expect(outcome.cannotRunDuringPreview, `${policy.name} on ${r.name}`).to.equal(undefined);
            if (outcome.notApplicable === undefined) {
                result.appliedTo.push(r.name);
            }
            result.violations.push(...outcome.violations.map((v) => ({ ...v, resource: r.name })));
        }
        result.appliedTo.sort();
    }
    return results;
}

function violationsOf(results: Map<string, Result>, policies: readonly string[]): Record<string, string[]> {
    return Object.fromEntries(policies.map((p) => [p, results.get(p)!.violations.map((v) => `${v.resource}: ${v.message}`)]));
}

const MANDATORY = allPolicies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name);
const ALL = allPolicies.map((p) => p.name);

function withMinInstances(min: number): (c: StackConfig) => StackConfig {
    // The dev stack's weekly schedule requires minInstanceCount 0 (validated by the component), so drop it too.
    return (c) => ({ ...c, model: { ...c.model, minInstanceCount: min, schedule: undefined } });
}

describe("policies against the real stack programs (under mocks)", () => {
    describe("dev stack", () => {
        let resources: ProgramResource[];
        let results: Map<string, Result>;

        before(async () => {
            resources = (await runProgram("dev")).resources;
            results = await runAll(resources);
        });

        it("passes every policy cleanly", () => {
            expect(violationsOf(results, ALL)).to.deep.equal(Object.fromEntries(ALL.map((p) => [p, []])));
        });

        it("was actually checked: each policy applied to the resources it guards", () => {
            const applied = (p: string) => results.get(p)!.appliedTo;
            expect(applied(DEV_STACKS_SCALE_TO_ZERO)).to.deep.equal(["llm-config", "llm-llama-8b-target"]);
            expect(applied(SCALE_TO_ZERO_CAN_WAKE_UP)).to.deep.equal(["<stack>"]);
            expect(applied("inference-component-endpoints-well-formed")).to.deep.equal(["llm-config", "llm-llama-8b-ic"]);
            expect(applied(PRODUCTION_COLD_START_WARNING)).to.deep.equal([]);
            expect(applied("max-instance-count")).to.deep.equal(["llm-config"]);
            expect(applied("max-copy-count")).to.deep.equal(["llm-llama-8b-ic", "llm-llama-8b-target"]);
            expect(applied("allowed-instance-types")).to.deep.equal([]);
            const iam = resources.filter((r) => [TYPES.iamRole, TYPES.iamRolePolicy, TYPES.iamPolicy].includes(r.type as never)).map((r) => r.name);
            expect(iam.length).to.be.greaterThan(1);
            expect(applied("least-privilege-iam")).to.deep.equal(iam.sort());
        });

        it("with endpoint minInstanceCount 1 is rejected by dev-stacks-scale-to-zero on the endpoint config", async () => {
            const changed = await runAll((await runProgram("dev", withMinInstances(1))).resources);
            const violations = changed.get(DEV_STACKS_SCALE_TO_ZERO)!.violations;
            expect(violations).to.have.length(1);
            expect(violations[0].resource).to.equal("llm-config");
            expect(violations[0].urn).to.equal("urn:pulumi:dev::scale-to-zero::aws-native:sagemaker:EndpointConfig::llm-config");
            expect(violations[0].message).to.equal(
                'productionVariants[0] ("AllTraffic"): managedInstanceScaling.minInstanceCount is 1; dev stacks must scale to ' +
                    "zero instances when idle. Set minInstanceCount to 0 (scale-to-zero:endpoint.minInstanceCount: 0 in " +
                    'Pulumi.dev.yaml) (stack "dev" matches devStackPatterns entry "dev").',
            );
            const others = MANDATORY.filter((p) => p !== DEV_STACKS_SCALE_TO_ZERO);
            expect(violationsOf(changed, others)).to.deep.equal(Object.fromEntries(others.map((p) => [p, []])));
        });

        it("without the wake-up alarm is rejected by scale-to-zero-can-wake-up on the inference component", async () => {
            const alarm = resources.filter((r) => r.type === TYPES.metricAlarm && r.inputs.metricName === "NoCapacityInvocationFailures");
            // The wake-failed alarm watches the same metric but triggers no scaling: both go.
            expect(alarm.map((a) => a.name).sort()).to.deep.equal(["llm-llama-8b-wake-failed-alarm", "llm-llama-8b-wake-up-alarm"]);
            const changed = await runAll(resources.filter((r) => !alarm.includes(r)));
            const violations = changed.get(SCALE_TO_ZERO_CAN_WAKE_UP)!.violations;
            expect(violations).to.have.length(1);
            expect(violations[0].resource).to.equal("llm-llama-8b-ic");
            expect(violations[0].message).to.contain(
                'inference component "llm-llama-8b-dev" can scale to zero copies (scalable target "llm-llama-8b-target" has minCapacity 0) but cannot wake up: ' +
                    'there is no CloudWatch alarm on AWS/SageMaker NoCapacityInvocationFailures with dimensions { InferenceComponentName: "llm-llama-8b-dev" }',
            );
        });

        it("with the wake-up alarm pointed elsewhere is rejected too", async () => {
            const rewired = resources.map((r) =>
                r.name === "llm-llama-8b-wake-up-alarm" ? { ...r, props: { ...r.props, alarmActions: ["arn:aws:sns:us-east-1:123456789012:ops"] } } : r,
            );
            const violations = (await runAll(rewired)).get(SCALE_TO_ZERO_CAN_WAKE_UP)!.violations;
            expect(violations).to.have.length(1);
            expect(violations[0].message).to.contain('alarm ("llm-llama-8b-wake-up-alarm", "llm-llama-8b-wake-failed-alarm") does not trigger the StepScaling policy ("llm-llama-8b-wake-up")');
        });
    });

    describe("prod stack (two models, one copy and one instance kept warm)", () => {
        let results: Map<string, Result>;

        before(async () => {
            results = await runAll((await runProgram("prod")).resources);
        });

        it("passes the mandatory policies", () => {
            expect(violationsOf(results, MANDATORY)).to.deep.equal(Object.fromEntries(MANDATORY.map((p) => [p, []])));
            expect(results.get("inference-component-endpoints-well-formed")!.appliedTo).to.deep.equal(["llm-config", "llm-llama-8b-ic", "llm-mistral-7b-ic"]);
        });

        it("is not a dev stack, and nothing can scale to zero, so the scale-to-zero policies do not apply", () => {
            expect(results.get(DEV_STACKS_SCALE_TO_ZERO)!.appliedTo).to.deep.equal([]);
            expect(results.get(SCALE_TO_ZERO_CAN_WAKE_UP)!.appliedTo).to.deep.equal([]);
        });

        it("gets no advisory either: the cold-start check ran on the endpoint and both targets, all at min 1; caps hold", () => {
            expect(results.get(PRODUCTION_COLD_START_WARNING)!.appliedTo).to.deep.equal(["llm-config", "llm-llama-8b-target", "llm-mistral-7b-target"]);
            const advisory = ALL.filter((p) => !MANDATORY.includes(p));
            expect(violationsOf(results, advisory)).to.deep.equal(Object.fromEntries(advisory.map((p) => [p, []])));
        });

        it("gets the cold-start advisory (and the wake-up check) once a component may scale to zero", async () => {
            const zeroMistral = (c: StackConfig): StackConfig => {
                const components = c.model.inferenceComponents!;
                const mistral = components["mistral-7b"];
                return {
                    ...c,
                    model: { ...c.model, inferenceComponents: { ...components, "mistral-7b": { ...mistral, scaling: { ...mistral.scaling, minCopies: 0 } } } },
                };
            };
            const changed = await runAll((await runProgram("prod", zeroMistral)).resources);
            const warnings = changed.get(PRODUCTION_COLD_START_WARNING)!.violations;
            expect(warnings.map((w) => w.resource)).to.deep.equal(["llm-mistral-7b-target"]);
            expect(warnings[0].message).to.contain('scalable target (inference-component/llm-mistral-7b-prod): minCapacity is 0 on non-dev stack "prod"');
            expect(changed.get(SCALE_TO_ZERO_CAN_WAKE_UP)!.appliedTo).to.deep.equal(["<stack>"]);
            expect(violationsOf(changed, MANDATORY)).to.deep.equal(Object.fromEntries(MANDATORY.map((p) => [p, []])));
        });

        it("gets cap advisories under a tighter policy config", async () => {
            const tight = await runAll((await runProgram("prod")).resources, {
                "max-instance-count": { maxInstanceCount: 2 },
                "max-copy-count": { maxCopyCount: 4 },
                "allowed-instance-types": { allowedInstanceTypes: ["ml.g5.2xlarge"] },
            });
            expect(violationsOf(tight, ["max-instance-count", "max-copy-count", "allowed-instance-types"])).to.deep.equal({
                "max-instance-count": [
                    "llm-config: productionVariants[0] (\"AllTraffic\"): managedInstanceScaling.maxInstanceCount is 3, above the cap of 2 instances. " +
                        "Lower it (scale-to-zero:endpoint.maxInstanceCount) or raise the policy's maxInstanceCount in the policy config if the spend is approved.",
                ],
                "max-copy-count": [
                    "llm-llama-8b-target: scalable target of inference-component/llm-llama-8b-prod: maxCapacity is 6, above the cap of 4 copies. " +
                        "Lower it (scale-to-zero:inferenceComponents.<key>.scaling.maxCopies) or raise the policy's maxCopyCount in the policy config if the spend is approved.",
                ],
                "allowed-instance-types": [
                    'llm-config: productionVariants[0] ("AllTraffic") uses instance type "ml.g5.12xlarge", which is not allowed (allowedInstanceTypes: ml.g5.2xlarge). ' +
                        'Choose an allowed type (scale-to-zero:endpoint.instanceType) or add "ml.g5.12xlarge" to the policy\'s allowedInstanceTypes.',
                ],
            });
        });
    });
});
