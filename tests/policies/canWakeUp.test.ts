import { expect } from "chai";
import { scaleToZeroCanWakeUp } from "../../policies/canWakeUp";
import { TYPES } from "../../policies/lib/resources";
import {
    ACCOUNT,
    IC_NAME,
    STEP_ARN,
    inferenceComponent,
    scalableTarget,
    stepPolicy,
    wakeUpAlarm,
    wakeUpStack,
    WakeUpParts,
} from "./fixtures";
import {
    Outcome,
    UNKNOWN_ARRAY,
    UNKNOWN_NUMBER,
    UNKNOWN_OBJECT,
    UNKNOWN_STRING,
    policyResource,
    runStackPolicy,
    stackArgs,
    urnFor,
} from "./helpers";

const IC_URN = urnFor("dev", TYPES.inferenceComponent, "llm-llama-8b-ic");
const PREFIX = `inference component "${IC_NAME}" can scale to zero copies (scalable target "llm-llama-8b-target" has minCapacity 0) but cannot wake up: `;

function check(parts: WakeUpParts = {}): Promise<Outcome> {
    return runStackPolicy(scaleToZeroCanWakeUp, stackArgs(wakeUpStack(parts)));
}

describe("policy scale-to-zero-can-wake-up", () => {
    it("is a mandatory stack policy", () => {
        expect(scaleToZeroCanWakeUp.enforcementLevel).to.equal("mandatory");
        expect(typeof scaleToZeroCanWakeUp.validateStack).to.equal("function");
        expect("validateResource" in scaleToZeroCanWakeUp).to.equal(false);
    });

    it("passes a complete wake-up path: StepScaling policy + NoCapacityInvocationFailures alarm wired to it", async () => {
        const outcome = await check();
        expect(outcome.notApplicable).to.equal(undefined);
        expect(outcome.violations).to.deep.equal([]);
    });

    it("does not apply when no copy-count target allows minCapacity 0", async () => {
        const outcome = await check({ target: scalableTarget({ minCapacity: 1 }), alarm: null });
        expect(outcome.notApplicable).to.equal("no inference component copy-count scalable target has minCapacity 0");
        expect(outcome.violations).to.deep.equal([]);
    });

    it("ignores targets of other scalable dimensions", async () => {
        const outcome = await check({ target: scalableTarget({ scalableDimension: "ecs:service:DesiredCount" }), alarm: null });
        expect(outcome.notApplicable).to.equal("no inference component copy-count scalable target has minCapacity 0");
    });

    it("rejects a missing wake-up alarm, on the inference component's URN, saying what to add", async () => {
        const outcome = await check({ alarm: null });
        expect(outcome.violations).to.have.length(1);
        expect(outcome.violations[0].urn).to.equal(IC_URN);
        expect(outcome.messages[0]).to.equal(
            PREFIX +
                `there is no CloudWatch alarm on AWS/SageMaker NoCapacityInvocationFailures with dimensions ` +
                `{ InferenceComponentName: "${IC_NAME}" }. Add an aws.cloudwatch.MetricAlarm (statistic Maximum, threshold 1, ` +
                `GreaterThanOrEqualToThreshold, 1 evaluation period) with alarmActions [<StepScaling policy ARN>]. Without ` +
                `this, the first idle period leaves it at zero copies and every request fails until someone scales it by hand.`,
        );
    });

    it("rejects a missing StepScaling policy (target tracking alone never leaves zero)", async () => {
        const outcome = await check({ step: null });
        expect(outcome.messages).to.have.length(1);
        expect(outcome.messages[0]).to.contain(
            `there is no StepScaling policy on resourceId "inference-component/${IC_NAME}". Add an aws.appautoscaling.Policy with policyType "StepScaling"`,
        );
    });

    it("rejects a StepScaling policy on another component's resourceId", async () => {
        const outcome = await check({ step: stepPolicy({ resourceId: "inference-component/other" }) });
        expect(outcome.messages[0]).to.contain("there is no StepScaling policy on resourceId");
    });

    it("rejects a StepScaling policy that never adds capacity", async () => {
        const step = stepPolicy({
            stepScalingPolicyConfiguration: { stepAdjustments: [{ metricIntervalUpperBound: "0", scalingAdjustment: -1 }] },
        });
        const outcome = await check({ step });
        expect(outcome.messages[0]).to.contain('its StepScaling policies ("llm-llama-8b-wake-up") never add capacity');
    });

    it("rejects an alarm on the wrong dimension, metric or namespace", async () => {
        for (const alarm of [
            wakeUpAlarm({ dimensions: { InferenceComponentName: "other" } }),
            wakeUpAlarm({ dimensions: { EndpointName: "llm-dev" } }),
            wakeUpAlarm({ metricName: "Invocations" }),
            wakeUpAlarm({ namespace: "AWS/SageMaker/InferenceComponents" }),
        ]) {
            const outcome = await check({ alarm });
            expect(outcome.messages, JSON.stringify(alarm)).to.have.length(1);
            expect(outcome.messages[0]).to.contain("there is no CloudWatch alarm on AWS/SageMaker NoCapacityInvocationFailures");
        }
    });

    it("rejects an alarm whose actions do not include the step policy ARN", async () => {
        const outcome = await check({ alarm: wakeUpAlarm({ alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:alerts`] }) });
        expect(outcome.messages[0]).to.contain(
            'its NoCapacityInvocationFailures alarm ("llm-llama-8b-wake-up-alarm") does not trigger the StepScaling policy ("llm-llama-8b-wake-up"). Set the alarm\'s alarmActions to [<StepScaling policy ARN>]',
        );
    });

    it("rejects an alarm without actions and one with actions disabled", async () => {
        expect((await check({ alarm: wakeUpAlarm({ alarmActions: undefined }) })).messages[0]).to.contain("does not trigger the StepScaling policy");
        const disabled = await check({ alarm: wakeUpAlarm({ actionsEnabled: false }) });
        expect(disabled.messages[0]).to.contain('alarm ("llm-llama-8b-wake-up-alarm") has actionsEnabled false; set actionsEnabled to true');
    });

    it("reports on the scalable target when the inference component is not in the stack", async () => {
        const outcome = await check({ ic: null, alarm: null });
        expect(outcome.violations).to.have.length(1);
        expect(outcome.violations[0].urn).to.equal(urnFor("dev", TYPES.scalableTarget, "llm-llama-8b-target"));
    });

    it("checks each component separately and reports only the broken one", async () => {
        const other = "llm-mistral-7b-dev";
        const otherId = `inference-component/${other}`;
        const resources = [
            ...wakeUpStack(),
            policyResource(TYPES.inferenceComponent, inferenceComponent({ inferenceComponentName: other }), { name: "mistral-ic" }),
            policyResource(TYPES.scalableTarget, scalableTarget({ resourceId: otherId }), { name: "mistral-target" }),
            policyResource(TYPES.scalingPolicy, stepPolicy({ resourceId: otherId, arn: "arn:aws:autoscaling:x:scalingPolicy:mistral" }), { name: "mistral-wake-up" }),
        ];
        const outcome = await runStackPolicy(scaleToZeroCanWakeUp, stackArgs(resources));
        expect(outcome.violations).to.have.length(1);
        expect(outcome.violations[0].urn).to.equal(urnFor("dev", TYPES.inferenceComponent, "mistral-ic"));
        expect(outcome.messages[0]).to.contain(`inference component "${other}" can scale to zero copies`);
    });

    it("accepts an extra scale-in StepScaling policy on the same target next to the wake-up one", async () => {
        const idle = policyResource(
            TYPES.scalingPolicy,
            stepPolicy({
                arn: "arn:aws:autoscaling:us-east-1:1:scalingPolicy:idle",
                stepScalingPolicyConfiguration: { stepAdjustments: [{ metricIntervalUpperBound: "0", scalingAdjustment: 0 }] },
            }),
            { name: "idle-scale-in" },
        );
        const outcome = await runStackPolicy(scaleToZeroCanWakeUp, stackArgs([...wakeUpStack(), idle]));
        expect(outcome.violations).to.deep.equal([]);
    });

    describe("values unknown during preview (no false positives)", () => {
        it("passes when the step policy ARN and the alarm actions are not known yet", async () => {
            const outcome = await check({ step: stepPolicy({ arn: UNKNOWN_STRING }), alarm: wakeUpAlarm({ alarmActions: UNKNOWN_ARRAY }) });
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cannotRunDuringPreview).to.equal(undefined);
        });

        it("passes when one alarm action is unknown", async () => {
            const outcome = await check({ step: stepPolicy({ arn: UNKNOWN_STRING }), alarm: wakeUpAlarm({ alarmActions: [UNKNOWN_STRING] }) });
            expect(outcome.violations).to.deep.equal([]);
        });

        it("passes when the alarm dimensions or the step policy's resourceId are unknown", async () => {
            expect((await check({ alarm: wakeUpAlarm({ dimensions: UNKNOWN_OBJECT }) })).violations).to.deep.equal([]);
            expect((await check({ alarm: wakeUpAlarm({ dimensions: { InferenceComponentName: UNKNOWN_STRING } }) })).violations).to.deep.equal([]);
            expect((await check({ step: stepPolicy({ resourceId: UNKNOWN_STRING, policyType: UNKNOWN_STRING }) })).violations).to.deep.equal([]);
            expect((await check({ step: stepPolicy({ stepScalingPolicyConfiguration: UNKNOWN_OBJECT }) })).violations).to.deep.equal([]);
        });

        it("skips a target whose resourceId is unknown, and does not apply when minCapacity is unknown", async () => {
            const unknownId = await check({ target: scalableTarget({ resourceId: UNKNOWN_STRING }), alarm: null, step: null });
            expect(unknownId.violations).to.deep.equal([]);
            expect(unknownId.notApplicable).to.equal(undefined);
            const unknownMin = await check({ target: scalableTarget({ minCapacity: UNKNOWN_NUMBER }), alarm: null });
            expect(unknownMin.notApplicable).to.equal("no inference component copy-count scalable target has minCapacity 0");
        });

        it("still reports what is provably missing: no alarm at all, even with unknown ARNs", async () => {
            const outcome = await check({ step: stepPolicy({ arn: UNKNOWN_STRING }), alarm: null });
            expect(outcome.messages).to.have.length(1);
            expect(outcome.messages[0]).to.contain("there is no CloudWatch alarm");
        });

        it("an unknown step ARN matches a scaling-policy action but not an SNS-only alarm", async () => {
            const toPolicy = await check({ step: stepPolicy({ arn: UNKNOWN_STRING }), alarm: wakeUpAlarm({ alarmActions: [STEP_ARN] }) });
            expect(toPolicy.violations).to.deep.equal([]);
            const toTopic = await check({
                step: stepPolicy({ arn: UNKNOWN_STRING }),
                alarm: wakeUpAlarm({ alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:alerts`] }),
            });
            expect(toTopic.messages[0]).to.contain("does not trigger the StepScaling policy");
        });
    });
});

describe("policy scale-to-zero-can-wake-up: scale-in alarms that fight the wake-up", () => {
    const idlePolicyArn = `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:0000:resource/sagemaker/inference-component/${IC_NAME}:policyName/idle`;
    const idlePolicy = stepPolicy({
        arn: idlePolicyArn,
        name: "llm-llama-8b-idle-scale-in",
        stepScalingPolicyConfiguration: { adjustmentType: "ExactCapacity", stepAdjustments: [{ metricIntervalUpperBound: "0", scalingAdjustment: 0 }] },
    });
    function idleStack(treatMissingData: string, policy = idlePolicy) {
        const base = wakeUpStack();
        const alarm = wakeUpAlarm({ metricName: "Invocations", treatMissingData, alarmActions: [idlePolicyArn], arn: "arn:aws:cloudwatch:us-east-1:1:alarm:idle" });
        return [
            ...base,
            policyResource(TYPES.scalingPolicy, policy, { name: "llm-llama-8b-idle-scale-in", stack: "dev" }),
            policyResource(TYPES.metricAlarm, alarm, { name: "llm-llama-8b-idle-alarm", stack: "dev" }),
        ];
    }

    for (const missing of ["breaching", "ignore"]) {
        it(`rejects an alarm that sets 0 copies with treatMissingData ${missing}, saying why and what to use`, async () => {
            const outcome = await runStackPolicy(scaleToZeroCanWakeUp, stackArgs(idleStack(missing)));
            expect(outcome.violations).to.have.length(1);
            expect(outcome.violations[0].message).to.contain(`its scale-in alarm "llm-llama-8b-idle-alarm" (action "llm-llama-8b-idle-scale-in") treats missing data as "${missing}"`);
            expect(outcome.violations[0].message).to.contain('Use treatMissingData "notBreaching"');
        });
    }

    it("passes the same alarm with notBreaching or missing (INSUFFICIENT_DATA at zero copies runs no action)", async () => {
        for (const missing of ["notBreaching", "missing"]) {
            const outcome = await runStackPolicy(scaleToZeroCanWakeUp, stackArgs(idleStack(missing)));
            expect(outcome.violations, missing).to.deep.equal([]);
        }
    });

    it("ignores breaching alarms whose policy does not lower capacity", async () => {
        const raising = stepPolicy({ arn: idlePolicyArn, name: "llm-llama-8b-idle-scale-in" });
        const outcome = await runStackPolicy(scaleToZeroCanWakeUp, stackArgs(idleStack("breaching", raising)));
        expect(outcome.violations).to.deep.equal([]);
    });
});
