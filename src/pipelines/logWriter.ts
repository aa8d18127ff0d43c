/**
 * The pipeline log writer: pipeline execution logs in a Spark table (Delta Lake by
 * default), written in the configured mode with retries, checked for data quality, and
 * analysed in Spark (anomalies, summaries, trends, exports), with Delta table maintenance.
 * The Effect form is `makeLogWriter` / `PipelineLog`; the Promise form is `LogWriter`
 * (src/pipelines/LogWriter.ts).
 */
import * as Console from "effect/Console";
import * as Context from "effect/Context";
import * as Duration from "effect/Duration";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Layer from "effect/Layer";
import * as Schedule from "effect/Schedule";
import * as Schema from "effect/Schema";
import { SparkError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { Column } from "../Column.js";
import type { DataFrame } from "../DataFrame.js";
import { collect, count as countRows, createOrReplaceTempView, schema as schemaOf, showString } from "../effect/dataFrame.js";
import * as catalog from "../effect/catalog.js";
import * as conf from "../effect/conf.js";
import { Spark, sql } from "../effect/session.js";
import { save, saveAsTable } from "../effect/writer.js";
import { avg, col, count, countDistinct, lit, max, min, regrSlope, stddevSamp, sum, when } from "../functions/index.js";
import type { OperationOptions } from "../internal/ops/action.js";
import type { SparkSession } from "../SparkSession.js";
import { simpleString } from "../types/DataType.js";
import {
  BatchWriteError,
  DataQualityError,
  LogTableNotFoundError,
  NotDeltaTableError,
  type PipelineConfigError,
  type PipelineFailure,
  PipelineInputError,
} from "./errors.js";
import {
  decodeInput,
  type ExecutionContext,
  ExecutionContextSchema,
  type ExecutionResult,
  ExecutionResultSchema,
  LOG_COLUMNS,
  LOG_TABLE_DDL,
  type LogRowInput,
  parseWriterConfig,
  StepResultSchema,
  type StepResult,
  type WriteMode,
  type WriterConfig,
  type WriterConfigInput,
} from "./models.js";
import { generateTableName, quoteName, sqlString, type TableNameParts } from "./naming.js";
import { compileRules, DEFAULT_RULES, type DataQualityReport, type QualityRules, validate } from "./quality.js";
import { executionRows, prepareRows, stepRow, type TableRow } from "./rows.js";
import { attempt } from "./spark.js";

type Eff<A> = Effect.Effect<A, PipelineFailure>;

/** Options of the write calls. */
export interface WriteOptions extends OperationOptions {
  /** The run id of rows that have none (for execution results: default the execution id). */
  readonly runId?: string;
  /** The rules of the data-quality check before the write (default DEFAULT_RULES). */
  readonly rules?: QualityRules;
}

/** What a write did. */
export interface WriteResult {
  readonly success: true;
  /** The log table, `schema.table`. */
  readonly table: string;
  readonly writeMode: WriteMode;
  readonly rowsWritten: number;
  /** Attempts the write took (1 without retries). */
  readonly attempts: number;
  readonly durationSecs: number;
  /** The data-quality check before the write (when `logDataQualityResults`). */
  readonly quality: DataQualityReport | undefined;
}

/** One batch of a batch write. */
export interface BatchReport {
  readonly index: number;
  /** The execution ids of the batch's executions. */
  readonly executionIds: readonly string[];
  readonly rows: number;
  readonly written: boolean;
  readonly attempts: number;
  /** Why the batch was not written: the error's tag and message. */
  readonly error: { readonly tag: string; readonly message: string } | undefined;
}

/** What a batch write did, batch by batch: partial failure is reported here. */
export interface BatchWriteReport {
  readonly totalExecutions: number;
  /** Executions whose rows were written. */
  readonly successfulWrites: number;
  readonly failedWrites: number;
  readonly rowsWritten: number;
  readonly batches: readonly BatchReport[];
  /** The executions not written, to retry with another `writeExecutionResultBatch`. */
  readonly failedExecutions: readonly ExecutionResult[];
  readonly batchDurationSecs: number;
}

/** Options of a batch write. */
export interface BatchWriteOptions extends OperationOptions {
  /** The run id of every row (default: each execution's id). */
  readonly runId?: string;
  /** Rows per batch (default the config's `batchSize`); an execution is never split. */
  readonly batchSize?: number;
  readonly rules?: QualityRules;
}

/** The writer's own counters since it was made. */
export interface WriterMetrics {
  readonly totalWrites: number;
  readonly successfulWrites: number;
  readonly failedWrites: number;
  readonly successRatePercent: number;
  readonly totalRowsWritten: number;
  readonly totalDurationSecs: number;
  readonly averageDurationSecs: number;
  /** Retries taken by writes that failed at first. */
  readonly retries: number;
  readonly validations: number;
  /** Mean validation rate of the data-quality checks run by this writer (0 when none ran). */
  readonly averageValidationRate: number;
  /** The highest resident memory of this process seen at a write, in MB. */
  readonly memoryUsagePeakMb: number;
}

/** One anomaly: a value far from its step's history, or a validation rate under the threshold. */
export interface Anomaly {
  readonly type: "duration_outlier" | "row_count_outlier" | "validation_rate_outlier" | "low_validation_rate";
  readonly description: string;
  readonly severity: "low" | "medium" | "high";
  readonly value: number;
  /** The step's historical mean (for low_validation_rate: the threshold). */
  readonly expected: number;
  /** Standard deviations from the mean (undefined for low_validation_rate). */
  readonly zScore: number | undefined;
  readonly runId: string;
  readonly phase: string;
  readonly stepName: string;
}

export interface AnomalyReport {
  /** False when the config's `enableAnomalyDetection` is off (nothing was computed). */
  readonly enabled: boolean;
  readonly anomaliesDetected: boolean;
  readonly anomalyCount: number;
  readonly anomalies: readonly Anomaly[];
  readonly rowsChecked: number;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

export interface TableInfo {
  readonly table: string;
  readonly exists: boolean;
  readonly rowCount: number;
  readonly columns: readonly ColumnInfo[];
  /** The table's provider (`delta`, `parquet`). */
  readonly format: string | undefined;
  readonly location: string | undefined;
  /** Delta tables: files and bytes of the current version. */
  readonly numFiles: number | undefined;
  readonly sizeInBytes: number | undefined;
}

export interface SummaryReport {
  /** False when the window holds no rows. */
  readonly reportAvailable: boolean;
  readonly days: number;
  /** The window's start: rows whose `startTime` (or `loggedAt` without one) is at or after it count. */
  readonly since: Date;
  /** Log rows (step executions) in the window. */
  readonly totalExecutions: number;
  /** Distinct run ids in the window. */
  readonly totalRuns: number;
  readonly successfulExecutions: number;
  readonly failedExecutions: number;
  readonly successRatePercent: number;
  readonly averageDurationSecs: number;
  readonly totalDurationSecs: number;
  readonly totalRowsProcessed: number;
  readonly totalRowsWritten: number;
  /** Mean of the rows' validation rates (rows without one left out); undefined when none has one. */
  readonly averageValidationRate: number | undefined;
  /** Executions per phase. */
  readonly phaseDistribution: Readonly<Record<string, number>>;
}

export interface TrendDay {
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string;
  readonly executions: number;
  readonly averageDurationSecs: number;
  readonly successRatePercent: number;
}

export interface TrendReport {
  readonly trendsAvailable: boolean;
  readonly days: number;
  readonly since: Date;
  readonly durationTrend: {
    readonly mean: number;
    /** Sample standard deviation (0 with one row). */
    readonly stddev: number;
    readonly min: number;
    readonly max: number;
    /** Least-squares slope of duration over time, in seconds per day (0 when undefined). */
    readonly slopeSecsPerDay: number;
    /** `stable` when the slope changes the duration by less than 5% of the mean over the window. */
    readonly direction: "increasing" | "decreasing" | "stable";
  };
  readonly successTrend: { readonly successRatePercent: number; readonly totalExecutions: number };
  /** Undefined when no row has a validation rate. */
  readonly validationTrend: { readonly mean: number; readonly stddev: number } | undefined;
  /** One entry per UTC day with rows, oldest first. */
  readonly daily: readonly TrendDay[];
}

export type ExportFormat = "json" | "csv" | "parquet";

export interface ExportOptions extends OperationOptions {
  /** At most this many rows, the most recent first (default 10 000). */
  readonly limit?: number;
  /** Equality filters by column, e.g. `{ phase: "bronze", success: true }`. */
  readonly filters?: Readonly<Record<string, string | number | boolean | null>>;
  /** The directory to write (default `<exportDirectory>/<schema>_<table>_<timestamp>_<format>`). */
  readonly path?: string;
  /** Replace what is at `path` (default false: an existing path is an error). */
  readonly overwrite?: boolean;
}

export interface ExportResult {
  readonly exportSuccessful: true;
  readonly format: ExportFormat;
  readonly exportPath: string;
  readonly recordsExported: number;
  /** Size of the written files (read back through Spark's binaryFile source). */
  readonly exportSizeMb: number;
  readonly files: number;
}

export interface OptimizeOptions extends OperationOptions {
  /** Z-order the files (default true). */
  readonly zOrder?: boolean;
  /** The Z-order columns (default phase, stepName). */
  readonly zOrderBy?: readonly string[];
  /** VACUUM after optimizing (default false). */
  readonly vacuum?: boolean;
  /** Retention of VACUUM (default 168 hours, Delta's minimum without its safety check). */
  readonly retentionHours?: number;
}

export interface OptimizeResult {
  readonly optimized: boolean;
  /** Why nothing ran (when `optimized` is false). */
  readonly reason: string | undefined;
  readonly optimizationsApplied: readonly string[];
  readonly filesAdded: number;
  readonly filesRemoved: number;
  readonly optimizationDurationSecs: number;
}

export interface MaintainOptions extends OperationOptions {
  /** VACUUM files no longer referenced (default true). */
  readonly vacuum?: boolean;
  /** Compute table statistics (default true). */
  readonly analyze?: boolean;
  /** Compare the table's columns with the log table's (default true). */
  readonly validateSchema?: boolean;
  readonly retentionHours?: number;
}

export interface ColumnStatistics {
  readonly column: string;
  readonly nullCount: number;
  readonly min: number | string | null;
  readonly max: number | string | null;
}

export interface SchemaCheck {
  readonly schemaValid: boolean;
  readonly missingColumns: readonly string[];
  /** Columns of another type than the log table's: `name: actual (expected)`. */
  readonly mismatchedColumns: readonly string[];
  readonly extraColumns: readonly string[];
}

export interface MaintainResult {
  readonly maintained: true;
  readonly maintenanceOperations: readonly string[];
  readonly maintenanceDurationSecs: number;
  /** Files VACUUM deleted (from the table's history). */
  readonly filesDeleted: number | undefined;
  readonly rowCount: number | undefined;
  readonly statistics: readonly ColumnStatistics[] | undefined;
  readonly schema: SchemaCheck | undefined;
}

export interface TableVersion {
  readonly version: number;
  readonly timestamp: Date;
  readonly operation: string;
  readonly operationParameters: Readonly<Record<string, string>>;
  /** Rows the operation wrote (Delta's numOutputRows), when it reports them. */
  readonly rowCount: number | undefined;
  /** Bytes it wrote in MB (numOutputBytes), when it reports them. */
  readonly sizeMb: number | undefined;
}

export interface TableHistory {
  readonly historyAvailable: true;
  readonly tableFqn: string;
  /** Versions of the table in all. */
  readonly totalVersions: number;
  /** The newest `limit` versions, newest first. */
  readonly versions: readonly TableVersion[];
}

/** The log writer's operations as Effects. */
export interface LogWriterService {
  readonly config: WriterConfig;
  /** The log table, `schema.table`. */
  readonly table: string;
  readonly writeLogRows: (rows: readonly LogRowInput[], options?: WriteOptions) => Eff<WriteResult>;
  readonly writeExecutionResult: (result: ExecutionResult, options?: WriteOptions) => Eff<WriteResult>;
  readonly writeStepResults: (steps: readonly StepResult[], context: ExecutionContext, options?: WriteOptions) => Eff<WriteResult>;
  readonly writeExecutionResultBatch: (results: readonly ExecutionResult[], options?: BatchWriteOptions) => Eff<BatchWriteReport>;
  readonly validateLogDataQuality: (rows: readonly LogRowInput[], rules?: QualityRules, options?: OperationOptions) => Eff<DataQualityReport>;
  readonly detectAnomalies: (rows: readonly LogRowInput[], options?: OperationOptions & { readonly runId?: string }) => Eff<AnomalyReport>;
  readonly getMetrics: () => Effect.Effect<WriterMetrics>;
  readonly showLogs: (n?: number, options?: OperationOptions) => Eff<string>;
  readonly getTableInfo: (options?: OperationOptions) => Eff<TableInfo>;
  readonly generateSummaryReport: (days?: number, options?: OperationOptions) => Eff<SummaryReport>;
  readonly analyzeTrends: (days?: number, options?: OperationOptions) => Eff<TrendReport>;
  readonly exportAnalyticsData: (format: ExportFormat, options?: ExportOptions) => Eff<ExportResult>;
  readonly optimizeTable: (options?: OptimizeOptions) => Eff<OptimizeResult>;
  readonly maintainTable: (options?: MaintainOptions) => Eff<MaintainResult>;
  readonly getTableHistory: (limit?: number, options?: OperationOptions) => Eff<TableHistory>;
  /** The table name the config's naming pattern gives for a run. */
  readonly generateTableName: (parts: TableNameParts) => string;
}

const DAY_MS = 86_400_000;
const PositiveInt = (what: string, max: number) =>
  Schema.Finite.check(Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= 1 && n <= max) || `${what}: an integer between 1 and ${max} (got ${n})`));
const Days = Schema.Finite.check(Schema.makeFilter((n: number) => (n > 0 && n <= 36_500) || `a number of days above 0 and at most 36500 (got ${n})`));

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrUndefined = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

/** Whether a failed write may succeed when tried again: transport trouble, a timeout, a concurrent Delta commit. */
export function isTransient(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const tag = (e as { _tag?: unknown })._tag;
  if (tag === "TransportError" || tag === "OperationTimeoutError") return true;
  return e instanceof SparkError && (e.isRetryable || /CONCURRENT/.test(e.errorClass ?? ""));
}

/**
 * Makes a log writer over `spark` (nothing is run yet). Fails with a PipelineConfigError
 * naming the bad field.
 *
 * @example
 * ```ts
 * const writer = yield* makeLogWriter(spark, { tableSchema: "analytics", tableName: "pipeline_logs" });
 * yield* writer.writeLogRows([{ runId: "r1", phase: "bronze", stepName: "extract", durationSecs: 15 }]);
 * ```
 */
export const makeLogWriter = (spark: SparkSession, config: WriterConfigInput): Effect.Effect<LogWriterService, PipelineConfigError> =>
  Effect.suspend(() => {
    const exit = logWriterSync(spark, config);
    return Exit.isSuccess(exit) ? Effect.succeed(exit.value) : Effect.failCause(exit.cause);
  });

/** The writer, built without running anything (for the Promise class). */
export function logWriterSync(spark: SparkSession, input: WriterConfigInput): Exit.Exit<LogWriterService, PipelineConfigError> {
  const parsed = parseWriterConfig(input);
  return Exit.isSuccess(parsed) ? Exit.succeed(build(spark, parsed.value)) : Exit.failCause(parsed.cause);
}

function build(spark: SparkSession, config: WriterConfig): LogWriterService {
  const table = `${config.tableSchema}.${config.tableName}`;
  const quoted = quoteName(table);
  /** Whether this writer created (or found) the table already: later writes skip the DDL. */
  let ensured = false;
  const stats = {
    totalWrites: 0,
    successfulWrites: 0,
    failedWrites: 0,
    totalRowsWritten: 0,
    totalDurationSecs: 0,
    retries: 0,
    validations: 0,
    validationRateSum: 0,
    memoryUsagePeakMb: 0,
  };
  const sampleMemory = () => {
    stats.memoryUsagePeakMb = Math.max(stats.memoryUsagePeakMb, process.memoryUsage().rss / 1e6);
  };

  const exists = (o?: OperationOptions) => catalog.tableExists(spark.catalog, table, o);

  /** Runs `effect` with a session setting changed, restoring the previous value afterwards. */
  const withConf = <A>(key: string, value: string, effect: Eff<A>, o?: OperationOptions): Eff<A> =>
    Effect.flatMap(conf.get(spark.conf, key, o), (previous) =>
      Effect.flatMap(conf.set(spark.conf, key, value, o), () =>
        Effect.ensuring(effect, Effect.ignore(previous === undefined ? conf.unset(spark.conf, key) : conf.set(spark.conf, key, previous))),
      ),
    );

  /** VACUUM, listing the table's files with `parallelWriteThreads` tasks (Spark's default of 10 000 tasks is slow on small clusters). */
  const vacuum = (retention: number, o?: OperationOptions): Eff<void> =>
    withConf(
      "spark.sql.sources.parallelPartitionDiscovery.parallelism",
      String(config.parallelWriteThreads),
      Effect.asVoid(sql(spark, `VACUUM ${quoted} RETAIN ${retention} HOURS`, undefined, o)),
      o,
    );

  const requireTable = (o?: OperationOptions): Eff<void> =>
    Effect.flatMap(exists(o), (ok) =>
      ok ? Effect.void : Effect.fail(new LogTableNotFoundError({ table, message: `The log table ${table} does not exist yet: write log rows first (writeLogRows creates it).` })),
    );

  /** The table's provider from DESCRIBE TABLE EXTENDED (`delta`, `parquet`, ...). */
  const describe = (o?: OperationOptions) =>
    Effect.gen(function* () {
      const rows = yield* Effect.flatMap(sql(spark, `DESCRIBE TABLE EXTENDED ${quoted}`, undefined, o), (df) => collect(df, o));
      const value = (k: string) => {
        const r = rows.find((x) => x["col_name"] === k);
        return r === undefined ? undefined : String(r["data_type"]);
      };
      return { provider: value("Provider")?.toLowerCase(), location: value("Location") };
    });

  const requireDelta = (operation: string, o?: OperationOptions): Eff<void> =>
    Effect.gen(function* () {
      yield* requireTable(o);
      const { provider } = yield* describe(o);
      if (provider === "delta") return;
      return yield* Effect.fail(
        new NotDeltaTableError({
          table,
          format: provider,
          message:
            `${operation} needs a Delta Lake table, and ${table} is ${provider === undefined ? "not one" : `a ${provider} table`}. ` +
            `Convert it in place with \`CONVERT TO DELTA ${quoted}\` (Parquet tables), or write the log to a Delta table ` +
            `(tableFormat "delta", the default, on a server with Delta Lake: startLocalServer({ delta: true }) or the delta-spark package).`,
        }),
      );
    });

  /** A "delta" source missing on the server becomes a NotDeltaTableError naming the fix. */
  const deltaMissing = <A>(effect: Eff<A>): Eff<A> =>
    Effect.catchIf(
      effect,
      (e): e is SparkConnectFailure => e instanceof SparkError && e.errorClass === "DATA_SOURCE_NOT_FOUND" && /delta/i.test(e.message),
      () =>
        Effect.fail(
          new NotDeltaTableError({
            table,
            format: undefined,
            message:
              `The log table ${table} is configured as a Delta table, and the server has no Delta Lake. Start the server with Delta Lake ` +
              `(startLocalServer({ delta: true }), or the delta-spark package and its session extension), or set tableFormat: "parquet" in the WriterConfig.`,
          }),
        ),
    );

  const ensureTable = (o?: OperationOptions): Eff<void> =>
    deltaMissing(
      Effect.gen(function* () {
        yield* sql(spark, `CREATE SCHEMA IF NOT EXISTS ${quoteName(config.tableSchema)}`, undefined, o);
        const props: [string, string][] = [["pipelines.memoryFraction", String(config.memoryFraction)]];
        if (config.tableFormat === "delta" && config.autoOptimizeSchema) props.push(["delta.autoOptimize.autoCompact", "true"], ["delta.autoOptimize.optimizeWrite", "true"]);
        const properties = props.map(([k, v]) => `${sqlString(k)} = ${sqlString(v)}`).join(", ");
        yield* sql(spark, `CREATE TABLE IF NOT EXISTS ${quoted} (${LOG_TABLE_DDL}) USING ${config.tableFormat} TBLPROPERTIES (${properties})`, undefined, o);
      }),
    );

  const rowsFrame = (rows: readonly TableRow[]) =>
    attempt(() => {
      const partitions = Math.max(1, Math.min(config.parallelWriteThreads, Math.ceil(rows.length / config.batchSize)));
      const df = spark.createDataFrame(rows as TableRow[], LOG_TABLE_DDL);
      return partitions > 1 ? df.repartition(partitions) : df;
    });

  const retryPolicy = {
    schedule: config.retryExponentialBackoff
      ? Schedule.exponential(Duration.millis(config.retryDelaySecs * 1000), 2)
      : Schedule.spaced(Duration.millis(config.retryDelaySecs * 1000)),
    times: config.maxRetries,
    while: isTransient,
  };

  /**
   * Writes prepared rows in `mode`, creating the table first, with the retries of the
   * config for transient failures; `counter.attempts` counts the attempts, also when all fail.
   */
  const writeRows = (rows: readonly TableRow[], mode: WriteMode, counter: { attempts: number }, o?: OperationOptions): Eff<number> => {
    const once = Effect.gen(function* () {
      counter.attempts++;
      if (mode === "ignore" && (yield* exists(o))) return 0;
      if (!ensured) {
        yield* ensureTable(o);
        ensured = true;
      }
      if (mode === "merge") yield* requireDelta('writeMode "merge"', o);
      if (rows.length === 0 && mode !== "overwrite") return 0;
      const df = yield* rowsFrame(rows);
      if (mode === "merge") {
        const view = `pipelines_merge_${Date.now()}_${Math.floor(Math.random() * 1e9)}`;
        yield* createOrReplaceTempView(df, view, o);
        yield* Effect.ensuring(
          sql(
            spark,
            `MERGE INTO ${quoted} t USING ${quoteName(view)} s ON t.runId <=> s.runId AND t.phase <=> s.phase AND t.stepName <=> s.stepName ` +
              `WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *`,
            undefined,
            o,
          ),
          Effect.ignore(catalog.dropTempView(spark.catalog, view)),
        );
        return rows.length;
      }
      let w = df.write.format(config.tableFormat).mode(mode === "overwrite" ? "overwrite" : "append");
      if (mode !== "overwrite" && config.enableSchemaEvolution && config.tableFormat === "delta") w = w.option("mergeSchema", true);
      yield* saveAsTable(w, table, o);
      return rows.length;
    }).pipe(
      Effect.tapError((e) =>
        isTransient(e) && counter.attempts <= config.maxRetries
          ? Effect.logDebug(
              `spark-connect-pipelines: write attempt ${counter.attempts} to ${table} failed (${String((e as { _tag?: unknown })._tag)}), retrying: ${(e as Error).message}`,
            )
          : Effect.void,
      ),
    );
    return once.pipe(
      Effect.retry(retryPolicy),
      Effect.ensuring(Effect.sync(() => void (stats.retries += Math.max(0, counter.attempts - 1)))),
    );
  };

  const checkQuality = (rows: readonly TableRow[], rules: QualityRules | undefined, o?: OperationOptions): Eff<DataQualityReport | undefined> =>
    Effect.gen(function* () {
      if (!config.logDataQualityResults) return undefined;
      const report = yield* qualityOf(rows, rules ?? DEFAULT_RULES, o);
      yield* Effect.logDebug(
        `spark-connect-pipelines: data quality of ${report.totalRows} log rows for ${table}: ${report.validationRate.toFixed(2)}% valid, ` +
          `${report.qualityPassed ? "passed" : "failed"}`,
      ).pipe(Effect.annotateLogs({ failedRules: JSON.stringify(report.failedRules) }));
      if (!report.qualityPassed) {
        const failing = Object.entries(report.failedRules)
          .map(([c, rs]) => `${c}: ${rs.join("; ")}`)
          .join(", ");
        return yield* Effect.fail(
          new DataQualityError({
            report,
            message:
              `The log rows did not pass the data-quality check (validation rate ${report.validationRate.toFixed(2)}%, minimum ${report.threshold}%; ` +
              `invalid rows ${report.invalidRowsPercent.toFixed(2)}%, maximum ${report.maxInvalidRowsPercent}%), so nothing was written. Failing rules: ${failing}.`,
          }),
        );
      }
      return report;
    });

  const qualityOf = (rows: readonly TableRow[], rules: QualityRules, _o?: OperationOptions): Eff<DataQualityReport> =>
    Effect.gen(function* () {
      const compiled = yield* compileRules(rules);
      const df = yield* attempt(() => spark.createDataFrame(rows as TableRow[], LOG_TABLE_DDL));
      const report = yield* validate(df as DataFrame<unknown>, compiled, config);
      stats.validations++;
      stats.validationRateSum += report.validationRate;
      return report;
    });

  /** Checks, gates and writes rows, counting the write in the metrics. */
  const writePrepared = (rows: readonly TableRow[], mode: WriteMode, options: WriteOptions | undefined, counter = { attempts: 0 }): Eff<WriteResult> => {
    const started = Date.now();
    return Effect.gen(function* () {
      const quality = yield* checkQuality(rows, options?.rules, options);
      const written = yield* writeRows(rows, mode, counter, options);
      return { success: true as const, table, writeMode: mode, rowsWritten: written, attempts: counter.attempts, durationSecs: (Date.now() - started) / 1000, quality };
    }).pipe(
      Effect.tap((r) =>
        Effect.sync(() => {
          stats.totalWrites++;
          stats.successfulWrites++;
          stats.totalRowsWritten += r.rowsWritten;
          stats.totalDurationSecs += r.durationSecs;
          sampleMemory();
        }),
      ),
      Effect.tapError(() =>
        Effect.sync(() => {
          stats.totalWrites++;
          stats.failedWrites++;
          stats.totalDurationSecs += (Date.now() - started) / 1000;
          sampleMemory();
        }),
      ),
      Effect.tap((r) =>
        Effect.logDebug(`spark-connect-pipelines: wrote ${r.rowsWritten} log rows to ${table} (${mode}) in ${r.durationSecs.toFixed(3)} s, ${r.attempts} attempt(s)`),
      ),
    );
  };

  const prepare = (rows: unknown, runId: string | undefined) => prepareRows(rows, { runId, mode: config.schemaValidationMode, loggedAt: new Date() });

  const fromExecution = (result: unknown, runId: string | undefined, what: string) =>
    Effect.flatMap(decodeInput(ExecutionResultSchema, result, what), (r) =>
      Effect.map(prepare(executionRows(r, runId ?? r.context.executionId), undefined), (rows) => ({ result: r, rows })),
    );

  const checkedNumber = (schema: Schema.Top & { readonly DecodingServices: never }, value: unknown, what: string) =>
    decodeInput(schema, value, what) as Effect.Effect<number, PipelineInputError>;

  /** The log table's rows whose time (startTime, else loggedAt) is within the last `days`. */
  const windowed = (days: number) => {
    const since = new Date(Date.now() - days * DAY_MS);
    const time = col("startTime").isNotNull();
    return {
      since,
      df: spark.table(table).where(when(time, col("startTime")).otherwise(col("loggedAt")).ge(lit(since))),
    };
  };

  const service: LogWriterService = {
    config,
    table,
    generateTableName: (parts) => generateTableName(config, parts),

    writeLogRows: (rows, options) => Effect.flatMap(prepare(rows, options?.runId), (prepared) => writePrepared(prepared, config.writeMode, options)),

    writeExecutionResult: (result, options) => Effect.flatMap(fromExecution(result, options?.runId, "result"), ({ rows }) => writePrepared(rows, config.writeMode, options)),

    writeStepResults: (steps, context, options) =>
      Effect.gen(function* () {
        const ctx = yield* decodeInput(ExecutionContextSchema, context, "context");
        const checked = yield* decodeInput(Schema.Array(StepResultSchema), steps, "steps");
        const rows = yield* prepare(
          checked.map((s) => stepRow(s, ctx, options?.runId ?? ctx.executionId)),
          undefined,
        );
        return yield* writePrepared(rows, config.writeMode, options);
      }),

    writeExecutionResultBatch: (results, options) =>
      Effect.gen(function* () {
        const started = Date.now();
        if (!Array.isArray(results)) return yield* Effect.fail(PipelineInputError.of("results", [{ path: ["results"], message: "expected an array of execution results" }]));
        const batchSize = options?.batchSize === undefined ? config.batchSize : yield* checkedNumber(PositiveInt("batchSize", 1_000_000), options.batchSize, "batchSize");
        // Every execution is checked before anything is written.
        const all: { result: ExecutionResult; rows: TableRow[] }[] = [];
        for (const [i, r] of results.entries()) all.push(yield* fromExecution(r, options?.runId, `results[${i}]`));
        const groups: (typeof all)[] = [];
        let current: typeof all = [];
        let size = 0;
        for (const e of all) {
          if (current.length > 0 && size + e.rows.length > batchSize) {
            groups.push(current);
            current = [];
            size = 0;
          }
          current.push(e);
          size += e.rows.length;
        }
        if (current.length > 0) groups.push(current);

        const batches: BatchReport[] = [];
        const failedExecutions: ExecutionResult[] = [];
        let rowsWritten = 0;
        let successfulWrites = 0;
        for (const [index, group] of groups.entries()) {
          const rows = group.flatMap((g) => g.rows);
          // The first batch writes in the configured mode; the rest add to what it wrote.
          const mode: WriteMode = index === 0 || config.writeMode === "merge" ? config.writeMode : "append";
          const counter = { attempts: 0 };
          const outcome = yield* Effect.exit(writePrepared(rows, mode, options, counter));
          const executionIds = group.map((g) => g.result.context.executionId);
          if (Exit.isSuccess(outcome)) {
            rowsWritten += outcome.value.rowsWritten;
            successfulWrites += group.length;
            batches.push({ index, executionIds, rows: rows.length, written: true, attempts: outcome.value.attempts, error: undefined });
            continue;
          }
          const error = failureOf(outcome);
          if (error === undefined) return yield* Effect.failCause(outcome.cause);
          batches.push({
            index,
            executionIds,
            rows: rows.length,
            written: false,
            attempts: counter.attempts,
            error: { tag: String((error as { _tag?: unknown })._tag ?? "Error"), message: (error as Error).message },
          });
          failedExecutions.push(...group.map((g) => g.result));
          yield* Effect.logWarning(`spark-connect-pipelines: batch ${index} of ${groups.length} (${rows.length} rows) was not written: ${(error as Error).message}`);
          if (config.failFast) {
            const remaining = groups.slice(index + 1).flatMap((g) => g.map((x) => x.result));
            const report = summary(results.length, successfulWrites, rowsWritten, batches, [...failedExecutions, ...remaining], started);
            return yield* Effect.fail(
              new BatchWriteError({
                report,
                cause: error,
                message: `Batch ${index} of ${groups.length} failed and failFast is set, so the batch write stopped; ${successfulWrites} of ${results.length} executions were written. Cause: ${(error as Error).message}`,
              }),
            );
          }
        }
        return summary(results.length, successfulWrites, rowsWritten, batches, failedExecutions, started);
      }),

    validateLogDataQuality: (rows, rules, options) =>
      Effect.flatMap(prepare(rows, undefined), (prepared) => qualityOf(prepared, rules ?? DEFAULT_RULES, options)),

    detectAnomalies: (rows, options) =>
      Effect.gen(function* () {
        const prepared = yield* prepare(rows, options?.runId);
        if (!config.enableAnomalyDetection) return { enabled: false, anomaliesDetected: false, anomalyCount: 0, anomalies: [], rowsChecked: 0 };
        yield* requireTable(options);
        const anomalies = yield* anomaliesOf(spark, table, prepared, config, options);
        return { enabled: true, anomaliesDetected: anomalies.length > 0, anomalyCount: anomalies.length, anomalies, rowsChecked: prepared.length };
      }),

    getMetrics: () =>
      Effect.sync(() => ({
        totalWrites: stats.totalWrites,
        successfulWrites: stats.successfulWrites,
        failedWrites: stats.failedWrites,
        successRatePercent: stats.totalWrites === 0 ? 0 : (stats.successfulWrites / stats.totalWrites) * 100,
        totalRowsWritten: stats.totalRowsWritten,
        totalDurationSecs: stats.totalDurationSecs,
        averageDurationSecs: stats.totalWrites === 0 ? 0 : stats.totalDurationSecs / stats.totalWrites,
        retries: stats.retries,
        validations: stats.validations,
        averageValidationRate: stats.validations === 0 ? 0 : stats.validationRateSum / stats.validations,
        memoryUsagePeakMb: stats.memoryUsagePeakMb,
      })),

    showLogs: (n = 20, options) =>
      Effect.gen(function* () {
        const limit = yield* checkedNumber(PositiveInt("n", 100_000), n, "n");
        yield* requireTable(options);
        const text = yield* showString(spark.table(table).orderBy(col("loggedAt").desc(), col("startTime").desc()), { ...options, n: limit, truncate: 40 });
        yield* Console.log(text);
        return text;
      }),

    getTableInfo: (options) =>
      Effect.gen(function* () {
        if (!(yield* exists(options))) {
          return { table, exists: false, rowCount: 0, columns: [], format: undefined, location: undefined, numFiles: undefined, sizeInBytes: undefined };
        }
        const df = spark.table(table);
        const rowCount = yield* countRows(df, options);
        const schema = yield* schemaOf(df, options);
        const { provider, location } = yield* describe(options);
        let numFiles: number | undefined;
        let sizeInBytes: number | undefined;
        if (provider === "delta") {
          const [detail] = yield* Effect.flatMap(sql(spark, `DESCRIBE DETAIL ${quoted}`, undefined, options), (d) => collect(d, { ...options, longs: "number" }));
          numFiles = numOrUndefined(detail?.["numFiles"]);
          sizeInBytes = numOrUndefined(detail?.["sizeInBytes"]);
        }
        return {
          table,
          exists: true,
          rowCount,
          columns: schema.fields.map((f) => ({ name: f.name, type: simpleString(f.dataType), nullable: f.nullable })),
          format: provider,
          location,
          numFiles,
          sizeInBytes,
        };
      }),

    generateSummaryReport: (days = 30, options) =>
      Effect.gen(function* () {
        const d = yield* checkedNumber(Days, days, "days");
        yield* requireTable(options);
        const { since, df } = windowed(d);
        const [row] = yield* collect(
          df.agg(
            count(lit(1)).alias("n"),
            countDistinct(col("runId")).alias("runs"),
            sum(when(col("success"), lit(1)).otherwise(lit(0))).alias("ok"),
            avg(col("durationSecs")).alias("avgDuration"),
            sum(col("durationSecs")).alias("sumDuration"),
            sum(col("rowsProcessed")).alias("processed"),
            sum(col("rowsWritten")).alias("written"),
            avg(col("validationRate")).alias("avgValidation"),
          ),
          { ...options, longs: "number" },
        );
        const phases = yield* collect(df.groupBy("phase").agg(count(lit(1)).alias("n")), { ...options, longs: "number" });
        const n = num(row?.["n"]);
        const ok = num(row?.["ok"]);
        return {
          reportAvailable: n > 0,
          days: d,
          since,
          totalExecutions: n,
          totalRuns: num(row?.["runs"]),
          successfulExecutions: ok,
          failedExecutions: n - ok,
          successRatePercent: n === 0 ? 0 : (ok / n) * 100,
          averageDurationSecs: num(row?.["avgDuration"]),
          totalDurationSecs: num(row?.["sumDuration"]),
          totalRowsProcessed: num(row?.["processed"]),
          totalRowsWritten: num(row?.["written"]),
          averageValidationRate: numOrUndefined(row?.["avgValidation"]),
          phaseDistribution: Object.fromEntries(phases.map((p) => [String(p["phase"]), num(p["n"])])),
        };
      }),

    analyzeTrends: (days = 90, options) =>
      Effect.gen(function* () {
        const d = yield* checkedNumber(Days, days, "days");
        yield* requireTable(options);
        const { since, df } = windowed(d);
        const time = when(col("startTime").isNotNull(), col("startTime")).otherwise(col("loggedAt"));
        // Time as fractional UTC days since the epoch, whatever the session time zone.
        const withDay = df.withColumn("dayOffset", time.cast("double").divide(lit(86_400)));
        const okFlag = when(col("success"), lit(1)).otherwise(lit(0));
        const [row] = yield* collect(
          withDay.agg(
            count(lit(1)).alias("n"),
            avg(col("durationSecs")).alias("mean"),
            stddevSamp(col("durationSecs")).alias("sd"),
            min(col("durationSecs")).alias("min"),
            max(col("durationSecs")).alias("max"),
            regrSlope(col("durationSecs"), col("dayOffset")).alias("slope"),
            min(col("dayOffset")).alias("firstDay"),
            max(col("dayOffset")).alias("lastDay"),
            sum(okFlag).alias("ok"),
            avg(col("validationRate")).alias("vMean"),
            stddevSamp(col("validationRate")).alias("vSd"),
            count(col("validationRate")).alias("vN"),
          ),
          { ...options, longs: "number" },
        );
        const daily = yield* collect(
          withDay
            .withColumn("day", col("dayOffset").cast("bigint"))
            .groupBy("day")
            .agg(count(lit(1)).alias("n"), avg(col("durationSecs")).alias("mean"), sum(okFlag).alias("ok"))
            .orderBy("day"),
          { ...options, longs: "number" },
        );
        const n = num(row?.["n"]);
        const mean = num(row?.["mean"]);
        const slope = num(row?.["slope"]);
        const span = num(row?.["lastDay"]) - num(row?.["firstDay"]);
        const change = Math.abs(slope * span);
        const direction: "increasing" | "decreasing" | "stable" = n < 2 || change < 0.05 * Math.abs(mean) ? "stable" : slope > 0 ? "increasing" : "decreasing";
        const vN = num(row?.["vN"]);
        return {
          trendsAvailable: n > 0,
          days: d,
          since,
          durationTrend: { mean, stddev: num(row?.["sd"]), min: num(row?.["min"]), max: num(row?.["max"]), slopeSecsPerDay: slope, direction },
          successTrend: { successRatePercent: n === 0 ? 0 : (num(row?.["ok"]) / n) * 100, totalExecutions: n },
          validationTrend: vN === 0 ? undefined : { mean: num(row?.["vMean"]), stddev: num(row?.["vSd"]) },
          daily: daily.map((r) => ({
            date: new Date(num(r["day"]) * DAY_MS).toISOString().slice(0, 10),
            executions: num(r["n"]),
            averageDurationSecs: num(r["mean"]),
            successRatePercent: (num(r["ok"]) / num(r["n"])) * 100,
          })),
        };
      }),

    exportAnalyticsData: (format, options = {}) =>
      Effect.gen(function* () {
        if (!["json", "csv", "parquet"].includes(format as string)) {
          return yield* Effect.fail(PipelineInputError.of("format", [{ path: ["format"], message: `expected "json", "csv" or "parquet" (got ${JSON.stringify(format)})` }]));
        }
        const limit = options.limit === undefined ? 10_000 : yield* checkedNumber(PositiveInt("limit", 100_000_000), options.limit, "limit");
        const filters = Object.entries(options.filters ?? {});
        for (const [k] of filters) {
          if (!(LOG_COLUMNS as readonly string[]).includes(k)) {
            return yield* Effect.fail(PipelineInputError.of("filters", [{ path: ["filters", k], message: `not a column of the log table (its columns: ${LOG_COLUMNS.join(", ")})` }]));
          }
        }
        let path = options.path;
        if (path === undefined) {
          if (config.exportDirectory === undefined) {
            return yield* Effect.fail(
              PipelineInputError.of("path", [{ path: ["path"], message: "give the export a path, or the WriterConfig an exportDirectory to write under" }]),
            );
          }
          const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "_").slice(0, 15);
          path = `${config.exportDirectory.replace(/\/+$/, "")}/${config.tableSchema}_${config.tableName}_${stamp}_${format}`;
        }
        yield* requireTable(options);
        let df = spark.table(table);
        for (const [k, v] of filters) df = df.where(v === null ? col(k).isNull() : col(k).eq(lit(v)));
        const time = when(col("startTime").isNotNull(), col("startTime")).otherwise(col("loggedAt"));
        df = df.orderBy(time.desc(), col("loggedAt").desc()).limit(limit);
        const records = yield* countRows(df, options);
        let w = df.coalesce(1).write.format(format).mode(options.overwrite === true ? "overwrite" : "errorifexists");
        if (format === "csv") w = w.option("header", true);
        yield* save(w, path, options);
        const [size] = yield* collect(
          spark.read.format("binaryFile").load(path).agg(sum(col("length")).alias("bytes"), count(lit(1)).alias("files")),
          { ...options, longs: "number" },
        );
        return { exportSuccessful: true as const, format, exportPath: path, recordsExported: records, exportSizeMb: num(size?.["bytes"]) / 1e6, files: num(size?.["files"]) };
      }),

    optimizeTable: (options = {}) =>
      Effect.gen(function* () {
        const started = Date.now();
        if (!config.enableOptimization) {
          return {
            optimized: false,
            reason: "enableOptimization is false in the WriterConfig",
            optimizationsApplied: [],
            filesAdded: 0,
            filesRemoved: 0,
            optimizationDurationSecs: 0,
          };
        }
        const zOrderBy = options.zOrderBy ?? ["phase", "stepName"];
        for (const [i, c] of zOrderBy.entries()) {
          if (!(LOG_COLUMNS as readonly string[]).includes(c)) {
            return yield* Effect.fail(PipelineInputError.of("zOrderBy", [{ path: ["zOrderBy", i], message: `${JSON.stringify(c)} is not a column of the log table` }]));
          }
        }
        const retention = yield* retentionOf(options.retentionHours);
        yield* requireDelta("optimizeTable", options);
        const zOrder = options.zOrder !== false && zOrderBy.length > 0;
        const [result] = yield* withConf(
          "spark.databricks.delta.optimize.maxFileSize",
          String(config.maxFileSizeMb * 1024 * 1024),
          Effect.flatMap(sql(spark, `OPTIMIZE ${quoted}${zOrder ? ` ZORDER BY (${zOrderBy.map(quoteName).join(", ")})` : ""}`, undefined, options), (d) =>
            collect(d, { ...options, longs: "number" }),
          ),
          options,
        );
        const metrics = (result?.["metrics"] ?? {}) as Record<string, unknown>;
        const applied = ["compaction", ...(zOrder ? [`zorder(${zOrderBy.join(", ")})`] : [])];
        if (options.vacuum === true) {
          yield* vacuum(retention, options);
          applied.push(`vacuum(${retention} hours)`);
        }
        return {
          optimized: true,
          reason: undefined,
          optimizationsApplied: applied,
          filesAdded: num(metrics["numFilesAdded"]),
          filesRemoved: num(metrics["numFilesRemoved"]),
          optimizationDurationSecs: (Date.now() - started) / 1000,
        };
      }),

    maintainTable: (options = {}) =>
      Effect.gen(function* () {
        const started = Date.now();
        const retention = yield* retentionOf(options.retentionHours);
        yield* requireDelta("maintainTable", options);
        const operations: string[] = [];
        let filesDeleted: number | undefined;
        let rowCount: number | undefined;
        let statistics: ColumnStatistics[] | undefined;
        let schemaCheck: SchemaCheck | undefined;
        if (options.vacuum !== false) {
          yield* vacuum(retention, options);
          const history = yield* Effect.flatMap(sql(spark, `DESCRIBE HISTORY ${quoted} LIMIT 5`, undefined, options), (d) => collect(d, { ...options, longs: "number" }));
          const end = history.find((h) => h["operation"] === "VACUUM END");
          const metrics = end?.["operationMetrics"];
          filesDeleted = metrics instanceof Map ? num(metrics.get("numDeletedFiles")) : 0;
          operations.push(`vacuum(${retention} hours)`);
        }
        if (options.analyze !== false) {
          // ANALYZE TABLE does not support Delta (v2) tables on Spark 4.1: the statistics are computed by a query.
          const df = spark.table(table);
          const numeric = ["durationSecs", "rowsProcessed", "rowsWritten", "validationRate", "startTime", "endTime", "loggedAt"];
          const aggs: Column[] = [count(lit(1)).alias("rows")];
          for (const c of LOG_COLUMNS) {
            aggs.push(sum(when(col(c).isNull(), lit(1)).otherwise(lit(0))).alias(`nulls_${c}`));
            if (numeric.includes(c)) aggs.push(min(col(c)).cast("string").alias(`min_${c}`), max(col(c)).cast("string").alias(`max_${c}`));
          }
          const [s] = yield* collect(df.agg(...aggs), { ...options, longs: "number" });
          rowCount = num(s?.["rows"]);
          statistics = LOG_COLUMNS.map((c) => {
            const value = (k: string): number | string | null => {
              const v = s?.[`${k}_${c}`];
              if (v === null || v === undefined) return null;
              return ["startTime", "endTime", "loggedAt"].includes(c) ? String(v) : Number(v);
            };
            return { column: c, nullCount: num(s?.[`nulls_${c}`]), min: numeric.includes(c) ? value("min") : null, max: numeric.includes(c) ? value("max") : null };
          });
          operations.push("analyze");
        }
        if (options.validateSchema !== false) {
          const actual = yield* schemaOf(spark.table(table), options);
          const expected = new Map(LOG_TABLE_DDL.split(", ").map((c) => c.split(" ") as [string, string]));
          const have = new Map(actual.fields.map((f) => [f.name, simpleString(f.dataType)]));
          const missingColumns = [...expected.keys()].filter((c) => !have.has(c));
          const mismatchedColumns = [...expected.entries()]
            .filter(([c, t]) => have.has(c) && have.get(c)!.toLowerCase() !== t.toLowerCase())
            .map(([c, t]) => `${c}: ${have.get(c)} (${t.toLowerCase()})`);
          const extraColumns = [...have.keys()].filter((c) => !expected.has(c));
          schemaCheck = { schemaValid: missingColumns.length === 0 && mismatchedColumns.length === 0, missingColumns, mismatchedColumns, extraColumns };
          operations.push("validate_schema");
        }
        return {
          maintained: true as const,
          maintenanceOperations: operations,
          maintenanceDurationSecs: (Date.now() - started) / 1000,
          filesDeleted,
          rowCount,
          statistics,
          schema: schemaCheck,
        };
      }),

    getTableHistory: (limit = 10, options) =>
      Effect.gen(function* () {
        const n = yield* checkedNumber(PositiveInt("limit", 100_000), limit, "limit");
        yield* requireDelta("getTableHistory", options);
        const all = yield* Effect.flatMap(sql(spark, `DESCRIBE HISTORY ${quoted}`, undefined, options), (d) => collect(d, { ...options, longs: "number" }));
        const mapOf = (v: unknown): Record<string, string> => (v instanceof Map ? Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), String(x)])) : {});
        const versions = all
          .sort((a, b) => num(b["version"]) - num(a["version"]))
          .slice(0, n)
          .map((h) => {
            const metrics = mapOf(h["operationMetrics"]);
            return {
              version: num(h["version"]),
              timestamp: h["timestamp"] as Date,
              operation: String(h["operation"]),
              operationParameters: mapOf(h["operationParameters"]),
              rowCount: numOrUndefined(metrics["numOutputRows"]),
              sizeMb: metrics["numOutputBytes"] === undefined ? undefined : Number(metrics["numOutputBytes"]) / 1e6,
            };
          });
        return { historyAvailable: true as const, tableFqn: table, totalVersions: all.length, versions };
      }),
  };
  return service;
}

/** The retention of VACUUM: 168 hours by default; less is refused (Delta's safety check). */
function retentionOf(hours: number | undefined): Effect.Effect<number, PipelineInputError> {
  const h = hours ?? 168;
  if (Number.isFinite(h) && Number.isInteger(h) && h >= 168) return Effect.succeed(h);
  return Effect.fail(
    PipelineInputError.of("retentionHours", [
      {
        path: ["retentionHours"],
        message:
          `${h} is below 168 hours (7 days), Delta's minimum retention: files younger than that may still be read by running queries. ` +
          "Use 168 or more (only a server with spark.databricks.delta.retentionDurationCheck.enabled=false accepts less)",
      },
    ]),
  );
}

function failureOf<A, E>(exit: Exit.Exit<A, E>): E | undefined {
  if (Exit.isSuccess(exit)) return undefined;
  for (const r of exit.cause.reasons) if (r._tag === "Fail") return r.error;
  return undefined;
}

function summary(
  total: number,
  successfulWrites: number,
  rowsWritten: number,
  batches: readonly BatchReport[],
  failedExecutions: readonly ExecutionResult[],
  started: number,
): BatchWriteReport {
  return {
    totalExecutions: total,
    successfulWrites,
    failedWrites: total - successfulWrites,
    rowsWritten,
    batches,
    failedExecutions,
    batchDurationSecs: (Date.now() - started) / 1000,
  };
}

/** Anomalies of `rows` against the history of their steps in the log table, computed in Spark. */
function anomaliesOf(spark: SparkSession, table: string, rows: readonly TableRow[], config: WriterConfig, options?: OperationOptions): Eff<Anomaly[]> {
  return Effect.gen(function* () {
    if (rows.length === 0) return [];
    const runIds = [...new Set(rows.map((r) => String(r["runId"])))];
    const history = spark
      .table(table)
      .where(col("runId").isin(...runIds).not())
      .groupBy("phase", "stepName")
      .agg(
        count(lit(1)).alias("h_n"),
        avg(col("durationSecs")).alias("h_d_mean"),
        stddevSamp(col("durationSecs")).alias("h_d_sd"),
        avg(col("rowsProcessed")).alias("h_r_mean"),
        stddevSamp(col("rowsProcessed")).alias("h_r_sd"),
        avg(col("validationRate")).alias("h_v_mean"),
        stddevSamp(col("validationRate")).alias("h_v_sd"),
      );
    const fresh = spark.createDataFrame(rows as TableRow[], LOG_TABLE_DDL);
    const z = (value: string, mean: string, sd: string) =>
      when(col("h_n").ge(lit(config.minHistoryRows)).and(col(sd).gt(lit(0))).and(col(value).isNotNull()), col(value).minus(col(mean)).divide(col(sd)));
    const k = config.anomalyThreshold;
    const scored = fresh
      .join(history, ["phase", "stepName"], "left")
      .select(
        col("runId"),
        col("phase"),
        col("stepName"),
        col("durationSecs"),
        col("rowsProcessed").cast("double").alias("rowsProcessed"),
        col("validationRate"),
        col("h_d_mean"),
        col("h_d_sd"),
        col("h_r_mean"),
        col("h_r_sd"),
        col("h_v_mean"),
        col("h_v_sd"),
        z("durationSecs", "h_d_mean", "h_d_sd").alias("z_d"),
        z("rowsProcessed", "h_r_mean", "h_r_sd").alias("z_r"),
        z("validationRate", "h_v_mean", "h_v_sd").alias("z_v"),
      );
    const abs = (c: string) => when(col(c).lt(lit(0)), col(c).negate()).otherwise(col(c));
    const flagged = scored.where(
      abs("z_d")
        .gt(lit(k))
        .or(abs("z_r").gt(lit(k)))
        .or(abs("z_v").gt(lit(k)))
        .or(col("validationRate").lt(lit(config.minValidationRate))),
    );
    const found = yield* collect(flagged, { ...options, longs: "number" });
    const out: Anomaly[] = [];
    const severityOf = (z: number): Anomaly["severity"] => (Math.abs(z) >= 2 * k ? "high" : Math.abs(z) >= 1.5 * k ? "medium" : "low");
    for (const r of found) {
      const base = { runId: String(r["runId"]), phase: String(r["phase"]), stepName: String(r["stepName"]) };
      const where = `${base.phase}/${base.stepName} of run ${base.runId}`;
      const check = (type: Anomaly["type"], zKey: string, value: string, mean: string, sd: string, what: string, unit: string) => {
        const zv = r[zKey];
        if (typeof zv !== "number" || Math.abs(zv) <= k) return;
        const v = Number(r[value]);
        const m = Number(r[mean]);
        out.push({
          type,
          description: `${what} of ${where} is ${v}${unit}, ${Math.abs(zv).toFixed(1)} standard deviations ${zv > 0 ? "above" : "below"} its history (mean ${m.toFixed(2)}${unit}, sd ${Number(r[sd]).toFixed(2)})`,
          severity: severityOf(zv),
          value: v,
          expected: m,
          zScore: zv,
          ...base,
        });
      };
      check("duration_outlier", "z_d", "durationSecs", "h_d_mean", "h_d_sd", "Duration", " s");
      check("row_count_outlier", "z_r", "rowsProcessed", "h_r_mean", "h_r_sd", "Rows processed", "");
      check("validation_rate_outlier", "z_v", "validationRate", "h_v_mean", "h_v_sd", "Validation rate", "%");
      const rate = r["validationRate"];
      if (typeof rate === "number" && rate < config.minValidationRate) {
        const gap = config.minValidationRate - rate;
        out.push({
          type: "low_validation_rate",
          description: `Validation rate of ${where} is ${rate}%, below the minimum of ${config.minValidationRate}%`,
          severity: gap >= 20 ? "high" : gap >= 10 ? "medium" : "low",
          value: rate,
          expected: config.minValidationRate,
          zScore: undefined,
          ...base,
        });
      }
    }
    return out;
  });
}

/**
 * The log writer as an Effect service: provide `PipelineLog.layer(config)` (it needs the
 * `Spark` service of `spark-connect-ts/effect`) and read it with `yield* PipelineLog`.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const log = yield* PipelineLog;
 *   yield* log.writeLogRows([{ runId: "r1", phase: "bronze", stepName: "extract", durationSecs: 15 }]);
 *   return yield* log.generateSummaryReport(30);
 * });
 * ```
 */
export class PipelineLog extends Context.Service<PipelineLog, LogWriterService>()("spark-connect-ts/pipelines/PipelineLog") {
  /** A layer building the writer on the `Spark` service's session. */
  static layer(config: WriterConfigInput): Layer.Layer<PipelineLog, PipelineConfigError, Spark> {
    return Layer.effect(
      PipelineLog,
      Effect.gen(function* () {
        return yield* makeLogWriter(yield* Spark, config);
      }),
    );
  }
}
