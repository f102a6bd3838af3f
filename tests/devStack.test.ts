import { expect } from "chai";
import { parseStackConfig } from "../config";
import { deployStack } from "../stack";
import { readStackFile } from "../stackFile";
import { ACCOUNT, REGION, RecordingMocks, resolve, runUnderMocks } from "./helpers/pulumiMocks";

const IC = "aws-native:sagemaker:InferenceComponent";
const ENDPOINT_CONFIG = "aws-native:sagemaker:EndpointConfig";
const ENDPOINT = "aws-native:sagemaker:Endpoint";
const MODEL = "aws-native:sagemaker:Model";
const TARGET = "aws:appautoscaling/target:Target";
const POLICY = "aws:appautoscaling/policy:Policy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

describe("dev stack program under mocks", () => {
    let mocks: RecordingMocks;
    let outputs: ReturnType<typeof deployStack>;

    before(async () => {
        const config = readStackFile("dev");
        const run = await runUnderMocks(
            (m) => deployStack(parseStackConfig(config), { transformations: [m.recordOptions] }),
            { stack: "dev", config },
        );
        mocks = run.mocks;
        outputs = run.result;
    });

    it("creates exactly the resources of a one-model scale-to-zero endpoint", () => {
        const types = mocks.resources.filter((r) => Object.keys(r.state).length > 0).map((r) => r.type).sort();
        expect(types).to.deep.equal(
            [
                "aws-native:sagemaker:Endpoint",
                "aws-native:sagemaker:EndpointConfig",
                "aws-native:sagemaker:InferenceComponent",
                "aws-native:sagemaker:Model",
                "aws:appautoscaling/policy:Policy", // target tracking
                "aws:appautoscaling/policy:Policy", // wake-up
                "aws:appautoscaling/policy:Policy", // idle timeout
                "aws:appautoscaling/target:Target",
                "aws:cloudwatch/metricAlarm:MetricAlarm", // wake-up
                "aws:cloudwatch/metricAlarm:MetricAlarm", // idle timeout
                "aws:cloudwatch/metricAlarm:MetricAlarm", // wake failed
                "aws:cloudwatch/dashboard:Dashboard",
                "aws:iam/role:Role", // SageMaker execution role
                "aws:iam/rolePolicy:RolePolicy",
                "aws:iam/role:Role", // EventBridge Scheduler role
                "aws:iam/rolePolicy:RolePolicy",
                "aws:iam/policy:Policy", // caller policy for application roles
                "aws:scheduler/schedule:Schedule", // Friday off
                "aws:scheduler/schedule:Schedule", // Monday on
                "scale-to-zero:index:ScaleToZeroModel",
            ].sort(),
        );
    });

    it("endpoint config: no model on the variant, managed instance scaling down to 0, execution role", () => {
        const config = mocks.one(ENDPOINT_CONFIG).inputs;
        const role = mocks.one("aws:iam/role:Role", "-execution-role").state;
        expect(config.executionRoleArn).to.equal(role.arn);
        expect(config.productionVariants).to.have.length(1);
        const variant = config.productionVariants[0];
        expect(variant).to.not.have.property("modelName");
        expect(variant).to.deep.include({
            variantName: "AllTraffic",
            instanceType: "ml.g5.2xlarge",
            initialInstanceCount: 1,
            modelDataDownloadTimeoutInSeconds: 600,
            containerStartupHealthCheckTimeoutInSeconds: 600,
        });
        expect(variant.managedInstanceScaling).to.deep.equal({ status: "ENABLED", minInstanceCount: 0, maxInstanceCount: 2 });
        expect(variant.routingConfig).to.deep.equal({ routingStrategy: "LEAST_OUTSTANDING_REQUESTS" });
        expect(config.endpointConfigName).to.match(/^llm-dev-cfg-[0-9a-f]{7}$/);
        expect(config.tags).to.deep.include({ key: "environment", value: "dev" });
    });

    it("endpoint uses the endpoint config", () => {
        const endpoint = mocks.one(ENDPOINT);
        expect(endpoint.inputs.endpointName).to.equal("llm-dev");
        expect(endpoint.inputs.endpointConfigName).to.equal(mocks.one(ENDPOINT_CONFIG).inputs.endpointConfigName);
    });

    it("model: image, uncompressed S3 prefix and environment from the stack config", () => {
        const model = mocks.one(MODEL).inputs;
        expect(model.executionRoleArn).to.equal(mocks.one("aws:iam/role:Role", "-execution-role").state.arn);
        expect(model.primaryContainer).to.deep.equal({
            image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
            environment: { OPTION_MAX_MODEL_LEN: "8192", OPTION_ROLLING_BATCH: "lmi-dist" },
            mode: "SingleModel",
            modelDataSource: {
                s3DataSource: {
                    s3Uri: "s3://example-ml-artifacts/llama-3-1-8b-instruct/",
                    s3DataType: "S3Prefix",
                    compressionType: "None",
                },
            },
        });
    });

    it("inference component: on the endpoint, model, compute, startup, copy count 1 at create", () => {
        const ic = mocks.one(IC);
        expect(ic.inputs.inferenceComponentName).to.equal("llm-llama-8b-dev");
        expect(ic.inputs.endpointName).to.equal("llm-dev");
        expect(ic.inputs.variantName).to.equal("AllTraffic");
        expect(ic.inputs.specification).to.deep.equal({
            modelName: mocks.one(MODEL).inputs.modelName,
            computeResourceRequirements: {
                numberOfAcceleratorDevicesRequired: 1,
                numberOfCpuCoresRequired: 2,
                minMemoryRequiredInMb: 16384,
            },
            startupParameters: {
                modelDataDownloadTimeoutInSeconds: 900,
                containerStartupHealthCheckTimeoutInSeconds: 900,
            },
        });
        expect(ic.inputs.runtimeConfig).to.deep.equal({ copyCount: 1 });
    });

    it("safe delete order: target -> inference component -> endpoint -> endpoint config", () => {
        const ic = mocks.one(IC);
        const endpoint = mocks.one(ENDPOINT);
        const target = mocks.one(TARGET);
        expect(target.opts?.dependsOn).to.include(ic.resource);
        expect(ic.opts?.dependsOn).to.include(endpoint.resource);
        // The endpoint takes its config name from the config's output: an implicit dependency.
        expect(endpoint.inputs.endpointConfigName).to.equal(mocks.one(ENDPOINT_CONFIG).state.endpointConfigName);
        for (const policy of mocks.ofType(POLICY)) {
            expect(policy.opts?.dependsOn, policy.name).to.include(target.resource);
        }
    });

    it("scalable target: sagemaker inference-component desired copy count, 0..maxCopies", () => {
        expect(mocks.one(TARGET).inputs).to.deep.include({
            serviceNamespace: "sagemaker",
            resourceId: "inference-component/llm-llama-8b-dev",
            scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
            minCapacity: 0,
            maxCapacity: 2,
        });
    });

    it("target tracking on concurrent requests per copy (high resolution), target 5, cooldowns 300", () => {
        const policy = mocks.one(POLICY, "-target-tracking").inputs;
        expect(policy).to.deep.include({
            policyType: "TargetTrackingScaling",
            resourceId: "inference-component/llm-llama-8b-dev",
            scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
            serviceNamespace: "sagemaker",
        });
        expect(policy.targetTrackingScalingPolicyConfiguration).to.deep.equal({
            predefinedMetricSpecification: {
                predefinedMetricType: "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
            },
            targetValue: 5,
            scaleInCooldown: 300,
            scaleOutCooldown: 300,
        });
    });

    it("wake-up step policy adds one copy (ChangeInCapacity +1 from lower bound 0), cooldown longer than a cold start", () => {
        const policy = mocks.one(POLICY, "-wake-up").inputs;
        expect(policy.policyType).to.equal("StepScaling");
        expect(policy.resourceId).to.equal("inference-component/llm-llama-8b-dev");
        expect(policy.stepScalingPolicyConfiguration).to.deep.equal({
            adjustmentType: "ChangeInCapacity",
            metricAggregationType: "Maximum",
            cooldown: 600,
            stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
        });
    });

    it("wake-up alarm on NoCapacityInvocationFailures triggers the step policy", () => {
        const alarm = mocks.one(ALARM, "-wake-up-alarm").inputs;
        expect(alarm).to.deep.include({
            metricName: "NoCapacityInvocationFailures",
            namespace: "AWS/SageMaker",
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "missing",
        });
        expect(alarm.dimensions).to.deep.equal({ InferenceComponentName: "llm-llama-8b-dev" });
        expect(alarm.alarmActions).to.deep.equal([mocks.one(POLICY, "-wake-up").state.arn]);
    });

    it("every child is parented to the ScaleToZeroModel component", () => {
        const component = mocks.one("scale-to-zero:index:ScaleToZeroModel");
        expect(component.name).to.equal("llm");
        const children = mocks.resources.filter((r) => r.type !== "scale-to-zero:index:ScaleToZeroModel");
        expect(children.length).to.equal(19); // with the dashboard and the wake-failed alarm
        for (const child of children) {
            expect(child.parentUrn, child.name).to.equal("urn:pulumi:dev::scale-to-zero::scale-to-zero:index:ScaleToZeroModel::llm");
            expect(child.name.startsWith("llm-"), child.name).to.equal(true);
        }
    });

    it("caller policy: invoke the endpoint, watch and wake exactly this component", async () => {
        const policy = mocks.one("aws:iam/policy:Policy", "-caller-policy");
        const endpointArn = mocks.one(ENDPOINT).state.endpointArn;
        const componentArn = mocks.one(IC).state.inferenceComponentArn;
        expect(JSON.parse(policy.inputs.policy).Statement).to.deep.equal([
            {
                Sid: "InvokeEndpoint",
                Effect: "Allow",
                Action: ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"],
                Resource: [endpointArn],
            },
            { Sid: "WatchColdStart", Effect: "Allow", Action: ["sagemaker:DescribeInferenceComponent"], Resource: [componentArn] },
            {
                Sid: "WakeFromZero",
                Effect: "Allow",
                Action: ["sagemaker:UpdateInferenceComponentRuntimeConfig"],
                Resource: [componentArn],
            },
        ]);
        expect(await resolve(outputs.callerPolicyArn!)).to.equal(policy.state.arn);
    });

    it("exports names, ARNs and a ready-to-paste invoke command", async () => {
        expect(await resolve(outputs.endpointName)).to.equal("llm-dev");
        expect(await resolve(outputs.inferenceComponentNames)).to.deep.equal({ "llama-8b": "llm-llama-8b-dev" });
        expect(await resolve(outputs.wakeUpAlarmArns)).to.deep.equal({
            "llama-8b": `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:llm-llama-8b-wake-up-alarm`,
        });
        const wakeUp = await resolve(outputs.wakeUpPolicyArns);
        expect(wakeUp["llama-8b"]).to.equal(mocks.one(POLICY, "-wake-up").state.arn);
        const tracking = await resolve(outputs.targetTrackingPolicyArns);
        expect(tracking["llama-8b"]).to.equal(mocks.one(POLICY, "-target-tracking").state.arn);
        const commands = await resolve(outputs.invokeCommands);
        expect(commands["llama-8b"]).to.contain("aws sagemaker-runtime invoke-endpoint --endpoint-name llm-dev");
        expect(commands["llama-8b"]).to.contain("--inference-component-name llm-llama-8b-dev");
        expect(commands["llama-8b"]).to.contain("--region us-east-1");
    });
});

