import { ComponentSettings } from "./settings";

/**
 * The component's own alarms that roll a rolling update back, by role. Each role's alarm is created with the name
 * `ownAlarmName(component, role)` when the component has a rolling update, because the inference component must
 * name its rollback alarms before they exist (the alarms depend on the component through the scalable target).
 * The wake-up alarm always exists; the wake-failed alarm (observability.ts) exists unless it is turned off.
 */
export const OWN_ROLLBACK_ALARM_ROLES: readonly string[] = ["wake-up"];

/** Role of the wake-failed alarm (observability.ts). */
export const WAKE_FAILED_ROLE = "wake-failed";

/** The component's own alarms that exist, by role, given whether the endpoint has wake-failed alarms. */
export function ownRollbackAlarmRoles(wakeFailedAlarm: boolean): string[] {
    return [...OWN_ROLLBACK_ALARM_ROLES, ...(wakeFailedAlarm ? [WAKE_FAILED_ROLE] : [])];
}

/** CloudWatch name of one of the component's own alarms (alarm names allow 255 characters; SageMaker names 63). */
export function ownAlarmName(inferenceComponentName: string, role: string): string {
    return `${inferenceComponentName}-${role}`;
}

/**
 * The `name` input of a component's `role` alarm: explicit with a rolling update (spread it into the alarm's
 * args), empty otherwise so existing alarms keep their Pulumi auto-names and are not replaced.
 */
export function alarmNameInput(component: ComponentSettings, role: string): { name?: string } {
    return component.rollingUpdate ? { name: ownAlarmName(component.inferenceComponentName, role) } : {};
}

/** Every alarm that rolls the component's update back: its own (unless turned off), then the user's. */
export function rollbackAlarmNames(component: ComponentSettings, ownRoles: readonly string[] = OWN_ROLLBACK_ALARM_ROLES): string[] {
    const update = component.rollingUpdate;
    if (!update) {
        return [];
    }
    const own = update.rollBackOnOwnAlarms ? ownRoles.map((role) => ownAlarmName(component.inferenceComponentName, role)) : [];
    return [...own, ...update.rollbackAlarmNames];
}
