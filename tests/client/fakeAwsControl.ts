/**
 * A loopback fake of the AWS control planes `status` and the cold-start metric use, for the REAL SDK v3 clients:
 * SageMaker (awsJson1_1, target prefix `SageMaker.`), Application Auto Scaling (awsJson1_1,
 * `AnyScaleFrontendService.`) and CloudWatch (awsJson1_0 with awsQueryCompatible, `GraniteServiceVersion20100801.`:
 * what @aws-sdk/client-cloudwatch 3.1164 sends, see its runtime config). One server answers all three; each
 * operation's answer is a canned JSON object, and every request is recorded. Timestamps are epoch seconds.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
    readonly target: string;
    readonly body: Record<string, unknown>;
}

export class FakeAwsControl {
    public readonly calls: RecordedCall[] = [];
    /** Operation (e.g. `SageMaker.DescribeEndpoint`) → answer, or a function of the request body. */
    public answers: Record<string, unknown | ((body: Record<string, unknown>) => unknown)> = {};

    private constructor(private readonly server: http.Server) {}

    static async start(): Promise<FakeAwsControl> {
        const server = http.createServer();
        const fake = new FakeAwsControl(server);
        server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => fake.answer(req, Buffer.concat(chunks).toString("utf8"), res));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return fake;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    calledWith(target: string): Record<string, unknown>[] {
        return this.calls.filter((c) => c.target === target).map((c) => c.body);
    }

    close(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }

    private answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
        const target = String(req.headers["x-amz-target"] ?? "");
        const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
        this.calls.push({ target, body });
        const contentType = target.startsWith("GraniteServiceVersion20100801.") ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        const canned = this.answers[target];
        if (canned === undefined) {
            res.writeHead(400, { "content-type": contentType });
            res.end(JSON.stringify({ __type: "ValidationException", message: `fake: no answer for ${target}` }));
            return;
        }
        const value = typeof canned === "function" ? (canned as (b: Record<string, unknown>) => unknown)(body) : canned;
        res.writeHead(200, { "content-type": contentType });
        res.end(JSON.stringify(value));
    }
}
