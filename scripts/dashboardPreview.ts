/**
 * Writes docs/dashboard-preview.svg: the dev stack's dashboard layout (the body its program registers) filled with
 * data the TWIN simulates for one weekday of generated dev traffic. Not a screenshot of CloudWatch.
 * Run: npm run dashboard:preview
 */
import * as fs from "fs";
import * as path from "path";
import { dashboardSvg } from "../planner/format/dashboardSvg";
import { devTestTraffic } from "../planner/traffic/generators";
import { readStackFile } from "../stackFile";
import { recordStack } from "../twin";
import { dashboardDataFromTwin, recordedDashboardBody } from "../twin/dashboardData";

/** Tuesday 2025-01-07, 00:00 to 24:00 UTC: an ordinary weekday (no Monday pre-warm, no Friday scale-in). */
export const PREVIEW_DAY = { start: Date.UTC(2025, 0, 7) / 1000, days: 1, stack: "dev", seed: 1 } as const;

export async function dashboardPreview() {
    const recorded = await recordStack(PREVIEW_DAY.stack, readStackFile(PREVIEW_DAY.stack));
    const body = recordedDashboardBody(recorded.resources);
    const component = Object.values(recorded.componentNames)[0];
    const start = PREVIEW_DAY.start;
    const end = start + PREVIEW_DAY.days * 86_400;
    const traffic = devTestTraffic({ start, days: PREVIEW_DAY.days, seed: PREVIEW_DAY.seed, timeZone: "America/New_York" });
    const requests = (function* () {
        for (const r of traffic) {
            yield { time: r.time, component, durationSeconds: r.duration, client: "hold" as const };
        }
    })();
    const { data, result } = dashboardDataFromTwin(recorded.resources, { start, end, requests, startCold: true });
    const caption =
        `Dashboard layout of stack ${PREVIEW_DAY.stack} filled with TWIN-simulated data: one weekday ` +
        `(${new Date(start * 1000).toISOString().slice(0, 10)}, UTC) of generated dev traffic. Not a CloudWatch screenshot.`;
    return { svg: dashboardSvg(body, data, { caption }), body, data, result, component };
}

if (require.main === module) {
    dashboardPreview()
        .then(({ svg, result }) => {
            const file = path.join(__dirname, "..", "docs", "dashboard-preview.svg");
            fs.writeFileSync(file, svg);
            console.log(`wrote ${file} (${svg.length} bytes; ${result.summary.requests} requests, ${result.summary.failedCalls} no-capacity calls)`);
        })
        .catch((error: unknown) => {
            console.error((error as Error).message);
            process.exit(1);
        });
}
