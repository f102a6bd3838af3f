import * as pulumi from "@pulumi/pulumi";
import { closest, distance } from "fastest-levenshtein";
import {
    EndpointArgs,
    InferenceComponentArgs,
    ScaleToZeroArgumentError,
    ScaleToZeroModelArgs,
    validateScaleToZeroModelArgs,
} from "./components";
import { secretEnvironment } from "./components/secrets";
import { COMPONENT_FIELDS, COMPONENT_NESTED_FIELDS, ENDPOINT_FIELDS, ENDPOINT_NESTED_FIELDS } from "./configFields";
import { isConfigSecret, resolveSecureValues } from "./configSecrets";

/** Project name: the namespace of this program's stack configuration keys. */
export const PROJECT = "scale-to-zero";

/** The typed stack configuration of the program (`Pulumi.<stack>.yaml`). */
export interface StackConfig {
    /** Resource name of the `ScaleToZeroModel` (`scale-to-zero:name`). Default `llm`. */
    readonly name: string;
    /** The component's arguments, assembled from `endpoint`, `inferenceComponents` and `tags`. */
    readonly model: ScaleToZeroModelArgs;
    /** Region from `aws:region`, used for the printed invoke command. */
    readonly region?: string;
}

/** Every `scale-to-zero:` key the program reads; anything else is a typo and is reported. */
export const CONFIG_KEYS = ["name", "endpoint", "inferenceComponents", "tags"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`rollingUpdate.maximumBatchSize`), undefined where a level is missing. */
function fieldAt(value: Record<string, unknown>, dotted: string): unknown {
    return dotted.split(".").reduce<unknown>((v, part) => (isRecord(v) ? v[part] : undefined), value);
}

/** Pulumi hands structured config to programs as JSON strings; YAML files hold objects. Accept both. */
function structured(key: string, value: unknown, problems: string[]): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        problems.push(`${key} must be a structured (YAML map) value, got the string ${JSON.stringify(value)}`);
        return undefined;
    }
}

function checkFields(problems: string[], path: string, value: unknown, allowed: readonly string[]): void {
    if (value === undefined) {
        return;
    }
    if (!isRecord(value)) {
        problems.push(`${path} must be a map with the fields ${allowed.join(", ")}`);
        return;
    }
    for (const field of Object.keys(value)) {
        if (!allowed.includes(field)) {
            problems.push(`${path}.${field} is not a known setting (allowed: ${allowed.join(", ")})`);
        }
    }
}

/** A namespace this close to ours (edit distance) is taken for a typo of it, not another package's settings. */
const NAMESPACE_TYPO_DISTANCE = 3;

/** Reports `scale-to-zer0:tags`-style keys, whose settings Pulumi would otherwise silently ignore. */
function namespaceTypos(raw: Record<string, unknown>): string[] {
    return Object.keys(raw).flatMap((key) => {
        const [namespace, ...rest] = key.split(":");
        if (rest.length === 0 || namespace === PROJECT || distance(namespace.toLowerCase(), PROJECT) > NAMESPACE_TYPO_DISTANCE) {
            return [];
        }
        return [`${key} is ignored: its namespace "${namespace}" looks like a misspelt "${PROJECT}" (did you mean ${PROJECT}:${rest.join(":")}?)`];
    });
}

/**
 * Parses and validates stack configuration. `raw` is the stack's `config:` map (`Pulumi.<stack>.yaml`) or the
 * engine's config (`pulumi.runtime.allConfig()`), keyed `scale-to-zero:<key>`. `secretKeys` are the keys Pulumi
 * marks secret (`pulumi config set --secret`); see `configSecrets.ts`. Throws one error listing every problem with
 * the full config key, so `pulumi up` stops before creating anything.
 */
export function parseStackConfig(raw: Record<string, unknown>, secretKeys: readonly string[] = []): StackConfig {
    const problems: string[] = namespaceTypos(raw);
    const prefix = `${PROJECT}:`;
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (!key.startsWith(prefix)) {
            continue;
        }
        const short = key.slice(prefix.length);
        if (!(CONFIG_KEYS as readonly string[]).includes(short)) {
            problems.push(
                `${key} is not a known setting (did you mean ${prefix}${closest(short, [...CONFIG_KEYS])}? allowed: ${CONFIG_KEYS.map((k) => prefix + k).join(", ")})`,
            );
            continue;
        }
        own[short] = short === "name" ? value : structured(key, value, problems);
    }
    const secure = resolveSecureValues(own, secretKeys, problems, prefix);
    if ("name" in own && (own.name === null || own.name === "")) {
        problems.push(`${prefix}name is empty: remove the key for the default "llm", or give a name`);
    }
    const name = own.name ?? "llm";
    if (name !== null && name !== "" && (typeof name !== "string" || !/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(name))) {
        problems.push(`${prefix}name must be letters, digits and hyphens (got ${JSON.stringify(name)})`);
    }
    const endpoint = own.endpoint;
    if (endpoint === undefined) {
        problems.push(`${prefix}endpoint is required (at least { instanceType: ml.g5.12xlarge })`);
    }
    checkFields(problems, `${prefix}endpoint`, endpoint, ENDPOINT_FIELDS);
    if (isRecord(endpoint)) {
        for (const [field, allowed] of Object.entries(ENDPOINT_NESTED_FIELDS)) {
            checkFields(problems, `${prefix}endpoint.${field}`, fieldAt(endpoint, field), allowed);
        }
    }
    const components = own.inferenceComponents;
    if (components === undefined) {
        problems.push(`${prefix}inferenceComponents is required: a map of name -> { model, compute, scaling? }`);
    } else if (!isRecord(components)) {
        problems.push(`${prefix}inferenceComponents must be a map of name -> { model, compute, scaling? }`);
    } else {
        for (const [key, component] of Object.entries(components)) {
            const path = `${prefix}inferenceComponents.${key}`;
            checkFields(problems, path, component, COMPONENT_FIELDS);
            if (isRecord(component)) {
                for (const [field, allowed] of Object.entries(COMPONENT_NESTED_FIELDS)) {
                    checkFields(problems, `${path}.${field}`, fieldAt(component, field), allowed);
                }
            }
        }
    }
    if (problems.length > 0) {
        throw new ScaleToZeroArgumentError(problems, "invalid stack configuration");
    }
    const declared = components as Record<string, InferenceComponentArgs>;
    const model: ScaleToZeroModelArgs = {
        ...(endpoint as EndpointArgs),
        // Pulumi marks a whole structured key secret when any value inside it is: keep every environment value secret.
        inferenceComponents: secure ? secretEnvironment(declared) : declared,
        tags: own.tags as Record<string, string> | undefined,
    };
    try {
        validateScaleToZeroModelArgs(model, "invalid stack configuration");
    } catch (error) {
        if (error instanceof ScaleToZeroArgumentError) {
            // Same validators as the component, reported with the config keys the user edits.
            throw new ScaleToZeroArgumentError(error.problems.map((p) => configPath(p)), "invalid stack configuration");
        }
        throw error;
    }
    const region = raw["aws:region"];
    return { name: name as string, model, region: typeof region === "string" ? region : undefined };
}

/** Maps a component argument path (`maxInstanceCount`, `inferenceComponents.x...`) to its config key. */
function configPath(problem: string): string {
    if (problem.startsWith("inferenceComponents")) {
        return `${PROJECT}:${problem}`;
    }
    if (problem.startsWith("tags")) {
        return `${PROJECT}:${problem}`;
    }
    return `${PROJECT}:endpoint.${problem}`;
}

/** Reads the running stack's configuration and its secret keys from the Pulumi engine. */
export function loadStackConfig(): StackConfig {
    const raw = pulumi.runtime.allConfig();
    return parseStackConfig(raw, Object.keys(raw).filter(isConfigSecret));
}
