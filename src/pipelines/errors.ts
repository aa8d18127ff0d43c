/**
 * The typed errors of `spark-connect-ts/pipelines`. Each is an Effect tagged error: in the
 * Effect API it sits in the error channel (`Effect.catchTag("PipelineConfigError", ...)`),
 * and the Promise API rejects with the same object, so `instanceof` works in a `catch`.
 * Failures of Spark itself keep the library's classes (`AnalysisError`, `TransportError`,
 * ...; docs/errors.md) and pass through unchanged.
 */
import * as Data from "effect/Data";
import type { SparkConnectFailure } from "../../runtime/errors.js";

/** One problem found in a value: where (`path`, e.g. `["rows", 2, "durationSecs"]`) and what. */
export interface FieldIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** `rows[2].durationSecs` for the path `["rows", 2, "durationSecs"]`. */
export function pathText(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

function describe(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${pathText(i.path) || "(the value)"}: ${i.message}`).join("; ");
}

/**
 * A WriterConfig or store option is invalid. `field` names the first bad field
 * (`batchSize`, `tableName`, ...); `issues` lists every problem found. Nothing was sent.
 *
 * @example
 * ```ts
 * try { writerConfig({ tableSchema: "", tableName: "logs" }); }
 * catch (e) { if (e instanceof PipelineConfigError) console.log(e.field); } // "tableSchema"
 * ```
 */
export class PipelineConfigError extends Data.TaggedError("PipelineConfigError")<{
  readonly field: string;
  readonly issues: readonly FieldIssue[];
  readonly message: string;
}> {
  static of(what: string, issues: readonly FieldIssue[]): PipelineConfigError {
    const field = pathText(issues[0]?.path ?? []) || what;
    return new PipelineConfigError({ field, issues, message: `Invalid ${what}: ${describe(issues)}.` });
  }
}

/**
 * Input to a call is invalid: a log row missing a required field or with a field of the
 * wrong type, restart details that are not `{ scriptClass, index }`, a rule or filter on a
 * column the log table does not have. `field` names the first bad field as a path
 * (`rows[2].durationSecs`); `issues` lists every problem. Nothing was written.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof PipelineInputError) console.log(e.field); } // "rows[0].phase"
 * ```
 */
export class PipelineInputError extends Data.TaggedError("PipelineInputError")<{
  readonly field: string;
  readonly issues: readonly FieldIssue[];
  readonly message: string;
}> {
  static of(what: string, issues: readonly FieldIssue[], hint = ""): PipelineInputError {
    const field = pathText(issues[0]?.path ?? []) || what;
    return new PipelineInputError({ field, issues, message: `Invalid ${what}: ${describe(issues)}.${hint ? ` ${hint}` : ""}` });
  }
}

/**
 * Log rows did not meet the data-quality threshold of the WriterConfig
 * (`minValidationRate`, `maxInvalidRowsPercent`), so they were not written. `report` is the
 * validation, with the failing rules per column.
 */
export class DataQualityError extends Data.TaggedError("DataQualityError")<{
  readonly report: import("./quality.js").DataQualityReport;
  readonly message: string;
}> {}

/**
 * A table operation that needs Delta Lake (OPTIMIZE, VACUUM, history, MERGE) was asked of a
 * table that is not a Delta table, or of a server without Delta Lake. `format` is the
 * table's format (`parquet`, ...) when known. The message names the fix.
 */
export class NotDeltaTableError extends Data.TaggedError("NotDeltaTableError")<{
  readonly table: string;
  readonly format: string | undefined;
  readonly message: string;
}> {}

/** The log table does not exist yet (write some rows first), or was dropped. */
export class LogTableNotFoundError extends Data.TaggedError("LogTableNotFoundError")<{
  readonly table: string;
  readonly message: string;
}> {}

/**
 * A batch write stopped at a failed batch because `failFast` is set. `report` holds what
 * was written before it and the batch that failed; `cause` is the batch's last error.
 */
export class BatchWriteError extends Data.TaggedError("BatchWriteError")<{
  readonly report: import("./logWriter.js").BatchWriteReport;
  readonly cause: unknown;
  readonly message: string;
}> {}

/**
 * The restart state at `path` exists but cannot be trusted: a commit record points at data
 * that is missing or does not hold the rows it records (changed by something other than
 * this store). The message says which version and where.
 */
export class RestartStateError extends Data.TaggedError("RestartStateError")<{
  readonly path: string;
  readonly message: string;
}> {}

/** Every failure of the pipeline toolkit: its own errors and the library's. */
export type PipelineFailure =
  | SparkConnectFailure
  | PipelineConfigError
  | PipelineInputError
  | DataQualityError
  | NotDeltaTableError
  | LogTableNotFoundError
  | BatchWriteError
  | RestartStateError;
