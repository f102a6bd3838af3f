import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/** Path of `Pulumi.<stack>.yaml` in `dir`; the stack name may not reach outside it. */
export function stackFilePath(stack: string, dir: string = __dirname): string {
    if (!/^[a-zA-Z0-9._-]+$/.test(stack) || stack.includes("..")) {
        throw new Error(`stack name ${JSON.stringify(stack)} may contain only letters, digits, ".", "_" and "-"`);
    }
    return path.join(dir, `Pulumi.${stack}.yaml`);
}

/** Reads the `config:` map of a stack file, naming the stacks that exist when it is missing. */
export function readStackConfigFile(file: string): Record<string, unknown> {
    if (!fs.existsSync(file)) {
        const dir = path.dirname(file);
        const known = fs.existsSync(dir)
            ? fs
                  .readdirSync(dir)
                  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
                  .filter((s): s is string => s !== undefined)
            : [];
        throw new Error(`no stack file ${file} (stacks here: ${known.join(", ") || "none"})`);
    }
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new Error(`${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    const config = (doc as { config?: unknown } | undefined)?.config;
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error(`${file} has no config: map`);
    }
    return config as Record<string, unknown>;
}

/** Reads the `config:` map of `Pulumi.<stack>.yaml` (used by the offline preview, planner and tests). */
export function readStackFile(stack: string, dir: string = __dirname): Record<string, unknown> {
    return readStackConfigFile(stackFilePath(stack, dir));
}
