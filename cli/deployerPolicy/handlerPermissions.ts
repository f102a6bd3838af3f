/**
 * What the CloudFormation handlers of the SageMaker resource types call, with the caller's credentials: aws-native
 * creates, reads, updates and deletes these types through Cloud Control, which runs the type's handlers as the
 * caller ("Cloud Control API uses the handler permissions of the resource type", AWS Cloud Control API User
 * Guide, Security > Identity and access management). Copied from the `handlers` sections of the resource schemas
 * in pulumi/pulumi-aws-native aws-cloudformation-schema/ (aws-sagemaker-inferencecomponent.json,
 * aws-sagemaker-endpoint.json). The cfn-lint copies in tests/contract/schemas/ have their handlers stripped, and
 * the stored copies of aws-sagemaker-model.json / -endpointconfig.json read here predate their handlers: those two
 * lists follow the CloudFormation resource type reference and are not verified against a schema file here.
 * `iam:PassRole` from the Model and EndpointConfig handlers is granted separately, on the execution role only.
 */
export const HANDLER_PERMISSIONS: Readonly<Record<string, { readonly arnKind: string; readonly actions: readonly string[] }>> = {
    "aws-native:sagemaker:Model": {
        arnKind: "model",
        actions: ["sagemaker:CreateModel", "sagemaker:DescribeModel", "sagemaker:DeleteModel", "sagemaker:AddTags", "sagemaker:ListTags", "sagemaker:DeleteTags"],
    },
    "aws-native:sagemaker:EndpointConfig": {
        arnKind: "endpoint-config",
        actions: [
            "sagemaker:CreateEndpointConfig",
            "sagemaker:DescribeEndpointConfig",
            "sagemaker:DeleteEndpointConfig",
            "sagemaker:AddTags",
            "sagemaker:ListTags",
            "sagemaker:DeleteTags",
        ],
    },
    "aws-native:sagemaker:Endpoint": {
        arnKind: "endpoint",
        actions: ["sagemaker:CreateEndpoint", "sagemaker:DescribeEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DeleteEndpoint", "sagemaker:AddTags", "sagemaker:ListTags", "sagemaker:DeleteTags"],
    },
    "aws-native:sagemaker:InferenceComponent": {
        arnKind: "inference-component",
        actions: [
            "sagemaker:CreateInferenceComponent",
            "sagemaker:DescribeInferenceComponent",
            "sagemaker:UpdateInferenceComponent",
            "sagemaker:UpdateInferenceComponentRuntimeConfig",
            "sagemaker:DeleteInferenceComponent",
            "sagemaker:AddTags",
            "sagemaker:ListTags",
            "sagemaker:DeleteTags",
        ],
    },
};

/**
 * The Cloud Control calls aws-native makes (pulumi/pulumi-aws-native provider/pkg/client: CreateResource,
 * GetResource, UpdateResource, DeleteResource, then GetResourceRequestStatus to wait). Cloud Control actions
 * support no resource-level permissions (Service Authorization Reference, "Actions, resources, and condition keys
 * for AWS Cloud Control API": no resource types), so they need Resource "*"; the handler permissions above are
 * what scopes the deployer.
 */
export const CLOUD_CONTROL_ACTIONS = [
    "cloudformation:CreateResource",
    "cloudformation:GetResource",
    "cloudformation:UpdateResource",
    "cloudformation:DeleteResource",
    "cloudformation:GetResourceRequestStatus",
] as const;
