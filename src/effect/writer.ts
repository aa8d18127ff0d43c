/**
 * The writes of `df.write` (Spark's V1 write path) as Effects, with failures in the typed
 * error channel; interrupting one stops the write on the server.
 */
import * as Effect from "effect/Effect";
import { WriteOperation_SaveTable_TableSaveMethod } from "../../generated/spark/connect/commands_pb.js";
import { InvalidPlanError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { DataFrameWriter, SaveMode, WriteTarget } from "../DataFrameWriter.js";
import { jdbcProperties, type OptionValue } from "../DataFrameReader.js";
import { str } from "../internal/args.js";
import type { SessionHandle } from "../internal/handle.js";
import { execOptions, type OperationOptions } from "../internal/ops/action.js";
import { command, type CommandInit } from "../internal/ops/execute.js";
import { op } from "../internal/ops/typed.js";
import type { ExecutionInfo } from "../internal/ops/executionInfo.js";
import type { PlanEncoder } from "../plan/encodeRelation.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

/** @internal One write command as an operation. */
export function runWrite(
  name: string,
  handle: SessionHandle,
  options: OperationOptions | undefined,
  build: () => (encoder: PlanEncoder) => CommandInit,
  record: (info: ExecutionInfo) => void,
): Eff<void> {
  return op(name, options, () => {
    const cmd = build();
    return Effect.flatMap(execOptions(options), (o) => Effect.asVoid(command(handle, cmd, o, record)));
  });
}

const v1 = (name: string, w: DataFrameWriter, options: OperationOptions | undefined, target: () => WriteTarget) =>
  runWrite(name, w.df.handle, options, () => w.command(target()), w.df.recordExecution);

const table = (method: string, tableName: string, saveMethod: WriteOperation_SaveTable_TableSaveMethod): WriteTarget => ({
  saveType: { case: "table", value: { tableName: str(method, "table", tableName), saveMethod } },
});

/**
 * Writes to `path` with the configured source (see DataFrameWriter.save).
 *
 * @example
 * ```ts
 * yield* Spark.write.save(df.write.format("parquet").mode("overwrite"), "/data/out");
 * ```
 */
export const save = (w: DataFrameWriter, path?: string, options?: OperationOptions): Eff<void> => v1("save", w, options, () => w.saveTarget(path));

/** Writes to a catalog table, creating it if needed. @example yield* Spark.write.saveAsTable(df.write, "sales.orders") */
export const saveAsTable = (w: DataFrameWriter, tableName: string, options?: OperationOptions): Eff<void> =>
  v1("saveAsTable", w, options, () => table("saveAsTable", tableName, WriteOperation_SaveTable_TableSaveMethod.SAVE_AS_TABLE));

/**
 * Inserts the rows into an existing table by position; `overwrite: true` replaces its data.
 *
 * @example
 * ```ts
 * yield* Spark.write.insertInto(df.write, "sales.orders", true);
 * ```
 */
export const insertInto = (w: DataFrameWriter, tableName: string, overwrite?: boolean | OperationOptions, options?: OperationOptions): Eff<void> => {
  const opts = typeof overwrite === "object" && overwrite !== null ? overwrite : options;
  return runWrite(
    "insertInto",
    w.df.handle,
    opts,
    () => {
      const writer = typeof overwrite === "boolean" ? w.mode(overwrite ? "overwrite" : "append") : w;
      return writer.command(table("insertInto", tableName, WriteOperation_SaveTable_TableSaveMethod.INSERT_INTO));
    },
    w.df.recordExecution,
  );
};

const file = (format: "parquet" | "csv" | "json" | "orc" | "text") => (w: DataFrameWriter, path: string, options?: OperationOptions) =>
  runWrite(
    format,
    w.df.handle,
    options,
    () => {
      const writer = w.format(format);
      return writer.command(writer.saveTarget(str(format, "path", path)));
    },
    w.df.recordExecution,
  );

/** Writes Parquet files under `path`. @example yield* Spark.write.parquet(df.write, "/data/out") */
export const parquet: (w: DataFrameWriter, path: string, options?: OperationOptions) => Eff<void> = file("parquet");
/** Writes CSV files under `path`. @example yield* Spark.write.csv(df.write.option("header", true), "/data/out") */
export const csv: (w: DataFrameWriter, path: string, options?: OperationOptions) => Eff<void> = file("csv");
/** Writes JSON Lines files under `path`. @example yield* Spark.write.json(df.write, "/data/out") */
export const json: (w: DataFrameWriter, path: string, options?: OperationOptions) => Eff<void> = file("json");
/** Writes ORC files under `path`. @example yield* Spark.write.orc(df.write, "/data/out") */
export const orc: (w: DataFrameWriter, path: string, options?: OperationOptions) => Eff<void> = file("orc");
/** Writes text files under `path`. @example yield* Spark.write.text(df.select("line").write, "/data/out") */
export const text: (w: DataFrameWriter, path: string, options?: OperationOptions) => Eff<void> = file("text");


/** Options of `write.xml`: PySpark's keywords (`rowTag`, `rootTag`, `mode`, `compression`, ...); other keys pass through as XML options. */
export interface XmlWriteOptions {
  /** The element of each row (required by Spark 4.1: XML_ROW_TAG_MISSING without it). */
  readonly rowTag?: string;
  /** The root element around the rows (Spark's default `ROWS`). */
  readonly rootTag?: string;
  /** The save mode, as `mode()` takes it. */
  readonly mode?: SaveMode | Uppercase<SaveMode> | null;
  readonly [option: string]: OptionValue | null | undefined;
}

/** The writer with PySpark's keyword arguments applied: the mode, then the options (null or undefined skipped). */
function withKeywords(method: string, w: DataFrameWriter, keywords: unknown): DataFrameWriter {
  if (keywords === undefined || keywords === null) return w;
  if (typeof keywords !== "object" || Array.isArray(keywords)) {
    throw new InvalidPlanError({ message: `${method}(): the options come as an object, e.g. { rowTag: "book" }.` });
  }
  const { mode, ...rest } = keywords as Record<string, unknown>;
  const withMode = mode === undefined || mode === null ? w : w.mode(mode as SaveMode);
  const options = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null)) as Record<string, OptionValue>;
  return withMode.options(options);
}

/**
 * Writes XML files under `path` (built into Spark 4), with PySpark's keywords as an
 * object: `rowTag` names each row's element, `rootTag` the root, `mode` the save mode.
 *
 * @example
 * ```ts
 * yield* Spark.write.xml(df.write, "/data/books", { rowTag: "book", rootTag: "books", mode: "overwrite" });
 * ```
 */
export const xml = (w: DataFrameWriter, path: string, xmlOptions?: XmlWriteOptions | null, options?: OperationOptions): Eff<void> =>
  runWrite(
    "xml",
    w.df.handle,
    options,
    () => {
      const writer = withKeywords("xml", w, xmlOptions).format("xml");
      return writer.command(writer.saveTarget(str("xml", "path", path)));
    },
    w.df.recordExecution,
  );

/**
 * Writes to the table `table` of a database over JDBC, as PySpark's
 * `write.jdbc(url, table, mode, properties)`: `properties` are JDBC options (`user`,
 * `password`, `driver`, `batchsize`, ...). The server needs the database's JDBC driver
 * on its class path (see addArtifacts for a driver jar).
 *
 * @example
 * ```ts
 * yield* Spark.write.jdbc(df.write, "jdbc:postgresql://db/shop", "public.orders", "append", { user: "etl", password });
 * ```
 */
export const jdbc = (
  w: DataFrameWriter,
  url: string,
  table: string,
  mode?: SaveMode | Uppercase<SaveMode> | null,
  properties?: Readonly<Record<string, OptionValue>> | null,
  options?: OperationOptions,
): Eff<void> =>
  runWrite(
    "jdbc",
    w.df.handle,
    options,
    () => {
      const props = jdbcProperties("jdbc", properties);
      const withMode = mode === undefined || mode === null ? w : w.mode(mode);
      const writer = withMode.format("jdbc").options(props).options({ url: str("jdbc", "url", url), dbtable: str("jdbc", "table", table) });
      return writer.command({});
    },
    w.df.recordExecution,
  );
