/**
 * Table names of the log writer: quoting, and the naming patterns of a WriterConfig
 * (`{schema}.{pipeline_id}_{run_mode}_{date}`).
 */
import type { WriterConfig } from "./models.js";

/** `a`.`b` for "a.b"; each part quoted with backticks. */
export const quoteName = (name: string): string =>
  name
    .split(".")
    .map((p) => "`" + p.replace(/`/g, "``") + "`")
    .join(".");

/** A SQL string literal. */
export const sqlString = (s: string): string => "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";

/** What a generated table name is made of. */
export interface TableNameParts {
  readonly pipelineId: string;
  readonly runMode: string;
  /**
   * Replaces `{timestamp}`, and `{date}` too when `date` is not given: a string as it is,
   * or a Date as `YYYYMMDD_HHMMSS` (UTC). Defaults to now.
   */
  readonly timestamp?: string | Date;
  /** Replaces `{date}`: a string as it is, or a Date as `YYYYMMDD` (UTC). Defaults to the timestamp. */
  readonly date?: string | Date;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
const ymdHms = (d: Date) => `${ymd(d)}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;

/**
 * The table name a config's pattern gives for a pipeline run. With `tableNamePattern`, the
 * pattern with its placeholders filled (`{schema}`, `{table_name}`, `{pipeline_id}`,
 * `{run_mode}`, `{date}`, `{timestamp}`); else `tableSchema.tableName` followed by
 * `tableSuffixPattern` when there is one. Characters Spark does not accept in a table
 * name (anything but letters, digits and `_`, such as the `-` of `my-pipeline`) become `_`.
 *
 * @example
 * ```ts
 * generateTableName(writerConfig({ tableSchema: "analytics", tableName: "base_logs",
 *   tableNamePattern: "{schema}.{pipeline_id}_{run_mode}_{date}" }),
 *   { pipelineId: "my-pipeline", runMode: "incremental", timestamp: "20240101_120000" });
 * // "analytics.my_pipeline_incremental_20240101_120000"
 * ```
 */
export function generateTableName(config: WriterConfig, parts: TableNameParts): string {
  const ts = parts.timestamp ?? new Date();
  const timestamp = typeof ts === "string" ? ts : ymdHms(ts);
  const date = parts.date === undefined ? (typeof ts === "string" ? ts : ymd(ts)) : typeof parts.date === "string" ? parts.date : ymd(parts.date);
  // Spark's session catalog accepts only letters, digits and _ in names.
  const safe = (v: string) => v.replace(/[^A-Za-z0-9_]/g, "_");
  const values: Record<string, string> = {
    schema: config.tableSchema,
    table_name: config.tableName,
    pipeline_id: safe(parts.pipelineId),
    run_mode: safe(parts.runMode),
    date: safe(date),
    timestamp: safe(timestamp),
  };
  const fill = (pattern: string) => pattern.replace(/\{([^}]*)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
  if (config.tableNamePattern !== undefined) return fill(config.tableNamePattern);
  return `${config.tableSchema}.${config.tableName}${config.tableSuffixPattern === undefined ? "" : fill(config.tableSuffixPattern)}`;
}
