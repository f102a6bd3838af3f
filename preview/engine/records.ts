import { RecordedResource } from "../mockEngine";
import { Registration } from "./fakeEngine";

/** A registration in the recorder's shape (what the renderer and the local policy run read); the stack is left out. */
export function recordedFromRegistrations(registrations: readonly Registration[]): RecordedResource[] {
    const stack = registrations.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
    return registrations
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => ({
            type: r.type,
            name: r.name,
            inputs: r.inputs as Record<string, any>,
            state: (r.custom ? r.outputs : r.inputs) as Record<string, any>,
            urn: r.urn,
            parentUrn: r.parent === stack ? undefined : r.parent,
            opts: { ignoreChanges: r.options.ignoreChanges },
        }));
}
