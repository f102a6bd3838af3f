/**
 * Shared test helpers: real AWS SDK clients pointed at the loopback fakes, and a ScaleToZeroClient tuned so a
 * whole cold start takes a few hundred milliseconds.
 */
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { SQSClient } from "@aws-sdk/client-sqs";
import { ScaleToZeroClient, type ColdStartOptions, type ColdStartProgress, type ScaleToZeroClientOptions } from "../../client";
import { FAKE_REGION, FakeSageMaker } from "./fakeSageMaker";

export const FAKE_CREDENTIALS = { accessKeyId: "AKIDEXAMPLEFAKE", secretAccessKey: "fake-secret-for-loopback-tests" };

/** Fast timings: polls every 10-40 ms, retries after 5 ms, and a 400 ms "expected" cold start for estimates. */
export const FAST: ColdStartOptions = {
    pollInitialDelayMs: 10,
    pollMaxDelayMs: 40,
    retryInitialDelayMs: 5,
    expectedColdStartMs: 400,
    alarmLeadMs: 100,
    deadlineMs: 10_000,
};

export interface SdkClients {
    readonly runtime: SageMakerRuntimeClient;
    readonly controlPlane: SageMakerClient;
    destroy(): void;
}

/**
 * Real SDK clients on the fake. The control plane gets maxAttempts 1 so that throttling is handled by OUR
 * backoff (what the tests check), not hidden by the SDK's own retries; the runtime keeps the SDK default.
 */
export function sdkClients(url: string): SdkClients {
    const base = { region: FAKE_REGION, endpoint: url, credentials: FAKE_CREDENTIALS };
    const runtime = new SageMakerRuntimeClient(base);
    const controlPlane = new SageMakerClient({ ...base, maxAttempts: 1 });
    return {
        runtime,
        controlPlane,
        destroy: () => {
            runtime.destroy();
            controlPlane.destroy();
        },
    };
}

export function sqsClient(url: string): SQSClient {
    return new SQSClient({ region: FAKE_REGION, endpoint: url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
}

export function fastClient(sdk: SdkClients, options: ScaleToZeroClientOptions = {}): ScaleToZeroClient {
    return new ScaleToZeroClient({ runtimeClient: sdk.runtime, controlPlaneClient: sdk.controlPlane, ...FAST, ...options });
}

export function jsonBody(value: unknown): string {
    return JSON.stringify(value);
}

export function text(body: Uint8Array | undefined): string {
    return Buffer.from(body ?? new Uint8Array()).toString("utf8");
}

/** Records progress reports, for asserting what a caller saw. */
export function progressRecorder(): { events: ColdStartProgress[]; listener: (p: ColdStartProgress) => void; phases(): string[] } {
    const events: ColdStartProgress[] = [];
    return {
        events,
        listener: (p) => events.push(p),
        phases: () => [...new Set(events.map((e) => e.phase))],
    };
}

/** Awaits a promise that must reject and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
    try {
        await promise;
    } catch (err) {
        return err;
    }
    throw new Error("expected the promise to reject, but it resolved");
}

/**
 * Registers mocha hooks that give each test a fresh fake SageMaker and SDK clients (handed over through `bind`),
 * and afterwards destroy the test's ScaleToZeroClient (from `current`), the SDK clients and the fake.
 */
export function freshFakePerTest(
    bind: (fake: FakeSageMaker, sdk: SdkClients) => void,
    current: () => ScaleToZeroClient | undefined,
): void {
    let fake: FakeSageMaker;
    let sdk: SdkClients;
    beforeEach(async () => {
        fake = await FakeSageMaker.start();
        sdk = sdkClients(fake.url);
        bind(fake, sdk);
    });
    afterEach(async () => {
        current()?.destroy();
        sdk.destroy();
        await fake.close();
    });
}
