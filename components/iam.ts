import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ModelSource } from "./args";

/** An IAM policy statement in the shape AWS expects. */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** Where the role is used: the values that make its ARNs specific. */
export interface AccountContext {
    partition: string;
    region: string;
    accountId: string;
}

/**
 * The ARN SageMaker gives a resource it names: known before deployment (so policies are complete at preview) and
 * lowercased, as SageMaker writes names into ARNs.
 */
export function sageMakerArn(ctx: AccountContext, type: "endpoint" | "inference-component", name: string): string {
    return `arn:${ctx.partition}:sagemaker:${ctx.region}:${ctx.accountId}:${type}/${name.toLowerCase()}`;
}

/** Actions that AWS does not scope by resource; they are the only ones this package grants on `*`. */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE = ["ecr:GetAuthorizationToken", "cloudwatch:PutMetricData"] as const;

/**
 * The ECR repository ARN of an image URI (`<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repo>[:tag|@digest]`),
 * or undefined for images outside ECR.
 */
export function ecrRepositoryArn(image: string): string | undefined {
    const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@]+)/.exec(image);
    if (!match) {
        return undefined;
    }
    const [, account, region, china, repository] = match;
    return `arn:${partitionOf(region, china !== undefined)}:ecr:${region}:${account}:repository/${repository}`;
}

function partitionOf(region: string, china: boolean): string {
    if (china || region.startsWith("cn-")) {
        return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** Splits `s3://bucket/key` into the bucket and the object-key prefix ("" for a whole bucket). */
export function parseS3Url(url: string): { bucket: string; key: string } {
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
    if (!match) {
        throw new Error(`not an S3 URL: ${url}`);
    }
    return { bucket: match[1], key: match[2] };
}

/**
 * The least-privilege policy of the SageMaker execution role: pull exactly the models' ECR repositories, read
 * exactly their S3 artifacts, write logs only to this endpoint's and these components' log groups.
 */
export function executionRolePolicy(
    ctx: AccountContext,
    endpointName: string,
    componentNames: readonly string[],
    models: readonly ModelSource[],
): { Version: string; Statement: PolicyStatement[] } {
    const statements: PolicyStatement[] = [];
    const repositories = unique(models.flatMap((m) => (m.image ? [ecrRepositoryArn(m.image)] : [])).filter(isString));
    if (repositories.length > 0) {
        statements.push({
            Sid: "PullModelImages",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            Resource: repositories,
        });
        statements.push({ Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" });
    }
    const artifacts = unique(models.map((m) => m.modelDataUrl).filter(isString)).map(parseS3Url);
    if (artifacts.length > 0) {
        statements.push({
            Sid: "ReadModelArtifacts",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: artifacts.map((a) => `arn:${ctx.partition}:s3:::${a.bucket}/${objectPattern(a.key)}`),
        });
        unique(artifacts.map((a) => a.bucket)).forEach((bucket, index) => {
            const prefixes = unique(artifacts.filter((a) => a.bucket === bucket).map((a) => objectPattern(a.key)));
            statements.push({
                Sid: `ListModelArtifacts${index === 0 ? "" : index + 1}`,
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: `arn:${ctx.partition}:s3:::${bucket}`,
                Condition: { StringLike: { "s3:prefix": prefixes } },
            });
        });
    }
    const keys = unique(models.map((m) => m.modelDataKmsKeyArn).filter(isString));
    if (keys.length > 0) {
        // SSE-KMS model data: S3 decrypts on the role's behalf, so the key is usable only through S3 in this region.
        statements.push({
            Sid: "DecryptModelArtifacts",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: keys,
            Condition: { StringEquals: { "kms:ViaService": `s3.${ctx.region}.amazonaws.com` } },
        });
    }
    const logGroups = [
        `/aws/sagemaker/Endpoints/${endpointName}`,
        ...componentNames.map((n) => `/aws/sagemaker/InferenceComponents/${n}`),
    ];
    const logArn = (group: string) => `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${group}`;
    statements.push({
        Sid: "WriteLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
        Resource: logGroups.flatMap((g) => [logArn(g), `${logArn(g)}:log-stream:*`]),
    });
    statements.push({
        Sid: "PublishSageMakerMetrics",
        Effect: "Allow",
        Action: ["cloudwatch:PutMetricData"],
        Resource: "*",
        Condition: { StringLike: { "cloudwatch:namespace": ["/aws/sagemaker/*", "AWS/SageMaker"] } },
    });
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * Trust policy for one AWS service principal. `sourceAccount` adds the confused-deputy condition, only for services
 * that document sending `aws:SourceAccount` when they assume the role: EventBridge Scheduler does
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role); the SageMaker
 * execution-role trust policy for CreateModel / hosting is documented without a condition
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createmodel-perms), and a
 * condition the service does not satisfy makes CreateModel fail.
 */
export function serviceTrustPolicy(service: string, sourceAccount?: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: service },
                Action: "sts:AssumeRole",
                ...(sourceAccount !== undefined && { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } }),
            },
        ],
    };
}

/** A key prefix turned into an object pattern: an exact object stays exact, a folder gets `*`. */
function objectPattern(key: string): string {
    if (key === "") {
        return "*";
    }
    return /\.(tar\.gz|tgz|gz|bin|safetensors|pt|pth|onnx|json)$/.test(key) ? key : `${key.replace(/\/?$/, "/")}*`;
}

function unique<T>(values: T[]): T[] {
    return [...new Set(values)];
}

function isString(value: string | undefined): value is string {
    return typeof value === "string";
}

/** Region, account and partition of the deploying provider, resolved once per component. */
export function accountContext(parent: pulumi.Resource): pulumi.Output<AccountContext> {
    const opts = { parent };
    return pulumi
        .all([aws.getPartitionOutput({}, opts), aws.getRegionOutput({}, opts), aws.getCallerIdentityOutput({}, opts)])
        .apply(([p, r, id]) => ({ partition: p.partition, region: r.region, accountId: id.accountId }));
}

/** A role a service assumes, with one inline policy. */
export interface ServiceRole {
    readonly role: aws.iam.Role;
    readonly policy: aws.iam.RolePolicy;
}

/** Creates a role trusted by `service` (this account only) with its inline least-privilege policy. */
function createServiceRole(
    resourceName: string,
    namePrefix: string,
    service: string,
    description: string,
    ctx: pulumi.Output<AccountContext>,
    policyDocument: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
    limitToAccount: boolean,
): ServiceRole {
    const role = new aws.iam.Role(
        `${resourceName}-role`,
        {
            // IAM allows 38 characters of prefix; the provider appends a unique suffix.
            namePrefix: `${namePrefix.replace(/[^a-zA-Z0-9+=,.@_-]/g, "-").slice(0, 32)}-`,
            description,
            assumeRolePolicy: ctx.apply((c) => JSON.stringify(serviceTrustPolicy(service, limitToAccount ? c.accountId : undefined))),
            tags,
        },
        { parent },
    );
    const policy = new aws.iam.RolePolicy(`${resourceName}-policy`, { role: role.id, policy: policyDocument }, { parent });
    return { role, policy };
}

/** Creates the SageMaker execution role with its inline least-privilege policy. */
export function createExecutionRole(
    name: string,
    ctx: pulumi.Output<AccountContext>,
    endpointName: string,
    componentNames: readonly string[],
    models: readonly ModelSource[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
): ServiceRole {
    return createServiceRole(
        `${name}-execution`,
        `${name.slice(0, 27)}-exec`,
        "sagemaker.amazonaws.com",
        `SageMaker execution role of scale-to-zero endpoint ${endpointName}`,
        ctx,
        ctx.apply((c) => JSON.stringify(executionRolePolicy(c, endpointName, componentNames, models))),
        tags,
        parent,
        false,
    );
}

/** The scheduler may call exactly one action, on exactly these inference components. */
export function schedulerRolePolicy(inferenceComponentArns: readonly string[]): { Version: string; Statement: PolicyStatement[] } {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SetCopyCount",
                Effect: "Allow",
                Action: ["sagemaker:UpdateInferenceComponentRuntimeConfig"],
                Resource: [...inferenceComponentArns],
            },
        ],
    };
}

/** Role EventBridge Scheduler assumes to change the copy count of the endpoint's components. */
export function createSchedulerRole(
    name: string,
    ctx: pulumi.Output<AccountContext>,
    inferenceComponentArns: pulumi.Input<string>[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
): ServiceRole {
    return createServiceRole(
        `${name}-scheduler`,
        `${name.slice(0, 27)}-schd`,
        "scheduler.amazonaws.com",
        "EventBridge Scheduler: sets the copy count of scale-to-zero inference components",
        ctx,
        pulumi.all(inferenceComponentArns).apply((arns) => JSON.stringify(schedulerRolePolicy(arns))),
        tags,
        parent,
        true,
    );
}

/**
 * How long to wait before handing a role to SageMaker, given when IAM created it: IAM is eventually consistent, and
 * CreateModel / CreateEndpointConfig reject a role SageMaker cannot assume yet, with no retry in aws-native's Cloud
 * Control path (only throttling and transient errors are retried: pulumi-aws-native provider/pkg/client/client.go,
 * withRetries). A role older than the wait is used at once, so only the deployment that creates it waits.
 */
export function propagationDelayMs(createDate: string | undefined, nowMs: number, waitSeconds: number): number {
    const created = createDate === undefined ? NaN : Date.parse(createDate);
    if (Number.isNaN(created)) {
        return 0;
    }
    return Math.max(0, created + waitSeconds * 1000 - nowMs);
}

/** The role's ARN, resolved only once the role is old enough for SageMaker to assume it (see propagationDelayMs). */
export function propagatedRoleArn(role: aws.iam.Role, waitSeconds: number): pulumi.Output<string> {
    return pulumi.all([role.arn, role.createDate]).apply(async ([arn, createDate]) => {
        const delay = propagationDelayMs(createDate, Date.now(), waitSeconds);
        if (delay > 0) {
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
        return arn;
    });
}
