import { expect } from "chai";
import { ScaleToZeroModel, ScaleToZeroModelArgs } from "../components";
import { cronError, timeZoneError, timestampError } from "../components/cron";
import { ScaleToZeroArgumentError, validateScaleToZeroModelArgs } from "../components/validate";
import { parseStackConfig } from "../config";
import { deployStack } from "../stack";
import { readStackFile } from "../stackFile";
import { RecordingMocks, resolve, runUnderMocks } from "./helpers/pulumiMocks";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:1";
const twoModels: ScaleToZeroModelArgs = {
    instanceType: "ml.g5.12xlarge",
    inferenceComponents: {
        llama: { model: { image: IMAGE }, compute: { acceleratorCount: 1, memoryMiB: 4096 }, scaling: { maxCopies: 3 } },
        mistral: { model: { image: IMAGE }, compute: { acceleratorCount: 2, memoryMiB: 4096 }, scaling: { maxCopies: 2 } },
    },
};
const weekends = { timezone: "Europe/Berlin", scaleInCron: "cron(0 18 ? * FRI *)", scaleOutCron: "cron(0 7 ? * MON *)" };

async function deploy(args: ScaleToZeroModelArgs): Promise<RecordingMocks> {
    const { mocks } = await runUnderMocks((m) => new ScaleToZeroModel("team", args, { transformations: [m.recordOptions] }));
    return mocks;
}

describe("weekly schedule, method scheduler (EventBridge Scheduler), dev stack", () => {
    let mocks: RecordingMocks;
    before(async () => {
        const config = readStackFile("dev");
        mocks = (
            await runUnderMocks((m) => deployStack(parseStackConfig(config), { transformations: [m.recordOptions] }), {
                stack: "dev",
                config,
            })
        ).mocks;
    });

    it("Friday schedule sets the copy count to 0 through the SageMaker universal target", () => {
        const off = mocks.one("aws:scheduler/schedule:Schedule", "-schedule-off").inputs;
        expect(off).to.deep.include({
            name: "llm-llama-8b-dev-off",
            scheduleExpression: "cron(0 19 ? * FRI *)",
            scheduleExpressionTimezone: "America/New_York",
            flexibleTimeWindow: { mode: "OFF" },
        });
        expect(off.target.arn).to.equal("arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig");
        expect(JSON.parse(off.target.input)).to.deep.equal({
            InferenceComponentName: "llm-llama-8b-dev",
            DesiredRuntimeConfig: { CopyCount: 0 },
        });
        expect(off.target.roleArn).to.equal(mocks.one("aws:iam/role:Role", "-scheduler-role").state.arn);
    });

    it("Monday schedule restores scaleOutCopies copies", () => {
        const on = mocks.one("aws:scheduler/schedule:Schedule", "-schedule-on").inputs;
        expect(on.scheduleExpression).to.equal("cron(0 8 ? * MON *)");
        expect(JSON.parse(on.target.input)).to.deep.equal({
            InferenceComponentName: "llm-llama-8b-dev",
            DesiredRuntimeConfig: { CopyCount: 1 },
        });
    });

    it("the scheduler role trusts only EventBridge Scheduler and may only set these components' copy count", () => {
        const role = mocks.one("aws:iam/role:Role", "-scheduler-role").inputs;
        const trust = JSON.parse(role.assumeRolePolicy);
        expect(trust.Statement).to.have.length(1);
        expect(trust.Statement[0].Principal).to.deep.equal({ Service: "scheduler.amazonaws.com" });
        expect(trust.Statement[0].Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "123456789012" } });
        const policy = JSON.parse(mocks.one("aws:iam/rolePolicy:RolePolicy", "-scheduler-policy").inputs.policy);
        expect(policy.Statement).to.deep.equal([
            {
                Sid: "SetCopyCount",
                Effect: "Allow",
                Action: ["sagemaker:UpdateInferenceComponentRuntimeConfig"],
                Resource: [mocks.one("aws-native:sagemaker:InferenceComponent").state.inferenceComponentArn],
            },
        ]);
    });

    it("idle timeout: 10 minutes with nothing in flight on a copy set the copy count to exactly 0; no copy is not idle", () => {
        const alarm = mocks.one("aws:cloudwatch/metricAlarm:MetricAlarm", "-idle-alarm").inputs;
        const policy = mocks.one("aws:appautoscaling/policy:Policy", "-idle-scale-in");
        expect(alarm).to.deep.include({
            metricName: "ConcurrentRequestsPerCopy",
            namespace: "AWS/SageMaker",
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 10,
            datapointsToAlarm: 10,
            threshold: 0.001,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "notBreaching",
        });
        expect(alarm.dimensions).to.deep.equal({ InferenceComponentName: "llm-llama-8b-dev" });
        expect(alarm.alarmActions).to.deep.equal([policy.state.arn]);
        expect(policy.inputs.resourceId).to.equal("inference-component/llm-llama-8b-dev");
        expect(policy.inputs.stepScalingPolicyConfiguration).to.deep.equal({
            adjustmentType: "ExactCapacity",
            metricAggregationType: "Maximum",
            cooldown: 60,
            stepAdjustments: [{ metricIntervalUpperBound: "0", scalingAdjustment: 0 }],
        });
    });

    it("the scheduler method leaves the scalable target's capacity managed by Pulumi", () => {
        expect(mocks.one("aws:appautoscaling/target:Target").opts?.ignoreChanges).to.equal(undefined);
    });
});

describe("weekly schedule, method autoscaling (scheduled actions), endpoint-wide", () => {
    let mocks: RecordingMocks;
    before(async () => {
        mocks = await deploy({ ...twoModels, schedule: { ...weekends, scaleOutCopies: 2, startDate: "2027-01-04T00:00:00Z" } });
    });

    it("zeroes every component of the endpoint: off = min 0 and max 0", () => {
        const off = mocks.ofType("aws:appautoscaling/scheduledAction:ScheduledAction").filter((a) => a.name.endsWith("-off"));
        expect(off.map((a) => a.inputs.resourceId).sort()).to.deep.equal([
            "inference-component/team-llama-dev",
            "inference-component/team-mistral-dev",
        ]);
        for (const action of off) {
            expect(action.inputs).to.deep.include({
                schedule: "cron(0 18 ? * FRI *)",
                timezone: "Europe/Berlin",
                serviceNamespace: "sagemaker",
                scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
                startTime: "2027-01-04T00:00:00Z",
            });
            expect(action.inputs.scalableTargetAction).to.deep.equal({ minCapacity: 0, maxCapacity: 0 });
        }
    });

    it("on = at least scaleOutCopies warm, max back to each component's maxCopies", () => {
        const on = mocks.ofType("aws:appautoscaling/scheduledAction:ScheduledAction").filter((a) => a.name.endsWith("-on"));
        expect(Object.fromEntries(on.map((a) => [a.inputs.name, a.inputs.scalableTargetAction]))).to.deep.equal({
            "team-llama-dev-on": { minCapacity: 2, maxCapacity: 3 },
            "team-mistral-dev-on": { minCapacity: 2, maxCapacity: 2 },
        });
        expect(on[0].inputs.schedule).to.equal("cron(0 7 ? * MON *)");
    });

    it("pulumi up does not undo a scheduled action: the target ignores min/max drift", () => {
        for (const target of mocks.ofType("aws:appautoscaling/target:Target")) {
            expect(target.opts?.ignoreChanges).to.deep.equal(["minCapacity", "maxCapacity"]);
        }
        for (const action of mocks.ofType("aws:appautoscaling/scheduledAction:ScheduledAction")) {
            expect(action.opts?.dependsOn).to.have.length(1);
        }
    });

    it("creates no EventBridge schedule and no scheduler role", () => {
        expect(mocks.ofType("aws:scheduler/schedule:Schedule")).to.have.length(0);
        expect(mocks.ofType("aws:iam/role:Role").map((r) => r.name)).to.deep.equal(["team-execution-role"]);
    });
});

describe("delete-and-recreate on weekends: the safer equivalent", () => {
    // Deleting the inference component on Friday and recreating it on Monday would leave Pulumi state pointing
    // at a component that does not exist over the weekend (`pulumi refresh` drops it, `up` then recreates it
    // and Monday's create fails; an `up` with changes fails on the missing component) and would orphan its
    // scalable target. SageMaker bills instances, not components: with every component's max capacity at 0 and
    // MinInstanceCount 0, no instance runs, which is the whole saving, while state stays true.
    it("the autoscaling schedule reaches zero instances: every component max 0 and instance minimum 0", async () => {
        const mocks = await deploy({ ...twoModels, schedule: weekends });
        const variant = mocks.one("aws-native:sagemaker:EndpointConfig").inputs.productionVariants[0];
        expect(variant.managedInstanceScaling.minInstanceCount).to.equal(0);
        const components = mocks.ofType("aws-native:sagemaker:InferenceComponent").length;
        const offActions = mocks
            .ofType("aws:appautoscaling/scheduledAction:ScheduledAction")
            .filter((a) => a.inputs.scalableTargetAction.maxCapacity === 0);
        expect(offActions).to.have.length(components);
    });

    it("refuses a schedule that could not release the instances", () => {
        expect(() => validateScaleToZeroModelArgs({ ...twoModels, minInstanceCount: 1, schedule: weekends })).to.throw(
            "schedule scales every component to 0 copies, but minInstanceCount 1 keeps instances (and their cost) up: set minInstanceCount 0",
        );
    });
});

describe("instance scale-in policy (managed instance scaling)", () => {
    it("passes ScaleInPolicy to the endpoint config only when set", async () => {
        const withPolicy = await deploy({ ...twoModels, instanceScaleIn: { strategy: "IDLE_RELEASE", cooldownMinutes: 5 } });
        expect(withPolicy.one("aws-native:sagemaker:EndpointConfig").inputs.productionVariants[0].managedInstanceScaling).to.deep.equal({
            status: "ENABLED",
            minInstanceCount: 0,
            maxInstanceCount: 2,
            scaleInPolicy: { strategy: "IDLE_RELEASE", cooldownInMinutes: 5 },
        });
        const without = await deploy(twoModels);
        expect(without.one("aws-native:sagemaker:EndpointConfig").inputs.productionVariants[0].managedInstanceScaling).to.not.have.property(
            "scaleInPolicy",
        );
    });

    it("exports the schedule ARNs", async () => {
        const { result } = await runUnderMocks(() => new ScaleToZeroModel("t", { ...twoModels, schedule: weekends }));
        const arns = await resolve(result.scheduleArns);
        expect(arns).to.have.length(4);
    });
});

describe("scaling mode validation", () => {
    const problems = (args: ScaleToZeroModelArgs) => {
        try {
            validateScaleToZeroModelArgs(args);
            return "";
        } catch (error) {
            expect(error).to.be.instanceOf(ScaleToZeroArgumentError);
            return (error as Error).message;
        }
    };
    const single: ScaleToZeroModelArgs = { instanceType: "ml.g5.xlarge", model: { image: IMAGE }, compute: { acceleratorCount: 1, memoryMiB: 1024 } };
    const cases: [string, ScaleToZeroModelArgs, string][] = [
        ["a bad cron", { ...single, schedule: { ...weekends, scaleInCron: "0 18 * * FRI" } }, 'schedule.scaleInCron "0 18 * * FRI": must have the form cron(minutes hours day-of-month month day-of-week year)'],
        ["a cron hour out of range", { ...single, schedule: { ...weekends, scaleOutCron: "cron(0 25 ? * MON *)" } }, 'schedule.scaleOutCron "cron(0 25 ? * MON *)": hours "25" is out of range'],
        ["a fixed offset time zone", { ...single, schedule: { ...weekends, timezone: "UTC+1" } }, 'schedule.timezone "UTC+1" is a fixed offset: use an IANA time zone'],
        ["an unknown time zone", { ...single, schedule: { ...weekends, timezone: "Europe/Atlantis" } }, 'schedule.timezone "Europe/Atlantis" is not a known time zone'],
        ["end before start", { ...single, schedule: { ...weekends, startDate: "2027-02-01T00:00:00Z", endDate: "2027-01-01T00:00:00Z" } }, "schedule.endDate (2027-01-01T00:00:00Z) must be after schedule.startDate (2027-02-01T00:00:00Z)"],
        ["a malformed date", { ...single, schedule: { ...weekends, startDate: "next monday" } }, 'schedule.startDate must be an ISO-8601 UTC timestamp like 2026-01-05T07:00:00Z (got "next monday")'],
        ["scale-out copies above max", { ...single, scaling: { maxCopies: 2 }, schedule: { ...weekends, scaleOutCopies: 3 } }, "schedule.scaleOutCopies (3) must be within [1, 2], the copy range of scaling"],
        ["scale-out copies below min", { ...single, scaling: { minCopies: 2, maxCopies: 4 }, schedule: { ...weekends, scaleOutCopies: 1 } }, "schedule.scaleOutCopies (1) must be within [2, 4], the copy range of scaling"],
        ["an unknown method", { ...single, schedule: { ...weekends, method: "cron" as never } }, 'schedule.method must be one of autoscaling, scheduler (got "cron")'],
        ["scheduler method with a warm minimum", { ...single, scaling: { minCopies: 1 }, schedule: { ...weekends, method: "scheduler" } }, 'schedule.method "scheduler" sets copies to 0, which autoscaling\'s scaling.minCopies 1 would undo'],
        ["idle timeout shorter than a cold start", { ...single, scaling: { idleTimeoutMinutes: 6 } }, "scaling.idleTimeoutMinutes must be at least 7: a shorter idle time could release a woken copy before it serves"],
        ["idle timeout longer than target tracking", { ...single, scaling: { idleTimeoutMinutes: 30 } }, "scaling.idleTimeoutMinutes must be at most 14: target tracking already scales to 0 after 15 idle minutes"],
        ["fractional idle timeout", { ...single, scaling: { idleTimeoutMinutes: 2.5 } }, "scaling.idleTimeoutMinutes must be a whole number of minutes from 7 to 14 (got 2.5)"],
        ["idle timeout with a warm minimum", { ...single, scaling: { minCopies: 1, idleTimeoutMinutes: 8 } }, "scaling.idleTimeoutMinutes scales copies to 0, which conflicts with scaling.minCopies 1"],
        ["unknown instance scale-in strategy", { ...single, instanceScaleIn: { strategy: "FAST" as never } }, 'instanceScaleIn.strategy must be one of IDLE_RELEASE, CONSOLIDATION (got "FAST")'],
        ["instance scale-in cooldown below 5", { ...single, instanceScaleIn: { strategy: "IDLE_RELEASE", cooldownMinutes: 1 } }, "instanceScaleIn.cooldownMinutes must be an integer from 5 to 1440 (got 1)"],
    ];
    for (const [title, args, message] of cases) {
        it(`rejects ${title}`, () => expect(problems(args)).to.contain(message));
    }
    it("accepts a complete valid schedule with idle timeout", () => {
        expect(problems({ ...single, scaling: { idleTimeoutMinutes: 8 }, schedule: { ...weekends, method: "scheduler", endDate: "2027-12-31T00:00:00Z" } })).to.equal("");
    });
});

describe("cron, time zone and timestamp checks", () => {
    for (const ok of ["cron(0 18 ? * FRI *)", "cron(30 7 ? * MON-FRI *)", "cron(0/15 8-17 ? * 2-6 *)", "cron(0 0 1 * ? *)", "cron(0 9 ? * 2#1 *)", "cron(0 12 L * ? 2027)"]) {
        it(`accepts ${ok}`, () => expect(cronError(ok)).to.equal(undefined));
    }
    for (const [bad, why] of [
        ["cron(0 18 * * FRI *)", "exactly one of day-of-month and day-of-week must be ?"],
        ["cron(0 18 ? * FRI)", "needs 6 fields"],
        ["cron(60 18 ? * FRI *)", 'minutes "60" is out of range'],
        ["cron(0 18 ? * FUN *)", 'day-of-week "FUN" is out of range'],
        ["cron(0 18 ? 13 FRI *)", 'month "13" is out of range'],
        ["rate(5 minutes)", "must have the form cron("],
    ]) {
        it(`rejects ${bad}`, () => expect(cronError(bad)).to.contain(why));
    }
    it("accepts IANA zones and rejects offsets", () => {
        expect(timeZoneError("America/New_York")).to.equal(undefined);
        expect(timeZoneError("UTC")).to.equal(undefined);
        expect(timeZoneError("+01:00")).to.contain("is a fixed offset");
        expect(timeZoneError("GMT-5")).to.contain("is a fixed offset");
    });
    it("accepts ISO-8601 UTC timestamps only", () => {
        expect(timestampError("2027-01-04T07:00:00Z")).to.equal(undefined);
        expect(timestampError("2027-01-04")).to.contain("must be an ISO-8601 UTC timestamp");
        expect(timestampError("2027-13-40T07:00:00Z")).to.contain("is not a real date and time");
    });
});
