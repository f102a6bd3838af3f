/**
 * `scale-to-zero invoke` (flags and help: cli/commands/invoke.ts): invoke a scale-to-zero inference component and
 * wait through its cold start. The response body goes to stdout, the status line and errors to stderr, so
 * `> out.json` captures only the answer. Errors are one clear line (no stack trace); SCALE_TO_ZERO_DEBUG=1 adds it.
 */
import { promises as fs } from "node:fs";
import { CliIo, EXIT } from "../cli/io";
import { type InvokeCommand } from "./cliArgs";
import { ColdStartAbortedError, CredentialsError, ScaleToZeroError } from "./errors";
import { ScaleToZeroClient } from "./scaleToZeroClient";
import { StatusReporter } from "./statusLine";

/** Runs a checked invoke command and returns the exit status (never throws, never calls process.exit). */
export async function runInvoke(parsed: InvokeCommand, io: CliIo): Promise<number> {
    let body: Buffer;
    try {
        body = await readBody(parsed.bodyPath, io.stdin);
    } catch (err) {
        io.stderr.write(`error: cannot read --body ${parsed.bodyPath}: ${(err as Error).message}\n`);
        return EXIT.usage;
    }
    const status = new StatusReporter(io.stderr, io.stderr.isTTY === true);
    const client = new ScaleToZeroClient({
        region: parsed.region,
        endpoint: parsed.endpointUrl,
        controlPlaneEndpoint: parsed.endpointUrl,
        wake: parsed.wake,
        deadlineMs: parsed.deadlineMinutes * 60_000,
        onProgress: (progress) => status.update(progress),
    });
    try {
        await invokeAndPrint(client, parsed, body, io);
        return EXIT.ok;
    } catch (err) {
        status.clear();
        io.stderr.write(`error: ${formatCliError(err)}\n`);
        if ((io.env ?? process.env).SCALE_TO_ZERO_DEBUG === "1" && err instanceof Error && err.stack) {
            io.stderr.write(`${err.stack}\n`);
        }
        return err instanceof ColdStartAbortedError ? EXIT.interrupted : EXIT.failed;
    } finally {
        status.clear(); // also stops the TTY ticker
        client.destroy();
    }
}

async function invokeAndPrint(client: ScaleToZeroClient, command: InvokeCommand, body: Buffer, io: CliIo): Promise<void> {
    const input = {
        EndpointName: command.endpointName,
        InferenceComponentName: command.componentName,
        Body: body,
        ContentType: command.contentType,
        Accept: command.accept,
    };
    if (!command.stream) {
        const output = await client.invoke(input, { signal: io.signal });
        const bytes = Buffer.from(output.Body ?? new Uint8Array());
        io.stdout.write(bytes);
        if (io.stdout.isTTY && !bytes.toString("utf8").endsWith("\n")) io.stdout.write("\n");
        return;
    }
    const output = await client.invokeStream(input, { signal: io.signal });
    for await (const event of output.Body ?? []) {
        if (event.PayloadPart?.Bytes) io.stdout.write(event.PayloadPart.Bytes);
        const streamError = event.ModelStreamError ?? event.InternalStreamFailure;
        if (streamError) throw Object.assign(new Error(streamError.Message ?? "stream failed"), { name: "ModelStreamError" });
    }
    if (io.stdout.isTTY) io.stdout.write("\n");
}

/** One line a person can act on, for any error the call can end with. */
export function formatCliError(err: unknown): string {
    if (err instanceof CredentialsError || err instanceof ScaleToZeroError) return err.message;
    if (err instanceof Error) {
        const e = err as Error & { OriginalStatusCode?: number; OriginalMessage?: string; LogStreamArn?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === "ModelError") {
            return `the model returned an error${e.OriginalStatusCode ? ` (status ${e.OriginalStatusCode})` : ""}: ` +
                `${e.OriginalMessage ?? e.message}${e.LogStreamArn ? ` [logs: ${e.LogStreamArn}]` : ""}`;
        }
        const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : "";
        const firstLine = e.message.split("\n")[0];
        return e.name && e.name !== "Error" ? `${e.name}${status}: ${firstLine}` : `${firstLine}${status}`;
    }
    return String(err);
}

async function readBody(path: string, stdin: AsyncIterable<string | Buffer> | undefined): Promise<Buffer> {
    if (path !== "-") return fs.readFile(path);
    if (!stdin) throw new Error("no standard input");
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
}
