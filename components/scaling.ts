import * as aws from "@pulumi/aws";
import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { AWS } from "./defaults";
import { ComponentSettings } from "./settings";

/** The autoscaling resources of one inference component. */
export interface ComponentScaling {
    readonly target: aws.appautoscaling.Target;
    readonly targetTracking: aws.appautoscaling.Policy;
    readonly wakeUpPolicy: aws.appautoscaling.Policy;
    readonly wakeUpAlarm: aws.cloudwatch.MetricAlarm;
}

/**
 * Scalable target (down to `minCopies`), target tracking on concurrent requests per copy, and the wake-up path:
 * at zero copies there is no per-copy metric, so only the NoCapacityInvocationFailures alarm and its +1 step
 * policy bring the component back.
 */
export function createScaling(
    resourceName: string,
    component: ComponentSettings,
    inferenceComponent: sagemaker.InferenceComponent,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): ComponentScaling {
    const s = component.scaling;
    const icName = inferenceComponent.inferenceComponentName.apply((n) => n ?? component.inferenceComponentName);
    const target = new aws.appautoscaling.Target(
        `${resourceName}-target`,
        {
            serviceNamespace: AWS.serviceNamespace,
            resourceId: pulumi.interpolate`inference-component/${icName}`,
            scalableDimension: AWS.scalableDimension,
            minCapacity: s.minCopies,
            maxCapacity: s.maxCopies,
            tags,
        },
        // Registered after the component exists and deregistered before it is deleted.
        { parent, dependsOn: [inferenceComponent] },
    );
    const targetRef = {
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        serviceNamespace: target.serviceNamespace,
    };
    const targetTracking = new aws.appautoscaling.Policy(
        `${resourceName}-target-tracking`,
        {
            ...targetRef,
            policyType: "TargetTrackingScaling",
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: AWS.concurrencyMetric },
                targetValue: s.targetConcurrentRequestsPerCopy,
                scaleInCooldown: s.scaleInCooldownSeconds,
                scaleOutCooldown: s.scaleOutCooldownSeconds,
            },
        },
        { parent, dependsOn: [target] },
    );
    const wakeUpPolicy = new aws.appautoscaling.Policy(
        `${resourceName}-wake-up`,
        {
            ...targetRef,
            policyType: "StepScaling",
            stepScalingPolicyConfiguration: {
                adjustmentType: "ChangeInCapacity",
                metricAggregationType: "Maximum",
                cooldown: s.wakeUpCooldownSeconds,
                stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
            },
        },
        { parent, dependsOn: [target] },
    );
    const wakeUpAlarm = new aws.cloudwatch.MetricAlarm(
        `${resourceName}-wake-up-alarm`,
        {
            alarmDescription: pulumi.interpolate`Wakes inference component ${icName} from zero copies on its first failed request`,
            metricName: AWS.wakeUpMetric,
            namespace: AWS.metricNamespace,
            dimensions: { InferenceComponentName: icName },
            statistic: "Maximum",
            period: s.wakeUpAlarmPeriodSeconds,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "missing",
            alarmActions: [wakeUpPolicy.arn],
            tags,
        },
        { parent },
    );
    return { target, targetTracking, wakeUpPolicy, wakeUpAlarm };
}
