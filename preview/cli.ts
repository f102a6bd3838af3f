// Offline preview (`scale-to-zero plan`): runs the stack program the way `pulumi up` starts it (the nodejs language
// host's cmd/run) against the fake engine of preview/engine/, with the stack's own config, and prints what the
// engine receives on a first deployment. Needs no AWS account and no Pulumi CLI. The command line is
// cli/commands/plan.ts.
import { readStackFile } from "../stackFile";
import { evaluatePolicies, formatVerdicts, mandatoryViolationCount, PolicyPackConfig } from "../policies/runLocally";
import { ACCOUNT } from "./engine/cloud";
import { runProgram, RunResult } from "./engine/languageHost";
import { NewAccountSageMaker } from "./engine/newAccountSageMaker";
import { recordedFromRegistrations } from "./engine/records";
import { RecordedResource } from "./mockEngine";
import { localResources } from "./policyCheck";
import { renderResources } from "./render";
import { stackProgram } from "./stackProgram";

export interface PlanOptions {
    readonly stack: string;
    /** Folder with Pulumi.<stack>.yaml. */
    readonly stackDir: string;
    readonly json: boolean;
    readonly policyConfig?: PolicyPackConfig;
    readonly stackTags: Record<string, string>;
}

export interface PlanIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

/** The stack program's first deployment as the engine sees it (registrations, outputs); throws on a failed program. */
export async function firstDeployment(stack: string, stackDir: string): Promise<{ run: RunResult; resources: RecordedResource[] }> {
    const raw = readStackFile(stack, stackDir);
    const sageMaker = await NewAccountSageMaker.start();
    const run = await runProgram({
        ...stackProgram(),
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
    return { run, resources: recordedFromRegistrations(run.engine.registrations) };
}

/** Runs the preview; returns the exit code (0, or 1 when a mandatory policy fails). Throws when the program fails. */
export async function runPlan(options: PlanOptions, io: PlanIo): Promise<number> {
    const { stack, json, policyConfig, stackTags } = options;
    const { run, resources } = await firstDeployment(stack, options.stackDir);
    const verdicts = await evaluatePolicies(localResources(resources, stack), { stack, config: policyConfig, stackTags });
    const violations = mandatoryViolationCount(verdicts);
    const failed = violations > 0 ? 1 : 0;
    if (json) {
        const plan = { resources: resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs })), policies: verdicts };
        io.stdout(JSON.stringify(plan, null, 2) + "\n");
        return failed;
    }
    const lines: string[] = [];
    lines.push(`Offline preview of stack "${stack}": no AWS calls; ARNs use the placeholder account ${ACCOUNT}.\n`);
    lines.push(renderResources(resources));
    lines.push(`\n${resources.length} resources would be created.`);
    const commands = (run.engine.stackOutputs?.invokeCommands ?? {}) as Record<string, string>;
    lines.push("\nInvoke after `pulumi up`:");
    for (const [key, command] of Object.entries(commands)) {
        lines.push(`  ${key}: ${command}`);
    }
    lines.push("\nPolicy pack scale-to-zero-guardrails (policies/):");
    lines.push(formatVerdicts(verdicts));
    if (failed) {
        lines.push(`\n${violations} mandatory policy violation(s): pulumi up --policy-pack ./policies would be blocked.`);
    }
    io.stdout(lines.join("\n") + "\n");
    return failed;
}
