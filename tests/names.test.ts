import { expect } from "chai";
import { sageMakerName, sageMakerNameError } from "../components/names";

describe("sageMakerName", () => {
    it("joins parts with hyphens and keeps short names readable", () => {
        expect(sageMakerName(["llm", "llama-8b", "dev"])).to.equal("llm-llama-8b-dev");
    });

    it("replaces characters SageMaker rejects and collapses hyphens", () => {
        expect(sageMakerName(["my_model", "v1.2", "--dev--"])).to.equal("my-model-v1-2-dev");
    });

    it("shortens long names to 63 characters with a hash, keeping them valid and distinct", () => {
        const a = sageMakerName(["a-very-long-component-resource-name-for-testing", "llama-3-1-70b-instruct", "feature-branch-1234"]);
        const b = sageMakerName(["a-very-long-component-resource-name-for-testing", "llama-3-1-70b-instruct", "feature-branch-5678"]);
        expect(a).to.have.length.at.most(63);
        expect(sageMakerNameError(a)).to.equal(undefined);
        expect(a).to.match(/^a-very-long-component-resource-name-for-testing-llama-3-[0-9a-f]{7}$/);
        expect(a).to.not.equal(b);
    });

    it("is stable: the same parts give the same name", () => {
        const parts = ["x".repeat(80), "dev"];
        expect(sageMakerName(parts)).to.equal(sageMakerName(parts));
    });

    it("fails clearly when nothing usable is left", () => {
        expect(() => sageMakerName(["__", "--"])).to.throw("no letters or digits");
    });
});

describe("sageMakerNameError", () => {
    for (const [name, expected] of [
        ["ok-name-1", undefined],
        ["", "must be 1-63 characters long (got 0)"],
        ["-leading", "may contain only letters"],
        ["trailing-", "may contain only letters"],
        ["under_score", "may contain only letters"],
        ["a".repeat(63), undefined],
    ] as [string, string | undefined][]) {
        it(`${JSON.stringify(name.slice(0, 20))} -> ${expected ?? "valid"}`, () => {
            const error = sageMakerNameError(name);
            if (expected === undefined) {
                expect(error).to.equal(undefined);
            } else {
                expect(error).to.contain(expected);
            }
        });
    }
});
