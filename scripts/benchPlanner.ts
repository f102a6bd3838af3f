/**
 * Benchmark of the scale-to-zero planner on the twin (not a test):
 *   npx ts-node --transpile-only scripts/benchPlanner.ts [--quick]
 * Every mode is a variant of a benchmark stack, put through the stack program and executed by the twin.
 * 1. speed: 30 days of weekday traffic generated in memory, 1 million then 10 million requests, one mode and all
 *    six standard modes (goal: 1 million per mode under 1 s; 10 million about 10× that);
 * 2. memory: the same traffic written to a CSV file in a temp dir and streamed, 1 million vs 10 million lines, each
 *    in a fresh process (goal: retained heap and RSS do not grow with the number of requests).
 * --quick uses 100,000 and 1,000,000 requests.
 */
import * as childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as v8 from "v8";
import * as vm from "vm";
import { EndpointArgs, InferenceComponentArgs } from "../components/args";
import { PlannerMode, standardModes } from "../planner/modes";
import { planOnTwin } from "../planner/twinPlan";
import { TwinRun, recordStack } from "../twin";
import { csvTraffic } from "../planner/traffic/csv";
import { generatedTraffic, weekdayTraffic } from "../planner/traffic/generators";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const QUICK = process.argv.includes("--quick");
const SMALL = QUICK ? 100_000 : 1_000_000;
const LARGE = QUICK ? 1_000_000 : 10_000_000;
const DAYS = 30;
const WEEKDAYS_IN_WINDOW = 22; // 30 days from Monday 2025-01-06
const MB = 1024 * 1024;

// A 4-GPU instance with one GPU per copy, so 10 million requests (≈16 concurrent at peak) scale out to 4 copies.
const ENDPOINT: EndpointArgs = { instanceType: "ml.g5.12xlarge", maxInstanceCount: 2 };
const COMPONENT: InferenceComponentArgs = {
    model: { image: "benchmark" },
    compute: { acceleratorCount: 1, memoryMiB: 16_384 },
    scaling: { minCopies: 0, maxCopies: 8, targetConcurrentRequestsPerCopy: 5 },
};
const ONE_MODE: PlannerMode[] = [{ kind: "target-tracking", name: "configured" }];
/** The benchmark stack's `config:` map: one component on the endpoint above. */
const CONFIG = {
    "scale-to-zero:name": "bench",
    "scale-to-zero:endpoint": ENDPOINT,
    "scale-to-zero:inferenceComponents": { model: COMPONENT },
};

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
const fmt = (n: number): string => n.toLocaleString("en-US");

async function simulate(requests: number, modes: PlannerMode[]): Promise<{ seconds: number; simulated: number; summary: string }> {
    const started = process.hrtime.bigint();
    const plan = await planOnTwin({
        stack: "bench",
        config: CONFIG,
        traffic: generatedTraffic("weekdays", { days: DAYS, requestsPerDay: requests / WEEKDAYS_IN_WINDOW }),
        modes,
    });
    const elapsed = seconds(started);
    const configured = plan.modes[plan.modes.length - 1];
    return {
        seconds: elapsed,
        simulated: plan.traffic.requests,
        summary: `${configured.name}: $${configured.costUsd.toFixed(2)}, ${configured.coldStarts} cold starts, peak ${configured.peakCopies} copies`,
    };
}

async function writeCsv(file: string, requests: number, days = DAYS): Promise<number> {
    const out = fs.createWriteStream(file);
    let chunk = "timestamp,duration\n";
    let lines = 0;
    const flush = async (): Promise<void> => {
        if (!out.write(chunk)) {
            await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        }
        chunk = "";
    };
    const weekdays = (WEEKDAYS_IN_WINDOW * days) / DAYS;
    for (const r of weekdayTraffic({ days, requestsPerDay: requests / weekdays })) {
        chunk += `${r.time.toFixed(3)},${r.duration.toFixed(3)}\n`;
        lines++;
        if (chunk.length > 1 << 20) {
            await flush();
        }
    }
    await flush();
    await new Promise<void>((resolve) => out.end(() => resolve()));
    return lines;
}

interface MemoryFigures {
    lines: number;
    seconds: number;
    heapBaselineMb: number;
    retainedHeapDeltaMb: number;
    rssBeforeMb: number;
    rssPeakMb: number;
}

async function streamCsv(file: string): Promise<MemoryFigures> {
    gc();
    const heapBaseline = process.memoryUsage().heapUsed;
    const rssBaseline = process.memoryUsage().rss;
    let retainedPeak = 0;
    let rssPeak = 0;
    const sample = (collect: boolean): void => {
        if (collect) {
            gc();
        }
        const usage = process.memoryUsage();
        retainedPeak = Math.max(retainedPeak, usage.heapUsed - heapBaseline);
        rssPeak = Math.max(rssPeak, usage.rss - rssBaseline);
    };
    const started = process.hrtime.bigint();
    const plan = await planOnTwin({
        stack: "bench",
        config: CONFIG,
        traffic: csvTraffic(file),
        modes: ONE_MODE,
        // Retained heap (after a full GC) every 262,144 requests, RSS every 65,536.
        onProgress: (p) => sample(p.requests % (1 << 18) === 0),
    });
    const elapsed = seconds(started);
    sample(true);
    return {
        lines: plan.traffic.requests,
        seconds: elapsed,
        heapBaselineMb: heapBaseline / MB,
        retainedHeapDeltaMb: retainedPeak / MB,
        rssBeforeMb: rssBaseline / MB,
        rssPeakMb: (rssBaseline + rssPeak) / MB,
    };
}

/** Streams `file` in a fresh Node process (so RSS reflects only that run) and returns its figures. */
function streamInChild(file: string): MemoryFigures {
    const result = childProcess.spawnSync(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), __filename, "--stream-child", file],
        { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (result.status !== 0) {
        throw new Error(`streaming child failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout.trim().split("\n").pop() as string) as MemoryFigures;
}

/** Feeds `n` evenly spaced requests over 30 days to one twin and returns the peak heap retained after a full GC. */
function twinRetainedHeap(stack: Awaited<ReturnType<typeof recordStack>>, n: number): number {
    const start = Date.UTC(2025, 0, 6) / 1000;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const run = new TwinRun(stack.resources, { start, end: start + DAYS * 86_400, keepOutcomes: false, keepEvents: false });
    let peak = 0;
    const component = stack.componentNames.model;
    for (let i = 0; i < n; i++) {
        run.feed({ time: start + (i * DAYS * 86_400) / n, component, durationSeconds: 1 });
        if (i % (1 << 18) === 0) {
            gc();
            peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        }
    }
    run.finish();
    return peak;
}

async function main(): Promise<void> {
    const child = process.argv.indexOf("--stream-child");
    if (child >= 0) {
        console.log(JSON.stringify(await streamCsv(process.argv[child + 1])));
        return;
    }
    console.log(`Planner benchmark on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
    console.log(`Traffic: ${DAYS} days of weekday business hours (generated, seed 1), ${ENDPOINT.instanceType}`);
    console.log(`Load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other processes slow the figures down)\n`);

    console.log("1. Simulation speed (generation included)");
    const rows: [string, number, { seconds: number; simulated: number; summary: string }][] = [];
    for (const [label, modes] of [
        ["1 mode", ONE_MODE],
        ["6 modes", standardModes()],
    ] as const) {
        // The small run twice: the first includes JIT warm-up; the ratio uses the second.
        for (const [n, run] of [
            [SMALL, "cold"],
            [SMALL, "warm"],
            [LARGE, "warm"],
        ] as const) {
            const r = await simulate(n, [...modes]);
            if (run === "warm") {
                rows.push([label, n, r]);
            }
            console.log(
                `   ${label.padEnd(8)} ${run} ${fmt(r.simulated).padStart(11)} requests  ${r.seconds.toFixed(2).padStart(6)} s  ` +
                    `${fmt(Math.round(r.simulated / r.seconds)).padStart(11)} requests/s   ${r.summary}`,
            );
        }
    }
    for (const label of ["1 mode", "6 modes"]) {
        const [small, large] = rows.filter((r) => r[0] === label).map((r) => r[2].seconds);
        console.log(`   ${label}: ${fmt(LARGE)} / ${fmt(SMALL)} requests took ${(large / small).toFixed(1)}× as long`);
    }

    console.log("\n2. Memory while streaming a CSV trace (one mode; each file streamed in a fresh process)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-planner-"));
    try {
        const figures: MemoryFigures[] = [];
        // The third file has the large count at the small file's rate (10× the days): it tells growth with the
        // number of requests (a leak) from growth with the request rate (more requests waiting in one cold start).
        for (const [n, days] of [
            [SMALL, DAYS],
            [LARGE, DAYS],
            [LARGE, DAYS * (LARGE / SMALL)],
        ] as const) {
            const file = path.join(dir, `traffic-${n}-${days}d.csv`);
            const writeStarted = process.hrtime.bigint();
            const lines = await writeCsv(file, n, days);
            const size = fs.statSync(file).size / MB;
            console.log(`   wrote ${fmt(lines)} lines over ${days} days (${size.toFixed(0)} MB) in ${seconds(writeStarted).toFixed(1)} s`);
            const m = streamInChild(file);
            figures.push(m);
            console.log(
                `   streamed ${fmt(m.lines)} requests in ${m.seconds.toFixed(1)} s: retained heap +${m.retainedHeapDeltaMb.toFixed(1)} MB ` +
                    `(baseline ${m.heapBaselineMb.toFixed(1)} MB), RSS ${m.rssBeforeMb.toFixed(0)} → peak ${m.rssPeakMb.toFixed(0)} MB`,
            );
            fs.rmSync(file);
        }
        const [a, b, c] = figures;
        const compare = (x: MemoryFigures, y: MemoryFigures, label: string) =>
            console.log(
                `   ${label}: retained heap delta ${x.retainedHeapDeltaMb.toFixed(1)} vs ${y.retainedHeapDeltaMb.toFixed(1)} MB, ` +
                    `RSS growth ${(x.rssPeakMb - x.rssBeforeMb).toFixed(1)} vs ${(y.rssPeakMb - y.rssBeforeMb).toFixed(1)} MB`,
            );
        compare(b, a, `${fmt(b.lines)} vs ${fmt(a.lines)} lines, same ${DAYS} days`);
        compare(c, a, `${fmt(c.lines)} vs ${fmt(a.lines)} lines, same rate`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log("\n3. The twin alone (in process, one mode): retained heap after GC while feeding generated requests");
    const bench = await recordStack("bench", CONFIG);
    for (const n of [SMALL, LARGE]) {
        console.log(`   ${fmt(n)} requests: peak retained heap +${(twinRetainedHeap(bench, n) / MB).toFixed(1)} MB`);
    }
    console.log(`\nLoad average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
