import * as fs from "fs";

/** A fenced code block of README.md: its language, its tag (`bash deploy` -> "deploy") and its command lines. */
export interface FencedBlock {
    readonly language: string;
    readonly tag?: string;
    readonly line: number;
    readonly commands: string[];
}

/** The fenced blocks of a Markdown file; command lines without comments and blank lines. */
export function fencedBlocks(file: string): FencedBlock[] {
    const blocks: FencedBlock[] = [];
    let open: { language: string; tag?: string; line: number; commands: string[] } | undefined;
    fs.readFileSync(file, "utf8")
        .split("\n")
        .forEach((text, index) => {
            const fence = /^\s*```(\S*)(?:\s+(\S+))?\s*$/.exec(text);
            if (fence && !open) {
                open = { language: fence[1], tag: fence[2], line: index + 1, commands: [] };
            } else if (fence && open) {
                blocks.push(open);
                open = undefined;
            } else if (open) {
                const command = text.replace(/\s+#\s.*$/, "").trim();
                if (command !== "" && !command.startsWith("#")) {
                    open.commands.push(command);
                }
            }
        });
    return blocks;
}

/** Splits a command line as a POSIX shell would for the simple forms README uses (quotes, no expansions). */
export function shellWords(line: string): string[] {
    const words: string[] = [];
    const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
    for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
        words.push(match[1] ?? match[2] ?? match[3]);
    }
    return words;
}

export interface NpmRun {
    readonly script: string;
    readonly args: string[];
    /** `> file`: where stdout goes. */
    readonly redirect?: string;
    readonly silent: boolean;
}

/** `npm run [--silent] <script> [-- args...] [> file]`, or undefined for any other command. */
export function npmRun(line: string): NpmRun | undefined {
    const words = shellWords(line);
    if (words[0] !== "npm" || words[1] !== "run") {
        return undefined;
    }
    let rest = words.slice(2);
    const silent = rest[0] === "--silent";
    if (silent) {
        rest = rest.slice(1);
    }
    const [script, ...more] = rest;
    let args = more[0] === "--" ? more.slice(1) : more;
    let redirect: string | undefined;
    const arrow = args.indexOf(">");
    if (arrow >= 0) {
        redirect = args[arrow + 1];
        args = args.slice(0, arrow);
    }
    return { script, args, redirect, silent };
}
