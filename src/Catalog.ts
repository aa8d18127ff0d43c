import type { DataFrame } from "./DataFrame.js";
import type { StorageLevelName } from "./types/StorageLevel.js";
import type { OptionValue } from "./DataFrameReader.js";
import type { PlanNode } from "./plan/PlanNode.js";
import type { StructType } from "./types/DataType.js";
import type { SessionHandle } from "./internal/handle.js";
import type { OperationOptions } from "./internal/ops/action.js";
import { run } from "./internal/run.js";
import * as E from "./effect/catalog.js";

/** A database (namespace) of a catalog. */
export interface CatalogDatabase {
  readonly name: string;
  readonly catalog: string | null;
  readonly description: string | null;
  readonly locationUri: string;
}

/** A table or view. */
export interface CatalogTable {
  readonly name: string;
  readonly catalog: string | null;
  /** The namespace (database) parts; null for temporary views. */
  readonly namespace: readonly string[] | null;
  readonly description: string | null;
  /** `MANAGED`, `EXTERNAL`, `VIEW`, `TEMPORARY`, ... */
  readonly tableType: string;
  readonly isTemporary: boolean;
}

/** A column of a table. */
export interface CatalogColumn {
  readonly name: string;
  readonly description: string | null;
  /** The type as Spark's short string, e.g. `bigint`, `array<string>`. */
  readonly dataType: string;
  readonly nullable: boolean;
  readonly isPartition: boolean;
  readonly isBucket: boolean;
  readonly isCluster: boolean;
}

/** A function. */
export interface CatalogFunction {
  readonly name: string;
  readonly catalog: string | null;
  readonly namespace: readonly string[] | null;
  readonly description: string | null;
  readonly className: string;
  readonly isTemporary: boolean;
}

/** A catalog. */
export interface CatalogMetadata {
  readonly name: string;
  readonly description: string | null;
}

/** Options of `createTable`. */
export interface CreateTableOptions {
  /** Where the data lives; with a path the table is external (dropping it keeps the files). */
  readonly path?: string;
  /** The provider: `"parquet"` (default), `"csv"`, `"json"`, `"orc"`, ... */
  readonly source?: string;
  /** The columns, as DDL or a StructType; omitted for sources that infer them from `path`. */
  readonly schema?: string | StructType;
  readonly description?: string;
  /** Data source options. */
  readonly options?: Readonly<Record<string, OptionValue | undefined>>;
}

/** What makes DataFrames: the session (kept abstract to avoid an import cycle). */
interface SessionLike {
  readonly handle: SessionHandle;
  dataFrame<Row>(plan: PlanNode): DataFrame<Row>;
}

/**
 * The session's catalogs, databases, tables, views, functions and cache (`spark.catalog`),
 * as in PySpark. Listing methods return plain objects.
 *
 * Experimental: the shapes follow Spark 4.1's catalog relations.
 *
 * @example
 * ```ts
 * await spark.catalog.currentDatabase(); // "default"
 * const tables = await spark.catalog.listTables(); // [{ name: "orders", tableType: "MANAGED", ... }]
 * if (await spark.catalog.tableExists("orders")) await spark.catalog.cacheTable("orders");
 * ```
 */
export class Catalog {
  /** @internal */
  constructor(/** @internal */ readonly spark: SessionLike) {}

  /**
   * The current catalog's name.
   *
   * @example
   * ```ts
   * await spark.catalog.currentCatalog(); // "spark_catalog"
   * ```
   */
  currentCatalog(options?: OperationOptions): Promise<string> {
    return run(this.spark.handle, () => E.currentCatalog(this, options));
  }

  /**
   * Makes `name` the current catalog.
   *
   * @example
   * ```ts
   * await spark.catalog.setCurrentCatalog("spark_catalog");
   * ```
   */
  setCurrentCatalog(name: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.setCurrentCatalog(this, name, options));
  }

  /**
   * The catalogs, optionally filtered by a pattern (`*` and `|`).
   *
   * @example
   * ```ts
   * await spark.catalog.listCatalogs(); // [{ name: "spark_catalog", description: null }]
   * ```
   */
  listCatalogs(pattern?: string | OperationOptions, options?: OperationOptions): Promise<CatalogMetadata[]> {
    return run(this.spark.handle, () => E.listCatalogs(this, pattern, options));
  }

  /**
   * The current database's name.
   *
   * @example
   * ```ts
   * await spark.catalog.currentDatabase(); // "default"
   * ```
   */
  currentDatabase(options?: OperationOptions): Promise<string> {
    return run(this.spark.handle, () => E.currentDatabase(this, options));
  }

  /**
   * Makes `name` the current database.
   *
   * @example
   * ```ts
   * await spark.catalog.setCurrentDatabase("sales");
   * ```
   */
  setCurrentDatabase(name: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.setCurrentDatabase(this, name, options));
  }

  /**
   * The databases of the current catalog, optionally filtered by a pattern.
   *
   * @example
   * ```ts
   * await spark.catalog.listDatabases("sales*");
   * ```
   */
  listDatabases(pattern?: string | OperationOptions, options?: OperationOptions): Promise<CatalogDatabase[]> {
    return run(this.spark.handle, () => E.listDatabases(this, pattern, options));
  }

  /**
   * One database; fails with an AnalysisError if it does not exist.
   *
   * @example
   * ```ts
   * (await spark.catalog.getDatabase("default")).locationUri;
   * ```
   */
  getDatabase(name: string, options?: OperationOptions): Promise<CatalogDatabase> {
    return run(this.spark.handle, () => E.getDatabase(this, name, options));
  }

  /**
   * Whether a database exists.
   *
   * @example
   * ```ts
   * await spark.catalog.databaseExists("sales"); // false
   * ```
   */
  databaseExists(name: string, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.databaseExists(this, name, options));
  }

  /**
   * The tables and views of a database (the current one by default), temporary views
   * included, optionally filtered by a pattern.
   *
   * @example
   * ```ts
   * const names = (await spark.catalog.listTables()).map((t) => t.name);
   * await spark.catalog.listTables("sales", { signal: AbortSignal.timeout(5_000) });
   * ```
   */
  listTables(database?: string, pattern?: string | OperationOptions, options?: OperationOptions): Promise<CatalogTable[]> {
    return run(this.spark.handle, () => E.listTables(this, database, pattern, options));
  }

  /**
   * One table or view (`name`, `db.name` or `catalog.db.name`); fails with an
   * AnalysisError if it does not exist.
   *
   * @example
   * ```ts
   * (await spark.catalog.getTable("orders")).tableType; // "MANAGED"
   * ```
   */
  getTable(name: string, options?: OperationOptions): Promise<CatalogTable> {
    return run(this.spark.handle, () => E.getTable(this, name, options));
  }

  /**
   * Whether a table or view exists (`name` may be qualified, or give the database apart).
   *
   * @example
   * ```ts
   * await spark.catalog.tableExists("orders");
   * await spark.catalog.tableExists("orders", "sales");
   * ```
   */
  tableExists(name: string, database?: string | OperationOptions, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.tableExists(this, name, database, options));
  }

  /**
   * The columns of a table or view.
   *
   * @example
   * ```ts
   * await spark.catalog.listColumns("orders"); // [{ name: "id", dataType: "bigint", nullable: true, ... }]
   * ```
   */
  listColumns(table: string, database?: string | OperationOptions, options?: OperationOptions): Promise<CatalogColumn[]> {
    return run(this.spark.handle, () => E.listColumns(this, table, database, options));
  }

  /**
   * The functions of a database (built-ins and temporary ones included), optionally
   * filtered by a pattern.
   *
   * @example
   * ```ts
   * await spark.catalog.listFunctions(undefined, "array_*");
   * ```
   */
  listFunctions(database?: string, pattern?: string | OperationOptions, options?: OperationOptions): Promise<CatalogFunction[]> {
    return run(this.spark.handle, () => E.listFunctions(this, database, pattern, options));
  }

  /**
   * One function; fails with an AnalysisError if it does not exist.
   *
   * @example
   * ```ts
   * (await spark.catalog.getFunction("abs")).className;
   * ```
   */
  getFunction(name: string, options?: OperationOptions): Promise<CatalogFunction> {
    return run(this.spark.handle, () => E.getFunction(this, name, options));
  }

  /**
   * Whether a function exists.
   *
   * @example
   * ```ts
   * await spark.catalog.functionExists("abs"); // true
   * ```
   */
  functionExists(name: string, database?: string | OperationOptions, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.functionExists(this, name, database, options));
  }

  /**
   * Creates a table from files or an empty table with a schema, and returns a DataFrame
   * over it. With a `path` the table is external.
   *
   * @example
   * ```ts
   * const t = await spark.catalog.createTable("people", { schema: "id BIGINT, name STRING", source: "parquet" });
   * await spark.catalog.createTable("logs", { path: "/data/logs", source: "json" });
   * ```
   */
  createTable<Row = Record<string, unknown>>(name: string, table: CreateTableOptions = {}, options?: OperationOptions): Promise<DataFrame<Row>> {
    return run(this.spark.handle, () => E.createTable(this, name, table, options));
  }

  /**
   * The same as createTable, under the name PySpark keeps for compatibility (deprecated
   * there since Spark 4.0; use createTable). With a `path` the table is external.
   *
   * @deprecated Use createTable.
   * @example
   * ```ts
   * await spark.catalog.createExternalTable("logs", { path: "/data/logs", source: "json" });
   * ```
   */
  createExternalTable<Row = Record<string, unknown>>(name: string, table: CreateTableOptions = {}, options?: OperationOptions): Promise<DataFrame<Row>> {
    return run(this.spark.handle, () => E.createExternalTable(this, name, table, options));
  }

  /**
   * Drops a temporary view; true if it existed.
   *
   * @example
   * ```ts
   * await spark.catalog.dropTempView("recent"); // true
   * ```
   */
  dropTempView(name: string, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.dropTempView(this, name, options));
  }

  /**
   * Drops a global temporary view; true if it existed.
   *
   * @example
   * ```ts
   * await spark.catalog.dropGlobalTempView("shared");
   * ```
   */
  dropGlobalTempView(name: string, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.dropGlobalTempView(this, name, options));
  }

  /**
   * Whether a table's data is cached.
   *
   * @example
   * ```ts
   * await spark.catalog.isCached("orders");
   * ```
   */
  isCached(table: string, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.isCached(this, table, options));
  }

  /**
   * Caches a table (lazily: it is filled by the next query), at a storage level
   * (default MEMORY_AND_DISK).
   *
   * @example
   * ```ts
   * await spark.catalog.cacheTable("orders");
   * await spark.catalog.cacheTable("events", "DISK_ONLY");
   * ```
   */
  cacheTable(table: string, storageLevel?: StorageLevelName | OperationOptions, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.cacheTable(this, table, storageLevel, options));
  }

  /**
   * Removes a table from the cache.
   *
   * @example
   * ```ts
   * await spark.catalog.uncacheTable("orders");
   * ```
   */
  uncacheTable(table: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.uncacheTable(this, table, options));
  }

  /**
   * Removes every table from the cache.
   *
   * @example
   * ```ts
   * await spark.catalog.clearCache();
   * ```
   */
  clearCache(options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.clearCache(this, options));
  }

  /**
   * Drops cached data and metadata of a table, e.g. after its files changed outside Spark.
   *
   * @example
   * ```ts
   * await spark.catalog.refreshTable("logs");
   * ```
   */
  refreshTable(table: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.refreshTable(this, table, options));
  }

  /**
   * Drops cached data of every DataFrame that reads under `path`.
   *
   * @example
   * ```ts
   * await spark.catalog.refreshByPath("/data/logs");
   * ```
   */
  refreshByPath(path: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.refreshByPath(this, path, options));
  }

  /**
   * Adds the partition directories found under a partitioned table's location to the
   * catalog.
   *
   * @example
   * ```ts
   * await spark.catalog.recoverPartitions("events");
   * ```
   */
  recoverPartitions(table: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.recoverPartitions(this, table, options));
  }

  /** What `console.log` shows: no session internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "Catalog {}";
  }
}

/** @internal */
export function toDatabase(r: Record<string, unknown>): CatalogDatabase {
  return {
    name: String(r["name"]),
    catalog: (r["catalog"] as string | null) ?? null,
    description: (r["description"] as string | null) ?? null,
    locationUri: String(r["locationUri"] ?? ""),
  };
}

/** @internal */
export function toTable(r: Record<string, unknown>): CatalogTable {
  return {
    name: String(r["name"]),
    catalog: (r["catalog"] as string | null) ?? null,
    namespace: (r["namespace"] as string[] | null) ?? null,
    description: (r["description"] as string | null) ?? null,
    tableType: String(r["tableType"]),
    isTemporary: r["isTemporary"] === true,
  };
}

/** @internal */
export function toFunction(r: Record<string, unknown>): CatalogFunction {
  return {
    name: String(r["name"]),
    catalog: (r["catalog"] as string | null) ?? null,
    namespace: (r["namespace"] as string[] | null) ?? null,
    description: (r["description"] as string | null) ?? null,
    className: String(r["className"]),
    isTemporary: r["isTemporary"] === true,
  };
}
