/**
 * What a scale-to-zero endpoint is doing right now, read with the real AWS SDK v3 clients: copies and status per
 * component (DescribeInferenceComponent), instances (DescribeEndpoint + DescribeEndpointConfig for the type),
 * the states of the alarms on NoCapacityInvocationFailures (DescribeAlarmsForMetric: the wake-up and wake-failed
 * alarms, whatever Pulumi named them), the last scaling activities (DescribeScalingActivities) and the client's
 * cold starts of the last 24 hours (GetMetricStatistics on ScaleToZero/ColdStartDuration).
 */
import { ApplicationAutoScalingClient, DescribeScalingActivitiesCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsForMetricCommand, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeInferenceComponentCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { AWS } from "../../components/defaults";
import { PROJECT_METRICS, SAGEMAKER_METRICS } from "../../components/metricNames";
import { INSTANCE_TYPES, InstanceType } from "../../planner/prices";

export interface StatusTarget {
    readonly endpointName: string;
    /** Key (as in the stack) → SageMaker inference component name. */
    readonly components: readonly { readonly key: string; readonly inferenceComponentName: string }[];
}

export interface StatusClients {
    readonly sageMaker: SageMakerClient;
    readonly autoScaling: ApplicationAutoScalingClient;
    readonly cloudWatch: CloudWatchClient;
}

export interface AlarmState {
    readonly name: string;
    readonly state: string;
}

export interface ScalingActivity {
    readonly startTime?: string;
    readonly status?: string;
    readonly description?: string;
}

export interface ColdStartSummary {
    /** Cold starts the clients reported in the window (0 when none or the metric is not published). */
    readonly count: number;
    readonly averageSeconds?: number;
    readonly maxSeconds?: number;
}

export interface ComponentStatus {
    readonly key: string;
    readonly inferenceComponentName: string;
    /** InService, Creating, Updating, Failed, Deleting. */
    readonly status?: string;
    readonly failureReason?: string;
    readonly currentCopies?: number;
    readonly desiredCopies?: number;
    readonly alarms: readonly AlarmState[];
    readonly lastScalingActivities: readonly ScalingActivity[];
    readonly coldStarts: ColdStartSummary;
}

export interface EndpointStatus {
    readonly at: string;
    readonly endpointName: string;
    readonly endpointStatus?: string;
    readonly instanceType?: string;
    readonly currentInstances?: number;
    readonly desiredInstances?: number;
    /** USD per hour billed now: current instances × the planner's on-demand price (undefined when unknown). */
    readonly billedUsdPerHour?: number;
    readonly components: readonly ComponentStatus[];
}

export interface GatherOptions {
    readonly now?: Date;
    /** Scaling activities per component. Default 3. */
    readonly activities?: number;
    /** Cold-start window in hours. Default 24. */
    readonly coldStartWindowHours?: number;
    readonly prices?: Readonly<Record<string, InstanceType>>;
}

/** Reads the status of the endpoint and each component; every call of one refresh runs in parallel. */
export async function gatherStatus(target: StatusTarget, clients: StatusClients, options: GatherOptions = {}): Promise<EndpointStatus> {
    const now = options.now ?? new Date();
    const endpoint = await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: target.endpointName }));
    const variant = endpoint.ProductionVariants?.[0];
    const config = endpoint.EndpointConfigName
        ? await clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }))
        : undefined;
    const instanceType = config?.ProductionVariants?.[0]?.InstanceType;
    const components = await Promise.all(target.components.map((c) => componentStatus(c, target.endpointName, clients, now, options)));
    const price = instanceType ? (options.prices ?? INSTANCE_TYPES)[instanceType]?.pricePerHour : undefined;
    const current = variant?.CurrentInstanceCount;
    return {
        at: now.toISOString(),
        endpointName: target.endpointName,
        endpointStatus: endpoint.EndpointStatus,
        instanceType,
        currentInstances: current,
        desiredInstances: variant?.DesiredInstanceCount,
        billedUsdPerHour: price !== undefined && current !== undefined ? round(price * current, 4) : undefined,
        components,
    };
}

async function componentStatus(
    c: StatusTarget["components"][number],
    endpointName: string,
    clients: StatusClients,
    now: Date,
    options: GatherOptions,
): Promise<ComponentStatus> {
    const name = c.inferenceComponentName;
    const windowHours = options.coldStartWindowHours ?? 24;
    const [ic, alarms, activities, coldStarts] = await Promise.all([
        clients.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name })),
        clients.cloudWatch.send(
            new DescribeAlarmsForMetricCommand({
                Namespace: SAGEMAKER_METRICS.namespace,
                MetricName: SAGEMAKER_METRICS.noCapacityFailures,
                Dimensions: [{ Name: SAGEMAKER_METRICS.componentDimension, Value: name }],
            }),
        ),
        clients.autoScaling.send(
            new DescribeScalingActivitiesCommand({
                ServiceNamespace: AWS.serviceNamespace,
                ResourceId: `inference-component/${name}`,
                ScalableDimension: AWS.scalableDimension,
                MaxResults: options.activities ?? 3,
            }),
        ),
        clients.cloudWatch.send(
            new GetMetricStatisticsCommand({
                Namespace: PROJECT_METRICS.namespace,
                MetricName: PROJECT_METRICS.coldStartSeconds,
                Dimensions: [
                    { Name: PROJECT_METRICS.endpointDimension, Value: endpointName },
                    { Name: PROJECT_METRICS.componentDimension, Value: name },
                ],
                StartTime: new Date(now.getTime() - windowHours * 3_600_000),
                EndTime: now,
                Period: windowHours * 3600,
                Statistics: ["SampleCount", "Average", "Maximum"],
            }),
        ),
    ]);
    const points = coldStarts.Datapoints ?? [];
    const count = points.reduce((n, p) => n + (p.SampleCount ?? 0), 0);
    return {
        key: c.key,
        inferenceComponentName: name,
        status: ic.InferenceComponentStatus,
        ...(ic.FailureReason ? { failureReason: ic.FailureReason } : {}),
        currentCopies: ic.RuntimeConfig?.CurrentCopyCount,
        desiredCopies: ic.RuntimeConfig?.DesiredCopyCount,
        alarms: (alarms.MetricAlarms ?? []).map((a) => ({ name: a.AlarmName ?? "", state: a.StateValue ?? "" })),
        lastScalingActivities: (activities.ScalingActivities ?? []).map((a) => ({
            startTime: a.StartTime?.toISOString(),
            status: a.StatusCode,
            description: a.Description,
        })),
        coldStarts: {
            count,
            ...(count > 0 && {
                averageSeconds: round(points.reduce((s, p) => s + (p.Average ?? 0) * (p.SampleCount ?? 0), 0) / count, 1),
                maxSeconds: round(Math.max(...points.map((p) => p.Maximum ?? 0)), 1),
            }),
        },
    };
}

function round(value: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}
