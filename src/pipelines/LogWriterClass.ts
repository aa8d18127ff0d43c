import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import type { OperationOptions } from "../internal/ops/action.js";
import { run } from "../internal/run.js";
import type { SparkSession } from "../SparkSession.js";
import type { PipelineConfigError, PipelineFailure } from "./errors.js";
import * as W from "./logWriter.js";
import type { ExecutionContext, ExecutionResult, LogRowInput, StepResult, WriterConfig, WriterConfigInput } from "./models.js";
import type { TableNameParts } from "./naming.js";
import type { DataQualityReport, QualityRules } from "./quality.js";

/**
 * The pipeline log writer with Promises (the Effect form is `makeLogWriter` /
 * `PipelineLog`): execution logs in a Spark table, data-quality checks, anomalies,
 * reports, exports and Delta table maintenance (docs/pipelines.md). The constructor never
 * throws: an invalid config makes every call reject with its PipelineConfigError (check a
 * config up front with `writerConfig(...)`).
 *
 * @example
 * ```ts
 * const writer = new LogWriter(spark, { tableSchema: "analytics", tableName: "pipeline_logs" });
 * const result = await writer.writeLogRows([
 *   { runId: "my-first-run", phase: "bronze", stepName: "extract_data", durationSecs: 15, rowsProcessed: 1000, validationRate: 95 },
 * ]);
 * console.log(result.rowsWritten); // 1
 * ```
 */
export class LogWriter {
  readonly #spark: SparkSession;
  readonly #writer: Exit.Exit<W.LogWriterService, PipelineConfigError>;

  constructor(spark: SparkSession, config: WriterConfigInput) {
    this.#spark = spark;
    this.#writer = W.logWriterSync(spark, config);
  }

  #run<A>(f: (w: W.LogWriterService) => Effect.Effect<A, PipelineFailure>): Promise<A> {
    const writer = this.#writer;
    return run(this.#spark.handle, () => (Exit.isSuccess(writer) ? f(writer.value) : Effect.failCause(writer.cause)));
  }

  /** The checked config with its defaults (undefined when it is invalid). @example writer.config?.batchSize */
  get config(): WriterConfig | undefined {
    return Exit.isSuccess(this.#writer) ? this.#writer.value.config : undefined;
  }

  /** A writer with the same settings on another table (e.g. one from `generateTableName`). @example writer.forTable("analytics.nightly_logs") */
  forTable(name: string): LogWriter {
    const [schema, ...rest] = name.split(".");
    const base = Exit.isSuccess(this.#writer) ? this.#writer.value.config : ({} as WriterConfig);
    return new LogWriter(this.#spark, { ...base, tableSchema: rest.length > 0 ? schema! : base.tableSchema, tableName: rest.length > 0 ? rest.join(".") : name });
  }

  /** Writes log rows (checked, then quality-gated) in the configured mode. @example await writer.writeLogRows(rows, { runId: "run-1" }) */
  writeLogRows(rows: readonly LogRowInput[], options?: W.WriteOptions): Promise<W.WriteResult> {
    return this.#run((w) => w.writeLogRows(rows, options));
  }

  /** Writes one row per step of a run. @example await writer.writeExecutionResult(result, { runId: "run-123" }) */
  writeExecutionResult(result: ExecutionResult, options?: W.WriteOptions): Promise<W.WriteResult> {
    return this.#run((w) => w.writeExecutionResult(result, options));
  }

  /** Writes step results of a run. @example await writer.writeStepResults(steps, context, { runId: "step-run-123" }) */
  writeStepResults(steps: readonly StepResult[], context: ExecutionContext, options?: W.WriteOptions): Promise<W.WriteResult> {
    return this.#run((w) => w.writeStepResults(steps, context, options));
  }

  /** Writes runs in batches, reporting each batch. @example const report = await writer.writeExecutionResultBatch(results, { batchSize: 1000 }) */
  writeExecutionResultBatch(results: readonly ExecutionResult[], options?: W.BatchWriteOptions): Promise<W.BatchWriteReport> {
    return this.#run((w) => w.writeExecutionResultBatch(results, options));
  }

  /** Validates rows in Spark against rules (default DEFAULT_RULES). @example await writer.validateLogDataQuality(rows, { durationSecs: [rule((r) => r.durationSecs >= 0)] }) */
  validateLogDataQuality(rows: readonly LogRowInput[], rules?: QualityRules, options?: OperationOptions): Promise<DataQualityReport> {
    return this.#run((w) => w.validateLogDataQuality(rows, rules, options));
  }

  /** Values of `rows` far from their steps' history in the log table. @example const { anomalies } = await writer.detectAnomalies(rows) */
  detectAnomalies(rows: readonly LogRowInput[], options?: OperationOptions & { readonly runId?: string }): Promise<W.AnomalyReport> {
    return this.#run((w) => w.detectAnomalies(rows, options));
  }

  /** This writer's counters. @example (await writer.getMetrics()).successRatePercent */
  getMetrics(): Promise<W.WriterMetrics> {
    return this.#run((w) => w.getMetrics());
  }

  /** Prints the newest `n` log rows (default 20) and returns the text. @example await writer.showLogs(50) */
  showLogs(n?: number, options?: OperationOptions): Promise<string> {
    return this.#run((w) => w.showLogs(n, options));
  }

  /** The log table's existence, rows, columns, format and size. @example (await writer.getTableInfo()).rowCount */
  getTableInfo(options?: OperationOptions): Promise<W.TableInfo> {
    return this.#run((w) => w.getTableInfo(options));
  }

  /** Totals of the last `days` (default 30). @example (await writer.generateSummaryReport(30)).successRatePercent */
  generateSummaryReport(days?: number, options?: OperationOptions): Promise<W.SummaryReport> {
    return this.#run((w) => w.generateSummaryReport(days, options));
  }

  /** Duration, success and validation trends of the last `days` (default 90). @example (await writer.analyzeTrends(90)).durationTrend.mean */
  analyzeTrends(days?: number, options?: OperationOptions): Promise<W.TrendReport> {
    return this.#run((w) => w.analyzeTrends(days, options));
  }

  /** Writes log rows to files (json, csv, parquet). @example await writer.exportAnalyticsData("csv", { path: "/exports/logs", filters: { success: true } }) */
  exportAnalyticsData(format: W.ExportFormat, options?: W.ExportOptions): Promise<W.ExportResult> {
    return this.#run((w) => w.exportAnalyticsData(format, options));
  }

  /** Compacts (and Z-orders) the Delta log table. @example await writer.optimizeTable({ zOrderBy: ["phase"] }) */
  optimizeTable(options?: W.OptimizeOptions): Promise<W.OptimizeResult> {
    return this.#run((w) => w.optimizeTable(options));
  }

  /** VACUUM, statistics and a schema check of the Delta log table. @example await writer.maintainTable({ vacuum: true }) */
  maintainTable(options?: W.MaintainOptions): Promise<W.MaintainResult> {
    return this.#run((w) => w.maintainTable(options));
  }

  /** The Delta log table's versions, newest first. @example (await writer.getTableHistory(10)).versions */
  getTableHistory(limit?: number, options?: OperationOptions): Promise<W.TableHistory> {
    return this.#run((w) => w.getTableHistory(limit, options));
  }

  /** The table name of the config's naming pattern for a run (throws the PipelineConfigError of an invalid config). @example writer.generateTableName({ pipelineId: "p", runMode: "incremental" }) */
  generateTableName(parts: TableNameParts): string {
    if (Exit.isSuccess(this.#writer)) return this.#writer.value.generateTableName(parts);
    for (const r of this.#writer.cause.reasons) if (r._tag === "Fail") throw r.error;
    throw new Error("invalid writer config");
  }
}
