// `npm run bench`: our client against the PySpark Connect client (pyspark[connect]==4.1.1)
// and, for toArrow, the Go client (bench/go), alternating per repetition against the same
// local Spark Connect server, after a warm-up.
// Prints a table of medians and ratios (ours / PySpark), writes bench/results/latest.json
// and the generated region of BENCHMARKS.md.
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
    if (want(1) || want(4)) {
      const go = want(1) ? await startGoPeer(url) : undefined;
      if (go) machine.go = { go: go.go, client: go.version };
      peers = { go: go?.worker, goVersion: go?.version, floor: want(4) ? await Http2Floor.connect(url) : undefined };
      rows.push(...(await bulk(spark, py, settings.nSmall, settings.repsSmall, peers)));
      rows.push(...(await bulk(spark, py, settings.nLarge, settings.repsLarge, peers)));
    }
    if (want(2)) rows.push(...(await collect(spark, py)));
    if (want(3)) rows.push(...(await latency(spark, py)));
    if (want(5)) rows.push(...(await streaming(url)));
    if (want(7)) rows.push(...(await planBuild(spark, py)));
    if (want(6)) rows.push(...(await reattach(spark, py)));
    if (want(8)) rows.push(...(await createDataFrame(spark, py)));
    if (want(9)) rows.push(...(await upload()));
  } finally {
    await spark?.close().catch(() => {});
    await py?.stop();
    await peers.go?.stop();
    await peers.floor?.close();
    await server.stop();
  }
  if (rows.length === 0) return;
  rows.sort((a, b) => a.case - b.case);
  machine.loadAvgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const full = !QUICK && ONLY === undefined && REPS === undefined && http2Window === undefined;
  const results = {
    startedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    command: [
      ...Object.entries(env)
        .filter(([k]) => k.startsWith("BENCH_"))
        .map(([k, v]) => `${k}=${v}`),
      "npm run bench",
    ].join(" "),
    settings,
    machine,
    rows,
  };
  const name = full ? "latest" : http2Window !== undefined ? `http2-window-${http2Window}` : "partial";
  const file = join(ROOT, "bench", "results", `${name}.json`);
  writeJson(file, results);
  if (full) updateMarkdown(join(ROOT, "BENCHMARKS.md"), results);
  console.log(printTable(rows));
  console.log(`\nOurs / PySpark below 1 means we are faster. Results: ${file}${full ? ", BENCHMARKS.md" : ""}`);
}

// Ctrl-C / kill: exit normally so the local servers are stopped (LocalServer's exit hook)
// and the Python children with them.
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => process.exit(130));

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
