import { expect } from "chai";
import { TwinResource, firstTime, meanColdStart, peak, seedTrialColdStart, valueAt } from "../../twin";
import { MINUTE, TUESDAY_NOON, minutesAfter, runFor, waitMinutes } from "./helpers";
import { stackResources, variant } from "./stacks";

const DEV_IC = "llm-llama-8b-dev";
const noIdleTimeout = { "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { idleTimeoutMinutes: null } } } };

describe("twin: the dev stack's control loop (Pulumi.dev.yaml through the recorder)", () => {
    let dev: TwinResource[];
    let reactive: TwinResource[];
    before(async () => {
        dev = await stackResources("dev", variant("dev"));
        reactive = await stackResources("dev", variant("dev", noIdleTimeout));
    });

    it("idle timeout 10: copies reach 0 about 10 minutes after the last request, instances about 10 minutes later (README: ~20 min)", () => {
        const result = runFor(dev, 1, [{ minute: 0.5, component: DEV_IC }]);
        expect(waitMinutes(result)).to.equal(0);
        const copiesZero = minutesAfter(TUESDAY_NOON + 30, firstTime(result, "desired", DEV_IC, 0))!;
        const instancesZero = minutesAfter(TUESDAY_NOON + 30, firstTime(result, "instances", "llm-dev", 0))!;
        // The request's minute plus 10 idle one-minute periods, then the 10-minute instance release.
        expect(copiesZero).to.be.within(10, 11.5);
        expect(instancesZero - copiesZero).to.be.closeTo(10, 1e-6);
    });

    it("reactive (no idle timeout): copies at 0 after 15 minutes (target tracking, 90 × 10 s), instances 10 minutes later: the seed's 15 + 10", () => {
        const result = runFor(reactive, 1, [{ minute: 0.5, component: DEV_IC }]);
        const copiesZero = minutesAfter(TUESDAY_NOON + 30, firstTime(result, "desired", DEV_IC, 0))!;
        const instancesZero = minutesAfter(TUESDAY_NOON + 30, firstTime(result, "instances", "llm-dev", 0))!;
        expect(copiesZero).to.be.within(15, 15.5);
        expect(instancesZero - copiesZero).to.be.closeTo(10, 1e-6);
        expect(result.events.find((e) => e.kind === "desired")?.source).to.equal("llm-llama-8b-target-tracking");
    });

    for (const [profile, expected] of [
        ["llama-3.1-8b", 5.028],
        ["llama-3.1-70b", 6.002],
    ] as const) {
        it(`a request at zero is served after the seed's ${expected} minutes (${profile}: alarm minute + instance + copy)`, () => {
            const result = runFor(reactive, 2, [{ minute: 60, component: DEV_IC }], { coldStart: meanColdStart(profile) });
            expect(result.copyStarts).to.have.length(1);
            const start = result.copyStarts[0];
            expect(minutesAfter(TUESDAY_NOON + 60 * MINUTE, start.servingAt)).to.be.closeTo(expected, 1e-6);
            // A holding client polls every 10 s: served within one poll of the copy.
            expect(waitMinutes(result)).to.be.within(expected, expected + 10 / 60);
        });
    }

    it("cold starts drawn from the seed's five trials: every one within the published range, reproducible for a seed", () => {
        const requests = [60, 120, 180, 240, 300, 360].map((minute) => ({ minute, component: DEV_IC }));
        const run = (seed: number) =>
            runFor(reactive, 7, requests, { coldStart: seedTrialColdStart("llama-3.1-8b", seed) }).copyStarts.map(
                (c, i) => (c.servingAt - (TUESDAY_NOON + requests[i].minute * MINUTE)) / MINUTE,
            );
        const first = run(7);
        expect(first).to.have.length(6);
        for (const total of first) {
            expect(total).to.be.within(4.37 - 1e-6, 6.06 + 1e-6);
        }
        expect(run(7)).to.deep.equal(first);
        expect(new Set(first).size, "several trials drawn").to.be.greaterThan(1);
    });

    it("the endpoint's ScaleInPolicy cooldown sets the instance release delay; a CloudWatch publication delay lengthens the wake-up", async () => {
        const quick = await stackResources(
            "dev",
            variant("dev", { ...noIdleTimeout, "scale-to-zero:endpoint": { instanceScaleIn: { strategy: "IDLE_RELEASE", cooldownMinutes: 5 } } }),
        );
        const result = runFor(quick, 1, [{ minute: 0.5, component: DEV_IC }]);
        const copiesZero = firstTime(result, "desired", DEV_IC, 0)!;
        expect(firstTime(result, "instances", "llm-dev", 0)! - copiesZero).to.equal(5 * MINUTE);
        const delayed = runFor(reactive, 2, [{ minute: 60, component: DEV_IC }], { publicationDelaySeconds: 60 });
        expect(minutesAfter(TUESDAY_NOON + 60 * MINUTE, delayed.copyStarts[0].servingAt)).to.be.closeTo(6.028, 1e-6);
    });

    for (const client of ["hold", "retry"] as const) {
        it(`a ${client === "hold" ? "holding" : "retrying"} client's request at zero copies is served by the dev stack`, () => {
            const result = runFor(dev, 2, [{ minute: 60, component: DEV_IC, client }]);
            expect(valueAt(result, "serving", DEV_IC, TUESDAY_NOON + 59 * MINUTE)).to.equal(0);
            expect(valueAt(result, "instances", "llm-dev", TUESDAY_NOON + 59 * MINUTE)).to.equal(0);
            expect(waitMinutes(result)).to.be.within(5.028, 5.2);
            expect(result.outcomes[0].failedCalls).to.equal(client === "hold" ? 1 : 31);
        });
    }
});

describe("twin: weekly schedules switch every component off and on", () => {
    // Friday 8 January 2027 and the following Monday (America/New_York is UTC-5 in January).
    const FRIDAY_NOON_NY = Date.UTC(2027, 0, 8, 17) / 1000;
    const FRIDAY_OFF = Date.UTC(2027, 0, 9, 0) / 1000; // Fri 19:00 New York
    const MONDAY_ON = Date.UTC(2027, 0, 11, 13) / 1000; // Mon 08:00 New York
    const SATURDAY = Date.UTC(2027, 0, 9, 15) / 1000;
    const autoscalingSchedule = {
        "scale-to-zero:endpoint": { schedule: { method: "autoscaling" } },
        "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { idleTimeoutMinutes: null } } },
    };
    // Busy until 19:30 on Friday (a load test left running), then a request on Saturday.
    const busyFriday = Array.from({ length: 160 }, (_, i) => ({ minute: 30 + i * 3, component: DEV_IC }));
    const minutesFrom = (t: number) => (t - FRIDAY_NOON_NY) / MINUTE;

    it("scheduler method (dev): Friday 19:00 sets 0 copies even under load, a Saturday request still wakes it, Monday 08:00 pre-warms", async () => {
        const dev = await stackResources("dev", variant("dev"));
        const requests = [...busyFriday, { minute: minutesFrom(SATURDAY), component: DEV_IC }];
        const result = runFor(dev, 24 * 3 + 2, requests, {}, FRIDAY_NOON_NY);
        const off = result.events.find((e) => e.kind === "desired" && e.source === "llm-llama-8b-schedule-off");
        expect(off?.time).to.equal(FRIDAY_OFF);
        expect(off?.value).to.equal(0);
        const saturday = result.outcomes[result.outcomes.length - 1];
        expect(minutesAfter(SATURDAY, saturday.servedAt)).to.be.within(5.028, 5.2);
        const on = result.events.find((e) => e.kind === "desired" && e.source === "llm-llama-8b-schedule-on");
        expect(on?.time).to.equal(MONDAY_ON);
        expect(on?.value).to.equal(1);
        const warm = firstTime(result, "serving", DEV_IC, 1, MONDAY_ON)!;
        expect(minutesAfter(MONDAY_ON, warm)).to.be.within(4.028, 4.2);
    });

    it("autoscaling method: Friday off = max 0 (nothing starts it, a Saturday request is refused), Monday on = min 1 keeps a copy warm", async () => {
        const stack = await stackResources("dev", variant("dev", autoscalingSchedule));
        const requests = [...busyFriday, { minute: minutesFrom(SATURDAY), component: DEV_IC }];
        const result = runFor(stack, 24 * 3 + 8, requests, {}, FRIDAY_NOON_NY);
        expect(valueAt(result, "desired", DEV_IC, FRIDAY_OFF)).to.equal(0);
        const saturday = result.outcomes[result.outcomes.length - 1];
        expect(saturday.servedAt, "off-hours requests are not served: the point of the off window").to.equal(undefined);
        expect(peak(result, "desired", DEV_IC, FRIDAY_OFF, MONDAY_ON - 1)).to.equal(0);
        expect(valueAt(result, "desired", DEV_IC, MONDAY_ON)).to.equal(1);
        // Six idle hours after Monday 08:00: the minimum keeps the copy (target tracking cannot go below it).
        expect(valueAt(result, "serving", DEV_IC, MONDAY_ON + 6 * 3600)).to.equal(1);
    });
});

describe("twin: components that share an endpoint's instances (prod and variants)", () => {
    const LLAMA = "llm-llama-8b-prod";
    const MISTRAL = "llm-mistral-7b-prod";
    const toZero = {
        "scale-to-zero:endpoint": { minInstanceCount: 0 },
        "scale-to-zero:inferenceComponents": {
            "llama-8b": { scaling: { minCopies: 0 } },
            "mistral-7b": { scaling: { minCopies: 0 } },
        },
    };

    it("prod as configured: one copy of each stays warm on one shared instance; a request after hours of quiet waits for nothing", async () => {
        const prod = await stackResources("prod", variant("prod"));
        const result = runFor(prod, 5, [
            { minute: 240, component: LLAMA },
            { minute: 240, component: MISTRAL },
        ]);
        expect(result.outcomes.map((o) => o.servedAt! - o.request.time)).to.deep.equal([0, 0]);
        expect(peak(result, "instances", "llm-prod")).to.equal(1);
        expect(result.instanceSeconds["llm-prod"]).to.equal(5 * 3600);
    });

    it("the instance is released only when every component is at 0", async () => {
        const stack = await stackResources("prod", variant("prod", toZero));
        // Mistral stays busy for an hour after llama's last request.
        const requests = [
            { minute: 1, component: LLAMA },
            ...Array.from({ length: 30 }, (_, i) => ({ minute: 1 + i * 2, component: MISTRAL })),
        ];
        const result = runFor(stack, 2, requests);
        const llamaZero = firstTime(result, "desired", LLAMA, 0)!;
        const mistralZero = firstTime(result, "desired", MISTRAL, 0)!;
        const released = firstTime(result, "instances", "llm-prod", 0)!;
        expect(minutesAfter(TUESDAY_NOON, llamaZero)).to.be.within(15, 17);
        expect(mistralZero - llamaZero).to.be.greaterThan(40 * MINUTE);
        expect(released - mistralZero).to.equal(10 * MINUTE);
    });

    it("copies are placed by accelerators: 4 GPUs hold 4 one-GPU copies; a fifth launches a second instance", async () => {
        const stack = await stackResources(
            "prod",
            variant("prod", { "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { minCopies: 3 } } } }),
        );
        const result = runFor(stack, 1);
        // At create: 1 llama + 1 mistral on the first instance; min 3 raises llama to 3 (4 GPUs in use).
        expect(peak(result, "instances", "llm-prod")).to.equal(1);
        const crowded = await stackResources(
            "prod",
            variant("prod", { "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { minCopies: 4 } } } }),
        );
        const more = runFor(crowded, 1);
        expect(peak(more, "instances", "llm-prod")).to.equal(2);
    });
});
