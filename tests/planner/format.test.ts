import { expect } from "chai";
import { planToJson } from "../../planner/format/json";
import { timelineSvg } from "../../planner/format/svg";
import { formatTable, humanSeconds } from "../../planner/format/table";
import { standardModes } from "../../planner/modes";
import { PlanResult, planScaleToZeroSync } from "../../planner/plan";
import { recommend } from "../../planner/recommend";
import { generatedTraffic } from "../../planner/traffic/generators";
import { DEV_COMPONENT, DEV_ENDPOINT } from "./helpers";

/** Tag names in order of opening/closing, to check nesting without an XML parser. */
function checkBalanced(svg: string): void {
    const stack: string[] = [];
    for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
        const [, closing, name, selfClosing] = match;
        if (selfClosing) {
            continue;
        }
        if (closing) {
            expect(stack.pop(), `closing </${name}>`).to.equal(name);
        } else {
            stack.push(name);
        }
    }
    expect(stack).to.deep.equal([]);
}

describe("output formats", () => {
    let plan: PlanResult;
    before(() => {
        plan = planScaleToZeroSync({
            endpoint: DEV_ENDPOINT,
            component: DEV_COMPONENT,
            componentKey: "llama-8b",
            traffic: generatedTraffic("weekdays", { days: 7, requestsPerDay: 300 }),
            modes: standardModes(),
        });
    });

    it("SVG: a well-formed chart with requests, copies and instances series", () => {
        const configured = plan.modes.find((m) => m.name === "configured")!;
        const svg = timelineSvg(configured, { title: "dev <test> & co" });
        expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).to.equal(true);
        expect(svg.trimEnd().endsWith("</svg>")).to.equal(true);
        checkBalanced(svg);
        expect(svg).to.contain('<g id="requests"');
        expect(svg).to.contain('<path id="copies" d="M');
        expect(svg).to.contain('<path id="instances" d="M');
        expect(svg).to.contain("<title>dev &lt;test&gt; &amp; co</title>");
        // One bar per point with requests: at most the timeline's 600 points.
        const bars = svg.split('<g id="requests"')[1].split("</g>")[0].match(/<rect /g) ?? [];
        expect(bars.length).to.equal(configured.timeline.filter((p) => p.requests > 0).length);
        expect(configured.timeline.length).to.be.at.most(600);
        // Weekly time ticks fall on Mondays: 01-13 is a Monday.
        expect(svg).to.contain(">01-13</text>");
    });

    it("SVG size does not grow with the number of requests", () => {
        const small = planScaleToZeroSync({
            endpoint: DEV_ENDPOINT,
            component: DEV_COMPONENT,
            traffic: generatedTraffic("weekdays", { days: 7, requestsPerDay: 10 }),
            modes: [{ kind: "target-tracking", name: "configured" }],
        });
        const large = planScaleToZeroSync({
            endpoint: DEV_ENDPOINT,
            component: DEV_COMPONENT,
            traffic: generatedTraffic("weekdays", { days: 7, requestsPerDay: 20_000 }),
            modes: [{ kind: "target-tracking", name: "configured" }],
        });
        expect(timelineSvg(large.modes[0]).length).to.be.below(3 * timelineSvg(small.modes[0]).length + 50_000);
        expect(timelineSvg(large.modes[0]).length).to.be.below(200_000);
    });

    it("table: settings lines, one row per mode with cost and cold starts, the recommendation", () => {
        const rec = recommend(plan.modes, { maxColdStartsPerWeek: 0 });
        const text = formatTable(plan, { stack: "dev" }, rec);
        const lines = text.split("\n");
        expect(lines[0]).to.equal("Scale-to-zero plan · stack dev · component llama-8b");
        expect(text).to.contain("$1.515/h (table us-east-1 2026-11-28)");
        expect(text).to.contain("from zero 1 (alarm) + 1.748 (instance) + 2.28 (copy) = 5.028 min; to zero 15 (copies) + 10 (instances) = 25 min");
        const alwaysOn = lines.find((l) => l.startsWith("always-on "))!;
        expect(alwaysOn.split(/\s+/).slice(0, 5)).to.deep.equal(["always-on", "168.0", "254.52", "—", "0"]);
        for (const name of ["seed-default", "idle-7m", "idle-10m", "weekly-schedule", "configured"]) {
            expect(lines.some((l) => l.startsWith(name + " "))).to.equal(true);
        }
        expect(text).to.contain(`Recommendation: ${rec.reason}`);
        expect(humanSeconds(0)).to.equal("0");
        expect(humanSeconds(2)).to.equal("2.0 s");
        expect(humanSeconds(301.68)).to.equal("5.0 min");
        expect(humanSeconds(7200)).to.equal("2.0 h");
    });

    it("JSON: rounded numbers, ISO instants, the price table, the recommendation", () => {
        const rec = recommend(plan.modes, { maxColdStartsPerWeek: 0 });
        const json = JSON.parse(JSON.stringify(planToJson(plan, { stack: "dev" }, rec)));
        expect(json.stack).to.equal("dev");
        expect(json.component).to.equal("llama-8b");
        expect(json.window).to.deep.equal({ start: "2025-01-06T00:00:00.000Z", end: "2025-01-13T00:00:00.000Z", days: 7 });
        expect(json.priceTable.date).to.equal("2026-11-28");
        expect(json.modes).to.have.length(6);
        expect(json.modes[0]).to.include({ name: "always-on", costUsd: 254.52, instanceHours: 168, coldStarts: 0 });
        expect(json.modes[0].timeline).to.equal(undefined);
        expect(json.recommendation.mode).to.equal(rec.mode?.name);
        const withTimeline = planToJson(plan, { timeline: true }) as { modes: { timeline: unknown[] }[] };
        expect(withTimeline.modes[0].timeline.length).to.equal(plan.modes[0].timeline.length);
    });
});
