import * as pulumi from "@pulumi/pulumi";
import { computed, invokeResult, REGION } from "./engine/cloud";

// An in-process stand-in for the Pulumi engine (pulumi.runtime.setMocks): records what a program would create,
// with the ARNs and names a provider would compute. Used by the offline preview and by the tests.

export { ACCOUNT, REGION } from "./engine/cloud";

/** A resource as the mock engine saw it, plus the options the program gave it (seen by a transformation). */
export interface RecordedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    state: Record<string, any>;
    urn?: string;
    parentUrn?: string;
    opts?: pulumi.ResourceOptions;
    /** The resource object itself (what `dependsOn` lists hold). */
    resource?: pulumi.Resource;
}

/** Records every resource and invoke; answers the account/region look-ups the components make. */
export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];
    readonly invokes: string[] = [];
    private readonly byKey = new Map<string, RecordedResource>();

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
        const record = this.record(args.type, args.name);
        record.inputs = args.inputs;
        record.state = state;
        return { id: `${args.name}-id`, state };
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        this.invokes.push(args.token);
        return invokeResult(args.token, pulumi.runtime.getConfig("aws:region") ?? REGION);
    }

    /** Transformation that captures the options (ignoreChanges, dependsOn, timeouts, parent) of each child. */
    readonly recordOptions: pulumi.ResourceTransformation = (args) => {
        const record = this.record(args.type, args.name);
        record.opts = args.opts;
        record.resource = args.resource;
        pulumi.all([args.resource.urn, args.opts.parent?.urn]).apply(([urn, parentUrn]) => {
            record.urn = urn;
            record.parentUrn = parentUrn;
        });
        return undefined;
    };

    private record(type: string, name: string): RecordedResource {
        const key = `${type}::${name}`;
        let record = this.byKey.get(key);
        if (!record) {
            record = { type, name, inputs: {}, state: {} };
            this.byKey.set(key, record);
            this.resources.push(record);
        }
        return record;
    }

    /** Resources of one type (registered with the mock engine). */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type && Object.keys(r.state).length > 0);
    }

    /** The single resource of a type whose logical name ends with `suffix`. */
    one(type: string, suffix = ""): RecordedResource {
        const matches = this.ofType(type).filter((r) => r.name.endsWith(suffix));
        if (matches.length !== 1) {
            throw new Error(`expected one ${type} named *${suffix}, found ${matches.map((m) => m.name).join(", ") || "none"}`);
        }
        return matches[0];
    }
}

/** Resolves an Output in a test (outputs are known under mocks with preview = false). */
export function resolve<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
    return new Promise((res) => pulumi.output(output).apply((v) => res(v as T)));
}

/** Waits until the mock engine has seen every registration the program started. */
async function settle(mocks: RecordingMocks): Promise<void> {
    let stableRounds = 0;
    let last = -1;
    while (stableRounds < 3) {
        await new Promise((r) => setTimeout(r, 5));
        const seen = mocks.resources.filter((r) => r.urn !== undefined || Object.keys(r.state).length > 0).length;
        stableRounds = seen === last ? stableRounds + 1 : 0;
        last = seen;
    }
}

/**
 * Runs `program` under fresh mocks for `stack` with `config` (the `config:` map of a stack file) and waits for
 * every resource to register. Each call gets its own recorder, so tests do not see each other's resources.
 */
export async function runUnderMocks<T>(
    program: (mocks: RecordingMocks) => T,
    options: { stack?: string; config?: Record<string, unknown> } = {},
): Promise<{ mocks: RecordingMocks; result: T }> {
    const mocks = new RecordingMocks();
    await pulumi.runtime.setMocks(mocks, "scale-to-zero", options.stack ?? "dev", false);
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.config ?? {})) {
        config[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    pulumi.runtime.setAllConfig(config);
    const result = program(mocks);
    await settle(mocks);
    return { mocks, result };
}
