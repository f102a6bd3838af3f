import * as pulumi from "@pulumi/pulumi";
import { InferenceComponentArgs } from "./args";

/** Name segments (split at `_`) that mark a credential: `HF_TOKEN`, `OPENAI_API_KEY`, `DB_PASSWORD`. */
const CREDENTIAL_SEGMENTS = new Set(["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS", "AUTH"]);

/** True when an environment variable's name looks like it holds a credential. */
export function looksLikeCredential(name: string): boolean {
    return name.toUpperCase().split(/[_\W]+/).some((segment) => CREDENTIAL_SEGMENTS.has(segment));
}

/**
 * Warnings for plain-text environment values whose names look like credentials: SageMaker stores the container
 * environment in plain text, and Pulumi keeps a plain value visible in state and previews.
 */
export function credentialWarnings(components: Record<string, InferenceComponentArgs>, single: boolean): string[] {
    const warnings: string[] = [];
    for (const [key, component] of Object.entries(components)) {
        const environment = component?.model?.environment;
        if (typeof environment !== "object" || environment === null || pulumi.Output.isInstance(environment)) {
            continue; // a whole-map Output: nothing to warn about before deployment
        }
        for (const [name, value] of Object.entries(environment)) {
            if (typeof value === "string" && looksLikeCredential(name)) {
                const path = `${single ? "" : `inferenceComponents.${key}.`}model.environment.${name}`;
                const config = single ? "" : `, or in stack config \`pulumi config set --secret --path 'inferenceComponents.${key}.model.environment.${name}' <value>\``;
                warnings.push(`${path} looks like a credential but is plain text (visible in Pulumi state and previews): pass pulumi.secret(value)${config}`);
            }
        }
    }
    return warnings;
}

/** Marks every container environment value secret (used when the config key that holds them is a secret). */
export function secretEnvironment(components: Record<string, InferenceComponentArgs>): Record<string, InferenceComponentArgs> {
    return Object.fromEntries(
        Object.entries(components).map(([key, c]) => {
            const environment = c?.model?.environment;
            if (environment === undefined || environment === null || typeof environment !== "object" || pulumi.Output.isInstance(environment) || environment instanceof Promise) {
                return [key, c];
            }
            const secret = Object.fromEntries(Object.entries(environment).map(([n, v]) => [n, pulumi.secret(v)]));
            return [key, { ...c, model: { ...c.model, environment: secret } }];
        }),
    );
}
