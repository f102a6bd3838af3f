import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "../../policies/lib/resources";
import { policyResource } from "./helpers";

/** Resource properties shaped like the ones ScaleToZeroModel registers (see components/*.ts). */

export const ACCOUNT = "123456789012";
export const IC_NAME = "llm-llama-8b-dev";
export const RESOURCE_ID = `inference-component/${IC_NAME}`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/llm-exec-abc1234`;
export const COPY_COUNT = "sagemaker:inference-component:DesiredCopyCount";
export const STEP_ARN = `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:0000:resource/sagemaker/${RESOURCE_ID}:policyName/llm-llama-8b-wake-up`;

export function variant(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        variantName: "AllTraffic",
        instanceType: "ml.g5.2xlarge",
        initialInstanceCount: 1,
        managedInstanceScaling: { status: "ENABLED", minInstanceCount: 0, maxInstanceCount: 2 },
        routingConfig: { routingStrategy: "LEAST_OUTSTANDING_REQUESTS" },
        ...overrides,
    };
}

/** An inference-component endpoint config; `scaling` is merged into the variant's managedInstanceScaling. */
export function endpointConfig(
    scaling: Record<string, unknown> = {},
    top: Record<string, unknown> = {},
): Record<string, unknown> {
    const v = variant();
    return {
        endpointConfigName: "llm-dev-cfg-1234567",
        executionRoleArn: ROLE_ARN,
        productionVariants: [{ ...v, managedInstanceScaling: { ...(v.managedInstanceScaling as object), ...scaling } }],
        ...top,
    };
}

export function scalableTarget(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        serviceNamespace: "sagemaker",
        resourceId: RESOURCE_ID,
        scalableDimension: COPY_COUNT,
        minCapacity: 0,
        maxCapacity: 2,
        ...overrides,
    };
}

export function inferenceComponent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        inferenceComponentName: IC_NAME,
        endpointName: "llm-dev",
        variantName: "AllTraffic",
        specification: {
            modelName: "llm-llama-8b-dev-model-1234567",
            computeResourceRequirements: { numberOfAcceleratorDevicesRequired: 1, minMemoryRequiredInMb: 16384 },
        },
        runtimeConfig: { copyCount: 1 },
        ...overrides,
    };
}

export function stepPolicy(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        arn: STEP_ARN,
        name: "llm-llama-8b-wake-up",
        policyType: "StepScaling",
        resourceId: RESOURCE_ID,
        scalableDimension: COPY_COUNT,
        serviceNamespace: "sagemaker",
        stepScalingPolicyConfiguration: {
            adjustmentType: "ChangeInCapacity",
            metricAggregationType: "Maximum",
            cooldown: 60,
            stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
        },
        ...overrides,
    };
}

export function targetTrackingPolicy(): Record<string, unknown> {
    return {
        arn: `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:0000:resource/sagemaker/${RESOURCE_ID}:policyName/tt`,
        policyType: "TargetTrackingScaling",
        resourceId: RESOURCE_ID,
        scalableDimension: COPY_COUNT,
        serviceNamespace: "sagemaker",
        targetTrackingScalingPolicyConfiguration: {
            predefinedMetricSpecification: {
                predefinedMetricType: "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
            },
            targetValue: 5,
        },
    };
}

export function wakeUpAlarm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:llm-llama-8b-wake-up-alarm`,
        metricName: "NoCapacityInvocationFailures",
        namespace: "AWS/SageMaker",
        dimensions: { InferenceComponentName: IC_NAME },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        actionsEnabled: true,
        alarmActions: [STEP_ARN],
        ...overrides,
    };
}

export interface WakeUpParts {
    ic?: Record<string, unknown> | null;
    target?: Record<string, unknown> | null;
    tracking?: Record<string, unknown> | null;
    step?: Record<string, unknown> | null;
    alarm?: Record<string, unknown> | null;
}

/** The stack resources of one scale-to-zero component; `null` leaves a part out, an object replaces its props. */
export function wakeUpStack(parts: WakeUpParts = {}, stack = "dev"): PolicyResource[] {
    const entries: [string, string, Record<string, unknown> | null][] = [
        [TYPES.inferenceComponent, "llm-llama-8b-ic", parts.ic === undefined ? inferenceComponent() : parts.ic],
        [TYPES.scalableTarget, "llm-llama-8b-target", parts.target === undefined ? scalableTarget() : parts.target],
        [TYPES.scalingPolicy, "llm-llama-8b-target-tracking", parts.tracking === undefined ? targetTrackingPolicy() : parts.tracking],
        [TYPES.scalingPolicy, "llm-llama-8b-wake-up", parts.step === undefined ? stepPolicy() : parts.step],
        [TYPES.metricAlarm, "llm-llama-8b-wake-up-alarm", parts.alarm === undefined ? wakeUpAlarm() : parts.alarm],
    ];
    return entries
        .filter((e): e is [string, string, Record<string, unknown>] => e[2] !== null)
        .map(([type, name, props]) => policyResource(type, props, { name, stack }));
}

/** A JSON policy document with the given statements. */
export function iamDocument(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
