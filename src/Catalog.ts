import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Effect, Stream } from "effect";
import { PlanSchema } from "../generated/spark/connect/base_pb.js";
import type { CatalogSchema } from "../generated/spark/connect/catalog_pb.js";
import { RelationSchema } from "../generated/spark/connect/relations_pb.js";
import { tableToRows } from "../runtime/arrow/rows.js";
import { InvalidPlanError, ProtocolError } from "../runtime/errors.js";
import { arrowBatches } from "../runtime/Results.js";
import type { Session } from "../runtime/Session.js";
import type { DataFrame } from "./DataFrame.js";
import { storageLevel as storageLevelOf, type StorageLevelName } from "./types/StorageLevel.js";
import type { OptionValue } from "./DataFrameReader.js";
import { mergeOptions } from "./DataFrameReader.js";
import type { PlanNode } from "./plan/PlanNode.js";
import { ReadNode } from "./plan/ReadNode.js";
import type { StructType } from "./types/DataType.js";
import { toDDL } from "./types/ddl.js";
import { str } from "./internal/args.js";
import { runPromise } from "./internal/run.js";

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

type CatType = MessageInitShape<typeof CatalogSchema>["catType"];

/** What makes DataFrames: the session (kept abstract to avoid an import cycle). */
interface SessionLike {
  readonly core: Session;
  dataFrame<Row>(plan: PlanNode): DataFrame<Row>;
}


const opt = <K extends string>(key: K, v: string | undefined): { [P in K]?: string } => (v === undefined ? {} : ({ [key]: v } as { [P in K]: string }));

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
  constructor(private readonly spark: SessionLike) {}

  /** Runs one catalog relation and returns its rows. */
  private rows<Row>(catType: CatType): Promise<Row[]> {
    const plan = create(PlanSchema, { opType: { case: "root", value: create(RelationSchema, { relType: { case: "catalog", value: { catType } } }) } });
    return runPromise(
      Effect.map(
        Stream.runCollect(Stream.suspend(() => arrowBatches(this.spark.core.execute(plan)))),
        (batches) => [...batches].flatMap((b) => tableToRows<Row>(b)),
      ),
    );
  }

  /** The single value of a one-row, one-column answer. */
  private async value<T>(catType: CatType, check: (v: unknown) => v is T): Promise<T> {
    const rows = await this.rows<Record<string, unknown>>(catType);
    const v = rows.length === 1 ? Object.values(rows[0]!)[0] : undefined;
    if (!check(v)) throw new ProtocolError({ message: `The catalog call ${catType?.case} returned ${rows.length} rows where one value was expected.` });
    return v;
  }

  private bool(catType: CatType): Promise<boolean> {
    return this.value(catType, (v): v is boolean => typeof v === "boolean");
  }

  private string(catType: CatType): Promise<string> {
    return this.value(catType, (v): v is string => typeof v === "string");
  }

  private async run(catType: CatType): Promise<void> {
    await this.rows(catType);
  }

  /**
   * The current catalog's name.
   *
   * @example
   * ```ts
   * await spark.catalog.currentCatalog(); // "spark_catalog"
   * ```
   */
  async currentCatalog(): Promise<string> {
    return this.string({ case: "currentCatalog", value: {} });
  }

  /**
   * Makes `name` the current catalog.
   *
   * @example
   * ```ts
   * await spark.catalog.setCurrentCatalog("spark_catalog");
   * ```
   */
  async setCurrentCatalog(name: string): Promise<void> {
    return this.run({ case: "setCurrentCatalog", value: { catalogName: str("setCurrentCatalog", "name", name) } });
  }

  /**
   * The catalogs, optionally filtered by a pattern (`*` and `|`).
   *
   * @example
   * ```ts
   * await spark.catalog.listCatalogs(); // [{ name: "spark_catalog", description: null }]
   * ```
   */
  async listCatalogs(pattern?: string): Promise<CatalogMetadata[]> {
    const rows = await this.rows<Record<string, unknown>>({ case: "listCatalogs", value: opt("pattern", pattern) });
    return rows.map((r) => ({ name: String(r["name"]), description: (r["description"] as string | null) ?? null }));
  }

  /**
   * The current database's name.
   *
   * @example
   * ```ts
   * await spark.catalog.currentDatabase(); // "default"
   * ```
   */
  async currentDatabase(): Promise<string> {
    return this.string({ case: "currentDatabase", value: {} });
  }

  /**
   * Makes `name` the current database.
   *
   * @example
   * ```ts
   * await spark.catalog.setCurrentDatabase("sales");
   * ```
   */
  async setCurrentDatabase(name: string): Promise<void> {
    return this.run({ case: "setCurrentDatabase", value: { dbName: str("setCurrentDatabase", "name", name) } });
  }

  /**
   * The databases of the current catalog, optionally filtered by a pattern.
   *
   * @example
   * ```ts
   * await spark.catalog.listDatabases("sales*");
   * ```
   */
  async listDatabases(pattern?: string): Promise<CatalogDatabase[]> {
    const rows = await this.rows<Record<string, unknown>>({ case: "listDatabases", value: opt("pattern", pattern) });
    return rows.map(toDatabase);
  }

  /**
   * One database; fails with an AnalysisError if it does not exist.
   *
   * @example
   * ```ts
   * (await spark.catalog.getDatabase("default")).locationUri;
   * ```
   */
  async getDatabase(name: string): Promise<CatalogDatabase> {
    const rows = await this.rows<Record<string, unknown>>({ case: "getDatabase", value: { dbName: str("getDatabase", "name", name) } });
    return toDatabase(rows[0] ?? {});
  }

  /**
   * Whether a database exists.
   *
   * @example
   * ```ts
   * await spark.catalog.databaseExists("sales"); // false
   * ```
   */
  async databaseExists(name: string): Promise<boolean> {
    return this.bool({ case: "databaseExists", value: { dbName: str("databaseExists", "name", name) } });
  }

  /**
   * The tables and views of a database (the current one by default), temporary views
   * included, optionally filtered by a pattern.
   *
   * @example
   * ```ts
   * const names = (await spark.catalog.listTables()).map((t) => t.name);
   * ```
   */
  async listTables(database?: string, pattern?: string): Promise<CatalogTable[]> {
    const rows = await this.rows<Record<string, unknown>>({ case: "listTables", value: { ...opt("dbName", database), ...opt("pattern", pattern) } });
    return rows.map(toTable);
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
  async getTable(name: string): Promise<CatalogTable> {
    const rows = await this.rows<Record<string, unknown>>({ case: "getTable", value: { tableName: str("getTable", "name", name) } });
    return toTable(rows[0] ?? {});
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
  async tableExists(name: string, database?: string): Promise<boolean> {
    return this.bool({ case: "tableExists", value: { tableName: str("tableExists", "name", name), ...opt("dbName", database) } });
  }

  /**
   * The columns of a table or view.
   *
   * @example
   * ```ts
   * await spark.catalog.listColumns("orders"); // [{ name: "id", dataType: "bigint", nullable: true, ... }]
   * ```
   */
  async listColumns(table: string, database?: string): Promise<CatalogColumn[]> {
    const rows = await this.rows<Record<string, unknown>>({ case: "listColumns", value: { tableName: str("listColumns", "table", table), ...opt("dbName", database) } });
    return rows.map((r) => ({
      name: String(r["name"]),
      description: (r["description"] as string | null) ?? null,
      dataType: String(r["dataType"]),
      nullable: r["nullable"] === true,
      isPartition: r["isPartition"] === true,
      isBucket: r["isBucket"] === true,
      isCluster: r["isCluster"] === true,
    }));
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
  async listFunctions(database?: string, pattern?: string): Promise<CatalogFunction[]> {
    const rows = await this.rows<Record<string, unknown>>({ case: "listFunctions", value: { ...opt("dbName", database), ...opt("pattern", pattern) } });
    return rows.map(toFunction);
  }

  /**
   * One function; fails with an AnalysisError if it does not exist.
   *
   * @example
   * ```ts
   * (await spark.catalog.getFunction("abs")).className;
   * ```
   */
  async getFunction(name: string): Promise<CatalogFunction> {
    const rows = await this.rows<Record<string, unknown>>({ case: "getFunction", value: { functionName: str("getFunction", "name", name) } });
    return toFunction(rows[0] ?? {});
  }

  /**
   * Whether a function exists.
   *
   * @example
   * ```ts
   * await spark.catalog.functionExists("abs"); // true
   * ```
   */
  async functionExists(name: string, database?: string): Promise<boolean> {
    return this.bool({ case: "functionExists", value: { functionName: str("functionExists", "name", name), ...opt("dbName", database) } });
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
  async createTable<Row = Record<string, unknown>>(name: string, options: CreateTableOptions = {}): Promise<DataFrame<Row>> {
    const tableName = str("createTable", "name", name);
    const schema = options.schema === undefined ? undefined : typeof options.schema === "string" ? options.schema : options.schema.kind === "struct" ? toDDL(options.schema) : undefined;
    if (options.schema !== undefined && schema === undefined) {
      throw new InvalidPlanError({ message: 'createTable(): schema must be a DDL string ("id BIGINT, name STRING") or a StructType.' });
    }
    await this.run({
      case: "createTable",
      value: {
        tableName,
        ...opt("path", options.path),
        ...opt("source", options.source),
        ...opt("description", options.description),
        ...(schema !== undefined ? { schema: { kind: { case: "unparsed", value: { dataTypeString: schema } } } } : {}),
        options: { ...mergeOptions("createTable", {}, options.options ?? {}) },
      },
    });
    return this.spark.dataFrame<Row>(ReadNode.create({ type: "table", name: tableName }, {}, false));
  }

  /**
   * Drops a temporary view; true if it existed.
   *
   * @example
   * ```ts
   * await spark.catalog.dropTempView("recent"); // true
   * ```
   */
  async dropTempView(name: string): Promise<boolean> {
    return this.bool({ case: "dropTempView", value: { viewName: str("dropTempView", "name", name) } });
  }

  /**
   * Drops a global temporary view; true if it existed.
   *
   * @example
   * ```ts
   * await spark.catalog.dropGlobalTempView("shared");
   * ```
   */
  async dropGlobalTempView(name: string): Promise<boolean> {
    return this.bool({ case: "dropGlobalTempView", value: { viewName: str("dropGlobalTempView", "name", name) } });
  }

  /**
   * Whether a table's data is cached.
   *
   * @example
   * ```ts
   * await spark.catalog.isCached("orders");
   * ```
   */
  async isCached(table: string): Promise<boolean> {
    return this.bool({ case: "isCached", value: { tableName: str("isCached", "table", table) } });
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
  async cacheTable(table: string, storageLevel?: StorageLevelName): Promise<void> {
    const tableName = str("cacheTable", "table", table);
    if (storageLevel === undefined) return this.run({ case: "cacheTable", value: { tableName } });
    return this.run({ case: "cacheTable", value: { tableName, storageLevel: storageLevelOf("cacheTable", storageLevel) } });
  }

  /**
   * Removes a table from the cache.
   *
   * @example
   * ```ts
   * await spark.catalog.uncacheTable("orders");
   * ```
   */
  async uncacheTable(table: string): Promise<void> {
    return this.run({ case: "uncacheTable", value: { tableName: str("uncacheTable", "table", table) } });
  }

  /**
   * Removes every table from the cache.
   *
   * @example
   * ```ts
   * await spark.catalog.clearCache();
   * ```
   */
  async clearCache(): Promise<void> {
    return this.run({ case: "clearCache", value: {} });
  }

  /**
   * Drops cached data and metadata of a table, e.g. after its files changed outside Spark.
   *
   * @example
   * ```ts
   * await spark.catalog.refreshTable("logs");
   * ```
   */
  async refreshTable(table: string): Promise<void> {
    return this.run({ case: "refreshTable", value: { tableName: str("refreshTable", "table", table) } });
  }

  /**
   * Drops cached data of every DataFrame that reads under `path`.
   *
   * @example
   * ```ts
   * await spark.catalog.refreshByPath("/data/logs");
   * ```
   */
  async refreshByPath(path: string): Promise<void> {
    return this.run({ case: "refreshByPath", value: { path: str("refreshByPath", "path", path) } });
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
  async recoverPartitions(table: string): Promise<void> {
    return this.run({ case: "recoverPartitions", value: { tableName: str("recoverPartitions", "table", table) } });
  }
}

function toDatabase(r: Record<string, unknown>): CatalogDatabase {
  return {
    name: String(r["name"]),
    catalog: (r["catalog"] as string | null) ?? null,
    description: (r["description"] as string | null) ?? null,
    locationUri: String(r["locationUri"] ?? ""),
  };
}

function toTable(r: Record<string, unknown>): CatalogTable {
  return {
    name: String(r["name"]),
    catalog: (r["catalog"] as string | null) ?? null,
    namespace: (r["namespace"] as string[] | null) ?? null,
    description: (r["description"] as string | null) ?? null,
    tableType: String(r["tableType"]),
    isTemporary: r["isTemporary"] === true,
  };
}

function toFunction(r: Record<string, unknown>): CatalogFunction {
  return {
    name: String(r["name"]),
    catalog: (r["catalog"] as string | null) ?? null,
    namespace: (r["namespace"] as string[] | null) ?? null,
    description: (r["description"] as string | null) ?? null,
    className: String(r["className"]),
    isTemporary: r["isTemporary"] === true,
  };
}
