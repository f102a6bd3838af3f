/**
 * The client's opt-in cold-start metric: one PutMetricData datapoint per call that waited for capacity, in the
 * project namespace with the endpoint and component as dimensions, so the dashboard and `status` can chart what
 * callers actually waited (SageMaker itself publishes no cold-start duration).
 */
import { CloudWatchClient, PutMetricDataCommand, type PutMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { PROJECT_METRICS } from "../components/metricNames";

export interface ColdStartSample {
    readonly endpointName: string;
    readonly inferenceComponentName: string;
    /** From this call's first no-capacity answer to its response, in ms. */
    readonly coldStartMs: number;
    readonly at: Date;
}

/** The PutMetricData request for one sample (pure). */
export function coldStartMetricInput(sample: ColdStartSample): PutMetricDataCommandInput {
    return {
        Namespace: PROJECT_METRICS.namespace,
        MetricData: [
            {
                MetricName: PROJECT_METRICS.coldStartSeconds,
                Dimensions: [
                    { Name: PROJECT_METRICS.endpointDimension, Value: sample.endpointName },
                    { Name: PROJECT_METRICS.componentDimension, Value: sample.inferenceComponentName },
                ],
                Timestamp: sample.at,
                Value: sample.coldStartMs / 1000,
                Unit: "Seconds",
            },
        ],
    };
}

/** Publishes samples; a failed publish never fails the call that waited (the response is already there). */
export class ColdStartMetricPublisher {
    /** Publishes that failed (access denied, throttling, network), for tests and logs. */
    public failures = 0;

    constructor(private readonly client: CloudWatchClient) {}

    async publish(sample: ColdStartSample): Promise<void> {
        try {
            await this.client.send(new PutMetricDataCommand(coldStartMetricInput(sample)));
        } catch {
            this.failures++;
        }
    }
}
