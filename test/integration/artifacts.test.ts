// Artifacts against the real server: createDataFrame past the cache threshold (uploaded in
// chunks, not uploaded twice), a Java UDF from a jar added with addArtifacts, and the
// typed errors of bad files. Every session counts its RPCs with a grpc-js interceptor.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import test, { type ExecutionContext } from "ava";
import * as grpc from "@grpc/grpc-js";
import { makeData, makeVector, vectorFromArray, Utf8, Table } from "apache-arrow";
import { Effect } from "effect";
import { locateSpark } from "../../runtime/SparkHome.js";
import { ArtifactError, col, SparkSession, UnsupportedOperationError } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { callUdf, length, sum } from "../../src/functions/index.js";
import { TEST_RETRY, testUrl } from "../support/server.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spark-artifacts-"));
test.after.always(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What a session sent: calls per RPC, AddArtifacts bytes, the root relation type of each ExecutePlan. */
interface Traffic {
  calls: Record<string, number>;
  uploadedBytes: number;
  relations: string[];
}

/** A session of its own whose RPCs are counted, closed when the test ends. */
async function session(t: ExecutionContext): Promise<{ spark: SparkSession; traffic: Traffic }> {
  const traffic: Traffic = { calls: {}, uploadedBytes: 0, relations: [] };
  const counter: grpc.Interceptor = (options, next) => {
    const method = options.method_definition.path.split("/").pop()!;
    traffic.calls[method] = (traffic.calls[method] ?? 0) + 1;
    return new grpc.InterceptingCall(next(options), {
      sendMessage: (message: any, send) => {
        if (method === "AddArtifacts") {
          const p = message.payload;
          if (p.case === "batch") for (const a of p.value.artifacts) traffic.uploadedBytes += a.data.data.byteLength;
          else if (p.case === "beginChunk") traffic.uploadedBytes += p.value.initialChunk.data.byteLength;
          else if (p.case === "chunk") traffic.uploadedBytes += p.value.data.byteLength;
        }
        if (method === "ExecutePlan") traffic.relations.push(rootLeaf(message.plan?.opType?.value));
        send(message);
      },
    });
  };
  const spark = await SparkSession.connect(testUrl(), { retry: TEST_RETRY, interceptors: [counter] });
  t.teardown(() => spark.close());
  return { spark, traffic };
}

/** The kind of the innermost input relation (following `input` fields) of a plan's root. */
function rootLeaf(rel: any): string {
  let r = rel;
  while (r?.relType?.value?.input !== undefined) r = r.relType.value.input;
  return r?.relType?.case ?? "none";
}

const THRESHOLD = "spark.sql.session.localRelationCacheThreshold";
const CHUNK_ROWS = "spark.sql.session.localRelationChunkSizeRows";

type Row = { id: bigint; x: number | null; s: string | null; tags: string[]; at: Date | null; p: { a: number; b: string } };
const rows: Row[] = Array.from({ length: 20_000 }, (_, i) => ({
  id: BigInt(i) * 3_000_000_000n,
  x: i % 7 === 0 ? null : i / 3,
  s: i % 11 === 0 ? null : `row ${i} · ${"é".repeat(i % 5)}`,
  tags: Array.from({ length: i % 3 }, (_, k) => `t${k}`),
  at: i % 13 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + i * 60_000),
  p: { a: i, b: `b${i}` },
}));
/** Rows compared one by one (timestamps by instant): a difference shows its first row, not a diff of thousands. */
function sameRows(t: ExecutionContext, actual: readonly Row[], expected: readonly Row[]): void {
  const plain = (r: Row) => ({ ...r, at: r.at === null ? null : r.at.getTime() });
  t.is(actual.length, expected.length);
  const at = expected.findIndex((r, i) => !isDeepStrictEqual(plain(actual[i]!), plain(r)));
  if (at >= 0) t.deepEqual(plain(actual[at]!), plain(expected[at]!), `row ${at}`);
  else t.pass();
}
const SCHEMA = "id BIGINT, x DOUBLE, s STRING, tags ARRAY<STRING>, at TIMESTAMP, p STRUCT<a: INT, b: STRING>";

test("createDataFrame past the cache threshold goes up in chunks and round-trips exactly", async (t) => {
  const { spark, traffic } = await session(t);
  await spark.conf.set(THRESHOLD, "65536");
  await spark.conf.set(CHUNK_ROWS, "3000");
  const df = spark.createDataFrame<Row>(rows, SCHEMA);
  sameRows(t, await df.orderBy("id").collect(), rows);
  t.is(traffic.relations.at(-1), "chunkedCachedLocalRelation");
  t.is(traffic.calls["AddArtifacts"], 1);
  t.true(traffic.uploadedBytes > 65536, `${traffic.uploadedBytes} bytes uploaded`);
  // Server-side checksums of the same DataFrame: its rows are not uploaded again.
  const [agg] = await df.agg(sum("p.a").alias("a"), sum(length(col("s"))).alias("chars")).collect();
  t.deepEqual(agg, { a: BigInt((20_000 * 19_999) / 2), chars: BigInt(rows.reduce((n, r) => n + (r.s?.length ?? 0), 0)) });
  t.is(traffic.calls["AddArtifacts"], 1);
  t.is(traffic.calls["ArtifactStatus"], 1);
});

test("the same data again in the session: ArtifactStatus finds every chunk and nothing is uploaded", async (t) => {
  const { spark, traffic } = await session(t);
  await spark.conf.set(THRESHOLD, "65536");
  await spark.conf.set(CHUNK_ROWS, "3000");
  t.is(await spark.createDataFrame(rows, SCHEMA).count(), rows.length);
  const first = traffic.uploadedBytes;
  t.is(traffic.calls["AddArtifacts"], 1);
  const again = spark.createDataFrame(rows, SCHEMA);
  t.is(await again.count(), rows.length);
  t.is(traffic.calls["AddArtifacts"], 1, "no second upload");
  t.is(traffic.calls["ArtifactStatus"], 2);
  t.is(traffic.uploadedBytes, first);
  t.is(traffic.relations.at(-1), "chunkedCachedLocalRelation");
  // Other data (one row changed) shares all chunks but one.
  const changed = rows.map((r, i) => (i === 10_500 ? { ...r, s: "changed" } : r));
  t.is(await spark.createDataFrame(changed, SCHEMA).where(col("s").eq("changed")).count(), 1);
  t.is(traffic.calls["AddArtifacts"], 2);
  t.true(traffic.uploadedBytes - first < first / 3, `${traffic.uploadedBytes - first} bytes for one changed chunk of ${first}`);
});

test("an apache-arrow Table past the threshold keeps its Arrow schema and values", async (t) => {
  const { spark, traffic } = await session(t);
  await spark.conf.set(THRESHOLD, "4096");
  const n = 50_000;
  const table = new Table({
    i: vectorFromArray(Int32Array.from({ length: n }, (_, k) => k - 25_000)),
    f: vectorFromArray(Float64Array.from({ length: n }, (_, k) => k / 7)),
    s: vectorFromArray(Array.from({ length: n }, (_, k) => (k % 9 === 0 ? null : `s${k}`)), new Utf8()),
  });
  const df = spark.createDataFrame(table);
  t.deepEqual(await df.dtypes(), [["i", "int"], ["f", "double"], ["s", "string"]]);
  const back = await df.toArrow();
  t.is(back.numRows, n);
  t.deepEqual([...back.getChild("i")!], [...table.getChild("i")!]);
  t.deepEqual([...back.getChild("f")!], [...table.getChild("f")!]);
  t.deepEqual([...back.getChild("s")!], [...table.getChild("s")!]);
  t.is(traffic.relations.at(-1), "chunkedCachedLocalRelation");
});

test("about 150 MiB at the default threshold: past the 127 MiB one request carries, uploaded and counted exactly", async (t) => {
  const { spark, traffic } = await session(t);
  const n = 1_500_000;
  const text = (k: number) => `${"x".repeat(80)}${k}`;
  // The string column built from its buffers: apache-arrow's builder takes ~15 s for 1.5M strings.
  const offsets = new Int32Array(n + 1);
  const parts: Buffer[] = [];
  for (let k = 0; k < n; k++) {
    const b = Buffer.from(text(k));
    parts.push(b);
    offsets[k + 1] = offsets[k]! + b.byteLength;
  }
  const s = makeVector(makeData({ type: new Utf8(), length: n, valueOffsets: offsets, data: Buffer.concat(parts) }));
  const table = new Table({ id: makeVector(BigInt64Array.from({ length: n }, (_, k) => BigInt(k))), s });
  const df = spark.createDataFrame(table);
  const started = Date.now();
  const [agg] = await df.agg(sum("id").alias("ids"), sum(length(col("s"))).alias("chars")).collect();
  const seconds = (Date.now() - started) / 1000;
  let chars = 0n;
  for (let k = 0; k < n; k++) chars += BigInt(text(k).length);
  t.deepEqual(agg, { ids: BigInt(n) * BigInt(n - 1) / 2n, chars });
  t.true(traffic.uploadedBytes > 127 * 2 ** 20, `${traffic.uploadedBytes} bytes uploaded`);
  t.is(traffic.relations.at(-1), "chunkedCachedLocalRelation");
  t.log(`${(traffic.uploadedBytes / 2 ** 20).toFixed(1)} MiB uploaded and aggregated in ${seconds.toFixed(1)} s`);
});

/** The test's UDF class compiled against the Spark installation's API jar and packed as a jar. */
function strlenJar(): string {
  const home = locateSpark()?.sparkHome;
  const api = home === undefined ? undefined : fs.readdirSync(path.join(home, "jars")).find((f) => f.startsWith("spark-sql-api_"));
  if (home === undefined || api === undefined) throw new Error("No Spark installation with jars/spark-sql-api_*.jar to compile the test UDF against.");
  const classes = path.join(dir, "classes");
  execFileSync("javac", ["--release", "17", "-cp", path.join(home, "jars", api), "-d", classes, path.join("test", "support", "java", "sparkconnectts", "test", "StrLen.java")]);
  const jar = path.join(dir, "strlen.jar");
  execFileSync("jar", ["cf", jar, "-C", classes, "."]);
  return jar;
}

test("a Java UDF from a jar added with addArtifacts, called from SQL and from a DataFrame", async (t) => {
  const { spark, traffic } = await session(t);
  const jar = strlenJar();
  await spark.addArtifacts(jar);
  t.is(traffic.calls["AddArtifacts"], 1);
  await spark.udf.registerJavaFunction("strlen_x", "sparkconnectts.test.StrLen", "INT");
  t.deepEqual(await spark.sql("SELECT strlen_x('abcd') AS n, strlen_x(NULL) AS m").collect(), [{ n: 47, m: null }]);
  const df = spark.createDataFrame([{ w: "a" }, { w: "hello" }]).select(callUdf("strlen_x", "w").alias("n"));
  t.deepEqual(await df.collect(), [{ n: 17 }, { n: 57 }]);
  // Without a return type Spark takes it from the class; the Effect form does the same.
  await Effect.runPromise(Spark.udf.registerJavaFunction(spark.udf, "strlen_y", "sparkconnectts.test.StrLen"));
  t.deepEqual(await spark.sql("SELECT strlen_y('xy') AS n").collect(), [{ n: 27 }]);
});

test("artifacts belong to the session that added them: without the jar the class is unknown", async (t) => {
  const { spark } = await session(t);
  const error = await t.throwsAsync(spark.udf.registerJavaFunction("strlen_z", "sparkconnectts.test.StrLen", "INT"));
  t.regex(error!.message, /sparkconnectts\.test\.StrLen/);
});

test("bad files fail with ArtifactError before anything is sent", async (t) => {
  const { spark, traffic } = await session(t);
  const sub = path.join(dir, "a-directory");
  fs.mkdirSync(sub, { recursive: true });
  const txt = path.join(dir, "notes.txt");
  fs.writeFileSync(txt, "x");
  await t.throwsAsync(spark.addArtifacts(path.join(dir, "missing.jar")), { instanceOf: ArtifactError, message: /does not exist/ });
  await t.throwsAsync(spark.addArtifacts(sub), { instanceOf: ArtifactError, message: /is a directory.*Pack it/ });
  await t.throwsAsync(spark.addArtifacts(txt), { instanceOf: ArtifactError, message: /Pass \{ file: true \}/ });
  const failure = await Effect.runPromise(Effect.flip(Spark.addArtifacts(spark, txt, path.join(dir, "missing.csv"), { file: true })));
  t.true(failure instanceof ArtifactError && failure.path === path.join(dir, "missing.csv"), String(failure));
  t.false("AddArtifacts" in traffic.calls);
  await spark.addArtifacts(txt, { file: true });
  t.is(traffic.calls["AddArtifacts"], 1);
});

test("copyFromLocalToFs to the server's local disk: the server's refusal names the setting that allows it", async (t) => {
  const { spark } = await session(t);
  const src = path.join(dir, "copy.txt");
  fs.writeFileSync(src, "hello\n");
  await t.throwsAsync(spark.copyFromLocalToFs(src, path.join(dir, "copied.txt")), {
    instanceOf: UnsupportedOperationError,
    message: /spark\.connect\.copyFromLocalToFs\.allowDestLocal=true/,
  });
});
