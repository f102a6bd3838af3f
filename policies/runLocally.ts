import {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { allPolicies } from "./definitions";
import { parseUrn } from "./lib/stack";
import { isUnknownValueError } from "./lib/values";

/**
 * Evaluates the pack's policies in-process, the way the policy runtime does during `pulumi preview`, without
 * constructing a `PolicyPack` (which would start a gRPC server) and without the Pulumi CLI. Used by the offline
 * preview script (`npm run plan -- --stack dev`) and by tests.
 *
 * Semantics follow `@pulumi/policy`'s analyzer: resource policies see each resource's inputs, stack policies see
 * every resource's outputs; properties are wrapped in the runtime's unknown-checking proxy; a policy that touches
 * an unknown value is reported as "can't run during preview" (advisory) instead of failing; `remediate` counts
 * as `mandatory`; `disabled` policies do not run. Like the CLI, configured values are merged over the
 * configSchema defaults, and the special key `all` sets every policy's enforcement level.
 */

/** A resource to evaluate (e.g. one recorded by the offline preview's mocks). */
export interface LocalResource {
    /** Pulumi type token, e.g. `aws-native:sagemaker:EndpointConfig`. */
    readonly type: string;
    /** Logical resource name. */
    readonly name: string;
    /** Resource URN; built from the stack, project, type and name when absent. */
    readonly urn?: string;
    /** Output properties (what stack policies see). */
    readonly props: Record<string, unknown>;
    /** Input properties (what resource policies see). Default: `props`. */
    readonly inputs?: Record<string, unknown>;
    /** URN of the parent resource, if any. */
    readonly parent?: string;
    /** Resource options (ignoreChanges, protect, ...) as policies see them. */
    readonly opts?: Partial<PolicyResourceOptions>;
}

/** Policy pack configuration, in the format of `pulumi preview --policy-pack-config <file>`. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface EvaluateOptions {
    /** Stack name (used for URNs that are not given, and so for dev-stack detection). */
    readonly stack: string;
    /** Project name for built URNs. Default `scale-to-zero`. */
    readonly project?: string;
    /** Policy configuration (enforcement levels and per-policy settings). */
    readonly config?: PolicyPackConfig;
    /** Stack tags (as `pulumi stack tag set` would give them). */
    readonly stackTags?: Record<string, string>;
    /** Policies to run. Default: every policy of the pack. */
    readonly policies?: Policies;
}

/** One violation reported by a policy. */
export interface LocalViolation {
    readonly message: string;
    /** The resource the violation is about (absent for stack-wide violations). */
    readonly urn?: string;
    readonly resourceName?: string;
}

export type VerdictStatus = "passed" | "violated" | "not-applicable" | "disabled";

/** What one policy concluded about the stack. */
export interface PolicyVerdict {
    readonly policyName: string;
    readonly description: string;
    readonly kind: "resource" | "stack";
    /** Effective enforcement level (`remediate` is reported as `mandatory`). */
    readonly enforcementLevel: "advisory" | "mandatory" | "disabled";
    /** `violated` when it reported anything; `not-applicable` when no resource was in its scope. */
    readonly status: VerdictStatus;
    readonly violations: LocalViolation[];
    /** Checks that could not run because a value is unknown until deployment (advisory, like the CLI). */
    readonly unverified: string[];
    /** Why the policy did not apply (one entry per distinct reason). */
    readonly notApplicable: string[];
}

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

function isResourcePolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is ResourceValidationPolicy {
    return "validateResource" in p && p.validateResource !== undefined;
}

function freezeTags(tags: Record<string, string> | undefined): ReadonlyMap<string, string> {
    return new Map(Object.entries(tags ?? {}));
}

/** `all` and per-policy entries split into enforcement level and settings; unknown policies and keys rejected. */
function resolveConfig(
    policies: Policies,
    config: PolicyPackConfig,
): Map<string, { level?: EnforcementLevel; settings: Record<string, unknown> }> {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const result = new Map<string, { level?: EnforcementLevel; settings: Record<string, unknown> }>();
    for (const [key, value] of Object.entries(config)) {
        const entry = typeof value === "string" ? { enforcementLevel: value } : value;
        const { enforcementLevel, ...settings } = entry ?? {};
        if (enforcementLevel !== undefined && !ENFORCEMENT_LEVELS.includes(enforcementLevel)) {
            throw new Error(`policy config "${key}": enforcementLevel must be one of ${ENFORCEMENT_LEVELS.join(", ")} (got ${JSON.stringify(enforcementLevel)})`);
        }
        if (key === "all") {
            if (Object.keys(settings).length > 0) {
                throw new Error(`policy config "all" takes only an enforcement level`);
            }
            result.set(key, { level: enforcementLevel, settings: {} });
            continue;
        }
        const policy = byName.get(key);
        if (!policy) {
            throw new Error(`policy config names unknown policy "${key}" (policies: ${[...byName.keys()].join(", ")})`);
        }
        checkSettings(key, policy.configSchema, settings);
        result.set(key, { level: enforcementLevel, settings });
    }
    return result;
}

/** A small subset of JSON-schema validation: known property names and their basic types. */
function checkSettings(policyName: string, schema: PolicyConfigSchema | undefined, settings: Record<string, unknown>): void {
    const properties = schema?.properties ?? {};
    for (const [key, value] of Object.entries(settings)) {
        const property = properties[key];
        if (property === undefined || typeof property === "boolean") {
            const known = Object.keys(properties);
            throw new Error(`policy config "${policyName}.${key}" is not a setting of the policy (settings: ${known.length > 0 ? known.join(", ") : "none"})`);
        }
        const type = property.type;
        const ok =
            type === undefined ||
            (type === "integer" && Number.isInteger(value)) ||
            (type === "number" && typeof value === "number") ||
            (type === "string" && typeof value === "string") ||
            (type === "boolean" && typeof value === "boolean") ||
            (type === "array" && Array.isArray(value)) ||
            (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value));
        const minimum = property.minimum;
        if (!ok || (minimum !== undefined && typeof value === "number" && value < minimum)) {
            throw new Error(`policy config "${policyName}.${key}" must be ${minimum !== undefined ? `an ${type} >= ${minimum}` : `of type ${String(type)}`} (got ${JSON.stringify(value)})`);
        }
    }
}

/** The configSchema defaults of a policy (what the CLI fills in before configuring the pack). */
function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (typeof property === "object" && property.default !== undefined) {
            defaults[key] = JSON.parse(JSON.stringify(property.default));
        }
    }
    return defaults;
}

const EMPTY_OPTIONS: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

/** Evaluates every policy against `resources`; returns one verdict per policy, in pack order. */
export async function evaluatePolicies(resources: readonly LocalResource[], options: EvaluateOptions): Promise<PolicyVerdict[]> {
    const policies = options.policies ?? allPolicies;
    const project = options.project ?? "scale-to-zero";
    const config = resolveConfig(policies, options.config ?? {});
    const stackTags = freezeTags(options.stackTags);
    const urnOf = (r: LocalResource) => r.urn ?? `urn:pulumi:${options.stack}::${project}::${r.type}::${r.name}`;
    for (const r of resources) {
        if (r.urn !== undefined && parseUrn(r.urn) === undefined) {
            throw new Error(`resource "${r.name}" has a malformed URN: ${r.urn}`);
        }
    }
    const verdicts: PolicyVerdict[] = [];
    for (const policy of policies) {
        const own = config.get(policy.name);
        const configured = own?.level ?? config.get("all")?.level ?? policy.enforcementLevel ?? "advisory";
        const enforcementLevel = configured === "remediate" ? "mandatory" : configured;
        const kind: PolicyVerdict["kind"] = isResourcePolicy(policy) ? "resource" : "stack";
        const verdict = {
            policyName: policy.name,
            description: policy.description,
            kind,
            enforcementLevel,
            status: "disabled" as VerdictStatus,
            violations: [] as LocalViolation[],
            unverified: [] as string[],
            notApplicable: [] as string[],
        };
        verdicts.push(verdict);
        if (enforcementLevel === "disabled") {
            continue;
        }
        const settings = { ...schemaDefaults(policy.configSchema), ...(own?.settings ?? {}) };
        const getConfig = <T extends object>() => JSON.parse(JSON.stringify(settings)) as T;
        const notApplicable = new Set<string>();
        let applicable = 0;
        const run = async (validate: () => void | Promise<void>): Promise<void> => {
            try {
                await validate();
                applicable++;
            } catch (error) {
                if (error instanceof NotApplicableError) {
                    notApplicable.add(error.reason ?? "Policy does not apply");
                } else if (isUnknownValueError(error)) {
                    applicable++;
                    verdict.unverified.push(`can't run policy '${policy.name}' during preview: ${(error as Error).message}`);
                } else {
                    throw new Error(`policy '${policy.name}' failed: ${(error as Error).stack ?? String(error)}`);
                }
            }
        };
        if (isResourcePolicy(policy)) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
            for (const r of resources) {
                const urn = urnOf(r);
                const props = unknownCheckingProxy(JSON.parse(JSON.stringify(r.inputs ?? r.props)));
                const args: ResourceValidationArgs = {
                    type: r.type,
                    props,
                    urn,
                    name: r.name,
                    opts: { ...EMPTY_OPTIONS, ...r.opts },
                    stackTags,
                    isType: (cls) => isTypeOf(r.type, cls),
                    asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
                    getConfig,
                    notApplicable: throwNotApplicable,
                };
                const report = (message: string) => verdict.violations.push({ message, urn, resourceName: r.name });
                for (const validation of validations) {
                    await run(() => validation(args, report));
                }
            }
        } else {
            const policyResources = toPolicyResources(resources, urnOf);
            const byUrn = new Map(policyResources.map((p) => [p.urn, p]));
            const args: StackValidationArgs = {
                resources: policyResources,
                stackTags,
                getConfig,
                notApplicable: throwNotApplicable,
            };
            const report = (message: string, urn?: string) =>
                verdict.violations.push({ message, urn, resourceName: urn ? byUrn.get(urn)?.name : undefined });
            await run(() => (policy as StackValidationPolicy).validateStack(args, report));
        }
        verdict.notApplicable.push(...notApplicable);
        verdict.status = verdict.violations.length > 0 ? "violated" : applicable > 0 ? "passed" : "not-applicable";
    }
    return verdicts;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };
    if (typeof cls.__pulumiType === "string" && cls.__pulumiType !== "") {
        return cls.__pulumiType === type;
    }
    return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function toPolicyResources(resources: readonly LocalResource[], urnOf: (r: LocalResource) => string): PolicyResource[] {
    const result: PolicyResource[] = resources.map((r) => {
        const props = unknownCheckingProxy(JSON.parse(JSON.stringify(r.props)));
        return {
            type: r.type,
            props,
            urn: urnOf(r),
            name: r.name,
            opts: { ...EMPTY_OPTIONS, ...r.opts },
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
    });
    const byUrn = new Map(result.map((p) => [p.urn, p]));
    resources.forEach((r, i) => {
        const parent = r.parent ?? r.opts?.parent;
        if (parent !== undefined && byUrn.has(parent)) {
            (result[i] as { parent?: PolicyResource }).parent = byUrn.get(parent);
        }
    });
    return result;
}

/** Number of violations of policies whose effective level is mandatory (a preview would fail). */
export function mandatoryViolationCount(verdicts: readonly PolicyVerdict[]): number {
    return verdicts.filter((v) => v.enforcementLevel === "mandatory").reduce((n, v) => n + v.violations.length, 0);
}

/** Human-readable report: one line per policy, then its violations indented. */
export function formatVerdicts(verdicts: readonly PolicyVerdict[]): string {
    const lines: string[] = [];
    for (const v of verdicts) {
        const status =
            v.status === "violated" ? `${v.violations.length} violation${v.violations.length === 1 ? "" : "s"}` : v.status;
        lines.push(`[${v.enforcementLevel}] ${v.policyName}: ${status}`);
        for (const violation of v.violations) {
            lines.push(`    - ${violation.resourceName ? `${violation.resourceName}: ` : ""}${violation.message}`);
        }
        for (const note of v.unverified) {
            lines.push(`    ~ ${note}`);
        }
    }
    return lines.join("\n");
}
