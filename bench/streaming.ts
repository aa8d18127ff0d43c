// Case 5, our side, in a fresh process (peak RSS is per process):
//   node --expose-gc dist/bench/streaming.js <url> <rows>
// Iterates the result batch by batch with `for await (... of df.batches())`, keeping no
// batch, and prints JSON: rows, seconds, RSS before the query, the highest RSS sampled
// (every batch and every 20 ms), the kernel's peak RSS of this process (VmHWM), and an
// RSS trace over the run.
//
// Peak = VmHWM from /proc/self/status, not process.resourceUsage().maxRSS: Linux carries
// ru_maxrss over fork + exec, so a child's maxRSS is at least its parent's peak at spawn
// time (the benchmark runner's, after holding a 10M-row table). maxRSS is still reported.
import { readFileSync } from "node:fs";
import "./http2Window.js";
import { SparkSession } from "../src/index.js";
import { settleHeap, streamQuery } from "./cases.js";

const [url, n] = [process.argv[2], Number(process.argv[3])];
if (!url || !Number.isInteger(n)) {
  console.error("usage: node --expose-gc dist/bench/streaming.js <url> <rows>");
  process.exit(2);
}

/** The kernel's high-water mark of this process's resident set (bytes), or undefined off Linux. */
function vmHWM(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const spark = await SparkSession.connect(url);
await spark.version(); // connect before the baseline
settleHeap();
const rssBaseline = process.memoryUsage.rss();
let peak = rssBaseline;
const sample = () => {
  const r = process.memoryUsage.rss();
  if (r > peak) peak = r;
  return r;
};
const timer = setInterval(sample, 20);
const trace: { rows: number; rss: number }[] = [];
const every = Math.max(1, Math.floor(n / 20));
let nextMark = every;
let rows = 0;
let batches = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
for await (const batch of spark.sql(streamQuery(n)).batches()) {
  rows += batch.numRows;
  batches++;
  const rss = sample();
  if (rows >= nextMark) {
    trace.push({ rows, rss });
    nextMark += every;
  }
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
clearInterval(timer);
await spark.close();
console.log(
  JSON.stringify({
    seconds,
    cpu: (cpu.user + cpu.system) / 1e6,
    rows,
    batches,
    rssBaseline,
    rssPeakSampled: peak,
    peakRSS: vmHWM() ?? peak,
    maxRSS: process.resourceUsage().maxRSS * 1024,
    trace,
  }),
);
