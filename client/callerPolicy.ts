/**
 * Least-privilege IAM policy for an application that calls a scale-to-zero endpoint through ScaleToZeroClient.
 *
 * - sagemaker:InvokeEndpoint (+ InvokeEndpointWithResponseStream) on the endpoint: the request itself.
 *   IAM authorizes invocations on the endpoint ARN; the inference component is picked by a header.
 * - sagemaker:DescribeInferenceComponent on the component: the cold-start poll (copy counts, status).
 * - sagemaker:UpdateInferenceComponentRuntimeConfig on the component, only with allowWake: the wake. It lets
 *   the caller set the copy count to anything, so it is opt-in, like the client's `wake` option.
 * - cloudwatch:PutMetricData, only with allowColdStartMetrics and only in the project namespace: the client's
 *   opt-in cold-start metric. PutMetricData has no resource-level permissions; the `cloudwatch:namespace`
 *   condition key is what scopes it (Service Authorization Reference, Amazon CloudWatch).
 *
 * Pure: returns a plain policy document object (JSON.stringify it for an IAM resource). With Pulumi, call it
 * inside `pulumi.all([endpointArn, componentArn]).apply(...)`.
 */

import { PROJECT_METRICS } from "../components/metricNames";

export interface ClientPolicyArgs {
    /** ARN of the endpoint, arn:<partition>:sagemaker:<region>:<account>:endpoint/<name>. */
    readonly endpointArn: string;
    /** ARN of the inference component, arn:<partition>:sagemaker:<region>:<account>:inference-component/<name>. */
    readonly inferenceComponentArn: string;
    /** Also allow the wake (UpdateInferenceComponentRuntimeConfig). Default false. */
    readonly allowWake?: boolean;
    /** Also allow InvokeEndpointWithResponseStream. Default true. */
    readonly allowStreaming?: boolean;
    /** Also allow publishing the cold-start metric (PutMetricData in the `ScaleToZero` namespace). Default false. */
    readonly allowColdStartMetrics?: boolean;
}

export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Action: string[];
    readonly Resource: string[];
    readonly Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: PolicyStatement[];
}

const ARN_PATTERN = /^arn:(aws[a-z-]*):sagemaker:([a-z0-9*-]+):(\d{12}|\*):([a-z-]+)\/([A-Za-z0-9*-]+)$/;

/**
 * Validates `arn` as a SageMaker ARN of `resourceType` and returns it with the resource name lowercased:
 * SageMaker writes names into ARNs in lowercase, so a policy built from a mixed-case name would never match.
 */
export function normalizeSageMakerArn(arn: string, resourceType: "endpoint" | "inference-component", argName: string): string {
    const match = typeof arn === "string" ? ARN_PATTERN.exec(arn) : null;
    if (!match || match[4] !== resourceType) {
        throw new TypeError(
            `${argName} must be arn:<partition>:sagemaker:<region>:<account>:${resourceType}/<name>, got ${JSON.stringify(arn)}`,
        );
    }
    const [, partition, region, account, type, name] = match;
    return `arn:${partition}:sagemaker:${region}:${account}:${type}/${name.toLowerCase()}`;
}

export function clientPolicyDocument(args: ClientPolicyArgs): PolicyDocument {
    const endpointArn = normalizeSageMakerArn(args.endpointArn, "endpoint", "endpointArn");
    const componentArn = normalizeSageMakerArn(args.inferenceComponentArn, "inference-component", "inferenceComponentArn");
    const allowWake = args.allowWake ?? false;
    const allowStreaming = args.allowStreaming ?? true;
    const allowColdStartMetrics = args.allowColdStartMetrics ?? false;
    for (const [name, value] of Object.entries({ allowWake, allowStreaming, allowColdStartMetrics })) {
        if (typeof value !== "boolean") throw new TypeError(`${name} must be a boolean, got ${String(value)}`);
    }
    const statements: PolicyStatement[] = [
        {
            Sid: "InvokeEndpoint",
            Effect: "Allow",
            Action: allowStreaming
                ? ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"]
                : ["sagemaker:InvokeEndpoint"],
            Resource: [endpointArn],
        },
        {
            Sid: "WatchColdStart",
            Effect: "Allow",
            Action: ["sagemaker:DescribeInferenceComponent"],
            Resource: [componentArn],
        },
    ];
    if (allowWake) {
        statements.push({
            Sid: "WakeFromZero",
            Effect: "Allow",
            Action: ["sagemaker:UpdateInferenceComponentRuntimeConfig"],
            Resource: [componentArn],
        });
    }
    if (allowColdStartMetrics) {
        statements.push({
            Sid: "PublishColdStarts",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": PROJECT_METRICS.namespace } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
