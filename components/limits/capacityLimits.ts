/**
 * AWS limits of the 2025 capacity features (instance pools, capacity reservations, rolling updates), with sources.
 * The CloudFormation ranges come from the AWS::SageMaker::InferenceComponent registry schema (committed as
 * tests/contract/schemas/aws-sagemaker-inferencecomponent.json); the rest from the SageMaker API reference as
 * quoted in @pulumi/aws-native 1.79's generated types.
 */
export const CAPACITY_LIMITS = {
    /** InstancePool.Priority "Valid values: 1 to 5, where 1 is the highest priority": the main type and 4 more. */
    maxInstancePools: 5,
    /**
     * ProductionVariantCapacityReservationConfig.MlReservationArn: 20-258 characters, this pattern
     * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantCapacityReservationConfig.html).
     */
    mlReservationArn: { minLength: 20, maxLength: 258, pattern: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:ml-reservation\/.+$/ },
    /** RollingUpdatePolicy.WaitIntervalInSeconds 0-3600, MaximumExecutionTimeoutInSeconds 600-28800 (CFN schema). */
    waitIntervalSeconds: { min: 0, max: 3600 },
    maximumExecutionTimeoutSeconds: { min: 600, max: 28_800 },
    /** MaximumBatchSize "must be between 5% to 50% of the copy count of the inference component". */
    batchPercent: { min: 5, max: 50 },
    /** RollbackMaximumBatchSize: a percentage of the old fleet, default 100 %. */
    rollbackBatchPercent: { min: 5, max: 100 },
    /** AutoRollbackConfiguration.Alarms: 1-10 items; AlarmName 1-255 characters (CFN schema). */
    rollbackAlarms: { max: 10, maxNameLength: 255 },
} as const;
