// Offline preview: `npm run plan -- --stack dev`. Runs the stack program against an in-process mock engine
// with the stack's own config and prints what `pulumi up` would create. Needs no AWS account and no Pulumi CLI.
import { parseStackConfig } from "../config";
import { deployStack } from "../stack";
import { readStackFile } from "../stackFile";
import { ACCOUNT, runUnderMocks } from "./mockEngine";
import { renderResources } from "./render";

const USAGE = "usage: npm run plan -- --stack <name> [--json]";

function parseArgs(argv: string[]): { stack: string; json: boolean } {
    let stack = "dev";
    let json = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stack" && argv[i + 1] !== undefined) {
            stack = argv[++i];
        } else if (arg.startsWith("--stack=")) {
            stack = arg.slice("--stack=".length);
        } else if (arg === "--json") {
            json = true;
        } else if (arg === "--help" || arg === "-h") {
            console.log(USAGE);
            process.exit(0);
        } else {
            throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
        }
    }
    return { stack, json };
}

async function main(): Promise<number> {
    const { stack, json } = parseArgs(process.argv.slice(2));
    const raw = readStackFile(stack, process.cwd());
    const config = parseStackConfig(raw);
    const { mocks, result } = await runUnderMocks(
        (m) => deployStack(config, { transformations: [m.recordOptions] }),
        { stack, config: raw },
    );
    const resources = mocks.resources.filter((r) => Object.keys(r.state).length > 0);
    if (json) {
        console.log(JSON.stringify(resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs })), null, 2));
        return 0;
    }
    console.log(`Offline preview of stack "${stack}": no AWS calls; ARNs use the placeholder account ${ACCOUNT}.\n`);
    console.log(renderResources(resources));
    console.log(`\n${resources.length} resources would be created.`);
    const commands = await new Promise<Record<string, string>>((res) => result.invokeCommands.apply(res));
    console.log("\nInvoke after `pulumi up`:");
    for (const [key, command] of Object.entries(commands)) {
        console.log(`  ${key}: ${command}`);
    }
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error: Error) => {
        console.error(`plan failed: ${error.message}`);
        process.exit(1);
    },
);
