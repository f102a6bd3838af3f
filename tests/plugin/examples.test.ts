import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ScaleToZeroModelArgs } from "../../components/args";
import { COMPONENT_TYPES } from "../../components/typeTokens";
import { validateScaleToZeroModelArgs } from "../../components/validate";
import { committedSchema, REPO_ROOT } from "../../scripts/schema";
import { allPropertyNames, objectProblems } from "./schemaConformance";

// The examples in examples/ cannot run here (no Pulumi CLI, no SDK generation, no AWS). These tests keep them
// true to schema.json, so a renamed or removed argument breaks the build instead of the examples.

const schema = committedSchema();
const EXAMPLES = path.join(REPO_ROOT, "examples");

/**
 * Python property names as Pulumi's Python code generation spells them (pulumi/pulumi pkg/codegen/python/python.go
 * pyName: a word boundary before every capital that follows a lower-case letter or digit; enough for this schema's
 * names, which have no runs of capitals). `memoryMiB` becomes `memory_mi_b`.
 */
function pythonName(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

interface YamlProgram {
    packages?: Record<string, string>;
    resources: Record<string, { type: string; properties: Record<string, unknown> }>;
    outputs: Record<string, string>;
}

describe("examples/ follow schema.json", () => {
    describe("YAML (examples/yaml/Pulumi.yaml)", () => {
        const program = yaml.load(fs.readFileSync(path.join(EXAMPLES, "yaml", "Pulumi.yaml"), "utf8")) as YamlProgram;
        const resources = Object.entries(program.resources);

        it("points its package at this repository and uses the schema's token", () => {
            expect(path.resolve(EXAMPLES, "yaml", program.packages!["scale-to-zero"])).to.equal(REPO_ROOT);
            expect(resources.map(([, r]) => r.type)).to.deep.equal([COMPONENT_TYPES.ScaleToZeroModel]);
        });

        it("sets only inputs the schema declares, with their types, enum values and required fields", () => {
            for (const [name, resource] of resources) {
                const spec = schema.resources[resource.type];
                expect(objectProblems(schema, spec.inputProperties!, spec.requiredInputs!, resource.properties, name)).to.deep.equal([]);
            }
        });

        it("passes the component's own validation", () => {
            for (const [name, resource] of resources) {
                expect(() => validateScaleToZeroModelArgs(resource.properties as unknown as ScaleToZeroModelArgs), name).to.not.throw();
            }
        });

        it("exports only outputs the component has", () => {
            const outputs = Object.keys(schema.resources[COMPONENT_TYPES.ScaleToZeroModel].properties!);
            for (const expression of Object.values(program.outputs)) {
                const match = /^\$\{llama\.(\w+)\}$/.exec(expression);
                expect(match, expression).to.not.equal(null);
                expect(outputs).to.include(match![1]);
            }
        });
    });

    describe("Python (examples/python/__main__.py)", () => {
        const source = fs.readFileSync(path.join(EXAMPLES, "python", "__main__.py"), "utf8");
        const code = source.replace(/"""[\s\S]*?"""/g, "").replace(/#.*$/gm, "");

        it("uses only the component classes and the Args classes of schema types", () => {
            const classes = new Set([...code.matchAll(/scale_to_zero\.(\w+)\(/g)].map((m) => m[1]));
            const generated = new Set([
                ...Object.keys(schema.resources).map((t) => t.split(":")[2]),
                ...Object.keys(schema.types!).map((t) => `${t.split(":")[2]}Args`),
            ]);
            expect([...classes].filter((c) => !generated.has(c))).to.deep.equal([]);
            expect(classes).to.include("ScaleToZeroModel").and.include("InferenceComponentArgs");
        });

        it("passes only keyword arguments that are schema properties in Python spelling", () => {
            const known = new Set([...allPropertyNames(schema)].map(pythonName));
            const keywords = [...code.matchAll(/\b([a-z_]+)=/g)].map((m) => m[1]);
            expect(keywords.length).to.be.greaterThan(15);
            expect(keywords.filter((k) => !known.has(k))).to.deep.equal([]);
            expect(keywords).to.include("memory_mi_b");
        });

        it("reads only outputs the component has", () => {
            const outputs = new Set(Object.keys(schema.resources[COMPONENT_TYPES.ScaleToZeroModel].properties!).map(pythonName));
            const read = [...code.matchAll(/\b(?:llama|team)\.(\w+)/g)].map((m) => m[1]);
            expect(read).to.have.length(3);
            expect(read.filter((r) => !outputs.has(r))).to.deep.equal([]);
        });
    });
});
