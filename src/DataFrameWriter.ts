import type { MessageInitShape } from "@bufbuild/protobuf";
import { WriteOperation_SaveMode, WriteOperation_SaveTable_TableSaveMethod, type WriteOperationSchema } from "../generated/spark/connect/commands_pb.js";
import { InvalidPlanError } from "../runtime/errors.js";
import { mergeOptions, type OptionValue } from "./DataFrameReader.js";
import type { PlanNode } from "./plan/PlanNode.js";
import type { PlanEncoder } from "./plan/encodeRelation.js";
import { int, list, str } from "./internal/args.js";
import type { SessionHandle } from "./internal/handle.js";
import type { ExecutionInfo } from "./internal/ops/executionInfo.js";
import type { OperationOptions } from "./internal/ops/action.js";
import type { CommandInit } from "./internal/ops/execute.js";
import { run } from "./internal/run.js";
import * as E from "./effect/writer.js";
import type { XmlWriteOptions } from "./effect/writer.js";

/**
 * What a write does when its target already exists: `"append"` adds the rows,
 * `"overwrite"` replaces the data, `"ignore"` leaves it and writes nothing,
 * `"error"` / `"errorifexists"` (the default) fail with an AnalysisError.
 */
export type SaveMode = "append" | "overwrite" | "ignore" | "error" | "errorifexists" | "default";

const SAVE_MODES: Record<SaveMode, WriteOperation_SaveMode> = {
  append: WriteOperation_SaveMode.APPEND,
  overwrite: WriteOperation_SaveMode.OVERWRITE,
  ignore: WriteOperation_SaveMode.IGNORE,
  error: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  errorifexists: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  default: WriteOperation_SaveMode.ERROR_IF_EXISTS,
};

/** Built-in sources that write files and so need a path. */
const FILE_SOURCES = new Set(["parquet", "csv", "json", "orc", "text", "xml", "avro"]);

type WriteInit = MessageInitShape<typeof WriteOperationSchema>;

interface WriterState {
  readonly source: string | undefined;
  readonly mode: WriteOperation_SaveMode;
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly bucketBy: { readonly numBuckets: number; readonly columns: readonly string[] } | undefined;
  readonly sortBy: readonly string[];
  readonly clusterBy: readonly string[];
}

/** The DataFrame being written (kept abstract to avoid an import cycle). */
interface Writable {
  readonly handle: SessionHandle;
  readonly plan: PlanNode;
  readonly recordExecution: (info: ExecutionInfo) => void;
}

/** Where a V1 write goes: a path, a table, or the source's own target. */
export type WriteTarget = Pick<WriteInit, "saveType">;

/**
 * Writes a DataFrame to files, tables or a data source (`df.write`), Spark's V1 write
 * path. Immutable: each setting returns a new writer. The terminal methods (`save`,
 * `saveAsTable`, `insertInto`, `parquet`, ...) run the write and resolve when it is done.
 *
 * @example
 * ```ts
 * await df.write.mode("overwrite").partitionBy("country").parquet("/data/orders");
 * await df.write.format("json").option("compression", "gzip").save("/data/orders.json");
 * await df.write.saveAsTable("sales.orders");
 * ```
 */
export class DataFrameWriter {
  /** @internal */
  constructor(
    /** @internal */ readonly df: Writable,
    private readonly state: WriterState = {
      source: undefined,
      mode: WriteOperation_SaveMode.UNSPECIFIED,
      options: Object.freeze({}),
      partitionBy: [],
      bucketBy: undefined,
      sortBy: [],
      clusterBy: [],
    },
  ) {}

  private with(change: Partial<WriterState>): DataFrameWriter {
    return new DataFrameWriter(this.df, { ...this.state, ...change });
  }

  /**
   * The data source to write with: `"parquet"` (Spark's default), `"csv"`, `"json"`,
   * `"orc"`, `"text"`, `"noop"`, or a connector's name.
   *
   * @example
   * ```ts
   * await df.write.format("orc").save("/data/out");
   * ```
   */
  format(source: string): DataFrameWriter {
    return this.with({ source: str("format", "source", source) });
  }

  /**
   * What to do when the target exists (case-insensitive): `"append"`, `"overwrite"`,
   * `"ignore"`, `"error"` / `"errorifexists"` (the default).
   *
   * @example
   * ```ts
   * await df.write.mode("append").parquet("/data/events");
   * ```
   */
  mode(saveMode: SaveMode | Uppercase<SaveMode>): DataFrameWriter {
    const key = typeof saveMode === "string" ? saveMode.toLowerCase() : "";
    if (!Object.hasOwn(SAVE_MODES, key)) {
      throw new InvalidPlanError({
        message: `mode(): unknown save mode ${JSON.stringify(saveMode)}; use "append", "overwrite", "ignore", "error" or "errorifexists".`,
      });
    }
    return this.with({ mode: SAVE_MODES[key as SaveMode] });
  }

  /**
   * One data source option (e.g. `compression`, `header`, `sep`, `path`).
   *
   * @example
   * ```ts
   * await df.write.option("header", true).csv("/data/out.csv");
   * ```
   */
  option(key: string, value: OptionValue): DataFrameWriter {
    return this.with({ options: mergeOptions("option", this.state.options, { [key]: value }) });
  }

  /**
   * Several options at once; `undefined` values are skipped.
   *
   * @example
   * ```ts
   * await df.write.options({ header: true, compression: "gzip" }).csv("/data/out");
   * ```
   */
  options(options: Readonly<Record<string, OptionValue | undefined>>): DataFrameWriter {
    return this.with({ options: mergeOptions("options", this.state.options, options) });
  }

  /**
   * Lays the output out in one directory per value of the columns (`country=PL/`), for
   * file sources and tables.
   *
   * @example
   * ```ts
   * await df.write.partitionBy("year", "month").parquet("/data/events");
   * ```
   */
  partitionBy(...columns: (string | readonly string[])[]): DataFrameWriter {
    return this.with({ partitionBy: list(columns).map((c) => str("partitionBy", "column", c)) });
  }

  /**
   * Hashes rows into `numBuckets` buckets by the columns; only for `saveAsTable`.
   *
   * @example
   * ```ts
   * await df.write.bucketBy(8, "userId").sortBy("ts").saveAsTable("events_bucketed");
   * ```
   */
  bucketBy(numBuckets: number, column: string, ...columns: string[]): DataFrameWriter {
    const n = int("bucketBy", "numBuckets", numBuckets, 1);
    return this.with({ bucketBy: { numBuckets: n, columns: [column, ...columns].map((c) => str("bucketBy", "column", c)) } });
  }

  /**
   * Sorts the rows within each bucket; needs bucketBy.
   *
   * @example
   * ```ts
   * await df.write.bucketBy(8, "userId").sortBy("ts").saveAsTable("events_bucketed");
   * ```
   */
  sortBy(column: string, ...columns: string[]): DataFrameWriter {
    return this.with({ sortBy: [column, ...columns].map((c) => str("sortBy", "column", c)) });
  }

  /**
   * Clustering columns of the table, for sources that support clustering (e.g. Delta).
   *
   * @example
   * ```ts
   * await df.write.format("delta").clusterBy("country").saveAsTable("orders");
   * ```
   */
  clusterBy(...columns: (string | readonly string[])[]): DataFrameWriter {
    return this.with({ clusterBy: list(columns).map((c) => str("clusterBy", "column", c)) });
  }

  /** @internal The write command for a target, encoded by the caller's encoder. */
  command(target: WriteTarget): (encoder: PlanEncoder) => CommandInit {
    const s = this.state;
    return (e) => ({
      commandType: {
        case: "writeOperation",
        value: {
          input: e.relation(this.df.plan),
          ...(s.source !== undefined ? { source: s.source } : {}),
          ...target,
          mode: s.mode,
          options: { ...s.options },
          partitioningColumns: [...s.partitionBy],
          sortColumnNames: [...s.sortBy],
          clusteringColumns: [...s.clusterBy],
          ...(s.bucketBy ? { bucketBy: { numBuckets: s.bucketBy.numBuckets, bucketColumnNames: [...s.bucketBy.columns] } } : {}),
        },
      },
    });
  }

  /** @internal The target of `save(path?)`, checked: file sources need a path. */
  saveTarget(path: string | undefined): WriteTarget {
    if (path !== undefined) return { saveType: { case: "path", value: str("save", "path", path) } };
    const source = (this.state.source ?? "parquet").toLowerCase();
    if (FILE_SOURCES.has(source) && !Object.keys(this.state.options).some((k) => k.toLowerCase() === "path")) {
      throw new InvalidPlanError({
        message: `save(): the ${source} source needs a path: give one (save("/data/out")), or write to a table with saveAsTable("name") or insertInto("name").`,
      });
    }
    return {};
  }

  /**
   * Writes to `path` with the configured source. Without a path the source must not
   * need one (`noop`, `jdbc`, or the `path` option); file sources need a path.
   *
   * @example
   * ```ts
   * await df.write.format("parquet").mode("overwrite").save("/data/out");
   * await df.write.format("noop").mode("overwrite").save(); // runs the query, writes nothing
   * ```
   */
  save(path?: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.save(this, path, options));
  }

  /**
   * Writes to a table of the catalog, creating it if needed (the save mode decides what
   * happens when it exists). The format defaults to `spark.sql.sources.default` (parquet).
   *
   * @example
   * ```ts
   * await df.write.mode("overwrite").saveAsTable("sales.orders");
   * ```
   */
  saveAsTable(table: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.saveAsTable(this, table, options));
  }

  /**
   * Inserts the rows into an existing table, matching columns by position (not by name).
   * `overwrite: true` replaces the table's data (or the written partitions).
   *
   * @example
   * ```ts
   * await df.write.insertInto("sales.orders");
   * await df.write.insertInto("sales.orders", true); // overwrite
   * await df.write.insertInto("sales.orders", { signal }); // with options
   * ```
   */
  insertInto(table: string, overwrite?: boolean | OperationOptions, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.insertInto(this, table, overwrite, options));
  }

  /**
   * Writes Parquet files under `path`.
   *
   * @example
   * ```ts
   * await df.write.mode("overwrite").parquet("/data/out");
   * ```
   */
  parquet(path: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.parquet(this, path, options));
  }

  /**
   * Writes CSV files under `path` (add `option("header", true)` for a header line).
   *
   * @example
   * ```ts
   * await df.write.option("header", true).csv("/data/out");
   * ```
   */
  csv(path: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.csv(this, path, options));
  }

  /**
   * Writes JSON Lines files under `path`.
   *
   * @example
   * ```ts
   * await df.write.json("/data/out");
   * ```
   */
  json(path: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.json(this, path, options));
  }

  /**
   * Writes ORC files under `path`.
   *
   * @example
   * ```ts
   * await df.write.orc("/data/out");
   * ```
   */
  orc(path: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.orc(this, path, options));
  }

  /**
   * Writes text files under `path`; the DataFrame must have one string column.
   *
   * @example
   * ```ts
   * await df.select("line").write.text("/data/out");
   * ```
   */
  text(path: string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.text(this, path, options));
  }

  /**
   * Writes XML files under `path` (built into Spark 4), with PySpark's keywords as an
   * object: `rowTag` names each row's element (required by Spark 4.1, as for reading),
   * `rootTag` the root (Spark's default `ROWS`), `mode` the save mode; other XML options (`attributePrefix`, `declaration`,
   * `compression`, ...) pass through.
   *
   * @example
   * ```ts
   * await df.write.xml("/data/books", { rowTag: "book", rootTag: "books", mode: "overwrite" });
   * ```
   */
  xml(path: string, xmlOptions?: XmlWriteOptions | null, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.xml(this, path, xmlOptions, options));
  }

  /**
   * Writes to the table `table` of a database over JDBC, as PySpark's
   * `write.jdbc(url, table, mode, properties)`: `properties` are JDBC options (`user`,
   * `password`, `driver`, `batchsize`, ...). Spark creates the table when it does not
   * exist. The server needs the database's JDBC driver on its class path.
   *
   * @example
   * ```ts
   * await df.write.jdbc("jdbc:postgresql://db/shop", "public.orders", "append", { user: "etl", password });
   * ```
   */
  jdbc(
    url: string,
    table: string,
    mode?: SaveMode | Uppercase<SaveMode> | null,
    properties?: Readonly<Record<string, OptionValue>> | null,
    options?: OperationOptions,
  ): Promise<void> {
    return run(this.df.handle, () => E.jdbc(this, url, table, mode, properties, options));
  }
}
