import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import type * as Layer from "effect/Layer";
import * as Redacted from "effect/Redacted";
import { parseConnectionString } from "../runtime/ConnectionString.js";
import { InvalidOptionError, InvalidPlanError, type SparkConnectError } from "../runtime/errors.js";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "../runtime/LocalServer.js";
import { makeSession, type Session } from "../runtime/Session.js";
import type { SessionOptions } from "../runtime/SessionOptions.js";
import type { RowOptions } from "../runtime/arrow/rows.js";
import { DataFrame } from "./DataFrame.js";
import { SqlDataFrame } from "./SqlDataFrame.js";
import { RuntimeConfig } from "./RuntimeConfig.js";
import * as E from "./effect/session.js";
import type { ArtifactOptions } from "./ArtifactOptions.js";
import { makeHandle, type SessionHandle } from "./internal/handle.js";
import type { ResultLimitSettings } from "./ResultLimits.js";
import type { CallOptions, OperationOptions } from "./internal/ops/action.js";
import { startSqlNow } from "./internal/ops/sql.js";
import { run } from "./internal/run.js";
import { RangeNode } from "./plan/RangeNode.js";
import { SqlNode } from "./plan/SqlNode.js";
import { ReadNode } from "./plan/ReadNode.js";
import type { PlanNode } from "./plan/PlanNode.js";
import { type ColumnOrValue, toExpr } from "./Column.js";
import type { Table } from "apache-arrow";
import { DataFrameReader, type DataStreamReader, streamReader } from "./DataFrameReader.js";
import { StreamingQueryManager } from "./streaming/StreamingQueryManager.js";
import { Catalog } from "./Catalog.js";
import { UDFRegistration } from "./UDFRegistration.js";
import { TableValuedFunction } from "./TableValuedFunction.js";
import { LocalRelationNode } from "./plan/LocalRelationNode.js";
import { arrowToLocalData, rowsToLocalData } from "./internal/localRelation.js";
import { checkTagSync } from "./internal/ops/action.js";
import type { StructType } from "./types/DataType.js";
import type { InspectOptionsStylized } from "node:util";
import { INSPECT, sessionText } from "./display/inspect.js";

/** Options of `SparkSession.connect`: retries, timeouts, TLS, row conversion, guardrails, local server, services. */
export interface ConnectOptions extends SessionOptions {
  /** Defaults of row conversion for `collect()` and iteration (docs/types.md). */
  readonly rows?: RowOptions;
  /**
   * Guardrails of the actions that hold a whole result in memory (docs/dataframe.md):
   * by default `collect()` and its kin stop past 1,000,000 rows or 256 MiB of Arrow data,
   * `toArrow()` past 1 GiB. `Infinity` turns a limit off.
   */
  readonly limits?: ResultLimitSettings;
  /** With the connection string `"local"`: how to start the local server. */
  readonly local?: LocalServerOptions;
  /**
   * Services for the Promise API's operations, e.g. a logger or an OpenTelemetry tracer
   * (docs/observability.md). The Effect API uses the caller's services instead.
   */
  readonly layer?: Layer.Layer<never>;
}

type Int = number | bigint;

function toBigInt(name: string, v: Int): bigint {
  if (typeof v === "bigint") return v;
  if (!Number.isSafeInteger(v)) {
    throw new InvalidPlanError({ message: `range(): ${name} must be an integer (got ${v}); pass a bigint for values beyond 2^53.` });
  }
  return BigInt(v);
}

/** The options as a session keeps them: a fixed token wrapped in Redacted, never shown when the session is printed or serialised. */
function kept<O extends ConnectOptions>(options: O): O {
  return typeof options.token === "string" ? { ...options, token: Redacted.make(options.token) } : options;
}

/** What an opened session is made of. */
interface SessionParts {
  readonly session: Session;
  readonly server: LocalServer | undefined;
}

/**
 * Opens a session, as an Effect: parses the connection string and, for `"local"`,
 * starts a Spark Connect server on a free port with a random token.
 */
function openSession(url: string, options: ConnectOptions = {}): Effect.Effect<SessionParts, SparkConnectError> {
  const { rows: _rows, local: _local, limits: _limits, layer: _layer, ...internals } = kept(options);
  return Effect.gen(function* () {
    if (typeof url !== "string") {
      return yield* Effect.fail(new InvalidPlanError({ message: 'connect(): give a connection string such as "sc://localhost:15002", or "local".' }));
    }
    if (url === "local" && options.token !== undefined) {
      return yield* Effect.fail(
        new InvalidOptionError({ message: 'The token option does not apply to "local": the local server makes its own token. Leave it out.' }),
      );
    }
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
    const tokenElsewhere = options.token !== undefined;
    const config = yield* Effect.try({
      try: () => parseConnectionString(url, process.env, { tokenElsewhere }),
      catch: (e) => e as SparkConnectError,
    });
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
    /** @internal */ readonly handle: SessionHandle,
    private readonly server: LocalServer | undefined,
    private readonly options: ConnectOptions,
  ) {
    this.conf = new RuntimeConfig(handle);
  }

  /** @internal Opens the parts of a session (Effect). */
  static open(url: string, options?: ConnectOptions): Effect.Effect<SessionParts, SparkConnectError> {
    return openSession(url, options);
  }

  /** @internal A session over opened parts. */
  static fromParts(parts: SessionParts, options: ConnectOptions = {}): SparkSession {
    const safe = kept(options);
    return new SparkSession(makeHandle(parts.session, safe), parts.server, safe);
  }

  /**
   * Connects to `sc://host[:port]/;key=value;...` (see docs/connection.md), or with
   * `"local"` starts a private local server that stops when the session is closed.
   * No RPC is made until the first operation.
   *
   * @example
   * ```ts
   * const spark = await SparkSession.connect("local");
   * ```
   */
  static async connect(url: string = process.env["SPARK_REMOTE"] ?? "sc://localhost", options: ConnectOptions = {}): Promise<SparkSession> {
    const exit = await Effect.runPromiseExit(openSession(url, options));
    if (exit._tag === "Success") return SparkSession.fromParts(exit.value, options);
    throw squashed(exit.cause);
  }

  /** @internal This session's settings over another protocol session (a clone). */
  withCore(core: Session): SparkSession {
    return new SparkSession(makeHandle(core, this.options), undefined, this.options);
  }

  /** The client-side session id (a UUID). */
  get sessionId(): string {
    return this.handle.core.sessionId;
  }

  /**
   * The Spark version of the server.
   *
   * @example
   * ```ts
   * await spark.version(); // "4.1.1"
   * ```
   */
  version(options?: CallOptions): Promise<string> {
    return run(this.handle, () => E.version(this, options));
  }

  /**
   * A DataFrame for SQL text, with parameters bound as literals (never spliced into the
   * text): named `:name` markers from an object, or `?` markers from an array.
   *
   * As in PySpark, the text is sent at once as a SQL command: a command (CREATE, INSERT,
   * DROP, SET, ...) runs now and exactly once, however many actions follow; a query is
   * analysed and runs at each action. Await it to wait for a command and to see its
   * error: `await spark.sql("CREATE TABLE ...")` rejects with the server's error. Commands
   * of one session run in the order they were issued. The options (`signal`, `timeout`,
   * `tags`, `operationId`) apply to the command.
   *
   * @example
   * ```ts
   * await spark.sql("CREATE TABLE people (name STRING, age INT) USING parquet");
   * await spark.sql("INSERT INTO people VALUES ('Ann', 31)");
   * const rows = await spark.sql<{ n: bigint }>("SELECT count(*) AS n FROM people").collect(); // [{ n: 1n }]
   * spark.sql("SELECT * FROM orders WHERE country = :country AND amount > :min", { country: "PL", min: 100 });
   * spark.sql("SELECT * FROM range(10) WHERE id BETWEEN ? AND ?", [2, 5]);
   * await spark.sql("INSERT INTO t SELECT * FROM big", undefined, { timeout: 600_000, tags: ["etl"] });
   * ```
   */
  sql<Row = Record<string, unknown>>(
    query: string,
    args?: Readonly<Record<string, ColumnOrValue>> | readonly ColumnOrValue[],
    options?: OperationOptions,
  ): SqlDataFrame<Row> {
    const df = this.lazySql<Row>(query, args);
    startSqlNow(this.handle, df.plan as SqlNode, options);
    return df;
  }

  /** @internal The DataFrame of `sql()` before its command is started. */
  lazySql<Row>(query: string, args?: Readonly<Record<string, ColumnOrValue>> | readonly ColumnOrValue[]): SqlDataFrame<Row> {
    if (typeof query !== "string" || query.trim() === "") {
      throw new InvalidPlanError({ message: "sql(): the query must be a non-empty string of SQL." });
    }
    if (args === undefined) return new SqlDataFrame<Row>(this.handle, SqlNode.create(query, {}, [], true));
    if (Array.isArray(args)) return new SqlDataFrame<Row>(this.handle, SqlNode.create(query, {}, args.map(toExpr), true));
    if (typeof args !== "object" || args === null) {
      throw new InvalidPlanError({ message: "sql(): parameters are an object of named values or an array of positional values." });
    }
    const named = Object.fromEntries(Object.entries(args as Record<string, ColumnOrValue>).map(([k, v]) => [k, toExpr(v)]));
    return new SqlDataFrame<Row>(this.handle, SqlNode.create(query, named, [], true));
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
    return this.dataFrame<Row>(ReadNode.create({ type: "table", name }, {}, false));
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
   * Reads streams: files arriving in a directory, tables, the rate source, connectors
   * (see docs/streaming.md).
   *
   * @example
   * ```ts
   * const events = spark.readStream.schema("id BIGINT, ts TIMESTAMP").json("/data/incoming");
   * ```
   */
  get readStream(): DataStreamReader {
    return streamReader(this);
  }

  /**
   * The session's streaming queries: active ones, by id, waiting for any to stop.
   *
   * @example
   * ```ts
   * for (const q of await spark.streams.active()) await q.stop();
   * ```
   */
  get streams(): StreamingQueryManager {
    return new StreamingQueryManager(this);
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
   * apache-arrow Table (its schema gives the columns; no per-row work). The schema is a
   * DDL string or a StructType; without one it is inferred from the values (number →
   * DOUBLE, bigint → BIGINT, Date → TIMESTAMP, ...; docs/io.md).
   *
   * Any size: as in PySpark, the data goes inside the query while it is smaller than the
   * session's `spark.sql.session.localRelationCacheThreshold` (1 MiB by default in Spark
   * 4.1); larger data is uploaded once, at the DataFrame's first action, in chunks as
   * artifacts of the session, and the query refers to them by hash. Chunks the server
   * already holds (the same data uploaded before in this session) are not sent again.
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
    return this.dataFrame<Row>(LocalRelationNode.create(local.table, local.schema));
  }

  /**
   * Uploads local files to this session on the server (PySpark's `addArtifacts`): a `.jar`
   * joins the session's class path (Java UDFs, data sources); with `{ file: true }` any file
   * goes under `files/`, with `{ archive: true }` an archive (`.zip`, `.jar`, `.tar.gz`,
   * `.tgz`, `.tar`; `path#name` names its directory) is unpacked, with `{ pyfile: true }`
   * a Python file joins the Python workers' path. Paths may be `file:` URIs. Every file is
   * checked first (ArtifactError: missing, a directory, unreadable, a kind the options do
   * not accept); the upload is retried as a whole on a retryable failure.
   *
   * @example
   * ```ts
   * await spark.addArtifacts("/jars/udfs.jar");
   * await spark.addArtifacts("/data/a.csv", "/data/b.csv", { file: true });
   * await spark.addArtifacts("/envs/tools.tar.gz#tools", { archive: true });
   * ```
   */
  addArtifacts(...args: [...paths: string[], options: ArtifactOptions] | string[]): Promise<void> {
    return run(this.handle, () => E.addArtifacts(this, ...args));
  }

  /**
   * The same as addArtifacts (PySpark has both names).
   *
   * @example
   * ```ts
   * await spark.addArtifact("/jars/udfs.jar");
   * ```
   */
  addArtifact(...args: [...paths: string[], options: ArtifactOptions] | string[]): Promise<void> {
    return run(this.handle, () => E.addArtifact(this, ...args));
  }

  /**
   * Copies a local file to `destPath`, an absolute path on the server's file system
   * (`fs.defaultFS`: HDFS, S3, ... or the server's disk), as PySpark's `copyFromLocalToFs`.
   * A server writes to its local disk only with
   * `spark.connect.copyFromLocalToFs.allowDestLocal=true`.
   *
   * @example
   * ```ts
   * await spark.copyFromLocalToFs("./lookup.csv", "/staging/lookup.csv");
   * ```
   */
  copyFromLocalToFs(localPath: string, destPath: string, options?: CallOptions): Promise<void> {
    return run(this.handle, () => E.copyFromLocalToFs(this, localPath, destPath, options));
  }

  /**
   * Functions backed by Java classes: `registerJavaFunction`, `registerJavaUDAF`.
   *
   * @example
   * ```ts
   * await spark.udf.registerJavaFunction("strlen", "com.example.StrLen", "INT");
   * ```
   */
  get udf(): UDFRegistration {
    return new UDFRegistration(this);
  }

  /**
   * Spark's table-valued functions as DataFrames: `explode`, `inline`, `jsonTuple`,
   * `posexplode`, `stack`, `sqlKeywords`, `variantExplode`, ... (PySpark's `spark.tvf`).
   *
   * @example
   * ```ts
   * await spark.tvf.explode(array(lit(1), lit(2))).collect(); // [{ col: 1 }, { col: 2 }]
   * ```
   */
  get tvf(): TableValuedFunction {
    return new TableValuedFunction(this);
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
    return this.dataFrame(LocalRelationNode.create(undefined, ""));
  }

  /** @internal A DataFrame of this session over a plan. */
  dataFrame<Row>(plan: PlanNode): DataFrame<Row> {
    return new DataFrame<Row>(this.handle, plan);
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
    return this.dataFrame(RangeNode.create(start, end, s, numPartitions));
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
  interruptAll(options?: CallOptions): Promise<readonly string[]> {
    return run(this.handle, () => E.interruptAll(this, options));
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
  interruptTag(tag: string, options?: CallOptions): Promise<readonly string[]> {
    return run(this.handle, () => E.interruptTag(this, tag, options));
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
  interruptOperation(operationId: string, options?: CallOptions): Promise<readonly string[]> {
    return run(this.handle, () => E.interruptOperation(this, operationId, options));
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
    this.handle.core.tags.add(checkTagSync(tag));
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
    this.handle.core.tags.delete(checkTagSync(tag));
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
    return [...this.handle.core.tags];
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
    this.handle.core.tags.clear();
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
  clone(options?: CallOptions): Promise<SparkSession> {
    return run(this.handle, () => E.clone(this, options));
  }

  /** @internal Closing as an Effect: session, local server, runtime. */
  closeEffect(): Effect.Effect<void> {
    return this.handle.core.close().pipe(
      Effect.ensuring(Effect.promise(async () => void (await this.server?.stop()))),
      Effect.ensuring(Effect.promise(() => this.handle.runtime.dispose())),
    );
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
    await Effect.runPromise(this.closeEffect());
  }

  /** `await using spark = await SparkSession.connect(...)` closes the session at scope end. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * What `console.log(spark)` shows: `SparkSession { sessionId: '…', target: 'sc://host:port', closed: false }`.
   * Never the token or other settings of the connection string.
   */
  [INSPECT](_depth?: number, options?: InspectOptionsStylized): string {
    const core = this.handle.core;
    return sessionText(
      { sessionId: core.sessionId, target: core.target, closed: core.isClosed(), serverVersion: core.ctx.serverVersion() },
      options,
    );
  }
}

function squashed(cause: Cause.Cause<SparkConnectError>): unknown {
  return Cause.squash(cause);
}
