import { parseStackConfig } from "../../config";
import { deployedNames } from "../../components/deployedNames";
import { readStackFile } from "../../stackFile";
import type { StatusTarget } from "./gather";

/** The endpoint and component names a stack deploys, from its Pulumi.<stack>.yaml and the component's naming. */
export function stackStatusTarget(stack: string, root: string): StatusTarget {
    const config = parseStackConfig(readStackFile(stack, root));
    return deployedNames(config.name, stack, config.model);
}
