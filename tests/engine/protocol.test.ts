import { expect } from "chai";
import { engineConfig, languageHostConfig } from "../../preview/engine/languageHost";
import { decodeProperties, UNKNOWN } from "../../preview/engine/properties";

const SIG = "4dabf18193072939515e22adb298388d";

describe("fake engine: the wire format of the SDK", () => {
    it("unwraps secrets and output values and records where they were", () => {
        const decoded = decodeProperties({
            plain: "a",
            env: { TOKEN: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" } },
            list: [{ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: 1, secret: true }, UNKNOWN],
            later: { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" },
            ref: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "i" },
        });
        expect(decoded.values).to.deep.equal({ plain: "a", env: { TOKEN: "s3cr3t" }, list: [1, UNKNOWN], later: UNKNOWN, ref: { urn: "urn:x", id: "i" } });
        expect(decoded.secretPaths).to.deep.equal(["env.TOKEN", "list[0]"]);
        expect(decoded.unknownPaths).to.deep.equal(["list[1]", "later"]);
    });

    it("passes config as the language host does: namespaced keys rewritten, objects as JSON strings", () => {
        const config = engineConfig({ "aws:region": "us-east-1", "scale-to-zero:endpoint": { maxInstanceCount: 2 } });
        expect(config).to.deep.equal({ "aws:region": "us-east-1", "scale-to-zero:endpoint": '{"maxInstanceCount":2}' });
        expect(JSON.parse(languageHostConfig(config))).to.deep.equal({
            "aws:config:region": "us-east-1",
            "scale-to-zero:config:endpoint": '{"maxInstanceCount":2}',
        });
        expect(() => languageHostConfig({ region: "x" })).to.throw("config key region has no namespace");
    });
});
