import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clientPolicyDocument, PolicyDocument } from "../client/callerPolicy";

/**
 * The IAM policy an application needs to call every component of the endpoint through `ScaleToZeroClient`:
 * one policy per component from the client's own builder, merged so each statement lists all components.
 */
export function endpointCallerPolicy(
    endpointArn: string,
    componentArns: readonly string[],
    allowWake: boolean,
    allowColdStartMetrics = false,
): PolicyDocument {
    const merged = new Map<string, PolicyDocument["Statement"][number]>();
    for (const componentArn of componentArns) {
        for (const statement of clientPolicyDocument({ endpointArn, inferenceComponentArn: componentArn, allowWake, allowColdStartMetrics }).Statement) {
            const existing = merged.get(statement.Sid);
            merged.set(
                statement.Sid,
                existing ? { ...existing, Resource: [...new Set([...existing.Resource, ...statement.Resource])] } : statement,
            );
        }
    }
    return { Version: "2012-10-17", Statement: [...merged.values()] };
}

/** The caller policy as JSON, and (when asked) as a managed policy for the application's own role. */
export function createCallerPolicy(
    name: string,
    endpointArn: pulumi.Output<string>,
    componentArns: pulumi.Output<string>[],
    access: { allowWake: boolean; publishColdStartMetrics: boolean },
    create: boolean,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { json: pulumi.Output<string>; policy?: aws.iam.Policy } {
    const json = pulumi
        .all([endpointArn, pulumi.all(componentArns)])
        .apply(([endpoint, components]) => JSON.stringify(endpointCallerPolicy(endpoint, components, access.allowWake, access.publishColdStartMetrics)));
    if (!create) {
        return { json };
    }
    const policy = new aws.iam.Policy(
        `${name}-caller-policy`,
        {
            namePrefix: `${name.replace(/[^a-zA-Z0-9+=,.@_-]/g, "-").slice(0, 60)}-caller-`,
            description: `Invoke the scale-to-zero endpoint${access.allowWake ? " and wake it from zero" : ""} (attach to application roles)`,
            policy: json,
            tags,
        },
        { parent },
    );
    return { json, policy };
}
