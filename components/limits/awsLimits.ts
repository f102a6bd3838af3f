/**
 * AWS limits that user input reaches, with where each comes from. The CloudFormation registry schemas are
 * committed as test data (tests/contract/schemas, see SOURCE.md there) and the contract test checks the
 * resources we register against them; these constants let validation reject bad input earlier, naming the key.
 */
export const LIMITS = {
    /** CloudFormation `Tag` of every SageMaker/IAM schema: `TagList` maxItems 50, Key 1-128, Value 0-256. */
    tags: {
        maxCount: 50,
        maxKeyLength: 128,
        maxValueLength: 256,
        /** `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` (AWS::SageMaker::* Tag Key/Value pattern). */
        pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
        /** AWS::SageMaker::InferenceComponent `Tag.Value` has minLength 1: an empty value fails there. */
        minValueLength: 1,
        reservedPrefix: "aws:",
    },
    /**
     * Model `PrimaryContainer.Environment` (SageMaker API ContainerDefinition): keys `[a-zA-Z_][a-zA-Z0-9_]*`,
     * each key and value at most 1024 bytes, all keys and values together at most 32 KB.
     * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html
     * (The 16-entry limit belongs to an InferenceComponent container's EnvironmentMap, which we do not set.)
     */
    environment: {
        keyPattern: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
        maxEntryBytes: 1024,
        maxTotalBytes: 32 * 1024,
    },
    /** AWS::SageMaker::Model `ExecutionRoleArn`: 20-2048 characters, this pattern. */
    executionRoleArn: {
        minLength: 20,
        maxLength: 2048,
        pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
    },
    /** AWS::SageMaker::Model `ModelDataUrl` / `S3DataSource.S3Uri`: at most 1024 characters. */
    modelDataUrl: { maxLength: 1024 },
    /**
     * IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): the inline
     * policies of one role together at most 10,240 characters, a managed policy at most 6,144; IAM does not count
     * white space.
     */
    iam: { roleInlinePolicyChars: 10_240, managedPolicyChars: 6_144 },
    /**
     * CloudWatch PutMetricAlarm (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html):
     * Period 10, 20, 30 or a multiple of 60 seconds; Period x EvaluationPeriods at most one day for periods under an
     * hour, at most 7 days for longer periods.
     */
    alarm: {
        highResolutionPeriods: [10, 20, 30] as readonly number[],
        maxEvaluationSecondsShort: 86_400,
        maxEvaluationSecondsLong: 7 * 86_400,
        /** Ours, not AWS's: the wake-up alarm's period is the worst-case delay before a wake starts. */
        maxWakeUpPeriodSeconds: 3600,
    },
    /** Counts far beyond any real endpoint: catches a typo (an extra zero) before it becomes a bill. */
    counts: { maxInstanceCount: 100, maxCopies: 1000 },
} as const;

/**
 * Why `period` (seconds, evaluated `evaluationPeriods` times) is not a valid CloudWatch alarm period, or undefined.
 * `maxPeriod` is an extra, tighter bound of the caller's own.
 */
export function alarmPeriodError(period: unknown, evaluationPeriods: number, maxPeriod: number): string | undefined {
    const a = LIMITS.alarm;
    const allowed = `${a.highResolutionPeriods.join(", ")} or a multiple of 60 up to ${maxPeriod}`;
    if (typeof period !== "number" || !Number.isInteger(period) || !(a.highResolutionPeriods.includes(period) || (period >= 60 && period % 60 === 0))) {
        return `must be ${allowed} seconds (got ${typeof period === "string" ? JSON.stringify(period) : String(period)})`;
    }
    const window = period * evaluationPeriods;
    const limit = period < 3600 ? a.maxEvaluationSecondsShort : a.maxEvaluationSecondsLong;
    if (window > limit) {
        return `x ${evaluationPeriods} evaluation period(s) = ${window} s exceeds CloudWatch's ${limit} s for ${period < 3600 ? "periods under an hour" : "longer periods"}`;
    }
    if (period > maxPeriod) {
        return `must be at most ${maxPeriod} seconds: a longer wake-up alarm period delays every wake from zero by up to that long (got ${period})`;
    }
    return undefined;
}
