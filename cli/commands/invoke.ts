import { Command, Option } from "commander";
import { runInvoke } from "../../client/cli";
import { InvokeCommand, MAX_DEADLINE_MINUTES, invokeOptions } from "../../client/cliArgs";
import { CLI_DEFAULTS } from "../../client/defaults";
import { parseChecked, registerChecked } from "./shared";

function invokeCommand(): Command {
    return new Command("invoke")
        .summary("invoke an inference component that may be scaled to zero, waiting through its cold start")
        .description(
            "Invokes a SageMaker inference component, waiting through a cold start (about 5-6 minutes) with a live " +
                "status line on stderr. The response body is written to stdout. Credentials come from the AWS SDK's " +
                "default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/..., SSO, instance role).",
        )
        .requiredOption("--endpoint <name>", "SageMaker endpoint name")
        .requiredOption("--component <name>", "inference component name")
        .requiredOption("--body <file>", 'file with the request body ("-" reads stdin)')
        .addOption(new Option("--content-type <type>", `Content-Type of the body (default ${CLI_DEFAULTS.contentType})`))
        .option("--accept <type>", "Accept header (default: none)")
        .option("--region <region>", "AWS region (default: AWS_REGION or the profile's region)")
        .option("--wake", "raise the copy count from 0 to 1 at once instead of waiting ~1 min for the scale-out alarm (needs sagemaker:UpdateInferenceComponentRuntimeConfig)")
        .option("--deadline-minutes <n>", `give up when no copy is up after n minutes, at most ${MAX_DEADLINE_MINUTES} (default ${CLI_DEFAULTS.deadlineMinutes})`)
        .option("--stream", "use InvokeEndpointWithResponseStream and print parts as they arrive")
        .option("--endpoint-url <url>", "send runtime and control-plane requests to url (VPC endpoint, local test server)");
}

export function registerInvoke(program: Command): void {
    registerChecked(program, invokeCommand(), invokeOptions, (options: InvokeCommand, context) => runInvoke(options, context.io));
}

/** Parses and checks an invoke command line (without "invoke"); for tests. */
export function parseInvokeArgs(argv: readonly string[]): InvokeCommand {
    return parseChecked(invokeCommand(), argv, invokeOptions);
}
