import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { expect } from "chai";
import { Command } from "commander";
import { registerStatus, runStatus, statusTarget } from "../../cli/commands/status";
import { StatusClients } from "../../client/status/gather";
import { ROOT } from "../engine/harness";
import { FakeAwsControl } from "../client/fakeAwsControl";
import { FAKE_REGION } from "../client/fakeSageMaker";
import { FAKE_CREDENTIALS } from "../client/helpers";

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0) / 1000;

function answer(fake: FakeAwsControl): void {
    fake.answers = {
        "SageMaker.DescribeEndpoint": {
            EndpointName: "llm-dev",
            EndpointStatus: "InService",
            EndpointConfigName: "llm-config-1",
            ProductionVariants: [{ VariantName: "AllTraffic", CurrentInstanceCount: 1, DesiredInstanceCount: 1 }],
        },
        "SageMaker.DescribeEndpointConfig": { ProductionVariants: [{ VariantName: "AllTraffic", InstanceType: "ml.g5.12xlarge" }] },
        "SageMaker.DescribeInferenceComponent": (body: Record<string, unknown>) =>
            body.InferenceComponentName === "llm-llama-8b-dev"
                ? { InferenceComponentName: "llm-llama-8b-dev", InferenceComponentStatus: "InService", RuntimeConfig: { CurrentCopyCount: 0, DesiredCopyCount: 1 } }
                : { InferenceComponentName: String(body.InferenceComponentName), InferenceComponentStatus: "Failed", FailureReason: "health check failed", RuntimeConfig: { CurrentCopyCount: 0, DesiredCopyCount: 0 } },
        "GraniteServiceVersion20100801.DescribeAlarmsForMetric": (body: Record<string, unknown>) => ({
            MetricAlarms: [
                { AlarmName: `wake-up-${(body.Dimensions as { Value: string }[])[0].Value}`, StateValue: "ALARM" },
                { AlarmName: "wake-failed", StateValue: "OK" },
            ],
        }),
        "AnyScaleFrontendService.DescribeScalingActivities": {
            ScalingActivities: [
                {
                    ActivityId: "a1",
                    ServiceNamespace: "sagemaker",
                    ResourceId: "inference-component/llm-llama-8b-dev",
                    ScalableDimension: "sagemaker:inference-component:DesiredCopyCount",
                    Description: "Setting desired copy count to 1.",
                    Cause: "monitor alarm wake-up in state ALARM triggered policy wake-up",
                    StartTime: NOW - 120,
                    StatusCode: "InProgress",
                },
            ],
        },
        "GraniteServiceVersion20100801.GetMetricStatistics": {
            Label: "ColdStartDuration",
            Datapoints: [{ Timestamp: NOW - 3600, SampleCount: 3, Average: 290, Maximum: 351.2, Unit: "Seconds" }],
        },
    };
}

function clients(url: string): StatusClients {
    const base = { region: FAKE_REGION, endpoint: url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    return { sageMaker: new SageMakerClient(base), autoScaling: new ApplicationAutoScalingClient(base), cloudWatch: new CloudWatchClient(base) };
}

describe("status command (real SDK v3 clients against loopback SageMaker, Application Auto Scaling, CloudWatch)", () => {
    let fake: FakeAwsControl;
    let sdk: StatusClients;
    before(async () => {
        fake = await FakeAwsControl.start();
        answer(fake);
        sdk = clients(fake.url);
    });
    after(async () => {
        Object.values(sdk).forEach((c: { destroy(): void }) => c.destroy());
        await fake.close();
    });
    beforeEach(() => fake.calls.splice(0));

    it("--stack dev reads the names the stack deploys and asks each service about them", async () => {
        let out = "";
        await runStatus({ stack: "dev", json: true }, { write: (t) => (out += t), clients: sdk, root: ROOT });
        const status = JSON.parse(out) as Record<string, unknown> & { components: Record<string, unknown>[] };
        expect(status.endpointName).to.equal("llm-dev");
        expect(status.instanceType).to.equal("ml.g5.12xlarge");
        expect(status.billedUsdPerHour).to.equal(7.09); // one ml.g5.12xlarge at the planner's price
        const [c] = status.components;
        expect(c).to.include({ key: "llama-8b", inferenceComponentName: "llm-llama-8b-dev", status: "InService", currentCopies: 0, desiredCopies: 1 });
        expect(c.alarms).to.deep.equal([{ name: "wake-up-llm-llama-8b-dev", state: "ALARM" }, { name: "wake-failed", state: "OK" }]);
        expect(c.coldStarts).to.deep.equal({ count: 3, averageSeconds: 290, maxSeconds: 351.2 });
        expect((c.lastScalingActivities as { startTime: string }[])[0].startTime).to.equal(new Date((NOW - 120) * 1000).toISOString());
        const activities = fake.calledWith("AnyScaleFrontendService.DescribeScalingActivities")[0];
        expect(activities).to.deep.include({ ServiceNamespace: "sagemaker", ResourceId: "inference-component/llm-llama-8b-dev", ScalableDimension: "sagemaker:inference-component:DesiredCopyCount" });
        const metric = fake.calledWith("GraniteServiceVersion20100801.GetMetricStatistics")[0];
        expect(metric).to.deep.include({ Namespace: "ScaleToZero", MetricName: "ColdStartDuration" });
        expect(metric.Dimensions).to.deep.equal([{ Name: "EndpointName", Value: "llm-dev" }, { Name: "InferenceComponentName", Value: "llm-llama-8b-dev" }]);
        const alarms = fake.calledWith("GraniteServiceVersion20100801.DescribeAlarmsForMetric")[0];
        expect(alarms).to.deep.include({ Namespace: "AWS/SageMaker", MetricName: "NoCapacityInvocationFailures" });
    });

    it("renders a table and names a Failed component with its reason", async () => {
        let out = "";
        await runStatus({ endpoint: "llm-dev", component: ["llm-llama-8b-dev", "broken-ic"] }, { write: (t) => (out += t), clients: sdk });
        expect(out).to.contain("instances 1/1 x ml.g5.12xlarge  billed now: $7.09/h");
        expect(out).to.match(/llm-llama-8b-dev\s+InService\s+0\/1\s+3 \(avg 290s, max 351\.2s\)\s+wake-up-llm-llama-8b-dev=ALARM, wake-failed=OK/);
        expect(out).to.match(/broken-ic\s+Failed\s+0\/0/);
        expect(out).to.contain("broken-ic: FAILED: health check failed");
        expect(out).to.contain("InProgress  Setting desired copy count to 1.");
    });

    it("--watch redraws in place (cursor home + clear) on every refresh", async () => {
        const screens: string[] = [];
        await runStatus({ endpoint: "llm-dev", component: ["llm-llama-8b-dev"], watch: 2 }, { write: (t) => screens.push(t), clients: sdk, maxRefreshes: 1 });
        expect(screens).to.have.length(1);
        expect(screens[0].startsWith("\x1b[H\x1b[2Jendpoint llm-dev")).to.equal(true);
    });

    it("rejects unclear targets before calling AWS, naming the options", () => {
        expect(() => statusTarget({})).to.throw("give either --stack <name> or --endpoint <name>");
        expect(() => statusTarget({ stack: "dev", endpoint: "x" })).to.throw("give either --stack");
        expect(() => statusTarget({ endpoint: "x" })).to.throw("--endpoint needs at least one --component");
        expect(() => statusTarget({ stack: "dev", component: ["a"] }, ROOT)).to.throw("--component goes with --endpoint");
        expect(() => statusTarget({ stack: "nope" }, ROOT)).to.throw(/no stack file .*Pulumi\.nope\.yaml \(stacks here: .*dev/);
    });

    it("registers `status` with the documented options on a commander program", () => {
        const program = new Command();
        registerStatus(program);
        const status = program.commands.find((c) => c.name() === "status")!;
        status.exitOverride().configureOutput({ writeErr: () => undefined });
        expect(status.options.map((o) => o.long)).to.deep.equal(["--stack", "--endpoint", "--component", "--watch", "--json", "--region"]);
        expect(() => status.parseOptions(["--watch", "1"])).to.throw("--watch must be whole seconds between 2 and 3600");
    });
});
