import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/** Reads the `config:` map of `Pulumi.<stack>.yaml` (used by the offline preview, planner and tests). */
export function readStackFile(stack: string, dir: string = __dirname): Record<string, unknown> {
    if (!/^[a-zA-Z0-9._-]+$/.test(stack)) {
        throw new Error(`stack name ${JSON.stringify(stack)} may contain only letters, digits, ".", "_" and "-"`);
    }
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const known = fs
            .readdirSync(dir)
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((s): s is string => s !== undefined);
        throw new Error(`no stack file ${file} (stacks here: ${known.join(", ") || "none"})`);
    }
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | undefined;
    if (!doc || typeof doc.config !== "object" || doc.config === null) {
        throw new Error(`${file} has no config: map`);
    }
    return doc.config;
}
