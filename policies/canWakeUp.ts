import { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import {
    INFERENCE_COMPONENT_RESOURCE_PREFIX,
    SAGEMAKER_NAMESPACE,
    TYPES,
    WAKE_UP_METRIC,
    isCopyCountTarget,
} from "./lib/resources";
import { UNKNOWN, asNumber, get, list } from "./lib/values";

export const SCALE_TO_ZERO_CAN_WAKE_UP = "scale-to-zero-can-wake-up";

/**
 * Target tracking never leaves zero copies (there is no per-copy metric at zero), so every inference component
 * that may scale to zero needs the wake-up path: a StepScaling policy on its scalable target and a CloudWatch
 * alarm on NoCapacityInvocationFailures (dimension InferenceComponentName) whose alarm action is that policy.
 *
 * A scale-in alarm can also keep it from waking: Application Auto Scaling applies a step policy again after each
 * cooldown while its alarm stays in ALARM ("The adjustments can continue for additional alarm breaches until the
 * alarm state returns to OK", Application Auto Scaling User Guide, How step scaling works). An alarm that lowers
 * capacity and treats missing data as breaching (or ignores it, keeping ALARM) stays in ALARM at zero copies, where
 * per-copy and invocation metrics have no datapoints, and undoes every wake-up (shown by the twin, docs/twin.md).
 *
 * Uses resource outputs. Values unknown during preview (ARNs of resources not created yet) are never reported:
 * the check runs again on the real outputs after `pulumi up`.
 */
export const scaleToZeroCanWakeUp: StackValidationPolicy = {
    name: SCALE_TO_ZERO_CAN_WAKE_UP,
    description:
        "Every inference component that can scale to zero copies must be able to wake up: a StepScaling policy on " +
        "its scalable target and a NoCapacityInvocationFailures alarm (AWS/SageMaker, InferenceComponentName) whose " +
        "alarmActions contain that policy's ARN.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["availability", "sagemaker", "scale-to-zero"],
    remediationSteps:
        "Add an aws.appautoscaling.Policy (policyType StepScaling, ChangeInCapacity +1 from lower bound 0) on the " +
        "component's scalable target and an aws.cloudwatch.MetricAlarm on AWS/SageMaker NoCapacityInvocationFailures " +
        "with dimensions { InferenceComponentName } and alarmActions [policy.arn]; ScaleToZeroModel creates both.",
    configSchema: { properties: {} },
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const targets = args.resources.filter(
            (r) => r.type === TYPES.scalableTarget && isCopyCountTarget(r.props) === true,
        );
        const zeroTargets = targets.filter((t) => {
            const min = get(t.props, "minCapacity");
            return min !== UNKNOWN && asNumber(min) === 0;
        });
        if (zeroTargets.length === 0) {
            args.notApplicable("no inference component copy-count scalable target has minCapacity 0");
        }
        const components = args.resources.filter((r) => r.type === TYPES.inferenceComponent);
        const stepPolicies = args.resources.filter((r) => r.type === TYPES.scalingPolicy);
        const alarms = args.resources.filter((r) => r.type === TYPES.metricAlarm);
        for (const target of zeroTargets) {
            const resourceId = get(target.props, "resourceId");
            if (typeof resourceId !== "string" || !resourceId.startsWith(INFERENCE_COMPONENT_RESOURCE_PREFIX)) {
                continue; // unknown during preview, or not an inference component
            }
            const componentName = resourceId.slice(INFERENCE_COMPONENT_RESOURCE_PREFIX.length);
            const component = components.find((c) => get(c.props, "inferenceComponentName") === componentName);
            const problem =
                wakeUpProblem(target, resourceId, componentName, stepPolicies, alarms) ??
                fightingScaleInProblem(resourceId, stepPolicies, alarms);
            if (problem !== undefined) {
                reportViolation(
                    `inference component "${componentName}" can scale to zero copies (scalable target ` +
                        `"${target.name}" has minCapacity 0) but cannot wake up: ${problem} Without this, the ` +
                        `first idle period leaves it at zero copies and every request fails until someone scales it by hand.`,
                    component?.urn ?? target.urn,
                );
            }
        }
    },
};

/** A field equals `expected`, or is unknown during preview (may still turn out to match). */
function mayEqual(value: unknown, expected: unknown): boolean {
    return value === UNKNOWN || value === expected;
}

/** What is missing from the wake-up path of one scalable target, or undefined when it is complete (or unknowable). */
function wakeUpProblem(
    target: PolicyResource,
    resourceId: string,
    componentName: string,
    policies: PolicyResource[],
    alarms: PolicyResource[],
): string | undefined {
    const steps = policies.filter(
        (p) => mayEqual(get(p.props, "policyType"), "StepScaling") && mayEqual(get(p.props, "resourceId"), resourceId),
    );
    if (steps.length === 0) {
        return (
            `there is no StepScaling policy on resourceId "${resourceId}". Add an aws.appautoscaling.Policy with ` +
            `policyType "StepScaling", resourceId "${resourceId}" and stepScalingPolicyConfiguration ` +
            `{ adjustmentType: "ChangeInCapacity", stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }] }.`
        );
    }
    const adding = steps.filter(addsCapacity);
    if (adding.length === 0) {
        return (
            `its StepScaling policies (${steps.map((s) => `"${s.name}"`).join(", ")}) never add capacity: give one ` +
            `a step adjustment with scalingAdjustment 1 (metricIntervalLowerBound "0").`
        );
    }
    const candidates = alarms.filter((a) => {
        const dimensions = get(a.props, "dimensions");
        return (
            mayEqual(get(a.props, "metricName"), WAKE_UP_METRIC) &&
            mayEqual(get(a.props, "namespace"), SAGEMAKER_NAMESPACE) &&
            (dimensions === UNKNOWN || mayEqual(get(dimensions, "InferenceComponentName"), componentName))
        );
    });
    if (candidates.length === 0) {
        return (
            `there is no CloudWatch alarm on ${SAGEMAKER_NAMESPACE} ${WAKE_UP_METRIC} with dimensions ` +
            `{ InferenceComponentName: "${componentName}" }. Add an aws.cloudwatch.MetricAlarm (statistic Maximum, ` +
            `threshold 1, GreaterThanOrEqualToThreshold, 1 evaluation period) with alarmActions [<StepScaling policy ARN>].`
        );
    }
    const arns = adding.map((s) => get(s.props, "arn"));
    if (candidates.some((a) => triggers(a, arns))) {
        return undefined;
    }
    const disabled = candidates.filter((a) => get(a.props, "actionsEnabled") === false);
    if (disabled.length === candidates.length) {
        return (
            `its ${WAKE_UP_METRIC} alarm (${disabled.map((a) => `"${a.name}"`).join(", ")}) has actionsEnabled false; ` +
            `set actionsEnabled to true so the alarm can trigger the StepScaling policy.`
        );
    }
    return (
        `its ${WAKE_UP_METRIC} alarm (${candidates.map((a) => `"${a.name}"`).join(", ")}) does not trigger the ` +
        `StepScaling policy (${adding.map((s) => `"${s.name}"`).join(", ")}). Set the alarm's alarmActions to ` +
        `[<StepScaling policy ARN>] (e.g. alarmActions: [wakeUpPolicy.arn]).`
    );
}

/** The step policy has a step that adds capacity (or its configuration is not known yet). */
function addsCapacity(policy: PolicyResource): boolean {
    const steps = list(get(policy.props, "stepScalingPolicyConfiguration", "stepAdjustments"));
    if (steps === UNKNOWN) {
        return true;
    }
    return steps.some((step) => {
        const adjustment = get(step, "scalingAdjustment");
        return adjustment === UNKNOWN || (asNumber(adjustment) ?? 0) > 0;
    });
}

/** The alarm's actions contain one of the step policy ARNs (or may, because something is unknown). */
function triggers(alarm: PolicyResource, policyArns: unknown[]): boolean {
    if (get(alarm.props, "actionsEnabled") === false) {
        return false;
    }
    const actions = list(get(alarm.props, "alarmActions"));
    if (actions === UNKNOWN || actions.includes(UNKNOWN)) {
        return true;
    }
    if (actions.some((a) => policyArns.includes(a))) {
        return true;
    }
    // A policy ARN not known yet may be any of the alarm's scaling-policy actions.
    return policyArns.includes(UNKNOWN) && actions.some((a) => typeof a === "string" && /:autoscaling:.*:scalingPolicy:/.test(a));
}

/** Missing-data treatments under which an alarm stays in (or enters) ALARM when its metric has no datapoints. */
const ALARM_WHEN_MISSING = new Set(["breaching", "ignore"]);

/** A scale-in alarm on this target that stays in ALARM at zero copies, or undefined. */
function fightingScaleInProblem(resourceId: string, policies: PolicyResource[], alarms: PolicyResource[]): string | undefined {
    const lowering = policies.filter(
        (p) => get(p.props, "policyType") === "StepScaling" && get(p.props, "resourceId") === resourceId && lowersCapacity(p),
    );
    for (const alarm of alarms) {
        const missing = get(alarm.props, "treatMissingData");
        if (typeof missing !== "string" || !ALARM_WHEN_MISSING.has(missing) || get(alarm.props, "actionsEnabled") === false) {
            continue;
        }
        const actions = list(get(alarm.props, "alarmActions"));
        const policy = actions === UNKNOWN ? undefined : lowering.find((p) => actions.includes(get(p.props, "arn")));
        if (policy !== undefined) {
            return (
                `its scale-in alarm "${alarm.name}" (action "${policy.name}") treats missing data as "${missing}". At zero ` +
                `copies its metric has no datapoints, so the alarm stays in ALARM and Application Auto Scaling keeps ` +
                `applying the scale-in after every cooldown, undoing each wake-up. Use treatMissingData "notBreaching" ` +
                `on a per-copy metric (ScaleToZeroModel's scaling.idleTimeoutMinutes does).`
            );
        }
    }
    return undefined;
}

/** The step policy sets capacity to 0 or removes capacity (known values only: unknowns are not reported). */
function lowersCapacity(policy: PolicyResource): boolean {
    const type = get(policy.props, "stepScalingPolicyConfiguration", "adjustmentType");
    const steps = list(get(policy.props, "stepScalingPolicyConfiguration", "stepAdjustments"));
    if (steps === UNKNOWN || type === UNKNOWN) {
        return false;
    }
    return steps.some((step) => {
        const adjustment = asNumber(get(step, "scalingAdjustment"));
        return adjustment !== undefined && (type === "ExactCapacity" ? adjustment === 0 : adjustment < 0);
    });
}
