import { expect } from "chai";
import { hasCapacity, parseCapacity } from "../../client";

describe("parseCapacity", () => {
    const ok = (output: unknown) => {
        const result = parseCapacity(output);
        if (!result.ok) throw new Error(`expected ok, got ${result.problem}`);
        return result.snapshot;
    };

    it("reads status and copy counts", () => {
        expect(ok({ InferenceComponentStatus: "InService", RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 0 } }))
            .to.deep.equal({ status: "InService", currentCopyCount: 0, desiredCopyCount: 1 });
    });

    it("keeps FailureReason of a Failed component, and needs no counts for it", () => {
        expect(ok({ InferenceComponentStatus: "Failed", FailureReason: "image pull failed" }))
            .to.deep.equal({ status: "Failed", currentCopyCount: 0, desiredCopyCount: 0, failureReason: "image pull failed" });
    });

    it("tolerates a Creating component without a runtime config", () => {
        expect(ok({ InferenceComponentStatus: "Creating" }).currentCopyCount).to.equal(0);
    });

    const malformed: [string, unknown, RegExp][] = [
        ["null", null, /not an object/],
        ["no status", { RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 } }, /InferenceComponentStatus is missing/],
        ["InService without RuntimeConfig", { InferenceComponentStatus: "InService" }, /CurrentCopyCount\/DesiredCopyCount missing/],
        ["negative count", { InferenceComponentStatus: "InService", RuntimeConfig: { DesiredCopyCount: -1, CurrentCopyCount: 0 } }, /not a count/],
        ["count as string", { InferenceComponentStatus: "Updating", RuntimeConfig: { DesiredCopyCount: "1", CurrentCopyCount: 0 } }, /not a count/],
    ];
    for (const [label, output, problem] of malformed) {
        it(`rejects ${label}`, () => {
            const result = parseCapacity(output);
            expect(result.ok).to.equal(false);
            if (!result.ok) expect(result.problem).to.match(problem);
        });
    }

    it("hasCapacity: a copy up and a usable status", () => {
        expect(hasCapacity({ status: "InService", currentCopyCount: 1, desiredCopyCount: 1 })).to.equal(true);
        expect(hasCapacity({ status: "Updating", currentCopyCount: 2, desiredCopyCount: 3 })).to.equal(true);
        expect(hasCapacity({ status: "InService", currentCopyCount: 0, desiredCopyCount: 1 })).to.equal(false);
        expect(hasCapacity({ status: "Deleting", currentCopyCount: 1, desiredCopyCount: 1 })).to.equal(false);
    });
});
