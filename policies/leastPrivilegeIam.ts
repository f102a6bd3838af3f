import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ACTIONS_WITHOUT_RESOURCE_SCOPE } from "./lib/awsIdentifiers";
import { configWithDefaults } from "./lib/config";
import { TYPES, requireType } from "./lib/resources";
import { UNKNOWN, get, list, show, stringList } from "./lib/values";

export const LEAST_PRIVILEGE_IAM = "least-privilege-iam";

export interface LeastPrivilegeIamConfig {
    /** Actions, besides ACTIONS_WITHOUT_RESOURCE_SCOPE, that may be granted on Resource "*". */
    readonly additionalUnscopedActions: readonly string[];
}

export const LEAST_PRIVILEGE_IAM_DEFAULTS: LeastPrivilegeIamConfig = { additionalUnscopedActions: [] };

/**
 * IAM policies (RolePolicy, Policy, and inline policies of a Role) must not grant every action (`*`), every
 * action of a service (`s3:*`), or any action on every resource (`*`) — except the actions AWS cannot scope by
 * resource (ecr:GetAuthorizationToken, cloudwatch:PutMetricData), which may only ever be granted on `*`.
 * Deny statements are not checked: a broad Deny only removes permissions.
 */
export const leastPrivilegeIam: ResourceValidationPolicy = {
    name: LEAST_PRIVILEGE_IAM,
    description:
        "IAM policies must grant named actions on named resources: no \"*\" or \"<service>:*\" actions, no NotAction / " +
        `NotResource in Allow statements, and Resource "*" only for actions AWS cannot scope (${ACTIONS_WITHOUT_RESOURCE_SCOPE.join(", ")}).`,
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "iam"],
    remediationSteps:
        "List the exact actions the workload needs and the ARNs it needs them on (ECR repositories, S3 objects, log " +
        "groups). Keep Resource \"*\" only for ecr:GetAuthorizationToken and cloudwatch:PutMetricData.",
    configSchema: {
        properties: {
            additionalUnscopedActions: {
                type: "array",
                items: { type: "string" },
                default: [...LEAST_PRIVILEGE_IAM_DEFAULTS.additionalUnscopedActions],
                description:
                    `Actions that may be granted on Resource "*" in addition to ${ACTIONS_WITHOUT_RESOURCE_SCOPE.join(", ")} ` +
                    "(for other actions that AWS does not scope by resource, e.g. sts:GetCallerIdentity). Exact names, case-insensitive.",
            },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        requireType(args, TYPES.iamRolePolicy, TYPES.iamPolicy, TYPES.iamRole);
        const config = configWithDefaults(args, LEAST_PRIVILEGE_IAM_DEFAULTS);
        const unscoped = [...ACTIONS_WITHOUT_RESOURCE_SCOPE, ...config.additionalUnscopedActions];
        if (args.type === TYPES.iamRole) {
            const inline = list(get(args.props, "inlinePolicies"));
            if (inline === UNKNOWN) {
                return;
            }
            inline.forEach((entry, i) => {
                const name = get(entry, "name");
                const label = typeof name === "string" ? `inline policy "${name}"` : `inlinePolicies[${i}]`;
                for (const problem of documentProblems(get(entry, "policy"), unscoped)) {
                    reportViolation(`${label}: ${problem}`);
                }
            });
            return;
        }
        for (const problem of documentProblems(get(args.props, "policy"), unscoped)) {
            reportViolation(`policy document: ${problem}`);
        }
    },
};

/** Parses a policy document given as JSON text or as an object; `UNKNOWN` during preview. */
function parseDocument(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return new SyntaxError("not valid JSON");
    }
}

/** Every least-privilege problem of one policy document, as messages that say what to change. */
export function documentProblems(value: unknown, unscopedActions: readonly string[]): string[] {
    if (value === UNKNOWN || value === undefined || value === null || value === "") {
        return [];
    }
    const document = parseDocument(value);
    if (document instanceof SyntaxError) {
        return ["is not valid JSON, so it cannot be checked; pass a JSON policy document (e.g. JSON.stringify({...}))."];
    }
    const statementValue = get(document, "Statement");
    const statements = Array.isArray(statementValue) || statementValue === UNKNOWN ? list(statementValue) : [statementValue];
    if (statements === UNKNOWN) {
        return [];
    }
    const unscoped = new Set(unscopedActions.map((a) => a.toLowerCase()));
    const problems: string[] = [];
    statements.forEach((statement, i) => {
        if (statement === UNKNOWN || statement === undefined || get(statement, "Effect") !== "Allow") {
            return;
        }
        const sid = get(statement, "Sid");
        const label = typeof sid === "string" && sid !== "" ? `statement "${sid}"` : `Statement[${i}]`;
        if (get(statement, "NotAction") !== undefined) {
            problems.push(`${label} allows NotAction, which grants every other action: list the allowed actions in Action instead.`);
        }
        if (get(statement, "NotResource") !== undefined) {
            problems.push(`${label} allows NotResource, which grants every other resource: list the resource ARNs in Resource instead.`);
        }
        const actions = stringList(get(statement, "Action"));
        const resources = stringList(get(statement, "Resource"));
        if (actions !== UNKNOWN) {
            const wildcards = actions.filter((a) => a === "*" || /^[^:]+:\*$/.test(a));
            if (wildcards.length > 0) {
                problems.push(
                    `${label} grants ${wildcards.map((a) => show(a)).join(", ")}, i.e. every action${wildcards.includes("*") ? "" : " of a service"}: ` +
                        `list only the actions the workload needs (e.g. "s3:GetObject" instead of "s3:*").`,
                );
            }
        }
        if (actions !== UNKNOWN && resources !== UNKNOWN && resources.includes("*")) {
            const scopable = actions.filter((a) => !unscoped.has(a.toLowerCase()));
            if (scopable.length > 0) {
                problems.push(
                    `${label} grants ${scopable.map((a) => show(a)).join(", ")} on Resource "*": scope ${scopable.length === 1 ? "it" : "them"} ` +
                        `to the ARNs the workload uses (ECR repositories, S3 buckets/objects, log groups). Only ` +
                        `${unscopedActions.join(", ")} may use Resource "*"; move ${scopable.length === 1 ? "that action" : "those actions"} ` +
                        `into a statement with specific resources.`,
                );
            }
        }
    });
    return problems;
}
