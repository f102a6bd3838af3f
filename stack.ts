import * as pulumi from "@pulumi/pulumi";
import { ScaleToZeroModel } from "./components";
import { StackConfig } from "./config";

/** What the stack exports (see README "Stack outputs"). */
export interface StackOutputs {
    endpointName: pulumi.Output<string>;
    inferenceComponentNames: pulumi.Output<Record<string, string>>;
    wakeUpAlarmArns: pulumi.Output<Record<string, string>>;
    wakeUpPolicyArns: pulumi.Output<Record<string, string>>;
    wakeFailedAlarmArns: pulumi.Output<Record<string, string>>;
    dashboardName?: pulumi.Output<string>;
    targetTrackingPolicyArns: pulumi.Output<Record<string, string>>;
    executionRoleArn: pulumi.Output<string>;
    scheduleArns: pulumi.Output<string[]>;
    callerPolicyArn?: pulumi.Output<string>;
    callerPolicyJson: pulumi.Output<string>;
    invokeCommands: pulumi.Output<Record<string, string>>;
}

/** A ready-to-paste AWS CLI call; the inference component header is mandatory on these endpoints. */
export function invokeCommand(endpointName: string, componentName: string, region?: string): string {
    return [
        "aws sagemaker-runtime invoke-endpoint",
        `--endpoint-name ${endpointName}`,
        `--inference-component-name ${componentName}`,
        ...(region ? [`--region ${region}`] : []),
        "--content-type application/json",
        "--cli-binary-format raw-in-base64-out",
        `--body '{"inputs": "Hello", "parameters": {"max_new_tokens": 32}}'`,
        "/dev/stdout",
    ].join(" ");
}

function perComponent(model: ScaleToZeroModel, pick: (key: string) => pulumi.Output<string>) {
    return pulumi.all(Object.fromEntries(Object.keys(model.inferenceComponents).map((k) => [k, pick(k)])));
}

/** Creates the stack's resources from validated configuration and returns its exports. */
export function deployStack(config: StackConfig, opts?: pulumi.ComponentResourceOptions): StackOutputs {
    const model = new ScaleToZeroModel(config.name, config.model, opts);
    const ic = model.inferenceComponents;
    return {
        endpointName: model.endpointName,
        inferenceComponentNames: model.inferenceComponentNames,
        wakeUpAlarmArns: perComponent(model, (k) => ic[k].wakeUpAlarmArn),
        wakeUpPolicyArns: perComponent(model, (k) => ic[k].wakeUpPolicyArn),
        wakeFailedAlarmArns: pulumi.all(
            Object.fromEntries(Object.entries(ic).flatMap(([k, c]) => (c.wakeFailedAlarmArn ? [[k, c.wakeFailedAlarmArn]] : []))),
        ),
        dashboardName: model.dashboardName,
        targetTrackingPolicyArns: perComponent(model, (k) => ic[k].targetTrackingPolicyArn),
        executionRoleArn: model.executionRoleArn,
        scheduleArns: model.scheduleArns,
        callerPolicyArn: model.callerPolicyArn,
        callerPolicyJson: model.callerPolicyJson,
        invokeCommands: pulumi
            .all([model.endpointName, model.inferenceComponentNames])
            .apply(([endpoint, names]) =>
                Object.fromEntries(Object.entries(names).map(([k, n]) => [k, invokeCommand(endpoint, n, config.region)])),
            ),
    };
}
