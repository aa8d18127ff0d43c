/**
 * One entry point writing a batch or a streaming DataFrame to a table, with the
 * production checks a streaming write needs (a checkpoint location per table), as
 * Effects. The Promise form is TableWriter (src/streaming/TableWriter.ts).
 */
import * as Effect from "effect/Effect";
import { InvalidOptionError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { DataFrame } from "../DataFrame.js";
import type { OptionValue } from "../DataFrameReader.js";
import type { SaveMode } from "../DataFrameWriter.js";
import type { SparkSession } from "../SparkSession.js";
import type { OutputMode, Trigger } from "../streaming/DataStreamWriter.js";
import type { StreamingQuery, StreamingQueryStatus } from "../streaming/StreamingQuery.js";
import type { StreamingQueryProgress } from "../streaming/progress.js";
import { toDDL } from "../types/ddl.js";
import { isStreaming, schema } from "./dataFrame.js";
import { sql } from "./session.js";
import * as stream from "./streaming.js";
import { saveAsTable } from "./writer.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

/** How to write the table: the common settings, then those only streams use. */
export interface TableWriteConfig {
  /** The table format, e.g. "delta", "parquet". */
  readonly format?: string;
  /** Batch writes: what to do when the table exists (default: error). */
  readonly mode?: SaveMode;
  readonly partitionBy?: readonly string[];
  /** Writer options; for streams, `checkpointLocation` is a root: the table's name is appended. */
  readonly options?: Readonly<Record<string, OptionValue>>;
  /** Table properties set on the table (e.g. a product id), for batch and streaming writes. */
  readonly tableProperties?: Readonly<Record<string, string>>;
  readonly outputMode?: OutputMode;
  readonly queryName?: string;
  readonly trigger?: Trigger;
}

/** A check a streaming write did not pass, also logged as a warning. */
export interface TableWriteWarning {
  /** `STREAM_WITHOUT_CHECKPOINT`: found when the DataFrame is detected as a stream; `NO_CHECKPOINT_LOCATION`: while its options are read. */
  readonly code: "STREAM_WITHOUT_CHECKPOINT" | "NO_CHECKPOINT_LOCATION";
  readonly message: string;
}

/** What a table write did. */
export interface TableWriteResult {
  readonly streaming: boolean;
  /** The started query, for a streaming DataFrame. */
  readonly query: StreamingQuery | undefined;
  /** The checkpoint location used: the configured root with the table's name appended. */
  readonly checkpointLocation: string | undefined;
  readonly warnings: readonly TableWriteWarning[];
}

const EARLY =
  "PRODUCTION BEST PRACTICE WARNING: Streaming DataFrame detected without checkpointLocation! Streaming queries need a " +
  "checkpoint location to ensure fault tolerance, exactly-once processing, and proper recovery after failures. Add " +
  "'checkpointLocation' to your streaming config options.";
const OPTIONS =
  "PRODUCTION WARNING: No checkpointLocation specified for streaming DataFrame. For production workloads, it is strongly " +
  "recommended to set a dedicated checkpoint location per job, on durable storage, so the stream recovers after failures.";

const quoteName = (name: string) => name.split(".").map((p) => "`" + p.replace(/`/g, "``") + "`").join(".");
const sqlString = (s: string) => "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";

function setProperties(spark: SparkSession, table: string, properties: Readonly<Record<string, string>>): Eff<void> {
  const entries = Object.entries(properties);
  if (entries.length === 0) return Effect.void;
  return Effect.asVoid(sql(spark, `ALTER TABLE ${quoteName(table)} SET TBLPROPERTIES (${entries.map(([k, v]) => `${sqlString(k)} = ${sqlString(v)}`).join(", ")})`));
}

/**
 * Writes `df` to `table`: a batch DataFrame with `df.write` (format, mode, partitionBy,
 * options, then the table properties); a streaming one with `df.writeStream` (output
 * mode, trigger, query name, options, the checkpoint location `<root>/<table>`),
 * creating the table first when it has properties to set. For a stream without a
 * checkpoint location, two warnings are logged and returned; "Using checkpoint location:
 * ..." is logged otherwise.
 *
 * @example
 * ```ts
 * const { query } = yield* Spark.tables.saveDataFrameAsTable(spark, events, "events_dq", {
 *   format: "delta", outputMode: "append", trigger: { processingTime: "10 seconds" },
 *   options: { checkpointLocation: "/checkpoints/dq" },
 * });
 * ```
 */
export const saveDataFrameAsTable = <Row>(spark: SparkSession, df: DataFrame<Row>, table: string, config: TableWriteConfig = {}): Eff<TableWriteResult> =>
  Effect.gen(function* () {
    if (typeof table !== "string" || table === "") return yield* Effect.fail(new InvalidOptionError({ message: "saveDataFrameAsTable(): give the table's name." }));
    const options = config.options ?? {};
    const streaming = yield* isStreaming(df);
    if (!streaming) {
      let w = df.write;
      if (config.format !== undefined) w = w.format(config.format);
      if (config.mode !== undefined) w = w.mode(config.mode);
      if (config.partitionBy !== undefined && config.partitionBy.length > 0) w = w.partitionBy(...config.partitionBy);
      w = w.options(options);
      yield* saveAsTable(w, table);
      yield* setProperties(spark, table, config.tableProperties ?? {});
      return { streaming: false, query: undefined, checkpointLocation: undefined, warnings: [] };
    }
    const warnings: TableWriteWarning[] = [];
    const root = options["checkpointLocation"];
    if (root === undefined || root === "") {
      warnings.push({ code: "STREAM_WITHOUT_CHECKPOINT", message: EARLY });
      yield* Effect.logWarning(EARLY).pipe(Effect.annotateLogs({ table, code: "STREAM_WITHOUT_CHECKPOINT" }));
    }
    const { checkpointLocation: _root, ...rest } = options;
    let checkpointLocation: string | undefined;
    if (root === undefined || root === "") {
      warnings.push({ code: "NO_CHECKPOINT_LOCATION", message: OPTIONS });
      yield* Effect.logWarning(OPTIONS).pipe(Effect.annotateLogs({ table, code: "NO_CHECKPOINT_LOCATION" }));
    } else {
      checkpointLocation = `${String(root).replace(/\/+$/, "")}/${table}`;
      yield* Effect.logInfo(`Using checkpoint location: ${checkpointLocation}`).pipe(Effect.annotateLogs({ table }));
    }
    const properties = config.tableProperties ?? {};
    if (Object.keys(properties).length > 0) {
      const ddl = toDDL(yield* schema(df));
      const using = config.format === undefined ? "" : ` USING ${config.format}`;
      const partitioned = config.partitionBy && config.partitionBy.length > 0 ? ` PARTITIONED BY (${config.partitionBy.map(quoteName).join(", ")})` : "";
      yield* sql(spark, `CREATE TABLE IF NOT EXISTS ${quoteName(table)} (${ddl})${using}${partitioned}`);
      yield* setProperties(spark, table, properties);
    }
    let w = df.writeStream.options(rest);
    if (config.format !== undefined) w = w.format(config.format);
    if (config.outputMode !== undefined) w = w.outputMode(config.outputMode);
    if (config.queryName !== undefined) w = w.queryName(config.queryName);
    if (config.trigger !== undefined) w = w.trigger(config.trigger);
    if (config.partitionBy !== undefined && config.partitionBy.length > 0) w = w.partitionBy(...config.partitionBy);
    if (checkpointLocation !== undefined) w = w.checkpointLocation(checkpointLocation);
    const query = yield* stream.toTable(w, table);
    return { streaming: true, query, checkpointLocation, warnings };
  });

/** A streaming query's state in one call: status, last progress and the error it stopped with. */
export interface StreamingQueryReport {
  readonly id: string;
  readonly name: string | undefined;
  readonly status: StreamingQueryStatus;
  readonly lastProgress: StreamingQueryProgress | null;
  readonly exception: string | null;
}

/** The query's status, last progress and error, together. @example yield* Spark.tables.streamingQueryStatus(query) */
export const streamingQueryStatus = (query: StreamingQuery): Eff<StreamingQueryReport> =>
  Effect.map(
    Effect.all([stream.status(query), stream.lastProgress(query), stream.exception(query)]),
    ([status, lastProgress, exception]) => ({ id: query.id, name: query.name, status, lastProgress, exception: exception?.message ?? null }),
  );

/**
 * Stops the query and waits up to `timeoutMs` for it to end: true when it has.
 *
 * @example
 * ```ts
 * const stopped = yield* Spark.tables.stopStreamingQuery(query, 30_000);
 * ```
 */
export const stopStreamingQuery = (query: StreamingQuery, timeoutMs = 30_000): Eff<boolean> =>
  Effect.flatMap(stream.stop(query), () => Effect.map(stream.status(query), (s) => !s.isActive)).pipe(
    Effect.flatMap((stopped) => (stopped ? Effect.succeed(true) : stream.awaitTermination(query, timeoutMs).pipe(Effect.catch(() => Effect.succeed(false))))),
  );
