/**
 * The session's catalog (`spark.catalog`) as Effects: the same operations as Catalog's
 * Promise methods, with failures in the typed error channel.
 */
import * as Effect from "effect/Effect";
import { InvalidPlanError, type SparkConnectFailure, type SparkConnectError } from "../../runtime/errors.js";
import type { Catalog, CatalogColumn, CatalogDatabase, CatalogFunction, CatalogMetadata, CatalogTable, CreateTableOptions } from "../Catalog.js";
import { toDatabase, toFunction, toTable } from "../Catalog.js";
import type { DataFrame } from "../DataFrame.js";
import { mergeOptions } from "../DataFrameReader.js";
import { str } from "../internal/args.js";
import { type ExecOptions, execOptions, type OperationOptions } from "../internal/ops/action.js";
import { type CatalogCall, catalogRows, catalogValue, isBoolean, isString } from "../internal/ops/catalog.js";
import { op } from "../internal/ops/typed.js";
import type { SessionHandle } from "../internal/handle.js";
import { ReadNode } from "../plan/ReadNode.js";
import { toDDL } from "../types/ddl.js";
import { storageLevel as storageLevelOf, type StorageLevelName } from "../types/StorageLevel.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

/** An optional string field of a catalog call, checked. */
const opt = <K extends string>(key: K, v: string | undefined): { [P in K]?: string } => {
  if (v === undefined) return {};
  if (typeof v !== "string") throw new InvalidPlanError({ message: `The catalog's ${key} must be a string (got ${typeof v}).` });
  return { [key]: v } as { [P in K]: string };
};

/**
 * Options given in place of the optional argument before them (`listTables(db, { signal })`,
 * as in the Promise API): `f` receives that argument as undefined and the options.
 */
const early = <T, A>(arg: T | OperationOptions | undefined, options: OperationOptions | undefined, f: (arg: T | undefined, options: OperationOptions | undefined) => A): A =>
  typeof arg === "object" && arg !== null ? f(undefined, arg as OperationOptions) : f(arg as T | undefined, options);

/** One catalog operation: options checked, then the call. */
const catalogOp = <A>(name: string, options: OperationOptions | undefined, call: (o: ExecOptions) => Effect.Effect<A, SparkConnectError>): Eff<A> =>
  op(`catalog.${name}`, options, () => Effect.flatMap(execOptions(options), call));

/** A catalog call whose answer is not needed. */
const catalogRun = (handle: SessionHandle, catType: CatalogCall, o: ExecOptions) => Effect.asVoid(catalogRows(handle, catType, o));

/**
 * The current catalog's name.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.currentCatalog(spark.catalog); // "spark_catalog"
 * ```
 */
export const currentCatalog = (c: Catalog, options?: OperationOptions): Eff<string> =>
  catalogOp("currentCatalog", options, (o) => catalogValue(c.spark.handle, { case: "currentCatalog", value: {} }, isString, o));

/**
 * Makes `name` the current catalog.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.setCurrentCatalog(spark.catalog, "spark_catalog");
 * ```
 */
export const setCurrentCatalog = (c: Catalog, name: string, options?: OperationOptions): Eff<void> =>
  catalogOp("setCurrentCatalog", options, (o) => catalogRun(c.spark.handle, { case: "setCurrentCatalog", value: { catalogName: str("setCurrentCatalog", "name", name) } }, o));

/**
 * The catalogs, optionally filtered by a pattern (`*` and `|`).
 *
 * @example
 * ```ts
 * yield* Spark.catalog.listCatalogs(spark.catalog); // [{ name: "spark_catalog", description: null }]
 * ```
 */
export const listCatalogs = (c: Catalog, pattern?: string | OperationOptions, options?: OperationOptions): Eff<CatalogMetadata[]> =>
  early(pattern, options, (pattern, options) =>
    catalogOp("listCatalogs", options, (o) =>
      Effect.gen(function* () {
        const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "listCatalogs", value: opt("pattern", pattern) }, o);
        return rows.map((r) => ({ name: String(r["name"]), description: (r["description"] as string | null) ?? null }));
      }),
    ),
  );

/**
 * The current database's name.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.currentDatabase(spark.catalog); // "default"
 * ```
 */
export const currentDatabase = (c: Catalog, options?: OperationOptions): Eff<string> =>
  catalogOp("currentDatabase", options, (o) => catalogValue(c.spark.handle, { case: "currentDatabase", value: {} }, isString, o));

/**
 * Makes `name` the current database.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.setCurrentDatabase(spark.catalog, "sales");
 * ```
 */
export const setCurrentDatabase = (c: Catalog, name: string, options?: OperationOptions): Eff<void> =>
  catalogOp("setCurrentDatabase", options, (o) => catalogRun(c.spark.handle, { case: "setCurrentDatabase", value: { dbName: str("setCurrentDatabase", "name", name) } }, o));

/**
 * The databases of the current catalog, optionally filtered by a pattern.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.listDatabases(spark.catalog, "sales*");
 * ```
 */
export const listDatabases = (c: Catalog, pattern?: string | OperationOptions, options?: OperationOptions): Eff<CatalogDatabase[]> =>
  early(pattern, options, (pattern, options) =>
    catalogOp("listDatabases", options, (o) =>
      Effect.gen(function* () {
        const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "listDatabases", value: opt("pattern", pattern) }, o);
        return rows.map(toDatabase);
      }),
    ),
  );

/**
 * One database; fails with an AnalysisError if it does not exist.
 *
 * @example
 * ```ts
 * (yield* Spark.catalog.getDatabase(spark.catalog, "default")).locationUri;
 * ```
 */
export const getDatabase = (c: Catalog, name: string, options?: OperationOptions): Eff<CatalogDatabase> =>
  catalogOp("getDatabase", options, (o) =>
    Effect.gen(function* () {
      const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "getDatabase", value: { dbName: str("getDatabase", "name", name) } }, o);
      return toDatabase(rows[0] ?? {});
    }),
  );

/**
 * Whether a database exists.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.databaseExists(spark.catalog, "sales"); // false
 * ```
 */
export const databaseExists = (c: Catalog, name: string, options?: OperationOptions): Eff<boolean> =>
  catalogOp("databaseExists", options, (o) => catalogValue(c.spark.handle, { case: "databaseExists", value: { dbName: str("databaseExists", "name", name) } }, isBoolean, o));

/**
 * The tables and views of a database (the current one by default), temporary views
 * included, optionally filtered by a pattern.
 *
 * @example
 * ```ts
 * const names = (yield* Spark.catalog.listTables(spark.catalog)).map((t) => t.name);
 * ```
 */
export const listTables = (c: Catalog, database?: string, pattern?: string | OperationOptions, options?: OperationOptions): Eff<CatalogTable[]> =>
  early(pattern, options, (pattern, options) =>
    catalogOp("listTables", options, (o) =>
      Effect.gen(function* () {
        const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "listTables", value: { ...opt("dbName", database), ...opt("pattern", pattern) } }, o);
        return rows.map(toTable);
      }),
    ),
  );

/**
 * One table or view (`name`, `db.name` or `catalog.db.name`); fails with an
 * AnalysisError if it does not exist.
 *
 * @example
 * ```ts
 * (yield* Spark.catalog.getTable(spark.catalog, "orders")).tableType; // "MANAGED"
 * ```
 */
export const getTable = (c: Catalog, name: string, options?: OperationOptions): Eff<CatalogTable> =>
  catalogOp("getTable", options, (o) =>
    Effect.gen(function* () {
      const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "getTable", value: { tableName: str("getTable", "name", name) } }, o);
      return toTable(rows[0] ?? {});
    }),
  );

/**
 * Whether a table or view exists (`name` may be qualified, or give the database apart).
 *
 * @example
 * ```ts
 * yield* Spark.catalog.tableExists(spark.catalog, "orders");
 * yield* Spark.catalog.tableExists(spark.catalog, "orders", "sales");
 * ```
 */
export const tableExists = (c: Catalog, name: string, database?: string | OperationOptions, options?: OperationOptions): Eff<boolean> =>
  early(database, options, (database, options) =>
    catalogOp("tableExists", options, (o) => catalogValue(c.spark.handle, { case: "tableExists", value: { tableName: str("tableExists", "name", name), ...opt("dbName", database) } }, isBoolean, o)),
  );

/**
 * The columns of a table or view.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.listColumns(spark.catalog, "orders"); // [{ name: "id", dataType: "bigint", nullable: true, ... }]
 * ```
 */
export const listColumns = (c: Catalog, table: string, database?: string | OperationOptions, options?: OperationOptions): Eff<CatalogColumn[]> =>
  early(database, options, (database, options) =>
    catalogOp("listColumns", options, (o) =>
      Effect.gen(function* () {
        const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "listColumns", value: { tableName: str("listColumns", "table", table), ...opt("dbName", database) } }, o);
        return rows.map((r) => ({
          name: String(r["name"]),
          description: (r["description"] as string | null) ?? null,
          dataType: String(r["dataType"]),
          nullable: r["nullable"] === true,
          isPartition: r["isPartition"] === true,
          isBucket: r["isBucket"] === true,
          isCluster: r["isCluster"] === true,
        }));
      }),
    ),
  );

/**
 * The functions of a database (built-ins and temporary ones included), optionally
 * filtered by a pattern.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.listFunctions(spark.catalog, undefined, "array_*");
 * ```
 */
export const listFunctions = (c: Catalog, database?: string, pattern?: string | OperationOptions, options?: OperationOptions): Eff<CatalogFunction[]> =>
  early(pattern, options, (pattern, options) =>
    catalogOp("listFunctions", options, (o) =>
      Effect.gen(function* () {
        const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "listFunctions", value: { ...opt("dbName", database), ...opt("pattern", pattern) } }, o);
        return rows.map(toFunction);
      }),
    ),
  );

/**
 * One function; fails with an AnalysisError if it does not exist.
 *
 * @example
 * ```ts
 * (yield* Spark.catalog.getFunction(spark.catalog, "abs")).className;
 * ```
 */
export const getFunction = (c: Catalog, name: string, options?: OperationOptions): Eff<CatalogFunction> =>
  catalogOp("getFunction", options, (o) =>
    Effect.gen(function* () {
      const rows = yield* catalogRows<Record<string, unknown>>(c.spark.handle, { case: "getFunction", value: { functionName: str("getFunction", "name", name) } }, o);
      return toFunction(rows[0] ?? {});
    }),
  );

/**
 * Whether a function exists.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.functionExists(spark.catalog, "abs"); // true
 * ```
 */
export const functionExists = (c: Catalog, name: string, database?: string | OperationOptions, options?: OperationOptions): Eff<boolean> =>
  early(database, options, (database, options) =>
    catalogOp("functionExists", options, (o) => catalogValue(c.spark.handle, { case: "functionExists", value: { functionName: str("functionExists", "name", name), ...opt("dbName", database) } }, isBoolean, o)),
  );

/**
 * Creates a table from files or an empty table with a schema, and returns a DataFrame
 * over it. With a `path` the table is external.
 *
 * @example
 * ```ts
 * const t = yield* Spark.catalog.createTable(spark.catalog, "people", { schema: "id BIGINT, name STRING", source: "parquet" });
 * yield* Spark.catalog.createTable(spark.catalog, "logs", { path: "/data/logs", source: "json" });
 * ```
 */
export const createTable = <Row = Record<string, unknown>>(c: Catalog, name: string, table: CreateTableOptions = {}, options?: OperationOptions): Eff<DataFrame<Row>> =>
  catalogOp("createTable", options, (o) =>
    Effect.gen(function* () {
      const tableName = str("createTable", "name", name);
      const schema = table.schema === undefined ? undefined : typeof table.schema === "string" ? table.schema : table.schema.kind === "struct" ? toDDL(table.schema) : undefined;
      if (table.schema !== undefined && schema === undefined) {
        throw new InvalidPlanError({ message: 'createTable(): schema must be a DDL string ("id BIGINT, name STRING") or a StructType.' });
      }
      yield* catalogRun(c.spark.handle, {
        case: "createTable",
        value: {
          tableName,
          ...opt("path", table.path),
          ...opt("source", table.source),
          ...opt("description", table.description),
          ...(schema !== undefined ? { schema: { kind: { case: "unparsed", value: { dataTypeString: schema } } } } : {}),
          options: { ...mergeOptions("createTable", {}, table.options ?? {}) },
        },
      }, o);
      return c.spark.dataFrame<Row>(ReadNode.create({ type: "table", name: tableName }, {}, false));
    }),
  );

/**
 * The same as createTable, under the name PySpark keeps for compatibility (deprecated
 * there since Spark 4.0).
 *
 * @deprecated Use createTable.
 * @example
 * ```ts
 * yield* Spark.catalog.createExternalTable(spark.catalog, "logs", { path: "/data/logs", source: "json" });
 * ```
 */
export const createExternalTable = <Row = Record<string, unknown>>(c: Catalog, name: string, table: CreateTableOptions = {}, options?: OperationOptions): Eff<DataFrame<Row>> =>
  createTable<Row>(c, name, table, options);

/**
 * Drops a temporary view; true if it existed.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.dropTempView(spark.catalog, "recent"); // true
 * ```
 */
export const dropTempView = (c: Catalog, name: string, options?: OperationOptions): Eff<boolean> =>
  catalogOp("dropTempView", options, (o) => catalogValue(c.spark.handle, { case: "dropTempView", value: { viewName: str("dropTempView", "name", name) } }, isBoolean, o));

/**
 * Drops a global temporary view; true if it existed.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.dropGlobalTempView(spark.catalog, "shared");
 * ```
 */
export const dropGlobalTempView = (c: Catalog, name: string, options?: OperationOptions): Eff<boolean> =>
  catalogOp("dropGlobalTempView", options, (o) => catalogValue(c.spark.handle, { case: "dropGlobalTempView", value: { viewName: str("dropGlobalTempView", "name", name) } }, isBoolean, o));

/**
 * Whether a table's data is cached.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.isCached(spark.catalog, "orders");
 * ```
 */
export const isCached = (c: Catalog, table: string, options?: OperationOptions): Eff<boolean> =>
  catalogOp("isCached", options, (o) => catalogValue(c.spark.handle, { case: "isCached", value: { tableName: str("isCached", "table", table) } }, isBoolean, o));

/**
 * Caches a table (lazily: it is filled by the next query), at a storage level
 * (default MEMORY_AND_DISK).
 *
 * @example
 * ```ts
 * yield* Spark.catalog.cacheTable(spark.catalog, "orders");
 * yield* Spark.catalog.cacheTable(spark.catalog, "events", "DISK_ONLY");
 * ```
 */
export const cacheTable = (c: Catalog, table: string, storageLevel?: StorageLevelName | OperationOptions, options?: OperationOptions): Eff<void> =>
  early(storageLevel, options, (storageLevel, options) =>
    catalogOp("cacheTable", options, (o) =>
      Effect.gen(function* () {
        const tableName = str("cacheTable", "table", table);
        if (storageLevel === undefined) return yield* catalogRun(c.spark.handle, { case: "cacheTable", value: { tableName } }, o);
        return yield* catalogRun(c.spark.handle, { case: "cacheTable", value: { tableName, storageLevel: storageLevelOf("cacheTable", storageLevel) } }, o);
      }),
    ),
  );

/**
 * Removes a table from the cache.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.uncacheTable(spark.catalog, "orders");
 * ```
 */
export const uncacheTable = (c: Catalog, table: string, options?: OperationOptions): Eff<void> =>
  catalogOp("uncacheTable", options, (o) => catalogRun(c.spark.handle, { case: "uncacheTable", value: { tableName: str("uncacheTable", "table", table) } }, o));

/**
 * Removes every table from the cache.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.clearCache(spark.catalog);
 * ```
 */
export const clearCache = (c: Catalog, options?: OperationOptions): Eff<void> =>
  catalogOp("clearCache", options, (o) => catalogRun(c.spark.handle, { case: "clearCache", value: {} }, o));

/**
 * Drops cached data and metadata of a table, e.g. after its files changed outside Spark.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.refreshTable(spark.catalog, "logs");
 * ```
 */
export const refreshTable = (c: Catalog, table: string, options?: OperationOptions): Eff<void> =>
  catalogOp("refreshTable", options, (o) => catalogRun(c.spark.handle, { case: "refreshTable", value: { tableName: str("refreshTable", "table", table) } }, o));

/**
 * Drops cached data of every DataFrame that reads under `path`.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.refreshByPath(spark.catalog, "/data/logs");
 * ```
 */
export const refreshByPath = (c: Catalog, path: string, options?: OperationOptions): Eff<void> =>
  catalogOp("refreshByPath", options, (o) => catalogRun(c.spark.handle, { case: "refreshByPath", value: { path: str("refreshByPath", "path", path) } }, o));

/**
 * Adds the partition directories found under a partitioned table's location to the
 * catalog.
 *
 * @example
 * ```ts
 * yield* Spark.catalog.recoverPartitions(spark.catalog, "events");
 * ```
 */
export const recoverPartitions = (c: Catalog, table: string, options?: OperationOptions): Eff<void> =>
  catalogOp("recoverPartitions", options, (o) => catalogRun(c.spark.handle, { case: "recoverPartitions", value: { tableName: str("recoverPartitions", "table", table) } }, o));
