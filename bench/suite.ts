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
  cpuOf,
  expectRows,
  fmtN,
  log,
  type Measured,
  medianOf,
  type Samples,
  workerSecs,
  secs,
  settings,
  startServer,
  type Variant,
  want,
  withTimeout,
} from "./harness.js";
import type { Http2Floor } from "./http2Floor.js";
import { joinChainFrame, timeBuild, wideSelectFrame } from "./planBuild.js";
import { HERE, type JsonLineWorker, PySparkWorker, pysparkStreamOnce, type Request } from "./pyspark.js";
import { type Row, row } from "./report.js";
import { median, quantile } from "./stats.js";
import { CREATE_SCHEMA, createFromArrow, createFromRows, makeRows, makeUploadTable, UPLOAD_ROW_BYTES } from "./upload.js";

/** The other measured clients of a run, where they are available. */
export interface Peers {
  /** The Go client (bench/go), unless BENCH_GO=0 or it did not build. */
  readonly go?: JsonLineWorker;
  readonly goVersion?: string;
  /** The node:http2 floor of case 4. */
  readonly floor?: Http2Floor;
}

const over = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a / b : undefined);

/**
 * Cases 1 and 4 at size n: toArrow and the raw drain of both clients, toArrow of the Go
 * peer (when it runs), and the node:http2 floor under the raw drain.
 */
export async function bulk(spark: SparkSession, py: PySparkWorker, n: number, reps: number, peers: Peers): Promise<Row[]> {
  const q = bulkQuery(n);
  const variants: Variant[] = [
    { key: "ours.toArrow", run: () => secs(ours.toArrow(spark, q), "toArrow", n) },
    { key: "pyspark.toArrow", run: () => workerSecs(py, "to_arrow", q, n) },
  ];
  if (want(1) && peers.go) {
    const go = peers.go;
    variants.push({ key: "go.toArrow", run: () => workerSecs(go, "to_arrow", q, n) });
  }
  let floorBytes = 0;
  let floorMessages = 0;
  if (want(4)) {
    variants.push(
      { key: "ours.raw", run: () => secs(ours.rawDrain(spark, q), "raw drain", n) },
      { key: "pyspark.raw", run: () => workerSecs(py, "raw", q, n) },
    );
    if (peers.floor) {
      const floor = peers.floor;
      variants.push({
        key: "floor.raw",
        run: async () => {
          const r = await floor.drain(q);
          expectRows("node:http2 floor", n, r.rows);
          floorBytes = r.bytes;
          floorMessages = r.messages;
          return { value: r.seconds, cpu: r.cpu };
        },
      });
      variants.push({
        key: "floor.assembled",
        run: async () => {
          const r = await floor.drain(q, true);
          expectRows("node:http2 floor (messages assembled)", n, r.rows);
          return { value: r.seconds, cpu: r.cpu };
        },
      });
    }
  }
  const s = await alternate(`bulk N=${fmtN(n)}`, variants, reps);
  const m = (k: string) => medianOf(s, k);
  const c = (k: string) => cpuOf(s, { ours: k }).ours;
  const rows: Row[] = [];
  if (want(1)) {
    rows.push(
      row({
        case: 1,
        what: `toArrow(), N=${fmtN(n)}`,
        unit: "s",
        ours: m("ours.toArrow"),
        pyspark: m("pyspark.toArrow"),
        go: m("go.toArrow"),
        cpu: cpuOf(s, { ours: "ours.toArrow", pyspark: "pyspark.toArrow", go: "go.toArrow" }),
        ...(peers.go ? { note: `Go: ${peers.goVersion}, DataFrame.ToArrow() (not reattachable; the DataFrame is built before the clock, its Sql() runs eagerly).` } : {}),
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
        cpu: cpuOf(s, { ours: "ours.raw", pyspark: "pyspark.raw" }),
      }),
    );
    rows.push(
      row({
        case: 4,
        what: `toArrow() ÷ raw drain, N=${fmtN(n)}`,
        unit: "x",
        ours: over(m("ours.toArrow"), m("ours.raw")),
        pyspark: over(m("pyspark.toArrow"), m("pyspark.raw")),
        cpu: { ours: over(c("ours.toArrow"), c("ours.raw")), pyspark: over(c("pyspark.toArrow"), c("pyspark.raw")) },
        samples: want(1) ? undefined : s.values,
      }),
    );
    if (peers.floor) {
      const floorCpu = c("floor.raw");
      rows.push(
        row({
          case: 4,
          what: `node:http2 floor (no gRPC library, no decoding), N=${fmtN(n)}`,
          unit: "s",
          ours: m("floor.raw"),
          pyspark: undefined,
          cpu: { ours: floorCpu },
          note:
            "The same ExecutePlan sent with plain node:http2 (request framed by hand, not reattachable), DATA frames " +
            `counted up to the trailers: ${floorMessages} gRPC messages, ${(floorBytes / 2 ** 20).toFixed(0)} MiB; ` +
            "same 8 MiB flow-control window as the library. What Node alone spends to receive the result.",
        }),
        row({
          case: 4,
          what: `node:http2 floor, each message copied into memory of its own, N=${fmtN(n)}`,
          unit: "s",
          ours: m("floor.assembled"),
          pyspark: undefined,
          cpu: { ours: c("floor.assembled") },
          note:
            "The floor above, with each gRPC message also copied once into a buffer of its own (Buffer.allocUnsafeSlow), " +
            "as any client that hands whole messages to a parser must: the copy, and the garbage collections its memory " +
            "brings on, are what separate the bare floor from a real client's.",
        }),
        row({
          case: 4,
          what: `raw drain ÷ node:http2 floor, N=${fmtN(n)}`,
          unit: "x",
          ours: over(m("ours.raw"), m("floor.raw")),
          pyspark: over(m("pyspark.raw"), m("floor.raw")),
          cpu: { ours: over(c("ours.raw"), floorCpu), pyspark: over(c("pyspark.raw"), floorCpu) },
          note:
            "Each client's raw drain over the Node floor. Target for ours: client CPU at most 1.15× the floor's " +
            `(${(() => {
              const r = over(c("ours.raw"), floorCpu);
              return r === undefined ? "n/a" : r <= 1.15 ? `met: ${r.toFixed(2)}×` : `not met: ${r.toFixed(2)}×`;
            })()}).`,
        }),
      );
    }
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
      { key: "pyspark.collect", run: () => workerSecs(py, "collect", q, n) },
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
      cpu: cpuOf(s, { ours: "ours.collect", pyspark: "pyspark.collect" }),
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
  const limit = 300 * 2 ** 20;
  const target = (peak: number, what: string) => (peak < limit ? `Target (flat, under 300 MB) met by the ${what}` : `Target (under 300 MB) NOT met by the ${what}`);
  return [
    row({
      case: 5,
      what: `peak RSS of the client process, ${fmtN(n)} rows batch by batch`,
      unit: "bytes",
      ours: o.peakRSS,
      pyspark: p.peakRSS,
      note:
        `${target(o.peakRSS, "kernel's peak")}. Peak = VmHWM of a fresh process (ru_maxrss is not used: Linux carries it over from the spawning ` +
        `runner). Ours: RSS ${mb(o.rssBaseline)} after connecting, ${flat}; ${o.batches} batches. ` +
        `PySpark: RSS ${mb(p.rssBaseline)} after connecting, iterated through client.to_table_as_iterator() ` +
        "(the batch layer under toLocalIterator(), no per-row conversion; PySpark has no public batch iterator). " +
        `Query: ${ours.streamQuery(n)}.`,
      samples: { oursPeakRSS: [o.peakRSS], pysparkPeakRSS: [p.peakRSS], oursMaxRSS: [o.maxRSS], pysparkMaxRSS: [p.maxRSS] },
    }),
    row({
      case: 5,
      what: `peak RSS sampled while iterating ${fmtN(n)} rows`,
      unit: "bytes",
      ours: o.rssPeakSampled,
      pyspark: p.rssPeakSampled,
      note:
        `${target(o.rssPeakSampled, "sampled peak")}. The highest RSS read during the iteration: ours after every batch and ` +
        `every 20 ms (process.memoryUsage.rss()), PySpark after every batch (/proc/self/statm).`,
      samples: { oursPeakSampled: [o.rssPeakSampled], pysparkPeakSampled: [p.rssPeakSampled] },
    }),
    row({
      case: 5,
      what: `time to iterate ${fmtN(n)} rows`,
      unit: "s",
      ours: o.seconds,
      pyspark: p.seconds,
      cpu: { ours: o.cpu, pyspark: p.cpu },
      note: "The second of two runs each (the first warms the server up).",
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
        { key: "pyspark.normal", run: () => workerSecs(py, "to_arrow", q, n) },
        {
          key: "ours.reattach",
          run: async () => {
            const before = reattaches;
            const t = await secs(ours.toArrow(sparkB, q), "toArrow (reattach)", n);
            perRun.push(reattaches - before);
            return t;
          },
        },
        { key: "pyspark.reattach", run: () => workerSecs(pyB, "to_arrow", q, n) },
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
        cpu: cpuOf(s, { ours: "ours.reattach", pyspark: "pyspark.reattach" }),
        note: `Our client made ${perRun.join(", ")} ReattachExecute calls per run (warm-up first).`,
        samples: s.values,
      }),
      row({
        case: 6,
        what: `reattach cost: forced ÷ normal server, N=${fmtN(n)}`,
        unit: "x",
        ours: m("ours.reattach") / m("ours.normal"),
        pyspark: m("pyspark.reattach") / m("pyspark.normal"),
        cpu: {
          ours: over(cpuOf(s, { ours: "ours.reattach" }).ours, cpuOf(s, { ours: "ours.normal" }).ours),
          pyspark: over(cpuOf(s, { ours: "pyspark.reattach" }).ours, cpuOf(s, { ours: "pyspark.normal" }).ours),
        },
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

/**
 * Case 8: createDataFrame of JS objects, ending with count(), against PySpark's
 * createDataFrame of a pandas DataFrame (the form its docs lead with; Arrow-based) and of a
 * list of tuples with the same DDL schema (row by row in Python, the counterpart of JS objects).
 */
export async function createDataFrame(spark: SparkSession, py: PySparkWorker): Promise<Row[]> {
  const n = settings.nCreate;
  log(`making ${fmtN(n)} rows for createDataFrame`);
  const rows = makeRows(n);
  const pyRun = (form: "pandas" | "tuples") => async (): Promise<Measured> => {
    const r = await py.run({ op: "create_df", n, form });
    expectRows(`PySpark createDataFrame(${form})`, n, r.rows);
    return { value: r.seconds as number, cpu: r["cpu"] as number };
  };
  const s = await alternate(
    `createDataFrame N=${fmtN(n)}`,
    [
      { key: "ours.rows", run: () => secs(createFromRows(spark, rows), "createDataFrame(rows)", n) },
      { key: "pyspark.pandas", run: pyRun("pandas") },
      { key: "pyspark.tuples", run: pyRun("tuples") },
    ],
    settings.repsCreate,
  );
  const m = (k: string) => medianOf(s, k);
  const data =
    `Rows { id: i, name: "name-<i>", x: i * 0.25, ts: Date } (${CREATE_SCHEMA}); timed from createDataFrame() to count()'s answer, ` +
    "the data made beforehand; about 40 MB of Arrow, under PySpark's 64 MiB threshold for artifact uploads, so both send it inline.";
  return [
    row({
      case: 8,
      what: `createDataFrame(${fmtN(n)} JS objects).count() vs PySpark from a pandas DataFrame`,
      unit: "s",
      ours: m("ours.rows"),
      pyspark: m("pyspark.pandas"),
      cpu: cpuOf(s, { ours: "ours.rows", pyspark: "pyspark.pandas" }),
      note: `${data} PySpark: spark.createDataFrame(pandas_df) with int64, object (str), float64 and datetime64[ns, UTC] columns (Arrow conversion).`,
      samples: s.values,
    }),
    row({
      case: 8,
      what: `createDataFrame(${fmtN(n)} JS objects).count() vs PySpark from a list of tuples`,
      unit: "s",
      ours: m("ours.rows"),
      pyspark: m("pyspark.tuples"),
      cpu: cpuOf(s, { ours: "ours.rows", pyspark: "pyspark.tuples" }),
      note: "PySpark: spark.createDataFrame(list_of_tuples, the same DDL schema), values of int, str, float and datetime.",
    }),
  ];
}

/**
 * Case 9: a large createDataFrame of Arrow data, ending with count(): ours from an
 * apache-arrow Table, PySpark from a pyarrow Table (which it uploads as chunked artifacts
 * above 64 MiB). Every run, warm-up included, gets a fresh server with a larger heap
 * (settings.uploadDriverMemory), so each one really uploads (no artifact cached by an
 * earlier run) and none pays for the memory an earlier one left on the server; the order
 * of the two clients alternates. Skipped with BENCH_UPLOAD=0; BENCH_UPLOAD_MB sets the size.
 */
export async function upload(): Promise<Row[]> {
  const mib = settings.uploadMiB;
  if (!(mib > 0)) {
    log("case 9 (large upload) skipped: BENCH_UPLOAD=0");
    return [];
  }
  log(`making a ${mib} MiB Arrow table`);
  const table = makeUploadTable(mib);
  const n = table.numRows;
  let oursError: string | undefined;
  let pyBytes = 0;
  /** One run of one client on a server of its own. */
  const onFreshServer = async (run: (url: string) => Promise<Measured>, what: string): Promise<Measured> => {
    const server = await startServer({}, settings.uploadDriverMemory);
    try {
      return await withTimeout(run(server.connectionString()), what);
    } finally {
      await server.stop();
    }
  };
  const ours = (url: string) => async (): Promise<Measured> => {
    // A client that cannot send this much in one plan fails at once; the row says why.
    if (oursError !== undefined) return { value: Number.NaN };
    const spark = await SparkSession.connect(url);
    try {
      return await secs(createFromArrow(spark, table), "createDataFrame(arrowTable)", n);
    } catch (e) {
      oursError = e instanceof Error ? e.message : String(e);
      log(`upload: our createDataFrame(arrowTable) failed: ${oursError}`);
      return { value: Number.NaN };
    } finally {
      await spark.close().catch(() => {});
    }
  };
  const pyspark = (url: string) => async (): Promise<Measured> => {
    const py = await PySparkWorker.start(url);
    try {
      const r = await py.run({ op: "upload", mib });
      expectRows("PySpark createDataFrame(pyarrow.Table)", n, r.rows);
      pyBytes = r["bytes"] as number;
      return { value: r.seconds as number, cpu: r["cpu"] as number };
    } finally {
      await py.stop();
    }
  };
  const s: Samples = { values: { "ours.arrow": [], "pyspark.arrow": [] }, cpu: { "ours.arrow": [], "pyspark.arrow": [] } };
  for (let r = 0; r < settings.warmup + settings.repsUpload; r++) {
    const warm = r < settings.warmup;
    const clients = [
      { key: "ours.arrow", run: ours },
      { key: "pyspark.arrow", run: pyspark },
    ];
    if (r % 2 === 1) clients.reverse();
    const line: string[] = [];
    for (const c of clients) {
      const m = await onFreshServer((url) => c.run(url)(), `upload ${mib} MiB ${c.key}`);
      if (!warm) {
        s.values[c.key]!.push(m.value);
        if (m.cpu !== undefined) s.cpu[c.key]!.push(m.cpu);
      }
      line.push(`${c.key} ${m.value.toFixed(3)}${m.cpu !== undefined ? ` (cpu ${m.cpu.toFixed(2)})` : ""}`);
    }
    log(`upload ${mib} MiB ${warm ? "warm-up" : `rep ${r - settings.warmup + 1}/${settings.repsUpload}`}: ${line.join(", ")}`);
  }
  const size = `${n.toLocaleString("en-US")} rows × (id BIGINT, x DOUBLE, name STRING of 16 chars, ts TIMESTAMP), ${(pyBytes / 2 ** 20).toFixed(0)} MiB in pyarrow (${UPLOAD_ROW_BYTES} B a row)`;
  return [
    row({
      case: 9,
      what: `createDataFrame(${mib} MiB Arrow table).count()`,
      unit: "s",
      ours: medianOf(s, "ours.arrow"),
      pyspark: medianOf(s, "pyspark.arrow"),
      cpu: cpuOf(s, { ours: "ours.arrow", pyspark: "pyspark.arrow" }),
      note:
        `${size}; timed from createDataFrame() to count()'s answer, the table made beforehand; every run on a fresh server ` +
        `with a ${settings.uploadDriverMemory} driver (each uploads all of it). Ours: spark.createDataFrame(apache-arrow Table)` +
        (oursError !== undefined ? ` FAILED, so n/a: ${oursError.replace(/\.$/, "")}` : "") +
        ". PySpark: spark.createDataFrame(pyarrow.Table), sent as chunked artifacts (CachedLocalRelation) above " +
        "spark.sql.session.localRelationCacheThreshold (64 MiB).",
      samples: s.values,
    }),
  ];
}
