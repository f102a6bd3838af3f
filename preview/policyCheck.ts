import { LocalResource } from "../policies/runLocally";
import { RecordedResource } from "./mockEngine";

/** Recorded resources in the shape the policy pack's local evaluation takes (props = state, inputs as given). */
export function localResources(records: readonly RecordedResource[], stack: string, project = "scale-to-zero"): LocalResource[] {
    return records
        .filter((r) => Object.keys(r.state).length > 0)
        .map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn ?? `urn:pulumi:${stack}::${project}::${r.type}::${r.name}`,
            props: r.state,
            inputs: r.inputs,
            parent: r.parentUrn,
            opts: { ignoreChanges: r.opts?.ignoreChanges ?? [] },
        }));
}
