import * as http from "http";
import { AddressInfo } from "net";

// The SageMaker control plane of an account where this stack does not exist yet: every DescribeInferenceComponent
// answers "Could not find inference component", as SageMaker does (awsJson1_1 ValidationException). The offline
// preview points the program's own SDK calls here (components/liveCopyCount.ts), so it shows a first deployment
// and never reaches AWS.
export class NewAccountSageMaker {
    private constructor(private readonly server: http.Server, readonly url: string) {}

    static async start(): Promise<NewAccountSageMaker> {
        const server = http.createServer((req, res) => {
            const target = String(req.headers["x-amz-target"] ?? "");
            req.resume();
            req.on("end", () => {
                const known = target === "SageMaker.DescribeInferenceComponent";
                res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
                res.end(
                    JSON.stringify({
                        __type: known ? "ValidationException" : "UnknownOperationException",
                        message: known ? "Could not find inference component." : `${target} is not offered offline`,
                    }),
                );
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return new NewAccountSageMaker(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }

    async close(): Promise<void> {
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}
