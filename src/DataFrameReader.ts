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

/** JDBC properties (`user`, `password`, `driver`, `fetchsize`, ...), checked: an object of option values. */
export function jdbcProperties(method: string, properties: unknown): Record<string, OptionValue> {
  if (properties === undefined || properties === null) return {};
  if (typeof properties !== "object" || Array.isArray(properties)) {
    throw new InvalidPlanError({ message: `${method}(): properties must be an object of JDBC options, e.g. { user: "etl", password: "..." }.` });
  }
  return properties as Record<string, OptionValue>;
}

/** Options of `read.xml`: PySpark's keywords (`rowTag`, `schema`, `attributePrefix`, ...); other keys pass through as XML options. */
export interface XmlReadOptions {
  /** The element that holds each row, e.g. `"book"` for `<book>` elements. */
  readonly rowTag?: string;
  /** The schema, as DDL or a StructType, instead of inferring one. */
  readonly schema?: string | StructType;
  readonly [option: string]: OptionValue | StructType | null | undefined;
}

/** Options of `read.jdbc`, as PySpark's keywords. */
export interface JdbcReadOptions {
  /** JDBC options: `user`, `password`, `driver`, `fetchsize`, ... */
  readonly properties?: Readonly<Record<string, OptionValue>> | null;
  /** A numeric, date or timestamp column to split the read on, with `lowerBound`, `upperBound` and `numPartitions`. */
  readonly column?: string | null;
  readonly lowerBound?: number | bigint | string | null;
  readonly upperBound?: number | bigint | string | null;
  readonly numPartitions?: number | null;
  /** One partition per condition, each a SQL WHERE clause (without `WHERE`) run by the database. */
  readonly predicates?: readonly string[] | null;
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

  /**
   * XML files (built into Spark 4), with PySpark's keywords as an object: `rowTag` names
   * the element that holds each row (required: Spark 4.1 refuses XML without it with
   * XML_ROW_TAG_MISSING), `schema` skips inference,
   * and any other XML option (`attributePrefix`, `valueTag`, `excludeAttribute`, ...)
   * passes through. Attributes become columns prefixed with `_`.
   *
   * @example
   * ```ts
   * spark.read.xml("/data/books.xml", { rowTag: "book" });
   * spark.read.xml(["/data/a.xml", "/data/b.xml"], { rowTag: "book", schema: "id STRING, title STRING" });
   * ```
   */
  xml<Row = Record<string, unknown>>(path: string | readonly string[], options?: XmlReadOptions | null): DataFrame<Row> {
    const paths = typeof path === "string" ? [path] : path;
    if (!Array.isArray(paths)) throw new InvalidPlanError({ message: 'xml(): give a path or an array of paths, e.g. spark.read.xml("/data/in.xml", { rowTag: "row" }).' });
    if (options !== undefined && options !== null && (typeof options !== "object" || Array.isArray(options))) {
      throw new InvalidPlanError({ message: 'xml(): the options come as an object, e.g. { rowTag: "book" }.' });
    }
    const { schema, ...rest } = options ?? {};
    let reader: DataFrameReader = this;
    if (schema !== undefined && schema !== null) reader = reader.schema(schema as string | StructType);
    const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null)) as Record<string, OptionValue>;
    return reader.options(values).files("xml", paths);
  }

  /**
   * A table (or a parenthesised query with an alias) of a database over JDBC, with
   * PySpark's forms: the whole table in one partition; split on a `column` between
   * `lowerBound` and `upperBound` into `numPartitions` (all four together); or one
   * partition per `predicates` condition. `properties` are JDBC options (`user`,
   * `password`, `driver`, ...). The server needs the database's JDBC driver on its class
   * path (see addArtifacts for a driver jar).
   *
   * @example
   * ```ts
   * spark.read.jdbc(url, "orders", { properties: { user: "etl", password } });
   * spark.read.jdbc(url, "orders", "id", 0, 1_000_000, 8, { properties: { user: "etl", password } });
   * spark.read.jdbc(url, "orders", { column: "id", lowerBound: 0, upperBound: 1_000_000, numPartitions: 8 });
   * spark.read.jdbc(url, "orders", { predicates: ["region = 'EU'", "region = 'US'"] });
   * ```
   */
  jdbc<Row = Record<string, unknown>>(url: string, table: string, options?: JdbcReadOptions | null): DataFrame<Row>;
  jdbc<Row = Record<string, unknown>>(
    url: string,
    table: string,
    column: string,
    lowerBound: number | bigint | string,
    upperBound: number | bigint | string,
    numPartitions: number,
    options?: Pick<JdbcReadOptions, "properties"> | null,
  ): DataFrame<Row>;
  jdbc<Row = Record<string, unknown>>(
    url: string,
    table: string,
    column?: string | JdbcReadOptions | null,
    lowerBound?: number | bigint | string | null,
    upperBound?: number | bigint | string | null,
    numPartitions?: number | null,
    options?: Pick<JdbcReadOptions, "properties"> | null,
  ): DataFrame<Row>;
  jdbc<Row = Record<string, unknown>>(
    url: string,
    table: string,
    column?: string | JdbcReadOptions | null,
    lowerBound?: number | bigint | string | null,
    upperBound?: number | bigint | string | null,
    numPartitions?: number | null,
    options?: Pick<JdbcReadOptions, "properties"> | null,
  ): DataFrame<Row> {
    const o: JdbcReadOptions =
      typeof column === "object" && column !== null
        ? column
        : { column: column ?? null, lowerBound: lowerBound ?? null, upperBound: upperBound ?? null, numPartitions: numPartitions ?? null, properties: options?.properties ?? null };
    const properties = jdbcProperties("jdbc", o.properties);
    const base = this.format("jdbc").options(properties);
    const target = { url: str("jdbc", "url", url), dbtable: str("jdbc", "table", table) };
    if (o.column !== undefined && o.column !== null) {
      const bounds = { lowerBound: o.lowerBound, upperBound: o.upperBound, numPartitions: o.numPartitions };
      for (const [k, v] of Object.entries(bounds)) {
        if (v === undefined || v === null) {
          throw new InvalidPlanError({ message: `jdbc(): with a partition column, give lowerBound, upperBound and numPartitions too (${k} is missing).` });
        }
      }
      const n = o.numPartitions;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
        throw new InvalidPlanError({ message: `jdbc(): numPartitions must be a positive integer (got ${String(n)}).` });
      }
      const bound = (v: unknown) => (typeof v === "bigint" ? v.toString() : (v as OptionValue));
      return base
        .options({ partitionColumn: str("jdbc", "column", o.column), lowerBound: bound(o.lowerBound), upperBound: bound(o.upperBound), numPartitions: n })
        .options(target)
        .load<Row>();
    }
    if (o.predicates !== undefined && o.predicates !== null) {
      if (!Array.isArray(o.predicates) || o.predicates.length === 0 || o.predicates.some((p) => typeof p !== "string" || p.trim() === "")) {
        throw new InvalidPlanError({ message: "jdbc(): predicates must be a non-empty array of SQL conditions, e.g. [\"region = 'EU'\", \"region = 'US'\"]." });
      }
      // One read per condition, each one partition, concatenated: the partitions Spark
      // makes for a predicates read, each running `SELECT * FROM table WHERE condition`.
      const parts = o.predicates.map((p) => base.options({ url: target.url, query: `SELECT * FROM ${target.dbtable} WHERE ${p}` }).load());
      return parts.reduce((all, part) => all.unionAll(part as never) as typeof all) as unknown as DataFrame<Row>;
    }
    return base.options(target).load<Row>();
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
