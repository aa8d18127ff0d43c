// `npm run bench`: our client against the PySpark Connect client (pyspark[connect]==4.1.1),
// alternating per repetition against the same local Spark Connect server, after a warm-up.
// Prints a table of medians and ratios (ours / PySpark), writes bench/results/latest.json
// and the generated region of BENCHMARKS.md.
//
// Environment: BENCH_QUICK=1 (small sizes, 1 repetition), BENCH_REPS=<n> (repetitions of
// every timed case), BENCH_CASES=1,3 (only those cases), BENCH_VERBOSE=1 (PySpark's stderr).
// Quick or filtered runs write bench/results/partial.json and leave BENCHMARKS.md alone.
// `npm run bench -- --profile` instead CPU-profiles our side of the bulk cases (see profile.ts).
import { spawn } from "node:child_process";
import os from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Effect } from "effect";
import { type LocalServer, startLocalServer } from "../runtime/LocalServer.js";
import { type DataFrame, SparkSession } from "../src/index.js";
import * as ours from "./cases.js";
import { bulkQuery } from "./cases.js";
import { describeMachine } from "./machine.js";
import { joinChainFrame, timeBuild, wideSelectFrame } from "./planBuild.js";
import { runProfiles } from "./profile.js";
import { HERE, PySparkWorker, pysparkStreamOnce, type Request, ROOT } from "./pyspark.js";
import { type Row, printTable, row, updateMarkdown, writeJson } from "./report.js";
import { median, quantile } from "./stats.js";

const env = process.env;
const QUICK = env["BENCH_QUICK"] === "1";
const REPS = env["BENCH_REPS"] ? Math.max(1, Number(env["BENCH_REPS"])) : undefined;
const ONLY = env["BENCH_CASES"] ? new Set(env["BENCH_CASES"].split(",").map(Number)) : undefined;
const want = (c: number) => ONLY === undefined || ONLY.has(c);

const settings = {
  quick: QUICK,
  warmup: 1,
  repsSmall: REPS ?? (QUICK ? 1 : 5),
  repsLarge: REPS ?? (QUICK ? 1 : 3),
  repsLatency: REPS ?? (QUICK ? 1 : 3),
  nSmall: 1_000_000,
  nLarge: QUICK ? 2_000_000 : 10_000_000,
  nStream: QUICK ? 5_000_000 : 50_000_000,
  latencyCalls: QUICK ? 50 : 300,
  selectWidth: 1000,
  joinCount: 200,
  planInner: 10,
  driverMemory: "4g",
  reattachConf: { "spark.connect.execute.reattachable.senderMaxStreamDuration": "1s" },
};

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const fmtN = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

function startServer(conf: Record<string, string> = {}): Promise<LocalServer> {
  return Effect.runPromise(startLocalServer({ token: false, driverMemory: settings.driverMemory, conf }));
}

/** One measurement: the number reported (seconds unless said otherwise) and the client's CPU seconds. */
interface Measured {
  readonly value: number;
  readonly cpu?: number;
}

interface Variant {
  readonly key: string;
  /** One run (`warm`: the discarded warm-up). */
  readonly run: (warm: boolean) => Promise<Measured | number>;
}

interface Samples {
  readonly values: Record<string, number[]>;
  readonly cpu: Record<string, number[]>;
}

/** Runs the variants in turn, repetition by repetition (warm-up first, discarded). */
async function alternate(label: string, variants: readonly Variant[], reps: number): Promise<Samples> {
  const values: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.key, []]));
  const cpu: Record<string, number[]> = {};
  for (let r = 0; r < settings.warmup + reps; r++) {
    const warm = r < settings.warmup;
    const line: string[] = [];
    for (const v of variants) {
      const res = await v.run(warm);
      const m = typeof res === "number" ? { value: res } : res;
      if (!warm) {
        values[v.key].push(m.value);
        if (m.cpu !== undefined) (cpu[v.key] ??= []).push(m.cpu);
      }
      line.push(`${v.key} ${m.value.toFixed(3)}${m.cpu !== undefined ? ` (cpu ${m.cpu.toFixed(2)})` : ""}`);
    }
    log(`${label} ${warm ? "warm-up" : `rep ${r - settings.warmup + 1}/${reps}`}: ${line.join(", ")}`);
  }
  return { values, cpu };
}

function expectRows(what: string, n: number, got: number | undefined): void {
  if (got !== n) throw new Error(`${what}: expected ${n} rows, got ${got}`);
}

const secs = async (p: Promise<ours.Timed>, what: string, n: number): Promise<Measured> => {
  const r = await p;
  expectRows(what, n, r.rows);
  return { value: r.seconds, cpu: r.cpu };
};

const pySecs = async (py: PySparkWorker, op: "to_arrow" | "collect" | "raw", query: string, n: number): Promise<Measured> => {
  const r = await py.run({ op, query });
  expectRows(`PySpark ${op}`, n, r.rows);
  return { value: r.seconds as number, cpu: r["cpu"] as number };
};

/** "client CPU: ours 1.2 s, PySpark 0.9 s (median per run)" for a row's note. */
function cpuNote(s: Samples, oursKey: string, pyKey: string): string {
  const c = (k: string) => (s.cpu[k] ? `${median(s.cpu[k]).toFixed(2)} s` : "n/a");
  return `Client CPU time per run (median, user+system, all threads): ours ${c(oursKey)}, PySpark ${c(pyKey)}.`;
}

/** Cases 1 and 4: toArrow and the raw drain, both clients, at size n. */
async function bulk(spark: SparkSession, py: PySparkWorker, n: number, reps: number): Promise<Row[]> {
  const q = bulkQuery(n);
  const variants: Variant[] = [
    { key: "ours.toArrow", run: () => secs(ours.toArrow(spark, q), "toArrow", n) },
    { key: "pyspark.toArrow", run: () => pySecs(py, "to_arrow", q, n) },
  ];
  if (want(4)) {
    variants.push(
      { key: "ours.raw", run: () => secs(ours.rawDrain(spark, q), "raw drain", n) },
      { key: "pyspark.raw", run: () => pySecs(py, "raw", q, n) },
    );
  }
  const s = await alternate(`bulk N=${fmtN(n)}`, variants, reps);
  const m = (k: string) => (s.values[k] ? median(s.values[k]) : undefined);
  const rows: Row[] = [];
  if (want(1)) {
    rows.push(
      row({
        case: 1,
        what: `toArrow(), N=${fmtN(n)}`,
        unit: "s",
        ours: m("ours.toArrow"),
        pyspark: m("pyspark.toArrow"),
        note: cpuNote(s, "ours.toArrow", "pyspark.toArrow"),
        samples: s.values,
      }),
    );
  }
  if (want(4)) {
    rows.push(
      row({
        case: 4,
        what: `raw drain, no decoding, N=${fmtN(n)}`,
        unit: "s",
        ours: m("ours.raw"),
        pyspark: m("pyspark.raw"),
        note: cpuNote(s, "ours.raw", "pyspark.raw"),
      }),
    );
    const over = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a / b : undefined);
    rows.push(
      row({
        case: 4,
        what: `toArrow() ÷ raw drain, N=${fmtN(n)}`,
        unit: "x",
        ours: over(m("ours.toArrow"), m("ours.raw")),
        pyspark: over(m("pyspark.toArrow"), m("pyspark.raw")),
        samples: want(1) ? undefined : s.values,
      }),
    );
  }
  return rows;
}

/** Case 2: collect() to row objects. */
async function collect(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
  const n = settings.nSmall;
  const q = bulkQuery(n);
  const s = await alternate(
    `collect N=${fmtN(n)}`,
    [
      { key: "ours.collect", run: () => secs(ours.collect(spark, q), "collect", n) },
      { key: "pyspark.collect", run: () => pySecs(py, "collect", q, n) },
    ],
    settings.repsSmall,
  );
  return [
    row({
      case: 2,
      what: `collect(), N=${fmtN(n)}`,
      unit: "s",
      ours: median(s.values["ours.collect"]),
      pyspark: median(s.values["pyspark.collect"]),
      note: cpuNote(s, "ours.collect", "pyspark.collect"),
      samples: s.values,
    }),
  ];
}

/** Case 3: sequential SELECT 1 round trips; p50/p99 over every call of every repetition. */
async function latency(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
  const count = settings.latencyCalls;
  const rows: Row[] = [];
  for (const prebuilt of [false, true]) {
    const pooled: Record<string, number[]> = { ours: [], pyspark: [] };
    const keep = (k: string, warm: boolean, xs: number[]) => {
      if (!warm) pooled[k].push(...xs);
      return median(xs);
    };
    await alternate(
      `latency ${prebuilt ? "prebuilt df.collect()" : 'sql("SELECT 1").collect()'} x${count}`,
      [
        { key: "ours", run: async (warm) => keep("ours", warm, await ours.latency(spark, "SELECT 1", count, prebuilt)) },
        {
          key: "pyspark",
          run: async (warm) =>
            keep("pyspark", warm, (await py.run({ op: "latency", query: "SELECT 1", count, prebuilt })).samples as number[]),
        },
      ],
      settings.repsLatency,
    );
    const what = prebuilt ? `df.collect(), df = sql("SELECT 1") built once` : `sql("SELECT 1").collect()`;
    const note = prebuilt
      ? "One ExecutePlan per call for both clients."
      : "PySpark's sql() executes eagerly (SqlCommand), so each of its calls is two ExecutePlan round trips; ours is one.";
    for (const q of [0.5, 0.99]) {
      rows.push(
        row({
          case: 3,
          what: `${what}, p${q * 100} of ${count}×${settings.repsLatency}`,
          unit: "s",
          ours: quantile(pooled["ours"], q),
          pyspark: quantile(pooled["pyspark"], q),
          ...(q === 0.5 ? { note } : {}),
        }),
      );
    }
  }
  return rows;
}

interface StreamRun {
  seconds: number;
  cpu: number;
  rows: number;
  batches: number;
  rssBaseline: number;
  rssPeakSampled: number;
  maxRSS: number;
  trace?: { rows: number; rss: number }[];
}

function oursStreamOnce(url: string, n: number): Promise<StreamRun> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--expose-gc", join(HERE, "streaming.js"), url, String(n)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => (code === 0 ? ok(JSON.parse(out) as StreamRun) : fail(new Error(`streaming.js exited ${code}`))));
  });
}

/** Case 5: iterate a long result batch by batch in a fresh process; peak RSS. */
async function streaming(url: string): Promise<Row[]> {
  const n = settings.nStream;
  log(`streaming N=${fmtN(n)}: ours`);
  const o = await oursStreamOnce(url, n);
  expectRows("streaming (ours)", n, o.rows);
  log(`streaming N=${fmtN(n)}: ours ${o.seconds.toFixed(1)} s, maxRSS ${(o.maxRSS / 2 ** 20).toFixed(0)} MB; PySpark`);
  const p = (await pysparkStreamOnce(url, n)) as unknown as StreamRun;
  expectRows("streaming (PySpark)", n, p.rows);
  log(`streaming N=${fmtN(n)}: PySpark ${p.seconds.toFixed(1)} s, maxRSS ${(p.maxRSS / 2 ** 20).toFixed(0)} MB`);
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const tail = (o.trace ?? []).slice(1).map((t) => t.rss);
  const flat = tail.length ? `RSS between 10% and 100% of the rows: ${mb(Math.min(...tail))} to ${mb(Math.max(...tail))}` : "";
  const target = o.maxRSS < 300 * 2 ** 20 ? "target (flat, under 300 MB) met" : "target (under 300 MB) NOT met";
  return [
    row({
      case: 5,
      what: `peak RSS (maxRSS), ${fmtN(n)} rows batch by batch`,
      unit: "bytes",
      ours: o.maxRSS,
      pyspark: p.maxRSS,
      note:
        `${target}. Ours: RSS ${mb(o.rssBaseline)} after connecting, ${flat}; ${o.batches} batches. ` +
        `PySpark: RSS ${mb(p.rssBaseline)} after connecting, iterated through client.to_table_as_iterator() ` +
        "(the batch layer under toLocalIterator(), no per-row conversion; PySpark has no public batch iterator). " +
        `Query: ${ours.streamQuery(n)}.`,
      samples: { ours: [o.maxRSS], pyspark: [p.maxRSS] },
    }),
    row({
      case: 5,
      what: `time to iterate ${fmtN(n)} rows`,
      unit: "s",
      ours: o.seconds,
      pyspark: p.seconds,
      note: `One run each. Client CPU time: ours ${o.cpu.toFixed(2)} s, PySpark ${p.cpu.toFixed(2)} s.`,
    }),
  ];
}

/** Case 6: toArrow at the large size, normal server vs one forcing a reattach every second. */
async function reattach(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
  const n = settings.nLarge;
  const q = bulkQuery(n);
  log("starting the reattach server (senderMaxStreamDuration=1s)");
  const server = await startServer(settings.reattachConf);
  let reattaches = 0;
  const counter: grpc.Interceptor = (options, next) => {
    if (options.method_definition.path.endsWith("/ReattachExecute")) reattaches++;
    return new grpc.InterceptingCall(next(options));
  };
  const sparkB = await SparkSession.connect(server.connectionString(), { interceptors: [counter] });
  const pyB = await PySparkWorker.start(server.connectionString());
  try {
    const perRun: number[] = [];
    const s = await alternate(
      `reattach N=${fmtN(n)}`,
      [
        { key: "ours.normal", run: () => secs(ours.toArrow(spark, q), "toArrow", n) },
        { key: "pyspark.normal", run: () => pySecs(py, "to_arrow", q, n) },
        {
          key: "ours.reattach",
          run: async () => {
            const before = reattaches;
            const t = await secs(ours.toArrow(sparkB, q), "toArrow (reattach)", n);
            perRun.push(reattaches - before);
            return t;
          },
        },
        { key: "pyspark.reattach", run: () => pySecs(pyB, "to_arrow", q, n) },
      ],
      settings.repsLarge,
    );
    const m = (k: string) => median(s.values[k]);
    return [
      row({
        case: 6,
        what: `toArrow(), N=${fmtN(n)}, server ends each stream after 1 s`,
        unit: "s",
        ours: m("ours.reattach"),
        pyspark: m("pyspark.reattach"),
        note: `Our client made ${perRun.join(", ")} ReattachExecute calls per run (warm-up first). ${cpuNote(s, "ours.reattach", "pyspark.reattach")}`,
        samples: s.values,
      }),
      row({
        case: 6,
        what: `reattach cost: forced ÷ normal server, N=${fmtN(n)}`,
        unit: "x",
        ours: m("ours.reattach") / m("ours.normal"),
        pyspark: m("pyspark.reattach") / m("pyspark.normal"),
      }),
    ];
  } finally {
    await sparkB.close().catch(() => {});
    await pyB.stop();
    await server.stop();
  }
}

/** Case 7: build + encode a 1,000-column select and a 200-join plan (client only, no RPC). */
async function planBuild(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
  const { selectWidth: width, joinCount: count, planInner: inner } = settings;
  const bytes: Record<string, unknown> = {};
  const oursRun = (key: string, build: () => DataFrame) => async () => {
    const t = timeBuild(inner, build);
    bytes[key] = t.bytes;
    return t.seconds;
  };
  const pyRun = (key: string, req: Request) => async () => {
    const r = await py.run(req);
    bytes[key] = r["bytes"];
    return r.seconds as number;
  };
  const s = await alternate(
    "plan build",
    [
      { key: "ours.select", run: oursRun("ours.select", () => wideSelectFrame(spark, width)) },
      { key: "pyspark.select", run: pyRun("pyspark.select", { op: "wide_select", width, inner }) },
      { key: "ours.joins", run: oursRun("ours.joins", () => joinChainFrame(spark, count)) },
      { key: "pyspark.joins", run: pyRun("pyspark.joins", { op: "joins", count, inner }) },
    ],
    settings.repsSmall,
  );
  const m = (k: string) => median(s.values[k]);
  const size = (what: string) => `Encoded Plan: ours ${String(bytes[`ours.${what}`])} B, PySpark ${String(bytes[`pyspark.${what}`])} B.`;
  return [
    row({
      case: 7,
      what: `${width}-column select: df.select((id + i) AS c<i>)`,
      unit: "s",
      ours: m("ours.select"),
      pyspark: m("pyspark.select"),
      note: `Building the DataFrame and serialising its Plan, mean of ${inner} builds per run. ${size("select")}`,
      samples: s.values,
    }),
    row({
      case: 7,
      what: `${count} chained joins: df.join(spark.range(10), "id")`,
      unit: "s",
      ours: m("ours.joins"),
      pyspark: m("pyspark.joins"),
      note: size("joins"),
    }),
  ];
}

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
      rows.push(...(await bulk(spark, py, settings.nSmall, settings.repsSmall)));
      rows.push(...(await bulk(spark, py, settings.nLarge, settings.repsLarge)));
    }
    if (want(2)) rows.push(...(await collect(spark, py)));
    if (want(3)) rows.push(...(await latency(spark, py)));
    if (want(5)) rows.push(...(await streaming(url)));
    if (want(7)) rows.push(...(await planBuild(spark, py)));
    if (want(6)) rows.push(...(await reattach(spark, py)));
  } finally {
    await spark?.close().catch(() => {});
    await py?.stop();
    await server.stop();
  }
  if (rows.length === 0) return;
  rows.sort((a, b) => a.case - b.case);
  machine.loadAvgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const full = !QUICK && ONLY === undefined && REPS === undefined;
  const results = {
    startedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    command: "npm run bench",
    settings,
    machine,
    rows,
  };
  const file = join(ROOT, "bench", "results", full ? "latest.json" : "partial.json");
  writeJson(file, results);
  if (full) updateMarkdown(join(ROOT, "BENCHMARKS.md"), results);
  console.log(printTable(rows));
  console.log(`\nOurs / PySpark below 1 means we are faster. Results: ${file}${full ? ", BENCHMARKS.md" : ""}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
