import * as aws from "@pulumi/aws";
import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { AWS } from "./defaults";
import { alarmNameInput } from "./rollbackAlarms";
import { ComponentSettings } from "./settings";

/** The autoscaling resources of one inference component. */
export interface ComponentScaling {
    readonly target: aws.appautoscaling.Target;
    readonly targetTracking: aws.appautoscaling.Policy;
    readonly wakeUpPolicy: aws.appautoscaling.Policy;
    readonly wakeUpAlarm: aws.cloudwatch.MetricAlarm;
    /** Present when `idleTimeoutMinutes` is set. */
    readonly idle?: { policy: aws.appautoscaling.Policy; alarm: aws.cloudwatch.MetricAlarm };
}

/** Capacity fields that scheduled actions change; Pulumi must not reset them on the next `up`. */
export const SCHEDULED_CAPACITY_FIELDS = ["minCapacity", "maxCapacity"];

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
    scheduleOwnsCapacity = false,
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
        {
            parent,
            dependsOn: [inferenceComponent],
            ...(scheduleOwnsCapacity && { ignoreChanges: SCHEDULED_CAPACITY_FIELDS }),
        },
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
            // Named up front when a rolling update rolls back on it (the component refers to it before it exists).
            ...alarmNameInput(component, "wake-up"),
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
    const idle =
        s.idleTimeoutMinutes === undefined
            ? undefined
            : createIdleScaleIn(resourceName, s.idleTimeoutMinutes, icName, targetRef, target, tags, parent);
    return { target, targetTracking, wakeUpPolicy, wakeUpAlarm, idle };
}

/**
 * Idle timeout: an alarm on the component's own per-copy concurrency (ConcurrentRequestsPerCopy, published every
 * 10 s only while a copy exists) that breaches after `minutes` one-minute periods with nothing in flight, and a
 * step policy that sets the copy count to exactly 0. Missing data is NOT breaching: with no copy there is nothing
 * to release, so the alarm is never in ALARM at zero copies and cannot undo a wake-up or a scheduled pre-warm
 * while their copy starts (Application Auto Scaling re-applies a step policy for as long as its alarm stays in
 * ALARM: "How step scaling works", Application Auto Scaling User Guide). The seed's alarm on `Invocations` with
 * missing data breaching did exactly that; the twin shows both (tests/twin/idleTimeout.test.ts).
 */
function createIdleScaleIn(
    resourceName: string,
    minutes: number,
    icName: pulumi.Output<string>,
    targetRef: { resourceId: pulumi.Output<string>; scalableDimension: pulumi.Output<string>; serviceNamespace: pulumi.Output<string> },
    target: aws.appautoscaling.Target,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { policy: aws.appautoscaling.Policy; alarm: aws.cloudwatch.MetricAlarm } {
    const policy = new aws.appautoscaling.Policy(
        `${resourceName}-idle-scale-in`,
        {
            ...targetRef,
            policyType: "StepScaling",
            stepScalingPolicyConfiguration: {
                adjustmentType: "ExactCapacity",
                metricAggregationType: "Maximum",
                cooldown: 60,
                stepAdjustments: [{ metricIntervalUpperBound: "0", scalingAdjustment: 0 }],
            },
        },
        { parent, dependsOn: [target] },
    );
    const alarm = new aws.cloudwatch.MetricAlarm(
        `${resourceName}-idle-alarm`,
        {
            alarmDescription: pulumi.interpolate`Scales inference component ${icName} to 0 copies after ${minutes} idle minutes`,
            metricName: AWS.idleMetric,
            namespace: AWS.metricNamespace,
            dimensions: { InferenceComponentName: icName },
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: minutes,
            datapointsToAlarm: minutes,
            // Below any request in flight (at least 1 / copies) and clear of the threshold itself, so the step
            // policy's bound (upper 0, relative to the threshold) is never met at its edge.
            threshold: AWS.idleConcurrencyThreshold,
            comparisonOperator: "LessThanThreshold",
            // No datapoint means no copy: nothing to release, and a copy may be starting.
            treatMissingData: "notBreaching",
            alarmActions: [policy.arn],
            tags,
        },
        { parent },
    );
    return { policy, alarm };
}
