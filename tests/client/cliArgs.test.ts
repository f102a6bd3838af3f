import { expect } from "chai";
import { parseInvokeArgs } from "../../cli/commands/invoke";

describe("invoke command line (commander declaration + client/cliArgs.ts checks)", () => {
    it("parses the documented command line with defaults", () => {
        expect(parseInvokeArgs(["--endpoint", "E", "--component", "C", "--body", "file.json"])).to.deep.equal({
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
        const parsed = parseInvokeArgs([
            "--endpoint=E", "--component", "C", "--body", "-", "--region", "eu-west-1", "--wake",
            "--deadline-minutes", "2.5", "--content-type=text/csv", "--accept", "application/json", "--stream",
            "--endpoint-url", "http://127.0.0.1:9999",
        ]);
        expect(parsed).to.deep.include({
            endpointName: "E", bodyPath: "-", region: "eu-west-1", wake: true, deadlineMinutes: 2.5,
            contentType: "text/csv", accept: "application/json", stream: true, endpointUrl: "http://127.0.0.1:9999",
        });
    });

    const errors: [string[], RegExp][] = [
        [["--component", "C", "--body", "b"], /required option '--endpoint <name>' not specified/],
        [["--endpoint", "E", "--component", "C"], /required option '--body <file>' not specified/],
        [["--endpoint", "E", "--component", "C", "--body", "b", "--deadline-minutes", "soon"], /--deadline-minutes must be a number/],
        [["--endpoint", "E", "--component", "C", "--body", "b", "--deadline-minutes", "0"], /--deadline-minutes must be/],
        [["--endpoint", "E", "--component", "C", "--body", "b", "--verbose"], /unknown option '--verbose'/],
        [["--endpoint", "E", "--component", "C", "--body", "b", "--endpoint-url", "localhost"], /--endpoint-url must be an http\(s\) URL/],
        // Every problem at once, not the first only.
        [["--endpoint", "E", "--component", "C", "--body", "b", "--endpoint-url", "localhost", "--deadline-minutes", "0"], /--deadline-minutes must be .*; --endpoint-url must be/],
    ];
    for (const [argv, message] of errors) {
        it(`usage error: ${argv.join(" ")}`, () => {
            expect(() => parseInvokeArgs(argv)).to.throw(message);
        });
    }
});
