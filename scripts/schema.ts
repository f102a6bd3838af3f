// `npm run schema`: regenerates schema.json, the Pulumi package schema every other language's SDK is generated
// from. It is inferred from the args interfaces exactly as the plugin infers it when `pulumi package add` loads
// this repository (@pulumi/pulumi provider/experimental: ComponentProvider.getSchema), so an args change shows
// up as a reviewed diff of schema.json; tests/plugin/schema.test.ts fails until it is regenerated.
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const SCHEMA_PATH = path.join(REPO_ROOT, "schema.json");

/** The parts of a Pulumi package schema (pkg/codegen/schema) the tests look at. */
export interface PropertySpec {
    readonly type?: string;
    readonly $ref?: string;
    readonly description?: string;
    readonly items?: PropertySpec;
    readonly additionalProperties?: PropertySpec;
    readonly plain?: boolean;
}
export interface ObjectTypeSpec {
    readonly type: string;
    readonly description?: string;
    readonly properties?: Record<string, PropertySpec>;
    readonly required?: string[];
    readonly enum?: { name?: string; value: string | number; description?: string }[];
}
export interface ResourceSpec extends ObjectTypeSpec {
    readonly isComponent?: boolean;
    readonly inputProperties?: Record<string, PropertySpec>;
    readonly requiredInputs?: string[];
}
export interface PackageSchema {
    readonly name: string;
    readonly version?: string;
    readonly description?: string;
    readonly resources: Record<string, ResourceSpec>;
    readonly types?: Record<string, ObjectTypeSpec>;
    readonly [key: string]: unknown;
}

/** Reads package.json: the plugin's name is the package name (run-plugin derives the provider name from it). */
export function packageManifest(): { name: string; version: string; description?: string } {
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        name: string;
        version: string;
        description?: string;
    };
}

/**
 * Infers the schema from the component package's TypeScript sources. The components are found the way run-plugin
 * finds them: every ComponentResource class the package entry exports.
 */
export async function inferSchema(): Promise<PackageSchema> {
    const components = getPulumiComponents(await import("../components"));
    const provider = new ComponentProvider({ name: packageManifest().name, dirname: REPO_ROOT, components });
    return JSON.parse(await provider.getSchema()) as PackageSchema;
}

/** The schema as committed in schema.json. */
export function committedSchema(): PackageSchema {
    return JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")) as PackageSchema;
}

export function formatSchema(schema: PackageSchema): string {
    return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
    inferSchema()
        .then((schema) => {
            fs.writeFileSync(SCHEMA_PATH, formatSchema(schema));
            console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}: ${Object.keys(schema.resources).join(", ")}`);
        })
        .catch((err: unknown) => {
            console.error(err instanceof Error ? err.message : err);
            process.exit(1);
        });
}
