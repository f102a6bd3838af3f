import { expect } from "chai";
import * as fs from "fs";
import { DashboardWidget } from "../../components/dashboard";
import { SAGEMAKER_METRICS } from "../../components/metricNames";
import { widgetMetrics } from "../../planner/format/dashboardMetrics";
import { dashboardPreview } from "../../scripts/dashboardPreview";

describe("dashboard picture from the twin", function () {
    this.timeout(20_000);
    let preview: Awaited<ReturnType<typeof dashboardPreview>>;
    before(async () => {
        preview = await dashboardPreview();
    });

    const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
    const tags = (cls: string) => preview.svg.match(new RegExp(`<[a-z]+ class="${cls}"[^>]*>`, "g")) ?? [];

    it("draws one panel per widget of the stack's dashboard body, titled as in the body", () => {
        const widgets = preview.body.widgets as DashboardWidget[];
        const panels = tags("widget");
        expect(panels.map((p) => [attr(p, "data-type"), attr(p, "data-title")])).to.deep.equal(
            widgets.map((w) => [w.type, (w.properties.title as string | undefined) ?? ""]),
        );
        expect(widgets.filter((w) => w.type === "metric")).to.have.length(4);
        for (const w of widgets.filter((x) => x.properties.title)) {
            expect(preview.svg).to.contain(`font-weight="bold" fill="#333">${String(w.properties.title).replace(/&/g, "&amp;")}</text>`);
        }
    });

    it("draws Invocations and NoCapacityInvocationFailures from the twin's metrics of the same name and dimensions", () => {
        const dims = { [SAGEMAKER_METRICS.componentDimension]: preview.component };
        const key = (metricName: string) => ({ namespace: SAGEMAKER_METRICS.namespace, metricName, dimensions: dims, stat: "Sum", period: 60 });
        const sum = (metricName: string) => {
            const s = preview.data.series(key(metricName));
            expect(s).to.have.property("points");
            return (s as { readonly points: readonly { value: number }[] }).points.reduce((a, p) => a + p.value, 0);
        };
        const served = preview.result.outcomes.filter((o) => o.servedAt !== undefined).length;
        expect(served).to.be.greaterThan(0);
        expect(sum(SAGEMAKER_METRICS.invocations)).to.equal(served);
        expect(preview.result.summary.failedCalls).to.be.greaterThan(0);
        expect(sum(SAGEMAKER_METRICS.noCapacityFailures)).to.equal(preview.result.summary.failedCalls);
        // Another component's dimension value finds none of those datapoints.
        const other = preview.data.series({ ...key(SAGEMAKER_METRICS.invocations), dimensions: { [SAGEMAKER_METRICS.componentDimension]: "other" } });
        expect(other).to.deep.equal({ points: [] });
        // The picture's lines carry the same keys and as many datapoints.
        const line = tags("series").find((t) => attr(t, "data-metric") === SAGEMAKER_METRICS.noCapacityFailures)!;
        expect(attr(line, "data-dimensions")).to.equal(`InferenceComponentName=${preview.component}`);
        const failures = preview.data.series(key(SAGEMAKER_METRICS.noCapacityFailures)) as { readonly points: readonly unknown[] };
        expect(Number(attr(line, "data-points"))).to.equal(failures.points.length);
    });

    it("labels widget metrics the twin does not model as not simulated, and draws no line for them", () => {
        const labelled = tags("not-simulated").map((t) => `${attr(t, "data-metric")} ${attr(t, "data-stat")}`);
        expect(labelled).to.deep.equal(["ModelLatency Average", "ModelLatency p90", "ColdStartDuration Maximum"]);
        const drawn = tags("series").map((t) => attr(t, "data-metric"));
        expect(drawn).to.deep.equal(["Invocations", "NoCapacityInvocationFailures", "ConcurrentRequestsPerCopy"]);
    });

    it("draws the alarms' states from the twin: the wake-up alarm fires on the cold start", () => {
        const strips = tags("alarm-strip").map((t) => attr(t, "data-alarm"));
        expect(strips).to.deep.equal(["llm-llama-8b-wake-up-alarm", "llm-llama-8b-wake-failed-alarm"]);
        const arn = ((preview.body.widgets as DashboardWidget[]).find((w) => w.type === "alarm")!.properties.alarms as string[])[0];
        const states = preview.data.alarm(arn)!.changes.map((c) => c.state);
        expect(states).to.include("ALARM");
        expect(preview.data.alarm("arn:aws:cloudwatch:us-east-1:123456789012:alarm:not-in-stack")).to.equal(undefined);
    });

    it("rejects metric rows it cannot read, naming the widget and every bad row", () => {
        const widget: DashboardWidget = { type: "metric", x: 0, y: 0, width: 6, height: 6, properties: { title: "t", metrics: [["AWS/SageMaker"], ["...", "X"]] } };
        expect(() => widgetMetrics(widget)).to.throw(/widget "t": metrics\[0\].*; metrics\[1\]/);
    });
});

describe("docs/dashboard-preview.svg", () => {
    it("is what npm run dashboard:preview writes today (regenerate it after changing the dashboard or the twin)", async () => {
        const committed = fs.readFileSync(`${__dirname}/../../docs/dashboard-preview.svg`, "utf8");
        expect(committed).to.equal((await dashboardPreview()).svg);
    });
});
