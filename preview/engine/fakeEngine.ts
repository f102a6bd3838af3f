import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { computed, invokeResult, REGION } from "./cloud";
import { decodeProperties, encodeSecretOutputs, UNKNOWN } from "./properties";

// A stand-in for the Pulumi engine as a program sees it: the Engine service (logs, root resource) and the
// ResourceMonitor service (registrations, invokes) over gRPC on 127.0.0.1, answering like the engine does on a
// new stack. Providers are not run: created resources get the names and ARNs of ./cloud.ts; in a preview
// (dry run) every output a provider would compute is unknown, as `pulumi preview` shows it for a new stack.

/** The options of a registration, as the engine receives them (RegisterResourceRequest). */
export interface RegistrationOptions {
    protect?: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    deleteBeforeReplace: boolean;
    /** False when the program left `deleteBeforeReplace` unset, so the provider's Diff decides. */
    deleteBeforeReplaceDefined: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    customTimeouts?: { create: string; update: string; delete: string };
    /** Structured aliases (the SDK sends these when the monitor supports `aliasSpecs`). */
    aliases: { urn?: string; name?: string; type?: string; parentUrn?: string; noParent?: boolean; project?: string; stack?: string }[];
    aliasUrns: string[];
    additionalSecretOutputs: string[];
    retainOnDelete?: boolean;
    deletedWith: string;
    provider: string;
    version: string;
}

/** One resource registration as the engine saw it. */
export interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** URN of the parent ("" only for the stack itself). */
    parent: string;
    /** Inputs as sent, secrets unwrapped (see `secretPaths`), unknowns as the UNKNOWN sentinel. */
    inputs: Record<string, unknown>;
    secretPaths: string[];
    unknownPaths: string[];
    /** What the engine answered: inputs plus provider-computed values (unknown in a preview). */
    outputs: Record<string, unknown>;
    options: RegistrationOptions;
    /** Set by RegisterResourceOutputs (components and the stack). */
    registeredOutputs?: Record<string, unknown>;
}

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

const SEVERITY: Record<number, LogEntry["severity"]> = {
    [enginePb.LogSeverity.DEBUG]: "debug",
    [enginePb.LogSeverity.INFO]: "info",
    [enginePb.LogSeverity.WARNING]: "warning",
    [enginePb.LogSeverity.ERROR]: "error",
};

/** Features today's engine supports (pkg/resource/deploy/source_eval.go, SupportsFeature). */
const SUPPORTED_FEATURES = new Set([
    "secrets",
    "resourceReferences",
    "outputValues",
    "deletedWith",
    "aliasSpecs",
    "transforms",
    "invokeTransforms",
    "parameterization",
]);

export interface FakeEngineOptions {
    project: string;
    stack: string;
    dryRun: boolean;
    /** Region the provider is configured for (answers aws:getRegion). */
    region?: string;
}

export class FakeEngine {
    readonly registrations: Registration[] = [];
    readonly logs: LogEntry[] = [];
    readonly invokes: string[] = [];
    private rootResource = "";
    private constructor(
        private readonly server: grpc.Server,
        readonly address: string,
        private readonly options: FakeEngineOptions,
    ) {}

    /** Starts both services on one loopback port. */
    static async start(options: FakeEngineOptions): Promise<FakeEngine> {
        const server = new grpc.Server();
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
        );
        const engine = new FakeEngine(server, `127.0.0.1:${port}`, options);
        server.addService(EngineService, engine.engineService() as unknown as grpc.UntypedServiceImplementation);
        server.addService(ResourceMonitorService, engine.monitorService() as unknown as grpc.UntypedServiceImplementation);
        return engine;
    }

    async stop(): Promise<void> {
        await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    }

    /** Registrations of one type token. */
    ofType(type: string): Registration[] {
        return this.registrations.filter((r) => r.type === type);
    }

    /** The registration with this logical name (throws naming what exists otherwise). */
    named(name: string, type?: string): Registration {
        const found = this.registrations.filter((r) => r.name === name && (type === undefined || r.type === type));
        if (found.length !== 1) {
            throw new Error(`expected one registration named ${name}, found ${found.length}: ${this.registrations.map((r) => r.name).join(", ")}`);
        }
        return found[0];
    }

    byUrn(urn: string): Registration | undefined {
        return this.registrations.find((r) => r.urn === urn);
    }

    /** The stack's exports (RegisterResourceOutputs on the root stack resource). */
    get stackOutputs(): Record<string, unknown> | undefined {
        return this.registrations.find((r) => r.type === "pulumi:pulumi:Stack")?.registeredOutputs;
    }

    private urnOf(type: string, name: string, parentUrn: string): string {
        // urn:pulumi:<stack>::<project>::<parent type chain$type>::<name>; the stack's type is not in the chain.
        const parent = this.byUrn(parentUrn);
        const chain = parent && parent.type !== "pulumi:pulumi:Stack" ? `${parentUrn.split("::")[2]}$${type}` : type;
        return `urn:pulumi:${this.options.stack}::${this.options.project}::${chain}::${name}`;
    }

    private engineService() {
        return {
            log: (call: grpc.ServerUnaryCall<enginePb.LogRequest, Empty>, cb: grpc.sendUnaryData<Empty>) => {
                const r = call.request;
                this.logs.push({ severity: SEVERITY[r.getSeverity()] ?? "info", message: r.getMessage(), urn: r.getUrn() });
                cb(null, new Empty());
            },
            getRootResource: (_: unknown, cb: grpc.sendUnaryData<enginePb.GetRootResourceResponse>) =>
                cb(null, new enginePb.GetRootResourceResponse().setUrn(this.rootResource)),
            setRootResource: (call: grpc.ServerUnaryCall<enginePb.SetRootResourceRequest, unknown>, cb: grpc.sendUnaryData<enginePb.SetRootResourceResponse>) => {
                this.rootResource = call.request.getUrn();
                cb(null, new enginePb.SetRootResourceResponse());
            },
            requirePulumiVersion: (_: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
        };
    }

    private monitorService() {
        return {
            supportsFeature: (call: grpc.ServerUnaryCall<resourcePb.SupportsFeatureRequest, unknown>, cb: grpc.sendUnaryData<resourcePb.SupportsFeatureResponse>) =>
                cb(null, new resourcePb.SupportsFeatureResponse().setHassupport(SUPPORTED_FEATURES.has(call.request.getId()))),
            invoke: (call: grpc.ServerUnaryCall<resourcePb.ResourceInvokeRequest, unknown>, cb: grpc.sendUnaryData<providerPb.InvokeResponse>) => {
                const token = call.request.getTok();
                this.invokes.push(token);
                try {
                    const result = invokeResult(token, this.options.region ?? REGION);
                    cb(null, new providerPb.InvokeResponse().setReturn(Struct.fromJavaScript(result as never)));
                } catch (error) {
                    cb({ code: grpc.status.UNKNOWN, message: (error as Error).message } as grpc.ServiceError, null);
                }
            },
            registerResource: (call: grpc.ServerUnaryCall<resourcePb.RegisterResourceRequest, unknown>, cb: grpc.sendUnaryData<resourcePb.RegisterResourceResponse>) => {
                try {
                    cb(null, this.register(call.request));
                } catch (error) {
                    cb({ code: grpc.status.INTERNAL, message: (error as Error).message } as grpc.ServiceError, null);
                }
            },
            registerResourceOutputs: (call: grpc.ServerUnaryCall<resourcePb.RegisterResourceOutputsRequest, unknown>, cb: grpc.sendUnaryData<Empty>) => {
                const target = this.byUrn(call.request.getUrn());
                if (target) {
                    target.registeredOutputs = decodeProperties(
                        (call.request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    ).values;
                }
                cb(null, new Empty());
            },
            readResource: (call: grpc.ServerUnaryCall<resourcePb.ReadResourceRequest, unknown>, cb: grpc.sendUnaryData<unknown>) =>
                cb({ code: grpc.status.UNIMPLEMENTED, message: `unexpected read of ${call.request.getType()}` } as grpc.ServiceError, null),
            call: (_: unknown, cb: grpc.sendUnaryData<unknown>) =>
                cb({ code: grpc.status.UNIMPLEMENTED, message: "unexpected method call" } as grpc.ServiceError, null),
            signalAndWaitForShutdown: (_: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
        };
    }

    private register(req: resourcePb.RegisterResourceRequest): resourcePb.RegisterResourceResponse {
        const type = req.getType();
        const name = req.getName();
        const parent = req.getParent();
        const urn = this.urnOf(type, name, parent);
        const decoded = decodeProperties((req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>);
        const o = req.toObject();
        const timeouts = req.getCustomtimeouts();
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
        const options: RegistrationOptions = {
            ...(req.hasProtect() && { protect: req.getProtect() }),
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            deleteBeforeReplace: req.getDeletebeforereplace(),
            deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
            ignoreChanges: req.getIgnorechangesList(),
            replaceOnChanges: req.getReplaceonchangesList(),
            ...(timeouts &&
                (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete()) && {
                    customTimeouts: { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() },
                }),
            aliases: o.aliasesList.map((a) => ({
                ...(a.urn && { urn: a.urn }),
                ...(a.spec && {
                    ...(a.spec.name && { name: a.spec.name }),
                    ...(a.spec.type && { type: a.spec.type }),
                    ...(a.spec.parenturn && { parentUrn: a.spec.parenturn }),
                    ...(a.spec.noparent && { noParent: true }),
                    ...(a.spec.project && { project: a.spec.project }),
                    ...(a.spec.stack && { stack: a.spec.stack }),
                }),
            })),
            aliasUrns: req.getAliasurnsList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            ...(req.hasRetainondelete() && { retainOnDelete: req.getRetainondelete() }),
            deletedWith: req.getDeletedwith(),
            provider: req.getProvider(),
            version: req.getVersion(),
        };
        const custom = req.getCustom();
        const outputs = custom ? this.providerOutputs(type, name, decoded.values) : {};
        const registration: Registration = {
            urn,
            type,
            name,
            custom,
            parent,
            inputs: decoded.values,
            secretPaths: decoded.secretPaths,
            unknownPaths: decoded.unknownPaths,
            outputs,
            options,
        };
        this.registrations.push(registration);
        const secretKeys = [...new Set(decoded.secretPaths.map((p) => p.split(/[.[]/)[0]))];
        return new resourcePb.RegisterResourceResponse()
            .setUrn(urn)
            // A new resource has no id during a preview; the SDK then treats the id as unknown.
            .setId(custom && !this.options.dryRun ? `${name}-id` : "")
            .setObject(Struct.fromJavaScript(encodeSecretOutputs(outputs, secretKeys) as never));
    }

    /** Inputs echo back; what the provider computes is known after create and unknown in a preview. */
    private providerOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
        const extra = computed(type, name, inputs);
        if (this.options.dryRun) {
            return { ...inputs, ...Object.fromEntries(Object.keys(extra).filter((k) => !(k in inputs)).map((k) => [k, UNKNOWN])) };
        }
        return { ...inputs, ...extra };
    }
}
