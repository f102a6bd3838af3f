// The stack program: `pulumi up` runs this file. Configuration: Pulumi.<stack>.yaml (see README).
import { loadStackConfig } from "./config";
import { deployStack } from "./stack";

const outputs = deployStack(loadStackConfig());

export const endpointName = outputs.endpointName;
export const inferenceComponentNames = outputs.inferenceComponentNames;
export const wakeUpAlarmArns = outputs.wakeUpAlarmArns;
export const wakeUpPolicyArns = outputs.wakeUpPolicyArns;
export const targetTrackingPolicyArns = outputs.targetTrackingPolicyArns;
export const executionRoleArn = outputs.executionRoleArn;
export const scheduleArns = outputs.scheduleArns;
export const callerPolicyArn = outputs.callerPolicyArn;
export const callerPolicyJson = outputs.callerPolicyJson;
export const invokeCommands = outputs.invokeCommands;
