import * as fs from "fs";
import * as path from "path";

/** A CloudFormation registry schema (only what the mapping reads). */
export interface CfnSchema {
    typeName: string;
    properties?: Record<string, SchemaNode>;
    definitions?: Record<string, SchemaNode>;
    [key: string]: unknown;
}
interface SchemaNode {
    $ref?: string;
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
    [key: string]: unknown;
}

const SCHEMA_DIR = path.join(__dirname, "schemas");

/** Loads `tests/contract/schemas/<aws-x-y>.json` for a CloudFormation type name. */
export function loadSchema(cfnType: string): CfnSchema {
    const file = path.join(SCHEMA_DIR, `${cfnType.toLowerCase().replace(/::/g, "-")}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as CfnSchema;
}

function resolveRef(node: SchemaNode | undefined, root: CfnSchema): SchemaNode | undefined {
    let current = node;
    while (current?.$ref) {
        current = root.definitions?.[current.$ref.replace("#/definitions/", "")];
    }
    return current;
}

/**
 * Renames the camelCase keys Pulumi uses to the schema's PascalCase names, guided by the schema so that keys of
 * free maps (a container `Environment`) stay as they are. A key the schema does not know is kept unchanged, so the
 * validator reports it as an additional property.
 */
export function toSchemaCase(value: unknown, node: SchemaNode | undefined, root: CfnSchema): unknown {
    const schema = resolveRef(node, root);
    if (Array.isArray(value)) {
        return value.map((item) => toSchemaCase(item, schema?.items, root));
    }
    if (typeof value !== "object" || value === null || !schema?.properties) {
        return value;
    }
    const names = Object.keys(schema.properties);
    return Object.fromEntries(
        Object.entries(value).map(([key, v]) => {
            // Case-insensitive: aws-native writes `roleArn` for `RoleARN` and `okActions` for `OKActions`.
            const name = names.find((n) => n.toLowerCase() === key.toLowerCase()) ?? key;
            return [name, toSchemaCase(v, schema.properties![name], root)];
        }),
    );
}

type Props = Record<string, unknown>;

const tagList = (tags: unknown) => Object.entries((tags ?? {}) as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
const json = (text: unknown) => (typeof text === "string" ? (JSON.parse(text) as unknown) : text);

/** Renames and value changes from a classic (@pulumi/aws) resource's inputs to the CloudFormation type's. */
interface ClassicMapping {
    readonly cfnType: string;
    /** Pulumi input → CloudFormation property, for names that differ beyond case. */
    readonly rename?: Record<string, string>;
    /** Inputs with no CloudFormation counterpart, and why. */
    readonly drop?: Record<string, string>;
    /** Value conversions, applied after renaming (keys are CloudFormation names). */
    readonly convert?: Record<string, (value: unknown) => unknown>;
    /** Required CloudFormation properties the classic provider fills in itself (auto-naming), with a stand-in. */
    readonly generated?: Record<string, string>;
}

const CLASSIC: Record<string, ClassicMapping> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        cfnType: "AWS::CloudWatch::Alarm",
        rename: { name: "AlarmName" },
        convert: {
            Dimensions: (d) => Object.entries(d as Record<string, string>).map(([Name, Value]) => ({ Name, Value })),
            Tags: tagList,
        },
    },
    "aws:cloudwatch/dashboard:Dashboard": { cfnType: "AWS::CloudWatch::Dashboard" },
    "aws:appautoscaling/target:Target": {
        cfnType: "AWS::ApplicationAutoScaling::ScalableTarget",
        // The CloudFormation type is not taggable; the classic provider tags through the TagResource API.
        drop: { tags: "not in the CloudFormation schema (tagged with TagResource by the classic provider)" },
    },
    "aws:appautoscaling/policy:Policy": {
        cfnType: "AWS::ApplicationAutoScaling::ScalingPolicy",
        rename: { name: "PolicyName" },
        convert: {
            // The classic provider takes step bounds as strings ("0"); CloudFormation has numbers.
            StepScalingPolicyConfiguration: (c) => {
                const config = c as { StepAdjustments?: Record<string, unknown>[] };
                const numeric = (v: unknown) => (typeof v === "string" && v !== "" ? Number(v) : v);
                return {
                    ...config,
                    StepAdjustments: config.StepAdjustments?.map((s) => ({
                        ...s,
                        ...(s.MetricIntervalLowerBound !== undefined && { MetricIntervalLowerBound: numeric(s.MetricIntervalLowerBound) }),
                        ...(s.MetricIntervalUpperBound !== undefined && { MetricIntervalUpperBound: numeric(s.MetricIntervalUpperBound) }),
                    })),
                };
            },
        },
        generated: { PolicyName: "generated-by-the-provider" },
    },
    "aws:scheduler/schedule:Schedule": { cfnType: "AWS::Scheduler::Schedule" },
    "aws:iam/role:Role": {
        cfnType: "AWS::IAM::Role",
        rename: { assumeRolePolicy: "AssumeRolePolicyDocument", name: "RoleName" },
        drop: { namePrefix: "the classic provider appends a suffix and sends RoleName" },
        convert: { AssumeRolePolicyDocument: json, Tags: tagList },
    },
    "aws:iam/rolePolicy:RolePolicy": {
        cfnType: "AWS::IAM::RolePolicy",
        rename: { role: "RoleName", policy: "PolicyDocument", name: "PolicyName" },
        convert: { PolicyDocument: json },
        generated: { PolicyName: "generated-by-the-provider" },
    },
    "aws:iam/policy:Policy": {
        cfnType: "AWS::IAM::ManagedPolicy",
        rename: { policy: "PolicyDocument", name: "ManagedPolicyName" },
        drop: { namePrefix: "the classic provider appends a suffix and sends ManagedPolicyName", tags: "AWS::IAM::ManagedPolicy has no Tags in this schema" },
        convert: { PolicyDocument: json },
    },
    "aws:sqs/queue:Queue": {
        cfnType: "AWS::SQS::Queue",
        rename: {
            name: "QueueName",
            messageRetentionSeconds: "MessageRetentionPeriod",
            receiveWaitTimeSeconds: "ReceiveMessageWaitTimeSeconds",
            visibilityTimeoutSeconds: "VisibilityTimeout",
        },
        convert: { RedrivePolicy: json, Tags: tagList },
    },
};

/**
 * Not mapped (no clean CloudFormation counterpart): `aws:appautoscaling/scheduledAction:ScheduledAction` (in
 * CloudFormation a list inside the ScalableTarget), `aws:sqs/redriveAllowPolicy:RedriveAllowPolicy` (a queue
 * attribute), and component resources (no cloud resource).
 */
export const UNMAPPED_TYPES = ["aws:appautoscaling/scheduledAction:ScheduledAction", "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy"];

/** The CloudFormation type and properties of a registered Pulumi resource, or undefined when it has none. */
export function toCloudFormation(type: string, inputs: Props): { cfnType: string; properties: Props } | undefined {
    const native = /^aws-native:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(type);
    if (native) {
        const cfnType = `AWS::${CFN_SERVICE[native[1]] ?? native[1]}::${native[2]}`;
        const schema = loadSchema(cfnType);
        return { cfnType, properties: toSchemaCase(inputs, { properties: schema.properties }, schema) as Props };
    }
    const mapping = CLASSIC[type];
    if (!mapping) {
        return undefined;
    }
    const schema = loadSchema(mapping.cfnType);
    const renamed: Props = {};
    for (const [key, value] of Object.entries(inputs)) {
        if (mapping.drop?.[key] === undefined) {
            renamed[mapping.rename?.[key] ?? key] = value;
        }
    }
    const properties = toSchemaCase(renamed, { properties: schema.properties }, schema) as Props;
    for (const [name, convert] of Object.entries(mapping.convert ?? {})) {
        if (properties[name] !== undefined) {
            properties[name] = convert(properties[name]);
        }
    }
    for (const [name, standIn] of Object.entries(mapping.generated ?? {})) {
        properties[name] ??= standIn;
    }
    return { cfnType: mapping.cfnType, properties };
}

/** aws-native module → CloudFormation service name, where they differ by more than case. */
const CFN_SERVICE: Record<string, string> = { sagemaker: "SageMaker" };
