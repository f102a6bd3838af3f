import { Command, InvalidArgumentError, Option } from "commander";
import { firstDeployment } from "../../preview/cli";
import { readStackFile } from "../../stackFile";
import { contextOf } from "../context";
import { deployerPolicy, MANAGED_POLICY_MAX_CHARS, policySize } from "../deployerPolicy/derive";
import { EXIT } from "../io";
import { reportFailure, stackDirOption, stackOption } from "./shared";

interface DeployerPolicyFlags {
    stack: string;
    stackDir?: string;
    account: string;
}

function accountId(value: string): string {
    if (value !== "*" && !/^\d{12}$/.test(value)) {
        throw new InvalidArgumentError(`expected a 12-digit AWS account id or "*", got ${JSON.stringify(value)}`);
    }
    return value;
}

export function registerDeployerPolicy(program: Command): void {
    program
        .command("deployer-policy")
        .summary("print the least-privilege IAM policy for running `pulumi up`, `refresh` and `destroy` on a stack")
        .description(
            "Runs the stack program offline (as `plan` does), and derives from the resources it registers the IAM policy " +
                "the deploying identity needs, scoped to the stack's names where AWS allows resource-level permissions. " +
                "Prints the policy JSON on stdout; exit 1 when it would not fit a managed policy (6,144 characters).",
        )
        .addOption(stackOption())
        .addOption(stackDirOption())
        .addOption(new Option("--account <id>", 'AWS account id for the ARNs ("*": any account)').default("*").argParser(accountId))
        .action(async (flags: DeployerPolicyFlags, command: Command) => {
            const context = contextOf(command);
            const stackDir = flags.stackDir ?? context.io.cwd ?? process.cwd();
            try {
                const region = readStackFile(flags.stack, stackDir)["aws:region"];
                if (typeof region !== "string") {
                    throw new Error(`Pulumi.${flags.stack}.yaml sets no aws:region`);
                }
                const { resources } = await firstDeployment(flags.stack, stackDir);
                const policy = deployerPolicy(resources, { region, account: flags.account });
                context.io.stdout.write(JSON.stringify(policy, null, 2) + "\n");
                const size = policySize(policy);
                if (size > MANAGED_POLICY_MAX_CHARS) {
                    context.io.stderr.write(`error: the policy has ${size} characters, more than a managed policy's ${MANAGED_POLICY_MAX_CHARS}: split it\n`);
                    context.exitCode = EXIT.failed;
                }
            } catch (error) {
                context.exitCode = reportFailure(context, "deployer-policy", error);
            }
        });
}
