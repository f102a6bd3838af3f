import { expect } from "chai";
import { ScaleToZeroModelArgs } from "../../components/args";
import { ScaleToZeroArgumentError, validateScaleToZeroModelArgs } from "../../components/validate";

/** The problems `validateScaleToZeroModelArgs` reports for `args` ([] when valid); any other error fails the test. */
export function argumentProblems(args: unknown): string[] {
    try {
        validateScaleToZeroModelArgs(args as ScaleToZeroModelArgs);
    } catch (error) {
        expect(error).to.be.instanceOf(ScaleToZeroArgumentError);
        return [...(error as ScaleToZeroArgumentError).problems];
    }
    return [];
}
