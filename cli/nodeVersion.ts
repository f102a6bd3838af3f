/**
 * The AWS SDK's Node-version warning. @aws-sdk/core (dist-cjs/submodules/client/index.js,
 * emitWarningIfUnsupportedVersion) prints a nine-line NodeVersionSupportWarning on every Node below 22, because
 * SDK versions published after the first week of January 2027 will need Node 22. The versions this package
 * installs declare `engines.node` ">=20.0.0", so on Node 20 and 21 the warning is about future releases, not about
 * the code that runs. The SDK's own switch is AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true; we set it only
 * when the running Node satisfies the installed SDK's engines range, so a really unsupported Node still warns.
 */
export const SDK_WARNING_SWITCH = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/** Lowest major version of an engines range of the form ">=N" or ">=N.x.y"; undefined for any other range. */
export function minimumMajor(range: string | undefined): number | undefined {
    const match = /^\s*>=\s*(\d+)(\.\d+){0,2}\s*$/.exec(range ?? "");
    return match ? Number(match[1]) : undefined;
}

/** Whether the SDK's warning should be switched off: the user did not decide, and this Node is one the SDK supports. */
export function silenceSdkWarning(nodeVersion: string, sdkEnginesRange: string | undefined, env: NodeJS.ProcessEnv): boolean {
    if (env[SDK_WARNING_SWITCH] !== undefined) {
        return false;
    }
    const minimum = minimumMajor(sdkEnginesRange);
    const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1]);
    return minimum !== undefined && Number.isInteger(major) && major >= minimum;
}

/** Applies the decision to this process before any SDK client is created. */
export function configureSdkWarning(env: NodeJS.ProcessEnv = process.env): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engines = (require("@aws-sdk/core/package.json") as { engines?: { node?: string } }).engines;
    if (silenceSdkWarning(process.version, engines?.node, env)) {
        env[SDK_WARNING_SWITCH] = "true";
    }
}
