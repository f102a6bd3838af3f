import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createDashboard } from "./dashboard";
import { SAGEMAKER_METRICS } from "./metricNames";
import { ObservabilitySettings } from "./settings";

/** One component as observability needs it. */
export interface ObservedComponent {
    readonly key: string;
    readonly inferenceComponentName: pulumi.Output<string>;
    readonly wakeUpAlarmArn: pulumi.Output<string>;
}

export interface EndpointObservability {
    readonly dashboard?: aws.cloudwatch.Dashboard;
    readonly topic?: aws.sns.Topic;
    /** The topic the wake-failed alarms notify (created or given), if any. */
    readonly alarmTopicArn?: pulumi.Output<string>;
    /** Per component key. */
    readonly wakeFailedAlarms: Record<string, aws.cloudwatch.MetricAlarm>;
}

/**
 * The wake-failed alarm: requests kept failing with no capacity for `budgetMinutes` one-minute periods in a row,
 * longer than any cold start should take (capacity shortage, a container that never passes its health check, a
 * broken wake-up alarm). Missing minutes are not breaching: no failures means nobody is waiting. A component in
 * status `Failed` is not a CloudWatch metric; while requests arrive it also shows here (they fail with no
 * capacity), and the status command reports the status itself.
 */
export function createWakeFailedAlarm(
    resourceName: string,
    inferenceComponentName: pulumi.Output<string>,
    budgetMinutes: number,
    topicArn: pulumi.Output<string> | undefined,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
    const actions = topicArn ? [topicArn] : [];
    return new aws.cloudwatch.MetricAlarm(
        `${resourceName}-wake-failed-alarm`,
        {
            alarmDescription: pulumi.interpolate`Inference component ${inferenceComponentName} has failed requests for lack of capacity for ${budgetMinutes} minutes: the wake from zero is not working`,
            metricName: SAGEMAKER_METRICS.noCapacityFailures,
            namespace: SAGEMAKER_METRICS.namespace,
            dimensions: { [SAGEMAKER_METRICS.componentDimension]: inferenceComponentName },
            statistic: "Sum",
            period: 60,
            evaluationPeriods: budgetMinutes,
            datapointsToAlarm: budgetMinutes,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            alarmActions: actions,
            okActions: actions,
            tags,
        },
        { parent },
    );
}

/** Dashboard, optional SNS topic and the wake-failed alarms of one endpoint, as `settings` asks. */
export function createObservability(
    name: string,
    endpointName: string,
    region: pulumi.Output<string>,
    components: readonly ObservedComponent[],
    settings: ObservabilitySettings,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): EndpointObservability {
    const topic = settings.createAlarmTopic ? new aws.sns.Topic(`${name}-alarms`, { tags }, { parent }) : undefined;
    const alarmTopicArn = topic ? topic.arn : settings.alarmTopicArn !== undefined ? pulumi.output(settings.alarmTopicArn) : undefined;
    const wakeFailedAlarms: Record<string, aws.cloudwatch.MetricAlarm> = {};
    if (settings.wakeFailedAlarm) {
        for (const c of components) {
            wakeFailedAlarms[c.key] = createWakeFailedAlarm(
                `${name}-${c.key}`,
                c.inferenceComponentName,
                settings.coldStartBudgetMinutes,
                alarmTopicArn,
                tags,
                parent,
            );
        }
    }
    const dashboard = settings.dashboard
        ? createDashboard(
              name,
              endpointName,
              region,
              components.map((c) => ({
                  key: c.key,
                  inferenceComponentName: c.inferenceComponentName,
                  alarmArns: [c.wakeUpAlarmArn, ...(wakeFailedAlarms[c.key] ? [wakeFailedAlarms[c.key].arn] : [])],
              })),
              parent,
          )
        : undefined;
    return { dashboard, topic, alarmTopicArn, wakeFailedAlarms };
}
