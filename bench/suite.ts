// The cases of `npm run bench`, each returning its rows of the table. Our side runs in
// this process (bench/cases.ts) except case 5, which needs a fresh process per client.
import { spawn } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { type DataFrame, SparkSession } from "../src/index.js";
import * as ours from "./cases.js";
import { bulkQuery } from "./cases.js";
import {
  alternate,
  cpuNote,
  expectRows,
  fmtN,
  log,
  pySecs,
  secs,
  settings,
  startServer,
  type Variant,
  want,
  withTimeout,
} from "./harness.js";
import { joinChainFrame, timeBuild, wideSelectFrame } from "./planBuild.js";
import { HERE, PySparkWorker, pysparkStreamOnce, type Request } from "./pyspark.js";
import { type Row, row } from "./report.js";
import { median, quantile } from "./stats.js";

/** Cases 1 and 4: toArrow and the raw drain, both clients, at size n. */
export async function bulk(spark: SparkSession, py: PySparkWorker, n: number, reps: number): Promise<Row[]> {
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
export async function collect(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
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
export async function latency(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
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
  /** VmHWM: this process's own peak (see streaming.ts). */
  peakRSS: number;
  /** ru_maxrss, which Linux carries over from the spawning process. */
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
export async function streaming(url: string): Promise<Row[]> {
  const n = settings.nStream;
  let o: StreamRun | undefined;
  let p: StreamRun | undefined;
  // A warm-up pair first (server JIT, page cache), then the measured pair; each run is a fresh process.
  for (const pass of ["warm-up", "measured"]) {
    o = await withTimeout(oursStreamOnce(url, n), "streaming (ours)");
    expectRows("streaming (ours)", n, o.rows);
    p = (await withTimeout(pysparkStreamOnce(url, n), "streaming (PySpark)")) as unknown as StreamRun;
    expectRows("streaming (PySpark)", n, p.rows);
    const peak = (r: StreamRun) => `${r.seconds.toFixed(1)} s, peak RSS ${(r.peakRSS / 2 ** 20).toFixed(0)} MB`;
    log(`streaming N=${fmtN(n)} ${pass}: ours ${peak(o)}; PySpark ${peak(p)}`);
  }
  if (!o || !p) throw new Error("unreachable");
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const tail = (o.trace ?? []).slice(1).map((t) => t.rss);
  const flat = tail.length ? `RSS between 10% and 100% of the rows: ${mb(Math.min(...tail))} to ${mb(Math.max(...tail))}` : "";
  const target = o.peakRSS < 300 * 2 ** 20 ? "Target (flat, under 300 MB) met" : "Target (under 300 MB) NOT met";
  return [
    row({
      case: 5,
      what: `peak RSS of the client process, ${fmtN(n)} rows batch by batch`,
      unit: "bytes",
      ours: o.peakRSS,
      pyspark: p.peakRSS,
      note:
        `${target}. Peak = VmHWM of a fresh process (ru_maxrss is not used: Linux carries it over from the spawning ` +
        `runner). Ours: RSS ${mb(o.rssBaseline)} after connecting, ${flat}; ${o.batches} batches. ` +
        `PySpark: RSS ${mb(p.rssBaseline)} after connecting, iterated through client.to_table_as_iterator() ` +
        "(the batch layer under toLocalIterator(), no per-row conversion; PySpark has no public batch iterator). " +
        `Query: ${ours.streamQuery(n)}.`,
      samples: { oursPeakRSS: [o.peakRSS], pysparkPeakRSS: [p.peakRSS], oursMaxRSS: [o.maxRSS], pysparkMaxRSS: [p.maxRSS] },
    }),
    row({
      case: 5,
      what: `time to iterate ${fmtN(n)} rows`,
      unit: "s",
      ours: o.seconds,
      pyspark: p.seconds,
      note: `The second of two runs each (the first warms the server up). Client CPU time: ours ${o.cpu.toFixed(2)} s, PySpark ${p.cpu.toFixed(2)} s.`,
    }),
  ];
}

/** Case 6: toArrow at the large size, normal server vs one forcing a reattach every second. */
export async function reattach(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
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
export async function planBuild(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
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
