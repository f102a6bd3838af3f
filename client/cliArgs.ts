/**
 * Checks of `scale-to-zero invoke` (flags and help: cli/commands/invoke.ts). Pure: no file or network access.
 */
import { CLI_DEFAULTS } from "./defaults";

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

/** The flags as commander collects them (strings and switches). */
export interface InvokeFlags {
    readonly endpoint: string;
    readonly component: string;
    readonly body: string;
    readonly contentType?: string;
    readonly accept?: string;
    readonly region?: string;
    readonly wake?: boolean;
    readonly deadlineMinutes?: string;
    readonly stream?: boolean;
    readonly endpointUrl?: string;
}

/** Most minutes a caller may wait for a copy: the CloudFormation handler's own limit for an update is 490 min. */
export const MAX_DEADLINE_MINUTES = 720;

/** Checks and converts the flags; throws one Error naming every bad flag. */
export function invokeOptions(flags: InvokeFlags): InvokeCommand {
    const problems: string[] = [];
    const deadlineText = flags.deadlineMinutes;
    const deadlineMinutes = deadlineText === undefined ? CLI_DEFAULTS.deadlineMinutes : Number(deadlineText);
    if (!Number.isFinite(deadlineMinutes) || deadlineMinutes <= 0 || deadlineMinutes > MAX_DEADLINE_MINUTES) {
        problems.push(`--deadline-minutes must be a number of minutes between 0 and ${MAX_DEADLINE_MINUTES}, got ${JSON.stringify(deadlineText)}`);
    }
    const endpointUrl = flags.endpointUrl;
    if (endpointUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(endpointUrl)) {
        problems.push(`--endpoint-url must be an http(s) URL, got ${JSON.stringify(endpointUrl)}`);
    }
    for (const [flag, text] of [["--endpoint", flags.endpoint], ["--component", flags.component], ["--body", flags.body]] as const) {
        if (text === "") {
            problems.push(`${flag} must not be empty`);
        }
    }
    if (problems.length > 0) {
        throw new Error(problems.join("; "));
    }
    return {
        kind: "invoke",
        endpointName: flags.endpoint,
        componentName: flags.component,
        bodyPath: flags.body,
        contentType: flags.contentType ?? CLI_DEFAULTS.contentType,
        accept: flags.accept,
        region: flags.region,
        wake: flags.wake === true,
        deadlineMinutes,
        stream: flags.stream === true,
        endpointUrl,
    };
}
