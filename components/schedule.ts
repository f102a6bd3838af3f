import * as aws from "@pulumi/aws";
import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { AWS } from "./defaults";
import { AccountContext, createSchedulerRole, sageMakerArn } from "./iam";
import { sageMakerName } from "./names";
import { ComponentScaling } from "./scaling";
import { ComponentSettings, ScheduleSettings } from "./settings";

/** A component's resources that a schedule acts on. */
export interface ScheduledComponent {
    readonly settings: ComponentSettings;
    readonly resourceName: string;
    readonly inferenceComponent: sagemaker.InferenceComponent;
    readonly scaling: ComponentScaling;
}

/**
 * `autoscaling` method: two Application Auto Scaling scheduled actions per component. Off: max capacity 0, so
 * the copy count goes to 0 at once and nothing raises it. On: min capacity `scaleOutCopies`, max back to
 * `maxCopies`. The schedule changes the limits autoscaling works within, so the two never fight.
 */
export function createScheduledActions(
    schedule: ScheduleSettings,
    components: readonly ScheduledComponent[],
    parent: pulumi.Resource,
): aws.appautoscaling.ScheduledAction[] {
    return components.flatMap(({ settings, resourceName, scaling }) => {
        const common = {
            serviceNamespace: scaling.target.serviceNamespace,
            resourceId: scaling.target.resourceId,
            scalableDimension: scaling.target.scalableDimension,
            timezone: schedule.timezone,
            startTime: schedule.startDate,
            endTime: schedule.endDate,
        };
        const opts = { parent, dependsOn: [scaling.target] };
        return [
            new aws.appautoscaling.ScheduledAction(
                `${resourceName}-schedule-off`,
                {
                    ...common,
                    name: `${settings.inferenceComponentName}-off`,
                    schedule: schedule.scaleInCron,
                    scalableTargetAction: { minCapacity: 0, maxCapacity: 0 },
                },
                opts,
            ),
            new aws.appautoscaling.ScheduledAction(
                `${resourceName}-schedule-on`,
                {
                    ...common,
                    name: `${settings.inferenceComponentName}-on`,
                    schedule: schedule.scaleOutCron,
                    scalableTargetAction: { minCapacity: schedule.scaleOutCopies, maxCapacity: settings.scaling.maxCopies },
                },
                opts,
            ),
        ];
    });
}

/** The `UpdateInferenceComponentRuntimeConfig` request a schedule sends. */
export function copyCountRequest(inferenceComponentName: string, copies: number): string {
    return JSON.stringify({ InferenceComponentName: inferenceComponentName, DesiredRuntimeConfig: { CopyCount: copies } });
}

/**
 * `scheduler` method: EventBridge Scheduler calls `UpdateInferenceComponentRuntimeConfig` through its universal
 * target, one schedule per component and direction (each is one idempotent API call; no function to run).
 * Off-hours requests still wake the endpoint through the NoCapacityInvocationFailures alarm.
 */
export function createCopyCountSchedules(
    name: string,
    schedule: ScheduleSettings,
    components: readonly ScheduledComponent[],
    ctx: pulumi.Output<AccountContext>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { role: aws.iam.Role; schedules: aws.scheduler.Schedule[] } {
    const { role, policy } = createSchedulerRole(
        name,
        ctx,
        components.map(({ settings }) => ctx.apply((c) => sageMakerArn(c, "inference-component", settings.inferenceComponentName))),
        tags,
        parent,
    );
    const schedules = components.flatMap(({ settings, resourceName, inferenceComponent }) =>
        (
            [
                ["off", schedule.scaleInCron, 0],
                ["on", schedule.scaleOutCron, schedule.scaleOutCopies],
            ] as const
        ).map(
            ([direction, cron, copies]) =>
                new aws.scheduler.Schedule(
                    `${resourceName}-schedule-${direction}`,
                    {
                        // Scheduler names: up to 64 characters.
                        name: sageMakerName([settings.inferenceComponentName, direction], 64),
                        description: `Sets ${settings.inferenceComponentName} to ${copies} copies (${cron} ${schedule.timezone})`,
                        scheduleExpression: cron,
                        scheduleExpressionTimezone: schedule.timezone,
                        startDate: schedule.startDate,
                        endDate: schedule.endDate,
                        flexibleTimeWindow: { mode: "OFF" },
                        target: {
                            arn: AWS.updateRuntimeConfigTarget,
                            roleArn: role.arn,
                            input: inferenceComponent.inferenceComponentName.apply((n) =>
                                copyCountRequest(n ?? settings.inferenceComponentName, copies),
                            ),
                            retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 },
                        },
                    },
                    { parent, dependsOn: [policy, inferenceComponent] },
                ),
        ),
    );
    return { role, schedules };
}
