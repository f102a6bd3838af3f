import { readStackFile } from "../../stackFile";
import { TwinResource, configVariant, recordStack } from "../../twin";

/** A stack file's config with changes merged in (`null` removes a key). */
export function variant(stack: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
    return configVariant(readStackFile(stack), changes);
}

/** Runs the real stack program under the in-process recorder and returns what the twin executes. */
export async function stackResources(stack: string, config: Record<string, unknown>): Promise<TwinResource[]> {
    return (await recordStack(stack, config)).resources;
}
