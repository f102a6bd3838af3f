/**
 * A fake Amazon SageMaker on 127.0.0.1 that the REAL AWS SDK v3 clients talk to (endpoint: fake.url).
 *
 * It speaks just enough of two protocols:
 * - SageMaker Runtime, restJson1: POST /endpoints/{name}/invocations and /invocations-response-stream, with the
 *   component in the X-Amzn-SageMaker-Inference-Component header; errors carry x-amzn-ErrorType and a JSON body.
 * - SageMaker control plane, awsJson1_1: POST / with X-Amz-Target SageMaker.DescribeInferenceComponent or
 *   SageMaker.UpdateInferenceComponentRuntimeConfig; errors carry `__type` in the JSON body.
 *
 * Each component is a small state machine modelled on the real scale-out from zero:
 *   copies 0 ──invoke──► no-capacity ValidationError (and, when alarmDelayMs is set, the "alarm" starts)
 *   alarm fires after alarmDelayMs, or UpdateInferenceComponentRuntimeConfig (a wake) ──► desired = N
 *   scaleOutDelayMs later ──► current = desired, invokes succeed.
 * Every delay is in milliseconds and configurable so a whole cold start fits in a few hundred ms.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { payloadPartEvent } from "./eventStreamEncoding";

/** The exact message SageMaker returns when an inference component has zero copies. */
export const NO_CAPACITY_MESSAGE =
    "Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress " +
    "(if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.";

export const FAKE_ACCOUNT = "111122223333";
export const FAKE_REGION = "us-east-1";

export interface FakeComponentOptions {
    /** Endpoint the component is attached to. Default "ep". */
    readonly endpointName?: string;
    /** Copies running now. Default 0 (cold). */
    readonly currentCopyCount?: number;
    /** Desired copies now. Default: currentCopyCount. */
    readonly desiredCopyCount?: number;
    /** Time from desired >= 1 to the copies being up. Default 300 ms. */
    readonly scaleOutDelayMs?: number;
    /** Time from the first no-capacity failure to the "alarm" setting desired = 1; null = no alarm. Default null. */
    readonly alarmDelayMs?: number | null;
}

export interface FakeComponentState {
    readonly name: string;
    endpointName: string;
    status: "InService" | "Creating" | "Updating" | "Failed" | "Deleting";
    failureReason?: string;
    currentCopyCount: number;
    desiredCopyCount: number;
    scaleOutDelayMs: number;
    alarmDelayMs: number | null;
    deleted: boolean;
    alarmTimer?: NodeJS.Timeout;
    scaleOutTimer?: NodeJS.Timeout;
}

export interface FakeRequest {
    readonly operation: FakeOperation;
    readonly component?: string;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: Buffer;
}

export interface FakeResponse {
    readonly status: number;
    readonly headers?: Record<string, string>;
    readonly body?: string | Buffer;
}

export type FakeOperation = "invoke" | "invokeStream" | "describe" | "update";

/** Return a response to answer the request yourself, or undefined to let the fake's state machine answer. */
export type FakeInterceptor = (request: FakeRequest) => FakeResponse | undefined;

export interface FakeCall {
    readonly operation: FakeOperation;
    readonly component?: string;
    readonly at: number;
    readonly signed: boolean;
    readonly body: string;
}

export class FakeSageMaker {
    public readonly calls: Record<FakeOperation, number> = { invoke: 0, invokeStream: 0, describe: 0, update: 0 };
    public readonly log: FakeCall[] = [];
    public readonly interceptors: Partial<Record<FakeOperation, FakeInterceptor>> = {};
    /** Number of upcoming DescribeInferenceComponent calls to answer with ThrottlingException. */
    public throttledDescribes = 0;
    /** Payload parts sent by InvokeEndpointWithResponseStream. */
    public streamParts = ['{"token":"Hel"}\n', '{"token":"lo"}\n', '{"token":"!"}\n'];
    private readonly components = new Map<string, FakeComponentState>();

    private constructor(private readonly server: http.Server, public readonly url: string) {}

    static async start(): Promise<FakeSageMaker> {
        const server = http.createServer();
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as AddressInfo;
        const fake = new FakeSageMaker(server, `http://127.0.0.1:${port}`);
        server.on("request", (req, res) => fake.handle(req, res));
        return fake;
    }

    addComponent(name: string, options: FakeComponentOptions = {}): FakeComponentState {
        const current = options.currentCopyCount ?? 0;
        const state: FakeComponentState = {
            name,
            endpointName: options.endpointName ?? "ep",
            status: "InService",
            currentCopyCount: current,
            desiredCopyCount: options.desiredCopyCount ?? current,
            scaleOutDelayMs: options.scaleOutDelayMs ?? 300,
            alarmDelayMs: options.alarmDelayMs ?? null,
            deleted: false,
        };
        this.components.set(name, state);
        if (state.desiredCopyCount > state.currentCopyCount) this.scheduleScaleOut(state);
        return state;
    }

    component(name: string): FakeComponentState {
        const state = this.components.get(name);
        if (!state) throw new Error(`fake has no component ${name}`);
        return state;
    }

    /** Puts the component in status Failed; its copies never come up. */
    fail(name: string, reason: string): void {
        const state = this.component(name);
        this.clearTimers(state);
        state.status = "Failed";
        state.failureReason = reason;
    }

    /** Deletes the component: Describe answers "Could not find inference component". */
    delete(name: string): void {
        const state = this.component(name);
        this.clearTimers(state);
        state.deleted = true;
    }

    /** Scales the component to zero copies at once (as the scale-in policy would after 15 idle minutes). */
    scaleToZero(name: string): void {
        const state = this.component(name);
        this.clearTimers(state);
        state.currentCopyCount = 0;
        state.desiredCopyCount = 0;
    }

    callsFor(operation: FakeOperation, component?: string): number {
        return this.log.filter((c) => c.operation === operation && (component === undefined || c.component === component))
            .length;
    }

    resetCounters(): void {
        for (const key of Object.keys(this.calls) as FakeOperation[]) this.calls[key] = 0;
        this.log.length = 0;
    }

    async close(): Promise<void> {
        for (const state of this.components.values()) this.clearTimers(state);
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private clearTimers(state: FakeComponentState): void {
        clearTimeout(state.alarmTimer);
        clearTimeout(state.scaleOutTimer);
        state.alarmTimer = undefined;
        state.scaleOutTimer = undefined;
    }

    private scheduleScaleOut(state: FakeComponentState): void {
        if (state.scaleOutTimer) return; // one provisioning at a time, like the real service
        state.scaleOutTimer = setTimeout(() => {
            state.scaleOutTimer = undefined;
            if (state.status === "InService" && !state.deleted) state.currentCopyCount = state.desiredCopyCount;
        }, state.scaleOutDelayMs);
    }

    private setDesired(state: FakeComponentState, desired: number): void {
        state.desiredCopyCount = desired;
        if (desired > state.currentCopyCount) this.scheduleScaleOut(state);
        else state.currentCopyCount = desired;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            try {
                this.route(req, Buffer.concat(chunks), res);
            } catch (err) {
                send(res, { status: 500, body: `fake crashed: ${String(err)}` });
            }
        });
    }

    private route(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
        const url = new URL(req.url ?? "/", this.url);
        const runtime = /^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream)$/.exec(url.pathname);
        const target = req.headers["x-amz-target"];
        let operation: FakeOperation;
        let component: string | undefined;
        let parsed: Record<string, unknown> = {};
        if (req.method === "POST" && runtime) {
            operation = runtime[2] === "invocations" ? "invoke" : "invokeStream";
            component = header(req, "x-amzn-sagemaker-inference-component");
        } else if (req.method === "POST" && typeof target === "string" && target.startsWith("SageMaker.")) {
            const action = target.slice("SageMaker.".length);
            if (action === "DescribeInferenceComponent") operation = "describe";
            else if (action === "UpdateInferenceComponentRuntimeConfig") operation = "update";
            else return send(res, jsonError(400, "UnknownOperationException", `fake does not know ${action}`));
            parsed = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
            component = typeof parsed.InferenceComponentName === "string" ? parsed.InferenceComponentName : undefined;
        } else {
            return send(res, { status: 404, body: "not found" });
        }
        const signed = (header(req, "authorization") ?? "").startsWith("AWS4-HMAC-SHA256 Credential=");
        this.calls[operation]++;
        this.log.push({ operation, component, at: Date.now(), signed, body: body.toString("utf8") });
        if (!signed) {
            return send(res, jsonError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        const intercepted = this.interceptors[operation]?.({ operation, component, headers: req.headers, body });
        if (intercepted) return send(res, intercepted);

        switch (operation) {
            case "invoke":
            case "invokeStream":
                return this.invoke(operation, decodeURIComponent(runtime![1]), component, req, body, res);
            case "describe":
                return this.describe(component, res);
            case "update":
                return this.update(component, parsed, res);
        }
    }

    private invoke(
        operation: "invoke" | "invokeStream",
        endpointName: string,
        componentName: string | undefined,
        req: http.IncomingMessage,
        body: Buffer,
        res: http.ServerResponse,
    ): void {
        if (!componentName) {
            return send(res, runtimeError(400, "ValidationError",
                "Inference Component Name header is required for endpoints to which you plan to deploy " +
                "inference components. Please include Inference Component Name header or consider using " +
                "SageMaker models."));
        }
        const state = this.components.get(componentName);
        if (!state || state.deleted || state.endpointName !== endpointName) {
            return send(res, runtimeError(400, "ValidationError",
                `Inference Component ${componentName} for endpoint ${endpointName} not found.`));
        }
        if (state.currentCopyCount < 1) {
            if (state.alarmDelayMs !== null && !state.alarmTimer && state.desiredCopyCount < 1) {
                // NoCapacityInvocationFailures >= 1 → alarm → step scaling policy adds one copy.
                state.alarmTimer = setTimeout(() => {
                    state.alarmTimer = undefined;
                    if (state.desiredCopyCount < 1 && state.status === "InService") this.setDesired(state, 1);
                }, state.alarmDelayMs);
            }
            return send(res, runtimeError(400, "ValidationError", NO_CAPACITY_MESSAGE));
        }
        if (operation === "invoke") {
            const accept = header(req, "accept") ?? "application/json";
            return send(res, {
                status: 200,
                headers: { "content-type": accept, "x-amzn-invoked-production-variant": "AllTraffic" },
                body: JSON.stringify({ component: componentName, echo: body.toString("utf8") }),
            });
        }
        res.writeHead(200, {
            "content-type": "application/vnd.amazon.eventstream",
            "x-amzn-sagemaker-content-type": "application/jsonlines",
            "x-amzn-invoked-production-variant": "AllTraffic",
        });
        for (const part of this.streamParts) res.write(payloadPartEvent(Buffer.from(part, "utf8")));
        res.end();
    }

    private describe(componentName: string | undefined, res: http.ServerResponse): void {
        if (this.throttledDescribes > 0) {
            this.throttledDescribes--;
            return send(res, jsonError(400, "ThrottlingException", "Rate exceeded"));
        }
        const state = componentName ? this.components.get(componentName) : undefined;
        if (!state || state.deleted) {
            return send(res, jsonError(400, "ValidationException",
                `Could not find inference component "${this.arn(componentName ?? "")}".`));
        }
        const output: Record<string, unknown> = {
            InferenceComponentName: state.name,
            InferenceComponentArn: this.arn(state.name),
            EndpointName: state.endpointName,
            EndpointArn: `arn:aws:sagemaker:${FAKE_REGION}:${FAKE_ACCOUNT}:endpoint/${state.endpointName}`,
            VariantName: "AllTraffic",
            CreationTime: 1_732_000_000,
            LastModifiedTime: 1_732_000_100,
            InferenceComponentStatus: state.status,
            RuntimeConfig: { DesiredCopyCount: state.desiredCopyCount, CurrentCopyCount: state.currentCopyCount },
        };
        if (state.failureReason) output.FailureReason = state.failureReason;
        send(res, { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify(output) });
    }

    private update(componentName: string | undefined, input: Record<string, unknown>, res: http.ServerResponse): void {
        const state = componentName ? this.components.get(componentName) : undefined;
        if (!state || state.deleted) {
            return send(res, jsonError(400, "ValidationException",
                `Could not find inference component "${this.arn(componentName ?? "")}".`));
        }
        const desired = (input.DesiredRuntimeConfig as { CopyCount?: unknown } | undefined)?.CopyCount;
        if (typeof desired !== "number" || desired < 0) {
            return send(res, jsonError(400, "ValidationException", "DesiredRuntimeConfig.CopyCount is required"));
        }
        this.setDesired(state, desired);
        send(res, {
            status: 200,
            headers: { "content-type": "application/x-amz-json-1.1" },
            body: JSON.stringify({ InferenceComponentArn: this.arn(state.name) }),
        });
    }

    private arn(name: string): string {
        return `arn:aws:sagemaker:${FAKE_REGION}:${FAKE_ACCOUNT}:inference-component/${name}`;
    }
}

/** A SageMaker Runtime (restJson1) error: the type in x-amzn-ErrorType, as the real service sends it. */
export function runtimeError(status: number, type: string, message: string, extra: Record<string, unknown> = {}): FakeResponse {
    return {
        status,
        headers: {
            "content-type": "application/json",
            "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.sagemaker/`,
        },
        body: JSON.stringify({ message, ...extra }),
    };
}

/** A SageMaker control-plane (awsJson1_1) error: the type in the body's __type. */
export function jsonError(status: number, type: string, message: string): FakeResponse {
    return {
        status,
        headers: { "content-type": "application/x-amz-json-1.1" },
        body: JSON.stringify({ __type: type, message }),
    };
}

function send(res: http.ServerResponse, response: FakeResponse): void {
    res.writeHead(response.status, { "x-amzn-requestid": "fake-request-id", ...response.headers });
    res.end(response.body ?? "");
}

function header(req: http.IncomingMessage, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
