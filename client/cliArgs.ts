/**
 * Pure command-line parsing for client/cli.ts (no dependency: the CLI has one command and a handful of flags).
 */
import { CLI_DEFAULTS } from "./defaults";

export const CLI_USAGE = `Usage: ts-node client/cli.ts invoke --endpoint NAME --component NAME --body FILE [options]

Invokes a SageMaker inference component that may be scaled to zero, waiting through a cold start
(about 5-6 minutes) with a live status line on stderr. The response body is written to stdout.

Required:
  --endpoint NAME          SageMaker endpoint name
  --component NAME         inference component name
  --body FILE              file with the request body ("-" reads stdin)

Options:
  --content-type TYPE      Content-Type of the body (default ${CLI_DEFAULTS.contentType})
  --accept TYPE            Accept header (default: none)
  --region REGION          AWS region (default: AWS_REGION or the profile's region)
  --wake                   raise the copy count from 0 to 1 at once instead of waiting ~1 min for the
                           scale-out alarm (needs sagemaker:UpdateInferenceComponentRuntimeConfig)
  --deadline-minutes N     give up when no copy is up after N minutes (default ${CLI_DEFAULTS.deadlineMinutes})
  --stream                 use InvokeEndpointWithResponseStream and print parts as they arrive
  --endpoint-url URL       send runtime and control-plane requests to URL (VPC endpoint, local test server)
  -h, --help               show this help

Credentials come from the AWS SDK's default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/..., SSO, instance role).
Exit status: 0 success, 1 the call failed (message on stderr), 2 usage error, 130 interrupted.`;

export interface InvokeCommand {
    readonly kind: "invoke";
    readonly endpointName: string;
    readonly componentName: string;
    readonly bodyPath: string;
    readonly contentType: string;
    readonly accept?: string;
    readonly region?: string;
    readonly wake: boolean;
    readonly deadlineMinutes: number;
    readonly stream: boolean;
    readonly endpointUrl?: string;
}

export type ParsedCli = InvokeCommand | { readonly kind: "help" } | { readonly kind: "usage-error"; readonly message: string };

const VALUE_FLAGS = new Set([
    "--endpoint",
    "--component",
    "--body",
    "--content-type",
    "--accept",
    "--region",
    "--deadline-minutes",
    "--endpoint-url",
]);
const BOOLEAN_FLAGS = new Set(["--wake", "--stream"]);

export function parseCliArgs(argv: readonly string[]): ParsedCli {
    if (argv.length === 0 || argv.includes("-h") || argv.includes("--help") || argv[0] === "help") return { kind: "help" };
    const [command, ...rest] = argv;
    if (command !== "invoke") return usageError(`unknown command ${JSON.stringify(command)} (expected "invoke")`);
    const values = new Map<string, string>();
    const flags = new Set<string>();
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        const eq = arg.indexOf("=");
        const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
        if (BOOLEAN_FLAGS.has(name)) {
            if (name !== arg) return usageError(`${name} takes no value`);
            flags.add(name);
        } else if (VALUE_FLAGS.has(name)) {
            const value = name !== arg ? arg.slice(eq + 1) : rest[++i];
            if (value === undefined || (value.startsWith("--") && name === arg)) return usageError(`${name} needs a value`);
            values.set(name, value);
        } else {
            return usageError(`unknown option ${JSON.stringify(arg)}`);
        }
    }
    for (const required of ["--endpoint", "--component", "--body"]) {
        if (!values.get(required)) return usageError(`${required} is required`);
    }
    const deadlineText = values.get("--deadline-minutes");
    const deadlineMinutes = deadlineText === undefined ? CLI_DEFAULTS.deadlineMinutes : Number(deadlineText);
    if (!Number.isFinite(deadlineMinutes) || deadlineMinutes <= 0 || deadlineMinutes > 720) {
        return usageError(`--deadline-minutes must be a number of minutes between 0 and 720, got ${JSON.stringify(deadlineText)}`);
    }
    const endpointUrl = values.get("--endpoint-url");
    if (endpointUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(endpointUrl)) {
        return usageError(`--endpoint-url must be an http(s) URL, got ${JSON.stringify(endpointUrl)}`);
    }
    return {
        kind: "invoke",
        endpointName: values.get("--endpoint")!,
        componentName: values.get("--component")!,
        bodyPath: values.get("--body")!,
        contentType: values.get("--content-type") ?? CLI_DEFAULTS.contentType,
        accept: values.get("--accept"),
        region: values.get("--region"),
        wake: flags.has("--wake"),
        deadlineMinutes,
        stream: flags.has("--stream"),
        endpointUrl,
    };
}

function usageError(message: string): ParsedCli {
    return { kind: "usage-error", message };
}
