/**
 * The models of the pipeline toolkit as Effect Schemas: the log writer's configuration,
 * a pipeline run (ExecutionContext, StepResult, ExecutionResult), a log row, and a
 * restart entry. Decoding checks types, ranges and required fields and fills defaults;
 * failures become PipelineConfigError / PipelineInputError naming the field.
 */
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import * as SchemaIssue from "effect/SchemaIssue";
import { type FieldIssue, PipelineConfigError, PipelineInputError } from "./errors.js";

const num = (min: number, max: number, what: string) =>
  Schema.Finite.check(Schema.makeFilter((n: number) => (n >= min && n <= max) || `${what} between ${min} and ${max} (got ${n})`));
const int = (min: number, max: number, what: string) =>
  Schema.Finite.check(Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= min && n <= max) || `${what}: an integer between ${min} and ${max} (got ${n})`));
const withDefault = <S extends Schema.Top>(schema: S, value: S["Encoded"]) => schema.pipe(Schema.withDecodingDefaultKey(Effect.succeed(value)));

/** A name part of a table: letters, digits and `_`, the names Spark's session catalog accepts. */
export const NamePart = Schema.String.check(
  Schema.makeFilter((s: string) => /^[A-Za-z0-9_]+$/.test(s) || `a name of letters, digits and _ (got ${JSON.stringify(s)})`),
);

/** The placeholders a table name pattern may use. */
export const NAME_PLACEHOLDERS = ["schema", "table_name", "pipeline_id", "run_mode", "date", "timestamp"] as const;

const Pattern = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const unknown = [...s.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((p) => !(NAME_PLACEHOLDERS as readonly string[]).includes(p));
    if (s.length === 0) return "a non-empty pattern";
    return unknown.length === 0 || `unknown placeholder {${unknown[0]}}; use ${NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`;
  }),
);

/**
 * How a write treats the rows already in the log table: `append` adds, `overwrite`
 * replaces them, `ignore` writes only when the table does not exist yet, `merge` upserts
 * by (runId, phase, stepName) and needs a Delta table.
 */
export const WriteMode = Schema.Literals(["append", "overwrite", "ignore", "merge"]);
export type WriteMode = typeof WriteMode.Type;

/** The log table's format: Delta Lake (the default, needed for the table operations) or Parquet. */
export const TableFormat = Schema.Literals(["delta", "parquet"]);
export type TableFormat = typeof TableFormat.Type;

/** How log rows with fields the log table does not have are treated. */
export const SchemaValidationMode = Schema.Literals(["strict", "lenient", "ignore"]);

/** The configuration of a LogWriter; every field but the table's schema and name has a default. */
export const WriterConfigSchema = Schema.Struct({
  /** The database (schema) of the log table; created if missing. */
  tableSchema: NamePart,
  /** The log table's name. */
  tableName: NamePart,
  writeMode: withDefault(WriteMode, "append"),
  tableFormat: withDefault(TableFormat, "delta"),
  // Performance
  /** Log rows per write in batch writes (executions are never split across batches). */
  batchSize: withDefault(int(1, 1_000_000, "batchSize"), 1000),
  /** Target file size of `optimizeTable` (Delta's `spark.databricks.delta.optimize.maxFileSize`). */
  maxFileSizeMb: withDefault(int(1, 10_240, "maxFileSizeMb"), 128),
  /** Spark tasks (and at most as many files) per write: the rows are repartitioned to this many. */
  parallelWriteThreads: withDefault(int(1, 64, "parallelWriteThreads"), 4),
  /**
   * The share of memory the writer's jobs are meant to use. Spark's memory fraction is a
   * static server setting (`spark.memory.fraction`) that a client cannot change: this value
   * is validated, kept in the config and recorded as the table property
   * `pipelines.memoryFraction`, for the server's operators to honour.
   */
  memoryFraction: withDefault(
    Schema.Finite.check(Schema.makeFilter((n: number) => (n > 0 && n <= 1) || `memoryFraction above 0 and at most 1 (got ${n})`)),
    0.8,
  ),
  /** Whether `optimizeTable` may run (false makes it report `optimized: false` with the reason). */
  enableOptimization: withDefault(Schema.Boolean, true),
  // Data quality
  /** Validate rows in Spark before each write and refuse rows below the thresholds (DataQualityError). */
  logDataQualityResults: withDefault(Schema.Boolean, true),
  enableAnomalyDetection: withDefault(Schema.Boolean, true),
  /** Percent of valid rows a validation needs to pass. */
  minValidationRate: withDefault(num(0, 100, "minValidationRate"), 95),
  /** Percent of invalid rows a validation may have to pass. */
  maxInvalidRowsPercent: withDefault(num(0, 100, "maxInvalidRowsPercent"), 5),
  /** How many standard deviations from a step's history make a value an anomaly. */
  anomalyThreshold: withDefault(num(0.5, 100, "anomalyThreshold"), 3),
  /** How many earlier rows of a step its history needs before anomalies are reported. */
  minHistoryRows: withDefault(int(2, 1_000_000, "minHistoryRows"), 5),
  // Schema management
  /** Add columns the log table lacks (a table written by an older version) on append (Delta's mergeSchema). */
  enableSchemaEvolution: withDefault(Schema.Boolean, true),
  /** Create Delta tables with optimized writes and auto compaction on. */
  autoOptimizeSchema: withDefault(Schema.Boolean, true),
  /** `strict`: rows with unknown fields are refused; `lenient`: unknown fields go into `metadata`; `ignore`: they are dropped. */
  schemaValidationMode: withDefault(SchemaValidationMode, "strict"),
  // Naming
  /** A full table name pattern, e.g. `{schema}.{pipeline_id}_{run_mode}_{date}`. */
  tableNamePattern: Schema.optionalKey(Pattern),
  /** A suffix pattern added to `tableName` when there is no full pattern, e.g. `_{run_mode}_{timestamp}`. */
  tableSuffixPattern: Schema.optionalKey(Pattern),
  // Error handling
  /** Retries of a failed write (0: none). */
  maxRetries: withDefault(int(0, 20, "maxRetries"), 3),
  /** The wait before the first retry. */
  retryDelaySecs: withDefault(num(0, 300, "retryDelaySecs"), 1),
  /** Stop a batch write at the first batch that fails (BatchWriteError) instead of going on. */
  failFast: withDefault(Schema.Boolean, false),
  /** Double the wait after each retry (else the same wait each time). */
  retryExponentialBackoff: withDefault(Schema.Boolean, true),
  // Export
  /** Where `exportAnalyticsData` writes when no path is given (a directory on the server's file system). */
  exportDirectory: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty())),
}).check(
  Schema.makeFilter((c) => c.writeMode !== "merge" || c.tableFormat === "delta" || { path: ["writeMode"], issue: 'writeMode "merge" needs tableFormat "delta" (MERGE INTO is a Delta Lake operation)' }),
);

/** A checked configuration, defaults filled in. */
export type WriterConfig = typeof WriterConfigSchema.Type;
/** A configuration as written by hand: `tableSchema` and `tableName`, the rest optional. */
export type WriterConfigInput = typeof WriterConfigSchema.Encoded;

/** How a pipeline run was started. */
export const ExecutionMode = Schema.Literals(["initial", "incremental", "full_refresh", "validation_only"]);
export type ExecutionMode = typeof ExecutionMode.Type;

/** The medallion layer a step belongs to. */
export const Phase = Schema.Literals(["bronze", "silver", "gold"]);
export type Phase = typeof Phase.Type;

const Text = Schema.String.check(Schema.isNonEmpty());
const Count = Schema.Finite.check(Schema.makeFilter((n: number) => (Number.isSafeInteger(n) && n >= 0) || `a non-negative integer (got ${n})`));
const Metadata = Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Finite, Schema.Boolean, Schema.Null]));

/** One run of a pipeline. */
export const ExecutionContextSchema = Schema.Struct({
  mode: ExecutionMode,
  startTime: Schema.Date,
  endTime: Schema.optionalKey(Schema.NullOr(Schema.Date)),
  executionId: Text,
  pipelineId: Text,
  /** The schema (database) the pipeline writes. */
  schema: Schema.String,
});
export type ExecutionContext = typeof ExecutionContextSchema.Type;

/** What one step of a run did. */
export const StepResultSchema = Schema.Struct({
  stepName: Text,
  phase: Phase,
  startTime: Schema.Date,
  endTime: Schema.Date,
  durationSecs: Schema.Finite,
  rowsProcessed: Count,
  rowsWritten: Count,
  /** Percent of the step's rows that passed its validation. */
  validationRate: Schema.Finite,
  success: Schema.Boolean,
  errorMessage: Schema.optionalKey(Schema.NullOr(Schema.String)),
  executionContext: Schema.optionalKey(ExecutionContextSchema),
});
export type StepResult = typeof StepResultSchema.Type;

/** A whole run: its context and its steps. */
export const ExecutionResultSchema = Schema.Struct({
  success: Schema.Boolean,
  context: ExecutionContextSchema,
  stepResults: Schema.Array(StepResultSchema),
  totalDurationSecs: Schema.Finite,
  errorMessage: Schema.optionalKey(Schema.NullOr(Schema.String)),
});
export type ExecutionResult = typeof ExecutionResultSchema.Type;

/** The fields of a log row, as the log table has them. */
const logRowFields = {
  runId: Text,
  phase: Text,
  stepName: Text,
  durationSecs: Schema.Finite,
  executionId: Schema.optionalKey(Schema.NullOr(Schema.String)),
  pipelineId: Schema.optionalKey(Schema.NullOr(Schema.String)),
  runMode: Schema.optionalKey(Schema.NullOr(Schema.String)),
  startTime: Schema.optionalKey(Schema.NullOr(Schema.Date)),
  endTime: Schema.optionalKey(Schema.NullOr(Schema.Date)),
  rowsProcessed: Schema.optionalKey(Schema.NullOr(Count)),
  rowsWritten: Schema.optionalKey(Schema.NullOr(Count)),
  validationRate: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
  success: Schema.optionalKey(Schema.Boolean),
  errorMessage: Schema.optionalKey(Schema.NullOr(Schema.String)),
  metadata: Schema.optionalKey(Schema.NullOr(Metadata)),
};

/**
 * One log row as given to `writeLogRows`: `runId` (or the call's `runId` option),
 * `phase`, `stepName` and `durationSecs` are required; the rest may be left out.
 */
export const LogRowInputSchema = Schema.Struct(logRowFields);
export type LogRowInput = Omit<typeof LogRowInputSchema.Type, "runId"> & { readonly runId?: string };

/**
 * A row of the log table, as query lambdas over it see it (`rule(r => r.durationSecs <= 3600)`).
 * `rowsProcessed` and `rowsWritten` are BIGINT in the table; the writer reads them as numbers.
 */
export interface LogRow {
  readonly runId: string;
  readonly executionId: string | null;
  readonly pipelineId: string | null;
  readonly runMode: string | null;
  readonly phase: string;
  readonly stepName: string;
  readonly startTime: Date | null;
  readonly endTime: Date | null;
  readonly durationSecs: number;
  readonly rowsProcessed: number | null;
  readonly rowsWritten: number | null;
  readonly validationRate: number | null;
  readonly success: boolean;
  readonly errorMessage: string | null;
  /** The row's metadata as JSON text. */
  readonly metadata: string | null;
  /** When the writer wrote the row. */
  readonly loggedAt: Date;
}

/** The log table's columns, in order, as DDL. */
export const LOG_TABLE_DDL =
  "runId STRING, executionId STRING, pipelineId STRING, runMode STRING, phase STRING, stepName STRING, " +
  "startTime TIMESTAMP, endTime TIMESTAMP, durationSecs DOUBLE, rowsProcessed BIGINT, rowsWritten BIGINT, " +
  "validationRate DOUBLE, success BOOLEAN, errorMessage STRING, metadata STRING, loggedAt TIMESTAMP";

/** The column names of the log table, in order. */
export const LOG_COLUMNS: readonly (keyof LogRow)[] = LOG_TABLE_DDL.split(", ").map((c) => c.split(" ")[0] as keyof LogRow);

/** One entry of a restart hierarchy: the script (class) to restart and its position. */
export const RestartEntrySchema = Schema.Struct({
  scriptClass: Text,
  index: Schema.Finite.check(Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647) || `a 32-bit integer (got ${n})`)),
});
export type RestartEntry = typeof RestartEntrySchema.Type;

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** The issues of a schema error, as paths and messages. */
export function issuesOf(error: Schema.SchemaError, prefix: readonly (string | number)[] = []): FieldIssue[] {
  return formatter(error.issue).issues.map((i) => ({
    path: [...prefix, ...(i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? (p.key as PropertyKey) : p)).map((k) => (typeof k === "number" ? k : String(k)))],
    message: i.message,
  }));
}

/** Decodes with every problem reported and unknown keys refused (or kept, with `excess: "preserve"`). */
export function decode<S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  value: unknown,
  excess: "error" | "ignore" = "error",
): Exit.Exit<S["Type"], Schema.SchemaError> {
  return Schema.decodeUnknownExit(schema)(value, { errors: "all", onExcessProperty: excess }) as Exit.Exit<S["Type"], Schema.SchemaError>;
}

/** The schema error of a failed decode (a decode only fails with one). */
export function schemaError<A>(exit: Exit.Exit<A, Schema.SchemaError>): Schema.SchemaError | undefined {
  if (Exit.isSuccess(exit)) return undefined;
  for (const r of exit.cause.reasons) if (r._tag === "Fail") return r.error;
  return undefined;
}

/** Checks a WriterConfig and fills its defaults, or fails with a PipelineConfigError naming the field. */
export function parseWriterConfig(input: unknown): Exit.Exit<WriterConfig, PipelineConfigError> {
  if (typeof input !== "object" || input === null) {
    return Exit.fail(PipelineConfigError.of("WriterConfig", [{ path: [], message: "expected an object with at least tableSchema and tableName" }]));
  }
  const exit = decode(WriterConfigSchema, input);
  if (Exit.isSuccess(exit)) return Exit.succeed(exit.value);
  return Exit.fail(PipelineConfigError.of("WriterConfig", issuesOf(schemaError(exit)!)));
}

/**
 * A checked WriterConfig with its defaults, for use up front; throws a
 * PipelineConfigError naming the bad field.
 *
 * @example
 * ```ts
 * const config = writerConfig({ tableSchema: "analytics", tableName: "pipeline_logs" });
 * config.batchSize; // 1000
 * ```
 */
export function writerConfig(input: WriterConfigInput): WriterConfig {
  const exit = parseWriterConfig(input);
  if (Exit.isSuccess(exit)) return exit.value;
  throw schemaFailure(exit);
}

function schemaFailure<E>(exit: Exit.Exit<unknown, E>): E {
  if (Exit.isSuccess(exit)) throw new Error("unreachable");
  for (const r of exit.cause.reasons) if (r._tag === "Fail") return r.error;
  throw new Error("unreachable");
}

/** Decodes `value` or fails with a PipelineInputError whose paths start with `what`. */
export function decodeInput<S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  value: unknown,
  what: string,
  excess: "error" | "ignore" = "error",
): Effect.Effect<S["Type"], PipelineInputError> {
  const exit = decode(schema, value, excess);
  if (Exit.isSuccess(exit)) return Effect.succeed(exit.value);
  return Effect.fail(PipelineInputError.of(what, issuesOf(schemaError(exit)!, [what])));
}
