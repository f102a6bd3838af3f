import * as path from "path";
import { ProjectFile, readProject } from "./engine/languageHost";

/** The package root: one level up from preview/ in the sources, two from dist/preview/ when compiled. */
const SOURCE_ROOT = path.resolve(__dirname, "..");
const COMPILED = path.extname(__filename) === ".js";
export const PACKAGE_ROOT = COMPILED ? path.resolve(__dirname, "..", "..") : SOURCE_ROOT;

/**
 * Where this package's stack program is, for runProgram. In the repository that is Pulumi.yaml's `main: index.ts`
 * (run through ts-node, as `pulumi up` does). Installed from a tarball or git there is no TypeScript source, so the
 * same project runs its compiled entry point dist/index.js with TypeScript off.
 */
export function stackProgram(): { root: string; project: ProjectFile } {
    const project = readProject(PACKAGE_ROOT);
    if (!COMPILED) {
        return { root: PACKAGE_ROOT, project };
    }
    return {
        root: PACKAGE_ROOT,
        project: { ...project, main: path.join("dist", "index.js"), runtime: { name: "nodejs", options: { typescript: false } } },
    };
}
