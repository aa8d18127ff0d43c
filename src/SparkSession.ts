import { Effect } from "effect";
import { parseConnectionString } from "../runtime/ConnectionString.js";
import { InvalidOptionError, InvalidPlanError, type SparkConnectError } from "../runtime/errors.js";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "../runtime/LocalServer.js";
import { makeSession, type Session, type SessionOptions } from "../runtime/Session.js";
import { type CollectDefaults, DataFrame } from "./DataFrame.js";
import { RuntimeConfig } from "./RuntimeConfig.js";
import * as actions from "./internal/actions.js";
import { runPromise } from "./internal/run.js";
import { RangeNode } from "./plan/RangeNode.js";
import { SqlNode } from "./plan/SqlNode.js";
import { ReadNode } from "./plan/ReadNode.js";
import type { PlanNode } from "./plan/PlanNode.js";
import { type ColumnOrValue, toExpr } from "./Column.js";
import type { Table } from "apache-arrow";
import { DataFrameReader } from "./DataFrameReader.js";
import { Catalog } from "./Catalog.js";
import { LocalRelationNode } from "./plan/LocalRelationNode.js";
import { arrowToLocalData, rowsToLocalData } from "./internal/localRelation.js";
import type { StructType } from "./types/DataType.js";

/** Options of `SparkSession.connect`: retries, timeouts, TLS, row conversion, local server. */
export interface ConnectOptions extends SessionOptions {
  /** Defaults of `collect()`: row conversion (docs/types.md) and guardrails (`maxRows`, `maxBytes`). */
  readonly rows?: CollectDefaults;
  /** With the connection string `"local"`: how to start the local server. */
  readonly local?: LocalServerOptions;
}

type Int = number | bigint;

/** Spark's rule for operation tags: non-empty, no commas. */
function checkTag(tag: string): string {
  if (typeof tag !== "string" || tag === "" || tag.includes(",")) {
    throw new InvalidOptionError({ message: `An operation tag must be a non-empty string without commas (got ${JSON.stringify(tag)}).` });
  }
  return tag;
}

function toBigInt(name: string, v: Int): bigint {
  if (typeof v === "bigint") return v;
  if (!Number.isSafeInteger(v)) {
    throw new InvalidPlanError({ message: `range(): ${name} must be an integer (got ${v}); pass a bigint for values beyond 2^53.` });
  }
  return BigInt(v);
}

/**
 * Opens a session, as an Effect: parses the connection string and, for `"local"`,
 * starts a Spark Connect server on a free port with a random token. The returned
 * `close` releases the session and stops that server.
 */
export function openSession(
  url: string,
  options: ConnectOptions = {},
): Effect.Effect<{ session: Session; server: LocalServer | undefined }, SparkConnectError> {
  const { rows: _rows, local: _local, ...internals } = options;
  return Effect.gen(function* () {
    if (url === "local") {
      const server = yield* startLocalServer({ token: true, ...options.local });
      const session = yield* Effect.try({
        try: () => parseConnectionString(server.connectionString()),
        catch: (e) => e as SparkConnectError,
      }).pipe(
        Effect.flatMap((config) => makeSession(config, internals)),
        Effect.onError(() => Effect.promise(() => server.stop())),
      );
      return { session, server };
    }
    const config = yield* Effect.try({ try: () => parseConnectionString(url), catch: (e) => e as SparkConnectError });
    return { session: yield* makeSession(config, internals), server: undefined };
  });
}

/**
 * The entry point: a session with a Spark Connect server.
 *
 * @example
 * ```ts
 * import { SparkSession } from "spark-connect-ts";
 *
 * await using spark = await SparkSession.connect("sc://localhost:15002");
 * console.log(await spark.version());
 * console.log(await spark.sql("SELECT 1 AS x, 'a' AS s").collect()); // [{ x: 1, s: "a" }]
 * ```
 */
export class SparkSession implements AsyncDisposable {
  /**
   * The session's Spark SQL configuration.
   *
   * @example
   * ```ts
   * await spark.conf.set("spark.sql.ansi.enabled", true);
   * ```
   */
  readonly conf: RuntimeConfig;

  private constructor(
    /** @internal */ readonly core: Session,
    private readonly server: LocalServer | undefined,
    private readonly rows: CollectDefaults,
  ) {
    this.conf = new RuntimeConfig(core);
  }

  /**
   * Connects to `sc://host[:port]/;key=value;...` (see docs/connection.md), or with
   * `"local"` starts a private local server that stops when the session is closed.
   * No RPC is made until the first action.
   *
   * @example
   * ```ts
   * const spark = await SparkSession.connect("local");
   * ```
   */
  static async connect(url: string = process.env["SPARK_REMOTE"] ?? "sc://localhost", options: ConnectOptions = {}): Promise<SparkSession> {
    const { session, server } = await runPromise(openSession(url, options));
    return new SparkSession(session, server, options.rows ?? {});
  }

  /** The client-side session id (a UUID). */
  get sessionId(): string {
    return this.core.sessionId;
  }

  /**
   * The Spark version of the server.
   *
   * @example
   * ```ts
   * await spark.version(); // "4.1.1"
   * ```
   */
  version(options: { signal?: AbortSignal } = {}): Promise<string> {
    return runPromise(actions.sparkVersion(this.core), options.signal);
  }

  /**
   * A DataFrame for a SQL query, with parameters bound as literals (never spliced into
   * the text): named `:name` markers from an object, or `?` markers from an array. Lazy:
   * the query runs at the first action, and again at every further action (so a DDL
   * statement runs when you call an action on it).
   *
   * @example
   * ```ts
   * const rows = await spark.sql<{ n: number }>("SELECT 42 AS n").collect();
   * spark.sql("SELECT * FROM orders WHERE country = :country AND amount > :min", { country: "PL", min: 100 });
   * spark.sql("SELECT * FROM range(10) WHERE id BETWEEN ? AND ?", [2, 5]);
   * ```
   */
  sql<Row = Record<string, unknown>>(query: string, args?: Readonly<Record<string, ColumnOrValue>> | readonly ColumnOrValue[]): DataFrame<Row> {
    if (typeof query !== "string" || query.trim() === "") {
      throw new InvalidPlanError({ message: "sql(): the query must be a non-empty string of SQL." });
    }
    if (args === undefined) return new DataFrame<Row>(this.core, SqlNode.create(query), this.rows);
    if (Array.isArray(args)) return new DataFrame<Row>(this.core, SqlNode.create(query, {}, args.map(toExpr)), this.rows);
    const named = Object.fromEntries(Object.entries(args as Record<string, ColumnOrValue>).map(([k, v]) => [k, toExpr(v)]));
    return new DataFrame<Row>(this.core, SqlNode.create(query, named), this.rows);
  }

  /**
   * A table or view by name (`db.table`, `catalog.db.table`, a temp view).
   *
   * @example
   * ```ts
   * const events = spark.table<Event>("events");
   * ```
   */
  table<Row = Record<string, unknown>>(name: string): DataFrame<Row> {
    if (typeof name !== "string" || name === "") throw new InvalidPlanError({ message: "table(): give a table name." });
    return new DataFrame<Row>(this.core, ReadNode.create({ type: "table", name }, {}, false), this.rows);
  }

  /**
   * Loads DataFrames from files, tables and data sources (see docs/io.md).
   *
   * @example
   * ```ts
   * const df = spark.read.option("header", true).csv("/data/people.csv");
   * const t = spark.read.table("sales.orders");
   * ```
   */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /**
   * The catalogs, databases, tables, functions and cache of this session.
   *
   * @example
   * ```ts
   * const tables = await spark.catalog.listTables();
   * ```
   */
  get catalog(): Catalog {
    return new Catalog(this);
  }

  /**
   * A DataFrame of rows from JavaScript (plain objects, or arrays by position) or of an
   * apache-arrow Table, sent to the server with the query. The schema is a DDL string or
   * a StructType; without one it is inferred from the values (number → DOUBLE, bigint →
   * BIGINT, Date → TIMESTAMP, ...; docs/io.md). Limited to about 127 MiB of Arrow data.
   *
   * @example
   * ```ts
   * spark.createDataFrame([{ name: "Ann", age: 31n }, { name: "Bob", age: null }]);
   * spark.createDataFrame([{ id: 1, price: "9.99" }], "id INT, price DECIMAL(10,2)");
   * spark.createDataFrame(arrowTable);
   * spark.createDataFrame([], "id BIGINT, name STRING"); // empty, with columns
   * ```
   */
  createDataFrame<Row = Record<string, unknown>>(data: readonly Row[] | Table, schema?: string | StructType): DataFrame<Row> {
    const local = Array.isArray(data) ? rowsToLocalData(data, schema) : arrowToLocalData(data as Table, schema);
    return new DataFrame<Row>(this.core, LocalRelationNode.create(local.data, local.schema), this.rows);
  }

  /**
   * A DataFrame with no rows and no columns.
   *
   * @example
   * ```ts
   * await spark.emptyDataFrame.count(); // 0
   * ```
   */
  get emptyDataFrame(): DataFrame<Record<string, never>> {
    return new DataFrame(this.core, LocalRelationNode.create(undefined, ""), this.rows);
  }

  /** @internal A DataFrame of this session over a plan. */
  dataFrame<Row>(plan: PlanNode): DataFrame<Row> {
    return new DataFrame<Row>(this.core, plan, this.rows);
  }

  /**
   * A DataFrame with one LongType column `id`: `range(end)` is 0..end-1,
   * `range(start, end, step)` as in Python's range.
   *
   * @example
   * ```ts
   * await spark.range(1000).count(); // 1000
   * await spark.range(0, 10, 3).collect(); // [{ id: 0n }, { id: 3n }, { id: 6n }, { id: 9n }]
   * ```
   */
  range(end: Int): DataFrame<{ id: bigint }>;
  range(start: Int, end: Int, step?: Int, numPartitions?: number): DataFrame<{ id: bigint }>;
  range(a: Int, b?: Int, step: Int = 1, numPartitions?: number): DataFrame<{ id: bigint }> {
    const [start, end] = b === undefined ? [0n, toBigInt("end", a)] : [toBigInt("start", a), toBigInt("end", b)];
    const s = toBigInt("step", step);
    if (s === 0n) throw new InvalidPlanError({ message: "range(): step must not be 0." });
    if (numPartitions !== undefined && (!Number.isInteger(numPartitions) || numPartitions < 1)) {
      throw new InvalidPlanError({ message: `range(): numPartitions must be a positive integer (got ${numPartitions}).` });
    }
    return new DataFrame(this.core, RangeNode.create(start, end, s, numPartitions), this.rows);
  }

  /**
   * Interrupts every operation of this session that is running on the server.
   * Returns the ids of the operations interrupted.
   *
   * @example
   * ```ts
   * await spark.interruptAll();
   * ```
   */
  interruptAll(): Promise<readonly string[]> {
    return runPromise(this.core.interrupt({ kind: "all" }));
  }

  /**
   * Interrupts the running operations that carry `tag` (see addTag and the `tags` option
   * of actions).
   *
   * @example
   * ```ts
   * spark.addTag("nightly");
   * const job = spark.sql("...").collect();
   * await spark.interruptTag("nightly");
   * ```
   */
  interruptTag(tag: string): Promise<readonly string[]> {
    return runPromise(this.core.interrupt({ kind: "tag", tag: checkTag(tag) }));
  }

  /**
   * Interrupts one operation by id (the `operationId` option of an action).
   *
   * @example
   * ```ts
   * const id = crypto.randomUUID();
   * const job = df.collect({ operationId: id });
   * await spark.interruptOperation(id);
   * ```
   */
  interruptOperation(operationId: string): Promise<readonly string[]> {
    return runPromise(this.core.interrupt({ kind: "operation", operationId }));
  }

  /**
   * Adds a tag to every operation this session starts from now on.
   *
   * @example
   * ```ts
   * spark.addTag("report-42");
   * ```
   */
  addTag(tag: string): void {
    this.core.tags.add(checkTag(tag));
  }

  /**
   * Stops adding `tag` to new operations.
   *
   * @example
   * ```ts
   * spark.removeTag("report-42");
   * ```
   */
  removeTag(tag: string): void {
    this.core.tags.delete(checkTag(tag));
  }

  /**
   * The tags added to new operations.
   *
   * @example
   * ```ts
   * spark.getTags(); // ["report-42"]
   * ```
   */
  getTags(): string[] {
    return [...this.core.tags];
  }

  /**
   * Removes every tag.
   *
   * @example
   * ```ts
   * spark.clearTags();
   * ```
   */
  clearTags(): void {
    this.core.tags.clear();
  }

  /**
   * A new session on the server holding a copy of this one's state (configuration, temp
   * views, registered functions); the two then change independently.
   *
   * @example
   * ```ts
   * const copy = await spark.clone();
   * await copy.conf.set("spark.sql.shuffle.partitions", 4); // spark is unaffected
   * ```
   */
  async clone(): Promise<SparkSession> {
    const core = await runPromise(this.core.clone());
    return new SparkSession(core, undefined, this.rows);
  }

  /**
   * Releases the server-side session (and stops the server started by `connect("local")`).
   * Later calls fail with SessionClosedError. Safe to call twice.
   *
   * @example
   * ```ts
   * await spark.close();
   * ```
   */
  async close(): Promise<void> {
    await runPromise(this.core.close());
    await this.server?.stop();
  }

  /** `await using spark = await SparkSession.connect(...)` closes the session at scope end. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
