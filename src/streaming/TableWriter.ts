import * as E from "../effect/tableWriter.js";
import type { DataFrame } from "../DataFrame.js";
import { run } from "../internal/run.js";
import type { SparkSession } from "../SparkSession.js";
import type { StreamingQuery } from "./StreamingQuery.js";

/**
 * Writes batch and streaming DataFrames to tables through one method, checking a
 * stream's checkpoint location and reporting on its query (see docs/streaming.md,
 * "One writer for batch and streaming tables").
 *
 * @example
 * ```ts
 * const writer = new TableWriter(spark);
 * const { query, warnings } = await writer.saveDataFrameAsTable(events, "events_dq", {
 *   format: "delta",
 *   outputMode: "append",
 *   options: { checkpointLocation: "/checkpoints/dq" },
 * });
 * ```
 */
export class TableWriter {
  constructor(private readonly spark: SparkSession) {}

  /** Writes a batch DataFrame, or starts a streaming write (see Spark.tables.saveDataFrameAsTable). @example await writer.saveDataFrameAsTable(df, "t", { format: "parquet", mode: "overwrite" }) */
  saveDataFrameAsTable<Row>(df: DataFrame<Row>, table: string, config?: E.TableWriteConfig): Promise<E.TableWriteResult> {
    return run(this.spark.handle, () => E.saveDataFrameAsTable(this.spark, df, table, config));
  }

  /** The query's status, last progress and error. @example await writer.streamingQueryStatus(query) */
  streamingQueryStatus(query: StreamingQuery): Promise<E.StreamingQueryReport> {
    return run(this.spark.handle, () => E.streamingQueryStatus(query));
  }

  /** Stops the query, waiting up to `timeoutMs` for it to end: true when it has. @example await writer.stopStreamingQuery(query, 30_000) */
  stopStreamingQuery(query: StreamingQuery, timeoutMs?: number): Promise<boolean> {
    return run(this.spark.handle, () => E.stopStreamingQuery(query, timeoutMs));
  }
}
