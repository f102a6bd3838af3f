import { expect } from "chai";
import { COMPONENT_TYPES } from "../../components/typeTokens";
import { ScaleToZeroArgumentError } from "../../components/validate";
import { parseStackConfig } from "../../config";
import { committedSchema, PropertySpec } from "../../scripts/schema";
import { referencedType } from "./schemaConformance";

// config.ts rejects unknown fields of each stack config object (typos are never defaulted), with lists derived from
// schema.json (configFields.ts). This checks the derivation end to end: every object the component takes gets a
// stray field, and the "allowed:" list config.ts answers with must be exactly that object's schema fields.

const schema = committedSchema();
const model = schema.resources[COMPONENT_TYPES.ScaleToZeroModel];
const component = schema.types!["scale-to-zero:index:InferenceComponent"];
const STRAY = "notAnArgument";

/** Config path -> the fields the schema gives that object (the endpoint's own and every object-typed field). */
function schemaObjects(): Map<string, string[]> {
    const objects = new Map<string, string[]>();
    const add = (path: string, properties: Record<string, PropertySpec>) => {
        objects.set(path, Object.keys(properties).sort());
        for (const [field, spec] of Object.entries(properties)) {
            const type = referencedType(schema, spec);
            if (type?.properties) {
                add(`${path}.${field}`, type.properties);
            }
        }
    };
    const endpoint = Object.fromEntries(
        Object.entries(model.inputProperties!).filter(([k]) => !(k in component.properties!) && k !== "inferenceComponents" && k !== "tags"),
    );
    add("scale-to-zero:endpoint", endpoint);
    add("scale-to-zero:inferenceComponents.a", component.properties!);
    return objects;
}

/** A config with a stray field in every object of `objects` (and the required fields, so parsing gets that far). */
function probe(objects: Map<string, string[]>): Record<string, unknown> {
    const roots: Record<string, any> = {
        "scale-to-zero:endpoint": { instanceType: "ml.g5.2xlarge" },
        "scale-to-zero:inferenceComponents": { a: { model: { image: "i" }, compute: { acceleratorCount: 1, memoryMiB: 1024 } } },
    };
    for (const path of objects.keys()) {
        const [root, ...rest] = path.split(".");
        let target = roots[root];
        for (const part of rest) {
            target = target[part] ??= {};
        }
        target[STRAY] = 1;
    }
    return roots;
}

describe("stack config field lists (config.ts) against schema.json", () => {
    it("accepts exactly the schema's fields in every object of the component's arguments", () => {
        const objects = schemaObjects();
        expect([...objects.keys()]).to.include("scale-to-zero:endpoint.schedule").and.include("scale-to-zero:inferenceComponents.a.scaling");
        let problems: readonly string[] = [];
        try {
            parseStackConfig(probe(objects));
        } catch (error) {
            expect(error).to.be.instanceOf(ScaleToZeroArgumentError);
            problems = (error as ScaleToZeroArgumentError).problems;
        }
        const allowed = new Map<string, string[]>();
        for (const problem of problems) {
            const match = new RegExp(`^(\\S+)\\.${STRAY} is not a known setting \\(allowed: (.*)\\)$`).exec(problem);
            if (match) {
                allowed.set(match[1], match[2].split(", ").sort());
            }
        }
        expect(Object.fromEntries(allowed)).to.deep.equal(Object.fromEntries(objects));
    });
});
