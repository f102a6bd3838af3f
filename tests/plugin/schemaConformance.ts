import { ObjectTypeSpec, PackageSchema, PropertySpec } from "../../scripts/schema";

/** The type a `#/types/<token>` reference names (undefined for primitives and external references). */
export function referencedType(schema: PackageSchema, spec: PropertySpec | undefined): ObjectTypeSpec | undefined {
    const ref = spec?.$ref;
    if (!ref?.startsWith("#/types/")) {
        return undefined;
    }
    return schema.types?.[decodeURIComponent(ref.slice("#/types/".length))];
}

/**
 * What a program in another language may write for one value of `spec`, as problems naming the path:
 * unknown properties, missing required ones, enum values outside the enum, wrong primitive types.
 */
export function conformanceProblems(schema: PackageSchema, spec: PropertySpec, value: unknown, path: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    const type = referencedType(schema, spec);
    if (type?.enum) {
        const allowed = type.enum.map((m) => m.value);
        return allowed.includes(value as string) ? [] : [`${path}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`];
    }
    if (type) {
        return objectProblems(schema, type.properties ?? {}, type.required ?? [], value, path);
    }
    if (spec.type === "array") {
        return Array.isArray(value)
            ? value.flatMap((v, i) => conformanceProblems(schema, spec.items!, v, `${path}[${i}]`))
            : [`${path}: expected a list`];
    }
    if (spec.type === "object" && spec.additionalProperties) {
        return typeof value === "object"
            ? Object.entries(value).flatMap(([k, v]) => conformanceProblems(schema, spec.additionalProperties!, v, `${path}.${k}`))
            : [`${path}: expected a map`];
    }
    const expected = spec.type === "integer" ? "number" : spec.type;
    return typeof value === expected ? [] : [`${path}: expected ${spec.type}, got ${JSON.stringify(value)}`];
}

/** Problems of an object value against declared properties and required names. */
export function objectProblems(
    schema: PackageSchema,
    properties: Record<string, PropertySpec>,
    required: readonly string[],
    value: unknown,
    path: string,
): string[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [`${path}: expected an object`];
    }
    const record = value as Record<string, unknown>;
    return [
        ...required.filter((k) => record[k] === undefined).map((k) => `${path}.${k} is required`),
        ...Object.entries(record).flatMap(([k, v]) =>
            properties[k] ? conformanceProblems(schema, properties[k], v, `${path}.${k}`) : [`${path}.${k} is not in the schema`],
        ),
    ];
}

/** Every property name of the schema (component inputs and outputs, and the fields of every type). */
export function allPropertyNames(schema: PackageSchema): Set<string> {
    const names = new Set<string>();
    for (const resource of Object.values(schema.resources)) {
        Object.keys(resource.inputProperties ?? {}).forEach((n) => names.add(n));
        Object.keys(resource.properties ?? {}).forEach((n) => names.add(n));
    }
    for (const type of Object.values(schema.types ?? {})) {
        Object.keys(type.properties ?? {}).forEach((n) => names.add(n));
    }
    return names;
}
