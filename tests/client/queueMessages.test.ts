import { expect } from "chai";
import { decodeQueueRequest, decodeQueueResult, encodeQueueRequest, encodeQueueResult, encodeResultBody } from "../../client";

const defaults = { endpointName: "ep", inferenceComponentName: "ic", resultsQueueUrl: "https://sqs.us-east-1.amazonaws.com/1/results" };

describe("queue messages", () => {
    it("round-trips a request, applying the consumer's defaults", () => {
        const decoded = decodeQueueRequest(encodeQueueRequest({ correlationId: "c1", body: "{\"a\":1}", contentType: "application/json" }), "m-1", defaults);
        expect(decoded.ok).to.equal(true);
        if (!decoded.ok) return;
        expect(decoded.value).to.deep.include({
            correlationId: "c1",
            endpointName: "ep",
            inferenceComponentName: "ic",
            contentType: "application/json",
            bodyEncoding: "utf8",
            replyTo: defaults.resultsQueueUrl,
        });
        expect(Buffer.from(decoded.value.body).toString("utf8")).to.equal('{"a":1}');
    });

    it("message fields win over defaults; correlationId defaults to the MessageId", () => {
        const decoded = decodeQueueRequest(JSON.stringify({ endpointName: "other", inferenceComponentName: "ic2", body: "AQID", bodyEncoding: "base64", replyTo: "https://q/r" }), "m-9", defaults);
        expect(decoded.ok && decoded.value.correlationId).to.equal("m-9");
        expect(decoded.ok && decoded.value.endpointName).to.equal("other");
        expect(decoded.ok && decoded.value.replyTo).to.equal("https://q/r");
        expect(decoded.ok && [...decoded.value.body]).to.deep.equal([1, 2, 3]);
    });

    const invalid: [string, string | undefined, object, RegExp][] = [
        ["not JSON", "hello", defaults, /not JSON/],
        ["an array", "[1]", defaults, /not a JSON object/],
        ["no body", JSON.stringify({ correlationId: "x" }), defaults, /body must be a string/],
        ["no endpoint and no default", JSON.stringify({ body: "x" }), {}, /endpointName is missing/],
        ["no reply queue anywhere", JSON.stringify({ body: "x", endpointName: "e", inferenceComponentName: "c" }), {}, /replyTo is missing/],
        ["unknown encoding", JSON.stringify({ body: "x", bodyEncoding: "hex" }), defaults, /bodyEncoding must be "utf8" or "base64"/],
        ["correlationId not a string", JSON.stringify({ body: "x", correlationId: 5 }), defaults, /correlationId must be a string/],
        ["empty message", undefined, defaults, /not JSON/],
    ];
    for (const [label, body, d, problem] of invalid) {
        it(`rejects ${label}`, () => {
            const decoded = decodeQueueRequest(body, "m", d);
            expect(decoded.ok).to.equal(false);
            if (!decoded.ok) expect(decoded.problem).to.match(problem);
        });
    }

    it("result bodies: UTF-8 stays text, other bytes become base64", () => {
        expect(encodeResultBody(Buffer.from("héllo"))).to.deep.equal({ body: "héllo", bodyEncoding: "utf8" });
        expect(encodeResultBody(new Uint8Array([0xff, 0xfe]))).to.deep.equal({ body: "//4=", bodyEncoding: "base64" });
    });

    it("decodeQueueResult returns the body bytes and rejects incomplete results", () => {
        const encoded = encodeQueueResult({ correlationId: "c", status: "ok", body: "//4=", bodyEncoding: "base64", requestMessageId: "m", elapsedMs: 5 });
        const decoded = decodeQueueResult(encoded);
        expect(decoded.ok && [...decoded.value.bytes]).to.deep.equal([0xff, 0xfe]);
        expect(decodeQueueResult('{"correlationId":"c"}').ok).to.equal(false);
        expect(decodeQueueResult("nope").ok).to.equal(false);
    });
});
