import { expect } from "chai";
import fc from "fast-check";
import { parseStackConfig } from "../../config";
import { expectClearRejection, RUNS } from "./helpers";

const image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:latest";
const schedule = { timezone: "Europe/Berlin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)" };
const endpoint = { instanceType: "ml.g5.12xlarge", maxInstanceCount: 2 };
const component = { model: { image }, compute: { acceleratorCount: 1, memoryMiB: 1024 } };

function raw(change: { endpoint?: object; component?: object; tags?: unknown; extra?: Record<string, unknown> }): Record<string, unknown> {
    return {
        "scale-to-zero:endpoint": { ...endpoint, ...change.endpoint },
        "scale-to-zero:inferenceComponents": { llama: { ...component, ...change.component } },
        ...(change.tags !== undefined && { "scale-to-zero:tags": change.tags }),
        ...change.extra,
    };
}

const notAnInteger = fc.oneof(fc.double({ noInteger: true, noNaN: true }), fc.string(), fc.constant(null), fc.boolean());
const ABBREVIATIONS = ["EST", "PST", "CET", "CEST", "GMT", "MST", "EET", "WET", "HST", "EST5EDT", "US/Eastern", "US/Pacific"];
const VALID_ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Argentina/Buenos_Aires", "Africa/Lagos", "UTC"];
/** Day beyond the month's length: 30-31 February, 31 of a 30-day month. */
const impossibleDate = fc.oneof(
    fc.record({ m: fc.constant(2), d: fc.integer({ min: 30, max: 31 }) }),
    fc.record({ m: fc.constantFrom(4, 6, 9, 11), d: fc.constant(31) }),
    fc.record({ m: fc.integer({ min: 13, max: 99 }), d: fc.integer({ min: 1, max: 28 }) }),
).map(({ m, d }) => `2031-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T00:00:00Z`);

describe("fuzz: bad stack configs are rejected naming the key", () => {
    it("counts out of range or not integers", () => {
        fc.assert(
            fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101 }), notAnInteger), (value) => {
                expectClearRejection(() => parseStackConfig(raw({ endpoint: { maxInstanceCount: value } })), "scale-to-zero:endpoint.maxInstanceCount");
            }),
            RUNS,
        );
    });

    it("tags with characters AWS rejects, reserved prefixes, or too many", () => {
        const badChar = fc.constantFrom(";", ",", "!", "#", "$", "%", "&", "*", "(", ")", "<", ">", "?", "|", "\\", "\"");
        const badTags = fc.oneof(
            fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), badChar).map(([s, c]) => ({ [`${s.replace(/[^a-z]/gi, "a")}${c}`]: "v" })),
            fc.string({ minLength: 1, maxLength: 10 }).map((s) => ({ [`aws:${s}`]: "v" })),
            fc.integer({ min: 51, max: 80 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]))),
        );
        fc.assert(fc.property(badTags, (tags) => void expectClearRejection(() => parseStackConfig(raw({ tags })), "scale-to-zero:tags")), RUNS);
    });

    it("environment keys SageMaker rejects and values over 1024 bytes", () => {
        const bad = fc.oneof(
            fc.tuple(fc.constantFrom("-", ".", " ", "=", "/"), fc.string({ maxLength: 5 })).map(([c, s]) => ({ [`A${c}${s}`]: "1" })),
            fc.integer({ min: 0, max: 9 }).map((d) => ({ [`${d}VAR`]: "1" })),
            fc.integer({ min: 1025, max: 3000 }).map((n) => ({ BIG: "x".repeat(n) })),
        );
        fc.assert(
            fc.property(bad, (environment) => {
                const message = expectClearRejection(
                    () => parseStackConfig(raw({ component: { model: { image, environment } } })),
                    "scale-to-zero:inferenceComponents.llama.model.environment",
                );
                expect(message).to.match(/letters, digits and underscores|bytes/);
            }),
            RUNS,
        );
    });

    it("model data URLs that name a bucket or a prefix without its slash", () => {
        const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}[a-z0-9]$/);
        const bad = fc.oneof(
            bucket.map((b) => `s3://${b}`),
            bucket.map((b) => `s3://${b}/`),
            fc.tuple(bucket, fc.stringMatching(/^[a-z0-9]{1,10}$/)).map(([b, k]) => `s3://${b}/${k}`),
            fc.tuple(bucket, fc.stringMatching(/^[a-z0-9]{1,10}$/)).map(([b, k]) => `https://${b}.s3.amazonaws.com/${k}/`),
        );
        fc.assert(
            fc.property(bad, (url) => void expectClearRejection(() => parseStackConfig(raw({ component: { model: { image, modelDataUrl: url } } })), "scale-to-zero:inferenceComponents.llama.model.modelDataUrl")),
            RUNS,
        );
    });

    it("time zones: abbreviations, Etc offsets, wrong case", () => {
        const bad = fc.oneof(
            fc.constantFrom(...ABBREVIATIONS),
            fc.integer({ min: -12, max: 14 }).filter((n) => n !== 0).map((n) => `Etc/GMT${n > 0 ? "+" : ""}${n}`),
            fc.constantFrom(...VALID_ZONES.filter((z) => z.includes("/"))).map((z) => z.toLowerCase()),
        );
        fc.assert(
            fc.property(bad, (timezone) => void expectClearRejection(() => parseStackConfig(raw({ endpoint: { schedule: { ...schedule, timezone } } })), "scale-to-zero:endpoint.schedule.timezone")),
            RUNS,
        );
    });

    it("impossible calendar dates", () => {
        fc.assert(
            fc.property(impossibleDate, (endDate) => void expectClearRejection(() => parseStackConfig(raw({ endpoint: { schedule: { ...schedule, endDate } } })), "scale-to-zero:endpoint.schedule.endDate")),
            RUNS,
        );
    });

    it("misspelt namespaces are reported, not dropped", () => {
        const PROJECT = "scale-to-zero";
        const typo = fc.tuple(fc.integer({ min: 0, max: PROJECT.length - 1 }), fc.constantFrom("0", "o", "-", "x", "")).map(([i, c]) => PROJECT.slice(0, i) + c + PROJECT.slice(i + 1)).filter((ns) => ns !== PROJECT);
        fc.assert(
            fc.property(typo, fc.constantFrom("tags", "name", "endpoint"), (namespace, key) => {
                expectClearRejection(() => parseStackConfig(raw({ extra: { [`${namespace}:${key}`]: "x" } })), `${namespace}:${key} is ignored`);
            }),
            RUNS,
        );
    });

    it("null or scalar sub-objects and unknown fields", () => {
        const field = fc.constantFrom("scaling", "startup", "compute", "model");
        fc.assert(
            fc.property(field, fc.constantFrom(null, 3, "text", true), (name, value) => {
                expectClearRejection(() => parseStackConfig(raw({ component: { [name]: value } })), `scale-to-zero:inferenceComponents.llama.${name}`);
            }),
            RUNS,
        );
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/).filter((f) => !["model", "compute", "startup", "scaling", "inferenceComponentName"].includes(f)), (name) => {
                expectClearRejection(() => parseStackConfig(raw({ component: { [name]: 1 } })), `scale-to-zero:inferenceComponents.llama.${name} is not a known setting`);
            }),
            RUNS,
        );
    });

    it("copies that cannot be placed on the instance type", () => {
        fc.assert(
            fc.property(fc.integer({ min: 5, max: 64 }), (acceleratorCount) => {
                expectClearRejection(
                    () => parseStackConfig(raw({ component: { compute: { acceleratorCount, memoryMiB: 1024 } } })),
                    "scale-to-zero:inferenceComponents.llama.compute.acceleratorCount",
                );
            }),
            RUNS,
        );
    });
});

describe("fuzz: valid edge cases are accepted", () => {
    it("tags of letters in any script, spaces and the allowed punctuation, up to 50", () => {
        const tagText = fc.stringMatching(/^[\p{L}\p{N} _.:/=+@-]{1,40}$/u).filter((k) => !k.toLowerCase().startsWith("aws:"));
        fc.assert(
            fc.property(fc.dictionary(tagText, tagText, { minKeys: 0, maxKeys: 50 }), (tags) => {
                expect(() => parseStackConfig(raw({ tags }))).not.to.throw();
            }),
            RUNS,
        );
    });

    it("IANA zones, 20 s and minute alarm periods, prefixes and archives, environments at the byte limits", () => {
        const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}[a-z0-9]$/);
        const url = fc.oneof(bucket.map((b) => `s3://${b}/models/`), bucket.map((b) => `s3://${b}/m/model.tar.gz`));
        const period = fc.oneof(fc.constantFrom(10, 20, 30), fc.integer({ min: 1, max: 60 }).map((n) => n * 60));
        const envKey = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,30}$/);
        const environment = fc.dictionary(envKey, fc.string({ maxLength: 1024 }).filter((v) => Buffer.byteLength(v) <= 1024), { maxKeys: 8 });
        fc.assert(
            fc.property(fc.constantFrom(...VALID_ZONES), url, period, environment, (timezone, modelDataUrl, wakeUpAlarmPeriodSeconds, env) => {
                const config = parseStackConfig(
                    raw({
                        endpoint: { schedule: { ...schedule, timezone } },
                        component: { model: { image, modelDataUrl, environment: env }, scaling: { wakeUpAlarmPeriodSeconds } },
                    }),
                );
                expect(config.model.inferenceComponents!.llama.model.modelDataUrl).to.equal(modelDataUrl);
            }),
            RUNS,
        );
    });
});
