import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_METRICS, SAGEMAKER_METRICS } from "./metricNames";

/** What the dashboard shows for one inference component. */
export interface DashboardComponent {
    readonly key: string;
    readonly inferenceComponentName: string;
    /** The wake-up alarm and, when created, the wake-failed alarm: shown by state. */
    readonly alarmArns: readonly string[];
}

export interface DashboardInput {
    readonly region: string;
    readonly endpointName: string;
    readonly components: readonly DashboardComponent[];
}

/** One CloudWatch dashboard widget (the dashboard body structure reference, CloudWatch API Reference). */
export interface DashboardWidget {
    readonly type: "metric" | "alarm" | "text";
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly properties: Record<string, unknown>;
}

const ROW_HEIGHT = 6;
const ALARM_HEIGHT = 2;
const WIDGET_WIDTH = 6; // four widgets fill the dashboard's 24-column grid

/**
 * The dashboard body (pure, JSON-serialisable). Per component one row: requests and no-capacity failures,
 * per-copy concurrency (no data = no copy), model latency, the client's cold starts, and the alarms' states.
 * SageMaker publishes no CloudWatch metric for copy or instance counts, so a text widget points to the status
 * command, which reads them from DescribeInferenceComponent and DescribeEndpoint.
 */
export function dashboardBody(input: DashboardInput): { widgets: DashboardWidget[] } {
    const widgets: DashboardWidget[] = [
        {
            type: "text",
            x: 0,
            y: 0,
            width: 24,
            height: 2,
            properties: {
                markdown:
                    `## Scale-to-zero endpoint ${input.endpointName}\n` +
                    "Copy and instance counts are not CloudWatch metrics: run " +
                    `\`scale-to-zero status --endpoint ${input.endpointName}\`. A component in status Failed shows there too.`,
            },
        },
    ];
    input.components.forEach((c, row) => {
        const y = 2 + row * (ROW_HEIGHT + ALARM_HEIGHT);
        const dims = [SAGEMAKER_METRICS.componentDimension, c.inferenceComponentName];
        const metric = (title: string, metrics: unknown[][], column: number, extra: Record<string, unknown> = {}): DashboardWidget => ({
            type: "metric",
            x: column * WIDGET_WIDTH,
            y,
            width: WIDGET_WIDTH,
            height: ROW_HEIGHT,
            properties: { title: `${c.key}: ${title}`, region: input.region, view: "timeSeries", stacked: false, period: 60, metrics, ...extra },
        });
        widgets.push(
            metric("requests and no-capacity failures", [
                [SAGEMAKER_METRICS.namespace, SAGEMAKER_METRICS.invocations, ...dims, { stat: "Sum" }],
                [SAGEMAKER_METRICS.namespace, SAGEMAKER_METRICS.noCapacityFailures, ...dims, { stat: "Sum" }],
            ], 0),
            metric("concurrency per copy (no data: 0 copies)", [
                [SAGEMAKER_METRICS.namespace, SAGEMAKER_METRICS.concurrencyPerCopy, ...dims, { stat: "Maximum" }],
            ], 1),
            metric("model latency (µs)", [
                [SAGEMAKER_METRICS.namespace, SAGEMAKER_METRICS.modelLatency, ...dims, { stat: "Average" }],
                [SAGEMAKER_METRICS.namespace, SAGEMAKER_METRICS.modelLatency, ...dims, { stat: "p90" }],
            ], 2),
            metric("cold starts seen by clients (s)", [
                [
                    PROJECT_METRICS.namespace,
                    PROJECT_METRICS.coldStartSeconds,
                    PROJECT_METRICS.endpointDimension,
                    input.endpointName,
                    PROJECT_METRICS.componentDimension,
                    c.inferenceComponentName,
                    { stat: "Maximum" },
                ],
            ], 3),
        );
        if (c.alarmArns.length > 0) {
            widgets.push({
                type: "alarm",
                x: 0,
                y: y + ROW_HEIGHT,
                width: 24,
                height: ALARM_HEIGHT,
                properties: { title: `${c.key}: alarms`, alarms: [...c.alarmArns] },
            });
        }
    });
    return { widgets };
}

/** The endpoint's dashboard, named after the endpoint (dashboard names allow letters, digits, `-` and `_`). */
export function createDashboard(
    name: string,
    endpointName: string,
    region: pulumi.Output<string>,
    components: readonly { key: string; inferenceComponentName: pulumi.Output<string>; alarmArns: pulumi.Output<string>[] }[],
    parent: pulumi.Resource,
): aws.cloudwatch.Dashboard {
    const resolved = pulumi.all(
        components.map((c) => pulumi.all([c.inferenceComponentName, pulumi.all(c.alarmArns)]).apply(([n, arns]) => ({ key: c.key, inferenceComponentName: n, alarmArns: arns }))),
    );
    return new aws.cloudwatch.Dashboard(
        `${name}-dashboard`,
        {
            dashboardName: endpointName,
            dashboardBody: pulumi
                .all([region, resolved])
                .apply(([r, cs]) => JSON.stringify(dashboardBody({ region: r, endpointName, components: cs }))),
        },
        { parent },
    );
}
