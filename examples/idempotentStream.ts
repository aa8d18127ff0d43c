// Idempotent writes keyed by a deterministic id. A file sink with a checkpoint writes
// each input row exactly once, but many sinks do not (a table appended by several jobs,
// a replay after the checkpoint was lost): there, give every event an id computed from
// its content (a hash of its key columns) and write only ids the target does not have.
// Re-running the merge, or replaying the same events, then never duplicates a row.
//
// Used by test/integration/idempotentStream.test.ts; see docs/streaming.md.
import type { SparkSession } from "../src/index.js";
import { col, concatWs, sha2 } from "../src/functions/index.js";

/** Streams the JSON events of `inDir` into Parquet files at `staging`, each with its deterministic `event_id`. */
export async function stageEvents(spark: SparkSession, inDir: string, staging: string, checkpoint: string): Promise<void> {
  const query = await spark.readStream
    .schema("user STRING, ts TIMESTAMP, action STRING")
    .json(inDir)
    .withColumn("event_id", sha2(concatWs("|", col("user"), col("ts").cast("string"), col("action")), 256))
    .writeStream.format("parquet")
    .checkpointLocation(checkpoint)
    .trigger({ availableNow: true })
    .start(staging);
  await query.awaitTermination();
}

/** Adds the staged events whose id `target` does not have yet (once each, however often it runs). */
export async function mergeIntoTarget(spark: SparkSession, staging: string, target: string): Promise<void> {
  await spark.sql(`CREATE TABLE IF NOT EXISTS ${target} (event_id STRING, user STRING, ts TIMESTAMP, action STRING) USING parquet`);
  await spark.sql(
    `INSERT INTO ${target}
     SELECT DISTINCT s.event_id, s.user, s.ts, s.action
     FROM parquet.\`${staging}\` s LEFT ANTI JOIN ${target} t ON s.event_id = t.event_id`,
  );
}
