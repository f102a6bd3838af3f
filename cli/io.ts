/** Where a command writes; injectable so tests run commands in-process. */
export interface CliIo {
    readonly stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
    readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
    readonly stdin?: AsyncIterable<string | Buffer>;
    /** Aborts a long call (Ctrl-C). */
    readonly signal?: AbortSignal;
    readonly env?: NodeJS.ProcessEnv;
    /** Working directory: where Pulumi.<stack>.yaml files are looked up. Default process.cwd(). */
    readonly cwd?: string;
}

/** Exit codes of every subcommand (docs/cli.md). */
export const EXIT = {
    ok: 0,
    /** The work failed: bad stack config, a policy violation, a failed call. */
    failed: 1,
    /** Bad command line: unknown flag, missing or malformed value, output path that cannot be written. */
    usage: 2,
    /** Interrupted (Ctrl-C during invoke). */
    interrupted: 130,
} as const;

export const processIo: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
};
