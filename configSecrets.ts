import * as runtimeConfig from "@pulumi/pulumi/runtime/config";

/** What an encrypted value stands for in a stack file read without the stack's key (the offline preview). */
export const SECRET_PLACEHOLDER = "[secret]";

/**
 * True when Pulumi marks `key` secret. The nodejs SDK keeps the list in `PULUMI_CONFIG_SECRET_KEYS` and checks it
 * with `isConfigSecret` (@pulumi/pulumi runtime/config.ts; exported at runtime, marked @internal so missing from the
 * typings); the environment variable is the fallback.
 */
export function isConfigSecret(key: string): boolean {
    const check = (runtimeConfig as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
    if (check) {
        return check(key);
    }
    try {
        const keys: unknown = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS ?? "[]");
        return Array.isArray(keys) && keys.includes(key);
    } catch {
        return false;
    }
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && typeof (value as { secure?: unknown }).secure === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Paths of `{ secure: ... }` values inside `value`. */
function securePaths(value: unknown, path: string): string[] {
    if (isSecure(value)) {
        return [path];
    }
    return isRecord(value) ? Object.entries(value).flatMap(([k, v]) => securePaths(v, `${path}.${k}`)) : [];
}

/**
 * Finds the secrets of the stack config and says whether the container environment must be passed as secrets.
 * Two forms reach the program:
 * - from the engine, values arrive decrypted and the key is listed as secret: any secure value inside the
 *   structured `scale-to-zero:inferenceComponents` marks the whole key, so every environment value becomes secret;
 * - from a stack file (offline preview), `{ secure: v1:... }` objects: those in a container environment are
 *   replaced by a placeholder (they cannot be decrypted here) and kept secret.
 * A secret anywhere else would end up in resource names, tags or policies in plain text, so it is reported.
 * Mutates `own.inferenceComponents` (placeholders); pushes problems.
 */
export function resolveSecureValues(own: Record<string, unknown>, secretKeys: readonly string[], problems: string[], prefix: string): boolean {
    const PREFIX = prefix;
    let secret = secretKeys.includes(`${PREFIX}inferenceComponents`);
    for (const key of secretKeys) {
        if (key.startsWith(PREFIX) && key !== `${PREFIX}inferenceComponents`) {
            problems.push(
                `${key} is a secret, but its values become resource names, tags and policies that Pulumi cannot keep secret: only container environment values (${PREFIX}inferenceComponents.<name>.model.environment.<VAR>) may be secret`,
            );
        }
    }
    for (const [short, value] of Object.entries(own)) {
        for (const path of securePaths(value, `${PREFIX}${short}`)) {
            const environment = /^inferenceComponents\.[^.]+\.model\.environment\.[^.]+$/.test(path.slice(PREFIX.length));
            if (!environment) {
                problems.push(`${path} is a secure value, but only container environment values may be secret (the rest becomes resource names, tags and policies)`);
            }
        }
    }
    // A copy: the caller's parsed stack file stays as it was.
    const components: unknown = isRecord(own.inferenceComponents) ? structuredClone(own.inferenceComponents) : own.inferenceComponents;
    own.inferenceComponents = components;
    if (isRecord(components)) {
        for (const component of Object.values(components)) {
            const environment = isRecord(component) && isRecord(component.model) ? component.model.environment : undefined;
            if (!isRecord(environment)) {
                continue;
            }
            for (const [name, value] of Object.entries(environment)) {
                if (isSecure(value)) {
                    environment[name] = SECRET_PLACEHOLDER;
                    secret = true;
                }
            }
        }
    }
    return secret;
}
