import { InvalidPlanError } from "../runtime/errors.js";
import type { DataFrame } from "./DataFrame.js";
import { ReadNode } from "./plan/ReadNode.js";
import type { PlanNode } from "./plan/PlanNode.js";
import type { StructType } from "./types/DataType.js";
import { toDDL } from "./types/ddl.js";
import { str } from "./internal/args.js";

/** A data source option value; numbers and booleans are sent as strings (`true` → `"true"`). */
export type OptionValue = string | number | boolean;

/** What makes DataFrames: the session (kept abstract to avoid an import cycle). */
/** @internal */
export interface DataFrameFactory {
  dataFrame<Row>(plan: PlanNode): DataFrame<Row>;
}

/** An option value as the string Spark receives. */
export function optionString(method: string, key: string, value: OptionValue): string {
  if (typeof key !== "string" || key === "") throw new InvalidPlanError({ message: `${method}(): an option name must be a non-empty string.` });
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new InvalidPlanError({ message: `${method}(): option "${key}" must be a string, a finite number or a boolean (got ${typeof value === "number" ? value : typeof value}).` });
}

/** `options({...})` merged into existing options; undefined values are skipped. */
export function mergeOptions(
  method: string,
  into: Readonly<Record<string, string>>,
  more: Readonly<Record<string, OptionValue | undefined>>,
): Readonly<Record<string, string>> {
  const out = { ...into };
  for (const [k, v] of Object.entries(more)) if (v !== undefined) out[k] = optionString(method, k, v);
  return Object.freeze(out);
}

interface ReaderState {
  /** Whether DataFrames read as streams (spark.readStream). */
  readonly streaming?: boolean;
  readonly format: string | undefined;
  readonly schema: string | undefined;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * Loads DataFrames from files, tables and data sources: `spark.read`. Immutable: each
 * setting returns a new reader, so a configured reader can be kept and reused.
 * Nothing is read until an action runs on the DataFrame.
 *
 * @example
 * ```ts
 * const people = spark.read.option("header", true).schema("name STRING, age INT").csv("/data/people.csv");
 * const events = spark.read.parquet("/data/events");
 * const orders = spark.read.table("sales.orders");
 * ```
 */
export class DataFrameReader {
  /** @internal */
  constructor(
    private readonly spark: DataFrameFactory,
    private readonly state: ReaderState = { format: undefined, schema: undefined, options: Object.freeze({}) },
  ) {}

  private with(change: Partial<ReaderState>): DataFrameReader {
    return new DataFrameReader(this.spark, { ...this.state, ...change });
  }

  /**
   * The data source: `"parquet"` (Spark's default), `"csv"`, `"json"`, `"orc"`, `"text"`,
   * `"xml"`, `"avro"` (with its package), or a connector's name.
   *
   * @example
   * ```ts
   * spark.read.format("json").load("/data/events.json");
   * ```
   */
  format(source: string): DataFrameReader {
    return this.with({ format: str("format", "source", source) });
  }

  /**
   * One data source option (see Spark's data source docs, e.g. `header`, `sep`,
   * `inferSchema`, `multiLine`, `mergeSchema`).
   *
   * @example
   * ```ts
   * spark.read.option("header", true).option("sep", ";").csv("/data/in.csv");
   * ```
   */
  option(key: string, value: OptionValue): DataFrameReader {
    return this.with({ options: mergeOptions("option", this.state.options, { [key]: value }) });
  }

  /**
   * Several options at once; `undefined` values are skipped.
   *
   * @example
   * ```ts
   * spark.read.options({ header: true, inferSchema: true }).csv("/data/in.csv");
   * ```
   */
  options(options: Readonly<Record<string, OptionValue | undefined>>): DataFrameReader {
    return this.with({ options: mergeOptions("options", this.state.options, options) });
  }

  /**
   * The schema to read with, as DDL or a StructType, instead of inferring one (faster,
   * and exact for CSV and JSON).
   *
   * @example
   * ```ts
   * spark.read.schema("id BIGINT, name STRING, ts TIMESTAMP").json("/data/events.json");
   * ```
   */
  schema(schema: string | StructType): DataFrameReader {
    if (typeof schema === "string") return this.with({ schema: str("schema", "schema", schema) });
    if (schema?.kind !== "struct") throw new InvalidPlanError({ message: 'schema(): give a DDL string ("id BIGINT, name STRING") or a StructType.' });
    return this.with({ schema: toDDL(schema) });
  }

  /**
   * A DataFrame over the configured source and path(s). Without a path the source must
   * not need one (e.g. a JDBC source configured by options, or the `path` option).
   *
   * @example
   * ```ts
   * spark.read.format("orc").load(["/data/a.orc", "/data/b.orc"]);
   * ```
   */
  load<Row = Record<string, unknown>>(path?: string | readonly string[]): DataFrame<Row> {
    const paths = path === undefined ? [] : typeof path === "string" ? [path] : [...path];
    paths.forEach((p, i) => str("load", `path ${i + 1}`, p));
    const { format, schema, options, streaming = false } = this.state;
    if (streaming && paths.length > 1) throw new InvalidPlanError({ message: "load(): a stream reads one path (a directory Spark watches for new files)." });
    return this.spark.dataFrame<Row>(ReadNode.create({ type: "dataSource", format, paths, schema }, options, streaming));
  }

  /**
   * A table or view by name; the reader's options go with it (for sources that take them).
   *
   * @example
   * ```ts
   * spark.read.table("sales.orders");
   * ```
   */
  table<Row = Record<string, unknown>>(name: string): DataFrame<Row> {
    return this.spark.dataFrame<Row>(ReadNode.create({ type: "table", name: str("table", "name", name) }, this.state.options, this.state.streaming ?? false));
  }

  private files<Row>(format: string, paths: readonly string[]): DataFrame<Row> {
    if (paths.length === 0) throw new InvalidPlanError({ message: `${format}(): give at least one path, e.g. spark.read.${format}("/data/in").` });
    return this.format(format).load<Row>(paths);
  }

  /**
   * Parquet files or directories.
   *
   * @example
   * ```ts
   * spark.read.parquet("/data/2024", "/data/2025");
   * ```
   */
  parquet<Row = Record<string, unknown>>(...paths: string[]): DataFrame<Row> {
    return this.files("parquet", paths);
  }

  /**
   * CSV files. Columns are strings unless you give a schema or `inferSchema: true`;
   * set `header: true` when the first line names the columns.
   *
   * @example
   * ```ts
   * spark.read.options({ header: true, inferSchema: true }).csv("/data/people.csv");
   * ```
   */
  csv<Row = Record<string, unknown>>(...paths: string[]): DataFrame<Row> {
    return this.files("csv", paths);
  }

  /**
   * JSON Lines files (one object per line; `multiLine: true` for one document per file).
   *
   * @example
   * ```ts
   * spark.read.json("/data/events.jsonl");
   * ```
   */
  json<Row = Record<string, unknown>>(...paths: string[]): DataFrame<Row> {
    return this.files("json", paths);
  }

  /**
   * ORC files or directories.
   *
   * @example
   * ```ts
   * spark.read.orc("/data/events.orc");
   * ```
   */
  orc<Row = Record<string, unknown>>(...paths: string[]): DataFrame<Row> {
    return this.files("orc", paths);
  }

  /**
   * Text files: one row per line in a string column `value` (`wholetext: true` for one
   * row per file).
   *
   * @example
   * ```ts
   * spark.read.text("/var/log/app.log"); // rows { value: string }
   * ```
   */
  text(...paths: string[]): DataFrame<{ value: string }> {
    return this.files("text", paths);
  }
}

/**
 * Reads streams: `spark.readStream`, the same settings as `spark.read` (a stream reads
 * one path: a directory Spark watches for new files), plus the `rate` and
 * `rate-micro-batch` test sources and connectors such as Kafka. Options such as
 * `maxFilesPerTrigger`, `maxBytesPerTrigger` and `latestFirst` pass through.
 *
 * @example
 * ```ts
 * const events = spark.readStream.schema("id BIGINT, ts TIMESTAMP").option("maxFilesPerTrigger", 1).json("/data/in");
 * const rates = spark.readStream.format("rate").option("rowsPerSecond", 100).load();
 * ```
 */
export type DataStreamReader = DataFrameReader;

/** @internal A reader whose DataFrames read as streams. */
export function streamReader(spark: DataFrameFactory): DataStreamReader {
  return new DataFrameReader(spark, { streaming: true, format: undefined, schema: undefined, options: Object.freeze({}) });
}
