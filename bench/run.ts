// `npm run bench`: our client against the PySpark Connect client (pyspark[connect]==4.1.1)
// and, for toArrow, the Go client (bench/go), alternating per repetition against the same
// local Spark Connect server, after a warm-up.
// Prints a table of medians and ratios (ours / PySpark), writes bench/results/latest.json
// (after every case, so a case that fails or hangs loses none of the others) and, when every
// case ran, the generated region of BENCHMARKS.md.
//
// Environment: BENCH_QUICK=1 (small sizes, 1 repetition), BENCH_REPS=<n> (repetitions of
// every timed case), BENCH_CASES=1,3 (only those cases), BENCH_VERBOSE=1 (the peers' stderr),
// BENCH_UPLOAD=0 (skip case 9, the 500 MiB upload) or BENCH_UPLOAD_MB=<MiB> (its size),
// BENCH_GO=0 (no Go peer),
// BENCH_HTTP2_WINDOW=<bytes> (what-if: our client's HTTP/2 flow-control window, see
// http2Window.ts). Such runs write bench/results/partial.json (http2-window-<bytes>.json
// for the what-if) and leave BENCHMARKS.md alone.
// `npm run bench -- --profile` instead CPU-profiles our side of the bulk cases (see profile.ts).
import os from "node:os";
import { join } from "node:path";
import { SparkSession } from "../src/index.js";
import { env, log, ONLY, QUICK, REPS, settings, startServer, want } from "./harness.js";
import { startGoPeer } from "./goPeer.js";
import { Http2Floor } from "./http2Floor.js";
import { http2Window } from "./http2Window.js";
import { describeMachine } from "./machine.js";
import { runProfiles } from "./profile.js";
import { PySparkWorker, ROOT } from "./pyspark.js";
import { type Row, printTable, updateMarkdown, writeJson } from "./report.js";
import { bulk, collect, createDataFrame, latency, type Peers, planBuild, reattach, streaming, upload } from "./suite.js";

async function main(): Promise<void> {
  const started = new Date();
  const machine = describeMachine();
  log(`settings ${JSON.stringify(settings)}`);
  log("starting the local Spark Connect server");
  const server = await startServer();
  const url = server.connectionString();
  log(`server at ${url} (log ${server.logFile})`);
  const rows: Row[] = [];
  const failed: string[] = [];
  const full = !QUICK && ONLY === undefined && REPS === undefined && http2Window === undefined;
  const name = full ? "latest" : http2Window !== undefined ? `http2-window-${http2Window}` : "partial";
  const file = join(ROOT, "bench", "results", `${name}.json`);
  const results = (complete: boolean) => ({
    startedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    command: [
      ...Object.entries(env)
        .filter(([k]) => k.startsWith("BENCH_"))
        .map(([k, v]) => `${k}=${v}`),
      "npm run bench",
    ].join(" "),
    // A run still going, or one with a case that failed, says so; BENCHMARKS.md is written only from a complete run.
    complete,
    ...(failed.length > 0 ? { failed } : {}),
    settings,
    machine,
    rows: [...rows].sort((a, b) => a.case - b.case),
  });
  /**
   * Runs one case: its rows are kept and written at once (a later case that fails or hangs
   * loses nothing); a failure is logged and recorded, and the other cases still run.
   */
  const runCase = async (label: string, make: () => Promise<Row[]>) => {
    try {
      rows.push(...(await make()));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      failed.push(`${label}: ${why}`);
      log(`${label} FAILED: ${why}`);
    }
    writeJson(file, results(false));
  };
  let spark: SparkSession | undefined;
  let py: PySparkWorker | undefined;
  let peers: Peers = {};
  try {
    if (process.argv.includes("--profile")) {
      await runProfiles(url, settings);
      return;
    }
    spark = await SparkSession.connect(url);
    py = await PySparkWorker.start(url);
    const version = await spark.version();
    machine.python = { ...(await py.run({ op: "info" })), sparkServer: version };
    const [s, p] = [spark, py];
    if (want(1) || want(4)) {
      const go = want(1) ? await startGoPeer(url) : undefined;
      if (go) machine.go = { go: go.go, client: go.version };
      peers = { go: go?.worker, goVersion: go?.version, floor: want(4) ? await Http2Floor.connect(url) : undefined };
      await runCase(`cases 1 and 4, N=${settings.nSmall}`, () => bulk(s, p, settings.nSmall, settings.repsSmall, peers));
      await runCase(`cases 1 and 4, N=${settings.nLarge}`, () => bulk(s, p, settings.nLarge, settings.repsLarge, peers));
    }
    if (want(2)) await runCase("case 2", () => collect(s, p));
    if (want(3)) await runCase("case 3", () => latency(s, p));
    if (want(5)) await runCase("case 5", () => streaming(url));
    if (want(7)) await runCase("case 7", () => planBuild(s, p));
    if (want(6)) await runCase("case 6", () => reattach(s, p));
    if (want(8)) await runCase("case 8", () => createDataFrame(s, p));
    if (want(9)) await runCase("case 9", () => upload());
  } finally {
    await spark?.close().catch(() => {});
    await py?.stop();
    await peers.go?.stop();
    await peers.floor?.close();
    await server.stop();
  }
  if (rows.length === 0 && failed.length === 0) return;
  machine.loadAvgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const done = results(failed.length === 0);
  writeJson(file, done);
  if (full && failed.length === 0) updateMarkdown(join(ROOT, "BENCHMARKS.md"), done);
  console.log(printTable(done.rows));
  console.log(`\nOurs / PySpark below 1 means we are faster. Results: ${file}${full && failed.length === 0 ? ", BENCHMARKS.md" : ""}`);
  if (failed.length > 0) {
    console.log(`\n${failed.length} case(s) FAILED, so BENCHMARKS.md was left alone:\n  ${failed.join("\n  ")}`);
    process.exitCode = 1;
  }
}

// Ctrl-C / kill: exit normally so the local servers are stopped (LocalServer's exit hook)
// and the Python children with them.
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => process.exit(130));

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
