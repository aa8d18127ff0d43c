// Structured Streaming's sources, sinks and triggers against the real server: every file
// shortcut of readStream and readStream.table; json files with partitioning, the console
// and table sinks; the availableNow, processingTime and continuous triggers; source
// options passed through; a stream-stream outer join bounded by watermarks and time.
import test from "ava";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataFrame } from "../../src/index.js";
import { expr } from "../../src/functions/index.js";
import { connect } from "../support/server.js";

const spark = await connect();
await spark.conf.set("spark.sql.shuffle.partitions", "2");
const dir = mkdtempSync(join(tmpdir(), "sc-streaming-sinks-"));
const tables = ["sinks_source_table", "sinks_target_table"];

test.after.always(async () => {
  for (const q of await spark.streams.active().catch(() => [])) await q.stop().catch(() => undefined);
  for (const t of tables) await spark.sql(`DROP TABLE IF EXISTS ${t}`).collect().catch(() => undefined);
  await spark.close();
  rmSync(dir, { recursive: true, force: true });
});

let drained = 0;
/** Runs the stream over what its source holds now (availableNow) into a memory table and returns the rows, sorted. */
async function drain(df: DataFrame<unknown>, orderBy: string): Promise<Record<string, unknown>[]> {
  const name = `drained_${++drained}`;
  const q = await df.writeStream.format("memory").queryName(name).trigger({ availableNow: true }).start();
  try {
    if (!(await q.awaitTermination(120_000))) throw new Error(`${name} did not finish within 120 s`);
  } finally {
    await q.stop();
  }
  return (await spark.sql(`SELECT * FROM ${name} ORDER BY ${orderBy}`).collect()).map((r) => ({ ...r }));
}

test.serial("file sources: the csv, parquet, orc and text shortcuts and readStream.table read what the batch writer wrote", async (t) => {
  const data = spark.createDataFrame([{ id: 1, v: "a" }, { id: 2, v: "b" }, { id: 3, v: "c" }], "id INT, v STRING");
  const expected = [{ id: 1, v: "a" }, { id: 2, v: "b" }, { id: 3, v: "c" }];
  const schema = "id INT, v STRING";
  await data.write.option("header", true).csv(join(dir, "csv"));
  await data.write.parquet(join(dir, "parquet"));
  await data.write.orc(join(dir, "orc"));
  await data.selectExpr("concat(id, ':', v) AS value").write.text(join(dir, "text"));
  await data.write.format("parquet").saveAsTable("sinks_source_table");

  t.deepEqual(await drain(spark.readStream.schema(schema).option("header", true).csv(join(dir, "csv")), "id"), expected);
  t.deepEqual(await drain(spark.readStream.schema(schema).parquet(join(dir, "parquet")), "id"), expected);
  t.deepEqual(await drain(spark.readStream.schema(schema).orc(join(dir, "orc")), "id"), expected);
  t.deepEqual(await drain(spark.readStream.text(join(dir, "text")), "value"), [{ value: "1:a" }, { value: "2:b" }, { value: "3:c" }]);
  const fromTable = spark.readStream.table("sinks_source_table");
  t.true(await fromTable.isStreaming());
  t.deepEqual(await drain(fromTable, "id"), expected);
  t.deepEqual(await spark.readStream.schema(schema).parquet(join(dir, "parquet")).columns(), ["id", "v"]);
});

test.serial("a json sink partitioned by a column, and toTable into a table the batch API reads", async (t) => {
  const inDir = join(dir, "events-in");
  mkdirSync(inDir);
  writeFileSync(join(inDir, "a.json"), [1, 2, 3, 4].map((id) => JSON.stringify({ id, day: id % 2 === 0 ? "even" : "odd" })).join("\n") + "\n");
  const source = spark.readStream.schema("id INT, day STRING").json(inDir);

  const out = join(dir, "events-json");
  const q = await source.writeStream.format("json").partitionBy("day").checkpointLocation(join(dir, "events-json-chk")).start(out);
  try {
    await q.processAllAvailable({ timeout: 120_000 });
  } finally {
    await q.stop();
  }
  t.deepEqual(readdirSync(out).filter((f) => f.startsWith("day=")).sort(), ["day=even", "day=odd"]);
  const written = await spark.read.schema("id INT").json(join(out, "day=even")).orderBy("id").collect();
  t.deepEqual(written.map((r) => r["id"]), [2, 4]);

  const toTable = await source.writeStream.checkpointLocation(join(dir, "events-table-chk")).toTable("sinks_target_table");
  try {
    await toTable.processAllAvailable({ timeout: 120_000 });
    t.deepEqual((await spark.table("sinks_target_table").orderBy("id").collect()).map((r) => r["id"]), [1, 2, 3, 4]);
  } finally {
    await toTable.stop();
  }
});

test.serial("the console sink prints each batch on the server; its progress names the sink", async (t) => {
  const q = await spark.readStream
    .format("rate-micro-batch")
    .options({ rowsPerBatch: 5, numPartitions: 1 })
    .load()
    .writeStream.format("console")
    .option("numRows", 2)
    .trigger({ once: true })
    .start();
  try {
    t.true(await q.awaitTermination(60_000));
    const last = await q.lastProgress();
    t.is(last?.numInputRows, 5n);
    t.regex(last?.sink.description ?? "", /console/i);
  } finally {
    await q.stop();
  }
  t.is(await q.exception(), null);
});

test.serial("triggers: availableNow runs one batch per file then stops; processingTime and continuous run until stopped", async (t) => {
  const inDir = join(dir, "triggers-in");
  mkdirSync(inDir);
  for (const name of ["a", "b", "c"]) writeFileSync(join(inDir, `${name}.json`), `{"id":1}\n`);
  const files = spark.readStream.schema("id INT").option("maxFilesPerTrigger", 1).json(inDir);
  const availableNow = await files.writeStream.format("noop").trigger({ availableNow: true }).start();
  t.true(await availableNow.awaitTermination(120_000), "availableNow stops by itself");
  const batches = (await availableNow.recentProgress()).filter((p) => p.numInputRows > 0n);
  t.is(batches.length, 3, "maxFilesPerTrigger is kept: one batch per file");

  const timed = await files.writeStream.format("noop").trigger({ processingTime: "200 milliseconds" }).start();
  try {
    await timed.processAllAvailable({ timeout: 120_000 });
    t.true(await timed.isActive(), "a processingTime query keeps running");
    t.is((await timed.recentProgress()).reduce((n, p) => n + p.numInputRows, 0n), 3n);
  } finally {
    await timed.stop();
  }

  const continuous = await spark.readStream.format("rate").option("rowsPerSecond", 10).load().writeStream.format("console").trigger({ continuous: "1 second" }).start();
  try {
    t.true(await continuous.isActive());
    t.false(await continuous.awaitTermination(2_000), "a continuous query runs until stopped");
    t.regex(await continuous.explain(), /continuous/i);
  } finally {
    await continuous.stop();
  }
  t.is(await continuous.exception(), null);
  t.false(await continuous.isActive());
});

test.serial("source options pass through: latestFirst with maxFilesPerTrigger reads the newest file first", async (t) => {
  const inDir = join(dir, "latest-in");
  mkdirSync(inDir);
  writeFileSync(join(inDir, "old.json"), `{"id":1}\n`);
  writeFileSync(join(inDir, "new.json"), `{"id":2}\n{"id":3}\n{"id":4}\n`);
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(join(inDir, "old.json"), hourAgo, hourAgo);
  const sizes = async (latestFirst: boolean) => {
    const q = await spark.readStream
      .schema("id INT")
      .options({ maxFilesPerTrigger: 1, latestFirst })
      .json(inDir)
      .writeStream.format("noop")
      .trigger({ availableNow: true })
      .start();
    t.true(await q.awaitTermination(120_000));
    return (await q.recentProgress()).map((p) => p.numInputRows).filter((n) => n > 0n);
  };
  t.deepEqual(await sizes(true), [3n, 1n], "newest first");
  t.deepEqual(await sizes(false), [1n, 3n], "oldest first (the default)");
});

test.serial("a stream-stream left outer join with watermarks and a time bound: an unmatched row comes out, with nulls, once the watermark passes its bound", async (t) => {
  const impressions = join(dir, "impressions");
  const clicks = join(dir, "clicks");
  mkdirSync(impressions);
  mkdirSync(clicks);
  const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, 0) + s * 1000).toISOString();
  const add = (d: string, name: string, rows: object[]) => writeFileSync(join(d, `${name}.json`), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  add(impressions, "1", [{ adId: 1, impTime: at(0) }, { adId: 2, impTime: at(0) }]);
  add(clicks, "1", [{ clickAdId: 1, clickTime: at(30) }]);
  const left = spark.readStream.schema("adId INT, impTime TIMESTAMP").json(impressions).withWatermark("impTime", "10 seconds");
  const right = spark.readStream.schema("clickAdId INT, clickTime TIMESTAMP").json(clicks).withWatermark("clickTime", "10 seconds");
  const joined = left.join(right, expr("clickAdId = adId AND clickTime >= impTime AND clickTime <= impTime + interval 1 minute"), "left_outer");
  const q = await joined.selectExpr("adId", "clickAdId").writeStream.format("memory").queryName("ad_clicks").outputMode("append").start();
  const rows = async () => (await spark.sql("SELECT adId, clickAdId FROM ad_clicks ORDER BY adId").collect()).map((r) => ({ ...r }));
  try {
    await q.processAllAvailable({ timeout: 120_000 });
    t.deepEqual(await rows(), [{ adId: 1, clickAdId: 1 }], "ad 2 may still be clicked: nothing yet");
    // Events five minutes later move both watermarks past ad 2's bound (0 s + 1 min).
    add(impressions, "2", [{ adId: 3, impTime: at(300) }]);
    add(clicks, "2", [{ clickAdId: 3, clickTime: at(300) }]);
    await q.processAllAvailable({ timeout: 120_000 });
    const deadline = Date.now() + 60_000;
    let seen = await rows();
    while (seen.length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      seen = await rows();
    }
    t.deepEqual(seen, [
      { adId: 1, clickAdId: 1 },
      { adId: 2, clickAdId: null },
      { adId: 3, clickAdId: 3 },
    ]);
  } finally {
    await q.stop();
  }
});

test.serial("no query left running", async (t) => {
  t.deepEqual((await spark.streams.active()).map((q) => q.name ?? q.id), []);
});
