import { parseStackConfig } from "../../config";
import { deployStack } from "../../stack";
import { readStackFile } from "../../stackFile";
import { TwinResource, fromRecorder } from "../../twin";
import { runUnderMocks } from "../helpers/pulumiMocks";

/** A stack file's config with changes applied to its `scale-to-zero:` keys (deep merge of plain objects). */
export function variant(stack: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
    return merge(readStackFile(stack), changes) as Record<string, unknown>;
}

function merge(base: unknown, change: unknown): unknown {
    if (change === null) {
        return undefined;
    }
    if (typeof base !== "object" || base === null || typeof change !== "object" || Array.isArray(change)) {
        return change;
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(change as Record<string, unknown>)) {
        const merged = merge(out[k], v);
        if (merged === undefined) {
            delete out[k];
        } else {
            out[k] = merged;
        }
    }
    return out;
}

/** Runs the real stack program under the in-process recorder and returns what the twin executes. */
export async function stackResources(stack: string, config: Record<string, unknown>): Promise<TwinResource[]> {
    const { mocks } = await runUnderMocks((m) => deployStack(parseStackConfig(config), { transformations: [m.recordOptions] }), {
        stack,
        config,
    });
    return fromRecorder(mocks.resources);
}
