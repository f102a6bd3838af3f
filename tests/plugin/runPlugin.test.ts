import { GetSchemaRequest, GetSchemaResponse } from "@pulumi/pulumi/proto/provider_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { expect } from "chai";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { committedSchema, packageManifest } from "../../scripts/schema";
import { unary } from "../helpers/grpcProcess";
import { ensureLibraryBuilt, RunningPlugin, startPlugin } from "./pluginHost";

describe("component plugin started as the CLI starts it (run-plugin, gRPC)", function () {
    // Start-up loads dist/; the first GetSchema builds a TypeScript program of the repository: ~5-10 s.
    this.timeout(120_000);
    let plugin: RunningPlugin | undefined;

    before(async () => {
        ensureLibraryBuilt();
        // GetPluginInfo and GetSchema never reach the engine; a closed port shows they do not need one.
        plugin = await startPlugin("127.0.0.1:1");
    });

    after(async () => {
        await plugin?.stop();
    });

    it("prints its port and answers GetPluginInfo with the package version", async () => {
        const info = await unary<PluginInfo>((cb) => plugin!.client.getPluginInfo(new Empty(), cb));
        expect(info.getVersion()).to.equal(packageManifest().version);
    });

    it("answers GetSchema with exactly the committed schema.json (run `npm run schema` after an args change)", async () => {
        const response = await unary<GetSchemaResponse>((cb) => plugin!.client.getSchema(new GetSchemaRequest().setVersion(0), cb));
        expect(JSON.parse(response.getSchema())).to.deep.equal(committedSchema());
    });
});
