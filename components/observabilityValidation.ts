import { CallerPolicy, Observability } from "./args";
import { checkInteger, describe, isMapOrReport, isRecord, Problems } from "./checks";
import { DEFAULTS } from "./defaults";

/** SNS topic ARN: arn:<partition>:sns:<region>:<account>:<name> (name: 1–256 letters, digits, `-`, `_`; `.fifo`). */
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const BOOLEAN_FIELDS = ["dashboard", "wakeFailedAlarm", "createAlarmTopic"] as const;
/** Alarm periods are 60 s; an hour of failures in a row is far past any measured cold start. */
export const COLD_START_BUDGET_MAX_MINUTES = 60;

/** Validates `observability` (pure; appends every problem). */
export function validateObservability(problems: Problems, path: string, o: Observability | undefined): void {
    if (o === undefined || !isMapOrReport(problems, path, o, "dashboard?, wakeFailedAlarm?, coldStartBudgetMinutes?, createAlarmTopic?, alarmTopicArn?")) {
        return;
    }
    for (const field of BOOLEAN_FIELDS) {
        if (o[field] !== undefined && typeof o[field] !== "boolean") {
            problems.push(`${path}.${field} must be true or false (got ${describe(o[field])})`);
        }
    }
    checkInteger(problems, `${path}.coldStartBudgetMinutes`, o.coldStartBudgetMinutes, 1, COLD_START_BUDGET_MAX_MINUTES);
    if (o.alarmTopicArn !== undefined && (typeof o.alarmTopicArn !== "string" || !SNS_TOPIC_ARN.test(o.alarmTopicArn))) {
        problems.push(`${path}.alarmTopicArn must be an SNS topic ARN arn:<partition>:sns:<region>:<account>:<topic> (got ${describe(o.alarmTopicArn)})`);
    }
    if (o.alarmTopicArn !== undefined && o.createAlarmTopic === true) {
        problems.push(`${path}: give either createAlarmTopic or alarmTopicArn, not both`);
    }
    const alarms = o.wakeFailedAlarm ?? DEFAULTS.observability.wakeFailedAlarm;
    if (!alarms && (o.alarmTopicArn !== undefined || o.createAlarmTopic === true)) {
        problems.push(`${path}: a notification topic needs wakeFailedAlarm true (the topic is the wake-failed alarms' action)`);
    }
}

/** Validates `callerPolicy` (pure; appends every problem). */
export function validateCallerPolicy(problems: Problems, path: string, caller: CallerPolicy | undefined): void {
    if (caller === undefined) {
        return;
    }
    for (const field of ["create", "allowWake", "publishColdStartMetrics"] as const) {
        if (!isRecord(caller) || (caller[field] !== undefined && typeof caller[field] !== "boolean")) {
            problems.push(`${path}.${field} must be true or false (got ${describe(isRecord(caller) ? caller[field] : caller)})`);
        }
    }
}
