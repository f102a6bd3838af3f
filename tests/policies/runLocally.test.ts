import { ResourceValidationPolicy } from "@pulumi/policy";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../policies/definitions";
import { TYPES } from "../../policies/lib/resources";
import {
    LocalResource,
    PolicyPackConfig,
    PolicyVerdict,
    evaluatePolicies,
    formatVerdicts,
    mandatoryViolationCount,
} from "../../policies/runLocally";
import { endpointConfig } from "./fixtures";
import { ProgramResource, UNKNOWN_NUMBER, runProgram } from "./helpers";

const POLICIES_DIR = path.join(__dirname, "..", "..", "policies");

function statuses(verdicts: PolicyVerdict[]): Record<string, string> {
    return Object.fromEntries(verdicts.map((v) => [v.policyName, `${v.enforcementLevel}/${v.status}`]));
}

function verdict(verdicts: PolicyVerdict[], name: string): PolicyVerdict {
    const found = verdicts.find((v) => v.policyName === name);
    if (!found) {
        throw new Error(`no verdict for ${name}`);
    }
    return found;
}

describe("evaluatePolicies (local evaluation for the offline preview)", () => {
    let dev: ProgramResource[];

    before(async () => {
        dev = (await runProgram("dev")).resources;
    });

    it("gives one verdict per policy, in pack order, for the dev program: all clean", async () => {
        const verdicts = await evaluatePolicies(dev, { stack: "dev" });
        expect(verdicts.map((v) => v.policyName)).to.deep.equal(allPolicies.map((p) => p.name));
        expect(statuses(verdicts)).to.deep.equal({
            "dev-stacks-scale-to-zero": "mandatory/passed",
            "scale-to-zero-can-wake-up": "mandatory/passed",
            "inference-component-endpoints-well-formed": "mandatory/passed",
            "production-cold-start-warning": "advisory/not-applicable",
            "max-instance-count": "advisory/passed",
            "max-copy-count": "advisory/passed",
            "allowed-instance-types": "advisory/not-applicable",
            "least-privilege-iam": "mandatory/passed",
            "scarce-gpu-scale-to-zero-without-fallback": "advisory/passed",
        });
        expect(verdict(verdicts, "scale-to-zero-can-wake-up").kind).to.equal("stack");
        expect(verdict(verdicts, "allowed-instance-types").notApplicable).to.have.members([
            "Policy only applies to resources of type 'aws-native:sagemaker:EndpointConfig'",
            "allowedInstanceTypes is empty: every instance type is allowed",
        ]);
        expect(mandatoryViolationCount(verdicts)).to.equal(0);
        expect(formatVerdicts(verdicts).split("\n")).to.deep.equal([
            "[mandatory] dev-stacks-scale-to-zero: passed",
            "[mandatory] scale-to-zero-can-wake-up: passed",
            "[mandatory] inference-component-endpoints-well-formed: passed",
            "[advisory] production-cold-start-warning: not-applicable",
            "[advisory] max-instance-count: passed",
            "[advisory] max-copy-count: passed",
            "[advisory] allowed-instance-types: not-applicable",
            "[mandatory] least-privilege-iam: passed",
            "[advisory] scarce-gpu-scale-to-zero-without-fallback: passed",
        ]);
    });

    it("reports a mandatory violation with the resource, its URN and the message", async () => {
        const resources = (await runProgram("dev", (c) => ({ ...c, model: { ...c.model, minInstanceCount: 1, schedule: undefined } }))).resources;
        const verdicts = await evaluatePolicies(resources, { stack: "dev" });
        const v = verdict(verdicts, "dev-stacks-scale-to-zero");
        expect(v.status).to.equal("violated");
        expect(v.violations).to.have.length(1);
        expect(v.violations[0]).to.deep.include({
            resourceName: "llm-config",
            urn: "urn:pulumi:dev::scale-to-zero::aws-native:sagemaker:EndpointConfig::llm-config",
        });
        expect(v.violations[0].message).to.contain("managedInstanceScaling.minInstanceCount is 1");
        expect(mandatoryViolationCount(verdicts)).to.equal(1);
        const lines = formatVerdicts(verdicts).split("\n");
        expect(lines[0]).to.equal("[mandatory] dev-stacks-scale-to-zero: 1 violation");
        expect(lines[1]).to.match(/^ {4}- llm-config: productionVariants\[0\] \("AllTraffic"\): managedInstanceScaling\.minInstanceCount is 1;/);
    });

    it("reports stack-policy violations against the resource they name", async () => {
        const verdicts = await evaluatePolicies(dev.filter((r) => r.name !== "llm-llama-8b-wake-up-alarm"), { stack: "dev" });
        const v = verdict(verdicts, "scale-to-zero-can-wake-up");
        expect(v.status).to.equal("violated");
        expect(v.violations.map((x) => x.resourceName)).to.deep.equal(["llm-llama-8b-ic"]);
        expect(mandatoryViolationCount(verdicts)).to.equal(1);
    });

    describe("configuration", () => {
        const bad = [{ type: TYPES.endpointConfig, name: "cfg", props: endpointConfig({ minInstanceCount: 1, maxInstanceCount: 6 }) }];

        it("overrides a policy's enforcement level (string or object form)", async () => {
            for (const config of [{ "dev-stacks-scale-to-zero": "advisory" }, { "dev-stacks-scale-to-zero": { enforcementLevel: "advisory" } }] as PolicyPackConfig[]) {
                const verdicts = await evaluatePolicies(bad, { stack: "dev", config });
                expect(verdict(verdicts, "dev-stacks-scale-to-zero").enforcementLevel).to.equal("advisory");
                expect(verdict(verdicts, "dev-stacks-scale-to-zero").violations).to.have.length(1);
                expect(mandatoryViolationCount(verdicts)).to.equal(0);
            }
        });

        it("skips disabled policies, and treats remediate as mandatory", async () => {
            const verdicts = await evaluatePolicies(bad, {
                stack: "dev",
                config: { "dev-stacks-scale-to-zero": "disabled", "max-instance-count": "remediate" },
            });
            expect(verdict(verdicts, "dev-stacks-scale-to-zero")).to.deep.include({ status: "disabled", enforcementLevel: "disabled", violations: [] });
            expect(verdict(verdicts, "max-instance-count")).to.deep.include({ status: "violated", enforcementLevel: "mandatory" });
            expect(mandatoryViolationCount(verdicts)).to.equal(1);
        });

        it("'all' sets every level; a policy's own entry wins over 'all'", async () => {
            const verdicts = await evaluatePolicies(bad, { stack: "dev", config: { all: "mandatory", "least-privilege-iam": "advisory" } });
            expect(verdicts.map((v) => v.enforcementLevel)).to.deep.equal([
                "mandatory", "mandatory", "mandatory", "mandatory", "mandatory", "mandatory", "mandatory", "advisory", "mandatory",
            ]);
            expect(mandatoryViolationCount(verdicts)).to.equal(2);
        });

        it("passes settings to getConfig over the schema defaults", async () => {
            const defaults = await evaluatePolicies(bad, { stack: "dev" });
            expect(verdict(defaults, "max-instance-count").violations.map((v) => v.message)).to.deep.equal([
                'productionVariants[0] ("AllTraffic"): managedInstanceScaling.maxInstanceCount is 6, above the cap of 4 instances. ' +
                    "Lower it (scale-to-zero:endpoint.maxInstanceCount) or raise the policy's maxInstanceCount in the policy config if the spend is approved.",
            ]);
            const raised = await evaluatePolicies(bad, { stack: "dev", config: { "max-instance-count": { maxInstanceCount: 6 } } });
            expect(verdict(raised, "max-instance-count").status).to.equal("passed");
        });

        it("rejects config the CLI would reject: unknown policy, unknown setting, wrong type, bad level", async () => {
            const cases: [PolicyPackConfig, string][] = [
                [{ "no-such-policy": "advisory" }, 'policy config names unknown policy "no-such-policy"'],
                [{ "max-instance-count": { maxInstances: 3 } }, 'policy config "max-instance-count.maxInstances" is not a setting of the policy (settings: maxInstanceCount)'],
                [{ "max-instance-count": { maxInstanceCount: "3" } }, 'policy config "max-instance-count.maxInstanceCount" must be an integer >= 1 (got "3")'],
                [{ "max-instance-count": { maxInstanceCount: 0 } }, 'policy config "max-instance-count.maxInstanceCount" must be an integer >= 1 (got 0)'],
                [{ "allowed-instance-types": { allowedInstanceTypes: "ml.g5.*" } }, 'policy config "allowed-instance-types.allowedInstanceTypes" must be of type array'],
                [{ "least-privilege-iam": "strict" as never }, 'policy config "least-privilege-iam": enforcementLevel must be one of advisory, mandatory, remediate, disabled'],
                [{ all: { enforcementLevel: "advisory", x: 1 } }, 'policy config "all" takes only an enforcement level'],
            ];
            for (const [config, message] of cases) {
                let error: Error | undefined;
                try {
                    await evaluatePolicies(bad, { stack: "dev", config });
                } catch (e) {
                    error = e as Error;
                }
                expect(error?.message, JSON.stringify(config)).to.contain(message);
            }
        });

        it("accepts the sample policy-config.example.json; dev and prod pass it", async () => {
            const config = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "policy-config.example.json"), "utf8")) as PolicyPackConfig;
            expect(Object.keys(config).sort()).to.deep.equal(allPolicies.map((p) => p.name).sort());
            const devVerdicts = await evaluatePolicies(dev, { stack: "dev", config });
            expect(devVerdicts.flatMap((v) => v.violations)).to.deep.equal([]);
            expect(verdict(devVerdicts, "allowed-instance-types").status).to.equal("passed");
            const prod = (await runProgram("prod")).resources;
            const prodVerdicts = await evaluatePolicies(prod, { stack: "prod", config });
            expect(prodVerdicts.flatMap((v) => v.violations)).to.deep.equal([]);
            expect(verdict(prodVerdicts, "max-instance-count")).to.deep.include({ enforcementLevel: "mandatory", status: "passed" });
        });
    });

    it("detects dev stacks by stack tag, and builds URNs from the stack option", async () => {
        const resources: LocalResource[] = [{ type: TYPES.endpointConfig, name: "cfg", props: endpointConfig({ minInstanceCount: 1 }) }];
        const untagged = await evaluatePolicies(resources, { stack: "research", config: { "dev-stacks-scale-to-zero": { devStackTag: "environment=dev" } } });
        expect(verdict(untagged, "dev-stacks-scale-to-zero").status).to.equal("not-applicable");
        const tagged = await evaluatePolicies(resources, {
            stack: "research",
            stackTags: { environment: "dev" },
            config: { "dev-stacks-scale-to-zero": { devStackTag: "environment=dev" } },
        });
        const v = verdict(tagged, "dev-stacks-scale-to-zero");
        expect(v.violations[0].urn).to.equal("urn:pulumi:research::scale-to-zero::aws-native:sagemaker:EndpointConfig::cfg");
        expect(v.violations[0].message).to.contain('stack "research" has tag environment=dev');
    });

    it("resource policies see inputs when given, stack policies see outputs (props)", async () => {
        const resources: LocalResource[] = [
            { type: TYPES.endpointConfig, name: "cfg", props: endpointConfig({ minInstanceCount: 1 }), inputs: endpointConfig() },
        ];
        const verdicts = await evaluatePolicies(resources, { stack: "dev" });
        expect(verdict(verdicts, "dev-stacks-scale-to-zero").status).to.equal("passed");
    });

    it("values unknown during preview: policies skip them; a policy that trips on one is 'unverified', not failed", async () => {
        const resources: LocalResource[] = [{ type: TYPES.endpointConfig, name: "cfg", props: endpointConfig({ minInstanceCount: UNKNOWN_NUMBER }) }];
        const naive: ResourceValidationPolicy = {
            name: "naive",
            description: "reads minInstanceCount without care",
            enforcementLevel: "mandatory",
            validateResource: (args, report) => {
                if (args.props.productionVariants[0].managedInstanceScaling.minInstanceCount !== 0) {
                    report("not zero");
                }
            },
        };
        const verdicts = await evaluatePolicies(resources, { stack: "dev", policies: [...allPolicies, naive] });
        expect(verdict(verdicts, "dev-stacks-scale-to-zero")).to.deep.include({ status: "passed", unverified: [] });
        expect(verdict(verdicts, "naive")).to.deep.include({
            status: "passed",
            violations: [],
            unverified: [
                "can't run policy 'naive' during preview: number value at .productionVariants.0.managedInstanceScaling.minInstanceCount can't be known during preview",
            ],
        });
        expect(formatVerdicts(verdicts)).to.contain("[mandatory] naive: passed\n    ~ can't run policy 'naive' during preview");
    });

    it("surfaces a policy that crashes, and rejects malformed URNs", async () => {
        const boom: ResourceValidationPolicy = {
            name: "boom",
            description: "throws",
            validateResource: () => {
                throw new RangeError("kaput");
            },
        };
        const resources: LocalResource[] = [{ type: TYPES.endpointConfig, name: "cfg", props: {} }];
        let error: Error | undefined;
        try {
            await evaluatePolicies(resources, { stack: "dev", policies: [boom] });
        } catch (e) {
            error = e as Error;
        }
        expect(error?.message).to.match(/^policy 'boom' failed: RangeError: kaput/);
        let urnError: Error | undefined;
        try {
            await evaluatePolicies([{ ...resources[0], urn: "cfg" }], { stack: "dev" });
        } catch (e) {
            urnError = e as Error;
        }
        expect(urnError?.message).to.equal('resource "cfg" has a malformed URN: cfg');
    });

    it("never constructs a PolicyPack (that would start the analyzer's gRPC server)", () => {
        const source = fs.readFileSync(path.join(POLICIES_DIR, "runLocally.ts"), "utf8");
        expect(source).to.not.match(/new\s+PolicyPack|from "\.\/index"|from "\."/);
    });
});
