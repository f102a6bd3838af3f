import schema from "./schema.json";

// The fields each stack config object accepts, derived from schema.json, which `npm run schema` generates from the
// component's args interfaces (the one source of truth; tests/plugin/schema.test.ts keeps schema.json equal to
// them). So a new argument is accepted in Pulumi.<stack>.yaml without a second list to update.

interface Property {
    readonly $ref?: string;
}
interface ObjectType {
    readonly properties?: Record<string, Property>;
}

const types = (schema as { types?: Record<string, ObjectType> }).types ?? {};
const model = (schema as unknown as { resources: Record<string, { inputProperties: Record<string, Property> }> }).resources[
    "scale-to-zero:index:ScaleToZeroModel"
];

function referenced(property: Property): ObjectType | undefined {
    const ref = property.$ref;
    return ref?.startsWith("#/types/") ? types[decodeURIComponent(ref.slice("#/types/".length))] : undefined;
}

/** Dotted path (relative to `properties`' owner) -> the fields of every object type reachable through `$ref`s. */
function nestedFields(properties: Record<string, Property>, prefix = ""): Record<string, readonly string[]> {
    const out: Record<string, readonly string[]> = {};
    for (const [field, property] of Object.entries(properties)) {
        const type = referenced(property);
        if (type?.properties) {
            out[`${prefix}${field}`] = Object.keys(type.properties);
            Object.assign(out, nestedFields(type.properties, `${prefix}${field}.`));
        }
    }
    return out;
}

const component = types["scale-to-zero:index:InferenceComponent"].properties ?? {};
const inputs = model.inputProperties;
/** Config keys of their own (`scale-to-zero:inferenceComponents`, `scale-to-zero:tags`), not endpoint fields. */
const OWN_KEYS = new Set(["inferenceComponents", "tags"]);
const endpoint = Object.fromEntries(Object.entries(inputs).filter(([k]) => !(k in component) && !OWN_KEYS.has(k)));

/** Fields of `scale-to-zero:endpoint`. */
export const ENDPOINT_FIELDS: readonly string[] = Object.keys(endpoint);
/** Nested objects of `scale-to-zero:endpoint` (e.g. `schedule`) and their fields. */
export const ENDPOINT_NESTED_FIELDS = nestedFields(endpoint);
/** Fields of one `scale-to-zero:inferenceComponents.<key>`. */
export const COMPONENT_FIELDS: readonly string[] = Object.keys(component);
/** Nested objects of a component (e.g. `scaling`, `rollingUpdate.maximumBatchSize`) and their fields. */
export const COMPONENT_NESTED_FIELDS = nestedFields(component);
