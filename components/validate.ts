import * as pulumi from "@pulumi/pulumi";
import {
    ComputeRequirements,
    CopyScaling,
    EndpointArgs,
    INSTANCE_SCALE_IN_STRATEGIES,
    InferenceComponentArgs,
    InstanceScaleIn,
    ModelSource,
    ROUTING_STRATEGIES,
    SCHEDULE_METHODS,
    WeeklySchedule,
    ScaleToZeroModelArgs,
    SINGLE_COMPONENT_KEY,
    StartupTimeouts,
} from "./args";
import { cronError, timeZoneError, timestampError } from "./cron";
import { cronFiresWithin } from "./cronFires";
import { DEFAULTS } from "./defaults";
import {
    checkInteger,
    checkName,
    checkNumber,
    checkStringMap,
    describe,
    INSTANCE_TYPE_PATTERN,
    isCount,
    isMapOrReport,
    isRecord,
    Problems,
} from "./checks";
import { alarmPeriodError, LIMITS } from "./limits/awsLimits";
import { environmentProblems } from "./limits/environment";
import { modelDataUrlError } from "./limits/modelData";
import { validatePlacement } from "./limits/placementArgs";
import { validateCallerPolicy, validateObservability } from "./observabilityValidation";
import { plainValueProblems } from "./plainValues";
import { policySizeProblems } from "./limits/policySize";
import { tagProblems } from "./limits/tags";

export { checkInteger, Problems } from "./checks";

/** Thrown for arguments that cannot produce a working endpoint. Lists every problem found, one per line. */
// A RunError, so `pulumi up` prints the problems without a stack trace (@pulumi/pulumi cmd/run/run.js hides the
// stack of RunErrors only).
export class ScaleToZeroArgumentError extends pulumi.RunError {
    constructor(public readonly problems: readonly string[], context = "invalid arguments") {
        super(`${context}:\n  - ${problems.join("\n  - ")}`);
        this.name = "ScaleToZeroArgumentError";
    }
}

const TIMEOUT_MIN = 60;
const TIMEOUT_MAX = 3600;
const KEY_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

function checkTimeout(problems: Problems, path: string, value: unknown): void {
    checkInteger(problems, path, value, TIMEOUT_MIN, TIMEOUT_MAX);
}

/** Tags: the CloudFormation tag rules shared by every resource we tag (see limits/tags.ts). */
export function validateTags(problems: Problems, path: string, tags: unknown): void {
    checkStringMap(problems, path, tags);
    if (isRecord(tags)) {
        problems.push(...tagProblems(path, tags));
    }
}

function checkExecutionRoleArn(problems: Problems, path: string, arn: unknown): void {
    // An Output (a role created in the same program) is checked by AWS; only plain strings can be checked here.
    if (arn === undefined || (typeof arn === "object" && arn !== null)) {
        return;
    }
    const r = LIMITS.executionRoleArn;
    if (typeof arn !== "string" || arn.length < r.minLength || arn.length > r.maxLength || !r.pattern.test(arn)) {
        problems.push(`${path} must be an IAM role ARN like "arn:aws:iam::123456789012:role/my-sagemaker-role" (got ${describe(arn)})`);
    }
}

/** Validates the endpoint-level arguments. */
export function validateEndpoint(problems: Problems, args: EndpointArgs, path = "", now = new Date()): void {
    const p = (field: string) => `${path}${field}`;
    if (typeof args.instanceType !== "string" || !INSTANCE_TYPE_PATTERN.test(args.instanceType)) {
        problems.push(`${p("instanceType")} must be a SageMaker instance type such as "ml.g5.12xlarge" (got ${describe(args.instanceType)})`);
    }
    checkInteger(problems, p("minInstanceCount"), args.minInstanceCount, 0);
    checkInteger(problems, p("maxInstanceCount"), args.maxInstanceCount, 1, LIMITS.counts.maxInstanceCount);
    checkInteger(problems, p("initialInstanceCount"), args.initialInstanceCount, 1);
    const min = args.minInstanceCount ?? DEFAULTS.endpoint.minInstanceCount;
    const max = args.maxInstanceCount ?? DEFAULTS.endpoint.maxInstanceCount;
    const initial = args.initialInstanceCount ?? DEFAULTS.endpoint.initialInstanceCount;
    if (isCount(min, 0) && isCount(max, 1) && min > max) {
        problems.push(`${p("minInstanceCount")} (${min}) must not exceed ${p("maxInstanceCount")} (${max})`);
    }
    if (isCount(initial, 1) && isCount(max, 1) && initial > max) {
        problems.push(`${p("initialInstanceCount")} (${initial}) must not exceed ${p("maxInstanceCount")} (${max})`);
    }
    if (args.routingStrategy !== undefined && !ROUTING_STRATEGIES.includes(args.routingStrategy)) {
        problems.push(`${p("routingStrategy")} must be one of ${ROUTING_STRATEGIES.join(", ")} (got ${describe(args.routingStrategy)})`);
    }
    checkTimeout(problems, p("modelDataDownloadTimeoutSeconds"), args.modelDataDownloadTimeoutSeconds);
    checkTimeout(problems, p("containerStartupHealthCheckTimeoutSeconds"), args.containerStartupHealthCheckTimeoutSeconds);
    checkName(problems, p("endpointName"), args.endpointName);
    checkExecutionRoleArn(problems, p("executionRoleArn"), args.executionRoleArn);
    validateTags(problems, p("tags"), args.tags);
    validateInstanceScaleIn(problems, p("instanceScaleIn"), args.instanceScaleIn);
    validateSchedule(problems, p("schedule"), args.schedule, now);
    validateCallerPolicy(problems, p("callerPolicy"), args.callerPolicy);
    validateObservability(problems, p("observability"), args.observability);
}

function validateInstanceScaleIn(problems: Problems, path: string, scaleIn: InstanceScaleIn | undefined): void {
    if (scaleIn === undefined || !isMapOrReport(problems, path, scaleIn, "strategy, cooldownMinutes?, maximumStepSize?")) {
        return;
    }
    if (!INSTANCE_SCALE_IN_STRATEGIES.includes(scaleIn.strategy)) {
        problems.push(`${path}.strategy must be one of ${INSTANCE_SCALE_IN_STRATEGIES.join(", ")} (got ${describe(scaleIn.strategy)})`);
    }
    checkInteger(problems, `${path}.cooldownMinutes`, scaleIn.cooldownMinutes, 5, 1440);
    checkInteger(problems, `${path}.maximumStepSize`, scaleIn.maximumStepSize, 1, 100);
}

/**
 * Validates a weekly schedule on its own (cross-checks with the components are in `validateModes`). `now` is the
 * clock dates are compared with (injectable for tests).
 */
export function validateSchedule(problems: Problems, path: string, schedule: WeeklySchedule | undefined, now = new Date()): void {
    if (schedule === undefined) {
        return;
    }
    if (!isRecord(schedule)) {
        problems.push(`${path} must be a map { timezone, scaleInCron, scaleOutCron, method?, scaleOutCopies?, startDate?, endDate? }`);
        return;
    }
    if (schedule.method !== undefined && !SCHEDULE_METHODS.includes(schedule.method)) {
        problems.push(`${path}.method must be one of ${SCHEDULE_METHODS.join(", ")} (got ${describe(schedule.method)})`);
    }
    const zone = timeZoneError(schedule.timezone);
    if (zone) {
        problems.push(`${path}.timezone ${zone}`);
    }
    for (const field of ["scaleInCron", "scaleOutCron"] as const) {
        const expression = schedule[field];
        const error = cronError(expression) ?? (cronFiresWithin(expression, now) ? undefined : "never fires within the next year");
        if (error) {
            problems.push(`${path}.${field} ${describe(expression)}: ${error}`);
        }
    }
    if (typeof schedule.scaleInCron === "string" && normalizedCron(schedule.scaleInCron) === normalizedCron(schedule.scaleOutCron)) {
        problems.push(`${path}.scaleInCron and ${path}.scaleOutCron are the same time (${schedule.scaleInCron}): copies would go to 0 and back at once`);
    }
    checkInteger(problems, `${path}.scaleOutCopies`, schedule.scaleOutCopies, 1);
    for (const field of ["startDate", "endDate"] as const) {
        const error = schedule[field] === undefined ? undefined : timestampError(schedule[field]);
        if (error) {
            problems.push(`${path}.${field} ${error}`);
        }
    }
    const { startDate, endDate } = schedule;
    if (startDate && endDate && !timestampError(startDate) && !timestampError(endDate) && Date.parse(endDate) <= Date.parse(startDate)) {
        problems.push(`${path}.endDate (${endDate}) must be after ${path}.startDate (${startDate})`);
    }
    const method = schedule.method ?? DEFAULTS.schedule.method;
    // EventBridge Scheduler rejects a start date in the past; both services would never run a schedule that ended.
    if (method === "scheduler" && startDate && !timestampError(startDate) && Date.parse(startDate) < now.getTime()) {
        problems.push(`${path}.startDate (${startDate}) is in the past (now ${now.toISOString()}): EventBridge Scheduler rejects it; remove it or move it forward`);
    }
    if (endDate && !timestampError(endDate) && Date.parse(endDate) <= now.getTime()) {
        problems.push(`${path}.endDate (${endDate}) is in the past (now ${now.toISOString()}): the schedule would never run`);
    }
}

/** Validates where a model comes from: exactly one of `image` and `existingModelName`. */
export function validateModelSource(problems: Problems, path: string, model: ModelSource | undefined): void {
    if (!isRecord(model)) {
        problems.push(`${path} is required: give { image, modelDataUrl?, environment? } or { existingModelName }`);
        return;
    }
    const hasImage = model.image !== undefined;
    const hasExisting = model.existingModelName !== undefined;
    if (hasImage === hasExisting) {
        problems.push(
            hasImage
                ? `${path}: give either image or existingModelName, not both`
                : `${path}: give either image (a new model) or existingModelName (an existing one)`,
        );
    }
    if (hasImage && (typeof model.image !== "string" || model.image.trim() === "")) {
        problems.push(`${path}.image must be a container image URI (got ${describe(model.image)})`);
    }
    if (hasExisting) {
        checkName(problems, `${path}.existingModelName`, model.existingModelName);
        if (model.modelDataUrl !== undefined || model.environment !== undefined) {
            problems.push(`${path}: modelDataUrl and environment belong to a new model; an existing model already has them`);
        }
    }
    const urlError = model.modelDataUrl === undefined ? undefined : modelDataUrlError(model.modelDataUrl);
    if (urlError) {
        problems.push(`${path}.modelDataUrl ${urlError}`);
    }
    // A whole-map Output (e.g. pulumi.secret({...})) is only known at deployment: AWS checks it.
    if (!pulumi.Output.isInstance(model.environment)) {
        checkStringMap(problems, `${path}.environment`, model.environment, true);
    }
    if (isRecord(model.environment)) {
        problems.push(...environmentProblems(`${path}.environment`, model.environment));
    }
    const key = model.modelDataKmsKeyArn;
    if (key !== undefined) {
        if (typeof key !== "string" || !KMS_KEY_ARN.test(key)) {
            problems.push(`${path}.modelDataKmsKeyArn must be a KMS key ARN like "arn:aws:kms:us-east-1:111122223333:key/<key-id>" (got ${describe(key)})`);
        } else if (model.modelDataUrl === undefined) {
            problems.push(`${path}.modelDataKmsKeyArn needs ${path}.modelDataUrl: the key decrypts the model data`);
        }
    }
}

/** A KMS key ARN (key id or multi-Region key id; aliases cannot be used in IAM policy resources). */
const KMS_KEY_ARN = /^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/(mrk-)?[a-zA-Z0-9-]+$/;

function validateCompute(problems: Problems, path: string, compute: ComputeRequirements | undefined): void {
    if (!isRecord(compute)) {
        problems.push(`${path} is required: { acceleratorCount (>= 1), memoryMiB (>= 128), cpuCores? (>= 0.25) }`);
        return;
    }
    if (compute.acceleratorCount === undefined) {
        problems.push(`${path}.acceleratorCount is required (an integer >= 1)`);
    }
    checkInteger(problems, `${path}.acceleratorCount`, compute.acceleratorCount, 1);
    if (compute.memoryMiB === undefined) {
        problems.push(`${path}.memoryMiB is required (an integer >= 128)`);
    }
    checkInteger(problems, `${path}.memoryMiB`, compute.memoryMiB, 128);
    checkNumber(problems, `${path}.cpuCores`, compute.cpuCores, 0.25, false);
}

function validateStartup(problems: Problems, path: string, startup: StartupTimeouts | undefined): void {
    if (startup === undefined || !isMapOrReport(problems, path, startup, "modelDataDownloadTimeoutSeconds?, containerStartupHealthCheckTimeoutSeconds?")) {
        return;
    }
    checkTimeout(problems, `${path}.modelDataDownloadTimeoutSeconds`, startup.modelDataDownloadTimeoutSeconds);
    checkTimeout(problems, `${path}.containerStartupHealthCheckTimeoutSeconds`, startup.containerStartupHealthCheckTimeoutSeconds);
}

/** Validates copy-count scaling of one component. */
export function validateScaling(problems: Problems, path: string, scaling: CopyScaling | undefined): void {
    if (scaling === undefined || !isMapOrReport(problems, path, scaling, "minCopies?, maxCopies?, initialCopies?, ...")) {
        return;
    }
    const s = scaling;
    checkInteger(problems, `${path}.minCopies`, s.minCopies, 0);
    checkInteger(problems, `${path}.maxCopies`, s.maxCopies, 1, LIMITS.counts.maxCopies);
    checkInteger(problems, `${path}.initialCopies`, s.initialCopies, 1);
    checkNumber(problems, `${path}.targetConcurrentRequestsPerCopy`, s.targetConcurrentRequestsPerCopy, 0, true);
    checkInteger(problems, `${path}.scaleInCooldownSeconds`, s.scaleInCooldownSeconds, 0);
    checkInteger(problems, `${path}.scaleOutCooldownSeconds`, s.scaleOutCooldownSeconds, 0);
    checkInteger(problems, `${path}.wakeUpCooldownSeconds`, s.wakeUpCooldownSeconds, 0);
    if (s.keepLiveCopyCount !== undefined && typeof s.keepLiveCopyCount !== "boolean") {
        problems.push(`${path}.keepLiveCopyCount must be true or false (got ${describe(s.keepLiveCopyCount)})`);
    }
    const period = s.wakeUpAlarmPeriodSeconds;
    if (period !== undefined) {
        const error = alarmPeriodError(period, 1, LIMITS.alarm.maxWakeUpPeriodSeconds);
        if (error) {
            problems.push(`${path}.wakeUpAlarmPeriodSeconds ${error}`);
        }
    }
    const min = s.minCopies ?? DEFAULTS.scaling.minCopies;
    const max = s.maxCopies ?? DEFAULTS.scaling.maxCopies;
    const initial = s.initialCopies ?? DEFAULTS.scaling.initialCopies;
    if (isCount(min, 0) && isCount(max, 1) && min > max) {
        problems.push(`${path}.minCopies (${min}) must not exceed ${path}.maxCopies (${max})`);
    }
    const idle = s.idleTimeoutMinutes;
    const idleMax = DEFAULTS.targetTrackingScaleInMinutes - 1;
    const idleMin = DEFAULTS.idleTimeoutMinMinutes;
    if (idle !== undefined) {
        if (typeof idle !== "number" || !Number.isInteger(idle)) {
            problems.push(`${path}.idleTimeoutMinutes must be a whole number of minutes from ${idleMin} to ${idleMax} (got ${describe(idle)})`);
        } else if (idle < idleMin) {
            problems.push(
                `${path}.idleTimeoutMinutes must be at least ${idleMin}: a shorter idle time could release a woken copy before it serves (the slowest measured cold start is 6.27 minutes) (got ${idle})`,
            );
        } else if (idle > idleMax) {
            problems.push(
                `${path}.idleTimeoutMinutes must be at most ${idleMax}: target tracking already scales to 0 after ${DEFAULTS.targetTrackingScaleInMinutes} idle minutes, an idle timeout can only make that shorter (got ${idle})`,
            );
        }
    }
    if (idle !== undefined && isCount(min, 1)) {
        problems.push(
            `${path}.idleTimeoutMinutes scales copies to 0, which conflicts with ${path}.minCopies ${min}: set minCopies 0 or remove the idle timeout`,
        );
    }
    if (isCount(initial, 1) && isCount(max, 1) && initial > max) {
        problems.push(`${path}.initialCopies (${initial}) must not exceed ${path}.maxCopies (${max})`);
    }
}

/** Validates one inference component; `path` prefixes every message (e.g. `inferenceComponents.llama.`). */
export function validateInferenceComponent(problems: Problems, args: Partial<InferenceComponentArgs>, path = ""): void {
    validateModelSource(problems, `${path}model`, args.model);
    validateCompute(problems, `${path}compute`, args.compute);
    validateStartup(problems, `${path}startup`, args.startup);
    validateScaling(problems, `${path}scaling`, args.scaling);
    checkName(problems, `${path}inferenceComponentName`, args.inferenceComponentName);
}

const SINGLE_FIELDS = ["model", "compute", "startup", "scaling", "inferenceComponentName"] as const;

/**
 * Turns the two accepted shapes (single-model shorthand or an `inferenceComponents` map) into one map.
 * Pure; throws `ScaleToZeroArgumentError` when the shape is ambiguous or empty.
 */
export function normalizeComponents(args: ScaleToZeroModelArgs): Record<string, InferenceComponentArgs> {
    const single = SINGLE_FIELDS.filter((f) => args[f] !== undefined);
    if (args.inferenceComponents !== undefined) {
        if (single.length > 0) {
            throw new ScaleToZeroArgumentError([
                `give either inferenceComponents or the single-model fields (${single.join(", ")}), not both`,
            ]);
        }
        if (!isRecord(args.inferenceComponents) || Object.keys(args.inferenceComponents).length === 0) {
            throw new ScaleToZeroArgumentError(["inferenceComponents must name at least one component"]);
        }
        return args.inferenceComponents;
    }
    if (args.model === undefined) {
        throw new ScaleToZeroArgumentError([
            "no model given: set model (one model) or inferenceComponents (several models on one endpoint)",
        ]);
    }
    return {
        [SINGLE_COMPONENT_KEY]: {
            model: args.model,
            compute: args.compute as ComputeRequirements,
            startup: args.startup,
            scaling: args.scaling,
            inferenceComponentName: args.inferenceComponentName,
        },
    };
}

/**
 * Validates every argument of `ScaleToZeroModel`. Pure: returns the normalized component map, or throws one
 * `ScaleToZeroArgumentError` listing every problem, each naming the argument and the allowed values.
 */
export function validateScaleToZeroModelArgs(
    args: ScaleToZeroModelArgs,
    context = "ScaleToZeroModel: invalid arguments",
    now = new Date(),
): Record<string, InferenceComponentArgs> {
    if (!isRecord(args)) {
        throw new ScaleToZeroArgumentError(["arguments are required"], context);
    }
    // Outputs, Promises and Dates where plain values are needed would make every later check misleading.
    const notPlain = plainValueProblems(args);
    if (notPlain.length > 0) {
        throw new ScaleToZeroArgumentError(notPlain, context);
    }
    const components = normalizeComponents(args);
    const problems: Problems = [];
    validateEndpoint(problems, args, "", now);
    const single = args.inferenceComponents === undefined;
    for (const [key, component] of Object.entries(components)) {
        const path = single ? "" : `inferenceComponents.${key}.`;
        if (!KEY_PATTERN.test(key)) {
            problems.push(`inferenceComponents key ${JSON.stringify(key)} may contain only letters, digits and hyphens`);
        }
        if (!isRecord(component)) {
            problems.push(`inferenceComponents.${key} must be an object`);
            continue;
        }
        validateInferenceComponent(problems, component, path);
    }
    validateModes(problems, args, components, single);
    validatePlacement(problems, args, components, single);
    if (problems.length === 0) {
        // Only for otherwise valid arguments: the policies are built from them.
        problems.push(
            ...policySizeProblems(
                args.endpointName,
                Object.values(components),
                args.executionRoleArn === undefined,
                args.callerPolicy?.create ?? DEFAULTS.callerPolicy.create,
                args.callerPolicy?.allowWake ?? DEFAULTS.callerPolicy.allowWake,
            ),
        );
    }
    if (problems.length > 0) {
        throw new ScaleToZeroArgumentError(problems, context);
    }
    return components;
}

/** Cross-checks between the endpoint's schedule and its components' scaling (conflicting modes). */
function validateModes(
    problems: Problems,
    args: ScaleToZeroModelArgs,
    components: Record<string, InferenceComponentArgs>,
    single: boolean,
): void {
    const schedule = args.schedule;
    if (!isRecord(schedule)) {
        return;
    }
    const minInstances = args.minInstanceCount ?? DEFAULTS.endpoint.minInstanceCount;
    if (isCount(minInstances, 1)) {
        problems.push(
            `schedule scales every component to 0 copies, but minInstanceCount ${minInstances} keeps instances (and their cost) up: set minInstanceCount 0`,
        );
    }
    const method = schedule.method ?? DEFAULTS.schedule.method;
    const copies = schedule.scaleOutCopies ?? DEFAULTS.schedule.scaleOutCopies;
    for (const [key, component] of Object.entries(components)) {
        if (!isRecord(component)) {
            continue;
        }
        const path = single ? "scaling" : `inferenceComponents.${key}.scaling`;
        const min = component.scaling?.minCopies ?? DEFAULTS.scaling.minCopies;
        const max = component.scaling?.maxCopies ?? DEFAULTS.scaling.maxCopies;
        if (isCount(copies, 1) && isCount(min, 0) && isCount(max, 1) && (copies < Math.max(1, min) || copies > max)) {
            problems.push(`schedule.scaleOutCopies (${copies}) must be within [${Math.max(1, min)}, ${max}], the copy range of ${path}`);
        }
        if (method === "scheduler" && isCount(min, 1)) {
            problems.push(
                `schedule.method "scheduler" sets copies to 0, which autoscaling's ${path}.minCopies ${min} would undo: use method "autoscaling" or minCopies 0`,
            );
        }
    }
}

function normalizedCron(expression: unknown): string | undefined {
    return typeof expression === "string" ? expression.replace(/\s+/g, " ").toUpperCase() : undefined;
}
