// One writer for batch and streaming tables: batch writes with table properties; a
// stream's checkpoint location (root + table name) and its two warnings when missing;
// the query's status and stop helpers.
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TableWriter } from "../../src/index.js";
import { connect } from "../support/server.js";

const spark = await connect();
const dir = mkdtempSync(join(tmpdir(), "sc-tablewriter-"));
const writer = new TableWriter(spark);

test.after.always(async () => {
  for (const q of await spark.streams.active().catch(() => [])) await q.stop().catch(() => undefined);
  for (const t of ["tw_batch", "tw_stream", "tw_nochk"]) await Promise.resolve(spark.sql(`DROP TABLE IF EXISTS ${t}`)).catch(() => undefined);
  await spark.close();
  rmSync(dir, { recursive: true, force: true });
});

const properties = async (table: string) =>
  Object.fromEntries((await spark.sql(`SHOW TBLPROPERTIES ${table}`).collect()).map((r) => [r["key"], r["value"]]));

test.serial("a batch DataFrame: written with format, mode and partitioning, table properties set, no warnings", async (t) => {
  const df = spark.createDataFrame([{ id: 1, day: "d1" }, { id: 2, day: "d2" }], "id INT, day STRING");
  const result = await writer.saveDataFrameAsTable(df, "tw_batch", { format: "parquet", mode: "overwrite", partitionBy: ["day"], tableProperties: { product_id: "p-42" } });
  t.deepEqual(result, { streaming: false, query: undefined, checkpointLocation: undefined, warnings: [] });
  t.is(await spark.table("tw_batch").count(), 2);
  t.is((await properties("tw_batch"))["product_id"], "p-42");
});

test.serial("a streaming DataFrame: the checkpoint is <root>/<table>, table properties set, status and stop", async (t) => {
  const inDir = join(dir, "in");
  mkdirSync(inDir);
  writeFileSync(join(inDir, "a.json"), '{"id":1}\n{"id":2}\n');
  const stream = spark.readStream.schema("id INT").json(inDir);
  const result = await writer.saveDataFrameAsTable(stream, "tw_stream", {
    format: "parquet",
    outputMode: "append",
    queryName: "tw_stream_query",
    trigger: { processingTime: "200 milliseconds" },
    options: { checkpointLocation: join(dir, "checkpoints") + "/" },
    tableProperties: { product_id: "p-7" },
  });
  t.true(result.streaming);
  t.deepEqual(result.warnings, []);
  t.is(result.checkpointLocation, join(dir, "checkpoints", "tw_stream"));
  const query = result.query!;
  try {
    await query.processAllAvailable({ timeout: 120_000 });
    t.is(await spark.table("tw_stream").count(), 2);
    t.is((await properties("tw_stream"))["product_id"], "p-7");
    const report = await writer.streamingQueryStatus(query);
    t.is(report.name, "tw_stream_query");
    t.true(report.status.isActive);
    t.is(report.exception, null);
  } finally {
    t.true(await writer.stopStreamingQuery(query, 30_000));
  }
  t.false(await query.isActive());
});

test.serial("a streaming DataFrame without a checkpoint location: both warnings, returned and logged; the stream still starts under the session's checkpoint root", async (t) => {
  const inDir = join(dir, "in2");
  mkdirSync(inDir);
  writeFileSync(join(inDir, "a.json"), '{"id":1}\n');
  await spark.conf.set("spark.sql.streaming.checkpointLocation", join(dir, "session-checkpoints"));
  try {
    const result = await writer.saveDataFrameAsTable(spark.readStream.schema("id INT").json(inDir), "tw_nochk", { format: "parquet" });
    t.deepEqual(result.warnings.map((w) => w.code), ["STREAM_WITHOUT_CHECKPOINT", "NO_CHECKPOINT_LOCATION"]);
    t.regex(result.warnings[0]!.message, /checkpointLocation/);
    t.is(result.checkpointLocation, undefined);
    await result.query!.processAllAvailable({ timeout: 120_000 });
    t.true(await writer.stopStreamingQuery(result.query!));
  } finally {
    await spark.conf.unset("spark.sql.streaming.checkpointLocation");
  }
});

test.serial("no query left running", async (t) => {
  t.deepEqual((await spark.streams.active()).map((q) => q.name ?? q.id), []);
});
