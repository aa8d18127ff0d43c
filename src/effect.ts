/**
 * The Effect API: the same sessions and DataFrames as the Promise API, with every server
 * operation as an Effect (failures typed as `SparkConnectFailure`, interruption stops the
 * operation on the server) and results as Streams. DataFrame and session operations are
 * top-level functions; the catalog, writers, configuration and statistics are namespaces
 * named after the objects they act on (`Spark.catalog`, `Spark.write`, `Spark.writeTo`,
 * `Spark.conf`, `Spark.stat`).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect";
 * import * as Spark from "spark-connect-ts/effect";
 *
 * const program = Effect.gen(function* () {
 *   const spark = yield* Spark.connect("sc://localhost:15002");
 *   yield* Spark.sql(spark, "CREATE TABLE IF NOT EXISTS t (id INT) USING parquet");
 *   yield* Spark.write.saveAsTable(spark.range(10).write.mode("overwrite"), "t2");
 *   const tables = yield* Spark.catalog.listTables(spark.catalog);
 *   return yield* Spark.collect(spark.sql("SELECT 1 AS x"));
 * });
 * await Effect.runPromise(Effect.scoped(program)); // [{ x: 1 }]
 * ```
 */
import * as Effect from "effect/Effect";
import type { SparkConnectFailure } from "../runtime/errors.js";
import * as conf from "./effect/conf.js";
import { config } from "./internal/ops/config.js";
import { op } from "./internal/ops/typed.js";
import type { SparkSession } from "./SparkSession.js";

export {
  approxQuantile,
  batches,
  cache,
  checkpoint,
  collect,
  columns,
  corr,
  count,
  cov,
  createGlobalTempView,
  createOrReplaceGlobalTempView,
  createOrReplaceTempView,
  createTempView,
  display,
  dtypes,
  explain,
  first,
  head,
  inputFiles,
  isEmpty,
  isLocal,
  isStreaming,
  localCheckpoint,
  persist,
  printSchema,
  progress,
  rows,
  sameSemantics,
  schema,
  semanticHash,
  show,
  showString,
  storageLevel,
  isCached,
  tail,
  take,
  toArrow,
  toHTML,
  treeString,
  unpersist,
  type CollectOptions,
  type DisplayOptions,
  type ExplainMode,
  type ShowOptions,
  type ToArrowOptions,
} from "./effect/dataFrame.js";
export {
  addArtifact,
  addArtifacts,
  clone,
  close,
  connect,
  copyFromLocalToFs,
  interrupt,
  interruptAll,
  interruptOperation,
  interruptTag,
  layer,
  Spark,
  sql,
  stop,
  version,
} from "./effect/session.js";
export type { AddArtifactsOptions, ArtifactOptions } from "./ArtifactOptions.js";
export * as catalog from "./effect/catalog.js";
export * as conf from "./effect/conf.js";
export * as stat from "./effect/stat.js";
export * as write from "./effect/writer.js";
export * as writeTo from "./effect/writerV2.js";
export * as mergeInto from "./effect/mergeInto.js";
export * as stream from "./effect/streaming.js";
export * as tables from "./effect/tableWriter.js";
export * as udf from "./effect/udf.js";

/**
 * Sets Spark SQL settings of the session.
 *
 * @example
 * ```ts
 * yield* Spark.setConf(spark, { "spark.sql.ansi.enabled": "true" });
 * ```
 */
export const setConf = (spark: SparkSession, pairs: Readonly<Record<string, string>>): Effect.Effect<void, SparkConnectFailure> =>
  Effect.forEach(Object.entries(pairs), ([k, v]) => conf.set(spark.conf, k, v), { discard: true });

/**
 * Reads Spark SQL settings of the session (missing keys map to undefined).
 *
 * @example
 * ```ts
 * const values = yield* Spark.getConf(spark, ["spark.sql.ansi.enabled"]);
 * ```
 */
export const getConf = (spark: SparkSession, keys: readonly string[]): Effect.Effect<Record<string, string | undefined>, SparkConnectFailure> =>
  op("conf.getOption", {}, () => Effect.map(config(spark.handle, { case: "getOption", value: { keys: [...keys] } }), (m) => Object.fromEntries(keys.map((k) => [k, m.get(k)]))));

export type { ActionOptions, CallOptions, OperationOptions } from "./internal/ops/action.js";
export type { ExecutionInfo, PlanMetrics, MetricValue } from "./internal/ops/executionInfo.js";
export { SparkSession } from "./SparkSession.js";
export type { InterruptTarget } from "../runtime/SessionOptions.js";
export type { Progress, ProgressListener } from "../runtime/Results.js";
export { defaultRetryPolicy, type RetryPolicy } from "../runtime/Retry.js";
export { DataFrame } from "./DataFrame.js";
export * from "../runtime/errors.js";
