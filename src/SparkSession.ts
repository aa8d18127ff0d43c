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
import { makeHandle, type SessionHandle, setOwner } from "./internal/handle.js";
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
import { INSPECT, type InspectStyle, sessionText } from "./display/inspect.js";
import { checkHandler, progressHandlers } from "./internal/ops/progressHandlers.js";
import type { ProgressHandler } from "./internal/progressEvent.js";
import { newBuilder, type SparkSessionBuilder } from "./SparkSessionBuilder.js";

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
  /**
   * Spark SQL settings for the new session, sent in one Config request before `connect`
   * returns, as PySpark's `SparkSession.builder.config(...)` does: values that are not
   * strings go as strings (`true` → `"true"`). As in PySpark, a setting the server refuses
   * (a static one such as `spark.executor.memory`, a value of the wrong type) does not fail
   * the connection: the server's message is emitted as a process warning
   * (`SparkConnectConfWarning`). `spark.remote` and `spark.master` are ignored.
   */
  readonly conf?: Readonly<Record<string, string | number | boolean>>;
}

type Int = number | bigint;

/** PySpark's keywords of `range`: the last argument of `spark.range(...)`. */
export interface RangeOptions {
  readonly start?: Int;
  readonly end?: Int | null;
  readonly step?: Int;
  readonly numPartitions?: Int | null;
}

const RANGE_KEYS = ["start", "end", "step", "numPartitions"] as const;

/** The arguments of range as PySpark binds them: positions first, then the keywords of a last object. */
function rangeArgs(args: readonly unknown[]): { start: Int | undefined; end: Int | null | undefined; step: Int | undefined; numPartitions: Int | null | undefined } {
  const last = args[args.length - 1];
  const keywords = typeof last === "object" && last !== null ? (last as Record<string, unknown>) : undefined;
  const positional = keywords === undefined ? args : args.slice(0, -1);
  if (positional.length > 4) throw new InvalidPlanError({ message: "range(): give at most start, end, step and numPartitions." });
  const bound: Record<string, unknown> = {};
  positional.forEach((v, i) => {
    if (v !== undefined) bound[RANGE_KEYS[i]!] = v;
  });
  for (const [k, v] of Object.entries(keywords ?? {})) {
    if (!(RANGE_KEYS as readonly string[]).includes(k)) {
      throw new InvalidPlanError({ message: `range(): unknown option "${k}"; the options are start, end, step and numPartitions.` });
    }
    if (v === undefined) continue;
    if (bound[k] !== undefined) throw new InvalidPlanError({ message: `range(): ${k} is given twice (by position and as an option).` });
    bound[k] = v;
  }
  for (const k of RANGE_KEYS) {
    const v = bound[k];
    if (v !== undefined && v !== null && typeof v !== "number" && typeof v !== "bigint") {
      throw new InvalidPlanError({ message: `range(): ${k} must be a number or a bigint (got ${typeof v}).` });
    }
  }
  if (bound["start"] === undefined || bound["start"] === null) {
    // range({ end: 10 }) is range(0, 10); PySpark's start is required, so no start and no end is an error.
    if (bound["end"] === undefined || bound["end"] === null) throw new InvalidPlanError({ message: "range(): give the end, e.g. range(10) or range(0, 10)." });
    bound["start"] = 0;
  }
  return bound as ReturnType<typeof rangeArgs>;
}

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
  const { rows: _rows, local: _local, limits: _limits, layer: _layer, conf: _conf, ...internals } = kept(options);
  return Effect.gen(function* () {
    // The settings are checked before anything is opened (or a local server started).
    const pairs = yield* Effect.try({ try: () => confPairs("connect()", options.conf), catch: (e) => e as SparkConnectError });
    const parts = yield* openCore(url, options, internals);
    yield* Effect.onError(applyInitialConf(parts.session, pairs), () => closeParts(parts));
    return parts;
  });
}

/** Releases what openSession opened (the session, and a local server). */
function closeParts(parts: SessionParts): Effect.Effect<void> {
  return parts.session.close().pipe(Effect.ensuring(Effect.promise(async () => void (await parts.server?.stop()))));
}

/**
 * The settings of `conf` as the strings sent, checked: keys are non-empty strings, values
 * strings, numbers or booleans.
 * @internal
 */
export function confPairs(method: string, conf: unknown): { key: string; value: string }[] {
  if (conf === undefined) return [];
  if (typeof conf !== "object" || conf === null || Array.isArray(conf)) {
    throw new InvalidOptionError({ message: `${method}: conf must be an object of Spark settings, e.g. { "spark.sql.shuffle.partitions": "4" }.` });
  }
  return Object.entries(conf)
    .filter(([key]) => key !== "spark.remote" && key !== "spark.master")
    .map(([key, v]) => {
      if (key === "") throw new InvalidOptionError({ message: `${method}: a Spark setting's name must be a non-empty string.` });
      if (typeof v === "boolean") return { key, value: v ? "true" : "false" };
      if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "bigint") return { key, value: String(v) };
      throw new InvalidOptionError({
        message: `${method}: the value of "${key}" must be a string, a finite number or a boolean (got ${v === null ? "null" : typeof v}).`,
      });
    });
}

/**
 * Sends the initial settings in one Config request marked silent, as PySpark's builder
 * does: the server applies what it can and answers with a warning for each setting it
 * refused, which becomes a process warning here (PySpark's `warnings.warn`).
 * @internal
 */
export function applyInitialConf(session: Session, pairs: readonly { key: string; value: string }[]): Effect.Effect<void, SparkConnectError> {
  if (pairs.length === 0) return Effect.void;
  return Effect.map(session.config({ case: "set", value: { pairs: [...pairs], silent: true } }), (res) => {
    for (const warning of res.warnings) process.emitWarning(warning, { type: "SparkConnectConfWarning" });
  });
}

/** The session (and for `"local"` the server) of a connection string, before any setting is applied. */
function openCore(url: string, options: ConnectOptions, internals: SessionOptions): Effect.Effect<SessionParts, SparkConnectError> {
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
    setOwner(handle, this);
  }

  /** Whether the session was closed (with close() or stop()), as PySpark's is_stopped. @example spark.isStopped */
  get isStopped(): boolean {
    return this.handle.core.isClosed();
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
   * A DataFrame with one LongType column `id`, as PySpark's `range(start, end, step,
   * numPartitions)`: `range(end)` is 0..end-1, `range(start, end, step)` as in Python's
   * range. PySpark's keywords come as a last object: `{ start, end, step, numPartitions }`
   * (each given at most once). Numbers or bigints; `numPartitions` sets the number of
   * partitions (by default Spark's `spark.sql.leafNodeDefaultParallelism`).
   *
   * @example
   * ```ts
   * await spark.range(1000).count(); // 1000
   * await spark.range(0, 10, 3).collect(); // [{ id: 0n }, { id: 3n }, { id: 6n }, { id: 9n }]
   * spark.range(0, 100, 1, 4); // 4 partitions
   * spark.range(100, { numPartitions: 4 }); // PySpark: spark.range(100, numPartitions=4)
   * spark.range(0, 100, { step: 5, numPartitions: 2 });
   * ```
   */
  range(end: Int, options?: RangeOptions): DataFrame<{ id: bigint }>;
  range(start: Int, end: Int | null, options?: RangeOptions): DataFrame<{ id: bigint }>;
  range(start: Int, end: Int | null, step: Int | null, options?: RangeOptions): DataFrame<{ id: bigint }>;
  range(options: RangeOptions & { readonly end: Int }): DataFrame<{ id: bigint }>;
  range(
    start: Int | RangeOptions,
    end?: Int | null | RangeOptions,
    step?: Int | null | RangeOptions,
    numPartitions?: Int | null | RangeOptions,
  ): DataFrame<{ id: bigint }>;
  range(...args: unknown[]): DataFrame<{ id: bigint }> {
    const { start, end, step, numPartitions } = rangeArgs(args);
    const s = toBigInt("step", step ?? 1);
    if (s === 0n) throw new InvalidPlanError({ message: "range(): step must not be 0." });
    const [from, to] = end === undefined || end === null ? [0n, toBigInt("end", start!)] : [toBigInt("start", start!), toBigInt("end", end)];
    let n: number | undefined;
    if (numPartitions !== undefined && numPartitions !== null) {
      const p = typeof numPartitions === "bigint" ? Number(numPartitions) : numPartitions;
      if (!Number.isInteger(p) || p < 1 || p > 2 ** 31 - 1) {
        throw new InvalidPlanError({ message: `range(): numPartitions must be a positive integer (got ${String(numPartitions)}).` });
      }
      n = p;
    }
    return this.dataFrame(RangeNode.create(from, to, s, n));
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

  /**
   * Registers a function called with the progress of every operation this session runs
   * on the server (queries, commands, writes, catalog calls), as PySpark's
   * `registerProgressHandler`: `{ stages, inflightTasks, operationId, done }` at each
   * report with tasks in it (every `spark.connect.progress.reportInterval`, 2 s by
   * default), then once with `done: true` when the operation ends, however it ends. A
   * handler registered twice is called once; one that throws does not fail the operation.
   *
   * @example
   * ```ts
   * const handler = ({ stages, inflightTasks, done }: ProgressEvent) => {
   *   const total = stages.reduce((n, s) => n + s.numTasks, 0);
   *   const finished = stages.reduce((n, s) => n + s.numCompletedTasks, 0);
   *   console.log(done ? "done" : `${finished}/${total} tasks, ${inflightTasks} running`);
   * };
   * spark.registerProgressHandler(handler);
   * ```
   */
  registerProgressHandler(handler: ProgressHandler): void {
    progressHandlers(this.handle.core).add(checkHandler("registerProgressHandler", handler));
  }

  /**
   * Stops calling a handler given to registerProgressHandler (nothing happens if it was
   * not registered).
   *
   * @example
   * ```ts
   * spark.removeProgressHandler(handler);
   * ```
   */
  removeProgressHandler(handler: ProgressHandler): void {
    progressHandlers(this.handle.core).delete(checkHandler("removeProgressHandler", handler));
  }

  /**
   * Removes every progress handler of this session.
   *
   * @example
   * ```ts
   * spark.clearProgressHandlers();
   * ```
   */
  clearProgressHandlers(): void {
    progressHandlers(this.handle.core).clear();
  }

  /**
   * PySpark's `SparkSession.builder`: settings, then `getOrCreate()` or `create()`, which
   * resolve with a session. `remote(url)` gives the connection string (default: the
   * `SPARK_REMOTE` environment variable, else `sc://localhost`); `config(key, value)` or
   * `config({ ... })` Spark settings sent when the session opens (see the `conf` option
   * of connect); `options({...})` the other options of connect. Both
   * `SparkSession.builder.remote(...)` (as in Python) and `SparkSession.builder().remote(...)`
   * work.
   *
   * @example
   * ```ts
   * const spark = await SparkSession.builder
   *   .remote("sc://localhost:15002")
   *   .appName("etl")
   *   .config("spark.sql.shuffle.partitions", 8)
   *   .getOrCreate();
   * ```
   */
  static get builder(): SparkSessionBuilder & (() => SparkSessionBuilder) {
    return newBuilder();
  }

  /**
   * The same as close(), PySpark's name: releases the server-side session (and stops the
   * server started by `connect("local")`). Safe to call twice.
   *
   * @example
   * ```ts
   * await spark.stop();
   * ```
   */
  stop(): Promise<void> {
    return this.close();
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
  [INSPECT](_depth?: number, options?: InspectStyle): string {
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
