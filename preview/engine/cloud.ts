// What a real provider would answer, for engines that run the program without AWS: the names and ARNs it computes
// on create, and the account/region look-ups the components invoke. Shared by the in-process mock engine and the
// gRPC fake engine, so both report the same values.

/** Placeholder account and region of every computed ARN. */
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

/** ARNs and names a real provider would compute, so wiring between resources can be asserted. */
export function computed(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    const region = `${REGION}:${ACCOUNT}`;
    switch (type) {
        case "aws:iam/role:Role": {
            const roleName = inputs.name ?? `${inputs.namePrefix ?? name}abc1234`;
            return { name: roleName, arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` };
        }
        case "aws-native:sagemaker:EndpointConfig":
            return { endpointConfigArn: `arn:aws:sagemaker:${region}:endpoint-config/${inputs.endpointConfigName}` };
        case "aws-native:sagemaker:Endpoint":
            return { endpointArn: `arn:aws:sagemaker:${region}:endpoint/${inputs.endpointName}` };
        case "aws-native:sagemaker:Model":
            return { modelArn: `arn:aws:sagemaker:${region}:model/${inputs.modelName}` };
        case "aws-native:sagemaker:InferenceComponent":
            return { inferenceComponentArn: `arn:aws:sagemaker:${region}:inference-component/${inputs.inferenceComponentName}` };
        case "aws:appautoscaling/policy:Policy":
            return {
                arn: `arn:aws:autoscaling:${region}:scalingPolicy:0000:resource/sagemaker/${inputs.resourceId}:policyName/${name}`,
                name: inputs.name ?? name,
            };
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            return { arn: `arn:aws:cloudwatch:${region}:alarm:${inputs.name ?? name}`, name: inputs.name ?? name };
        case "aws:sqs/queue:Queue":
            return {
                arn: `arn:aws:sqs:${region}:${name}`,
                url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
            };
        case "aws:scheduler/schedule:Schedule":
            return { arn: `arn:aws:scheduler:${region}:schedule/default/${inputs.name ?? name}` };
        default:
            return { arn: `arn:aws:mock:${region}:${type}/${name}` };
    }
}

/** Canned answers of the invokes the components make; any other invoke is a test failure. */
export function invokeResult(token: string, region: string): Record<string, unknown> {
    switch (token) {
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:index/getRegion:getRegion":
            return { region, name: region, id: region };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "AIDTEST", id: ACCOUNT };
        default:
            throw new Error(`unexpected invoke ${token}`);
    }
}
