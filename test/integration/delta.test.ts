// A dedicated local server with Delta Lake (`delta: true`): its jars come from the cache
// (downloaded once from Maven Central on a clean machine), path and table writes in
// format("delta"), their history and time travel, and a session that stays usable.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DELTA_VERSION } from "../../runtime/Delta.js";
import type { LocalServer } from "../../runtime/LocalServer.js";
import { SparkSession } from "../../src/index.js";
import { deltaServer } from "../support/dedicatedServer.js";
import { TEST_RETRY } from "../support/server.js";

const dir = mkdtempSync(join(tmpdir(), "spark-delta-"));
let server: LocalServer;
let spark: SparkSession;
test.before(async (t) => {
  const started = Date.now();
  server = await deltaServer(join(dir, "server"));
  t.log(`server with Delta Lake ${server.delta?.version} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  spark = await SparkSession.connect(server.connectionString(), { retry: TEST_RETRY });
});
test.after.always(async () => {
  await spark?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rows = <T>(r: readonly T[]) => r.map((x) => ({ ...x }));

test.serial("the server reports the Delta release and loads Delta's extension and catalog", async (t) => {
  t.is(server.delta?.version, DELTA_VERSION);
  t.is(server.delta?.jars.length, 2);
  t.is(await spark.conf.get("spark.sql.extensions"), "io.delta.sql.DeltaSparkSessionExtension");
  t.is(await spark.conf.get("spark.sql.catalog.spark_catalog"), "org.apache.spark.sql.delta.catalog.DeltaCatalog");
});

test.serial("format('delta').save(path): versions in DESCRIBE HISTORY and time travel with versionAsOf", async (t) => {
  const path = join(dir, "events");
  await spark.range(5).selectExpr("id", "CAST(id * 10 AS INT) AS v").write.format("delta").save(path);
  await spark.range(5, 8).selectExpr("id", "CAST(id * 10 AS INT) AS v").write.format("delta").mode("append").save(path);

  const now = await spark.read.format("delta").load(path).orderBy("id").collect();
  t.deepEqual(rows(now).map((r) => Number(r["id"])), [0, 1, 2, 3, 4, 5, 6, 7]);

  const history = await spark.sql(`DESCRIBE HISTORY delta.\`${path}\``).collect();
  t.deepEqual(history.map((r) => Number(r["version"])).sort(), [0, 1]);
  t.deepEqual(history.map((r) => r["operation"]), ["WRITE", "WRITE"]);

  const v0 = await spark.read.format("delta").option("versionAsOf", 0).load(path).orderBy("id").collect();
  t.deepEqual(rows(v0).map((r) => Number(r["id"])), [0, 1, 2, 3, 4]);
  t.is(await spark.read.format("delta").option("versionAsOf", 1).load(path).count(), 8);
});

test.serial("saveAsTable in format('delta'): a Delta table with history, overwrite and time travel in SQL", async (t) => {
  const table = `delta_orders_${process.pid}`;
  try {
    await spark.range(3).selectExpr("id", "'a' AS tag").write.format("delta").saveAsTable(table);
    await spark.range(10, 12).selectExpr("id", "'b' AS tag").write.format("delta").mode("overwrite").saveAsTable(table);

    const detail = await spark.sql(`DESCRIBE DETAIL ${table}`).collect();
    t.is(detail[0]?.["format"], "delta");
    t.deepEqual(rows(await spark.table(table).orderBy("id").collect()).map((r) => [Number(r["id"]), r["tag"]]), [
      [10, "b"],
      [11, "b"],
    ]);
    const history = await spark.sql(`DESCRIBE HISTORY ${table}`).collect();
    t.is(history.length, 2);
    t.deepEqual(history.map((r) => Number(r["version"])).sort(), [0, 1]);
    const v0 = await spark.sql(`SELECT id, tag FROM ${table} VERSION AS OF 0 ORDER BY id`).collect();
    t.deepEqual(rows(v0).map((r) => [Number(r["id"]), r["tag"]]), [
      [0, "a"],
      [1, "a"],
      [2, "a"],
    ]);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
  }
});

test.serial("writeTo(table).using('delta'): create, append, conditional overwrite and replace on the Delta catalog", async (t) => {
  const table = `delta_v2_${process.pid}`;
  try {
    await spark.range(4).selectExpr("id", "id % 2 AS k").writeTo(table).using("delta").create();
    await spark.range(4, 6).selectExpr("id", "id % 2 AS k").writeTo(table).append();
    t.is(await spark.table(table).count(), 6);
    await spark.range(100, 101).selectExpr("id", "CAST(1 AS BIGINT) AS k").writeTo(table).overwrite("k = 1");
    t.deepEqual(rows(await spark.table(table).orderBy("id").collect()).map((r) => Number(r["id"])), [0, 2, 4, 100]);
    await spark.range(1).selectExpr("id", "CAST(0 AS BIGINT) AS k").writeTo(table).using("delta").replace();
    t.is(await spark.table(table).count(), 1);
    const history = await spark.sql(`DESCRIBE HISTORY ${table}`).collect();
    t.is(history.length, 4, JSON.stringify(history.map((r) => r["operation"])));
    t.is(await spark.sql(`SELECT * FROM ${table} VERSION AS OF 1`).count(), 6);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
  }
});

test.serial("a stream into a Delta path: exactly once across a stop and a restart; the Delta table read as a stream into a Delta table (toTable)", async (t) => {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const inDir = join(dir, "stream-in");
  mkdirSync(inDir);
  const add = (name: string, ids: number[]) => writeFileSync(join(inDir, `${name}.json`), ids.map((id) => JSON.stringify({ id })).join("\n") + "\n");
  const path = join(dir, "stream-delta");
  const writer = spark.readStream.schema("id INT").option("maxFilesPerTrigger", 1).json(inDir).writeStream.format("delta").checkpointLocation(join(dir, "stream-delta-chk"));
  add("a", [1, 2]);
  add("b", [3]);
  let q = await writer.start(path);
  try {
    await q.processAllAvailable({ timeout: 120_000 });
  } finally {
    await q.stop();
  }
  add("c", [4, 5]);
  q = await writer.start(path);
  try {
    await q.processAllAvailable({ timeout: 120_000 });
  } finally {
    await q.stop();
  }
  t.deepEqual(rows(await spark.read.format("delta").load(path).orderBy("id").collect()).map((r) => r["id"]), [1, 2, 3, 4, 5], "every row once");
  const history = await spark.sql(`DESCRIBE HISTORY delta.\`${path}\``).collect();
  t.true(history.every((r) => r["operation"] === "STREAMING UPDATE"), JSON.stringify(history.map((r) => r["operation"])));
  t.is(history.length, 3, "one Delta version per batch (one file per batch)");

  const table = `delta_stream_${process.pid}`;
  try {
    const copy = await spark.readStream.format("delta").load(path).writeStream.format("delta").checkpointLocation(join(dir, "stream-table-chk")).toTable(table);
    try {
      await copy.processAllAvailable({ timeout: 120_000 });
    } finally {
      await copy.stop();
    }
    t.is(await spark.table(table).count(), 5);
    t.is((await spark.sql(`DESCRIBE DETAIL ${table}`).collect())[0]?.["format"], "delta");
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
  }
  t.deepEqual(await spark.streams.active(), [], "no query left running");
});

test.serial("mergeInto a Delta table: update matched rows, insert new ones, delete the target's rows missing from the source", async (t) => {
  const { col } = await import("../../src/index.js");
  const table = `delta_merge_${process.pid}`;
  try {
    await spark.sql("SELECT * FROM VALUES (1, 10), (2, 20), (3, 30) AS t(id, v)").write.format("delta").saveAsTable(table);
    const source = spark.sql("SELECT * FROM VALUES (2, 200), (4, 400) AS s(id, v)").alias("s");
    await source
      .mergeInto(table, col(`${table}.id`).eq(col("s.id")))
      .whenMatched()
      .update({ v: col("s.v").plus(1) })
      .whenNotMatched()
      .insertAll()
      .whenNotMatchedBySource(col(`${table}.id`).eq(1))
      .delete()
      .merge();
    t.deepEqual(rows(await spark.table(table).orderBy("id").collect()), [
      { id: 2, v: 201 },
      { id: 3, v: 30 },
      { id: 4, v: 400 },
    ]);
    const history = await spark.sql(`DESCRIBE HISTORY ${table}`).collect();
    t.is(history[0]?.["operation"], "MERGE");
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
  }
});

test.serial("the session stays usable after the Delta writes, for plain queries and other formats", async (t) => {
  t.deepEqual(await spark.sql("SELECT 1 AS x").collect(), [{ x: 1 }]);
  const path = join(dir, "plain.parquet");
  await spark.range(4).write.parquet(path);
  t.is(await spark.read.parquet(path).count(), 4);
  await t.throwsAsync(spark.read.format("delta").load(join(dir, "no-such-table")).collect());
  t.deepEqual(await spark.sql("SELECT 2 AS x").collect(), [{ x: 2 }]);
});
