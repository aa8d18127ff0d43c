// Structured Streaming against the real server: file and rate sources, file and memory
// sinks, the query's commands, the session's query manager, a failed query's typed error,
// and a restart from the checkpoint that writes every input row exactly once.
import test from "ava";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StreamingQueryError } from "../../src/index.js";
import { col, window } from "../../src/functions/index.js";
import { pin } from "../../src/dsl/index.js";
import { connect } from "../support/server.js";

const spark = await connect();
// Stateful streams keep a state store per shuffle partition: Spark's default 200 makes each batch slow.
await spark.conf.set("spark.sql.shuffle.partitions", "2");
const dir = mkdtempSync(join(tmpdir(), "sc-streaming-"));

test.after.always(async () => {
  for (const q of await spark.streams.active().catch(() => [])) await q.stop().catch(() => undefined);
  await spark.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes JSON Lines files of { id, v } rows into `inDir`, one file per call. */
function addFile(inDir: string, name: string, ids: number[]): void {
  writeFileSync(join(inDir, `${name}.json`), ids.map((id) => JSON.stringify({ id, v: `v${id}` })).join("\n") + "\n");
}

test.serial("a file stream into parquet: exactly once across a stop and a restart from the checkpoint", async (t) => {
  const inDir = join(dir, "in");
  const out = join(dir, "out");
  const chk = join(dir, "chk");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(inDir);
  addFile(inDir, "a", [1, 2, 3]);
  addFile(inDir, "b", [4, 5]);
  const source = spark.readStream.schema("id INT, v STRING").option("maxFilesPerTrigger", 1).json(inDir);
  t.true(await source.isStreaming());
  const writer = source.writeStream.format("parquet").checkpointLocation(chk).queryName("files_to_parquet");
  const first = await writer.start(out);
  try {
    t.is(first.name, "files_to_parquet");
    t.regex(first.id, /^[0-9a-f-]{36}$/);
    await first.processAllAvailable({ timeout: 120_000 });
    t.true(await first.isActive());
    const progress = await first.recentProgress();
    t.true(progress.length >= 2, `one batch per file (maxFilesPerTrigger 1): ${progress.length}`);
    const last = await first.lastProgress();
    t.is(last?.id, first.id);
    t.is(typeof last?.batchId, "bigint", "LONG fields are bigints");
    t.deepEqual(last?.sources[0]?.endOffset, { logOffset: progress.length - 1 }, "the file source's offset, parsed");
    t.regex(await first.explain(), /FileStreamSource|StreamingRelation|MicroBatchScan|json/i);
    const status = await first.status();
    t.is(typeof status.message, "string");
    t.is((await spark.streams.get(first.id))?.runId, first.runId);
    t.true((await spark.streams.active()).some((q) => q.id === first.id));
  } finally {
    await first.stop();
  }
  t.false(await first.isActive());
  t.is(await first.exception(), null);

  // While stopped, more input arrives; the restart resumes from the checkpoint.
  addFile(inDir, "c", [6, 7, 8]);
  const second = await writer.start(out);
  try {
    t.is(second.id, first.id, "the same query (checkpoint) keeps its id");
    t.not(second.runId, first.runId);
    await second.processAllAvailable({ timeout: 120_000 });
  } finally {
    await second.stop();
  }
  const rows = await spark.read.parquet(out).collect();
  const ids = rows.map((r) => r["id"] as number).sort((a, b) => a - b);
  t.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7, 8], "every input row exactly once");
});

test.serial("a rate-micro-batch stream into a memory table: an aggregate in complete mode, one batch (trigger once)", async (t) => {
  const stream = spark.readStream.format("rate-micro-batch").options({ rowsPerBatch: 10, numPartitions: 1 }).load<{ timestamp: Date; value: bigint }>();
  const q = await stream
    .selectExpr("value % 3 AS k", "value")
    .groupBy("k")
    .count()
    .writeStream.format("memory")
    .queryName("rate_counts")
    .outputMode("complete")
    .trigger({ once: true })
    .start();
  try {
    t.true(await q.awaitTermination(60_000), "one batch, then the query stops");
    const rows = await spark.sql("SELECT k, count FROM rate_counts ORDER BY k").collect();
    t.is(rows.length, 3);
    const total = rows.reduce((n, r) => n + Number(r["count"]), 0);
    t.is(total, 10, "one batch of 10 rows");
  } finally {
    await q.stop();
  }
});

test.serial("a failing stream: awaitTermination rejects and exception() is a typed StreamingQueryError with Spark's error class; the session stays usable", async (t) => {
  const q = await spark.readStream
    .format("rate")
    .option("rowsPerSecond", 5)
    .load()
    .selectExpr("raise_error('boom in a stream') AS x")
    .writeStream.format("noop")
    .start();
  const err = await t.throwsAsync(() => q.awaitTermination(60_000));
  t.true(err instanceof StreamingQueryError || /boom in a stream/.test(String(err?.message)), String(err));
  const exception = await q.exception();
  t.true(exception instanceof StreamingQueryError);
  t.regex(exception?.message ?? "", /boom in a stream/);
  t.truthy(exception?.errorClass);
  t.false(await q.isActive());
  t.is(await spark.range(3).count(), 3);
});

test.serial("the query manager: awaitAnyTermination with a timeout, resetTerminated; options are checked", async (t) => {
  await spark.streams.resetTerminated();
  const q = await spark.readStream.format("rate").load().writeStream.format("noop").start();
  try {
    t.false(await spark.streams.awaitAnyTermination(200), "nothing stopped within 200 ms");
    t.false(await q.awaitTermination(100));
    await t.throwsAsync(() => q.awaitTermination(-1), { message: /timeoutMs must be a whole number/ });
    await t.throwsAsync(() => Promise.resolve().then(() => spark.range(1).writeStream.trigger({} as never)), { message: /trigger\(\): give one of/ });
  } finally {
    await q.stop();
  }
  t.true(await spark.streams.awaitAnyTermination(10_000));
  t.deepEqual((await spark.streams.active()).map((x) => x.id).filter((id) => id === q.id), []);
});

test.serial("event-time windows with a watermark in append mode: late rows are dropped, and the state survives a restart", async (t) => {
  const { mkdirSync } = await import("node:fs");
  const inDir = join(dir, "events");
  const out = join(dir, "windows");
  const chk = join(dir, "windows-chk");
  mkdirSync(inDir);
  const event = (name: string, seconds: number[]) =>
    writeFileSync(join(inDir, `${name}.json`), seconds.map((s) => JSON.stringify({ ts: new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString(), n: 1 })).join("\n") + "\n");
  const minimum = 0;
  const start = () =>
    spark.readStream
      .schema("ts TIMESTAMP, n INT")
      .option("maxFilesPerTrigger", 1)
      .json<{ ts: Date; n: number }>(inDir)
      .where((e) => e.n > pin(minimum))
      .withWatermark("ts", "10 seconds")
      .groupBy(window(col("ts"), "10 seconds"))
      .count()
      .selectExpr("window.start AS start", "count")
      .writeStream.format("parquet")
      .outputMode("append")
      .checkpointLocation(chk)
      .start(out);
  event("1", [1, 5, 12]); // watermark 12 - 10 = 2 s: no window closes
  let q = await start();
  try {
    await q.processAllAvailable({ timeout: 120_000 });
    event("2", [25]); // watermark 15 s: [0, 10) closes
    await q.processAllAvailable({ timeout: 120_000 });
    event("3", [3]); // older than the watermark: dropped
    await q.processAllAvailable({ timeout: 120_000 });
  } finally {
    await q.stop();
  }
  // Restart from the checkpoint: the open windows' state ([10, 20) and [20, 30)) is still there.
  event("4", [41]); // watermark 31 s: [10, 20) and [20, 30) close
  q = await start();
  try {
    await q.processAllAvailable({ timeout: 120_000 });
    event("5", [60]); // one more batch, so the closing of the earlier ones is written
    await q.processAllAvailable({ timeout: 120_000 });
  } finally {
    await q.stop();
  }
  const rows = (await spark.read.parquet(out).collect()).map((r) => ({ start: (r["start"] as Date).toISOString().slice(11, 19), count: Number(r["count"]) }));
  rows.sort((a, b) => a.start.localeCompare(b.start));
  t.deepEqual(rows.slice(0, 3), [
    { start: "00:00:00", count: 2 },
    { start: "00:00:10", count: 1 },
    { start: "00:00:20", count: 1 },
  ]);
});

test.serial("dropDuplicatesWithinWatermark and a stream-static join, into a memory table", async (t) => {
  const { mkdirSync } = await import("node:fs");
  const inDir = join(dir, "dups");
  mkdirSync(inDir);
  const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();
  writeFileSync(join(inDir, "a.json"), [1, 2, 1, 3, 2].map((id, i) => JSON.stringify({ id, ts: at(i) })).join("\n") + "\n");
  const names = spark.createDataFrame([{ id: 1, name: "one" }, { id: 2, name: "two" }, { id: 3, name: "three" }], "id INT, name STRING");
  const q = await spark.readStream
    .schema("id INT, ts TIMESTAMP")
    .json(inDir)
    .withWatermark("ts", "1 hour")
    .dropDuplicatesWithinWatermark("id")
    .join(names, "id")
    .select("id", "name")
    .writeStream.format("memory")
    .queryName("deduplicated")
    .start();
  try {
    await q.processAllAvailable({ timeout: 120_000 });
    const rows = await spark.sql("SELECT id, name FROM deduplicated ORDER BY id").collect();
    t.deepEqual(rows, [
      { id: 1, name: "one" },
      { id: 2, name: "two" },
      { id: 3, name: "three" },
    ]);
  } finally {
    await q.stop();
  }
});

test.serial("listener events: started, progress, idle and terminated, as an async iterable and through addListener; leaving stops listening", async (t) => {
  const { mkdirSync } = await import("node:fs");
  const inDir = join(dir, "listened");
  mkdirSync(inDir);
  addFile(inDir, "a", [1, 2, 3]);
  const seen: string[] = [];
  const remove = await spark.streams.addListener({
    onQueryStarted: (e) => seen.push(`started ${e.id} ${e.name}`),
    onQueryProgress: (p) => seen.push(`progress ${p.id}`),
    onQueryIdle: (e) => seen.push(`idle ${e.id}`),
    onQueryTerminated: (e) => seen.push(`terminated ${e.id}`),
  });
  // Idle events come at most once per this interval (default 10 s).
  await spark.conf.set("spark.sql.streaming.noDataProgressEventInterval", "100ms");
  const iterated: string[] = [];
  let queryId = "";
  const reading = (async () => {
    for await (const e of spark.streams.events()) {
      iterated.push(e.type === "progress" ? `progress ${e.progress.id}` : `${e.type} ${e.id}`);
      if (e.type === "terminated" && e.id === queryId) break;
    }
  })();
  // The server's listener bus starts listening shortly after the calls above.
  await new Promise((r) => setTimeout(r, 1500));
  const q = await spark.readStream.schema("id INT, v STRING").json(inDir).writeStream.format("noop").queryName("listened").trigger({ processingTime: "100 milliseconds" }).start();
  queryId = q.id;
  await q.processAllAvailable({ timeout: 60_000 });
  const idleBy = Date.now() + 30_000;
  while (!seen.includes(`idle ${q.id}`) && Date.now() < idleBy) await new Promise((r) => setTimeout(r, 100));
  await q.stop();
  await spark.conf.unset("spark.sql.streaming.noDataProgressEventInterval");
  await Promise.race([reading, new Promise((_, fail) => setTimeout(() => fail(new Error("no terminated event within 30 s")), 30_000))]);
  const deadline = Date.now() + 30_000;
  while (!seen.includes(`terminated ${q.id}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await remove();
  t.log(`iterated: ${iterated.join("; ")} | seen: ${seen.join("; ")} | id ${q.id}`);
  t.is(iterated.find((x) => x.endsWith(q.id)), `started ${q.id}`, "started comes first");
  t.true(seen.includes(`started ${q.id} listened`), seen.join("; "));
  t.true(iterated.includes(`progress ${q.id}`), iterated.join("; "));
  t.true(iterated.includes(`terminated ${q.id}`), iterated.join("; "));
  t.true(iterated.includes(`idle ${q.id}`), iterated.join("; "));
  t.true(seen.includes(`idle ${q.id}`), seen.join("; "));
  t.true(seen.includes(`progress ${q.id}`), seen.join("; "));
  t.true(seen.includes(`terminated ${q.id}`), seen.join("; "));
  t.is(await spark.range(2).count(), 2, "the session stays usable");
});

test.serial("removeListener stops one listener's events; the others keep theirs; removing an unknown listener does nothing", async (t) => {
  const removed: string[] = [];
  const kept: string[] = [];
  const gone = { onQueryStarted: (e: { id: string }) => removed.push(`started ${e.id}`), onQueryTerminated: (e: { id: string }) => removed.push(`terminated ${e.id}`) };
  const stays = { onQueryStarted: (e: { id: string }) => kept.push(`started ${e.id}`), onQueryTerminated: (e: { id: string }) => kept.push(`terminated ${e.id}`) };
  await spark.streams.addListener(gone);
  const removeKept = await spark.streams.addListener(stays);
  await spark.streams.removeListener(gone);
  await spark.streams.removeListener(gone); // a second time: nothing left to remove
  await spark.streams.removeListener({ onQueryStarted: () => undefined });
  await new Promise((r) => setTimeout(r, 1500));
  const q = await spark.readStream.format("rate").load().writeStream.format("noop").start();
  await q.stop();
  const deadline = Date.now() + 30_000;
  while (!kept.includes(`terminated ${q.id}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await removeKept();
  t.deepEqual(kept, [`started ${q.id}`, `terminated ${q.id}`]);
  t.deepEqual(removed, []);
});

test.serial("a stream-stream inner join of two file streams, into a memory table", async (t) => {
  const { mkdirSync } = await import("node:fs");
  const left = join(dir, "left");
  const right = join(dir, "right");
  mkdirSync(left);
  mkdirSync(right);
  writeFileSync(join(left, "a.json"), [1, 2, 3].map((id) => JSON.stringify({ id, l: `l${id}` })).join("\n") + "\n");
  writeFileSync(join(right, "a.json"), [2, 3, 4].map((id) => JSON.stringify({ id, r: `r${id}` })).join("\n") + "\n");
  const ls = spark.readStream.schema("id INT, l STRING").json(left);
  const rs = spark.readStream.schema("id INT, r STRING").json(right);
  const q = await ls.join(rs, "id").writeStream.format("memory").queryName("joined_streams").start();
  try {
    await q.processAllAvailable({ timeout: 120_000 });
    t.deepEqual(await spark.sql("SELECT id, l, r FROM joined_streams ORDER BY id").collect(), [
      { id: 2, l: "l2", r: "r2" },
      { id: 3, l: "l3", r: "r3" },
    ]);
  } finally {
    await q.stop();
  }
  t.deepEqual((await spark.streams.active()).map((x) => x.id).filter((id) => id === q.id), []);
});

test.serial("waits end early: awaitTermination with an aborted signal or a timeout fails typed, the query keeps running, the session stays usable", async (t) => {
  const { InterruptedError, OperationTimeoutError } = await import("../../src/index.js");
  await spark.streams.resetTerminated(); // earlier tests' stopped queries would end awaitAnyTermination at once
  const q = await spark.readStream.format("rate").load().writeStream.format("noop").start();
  try {
    const controller = new AbortController();
    const waiting = q.awaitTermination(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await t.throwsAsync(waiting, { instanceOf: InterruptedError });
    await t.throwsAsync(q.processAllAvailable({ timeout: 1 }), { instanceOf: OperationTimeoutError });
    await t.throwsAsync(spark.streams.awaitAnyTermination(undefined, { timeout: 300 }), { instanceOf: OperationTimeoutError });
    t.true(await q.isActive(), "ending a wait does not stop the query");
    t.is(await spark.range(4).count(), 4);
  } finally {
    await q.stop();
  }
});

test.serial("no query left running", async (t) => {
  t.deepEqual((await spark.streams.active()).map((q) => q.name ?? q.id), []);
});
