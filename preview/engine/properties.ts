// How the Pulumi SDK encodes property values on the wire (@pulumi/pulumi runtime/rpc.js): plain JSON in a
// google.protobuf.Struct, with objects carrying a signature key for secrets, resource references, output values,
// assets and archives, and one sentinel string for unknown values (computed later, seen in previews).

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** A decoded property bag plus where the SDK marked values secret or unknown (dotted paths, `[i]` for arrays). */
export interface DecodedProperties {
    values: Record<string, unknown>;
    secretPaths: string[];
    unknownPaths: string[];
}

/** Decodes what the SDK sent: secrets and output values become their plain values; their paths are recorded. */
export function decodeProperties(wire: Record<string, unknown>): DecodedProperties {
    const secretPaths: string[] = [];
    const unknownPaths: string[] = [];
    const decode = (value: unknown, path: string): unknown => {
        if (value === UNKNOWN) {
            unknownPaths.push(path);
            return UNKNOWN;
        }
        if (Array.isArray(value)) {
            return value.map((v, i) => decode(v, `${path}[${i}]`));
        }
        if (typeof value !== "object" || value === null) {
            return value;
        }
        const record = value as Record<string, unknown>;
        switch (record[SIG_KEY]) {
            case SECRET_SIG:
                secretPaths.push(path);
                return decode(record.value, path);
            case OUTPUT_VALUE_SIG:
                if (record.secret === true) {
                    secretPaths.push(path);
                }
                if (!("value" in record)) {
                    unknownPaths.push(path);
                    return UNKNOWN;
                }
                return decode(record.value, path);
            case RESOURCE_SIG:
                return { urn: record.urn, ...(record.id !== undefined && { id: decode(record.id, `${path}.id`) }) };
            default:
                return Object.fromEntries(
                    Object.entries(record).map(([k, v]) => [k, decode(v, path === "" ? k : `${path}.${k}`)]),
                );
        }
    };
    const values = decode(wire, "") as Record<string, unknown>;
    return { values, secretPaths, unknownPaths };
}

/** Wraps the values at `secretPaths` (top-level keys only) as secrets, as a provider returns secret outputs. */
export function encodeSecretOutputs(values: Record<string, unknown>, secretKeys: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, secretKeys.includes(k) ? { [SIG_KEY]: SECRET_SIG, value: v } : v]),
    );
}
