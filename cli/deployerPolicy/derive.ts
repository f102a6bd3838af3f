import { RecordedResource } from "../../preview/mockEngine";
import { CLOUD_CONTROL_ACTIONS, HANDLER_PERMISSIONS } from "./handlerPermissions";

/**
 * The least-privilege policy for the identity that runs `pulumi up`, `refresh` and `destroy` on a stack, derived
 * from the resources its program registers. Which actions accept which resource ARNs comes from the Service
 * Authorization Reference pages "Actions, resources, and condition keys for" Amazon SageMaker AI, AWS Identity and
 * Access Management, Application Auto Scaling, Amazon CloudWatch, Amazon EventBridge Scheduler and AWS Cloud
 * Control API (docs.aws.amazon.com/service-authorization/latest/reference/).
 */
export interface PolicyStatement {
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export interface DeployerScope {
    readonly partition?: string;
    readonly region: string;
    /** 12-digit account id, or "*" when it is not known. */
    readonly account: string;
}

/** IAM's limit for a customer managed policy, in characters without whitespace (IAM and STS quotas page). */
export const MANAGED_POLICY_MAX_CHARS = 6144;

const SERVICE_LINKED_ROLE = "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint";
const AUTOSCALING_SERVICE = "sagemaker.application-autoscaling.amazonaws.com";

/** A name that ends in components/names.ts's 7-hex hash changes with its inputs: grant its prefix. */
export function namePattern(name: string): string {
    return /-[0-9a-f]{7}$/.test(name) ? `${name.slice(0, -7)}*` : name;
}

function sorted(values: Iterable<string>): string[] {
    return [...new Set(values)].sort();
}

function trustedService(assumeRolePolicy: unknown): string | undefined {
    try {
        const doc = JSON.parse(String(assumeRolePolicy)) as { Statement: { Principal?: { Service?: string | string[] } }[] };
        return [doc.Statement[0]?.Principal?.Service].flat()[0];
    } catch {
        return undefined;
    }
}

function text(value: unknown, what: string): string {
    if (typeof value !== "string" || value === "") {
        throw new Error(`${what} is not known before deployment (got ${JSON.stringify(value)}): cannot scope the deployer policy`);
    }
    return value;
}

/** Derives the deployer's policy; throws on a resource type it does not know, so no permission is left out silently. */
export function deployerPolicy(resources: readonly RecordedResource[], scope: DeployerScope): PolicyDocument {
    const p = scope.partition ?? "aws";
    const arn = (service: string, resource: string, region = scope.region) => `arn:${p}:${service}:${region}:${scope.account}:${resource}`;
    const sageMaker = new Map<string, { actions: Set<string>; arns: Set<string> }>();
    const roles: { pattern: string; service?: string }[] = [];
    const managedPolicies: string[] = [];
    const schedules: string[] = [];
    const alarms: string[] = [];
    const dashboards: string[] = [];
    let scaling = false;
    const unknown: string[] = [];

    for (const r of resources) {
        const i = r.inputs;
        const handler = HANDLER_PERMISSIONS[r.type];
        if (handler) {
            const nameKey = { model: "modelName", "endpoint-config": "endpointConfigName", endpoint: "endpointName", "inference-component": "inferenceComponentName" }[handler.arnKind] as string;
            const entry = sageMaker.get(handler.arnKind) ?? { actions: new Set<string>(), arns: new Set<string>() };
            handler.actions.forEach((a) => entry.actions.add(a));
            entry.arns.add(arn("sagemaker", `${handler.arnKind}/${namePattern(text(i[nameKey], `${r.name}.${nameKey}`))}`));
            sageMaker.set(handler.arnKind, entry);
            continue;
        }
        switch (r.type) {
            case "scale-to-zero:index:ScaleToZeroModel":
            case "scale-to-zero:index:ScaleToZeroQueue":
                break; // components: their children are listed on their own
            case "aws:iam/role:Role":
                roles.push({ pattern: `${text(i.namePrefix ?? i.name, `${r.name}.namePrefix`)}*`, service: trustedService(i.assumeRolePolicy) });
                break;
            case "aws:iam/rolePolicy:RolePolicy":
                break; // inline policies: granted on the roles (iam:PutRolePolicy ...)
            case "aws:iam/policy:Policy":
                managedPolicies.push(`${text(i.namePrefix ?? i.name, `${r.name}.namePrefix`)}*`);
                break;
            case "aws:scheduler/schedule:Schedule":
                schedules.push(`${i.groupName ?? "default"}/${text(i.name, `${r.name}.name`)}`);
                break;
            case "aws:appautoscaling/target:Target":
            case "aws:appautoscaling/policy:Policy":
            case "aws:appautoscaling/scheduledAction:ScheduledAction":
                scaling = true;
                break;
            case "aws:cloudwatch/metricAlarm:MetricAlarm":
                // No name given: the provider auto-names it <resource name>-<7 random characters>.
                alarms.push(typeof i.name === "string" ? i.name : `${r.name}-*`);
                break;
            case "aws:cloudwatch/dashboard:Dashboard":
                dashboards.push(typeof i.dashboardName === "string" ? i.dashboardName : `${r.name}-*`);
                break;
            default:
                unknown.push(`${r.type} (${r.name})`);
        }
    }
    if (unknown.length > 0) {
        throw new Error(`deployer-policy does not know what these resource types need: ${unknown.join(", ")}`);
    }

    const statements: PolicyStatement[] = [];
    const componentArns = [...(sageMaker.get("inference-component")?.arns ?? [])];
    if (sageMaker.size > 0) {
        statements.push({ Sid: "CloudControl", Effect: "Allow", Action: [...CLOUD_CONTROL_ACTIONS], Resource: "*" });
        for (const [kind, entry] of [...sageMaker].sort(([a], [b]) => a.localeCompare(b))) {
            statements.push({
                Sid: `SageMaker${kind.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
                Effect: "Allow",
                Action: sorted(entry.actions),
                Resource: sorted(entry.arns),
            });
        }
    }
    if (roles.length > 0) {
        const roleArns = sorted(roles.map((r) => `arn:${p}:iam::${scope.account}:role/${r.pattern}`));
        statements.push({
            Sid: "StackRoles",
            Effect: "Allow",
            Action: [
                "iam:CreateRole",
                "iam:DeleteRole",
                "iam:DeleteRolePolicy",
                "iam:GetRole",
                "iam:GetRolePolicy",
                "iam:ListAttachedRolePolicies",
                "iam:ListInstanceProfilesForRole",
                "iam:ListRolePolicies",
                "iam:PutRolePolicy",
                "iam:TagRole",
                "iam:UntagRole",
                "iam:UpdateAssumeRolePolicy",
                "iam:UpdateRole",
            ],
            Resource: roleArns,
        });
        // PassRole only to the service each role trusts: the execution role to SageMaker, the scheduler role to
        // EventBridge Scheduler (iam:PassedToService, IAM condition keys).
        const byService = new Map<string, string[]>();
        for (const role of roles.filter((r) => r.service)) {
            byService.set(role.service as string, [...(byService.get(role.service as string) ?? []), `arn:${p}:iam::${scope.account}:role/${role.pattern}`]);
        }
        for (const [service, arns] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
            statements.push({
                Sid: `PassRoleTo${service.split(".")[0].replace(/^\w/, (c) => c.toUpperCase())}`,
                Effect: "Allow",
                Action: ["iam:PassRole"],
                Resource: sorted(arns),
                Condition: { StringEquals: { "iam:PassedToService": service } },
            });
        }
    }
    if (managedPolicies.length > 0) {
        statements.push({
            Sid: "CallerPolicy",
            Effect: "Allow",
            Action: [
                "iam:CreatePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicy",
                "iam:DeletePolicyVersion",
                "iam:GetPolicy",
                "iam:GetPolicyVersion",
                "iam:ListEntitiesForPolicy",
                "iam:ListPolicyVersions",
                "iam:TagPolicy",
                "iam:UntagPolicy",
            ],
            Resource: sorted(managedPolicies.map((name) => `arn:${p}:iam::${scope.account}:policy/${name}`)),
        });
    }
    if (scaling) {
        // Mutating actions accept the scalable-target resource type, whose id AWS generates: scalable-target/*.
        // Describe* accept no resource type (Application Auto Scaling page).
        statements.push({
            Sid: "ScalingWrite",
            Effect: "Allow",
            Action: [
                "application-autoscaling:DeleteScalingPolicy",
                "application-autoscaling:DeleteScheduledAction",
                "application-autoscaling:DeregisterScalableTarget",
                "application-autoscaling:ListTagsForResource",
                "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:PutScheduledAction",
                "application-autoscaling:RegisterScalableTarget",
                "application-autoscaling:TagResource",
                "application-autoscaling:UntagResource",
            ],
            Resource: arn("application-autoscaling", "scalable-target/*"),
        });
        statements.push({
            Sid: "ScalingRead",
            Effect: "Allow",
            Action: [
                "application-autoscaling:DescribeScalableTargets",
                "application-autoscaling:DescribeScalingPolicies",
                "application-autoscaling:DescribeScheduledActions",
                "cloudwatch:DescribeAlarms",
            ],
            Resource: "*",
        });
        // Registering the first SageMaker scalable target creates Application Auto Scaling's service-linked role.
        statements.push({
            Sid: "AutoScalingServiceLinkedRole",
            Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole"],
            Resource: `arn:${p}:iam::${scope.account}:role/aws-service-role/${AUTOSCALING_SERVICE}/${SERVICE_LINKED_ROLE}`,
            Condition: { StringLike: { "iam:AWSServiceName": AUTOSCALING_SERVICE } },
        });
        // Target tracking policies create their alarms as the caller: TargetTracking-<resource id>-Alarm...
        componentArns.forEach((a) => alarms.push(`TargetTracking-inference-component/${a.split("/").pop() as string}-*`));
    }
    if (alarms.length > 0) {
        statements.push({
            Sid: "Alarms",
            Effect: "Allow",
            Action: ["cloudwatch:DeleteAlarms", "cloudwatch:ListTagsForResource", "cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:UntagResource"],
            Resource: sorted(alarms.map((name) => arn("cloudwatch", `alarm:${name}`))),
        });
    }
    if (dashboards.length > 0) {
        statements.push({
            Sid: "Dashboards",
            Effect: "Allow",
            Action: ["cloudwatch:DeleteDashboards", "cloudwatch:GetDashboard", "cloudwatch:PutDashboard"],
            // Dashboards are global: their ARNs have no region.
            Resource: sorted(dashboards.map((name) => arn("cloudwatch", `dashboard/${name}`, ""))),
        });
    }
    if (schedules.length > 0) {
        statements.push({
            Sid: "Schedules",
            Effect: "Allow",
            Action: ["scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:GetSchedule", "scheduler:UpdateSchedule"],
            Resource: sorted(schedules.map((s) => arn("scheduler", `schedule/${s}`))),
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** Length as IAM counts it for the managed policy quota: without whitespace. */
export function policySize(policy: PolicyDocument): number {
    return JSON.stringify(policy).replace(/\s+/g, "").length;
}
