// Offline preview: `npm run plan -- --stack dev`. Runs the stack program the way `pulumi up` starts it (the nodejs
// language host's cmd/run) against the fake engine of preview/engine/, with the stack's own config, and prints what
// the engine receives on a first deployment. Needs no AWS account and no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { readStackFile } from "../stackFile";
import { evaluatePolicies, formatVerdicts, mandatoryViolationCount, PolicyPackConfig } from "../policies/runLocally";
import { ACCOUNT } from "./engine/cloud";
import { runProgram } from "./engine/languageHost";
import { NewAccountSageMaker } from "./engine/newAccountSageMaker";
import { recordedFromRegistrations } from "./engine/records";
import { localResources } from "./policyCheck";
import { renderResources } from "./render";

/** Where Pulumi.yaml and the stack program are (the stack file itself is read from the working directory). */
const PROJECT_ROOT = path.join(__dirname, "..");

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
    const sageMaker = await NewAccountSageMaker.start();
    const run = await runProgram({
        root: PROJECT_ROOT,
        stack,
        config: raw,
        dryRun: false,
        transpileOnly: true,
        awsEndpointUrl: sageMaker.url,
    }).finally(() => sageMaker.close());
    const errors = run.engine.logs.filter((l) => l.severity === "error").map((l) => l.message);
    if (run.exitCode !== 0) {
        throw new Error(errors.join("\n") || `the stack program exited with ${run.exitCode}:\n${run.stderr}`);
    }
    const resources = recordedFromRegistrations(run.engine.registrations);
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
    const commands = (run.engine.stackOutputs?.invokeCommands ?? {}) as Record<string, string>;
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
