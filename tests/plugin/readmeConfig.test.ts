import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { COMPONENT_TYPES } from "../../components/typeTokens";
import { committedSchema, PropertySpec, REPO_ROOT } from "../../scripts/schema";
import { referencedType } from "./schemaConformance";

// README's "Stack configuration" table restates the component's arguments as stack config keys. This keeps it
// honest against schema.json, i.e. the args interfaces: every row names a real argument, and every argument has a
// row (itself or an enclosing object). Config key -> argument: `endpoint.<field>` and top-level `tags` are the
// component's own inputs, `inferenceComponents.<key>.<field>` the fields of InferenceComponent (config.ts).

const schema = committedSchema();
const model = schema.resources[COMPONENT_TYPES.ScaleToZeroModel];
const SHORTHAND = Object.keys(schema.types!["scale-to-zero:index:InferenceComponent"].properties!);
/** Stack-only keys that are not component arguments. */
const STACK_ONLY = ["name"];

/** The config keys of README's table; `a.b`/`c` and `a.b`/`.c` cells name siblings. */
function documentedKeys(): string[] {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = /## Stack configuration\n([\s\S]*?)\n### /.exec(readme)![1];
    return section
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .flatMap((line) => {
            const cell = line.split("|")[1].trim();
            const [first, ...others] = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
            const parent = first.slice(0, first.lastIndexOf(".") + 1);
            return [first, ...others.map((o) => parent + o.replace(/^\./, ""))];
        });
}

/** Every argument as a config key, objects expanded to their fields (leaves only). */
function argumentKeys(): string[] {
    const keys: string[] = [];
    const visit = (key: string, spec: PropertySpec) => {
        const type = referencedType(schema, spec);
        if (type?.properties) {
            Object.entries(type.properties).forEach(([k, v]) => visit(`${key}.${k}`, v));
        } else {
            keys.push(key);
        }
    };
    for (const [name, spec] of Object.entries(model.inputProperties!)) {
        if (name === "tags") {
            visit("tags", spec);
        } else if (name === "inferenceComponents") {
            visit("inferenceComponents.<key>", spec.additionalProperties!);
        } else if (!SHORTHAND.includes(name)) {
            visit(`endpoint.${name}`, spec);
        }
    }
    return keys;
}

describe("README stack configuration table against schema.json", () => {
    const documented = documentedKeys();
    const argumentsAsKeys = argumentKeys();

    it("reads the table", () => {
        expect(documented).to.include("endpoint.instanceType").and.include("inferenceComponents.<key>.scaling.scaleOutCooldownSeconds");
        expect(documented).to.include("endpoint.callerPolicy.allowWake");
    });

    it("documents no key that is not an argument (a renamed or removed argument leaves no stale row)", () => {
        const known = (key: string) => argumentsAsKeys.some((a) => a === key || a.startsWith(`${key}.`));
        expect(documented.filter((k) => !STACK_ONLY.includes(k) && !known(k))).to.deep.equal([]);
    });

    it("documents every argument, itself or through the object it belongs to", () => {
        const covered = (key: string) => documented.some((d) => d === key || key.startsWith(`${d}.`));
        expect(argumentsAsKeys.filter((k) => !covered(k))).to.deep.equal([]);
    });
});
