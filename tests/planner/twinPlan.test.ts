import { expect } from "chai";
import * as path from "path";
import { standardModes } from "../../planner/modes";
import { planScaleToZeroSync } from "../../planner/plan";
import { pickComponent, stackSettingsFromConfig } from "../../planner/stackSettings";
import { stackVariant } from "../../planner/twinModes";
import { planOnTwin } from "../../planner/twinPlan";
import { generatedTraffic } from "../../planner/traffic/generators";
import { readStackConfigFile } from "../../stackFile";
import { readStackFile } from "../../stackFile";
import { MONDAY } from "./helpers";

const FIXTURE = readStackConfigFile(path.join(__dirname, "fixtures", "Pulumi.dev.yaml"));
const ENDPOINT = "scale-to-zero:endpoint";
const COMPONENTS = "scale-to-zero:inferenceComponents";
const scalingOf = (config: Record<string, unknown>) => (config[COMPONENTS] as any)["llama-8b"].scaling;

describe("planner on the twin: modes are configuration variants of the stack", () => {
    const dev = readStackFile("dev");

    it("configured is the stack's own config; the others change only their mechanism", () => {
        expect(stackVariant(dev, "llama-8b", { kind: "target-tracking", name: "configured" }, true).config).to.equal(dev);
        const idle = stackVariant(dev, "llama-8b", { kind: "idle-timeout", idleMinutes: 8 }).config;
        expect(scalingOf(idle)).to.deep.include({ idleTimeoutMinutes: 8, maxCopies: 2 });
        expect((idle[ENDPOINT] as any).schedule).to.equal(undefined);
        expect((idle[ENDPOINT] as any).instanceType).to.equal("ml.g5.2xlarge");
        const always = stackVariant(dev, "llama-8b", { kind: "always-on" }).config;
        expect(scalingOf(always)).to.deep.include({ minCopies: 1 });
        expect(scalingOf(always)).to.not.have.property("idleTimeoutMinutes");
        expect((always[ENDPOINT] as any).minInstanceCount).to.equal(1);
        const weekly = stackVariant(dev, "llama-8b", { kind: "weekly-schedule", timeZone: "Europe/Berlin", holdScheduledCopies: false }).config;
        expect((weekly[ENDPOINT] as any).schedule).to.deep.equal({
            method: "scheduler",
            timezone: "Europe/Berlin",
            scaleInCron: "cron(0 18 ? * FRI *)",
            scaleOutCron: "cron(0 7 ? * MON *)",
            scaleOutCopies: 1,
        });
        expect(dev[ENDPOINT], "the stack's own config is not modified").to.have.property("schedule");
    });

    it("on a stack kept warm (prod), an idle-timeout mode also lowers the minimums to 0, which the component requires", async () => {
        const prod = readStackFile("prod");
        const variant = stackVariant(prod, "llama-8b", { kind: "idle-timeout", idleMinutes: 8 });
        expect(variant.description).to.equal("idleTimeoutMinutes 8 (minCopies and minInstanceCount 0)");
        const llama = (variant.config[COMPONENTS] as any)["llama-8b"].scaling;
        expect(llama).to.deep.include({ idleTimeoutMinutes: 8, minCopies: 0 });
        expect((variant.config[ENDPOINT] as any).minInstanceCount).to.equal(0);
        // The other component keeps its warm minimum: it still holds the shared instance.
        expect((variant.config[COMPONENTS] as any)["mistral-7b"].scaling.minCopies).to.equal(1);
        const plan = await planOnTwin({
            stack: "prod",
            config: prod,
            componentKey: "llama-8b",
            traffic: generatedTraffic("weekdays", { days: 2, requestsPerDay: 200 }),
            modes: [{ kind: "idle-timeout", idleMinutes: 8 }],
        });
        expect(plan.modes.map((m) => m.name)).to.deep.equal(["idle-8m"]);
    });

    it("a schedule the stack cannot express is refused naming the mode", () => {
        const actions = [
            { at: "MON 07:00", copies: 1 },
            { at: "WED 12:00", copies: 0 },
            { at: "FRI 18:00", copies: 0 },
        ];
        expect(() => stackVariant(dev, "llama-8b", { kind: "weekly-schedule", name: "odd", actions })).to.throw(/mode odd: a stack schedule has exactly one action to 0/);
    });

    it("agrees with the rule-based simulator on the dev fixture: instance-hours within 1 %, cold starts equal except for idle timeouts", async () => {
        const traffic = () => generatedTraffic("weekdays", { start: new Date(MONDAY * 1000).toISOString(), days: 7, requestsPerDay: 300 });
        const modes = standardModes();
        const onTwin = await planOnTwin({ stack: "dev", config: FIXTURE, traffic: traffic(), modes });
        const settings = stackSettingsFromConfig(FIXTURE);
        const { component } = pickComponent(settings);
        const rules = planScaleToZeroSync({ endpoint: settings.endpoint, component, traffic: traffic(), modes });
        expect(onTwin.modes.map((m) => m.name)).to.deep.equal(rules.modes.map((m) => m.name));
        for (const [i, twin] of onTwin.modes.entries()) {
            const rule = rules.modes[i];
            expect(twin.requests, twin.name).to.equal(rule.requests);
            expect(twin.failed, twin.name).to.equal(0);
            if (twin.kind === "idle-timeout") {
                // The twin's idle alarm needs N whole one-minute periods with nothing in flight; the rules count any
                // N-minute gap, so short gaps release copies there and not in the twin.
                expect(twin.coldStarts, twin.name).to.be.within(1, rule.coldStarts);
            } else {
                expect(twin.coldStarts, twin.name).to.equal(rule.coldStarts);
            }
            expect(twin.instanceHours, twin.name).to.be.closeTo(rule.instanceHours, rule.instanceHours * 0.01);
        }
        expect(onTwin.modes.find((m) => m.name === "always-on")!.instanceHours).to.equal(7 * 24);
    });

    it("the dev stack's configured row runs its own resources: the scheduler's Friday off and Monday pre-warm show", async () => {
        // Two weeks with one request on the middle Sunday: configured (idle timeout + scheduler) vs idle-10m alone.
        const sunday = MONDAY + 6 * 86_400 + 12 * 3600;
        const traffic = { name: "one-sunday", window: { start: MONDAY, end: MONDAY + 14 * 86_400 }, requests: [{ time: sunday, duration: 1 }] };
        const modes = [{ kind: "idle-timeout" as const, idleMinutes: 10 }, { kind: "target-tracking" as const, name: "configured" }];
        const plan = await planOnTwin({ stack: "dev", config: dev, traffic, modes });
        const [idle, configured] = plan.modes;
        expect(idle.served).to.equal(1);
        expect(configured.served).to.equal(1);
        // Monday 08:00 New York pre-warms in both weeks: a copy's worth of instance time that the idle-only variant lacks.
        expect(configured.instanceHours - idle.instanceHours).to.be.within(2 * (14 / 60), 2 * (30 / 60));
        expect(configured.description).to.equal("the stack's own resources");
    });
});
