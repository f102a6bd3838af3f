import { RecordedResource } from "./mockEngine";

type Lines = [string, unknown][];

/** The properties worth reading for each resource type (everything else is noise in a preview). */
export function keyProperties(r: RecordedResource): Lines {
    const i = r.inputs;
    switch (r.type) {
        case "aws:iam/role:Role":
            return [["namePrefix", i.namePrefix], ["trusts", trustedServices(i.assumeRolePolicy)]];
        case "aws:iam/rolePolicy:RolePolicy":
        case "aws:iam/policy:Policy":
            return policyLines(i.policy);
        case "aws-native:sagemaker:EndpointConfig": {
            const v = i.productionVariants?.[0] ?? {};
            const mis = v.managedInstanceScaling ?? {};
            return [
                ["endpointConfigName", i.endpointConfigName],
                ["instanceType", `${v.instanceType} (initial ${v.initialInstanceCount})`],
                ["managedInstanceScaling", `${mis.status}, ${mis.minInstanceCount}..${mis.maxInstanceCount} instances`],
                ["routing", v.routingConfig?.routingStrategy],
                ["modelName on variant", v.modelName ?? "none (inference-component endpoint)"],
                ["executionRoleArn", i.executionRoleArn],
            ];
        }
        case "aws-native:sagemaker:Endpoint":
            return [["endpointName", i.endpointName], ["endpointConfigName", i.endpointConfigName]];
        case "aws-native:sagemaker:Model": {
            const c = i.primaryContainer ?? {};
            return [
                ["modelName", i.modelName],
                ["image", c.image],
                ["modelData", c.modelDataUrl ?? c.modelDataSource?.s3DataSource?.s3Uri ?? "none"],
            ];
        }
        case "aws-native:sagemaker:InferenceComponent": {
            const s = i.specification ?? {};
            const c = s.computeResourceRequirements ?? {};
            return [
                ["inferenceComponentName", i.inferenceComponentName],
                ["endpointName", i.endpointName],
                ["model", s.modelName],
                ["per copy", `${c.numberOfAcceleratorDevicesRequired} accelerator(s), ${c.minMemoryRequiredInMb} MiB, ${c.numberOfCpuCoresRequired} CPU`],
                ["copyCount at create", i.runtimeConfig?.copyCount],
            ];
        }
        case "aws:appautoscaling/target:Target":
            return [["resourceId", i.resourceId], ["capacity", `${i.minCapacity}..${i.maxCapacity} copies`]];
        case "aws:appautoscaling/policy:Policy":
            if (i.policyType === "TargetTrackingScaling") {
                const t = i.targetTrackingScalingPolicyConfiguration ?? {};
                return [
                    ["policyType", i.policyType],
                    ["metric", t.predefinedMetricSpecification?.predefinedMetricType],
                    ["target", `${t.targetValue} (cooldown in ${t.scaleInCooldown}s / out ${t.scaleOutCooldown}s)`],
                ];
            }
            return [
                ["policyType", i.policyType],
                ["step", JSON.stringify(i.stepScalingPolicyConfiguration?.stepAdjustments)],
                ["adjustment", i.stepScalingPolicyConfiguration?.adjustmentType],
            ];
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            return [
                ["metric", `${i.namespace} ${i.metricName} ${JSON.stringify(i.dimensions)}`],
                ["condition", `${i.statistic} ${i.comparisonOperator} ${i.threshold}, ${i.datapointsToAlarm} of ${i.evaluationPeriods} x ${i.period}s`],
                ["alarmActions", (i.alarmActions ?? []).join(", ")],
            ];
        case "aws:appautoscaling/scheduledAction:ScheduledAction":
            return [
                ["schedule", `${i.schedule} ${i.timezone}`],
                ["sets", `min ${i.scalableTargetAction?.minCapacity}, max ${i.scalableTargetAction?.maxCapacity} copies on ${i.resourceId}`],
            ];
        case "aws:scheduler/schedule:Schedule":
            return [
                ["schedule", `${i.scheduleExpression} ${i.scheduleExpressionTimezone}`],
                ["calls", `${i.target?.arn} ${i.target?.input}`],
            ];
        default:
            return Object.entries(i).filter(([, v]) => typeof v !== "object");
    }
}

function trustedServices(policy: unknown): string {
    try {
        const doc = JSON.parse(String(policy));
        return doc.Statement.map((s: { Principal?: { Service?: string } }) => s.Principal?.Service).join(", ");
    } catch {
        return "(unknown)";
    }
}

function policyLines(policy: unknown): Lines {
    try {
        const doc = JSON.parse(String(policy));
        return doc.Statement.map((s: { Sid?: string; Action: string[]; Resource: string | string[] }) => [
            s.Sid ?? "statement",
            `${s.Action.join(" ")} on ${[s.Resource].flat().join(" ")}`,
        ]);
    } catch {
        return [["policy", "(unknown until deploy)"]];
    }
}

/** Renders the resources as an indented tree, children under their component. */
export function renderResources(resources: readonly RecordedResource[]): string {
    const out: string[] = [];
    const width = Math.max(...resources.map((r) => r.type.length));
    const depthOf = (r: RecordedResource) => (r.parentUrn ? 1 : 0);
    for (const r of resources) {
        const indent = "  ".repeat(depthOf(r));
        out.push(`${indent}+ ${r.type.padEnd(width)}  ${r.name}`);
        for (const [label, value] of keyProperties(r)) {
            out.push(`${indent}      ${label}: ${value}`);
        }
    }
    return out.join("\n");
}
