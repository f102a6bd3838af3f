import { ModelSource } from "../args";
import { endpointCallerPolicy } from "../callerPolicy";
import { executionRolePolicy, sageMakerArn } from "../iam";
import { LIMITS } from "./awsLimits";

/** IAM's count of a policy document: its JSON without white space. */
export function policyCharacters(document: object): number {
    return JSON.stringify(document).replace(/\s/g, "").length;
}

/** The problem (none or one) when `document` exceeds `limit` characters, naming what makes it grow. */
function policySizeProblem(what: string, document: object, limit: number, grows: string): string[] {
    const size = policyCharacters(document);
    return size > limit ? [`${what} would be ${size} characters, above IAM's limit of ${limit}: ${grows}`] : [];
}

/** The longest ARNs a deployment can produce, so a size check made before deployment holds everywhere. */
const WORST_CASE_CONTEXT = { partition: "aws-us-gov", region: "ap-southeast-5", accountId: "123456789012" };
/** Names are derived at construction; before that, assume distinct names of the longest SageMaker length. */
function longestName(index: number): string {
    return `${"n".repeat(59)}${String(index).padStart(4, "0")}`;
}

/** What the policy checks need to know about one component. */
export interface PolicyInput {
    readonly inferenceComponentName?: string;
    readonly model: ModelSource;
}

/**
 * Problems when the policies the component would create exceed IAM's size limits: the execution role's inline
 * policy (created without `executionRoleArn`) and the managed caller policy (created with `callerPolicy.create`).
 * Both grow with the number of components, images and S3 locations.
 */
export function policySizeProblems(
    endpointName: string | undefined,
    components: readonly PolicyInput[],
    createsExecutionRole: boolean,
    createsCallerPolicy: boolean,
    allowWake: boolean,
): string[] {
    const names = components.map((c, i) => c.inferenceComponentName ?? longestName(i));
    const endpoint = endpointName ?? longestName(components.length);
    const arn = (type: "endpoint" | "inference-component", name: string) => sageMakerArn(WORST_CASE_CONTEXT, type, name);
    const executionRole = createsExecutionRole
        ? policySizeProblem(
              "the execution role's inline policy",
              executionRolePolicy(WORST_CASE_CONTEXT, endpoint, names, components.map((c) => c.model)),
              LIMITS.iam.roleInlinePolicyChars,
              "it lists every component's log group, image repository and S3 location; split the components over several endpoints or give executionRoleArn",
          )
        : [];
    const caller = createsCallerPolicy
        ? policySizeProblem(
              "callerPolicy (a managed policy)",
              endpointCallerPolicy(arn("endpoint", endpoint), names.map((n) => arn("inference-component", n)), allowWake),
              LIMITS.iam.managedPolicyChars,
              "it lists every component's ARN; split the components over several endpoints or set callerPolicy.create false",
          )
        : [];
    return [...executionRole, ...caller];
}
