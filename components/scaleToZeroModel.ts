import * as pulumi from "@pulumi/pulumi";
import { ScaleToZeroModelArgs } from "./args";
import { createCallerPolicy } from "./callerPolicy";
import { defaultComponentName, deployedNames } from "./deployedNames";
import { createEndpoint } from "./endpoint";
import { DEFAULTS } from "./defaults";
import { accountContext, createExecutionRole, propagatedRoleArn, sageMakerArn } from "./iam";
import { createInferenceComponent, createModel } from "./inferenceComponent";
import { createObservability } from "./observability";
import { engineCopyCountLookup } from "./liveCopyCount";
import { createCopyCountSchedules, createScheduledActions, ScheduledComponent } from "./schedule";
import { createScaling } from "./scaling";
import { credentialWarnings } from "./secrets";
import { ComponentSettings, EndpointSettings, resolveComponent, resolveEndpoint } from "./settings";
import { ScaleToZeroArgumentError, validateScaleToZeroModelArgs } from "./validate";
import { COMPONENT_TYPES, withPreviousTypeAlias } from "./typeTokens";

export const SCALE_TO_ZERO_MODEL_TYPE = COMPONENT_TYPES.ScaleToZeroModel;

/** What one inference component of the endpoint exposes. */
export interface InferenceComponentOutputs {
    readonly inferenceComponentName: pulumi.Output<string>;
    readonly inferenceComponentArn: pulumi.Output<string>;
    /** `inference-component/<name>`: the Application Auto Scaling resource id. */
    readonly scalableTargetResourceId: pulumi.Output<string>;
    readonly targetTrackingPolicyArn: pulumi.Output<string>;
    readonly wakeUpPolicyArn: pulumi.Output<string>;
    readonly wakeUpAlarmArn: pulumi.Output<string>;
    /** The idle-timeout alarm, when `scaling.idleTimeoutMinutes` is set. */
    readonly idleAlarmArn?: pulumi.Output<string>;
    /** The wake-failed alarm, unless `observability.wakeFailedAlarm` is false. */
    readonly wakeFailedAlarmArn?: pulumi.Output<string>;
    readonly minCopies: number;
    readonly maxCopies: number;
}

/**
 * A SageMaker real-time endpoint whose inference components scale to zero copies (and its instances to zero)
 * when idle, and wake on the first request that finds no capacity.
 */
export class ScaleToZeroModel extends pulumi.ComponentResource {
    public readonly endpointName: pulumi.Output<string>;
    public readonly endpointArn: pulumi.Output<string>;
    public readonly endpointConfigName: pulumi.Output<string>;
    public readonly executionRoleArn: pulumi.Output<string>;
    /** Per inference component, keyed as declared (`model` for the single-model shorthand). */
    public readonly inferenceComponents: Record<string, InferenceComponentOutputs>;
    /** Key → SageMaker inference component name, convenient for stack exports. */
    public readonly inferenceComponentNames: pulumi.Output<Record<string, string>>;
    /** ARNs of the weekly schedule's resources (scheduled actions or EventBridge schedules); empty without one. */
    public readonly scheduleArns: pulumi.Output<string[]>;
    /** IAM policy (JSON) for applications calling the endpoint through `client/`; see `callerPolicy`. */
    public readonly callerPolicyJson: pulumi.Output<string>;
    /** ARN of the managed caller policy when `callerPolicy.create` is true. */
    public readonly callerPolicyArn?: pulumi.Output<string>;
    /** Name of the CloudWatch dashboard, unless `observability.dashboard` is false. */
    public readonly dashboardName?: pulumi.Output<string>;
    /** SNS topic the wake-failed alarms notify (created or given), if any. */
    public readonly alarmTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: ScaleToZeroModelArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before registering anything: a bad argument must not leave a half-created stack.
        const declared = validateScaleToZeroModelArgs(args, `ScaleToZeroModel "${name}": invalid arguments`);
        const stack = pulumi.getStack();
        const endpoint = resolveEndpoint(args);
        const { endpointName } = deployedNames(name, stack, args);
        const components = Object.entries(declared).map(([key, c]) => resolveComponent(key, defaultComponentName(name, key, stack), c));
        assertUniqueNames(name, components);
        super(SCALE_TO_ZERO_MODEL_TYPE, name, {}, withPreviousTypeAlias("ScaleToZeroModel", opts));
        for (const warning of credentialWarnings(declared, args.inferenceComponents === undefined)) {
            void pulumi.log.warn(warning, this);
        }

        const ctx = accountContext(this);
        const role =
            endpoint.executionRoleArn === undefined
                ? createExecutionRole(
                      name,
                      ctx,
                      endpointName,
                      components.map((c) => c.inferenceComponentName),
                      components.map((c) => c.model),
                      endpoint.tags,
                      this,
                  )
                : undefined;
        const executionRoleArn = role
            ? propagatedRoleArn(role.role, DEFAULTS.iamPropagationSeconds)
            : pulumi.output(endpoint.executionRoleArn!);
        // SageMaker checks the role when the config and models are created: wait until its policy is attached.
        const roleReady = role ? [role.policy] : [];

        const { endpointConfig, endpoint: sageMakerEndpoint } = createEndpoint(
            name,
            endpointName,
            endpoint,
            executionRoleArn,
            this,
            roleReady,
        );

        const copyCountLookup = engineCopyCountLookup();
        this.inferenceComponents = {};
        const scheduled: ScheduledComponent[] = [];
        const scheduleOwnsCapacity = endpoint.schedule?.method === "autoscaling";
        for (const component of components) {
            const childName = `${name}-${component.key}`;
            const model = createModel(childName, component, executionRoleArn, endpoint.tags, this, roleReady);
            const modelName = model
                ? model.modelName.apply((n) => n ?? "")
                : pulumi.output(component.model.existingModelName!);
            const ic = createInferenceComponent(
                childName,
                component,
                sageMakerEndpoint,
                endpointName,
                modelName,
                endpoint.tags,
                this,
                copyCountLookup,
            );
            const scaling = createScaling(childName, component, ic, endpoint.tags, this, scheduleOwnsCapacity);
            scheduled.push({ settings: component, resourceName: childName, inferenceComponent: ic, scaling });
            this.inferenceComponents[component.key] = {
                inferenceComponentName: ic.inferenceComponentName.apply((n) => n ?? component.inferenceComponentName),
                inferenceComponentArn: pulumi
                    .all([ic.inferenceComponentArn, ctx])
                    .apply(([arn, c]) => arn ?? sageMakerArn(c, "inference-component", component.inferenceComponentName)),
                scalableTargetResourceId: scaling.target.resourceId,
                targetTrackingPolicyArn: scaling.targetTracking.arn,
                wakeUpPolicyArn: scaling.wakeUpPolicy.arn,
                wakeUpAlarmArn: scaling.wakeUpAlarm.arn,
                idleAlarmArn: scaling.idle?.alarm.arn,
                minCopies: component.scaling.minCopies,
                maxCopies: component.scaling.maxCopies,
            };
        }

        const observed = Object.entries(this.inferenceComponents).map(([key, c]) => ({ key, ...c }));
        const region = ctx.apply((c) => c.region);
        const observability = createObservability(name, endpointName, region, observed, endpoint.observability, endpoint.tags, this);
        for (const [key, alarm] of Object.entries(observability.wakeFailedAlarms)) {
            this.inferenceComponents[key] = { ...this.inferenceComponents[key], wakeFailedAlarmArn: alarm.arn };
        }
        this.dashboardName = observability.dashboard?.dashboardName;
        this.alarmTopicArn = observability.alarmTopicArn;

        this.scheduleArns = pulumi.all(this.createSchedule(name, endpoint.schedule, scheduled, ctx, endpoint.tags));

        // Policies are built from the ARNs SageMaker will give these names, so they are complete at preview.
        const caller = createCallerPolicy(
            name,
            ctx.apply((c) => sageMakerArn(c, "endpoint", endpointName)),
            components.map((component) => ctx.apply((c) => sageMakerArn(c, "inference-component", component.inferenceComponentName))),
            endpoint.callerPolicy,
            endpoint.callerPolicy.create,
            endpoint.tags,
            this,
        );
        this.callerPolicyJson = caller.json;
        this.callerPolicyArn = caller.policy?.arn;

        this.endpointName = sageMakerEndpoint.endpointName.apply((n) => n ?? endpointName);
        this.endpointArn = pulumi
            .all([sageMakerEndpoint.endpointArn, ctx])
            .apply(([arn, c]) => arn ?? sageMakerArn(c, "endpoint", endpointName));
        this.endpointConfigName = endpointConfig.endpointConfigName.apply((n) => n ?? "");
        this.executionRoleArn = executionRoleArn;
        this.inferenceComponentNames = pulumi.all(
            Object.fromEntries(Object.entries(this.inferenceComponents).map(([k, v]) => [k, v.inferenceComponentName])),
        );
        this.registerOutputs({
            endpointName: this.endpointName,
            endpointArn: this.endpointArn,
            endpointConfigName: this.endpointConfigName,
            executionRoleArn: this.executionRoleArn,
            inferenceComponentNames: this.inferenceComponentNames,
            scheduleArns: this.scheduleArns,
            callerPolicyJson: this.callerPolicyJson,
            callerPolicyArn: this.callerPolicyArn,
            dashboardName: this.dashboardName,
            alarmTopicArn: this.alarmTopicArn,
        });
    }

    private createSchedule(
        name: string,
        schedule: EndpointSettings["schedule"],
        scheduled: ScheduledComponent[],
        ctx: ReturnType<typeof accountContext>,
        tags: Record<string, string>,
    ): pulumi.Output<string>[] {
        if (schedule === undefined) {
            return [];
        }
        if (schedule.method === "autoscaling") {
            return createScheduledActions(schedule, scheduled, this).map((a) => a.arn);
        }
        return createCopyCountSchedules(name, schedule, scheduled, ctx, tags, this).schedules.map((s) => s.arn);
    }
}

function assertUniqueNames(name: string, components: readonly ComponentSettings[]): void {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const c of components) {
        // Lower-cased: SageMaker ARNs are, so names differing only by case are one resource to IAM.
        const other = seen.get(c.inferenceComponentName.toLowerCase());
        if (other !== undefined) {
            problems.push(
                `inferenceComponents.${c.key} and inferenceComponents.${other} both use the inference component name "${c.inferenceComponentName}"`,
            );
        }
        seen.set(c.inferenceComponentName.toLowerCase(), c.key);
    }
    if (problems.length > 0) {
        throw new ScaleToZeroArgumentError(problems, `ScaleToZeroModel "${name}": invalid arguments`);
    }
}
