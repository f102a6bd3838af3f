import { LIMITS } from "./awsLimits";

const E = LIMITS.environment;

function bytes(value: string): number {
    return Buffer.byteLength(value, "utf8");
}

/**
 * Problems of a container environment against the Model ContainerDefinition limits. Values that are not plain
 * strings (Pulumi Inputs, secrets) cannot be measured before deployment and are counted by their keys only.
 */
export function environmentProblems(path: string, environment: Record<string, unknown>): string[] {
    const problems: string[] = [];
    let total = 0;
    for (const [key, value] of Object.entries(environment)) {
        if (!E.keyPattern.test(key)) {
            problems.push(`${path} key ${JSON.stringify(key)} must be letters, digits and underscores, not starting with a digit`);
        }
        if (bytes(key) > E.maxEntryBytes) {
            problems.push(`${path} key ${JSON.stringify(key.slice(0, 40))}... is ${bytes(key)} bytes; at most ${E.maxEntryBytes}`);
        }
        total += bytes(key);
        if (typeof value === "string") {
            if (bytes(value) > E.maxEntryBytes) {
                problems.push(`${path}.${key} is ${bytes(value)} bytes; SageMaker allows at most ${E.maxEntryBytes} per value`);
            }
            total += bytes(value);
        }
    }
    if (total > E.maxTotalBytes) {
        problems.push(`${path} has ${total} bytes of keys and values; SageMaker allows at most ${E.maxTotalBytes} in all`);
    }
    return problems;
}
