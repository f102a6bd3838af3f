import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { endpointCallerPolicy } from "./callerPolicy";
import { DEFAULTS } from "./defaults";
import { checkInteger, Problems, ScaleToZeroArgumentError, validateTags } from "./validate";
import { COMPONENT_TYPES, withPreviousTypeAlias } from "./typeTokens";

export const SCALE_TO_ZERO_QUEUE_TYPE = COMPONENT_TYPES.ScaleToZeroQueue;

/** Buffered mode: queues in front of a scale-to-zero endpoint, read by `QueueConsumer` (`client/`). */
export interface ScaleToZeroQueueArgs {
    /** ARN of the endpoint the consumer invokes (e.g. `ScaleToZeroModel.endpointArn`). Required. */
    readonly endpointArn: pulumi.Input<string>;
    /**
     * ARNs of the inference components the consumer may invoke and watch. At least one. The list itself may be an
     * Output: programs in other languages that pass another resource's outputs send it as one (Construct).
     */
    readonly inferenceComponentArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Let the consumer wake a component from zero at once (UpdateInferenceComponentRuntimeConfig). Default false. */
    readonly allowWake?: boolean;
    /** Seconds a received request stays hidden; the consumer extends it while it holds. 30–43200. Default 60. */
    readonly visibilityTimeoutSeconds?: number;
    /** Receives before a failing request moves to the dead-letter queue. 1–1000. Default 5. */
    readonly maxReceiveCount?: number;
    /** Seconds requests and results are kept. 60–1209600. Default 345600 (4 days). */
    readonly messageRetentionSeconds?: number;
    /** Seconds dead letters are kept. 60–1209600. Default 1209600 (14 days, SQS's maximum). */
    readonly deadLetterRetentionSeconds?: number;
    /** Tags for the queues. */
    readonly tags?: Record<string, string>;
}

/** Pure validation of the queue arguments; throws one error listing every problem. */
export function validateScaleToZeroQueueArgs(args: ScaleToZeroQueueArgs, context = "ScaleToZeroQueue: invalid arguments"): void {
    const problems: Problems = [];
    // An Output's length is only known at deployment; a plain list must not be empty.
    const arns = args.inferenceComponentArns;
    if (!pulumi.Output.isInstance(arns) && (!Array.isArray(arns) || arns.length === 0)) {
        problems.push("inferenceComponentArns must list at least one inference component ARN");
    }
    if (args.allowWake !== undefined && typeof args.allowWake !== "boolean") {
        problems.push(`allowWake must be true or false (got ${String(args.allowWake)})`);
    }
    checkInteger(problems, "visibilityTimeoutSeconds", args.visibilityTimeoutSeconds, 30, 43200);
    checkInteger(problems, "maxReceiveCount", args.maxReceiveCount, 1, 1000);
    checkInteger(problems, "messageRetentionSeconds", args.messageRetentionSeconds, 60, 1209600);
    checkInteger(problems, "deadLetterRetentionSeconds", args.deadLetterRetentionSeconds, 60, 1209600);
    validateTags(problems, "tags", args.tags);
    if (problems.length > 0) {
        throw new ScaleToZeroArgumentError(problems, context);
    }
}

/** What the consumer may do: read and acknowledge requests, send results, and call the endpoint. */
export function consumerPolicy(requestQueueArn: string, resultsQueueArn: string, callerStatements: object[]): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadRequests",
                Effect: "Allow",
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
                Resource: [requestQueueArn],
            },
            { Sid: "SendResults", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [resultsQueueArn] },
            ...callerStatements,
        ],
    };
}

/** What a producer may do: send requests, read and acknowledge results. */
export function producerPolicy(requestQueueArn: string, resultsQueueArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "SendRequests", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [requestQueueArn] },
            {
                Sid: "ReadResults",
                Effect: "Allow",
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
                Resource: [resultsQueueArn],
            },
        ],
    };
}

/**
 * A request queue (long polling, server-side encryption) with a dead-letter queue, and a results queue, for
 * callers that cannot hold a connection through a cold start. Idle queues cost nothing; see README "Buffered mode".
 */
export class ScaleToZeroQueue extends pulumi.ComponentResource {
    public readonly requestQueueUrl: pulumi.Output<string>;
    public readonly requestQueueArn: pulumi.Output<string>;
    public readonly resultsQueueUrl: pulumi.Output<string>;
    public readonly deadLetterQueueUrl: pulumi.Output<string>;
    /** IAM policy (JSON) for the role the `QueueConsumer` runs as. */
    public readonly consumerPolicyJson: pulumi.Output<string>;
    /** IAM policy (JSON) for applications that send requests and read results. */
    public readonly producerPolicyJson: pulumi.Output<string>;

    constructor(name: string, args: ScaleToZeroQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        validateScaleToZeroQueueArgs(args, `ScaleToZeroQueue "${name}": invalid arguments`);
        super(SCALE_TO_ZERO_QUEUE_TYPE, name, {}, withPreviousTypeAlias("ScaleToZeroQueue", opts));
        const d = DEFAULTS.queue;
        const tags = args.tags ?? {};
        const retention = args.messageRetentionSeconds ?? d.messageRetentionSeconds;
        const parent = { parent: this };

        const deadLetters = new aws.sqs.Queue(
            `${name}-dead-letters`,
            { messageRetentionSeconds: args.deadLetterRetentionSeconds ?? d.deadLetterRetentionSeconds, sqsManagedSseEnabled: true, tags },
            parent,
        );
        const requests = new aws.sqs.Queue(
            `${name}-requests`,
            {
                visibilityTimeoutSeconds: args.visibilityTimeoutSeconds ?? d.visibilityTimeoutSeconds,
                messageRetentionSeconds: retention,
                // Long polling: an idle consumer makes ~3 requests a minute instead of a tight loop.
                receiveWaitTimeSeconds: 20,
                sqsManagedSseEnabled: true,
                redrivePolicy: deadLetters.arn.apply((arn) =>
                    JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: args.maxReceiveCount ?? d.maxReceiveCount }),
                ),
                tags,
            },
            parent,
        );
        new aws.sqs.RedriveAllowPolicy(
            `${name}-dead-letters-source`,
            {
                queueUrl: deadLetters.url,
                redriveAllowPolicy: requests.arn.apply((arn) =>
                    JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arn] }),
                ),
            },
            parent,
        );
        const results = new aws.sqs.Queue(
            `${name}-results`,
            { messageRetentionSeconds: retention, receiveWaitTimeSeconds: 20, sqsManagedSseEnabled: true, tags },
            parent,
        );

        this.requestQueueUrl = requests.url;
        this.requestQueueArn = requests.arn;
        this.resultsQueueUrl = results.url;
        this.deadLetterQueueUrl = deadLetters.url;
        this.consumerPolicyJson = pulumi
            .all([requests.arn, results.arn, args.endpointArn, pulumi.output(args.inferenceComponentArns)])
            .apply(([requestArn, resultsArn, endpointArn, componentArns]) =>
                JSON.stringify(
                    consumerPolicy(
                        requestArn,
                        resultsArn,
                        endpointCallerPolicy(endpointArn, componentArns, args.allowWake ?? false).Statement,
                    ),
                ),
            );
        this.producerPolicyJson = pulumi
            .all([requests.arn, results.arn])
            .apply(([requestArn, resultsArn]) => JSON.stringify(producerPolicy(requestArn, resultsArn)));
        this.registerOutputs({
            requestQueueUrl: this.requestQueueUrl,
            resultsQueueUrl: this.resultsQueueUrl,
            deadLetterQueueUrl: this.deadLetterQueueUrl,
            consumerPolicyJson: this.consumerPolicyJson,
            producerPolicyJson: this.producerPolicyJson,
        });
    }
}
