// Offline preview: `npm run plan -- --stack dev`. Runs the stack program against an in-process mock engine
// with the stack's own config and prints what `pulumi up` would create. Needs no AWS account and no Pulumi CLI.
import { parseStackConfig } from "../config";
import { deployStack } from "../stack";
import { readStackFile } from "../stackFile";
import * as fs from "fs";
import { evaluatePolicies, formatVerdicts, mandatoryViolationCount, PolicyPackConfig } from "../policies/runLocally";
import { ACCOUNT, runUnderMocks } from "./mockEngine";
import { localResources } from "./policyCheck";
import { renderResources } from "./render";

const USAGE = "usage: npm run plan -- --stack <name> [--json] [--policy-config <file.json>] [--stack-tag key=value]...";

interface PlanArgs {
    stack: string;
    json: boolean;
    policyConfig?: PolicyPackConfig;
    stackTags: Record<string, string>;
}

function parseArgs(argv: string[]): PlanArgs {
    const args: PlanArgs = { stack: "dev", json: false, stackTags: {} };
    const value = (i: number, flag: string): string => {
        if (argv[i + 1] === undefined) {
            throw new Error(`${flag} needs a value\n${USAGE}`);
        }
        return argv[i + 1];
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stack") {
            args.stack = value(i++, arg);
        } else if (arg.startsWith("--stack=")) {
            args.stack = arg.slice("--stack=".length);
        } else if (arg === "--json") {
            args.json = true;
        } else if (arg === "--policy-config") {
            const file = value(i++, arg);
            try {
                args.policyConfig = JSON.parse(fs.readFileSync(file, "utf8"));
            } catch (error) {
                throw new Error(`--policy-config ${file}: ${(error as Error).message}`);
            }
        } else if (arg === "--stack-tag") {
            const [key, ...rest] = value(i++, arg).split("=");
            if (!key || rest.length === 0) {
                throw new Error(`--stack-tag takes key=value\n${USAGE}`);
            }
            args.stackTags[key] = rest.join("=");
        } else if (arg === "--help" || arg === "-h") {
            console.log(USAGE);
            process.exit(0);
        } else {
            throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
        }
    }
    return args;
}

async function main(): Promise<number> {
    const { stack, json, policyConfig, stackTags } = parseArgs(process.argv.slice(2));
    const raw = readStackFile(stack, process.cwd());
    const config = parseStackConfig(raw);
    const { mocks, result } = await runUnderMocks(
        (m) => deployStack(config, { transformations: [m.recordOptions] }),
        { stack, config: raw },
    );
    const resources = mocks.resources.filter((r) => Object.keys(r.state).length > 0);
    const verdicts = await evaluatePolicies(localResources(resources, stack), { stack, config: policyConfig, stackTags });
    const failed = mandatoryViolationCount(verdicts) > 0 ? 1 : 0;
    if (json) {
        const plan = { resources: resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs })), policies: verdicts };
        console.log(JSON.stringify(plan, null, 2));
        return failed;
    }
    console.log(`Offline preview of stack "${stack}": no AWS calls; ARNs use the placeholder account ${ACCOUNT}.\n`);
    console.log(renderResources(resources));
    console.log(`\n${resources.length} resources would be created.`);
    const commands = await new Promise<Record<string, string>>((res) => result.invokeCommands.apply(res));
    console.log("\nInvoke after `pulumi up`:");
    for (const [key, command] of Object.entries(commands)) {
        console.log(`  ${key}: ${command}`);
    }
    console.log("\nPolicy pack scale-to-zero-guardrails (policies/):");
    console.log(formatVerdicts(verdicts));
    if (failed) {
        console.log(`\n${mandatoryViolationCount(verdicts)} mandatory policy violation(s): pulumi up --policy-pack ./policies would be blocked.`);
    }
    return failed;
}

main().then(
    (code) => process.exit(code),
    (error: Error) => {
        console.error(`plan failed: ${error.message}`);
        process.exit(1);
    },
);
