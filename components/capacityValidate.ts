import {
    CAPACITY_RESERVATION_PREFERENCES,
    CAPACITY_SIZE_TYPES,
    EndpointArgs,
    InferenceComponentArgs,
    PLACEMENT_STRATEGIES,
} from "./args";
import { checkInteger, checkName, describe, INSTANCE_TYPE_PATTERN, isMapOrReport, isRecord, KEY_PATTERN, Problems } from "./checks";
import { validateCompute } from "./computeChecks";
import { DEFAULTS } from "./defaults";
import { CAPACITY_LIMITS } from "./limits/capacityLimits";
import { modelDataUrlError } from "./limits/modelData";
import { ownRollbackAlarmRoles } from "./rollbackAlarms";

// Pure validators of the 2025 capacity arguments; each pushes `path message (got value)` problems.

function checkBoolean(problems: Problems, path: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean") {
        problems.push(`${path} must be true or false (got ${describe(value)})`);
    }
}

function checkEnum(problems: Problems, path: string, value: unknown, allowed: readonly string[], required: boolean): void {
    if (value === undefined ? required : !allowed.includes(value as string)) {
        problems.push(`${path} must be one of ${allowed.join(", ")} (got ${describe(value)})`);
    }
}

/** `fallbackInstanceTypes` and `capacityReservation` of the endpoint. */
export function validateCapacityEndpoint(problems: Problems, args: EndpointArgs, path = ""): void {
    const fallbacks: unknown = args.fallbackInstanceTypes;
    if (fallbacks !== undefined) {
        const p = `${path}fallbackInstanceTypes`;
        if (!Array.isArray(fallbacks)) {
            problems.push(`${p} must be a list of SageMaker instance types such as ["ml.g6e.12xlarge"] (got ${describe(fallbacks)})`);
        } else {
            const max = CAPACITY_LIMITS.maxInstancePools - 1;
            if (fallbacks.length > max) {
                problems.push(`${p} allows at most ${max} types (instance pools have priorities 1-${CAPACITY_LIMITS.maxInstancePools}, 1 is instanceType) (got ${fallbacks.length})`);
            }
            const seen = new Set<unknown>([args.instanceType]);
            fallbacks.forEach((t: unknown, i) => {
                if (typeof t !== "string" || !INSTANCE_TYPE_PATTERN.test(t)) {
                    problems.push(`${p}[${i}] must be a SageMaker instance type such as "ml.g6e.12xlarge" (got ${describe(t)})`);
                } else if (seen.has(t)) {
                    problems.push(`${p}[${i}] ${JSON.stringify(t)} is listed twice (instanceType counts): each pool needs its own type`);
                }
                seen.add(t);
            });
        }
    }
    const r: unknown = args.capacityReservation;
    const rp = `${path}capacityReservation`;
    if (r !== undefined && isMapOrReport(problems, rp, r, "mlReservationArn, preference?")) {
        const arn = r.mlReservationArn;
        const l = CAPACITY_LIMITS.mlReservationArn;
        if (typeof arn !== "string" || arn.length < l.minLength || arn.length > l.maxLength || !l.pattern.test(arn)) {
            problems.push(`${rp}.mlReservationArn must be an ML reservation ARN like "arn:aws:sagemaker:us-east-1:111122223333:ml-reservation/<id>" (got ${describe(arn)})`);
        }
        checkEnum(problems, `${rp}.preference`, r.preference, CAPACITY_RESERVATION_PREFERENCES, false);
    }
}

/** The capacity arguments of one component; `path` prefixes every message (e.g. `inferenceComponents.llama.`). */
export function validateCapacityComponent(problems: Problems, component: Partial<InferenceComponentArgs>, path: string, endpoint: EndpointArgs): void {
    checkBoolean(problems, `${path}dataCache`, component.dataCache);
    const placement: unknown = component.placement;
    if (placement !== undefined && isMapOrReport(problems, `${path}placement`, placement, "strategy, maxAzImbalance?")) {
        checkEnum(problems, `${path}placement.strategy`, placement.strategy, PLACEMENT_STRATEGIES, true);
        checkInteger(problems, `${path}placement.maxAzImbalance`, placement.maxAzImbalance, 0);
    }
    const byType: unknown = component.computeByInstanceType;
    if (byType !== undefined && isMapOrReport(problems, `${path}computeByInstanceType`, byType, "<instance type>: compute")) {
        const fallbacks = Array.isArray(endpoint.fallbackInstanceTypes) ? endpoint.fallbackInstanceTypes : [];
        for (const [type, compute] of Object.entries(byType)) {
            if (!fallbacks.includes(type)) {
                const allowed = fallbacks.length > 0 ? fallbacks.join(", ") : "none: set fallbackInstanceTypes first";
                problems.push(`${path}computeByInstanceType.${type} is not a fallback instance type (allowed: ${allowed}; instanceType uses compute)`);
            }
            validateCompute(problems, `${path}computeByInstanceType.${type}`, compute as InferenceComponentArgs["compute"]);
        }
    }
    const wakeFailed = (isRecord(endpoint.observability) ? endpoint.observability.wakeFailedAlarm : undefined) ?? DEFAULTS.observability.wakeFailedAlarm;
    validateRollingUpdate(problems, `${path}rollingUpdate`, component, ownRollbackAlarmRoles(wakeFailed !== false).length);
    validateAdapters(problems, `${path}adapters`, component.adapters);
}

function validateCapacitySize(problems: Problems, path: string, size: unknown, percent: { min: number; max: number }, maxCopies: unknown): void {
    if (size === undefined || !isMapOrReport(problems, path, size, "type, value")) {
        return;
    }
    checkEnum(problems, `${path}.type`, size.type, CAPACITY_SIZE_TYPES, true);
    if (size.type === "CAPACITY_PERCENT") {
        checkInteger(problems, `${path}.value`, size.value ?? Number.NaN, percent.min, percent.max);
    } else if (size.type === "COPY_COUNT") {
        checkInteger(problems, `${path}.value`, size.value ?? Number.NaN, 1, typeof maxCopies === "number" ? maxCopies : undefined);
    }
}

function validateRollingUpdate(problems: Problems, path: string, component: Partial<InferenceComponentArgs>, ownAlarms: number): void {
    const r: unknown = component.rollingUpdate;
    if (r === undefined || !isMapOrReport(problems, path, r, "maximumBatchSize?, waitIntervalSeconds?, ...")) {
        return;
    }
    const maxCopies = component.scaling?.maxCopies ?? DEFAULTS.scaling.maxCopies;
    validateCapacitySize(problems, `${path}.maximumBatchSize`, r.maximumBatchSize, CAPACITY_LIMITS.batchPercent, maxCopies);
    validateCapacitySize(problems, `${path}.rollbackMaximumBatchSize`, r.rollbackMaximumBatchSize, CAPACITY_LIMITS.rollbackBatchPercent, maxCopies);
    const w = CAPACITY_LIMITS.waitIntervalSeconds;
    checkInteger(problems, `${path}.waitIntervalSeconds`, r.waitIntervalSeconds, w.min, w.max);
    const t = CAPACITY_LIMITS.maximumExecutionTimeoutSeconds;
    checkInteger(problems, `${path}.maximumExecutionTimeoutSeconds`, r.maximumExecutionTimeoutSeconds, t.min, t.max);
    checkBoolean(problems, `${path}.rollBackOnOwnAlarms`, r.rollBackOnOwnAlarms);
    const names: unknown = r.rollbackAlarmNames ?? [];
    if (!Array.isArray(names)) {
        problems.push(`${path}.rollbackAlarmNames must be a list of CloudWatch alarm names (got ${describe(names)})`);
        return;
    }
    const maxName = CAPACITY_LIMITS.rollbackAlarms.maxNameLength;
    names.forEach((n: unknown, i) => {
        if (typeof n !== "string" || n.trim() === "" || n.length > maxName) {
            problems.push(`${path}.rollbackAlarmNames[${i}] must be an alarm name of 1-${maxName} characters (got ${describe(n)})`);
        }
    });
    const own = (r.rollBackOnOwnAlarms ?? DEFAULTS.rollingUpdate.rollBackOnOwnAlarms) === false ? 0 : ownAlarms;
    const total = own + names.length;
    if (total > CAPACITY_LIMITS.rollbackAlarms.max) {
        problems.push(`${path} rolls back on ${total} alarms (${own} of the component's own + ${names.length} rollbackAlarmNames); AWS allows at most ${CAPACITY_LIMITS.rollbackAlarms.max}`);
    }
}

function validateAdapters(problems: Problems, path: string, adapters: unknown): void {
    if (adapters === undefined || !isMapOrReport(problems, path, adapters, "<key>: { artifactUrl, inferenceComponentName? }")) {
        return;
    }
    for (const [key, adapter] of Object.entries(adapters)) {
        const p = `${path}.${key}`;
        if (!KEY_PATTERN.test(key)) {
            problems.push(`${path} key ${JSON.stringify(key)} may contain only letters, digits and hyphens`);
        }
        if (!isRecord(adapter)) {
            problems.push(`${p} must be a map { artifactUrl, inferenceComponentName? }`);
            continue;
        }
        // An adapter's ArtifactUrl "must point to a single gzip compressed tar archive (.tar.gz suffix)" (API reference).
        const url = adapter.artifactUrl;
        const urlError = modelDataUrlError(url) ?? (typeof url === "string" && !url.endsWith(".tar.gz") ? `must end in .tar.gz (got ${JSON.stringify(url)})` : undefined);
        if (urlError) {
            problems.push(`${p}.artifactUrl ${urlError}`);
        }
        checkName(problems, `${p}.inferenceComponentName`, adapter.inferenceComponentName);
    }
}
