// Public API of the scale-to-zero component package.
export * from "./args";
export { DEFAULTS, AWS as AWS_IDENTIFIERS } from "./defaults";
export { sageMakerName, sageMakerNameError } from "./names";
export { executionRolePolicy, ecrRepositoryArn, ACTIONS_WITHOUT_RESOURCE_SCOPE } from "./iam";
export { ScaleToZeroModel, InferenceComponentOutputs, SCALE_TO_ZERO_MODEL_TYPE } from "./scaleToZeroModel";
export { ScaleToZeroArgumentError, validateScaleToZeroModelArgs, normalizeComponents } from "./validate";
export { COMPONENT_REPLACE_ON_CHANGES } from "./inferenceComponent";
export { chooseCopyCount } from "./liveCopyCount";
export { ScaleToZeroQueue, ScaleToZeroQueueArgs, SCALE_TO_ZERO_QUEUE_TYPE, validateScaleToZeroQueueArgs } from "./scaleToZeroQueue";
export { endpointCallerPolicy } from "./callerPolicy";
export { cronError, timeZoneError } from "./cron";
