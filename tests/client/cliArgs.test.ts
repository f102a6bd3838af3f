import { expect } from "chai";
import { parseCliArgs } from "../../client/cliArgs";

describe("parseCliArgs", () => {
    it("parses the documented command line with defaults", () => {
        expect(parseCliArgs(["invoke", "--endpoint", "E", "--component", "C", "--body", "file.json"])).to.deep.equal({
            kind: "invoke",
            endpointName: "E",
            componentName: "C",
            bodyPath: "file.json",
            contentType: "application/json",
            accept: undefined,
            region: undefined,
            wake: false,
            deadlineMinutes: 10,
            stream: false,
            endpointUrl: undefined,
        });
    });

    it("parses every option, in --flag value and --flag=value forms", () => {
        const parsed = parseCliArgs([
            "invoke", "--endpoint=E", "--component", "C", "--body", "-", "--region", "eu-west-1", "--wake",
            "--deadline-minutes", "2.5", "--content-type=text/csv", "--accept", "application/json", "--stream",
            "--endpoint-url", "http://127.0.0.1:9999",
        ]);
        expect(parsed).to.deep.include({
            endpointName: "E", bodyPath: "-", region: "eu-west-1", wake: true, deadlineMinutes: 2.5,
            contentType: "text/csv", accept: "application/json", stream: true, endpointUrl: "http://127.0.0.1:9999",
        });
    });

    it("help", () => {
        for (const argv of [[], ["--help"], ["-h"], ["invoke", "--help"], ["help"]]) {
            expect(parseCliArgs(argv)).to.deep.equal({ kind: "help" });
        }
    });

    const errors: [string[], RegExp][] = [
        [["call"], /unknown command "call"/],
        [["invoke", "--component", "C", "--body", "b"], /--endpoint is required/],
        [["invoke", "--endpoint", "E", "--component", "C"], /--body is required/],
        [["invoke", "--endpoint", "E", "--component", "C", "--body", "b", "--deadline-minutes", "soon"], /--deadline-minutes must be a number/],
        [["invoke", "--endpoint", "E", "--component", "C", "--body", "b", "--deadline-minutes", "0"], /--deadline-minutes must be/],
        [["invoke", "--endpoint", "E", "--component", "C", "--body", "b", "--verbose"], /unknown option "--verbose"/],
        [["invoke", "--endpoint", "--component", "C", "--body", "b"], /--endpoint needs a value/],
        [["invoke", "--endpoint", "E", "--component", "C", "--body", "b", "--wake=yes"], /--wake takes no value/],
        [["invoke", "--endpoint", "E", "--component", "C", "--body", "b", "--endpoint-url", "localhost"], /--endpoint-url must be an http\(s\) URL/],
    ];
    for (const [argv, message] of errors) {
        it(`usage error: ${argv.slice(1).join(" ")}`, () => {
            const parsed = parseCliArgs(argv);
            expect(parsed.kind).to.equal("usage-error");
            if (parsed.kind === "usage-error") expect(parsed.message).to.match(message);
        });
    }
});
