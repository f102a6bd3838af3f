import { TWIN_TYPES, TwinResource } from "./resources";

/** One metric an alarm reads (a `metric` query or the alarm's own metric fields). */
export interface MetricQuery {
    readonly metricName: string;
    readonly namespace: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly stat: string;
    readonly period: number;
}

export type ComparisonOperator =
    | "GreaterThanOrEqualToThreshold"
    | "GreaterThanThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";

export type TreatMissingData = "missing" | "breaching" | "notBreaching" | "ignore";

/** A CloudWatch metric alarm: one metric, or metric math whose `returnData` expression is evaluated. */
export interface AlarmModel {
    readonly name: string;
    readonly arn: string;
    /** Metrics by query id (a single-metric alarm has one, id `m`). */
    readonly metrics: Readonly<Record<string, MetricQuery>>;
    /** Metric math expression; undefined for a single-metric alarm (the value is metric `m`). */
    readonly expression?: string;
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    readonly threshold: number;
    readonly comparison: ComparisonOperator;
    readonly treatMissingData: TreatMissingData;
    readonly actions: readonly string[];
    readonly actionsEnabled: boolean;
}

export interface StepAdjustment {
    readonly lower?: number;
    readonly upper?: number;
    readonly adjustment: number;
}

export interface StepPolicyModel {
    readonly kind: "step";
    readonly name: string;
    readonly arn: string;
    readonly resourceId: string;
    readonly adjustmentType: "ChangeInCapacity" | "ExactCapacity" | "PercentChangeInCapacity";
    readonly cooldown: number;
    readonly steps: readonly StepAdjustment[];
}

export interface TargetTrackingModel {
    readonly kind: "targetTracking";
    readonly name: string;
    readonly resourceId: string;
    readonly metricType: string;
    readonly targetValue: number;
    readonly scaleInCooldown: number;
    readonly scaleOutCooldown: number;
    readonly disableScaleIn: boolean;
}

export interface ScalableTargetModel {
    readonly resourceId: string;
    readonly minCapacity: number;
    readonly maxCapacity: number;
}

/** An Application Auto Scaling scheduled action (changes the target's min/max). */
export interface ScheduledActionModel {
    readonly name: string;
    readonly resourceId: string;
    readonly cron: string;
    readonly timezone: string;
    readonly start?: number;
    readonly end?: number;
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
}

/** An EventBridge Scheduler schedule that calls UpdateInferenceComponentRuntimeConfig. */
export interface CopyCountScheduleModel {
    readonly name: string;
    readonly cron: string;
    readonly timezone: string;
    readonly start?: number;
    readonly end?: number;
    readonly componentName: string;
    readonly copies: number;
}

export interface ComponentModel {
    readonly name: string;
    readonly endpointName: string;
    readonly accelerators: number;
    readonly memoryMiB: number;
    readonly cpuCores: number;
    readonly initialCopies: number;
    /** Compute per copy on other instance types (from `Specifications`), where it differs. */
    readonly computeByType?: Readonly<Record<string, CopyCompute>>;
    /** `DataCacheConfig.EnableCaching`: a copy on an instance that already held one starts faster. */
    readonly dataCache?: boolean;
}

/** What one copy reserves on an instance. */
export interface CopyCompute {
    readonly accelerators: number;
    readonly memoryMiB: number;
    readonly cpuCores: number;
}

export interface EndpointModel {
    readonly name: string;
    /** The priority-1 instance type. */
    readonly instanceType: string;
    /** Every instance type in priority order (instance pools); `[instanceType]` without pools. */
    readonly instanceTypes?: readonly string[];
    readonly minInstances: number;
    readonly maxInstances: number;
    readonly initialInstances: number;
    /** Managed instance scaling ScaleInPolicy, when set. */
    readonly scaleIn?: { strategy: string; cooldownMinutes?: number; maximumStepSize?: number };
}

/** Everything the twin executes, wired by name and ARN. */
export interface StackModel {
    readonly endpoints: readonly EndpointModel[];
    readonly components: readonly ComponentModel[];
    readonly targets: readonly ScalableTargetModel[];
    readonly stepPolicies: readonly StepPolicyModel[];
    readonly targetTracking: readonly TargetTrackingModel[];
    readonly alarms: readonly AlarmModel[];
    readonly scheduledActions: readonly ScheduledActionModel[];
    readonly copyCountSchedules: readonly CopyCountScheduleModel[];
}

export const COMPONENT_RESOURCE_PREFIX = "inference-component/";
const UPDATE_RUNTIME_CONFIG_TARGET = "arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig";

const num = (value: unknown, fallback?: number): number => {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n === "number" && Number.isFinite(n)) {
        return n;
    }
    if (fallback === undefined) {
        throw new Error(`expected a number, got ${JSON.stringify(value)}`);
    }
    return fallback;
};
const optNum = (value: unknown): number | undefined => (value === undefined || value === null || value === "" ? undefined : num(value));
const epoch = (value: unknown): number | undefined => (typeof value === "string" ? Date.parse(value) / 1000 : undefined);

/** Reads the resource list into the twin's model; throws naming the resource whose shape it cannot execute. */
export function readStackModel(resources: readonly TwinResource[]): StackModel {
    const of = (type: string) => resources.filter((r) => r.type === type);
    const endpointConfigs = new Map(of(TWIN_TYPES.endpointConfig).map((r) => [r.inputs.endpointConfigName as string, r]));
    const endpoints = of(TWIN_TYPES.endpoint).map((r) => {
        const config = endpointConfigs.get(r.inputs.endpointConfigName);
        if (!config) {
            throw new Error(`twin: endpoint ${r.name} names endpoint config ${r.inputs.endpointConfigName}, which is not in the stack`);
        }
        return readEndpoint(r.inputs.endpointName as string, config);
    });
    return {
        endpoints,
        // Adapters run on their base's copies: they have no copies, compute or scaling of their own.
        components: of(TWIN_TYPES.inferenceComponent)
            .filter((r) => r.inputs.specification?.baseInferenceComponentName === undefined)
            .map(readComponent),
        targets: of(TWIN_TYPES.target).map((r) => ({
            resourceId: r.inputs.resourceId as string,
            minCapacity: num(r.inputs.minCapacity),
            maxCapacity: num(r.inputs.maxCapacity),
        })),
        stepPolicies: of(TWIN_TYPES.policy).filter((r) => r.inputs.policyType === "StepScaling").map(readStepPolicy),
        targetTracking: of(TWIN_TYPES.policy).filter((r) => r.inputs.policyType === "TargetTrackingScaling").map(readTargetTracking),
        alarms: of(TWIN_TYPES.alarm).map(readAlarm),
        scheduledActions: of(TWIN_TYPES.scheduledAction).map((r) => ({
            name: r.name,
            resourceId: r.inputs.resourceId as string,
            cron: r.inputs.schedule as string,
            timezone: (r.inputs.timezone as string | undefined) ?? "UTC",
            start: epoch(r.inputs.startTime),
            end: epoch(r.inputs.endTime),
            minCapacity: optNum(r.inputs.scalableTargetAction?.minCapacity),
            maxCapacity: optNum(r.inputs.scalableTargetAction?.maxCapacity),
        })),
        copyCountSchedules: of(TWIN_TYPES.schedule).map(readCopyCountSchedule),
    };
}

function readEndpoint(name: string, config: TwinResource): EndpointModel {
    const variants = config.inputs.productionVariants as any[];
    if (!Array.isArray(variants) || variants.length !== 1) {
        throw new Error(`twin: endpoint config ${config.name} must have exactly one production variant`);
    }
    const v = variants[0];
    const mis = v.managedInstanceScaling ?? {};
    const enabled = mis.status === "ENABLED";
    const initial = num(v.initialInstanceCount, 1);
    const policy = mis.scaleInPolicy;
    const pools = Array.isArray(v.instancePools)
        ? [...(v.instancePools as { instanceType: string; priority: number }[])].sort((a, b) => a.priority - b.priority).map((p) => p.instanceType)
        : [v.instanceType as string];
    return {
        name,
        instanceType: pools[0],
        instanceTypes: pools,
        minInstances: enabled ? num(mis.minInstanceCount, 0) : initial,
        maxInstances: enabled ? num(mis.maxInstanceCount, initial) : initial,
        initialInstances: initial,
        scaleIn: policy && {
            strategy: policy.strategy,
            cooldownMinutes: optNum(policy.cooldownInMinutes),
            maximumStepSize: optNum(policy.maximumStepSize),
        },
    };
}

function readComponent(r: TwinResource): ComponentModel {
    // One Specification, or one Specifications entry per instance type (the first is the priority-1 type's).
    const specs: any[] = Array.isArray(r.inputs.specifications) ? r.inputs.specifications : [r.inputs.specification ?? {}];
    const compute = (spec: any): CopyCompute => {
        const req = spec?.computeResourceRequirements ?? {};
        return {
            accelerators: num(req.numberOfAcceleratorDevicesRequired, 0),
            memoryMiB: num(req.minMemoryRequiredInMb, 0),
            cpuCores: num(req.numberOfCpuCoresRequired, 0),
        };
    };
    return {
        name: r.inputs.inferenceComponentName,
        endpointName: r.inputs.endpointName,
        ...compute(specs[0]),
        initialCopies: num(r.inputs.runtimeConfig?.copyCount, 1),
        ...(specs.length > 1 && { computeByType: Object.fromEntries(specs.map((s) => [s.instanceType as string, compute(s)])) }),
        ...(specs[0]?.dataCacheConfig?.enableCaching === true && { dataCache: true }),
    };
}

function readStepPolicy(r: TwinResource): StepPolicyModel {
    const c = r.inputs.stepScalingPolicyConfiguration ?? {};
    return {
        kind: "step",
        name: r.name,
        arn: r.inputs.arn,
        resourceId: r.inputs.resourceId,
        adjustmentType: c.adjustmentType,
        cooldown: num(c.cooldown, 0),
        steps: ((c.stepAdjustments ?? []) as any[]).map((s) => ({
            lower: optNum(s.metricIntervalLowerBound),
            upper: optNum(s.metricIntervalUpperBound),
            adjustment: num(s.scalingAdjustment),
        })),
    };
}

function readTargetTracking(r: TwinResource): TargetTrackingModel {
    const c = r.inputs.targetTrackingScalingPolicyConfiguration ?? {};
    return {
        kind: "targetTracking",
        name: r.name,
        resourceId: r.inputs.resourceId,
        metricType: c.predefinedMetricSpecification?.predefinedMetricType,
        targetValue: num(c.targetValue),
        scaleInCooldown: num(c.scaleInCooldown, 300),
        scaleOutCooldown: num(c.scaleOutCooldown, 300),
        disableScaleIn: c.disableScaleIn === true,
    };
}

function readAlarm(r: TwinResource): AlarmModel {
    const i = r.inputs;
    const queries = (i.metricQueries ?? []) as any[];
    let metrics: Record<string, MetricQuery>;
    let expression: string | undefined;
    let period: number;
    if (queries.length > 0) {
        metrics = {};
        for (const q of queries) {
            if (q.metric) {
                metrics[q.id] = {
                    metricName: q.metric.metricName,
                    namespace: q.metric.namespace,
                    dimensions: q.metric.dimensions ?? {},
                    stat: q.metric.stat,
                    period: num(q.metric.period),
                };
            }
        }
        const returned = queries.filter((q) => q.returnData === true);
        if (returned.length !== 1) {
            throw new Error(`twin: alarm ${r.name} must return exactly one query (returnData: true), found ${returned.length}`);
        }
        expression = returned[0].expression ?? returned[0].id;
        period = num(returned[0].period, Math.max(...Object.values(metrics).map((m) => m.period)));
    } else {
        period = num(i.period);
        metrics = {
            m: { metricName: i.metricName, namespace: i.namespace, dimensions: i.dimensions ?? {}, stat: i.statistic, period },
        };
    }
    const evaluationPeriods = num(i.evaluationPeriods);
    return {
        name: r.name,
        arn: i.arn,
        metrics,
        expression,
        period,
        evaluationPeriods,
        datapointsToAlarm: num(i.datapointsToAlarm, evaluationPeriods),
        threshold: num(i.threshold),
        comparison: i.comparisonOperator,
        treatMissingData: i.treatMissingData ?? "missing",
        actions: i.alarmActions ?? [],
        actionsEnabled: i.actionsEnabled !== false,
    };
}

function readCopyCountSchedule(r: TwinResource): CopyCountScheduleModel {
    const target = r.inputs.target ?? {};
    if (target.arn !== UPDATE_RUNTIME_CONFIG_TARGET) {
        throw new Error(`twin: schedule ${r.name} targets ${target.arn}; the twin executes only ${UPDATE_RUNTIME_CONFIG_TARGET}`);
    }
    const request = JSON.parse(target.input);
    return {
        name: r.name,
        cron: r.inputs.scheduleExpression,
        timezone: r.inputs.scheduleExpressionTimezone ?? "UTC",
        start: epoch(r.inputs.startDate),
        end: epoch(r.inputs.endDate),
        componentName: request.InferenceComponentName,
        copies: num(request.DesiredRuntimeConfig?.CopyCount),
    };
}
