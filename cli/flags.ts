import { InvalidArgumentError } from "commander";

// Commander parsers shared by the subcommands: repeatable flags, flags that may be given once, key=value pairs.

/** A repeatable flag's values, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
    return [...(previous ?? []), value];
}

/** A flag that may appear once (commander would otherwise keep the last value silently). */
export function once(value: string, previous: string | undefined): string {
    if (previous !== undefined) {
        throw new InvalidArgumentError("given twice");
    }
    return value;
}

/** `key=value` into a map; the value may itself contain "=". */
export function keyValue(value: string, previous: Record<string, string> | undefined): Record<string, string> {
    const eq = value.indexOf("=");
    if (eq <= 0) {
        throw new InvalidArgumentError(`expected key=value, got ${JSON.stringify(value)}`);
    }
    return { ...(previous ?? {}), [value.slice(0, eq)]: value.slice(eq + 1) };
}
