/**
 * AWS identifiers the policies match on. The pack is published on its own (`pulumi policy publish` uploads only
 * this folder), so it cannot import the component package; tests/policies/awsIdentifiers.test.ts keeps these
 * equal to the component's values.
 */
export const COPY_COUNT_DIMENSION = "sagemaker:inference-component:DesiredCopyCount";
export const WAKE_UP_METRIC = "NoCapacityInvocationFailures";
export const SAGEMAKER_NAMESPACE = "AWS/SageMaker";

/** Actions that AWS does not scope by resource: the only ones a role may be granted on `*`. */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE = ["ecr:GetAuthorizationToken", "cloudwatch:PutMetricData"] as const;
