import { expect } from "chai";
import { scaleToZeroCanWakeUp } from "../../policies/canWakeUp";
import { TWIN_TYPES, TwinResource, readStackModel } from "../../twin";
import { policyResource, runStackPolicy, stackArgs } from "../policies/helpers";
import { runFor } from "./helpers";
import { stackResources, variant } from "./stacks";

/** The pack's `scale-to-zero-can-wake-up` verdict on the same resource list the twin runs. */
async function packPasses(resources: TwinResource[], stack: string): Promise<boolean> {
    const outcome = await runStackPolicy(
        scaleToZeroCanWakeUp,
        stackArgs(resources.map((r) => policyResource(r.type, r.inputs, { name: r.name, stack }))),
    );
    return outcome.violations.length === 0;
}

/** Every component that can reach zero copies serves a request an hour after deploy (after idling to zero). */
function twinWakes(resources: TwinResource[]): boolean {
    const model = readStackModel(resources);
    return model.components.every((c) => {
        const result = runFor(resources, 2, [{ minute: 60, component: c.name, client: "retry" }]);
        return result.outcomes[0].servedAt !== undefined;
    });
}

const edit = (resources: TwinResource[], type: string, suffix: string, change: (inputs: Record<string, any>) => Record<string, any>) =>
    resources.map((r) => (r.type === type && r.name.endsWith(suffix) ? { ...r, inputs: change({ ...r.inputs }) } : r));

describe("cross-check: the policy pack's can-wake-up verdict agrees with the twin on every scenario stack", () => {
    const scenarios: { name: string; stack: string; build: () => Promise<TwinResource[]>; wakes: boolean }[] = [];
    const devStack = () => stackResources("dev", variant("dev"));
    const add = (name: string, stack: string, wakes: boolean, build: () => Promise<TwinResource[]>) => scenarios.push({ name, stack, build, wakes });

    add("dev as configured", "dev", true, devStack);
    add("dev, reactive (no idle timeout)", "dev", true, () =>
        stackResources("dev", variant("dev", { "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { idleTimeoutMinutes: null } } } })),
    );
    add("dev, autoscaling schedule (weekday)", "dev", true, () =>
        stackResources("dev", variant("dev", { "scale-to-zero:endpoint": { schedule: { method: "autoscaling" } }, "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { idleTimeoutMinutes: null } } } })),
    );
    add("prod as configured (minimum 1: nothing to wake)", "prod", true, () => stackResources("prod", variant("prod")));
    add("prod, both components to zero", "prod", true, () =>
        stackResources(
            "prod",
            variant("prod", {
                "scale-to-zero:endpoint": { minInstanceCount: 0 },
                "scale-to-zero:inferenceComponents": { "llama-8b": { scaling: { minCopies: 0 } }, "mistral-7b": { scaling: { minCopies: 0 } } },
            }),
        ),
    );
    add("dev, wake-up alarm without actions", "dev", false, async () =>
        edit(await devStack(), TWIN_TYPES.alarm, "-wake-up-alarm", (i) => ({ ...i, alarmActions: [] })),
    );
    add("dev, wake-up alarm actions disabled", "dev", false, async () =>
        edit(await devStack(), TWIN_TYPES.alarm, "-wake-up-alarm", (i) => ({ ...i, actionsEnabled: false })),
    );
    add("dev, wake-up alarm on another component's dimension", "dev", false, async () =>
        edit(await devStack(), TWIN_TYPES.alarm, "-wake-up-alarm", (i) => ({ ...i, dimensions: { InferenceComponentName: "someone-else" } })),
    );
    add("dev, wake-up step that adds nothing", "dev", false, async () =>
        edit(await devStack(), TWIN_TYPES.policy, "-wake-up", (i) => ({
            ...i,
            stepScalingPolicyConfiguration: { ...i.stepScalingPolicyConfiguration, stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 0 }] },
        })),
    );
    add("dev, no wake-up alarm at all", "dev", false, async () => (await devStack()).filter((r) => !r.name.endsWith("-wake-up-alarm")));

    for (const scenario of scenarios) {
        it(`${scenario.name}: pack ${scenario.wakes ? "passes" : "rejects"}, twin ${scenario.wakes ? "wakes" : "stays at zero"}`, async () => {
            const resources = await scenario.build();
            expect({ pack: await packPasses(resources, scenario.stack), twin: twinWakes(resources) }).to.deep.equal({
                pack: scenario.wakes,
                twin: scenario.wakes,
            });
        });
    }

    it("a fighting idle alarm (the seed's): the pack rejects it, and the twin shows the component never wakes", async () => {
        // The seed's idle alarm: Invocations Sum < 1 for 10 minutes, missing data breaching, action ExactCapacity 0.
        const seedIdle = edit(await devStack(), TWIN_TYPES.alarm, "-idle-alarm", (i) => ({
            ...i,
            metricName: "Invocations",
            statistic: "Sum",
            threshold: 1,
            treatMissingData: "breaching",
        }));
        expect({ pack: await packPasses(seedIdle, "dev"), twin: twinWakes(seedIdle) }).to.deep.equal({ pack: false, twin: false });
    });
});
