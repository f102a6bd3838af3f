import * as pulumi from "@pulumi/pulumi";
import { CopyScaling, EndpointArgs, InferenceComponentArgs, InstanceScaleIn, ModelSource, Observability, RoutingStrategy, ScheduleMethod } from "./args";
import { DEFAULTS } from "./defaults";

/** Endpoint arguments with every default applied. */
export interface EndpointSettings {
    readonly instanceType: string;
    readonly minInstanceCount: number;
    readonly maxInstanceCount: number;
    readonly initialInstanceCount: number;
    readonly routingStrategy: RoutingStrategy;
    readonly modelDataDownloadTimeoutSeconds: number;
    readonly containerStartupHealthCheckTimeoutSeconds: number;
    readonly executionRoleArn?: pulumi.Input<string>;
    readonly tags: Record<string, string>;
    readonly schedule?: ScheduleSettings;
    readonly instanceScaleIn?: InstanceScaleIn;
    readonly callerPolicy: { create: boolean; allowWake: boolean; publishColdStartMetrics: boolean };
    readonly observability: ObservabilitySettings;
}

/** `observability` with its defaults applied. */
export interface ObservabilitySettings {
    readonly dashboard: boolean;
    readonly wakeFailedAlarm: boolean;
    readonly coldStartBudgetMinutes: number;
    readonly createAlarmTopic: boolean;
    readonly alarmTopicArn?: string;
}

/** A weekly schedule with its defaults applied. */
export interface ScheduleSettings {
    readonly method: ScheduleMethod;
    readonly timezone: string;
    readonly scaleInCron: string;
    readonly scaleOutCron: string;
    readonly scaleOutCopies: number;
    readonly startDate?: string;
    readonly endDate?: string;
}

/** One inference component with every default applied. */
export interface ComponentSettings {
    readonly key: string;
    readonly inferenceComponentName: string;
    readonly model: ModelSource;
    readonly compute: { acceleratorCount: number; memoryMiB: number; cpuCores: number };
    readonly startup: { modelDataDownloadTimeoutSeconds: number; containerStartupHealthCheckTimeoutSeconds: number };
    readonly scaling: {
        minCopies: number;
        maxCopies: number;
        initialCopies: number;
        keepLiveCopyCount: boolean;
        targetConcurrentRequestsPerCopy: number;
        scaleInCooldownSeconds: number;
        scaleOutCooldownSeconds: number;
        wakeUpCooldownSeconds: number;
        wakeUpAlarmPeriodSeconds: number;
        idleTimeoutMinutes?: number;
    };
}

/** Applies the endpoint defaults (the only place they are applied). */
export function resolveEndpoint(args: EndpointArgs): EndpointSettings {
    const d = DEFAULTS.endpoint;
    return {
        instanceType: args.instanceType,
        minInstanceCount: args.minInstanceCount ?? d.minInstanceCount,
        maxInstanceCount: args.maxInstanceCount ?? d.maxInstanceCount,
        initialInstanceCount: args.initialInstanceCount ?? d.initialInstanceCount,
        routingStrategy: args.routingStrategy ?? d.routingStrategy,
        modelDataDownloadTimeoutSeconds: args.modelDataDownloadTimeoutSeconds ?? d.modelDataDownloadTimeoutSeconds,
        containerStartupHealthCheckTimeoutSeconds:
            args.containerStartupHealthCheckTimeoutSeconds ?? d.containerStartupHealthCheckTimeoutSeconds,
        executionRoleArn: args.executionRoleArn,
        tags: args.tags ?? {},
        schedule: args.schedule && {
            ...args.schedule,
            method: args.schedule.method ?? DEFAULTS.schedule.method,
            scaleOutCopies: args.schedule.scaleOutCopies ?? DEFAULTS.schedule.scaleOutCopies,
        },
        instanceScaleIn: args.instanceScaleIn,
        callerPolicy: {
            create: args.callerPolicy?.create ?? DEFAULTS.callerPolicy.create,
            allowWake: args.callerPolicy?.allowWake ?? DEFAULTS.callerPolicy.allowWake,
            publishColdStartMetrics: args.callerPolicy?.publishColdStartMetrics ?? DEFAULTS.callerPolicy.publishColdStartMetrics,
        },
        observability: resolveObservability(args.observability),
    };
}

function resolveObservability(o: Observability | undefined): ObservabilitySettings {
    const d = DEFAULTS.observability;
    return {
        dashboard: o?.dashboard ?? d.dashboard,
        wakeFailedAlarm: o?.wakeFailedAlarm ?? d.wakeFailedAlarm,
        coldStartBudgetMinutes: o?.coldStartBudgetMinutes ?? d.coldStartBudgetMinutes,
        createAlarmTopic: o?.createAlarmTopic ?? d.createAlarmTopic,
        ...(o?.alarmTopicArn !== undefined && { alarmTopicArn: o.alarmTopicArn }),
    };
}

/** Applies the inference-component defaults (the only place they are applied). */
export function resolveComponent(key: string, name: string, args: InferenceComponentArgs): ComponentSettings {
    return {
        key,
        inferenceComponentName: args.inferenceComponentName ?? name,
        model: args.model,
        compute: {
            acceleratorCount: args.compute.acceleratorCount,
            memoryMiB: args.compute.memoryMiB,
            cpuCores: args.compute.cpuCores ?? DEFAULTS.compute.cpuCores,
        },
        startup: {
            modelDataDownloadTimeoutSeconds:
                args.startup?.modelDataDownloadTimeoutSeconds ?? DEFAULTS.startup.modelDataDownloadTimeoutSeconds,
            containerStartupHealthCheckTimeoutSeconds:
                args.startup?.containerStartupHealthCheckTimeoutSeconds ??
                DEFAULTS.startup.containerStartupHealthCheckTimeoutSeconds,
        },
        scaling: resolveCopyScaling(args.scaling),
    };
}

/** Applies the copy-scaling defaults (also used by the planner, so both see the same numbers). */
export function resolveCopyScaling(scaling: CopyScaling | undefined): ComponentSettings["scaling"] {
    const s = scaling ?? {};
    const d = DEFAULTS.scaling;
    return {
        minCopies: s.minCopies ?? d.minCopies,
        maxCopies: s.maxCopies ?? d.maxCopies,
        initialCopies: s.initialCopies ?? d.initialCopies,
        keepLiveCopyCount: s.keepLiveCopyCount ?? d.keepLiveCopyCount,
        targetConcurrentRequestsPerCopy: s.targetConcurrentRequestsPerCopy ?? d.targetConcurrentRequestsPerCopy,
        scaleInCooldownSeconds: s.scaleInCooldownSeconds ?? d.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: s.scaleOutCooldownSeconds ?? d.scaleOutCooldownSeconds,
        wakeUpCooldownSeconds: s.wakeUpCooldownSeconds ?? d.wakeUpCooldownSeconds,
        wakeUpAlarmPeriodSeconds: s.wakeUpAlarmPeriodSeconds ?? d.wakeUpAlarmPeriodSeconds,
        ...(s.idleTimeoutMinutes !== undefined && { idleTimeoutMinutes: s.idleTimeoutMinutes }),
    };
}

/** AWS tag list form used by aws-native resources. */
export function tagList(tags: Record<string, string>): { key: string; value: string }[] {
    return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
