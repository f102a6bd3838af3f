import {
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { StackConfig, parseStackConfig } from "../../config";
import type { LocalResource } from "../../policies/runLocally";
import { localResources } from "../../preview/policyCheck";
import { isUnknownValueError } from "../../policies/lib/values";
import { deployStack } from "../../stack";
import { readStackFile } from "../../stackFile";
import { RecordingMocks, runUnderMocks } from "../helpers/pulumiMocks";

/**
 * Builders of the arguments the policy runtime (`@pulumi/policy` server.js) hands to policies, and runners that
 * treat the results the way the runtime does. Differences from the real runtime, on purpose:
 * - `getConfig()` returns exactly the given config: the engine-side configSchema defaults are not applied.
 * - properties are deep-copied (JSON) before being wrapped in the runtime's `unknownCheckingProxy`.
 */

export const PROJECT = "scale-to-zero";

/** `urn:pulumi:<stack>::<project>::<type>::<name>`, as the engine builds it for a resource without parent. */
export function urnFor(stack: string, type: string, name: string, project = PROJECT): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

// The sentinels the engine sends for values unknown during preview (the SDK's declaration files hide them).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sentinels = require("@pulumi/policy/proxy") as Record<string, string>;
export const UNKNOWN_STRING = sentinels.unknownStringValue;
export const UNKNOWN_NUMBER = sentinels.unknownNumberValue;
export const UNKNOWN_ARRAY = sentinels.unknownArrayValue;
export const UNKNOWN_OBJECT = sentinels.unknownObjectValue;
export const UNKNOWN_BOOLEAN = sentinels.unknownBooleanValue;

/** What `args.notApplicable()` throws in these tests (the runtime's own class is not exported). */
export class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

export interface ArgsOptions {
    /** Stack of the URN. Default `dev`. */
    stack?: string;
    project?: string;
    /** Logical name. Default: derived from the type. */
    name?: string;
    /** Full URN (overrides stack/project/name). */
    urn?: string;
    /** What `getConfig()` returns for the policy under test. */
    config?: Record<string, unknown>;
    stackTags?: Record<string, string>;
    /** Wrap props in the runtime's unknown-checking proxy. Default true. */
    proxy?: boolean;
    opts?: Partial<PolicyResourceOptions>;
}

/** The runtime's `isTypeOf`: the class's `__pulumiType`, else its `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };
    if (typeof cls.__pulumiType === "string" && cls.__pulumiType.length > 0) {
        return type === cls.__pulumiType;
    }
    return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function defaultName(type: string): string {
    return type.split(":").pop()!.toLowerCase();
}

function options(o: ArgsOptions): PolicyResourceOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...o.opts,
    };
}

function wrap(props: Record<string, unknown>, o: ArgsOptions): Record<string, any> {
    const copy = JSON.parse(JSON.stringify(props));
    return o.proxy === false ? copy : unknownCheckingProxy(copy);
}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

/** What resource-policy args and stack-policy resources have in common: wrapped props, URN, options, type checks. */
function commonFields(type: string, props: Record<string, unknown>, o: ArgsOptions) {
    const name = o.name ?? defaultName(type);
    const wrapped = wrap(props, o);
    return {
        type,
        props: wrapped,
        urn: o.urn ?? urnFor(o.stack ?? "dev", type, name, o.project),
        name,
        opts: options(o),
        isType: (cls: unknown) => isTypeOf(type, cls),
        // One function serves both shapes; each caller's declared type gives it its signature.
        asType: ((cls: unknown) => (isTypeOf(type, cls) ? wrapped : undefined)) as any,
    };
}

/** `ResourceValidationArgs` for one resource (props are its inputs). */
export function resourceArgs(type: string, props: Record<string, unknown>, o: ArgsOptions = {}): ResourceValidationArgs {
    return {
        ...commonFields(type, props, o),
        stackTags: new Map(Object.entries(o.stackTags ?? {})),
        getConfig: <T extends object>() => ({ ...(o.config ?? {}) }) as T,
        notApplicable,
    };
}

/** One `PolicyResource` of a stack (props are its outputs). */
export function policyResource(type: string, props: Record<string, unknown>, o: ArgsOptions = {}): PolicyResource {
    return { ...commonFields(type, props, o), dependencies: [], propertyDependencies: {} };
}

/** `StackValidationArgs` over `resources`. */
export function stackArgs(resources: PolicyResource[], o: Pick<ArgsOptions, "config" | "stackTags"> = {}): StackValidationArgs {
    return {
        resources,
        stackTags: new Map(Object.entries(o.stackTags ?? {})),
        getConfig: <T extends object>() => ({ ...(o.config ?? {}) }) as T,
        notApplicable,
    };
}

export interface Violation {
    message: string;
    urn?: string;
}

/** What one policy run produced, classified the way the runtime classifies it. */
export interface Outcome {
    violations: Violation[];
    /** Just the messages. */
    messages: string[];
    /** Set when the policy called `notApplicable(reason)`. */
    notApplicable?: string;
    /** Set when the policy touched an unknown value: the runtime reports "can't run policy ... during preview". */
    cannotRunDuringPreview?: string;
}

async function classify(run: (report: ReportViolation) => void | Promise<void>, defaultUrn?: string): Promise<Outcome> {
    const violations: Violation[] = [];
    const report: ReportViolation = (message: string, urn?: string) => violations.push({ message, urn: urn ?? defaultUrn });
    const outcome: Outcome = { violations, messages: [] };
    try {
        await run(report);
    } catch (error) {
        if (error instanceof NotApplicable) {
            outcome.notApplicable = error.reason ?? "";
        } else if (isUnknownValueError(error)) {
            outcome.cannotRunDuringPreview = (error as Error).message;
        } else {
            throw error;
        }
    }
    outcome.messages = violations.map((v) => v.message);
    return outcome;
}

/** Runs every validation of a resource policy (array or single). */
export function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<Outcome> {
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    return classify(async (report) => {
        for (const validation of validations) {
            await validation(args, report);
        }
    }, args.urn);
}

export function runStackPolicy(policy: StackValidationPolicy, args: StackValidationArgs): Promise<Outcome> {
    return classify((report) => policy.validateStack(args, report));
}

/** Shorthand: build args for one resource and run a resource policy on them. */
export function checkResource(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, unknown>,
    o: ArgsOptions = {},
): Promise<Outcome> {
    return runResourcePolicy(policy, resourceArgs(type, props, o));
}

/** A resource as the mock engine recorded it, in the shape both the test runners and `evaluatePolicies` take. */
export interface ProgramResource extends LocalResource {
    readonly urn: string;
    readonly inputs: Record<string, unknown>;
}

/**
 * Runs the real stack program (`deployStack(parseStackConfig(readStackFile(stack)))`) under mocks and returns
 * every registered resource: type, name, URN, props = state (inputs + computed outputs), inputs.
 * `change` may modify the parsed stack config first.
 */
export async function runProgram(
    stack: string,
    change: (config: StackConfig) => StackConfig = (c) => c,
): Promise<{ mocks: RecordingMocks; resources: ProgramResource[] }> {
    const raw = readStackFile(stack);
    const { mocks } = await runUnderMocks(
        (m) => deployStack(change(parseStackConfig(raw)), { transformations: [m.recordOptions] }),
        { stack, config: raw },
    );
    const resources = localResources(mocks.resources, stack) as ProgramResource[];
    return { mocks, resources };
}

/** `ResourceValidationArgs` for a recorded resource (props = state, like the program tests of the brief). */
export function argsOf(r: ProgramResource, o: Pick<ArgsOptions, "config" | "stackTags"> = {}): ResourceValidationArgs {
    return resourceArgs(r.type, r.props, { urn: r.urn, name: r.name, config: o.config, stackTags: o.stackTags });
}

/** `PolicyResource`s for recorded resources. */
export function policyResourcesOf(resources: ProgramResource[]): PolicyResource[] {
    return resources.map((r) => policyResource(r.type, r.props, { urn: r.urn, name: r.name }));
}
