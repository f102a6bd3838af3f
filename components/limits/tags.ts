import { LIMITS } from "./awsLimits";

const T = LIMITS.tags;

/** Problems of a tag map against the CloudFormation tag rules every resource of the endpoint shares. */
export function tagProblems(path: string, tags: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const entries = Object.entries(tags);
    if (entries.length > T.maxCount) {
        problems.push(`${path} has ${entries.length} tags; AWS allows at most ${T.maxCount} per resource`);
    }
    for (const [key, value] of entries) {
        if (key.length < 1 || key.length > T.maxKeyLength || key.toLowerCase().startsWith(T.reservedPrefix)) {
            problems.push(`${path} key ${JSON.stringify(key)} must be 1-${T.maxKeyLength} characters and must not start with "${T.reservedPrefix}"`);
        } else if (!T.pattern.test(key)) {
            problems.push(`${path} key ${JSON.stringify(key)} may contain only letters, digits, spaces and _ . : / = + - @`);
        }
        if (typeof value !== "string") {
            continue;
        }
        if (value.length < T.minValueLength || value.length > T.maxValueLength) {
            problems.push(`${path}.${key} must be ${T.minValueLength}-${T.maxValueLength} characters (SageMaker inference components reject empty tag values; got ${value.length})`);
        } else if (!T.pattern.test(value)) {
            problems.push(`${path}.${key} may contain only letters, digits, spaces and _ . : / = + - @ (got ${JSON.stringify(value)})`);
        }
    }
    return problems;
}
