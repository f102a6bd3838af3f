import { expect } from "chai";
import { ScaleToZeroArgumentError } from "../../components/validate";

/** Runs per property: enough to hit every class, small enough to keep the whole fuzz suite to a few seconds. */
export const RUNS = { numRuns: 40 };
/** A validation that takes longer than this is a hang in the making. */
export const MAX_MILLISECONDS = 200;

/**
 * Runs `attempt`, which must throw `errorType`, quickly, with `key` in the message and no stack trace in it.
 * Returns the message.
 */
export function expectClearRejection(attempt: () => unknown, key: string, errorType: new (...args: never[]) => Error = ScaleToZeroArgumentError): string {
    const started = process.hrtime.bigint();
    let caught: unknown;
    try {
        attempt();
    } catch (error) {
        caught = error;
    }
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
    expect(caught, `accepted; expected an error naming ${key}`).to.be.instanceOf(errorType);
    const message = (caught as Error).message;
    expect(message).to.contain(key);
    expect(message).not.to.match(/\n\s+at /);
    expect(message).not.to.contain("TypeError");
    expect(message).not.to.contain("Calling [toString]");
    expect(milliseconds).to.be.below(MAX_MILLISECONDS);
    return message;
}
