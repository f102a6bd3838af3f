import { expect } from "chai";
import { INSTANCE_SCALE_IN_STRATEGIES, ROUTING_STRATEGIES, SCHEDULE_METHODS } from "../../components/args";
import { COMPONENT_TYPES } from "../../components/typeTokens";
import { committedSchema, ObjectTypeSpec, PackageSchema, PropertySpec } from "../../scripts/schema";

// The committed schema.json is what other languages' SDKs are generated from; plugin.test.ts proves the plugin
// serves exactly this file. These checks keep it fit for that: every token, requirement and enum as the
// TypeScript args declare them, nothing untyped, and a description on every input.

const PREFIX = "scale-to-zero:index:";
const schema: PackageSchema = committedSchema();
const model = schema.resources[COMPONENT_TYPES.ScaleToZeroModel];
const queue = schema.resources[COMPONENT_TYPES.ScaleToZeroQueue];
const types = schema.types ?? {};

function typeOf(ref: string): ObjectTypeSpec {
    const token = decodeURIComponent(ref.replace(/^#\/types\//, ""));
    expect(types, `type ${token}`).to.have.property(token);
    return types[token];
}

/** Every property reachable from the component inputs, with its path. */
function inputProperties(): { path: string; spec: PropertySpec }[] {
    const found: { path: string; spec: PropertySpec }[] = [];
    const seen = new Set<string>();
    const visit = (path: string, spec: PropertySpec) => {
        found.push({ path, spec });
        for (const inner of [spec, spec.items, spec.additionalProperties]) {
            if (inner?.$ref?.startsWith("#/types/") && !seen.has(inner.$ref)) {
                seen.add(inner.$ref);
                for (const [k, v] of Object.entries(typeOf(inner.$ref).properties ?? {})) {
                    visit(`${inner.$ref.slice("#/types/".length)}.${k}`, v);
                }
            }
        }
    };
    for (const [token, resource] of Object.entries(schema.resources)) {
        for (const [k, v] of Object.entries(resource.inputProperties ?? {})) {
            visit(`${token}.${k}`, v);
        }
    }
    return found;
}

describe("schema.json (the package schema other languages use)", () => {
    it("names the package after package.json and holds exactly the two components, in module index", () => {
        expect(schema.name).to.equal("scale-to-zero");
        expect(Object.keys(schema.resources).sort()).to.deep.equal([
            "scale-to-zero:index:ScaleToZeroModel",
            "scale-to-zero:index:ScaleToZeroQueue",
        ]);
        expect(model.isComponent).to.equal(true);
        expect(queue.isComponent).to.equal(true);
        expect(Object.keys(types).every((t) => t.startsWith(PREFIX)), Object.keys(types).join(", ")).to.equal(true);
        // SDK generators append `Args` to input types: a type named `...Args` would become `...ArgsArgs`.
        expect(Object.keys(types).filter((t) => t.endsWith("Args"))).to.deep.equal([]);
    });

    it("requires what the args interfaces require, at every level", () => {
        expect(model.requiredInputs).to.deep.equal(["instanceType"]);
        expect(queue.requiredInputs).to.deep.equal(["endpointArn", "inferenceComponentArns"]);
        expect(types[`${PREFIX}InferenceComponent`].required).to.deep.equal(["compute", "model"]);
        expect(types[`${PREFIX}ComputeRequirements`].required).to.deep.equal(["acceleratorCount", "memoryMiB"]);
        expect(types[`${PREFIX}WeeklySchedule`].required).to.deep.equal(["scaleInCron", "scaleOutCron", "timezone"]);
        expect(types[`${PREFIX}InstanceScaleIn`].required).to.deep.equal(["strategy"]);
    });

    it("declares the three string choices as enums with the values the validators accept", () => {
        const values = (name: string) => (types[`${PREFIX}${name}`].enum ?? []).map((m) => m.value);
        expect(values("RoutingStrategy")).to.deep.equal([...ROUTING_STRATEGIES]);
        expect(values("ScheduleMethod")).to.deep.equal([...SCHEDULE_METHODS]);
        expect(values("InstanceScaleInStrategy")).to.deep.equal([...INSTANCE_SCALE_IN_STRATEGIES]);
        expect(model.inputProperties!.routingStrategy.$ref).to.equal(`#/types/${PREFIX}RoutingStrategy`);
        expect(types[`${PREFIX}WeeklySchedule`].properties!.method.$ref).to.equal(`#/types/${PREFIX}ScheduleMethod`);
        expect(types[`${PREFIX}InstanceScaleIn`].properties!.strategy.$ref).to.equal(`#/types/${PREFIX}InstanceScaleInStrategy`);
        for (const name of ["RoutingStrategy", "ScheduleMethod", "InstanceScaleInStrategy"]) {
            for (const member of types[`${PREFIX}${name}`].enum!) {
                expect(member.description, `${name}.${member.name}`).to.be.a("string").and.not.equal("");
            }
        }
    });

    it("has no untyped (pulumi.json#/Any) property anywhere", () => {
        const anys = JSON.stringify(schema).match(/pulumi\.json#\/Any/g) ?? [];
        expect(anys).to.have.length(0);
    });

    it("describes every input, including the fields of every type an input uses", () => {
        const properties = inputProperties();
        expect(properties.length).to.be.greaterThan(60);
        const undescribed = properties.filter((p) => !p.spec.description).map((p) => p.path);
        expect(undescribed).to.deep.equal([]);
    });

    it("offers the single-model shorthand with the fields and types of InferenceComponent, all optional", () => {
        const component = types[`${PREFIX}InferenceComponent`].properties!;
        expect(Object.keys(component).sort()).to.deep.equal([
            "adapters",
            "compute",
            "computeByInstanceType",
            "dataCache",
            "inferenceComponentName",
            "model",
            "placement",
            "rollingUpdate",
            "scaling",
            "startup",
        ]);
        for (const [field, spec] of Object.entries(component)) {
            const shorthand = model.inputProperties![field];
            expect(shorthand, field).to.not.equal(undefined);
            expect({ type: shorthand.type, $ref: shorthand.$ref }, field).to.deep.equal({ type: spec.type, $ref: spec.$ref });
            expect(model.requiredInputs, field).to.not.include(field);
        }
        expect(model.inputProperties!.inferenceComponents.additionalProperties!.$ref).to.equal(`#/types/${PREFIX}InferenceComponent`);
    });
});
