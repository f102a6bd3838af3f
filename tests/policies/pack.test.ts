import { PolicyConfigSchema } from "@pulumi/policy";
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { POLICY_PACK_NAME, allPolicies } from "../../policies/definitions";

const ROOT = path.join(__dirname, "..", "..");
const POLICIES_DIR = path.join(ROOT, "policies");

function readJson(file: string): Record<string, any> {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

describe("policy pack layout", () => {
    it("has the nine policies, with unique names and the documented default enforcement levels", () => {
        expect(Object.fromEntries(allPolicies.map((p) => [p.name, p.enforcementLevel]))).to.deep.equal({
            "dev-stacks-scale-to-zero": "mandatory",
            "scale-to-zero-can-wake-up": "mandatory",
            "inference-component-endpoints-well-formed": "mandatory",
            "production-cold-start-warning": "advisory",
            "max-instance-count": "advisory",
            "max-copy-count": "advisory",
            "allowed-instance-types": "advisory",
            "least-privilege-iam": "mandatory",
            "scarce-gpu-scale-to-zero-without-fallback": "advisory",
        });
        expect(new Set(allPolicies.map((p) => p.name)).size).to.equal(allPolicies.length);
    });

    it("every policy has a config schema whose knobs all have a type, a default and a description", () => {
        for (const policy of allPolicies) {
            const schema = policy.configSchema as PolicyConfigSchema;
            expect(schema, policy.name).to.be.an("object");
            // The runtime exits if a schema declares enforcementLevel (it is always configurable).
            expect(Object.keys(schema.properties), policy.name).to.not.include("enforcementLevel");
            for (const [key, property] of Object.entries(schema.properties)) {
                expect(property, `${policy.name}.${key}`).to.include.keys("type", "default", "description");
            }
            expect(policy.remediationSteps, policy.name).to.be.a("string").and.have.length.greaterThan(20);
        }
    });

    it("index.ts only constructs the PolicyPack from the shared list", () => {
        const source = fs.readFileSync(path.join(POLICIES_DIR, "index.ts"), "utf8");
        const code = source
            .split("\n")
            .filter((l) => l.trim() !== "" && !l.trim().startsWith("//"));
        expect(code).to.deep.equal([
            'import { PolicyPack } from "@pulumi/policy";',
            'import { allPolicies } from "./definitions";',
            'new PolicyPack("scale-to-zero-guardrails", { policies: allPolicies });',
        ]);
        expect(POLICY_PACK_NAME).to.equal("scale-to-zero-guardrails");
    });

    it("PulumiPolicy.yaml declares the nodejs runtime and a description", () => {
        const project = yaml.load(fs.readFileSync(path.join(POLICIES_DIR, "PulumiPolicy.yaml"), "utf8")) as Record<string, unknown>;
        expect(project.runtime).to.equal("nodejs");
        expect(project.description).to.be.a("string").and.contain("scale to zero");
    });

    it("policies/package.json has a version (the pack reads it at start) and the root's dependency versions", () => {
        const pack = readJson(path.join(POLICIES_DIR, "package.json"));
        const root = readJson(path.join(ROOT, "package.json"));
        expect(pack.version).to.match(/^\d+\.\d+\.\d+$/);
        expect(pack.main).to.equal("index.ts");
        const rootDeps = { ...root.dependencies, ...root.devDependencies };
        for (const [name, version] of Object.entries({ ...pack.dependencies, ...pack.devDependencies })) {
            expect(rootDeps[name], name).to.equal(version);
        }
        expect(Object.keys(pack.dependencies).sort()).to.deep.equal(["@pulumi/policy", "@pulumi/pulumi"]);
    });

    it("policies/tsconfig.json compiles the pack on its own", () => {
        const tsconfig = readJson(path.join(POLICIES_DIR, "tsconfig.json"));
        expect(tsconfig.compilerOptions).to.deep.include({ rootDir: ".", module: "commonjs", strict: true });
    });

    it("the pack is self-contained: `pulumi policy publish` uploads only policies/, so nothing imports outside it", () => {
        const files = fs.readdirSync(POLICIES_DIR, { recursive: true }) as string[];
        for (const file of files.filter((f) => f.endsWith(".ts"))) {
            const source = fs.readFileSync(path.join(POLICIES_DIR, file), "utf8");
            for (const [, target] of source.matchAll(/from "(\.[^"]+)"/g)) {
                const resolved = path.resolve(POLICIES_DIR, path.dirname(file), target);
                expect(resolved.startsWith(POLICIES_DIR + path.sep), `${file} imports ${target}`).to.equal(true);
            }
        }
    });
});
