/**
 * Structured Streaming as Effects: starting streaming writes, the commands of a running
 * query and of the session's query manager, with failures in the typed error channel.
 * The Promise forms are the methods of DataStreamWriter, StreamingQuery and
 * StreamingQueryManager.
 */
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import * as Stream from "effect/Stream";
import { StreamingQueryEventType, type StreamingQueryCommandResult, type StreamingQueryManagerCommandResult } from "../../generated/spark/connect/commands_pb.js";
import { InvalidOptionError, ProtocolError, StreamingQueryError, type SparkConnectFailure } from "../../runtime/errors.js";
import { str } from "../internal/args.js";
import type { SessionHandle } from "../internal/handle.js";
import { atCall } from "../internal/run.js";
import { execOptions, type OperationOptions } from "../internal/ops/action.js";
import { type ListenerEvent, listenerEvents, managerCommand, requireListenerBus, type ManagerCommand, type QueryCommand, queryCommand, startStream } from "../internal/ops/streaming.js";
import { op, typedStream } from "../internal/ops/typed.js";
import type { SparkSession } from "../SparkSession.js";
import type { DataStreamWriter } from "../streaming/DataStreamWriter.js";
import { type JsonValue, parseJsonExact, parseProgress, type StreamingQueryProgress } from "../streaming/progress.js";
import { StreamingQuery, type StreamingQueryStatus } from "../streaming/StreamingQuery.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

const started = (name: string, w: DataStreamWriter, destination: () => Parameters<typeof startStream>[2]["destination"], options?: OperationOptions): Eff<StreamingQuery> =>
  op(name, options, () => {
    const spec = { ...w.spec(), destination: destination() };
    const handle = w.df.handle;
    return Effect.flatMap(execOptions(options), (o) => Effect.map(startStream(handle, w.df.plan, spec, o), (q) => new StreamingQuery(handle, q)));
  });

/**
 * Starts the streaming write; with `path`, the sink writes there (file sinks, Delta).
 *
 * @example
 * ```ts
 * const query = yield* Spark.stream.start(df.writeStream.format("parquet").option("checkpointLocation", "/chk"), "/out");
 * ```
 */
export const start = (w: DataStreamWriter, path?: string, options?: OperationOptions): Eff<StreamingQuery> =>
  started("start", w, () => (path === undefined ? undefined : { case: "path", value: str("start", "path", path) }), options);

/** Starts the streaming write into a table. @example yield* Spark.stream.toTable(df.writeStream.option("checkpointLocation", "/chk"), "events") */
export const toTable = (w: DataStreamWriter, tableName: string, options?: OperationOptions): Eff<StreamingQuery> =>
  started("toTable", w, () => ({ case: "tableName", value: str("toTable", "tableName", tableName) }), options);

/** The wait of an await command: none (until it happens) or `timeoutMs`, checked. */
function waitFor(method: string, timeoutMs: number | undefined): { timeoutMs?: bigint } {
  if (timeoutMs === undefined) return {};
  if (!(Number.isInteger(timeoutMs) && timeoutMs >= 0)) {
    throw new InvalidOptionError({ message: `${method}(): timeoutMs must be a whole number of milliseconds >= 0 (got ${timeoutMs}).` });
  }
  return { timeoutMs: BigInt(timeoutMs) };
}

const onQuery = <A>(name: string, q: StreamingQuery, cmd: () => QueryCommand, read: (r: StreamingQueryCommandResult) => A, options?: OperationOptions): Eff<A> =>
  op(name, options, () => Effect.flatMap(execOptions(options), (o) => Effect.map(queryCommand(q.handle, q.instance, cmd(), o), read)));

/** The query's status: whether data is waiting, whether a trigger runs, and the message Spark shows. @example yield* Spark.stream.status(query) */
export const status = (q: StreamingQuery, options?: OperationOptions): Eff<StreamingQueryStatus> =>
  onQuery("status", q, () => ({ case: "status", value: true }), (r) => {
    const s = r.resultType.case === "status" ? r.resultType.value : undefined;
    return { message: s?.statusMessage ?? "", isDataAvailable: s?.isDataAvailable ?? false, isTriggerActive: s?.isTriggerActive ?? false, isActive: s?.isActive ?? false };
  }, options);

/** Whether the query is running. @example yield* Spark.stream.isActive(query) */
export const isActive = (q: StreamingQuery, options?: OperationOptions): Eff<boolean> => Effect.map(status(q, options), (s) => s.isActive);

const progressList = (name: string, q: StreamingQuery, cmd: QueryCommand, options?: OperationOptions): Eff<StreamingQueryProgress[]> =>
  op(name, options, () =>
    Effect.flatMap(execOptions(options), (o) =>
      Effect.flatMap(queryCommand(q.handle, q.instance, cmd, o), (r) =>
        Effect.try({
          try: () => (r.resultType.case === "recentProgress" ? r.resultType.value.recentProgressJson.map((j) => parseProgress(j)) : []),
          catch: (e) => (e instanceof ProtocolError ? e : new ProtocolError({ message: `A progress report of the query could not be read: ${String(e)}` })),
        }),
      ),
    ),
  );

/** The progress reports Spark keeps for the query (the last ones, oldest first). @example yield* Spark.stream.recentProgress(query) */
export const recentProgress = (q: StreamingQuery, options?: OperationOptions): Eff<StreamingQueryProgress[]> =>
  progressList("recentProgress", q, { case: "recentProgress", value: true }, options);

/** The last progress report, or null before the first batch. @example yield* Spark.stream.lastProgress(query) */
export const lastProgress = (q: StreamingQuery, options?: OperationOptions): Eff<StreamingQueryProgress | null> =>
  Effect.map(progressList("lastProgress", q, { case: "lastProgress", value: true }, options), (list) => list.at(-1) ?? null);

/**
 * Waits until the query stops: true when it has; with `timeoutMs`, false when it still
 * runs after that long. A query that stopped with an error fails with that error.
 *
 * @example
 * ```ts
 * const done = yield* Spark.stream.awaitTermination(query, 10_000);
 * ```
 */
export const awaitTermination = (q: StreamingQuery, timeoutMs?: number, options?: OperationOptions): Eff<boolean> =>
  onQuery(
    "awaitTermination",
    q,
    () => ({ case: "awaitTermination", value: waitFor("awaitTermination", timeoutMs) }),
    (r) => (r.resultType.case === "awaitTermination" ? r.resultType.value.terminated : false),
    options,
  );

/** Waits until every input available now is processed (for tests and batch-like runs). @example yield* Spark.stream.processAllAvailable(query) */
export const processAllAvailable = (q: StreamingQuery, options?: OperationOptions): Eff<void> =>
  onQuery("processAllAvailable", q, () => ({ case: "processAllAvailable", value: true }), () => undefined, options);

/** Stops the query (its checkpoint stays, so a new start resumes it). @example yield* Spark.stream.stop(query) */
export const stop = (q: StreamingQuery, options?: OperationOptions): Eff<void> => onQuery("stop", q, () => ({ case: "stop", value: true }), () => undefined, options);

/** The error the query stopped with, typed and carrying Spark's error class, or null. @example yield* Spark.stream.exception(query) */
export const exception = (q: StreamingQuery, options?: OperationOptions): Eff<StreamingQueryError | null> =>
  onQuery(
    "exception",
    q,
    () => ({ case: "exception", value: true }),
    (r) => {
      const x = r.resultType.case === "exception" ? r.resultType.value : undefined;
      if (x?.exceptionMessage === undefined) return null;
      return new StreamingQueryError({
        message: x.exceptionMessage,
        errorClass: x.errorClass,
        sqlState: undefined,
        messageParameters: {},
        classes: [],
        errorId: undefined,
        serverStackTrace: x.stackTrace,
      });
    },
    options,
  );

/** The query's plans as text (`extended`: also the logical plans). @example yield* Spark.stream.explain(query) */
export const explain = (q: StreamingQuery, extended = false, options?: OperationOptions): Eff<string> =>
  onQuery("explain", q, () => ({ case: "explain", value: { extended } }), (r) => (r.resultType.case === "explain" ? r.resultType.value.result : ""), options);

const manager = <A>(name: string, handle: SessionHandle, cmd: () => ManagerCommand, read: (r: StreamingQueryManagerCommandResult) => A, options?: OperationOptions): Eff<A> =>
  op(name, options, () => Effect.flatMap(execOptions(options), (o) => Effect.map(managerCommand(handle, cmd(), o), read)));

/** The session's running streaming queries. @example yield* Spark.stream.active(spark) */
export const active = (spark: SparkSession, options?: OperationOptions): Eff<StreamingQuery[]> =>
  manager("active", spark.handle, () => ({ case: "active", value: true }), (r) =>
    r.resultType.case === "active"
      ? r.resultType.value.activeQueries.flatMap((q) => (q.id === undefined ? [] : [new StreamingQuery(spark.handle, { id: q.id.id, runId: q.id.runId, name: q.name })]))
      : [],
  options);

/** A query of the session by its id, or null. @example yield* Spark.stream.get(spark, id) */
export const get = (spark: SparkSession, id: string, options?: OperationOptions): Eff<StreamingQuery | null> =>
  manager("get", spark.handle, () => ({ case: "getQuery", value: str("get", "id", id) }), (r) =>
    r.resultType.case === "query" && r.resultType.value.id !== undefined
      ? new StreamingQuery(spark.handle, { id: r.resultType.value.id.id, runId: r.resultType.value.id.runId, name: r.resultType.value.name })
      : null,
  options);

/**
 * Waits until any query of the session stops (since the last resetTerminated): true when
 * one has; with `timeoutMs`, false after that long.
 *
 * @example
 * ```ts
 * yield* Spark.stream.awaitAnyTermination(spark, 60_000);
 * ```
 */
export const awaitAnyTermination = (spark: SparkSession, timeoutMs?: number, options?: OperationOptions): Eff<boolean> =>
  manager(
    "awaitAnyTermination",
    spark.handle,
    () => ({ case: "awaitAnyTermination", value: waitFor("awaitAnyTermination", timeoutMs) }),
    (r) => (r.resultType.case === "awaitAnyTermination" ? r.resultType.value.terminated : false),
    options,
  );

/** Forgets the queries that stopped, so awaitAnyTermination waits for a new one. @example yield* Spark.stream.resetTerminated(spark) */
export const resetTerminated = (spark: SparkSession, options?: OperationOptions): Eff<void> =>
  manager("resetTerminated", spark.handle, () => ({ case: "resetTerminated", value: true }), () => undefined, options);

/** An event of the session's streaming queries, as Spark's StreamingQueryListener receives them. */
export type StreamingQueryEvent =
  | { readonly type: "started"; readonly id: string; readonly runId: string; readonly name: string | null; readonly timestamp: string }
  | { readonly type: "progress"; readonly progress: StreamingQueryProgress }
  | { readonly type: "idle"; readonly id: string; readonly runId: string; readonly timestamp: string }
  | { readonly type: "terminated"; readonly id: string; readonly runId: string; readonly exception: string | null; readonly errorClass: string | null };

function toEvent(e: ListenerEvent): StreamingQueryEvent | undefined {
  const parsed = parseJsonExact(e.eventJson);
  const json = (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as Record<string, JsonValue>;
  const str = (k: string) => (typeof json[k] === "string" ? (json[k] as string) : "");
  switch (e.eventType) {
    case "started":
      return { type: "started", id: str("id"), runId: str("runId"), name: typeof json["name"] === "string" ? json["name"] : null, timestamp: str("timestamp") };
    case StreamingQueryEventType.QUERY_PROGRESS_EVENT: {
      // Parsed exactly, so big numbers keep their digits.
      return { type: "progress", progress: parseProgress(json["progress"] ?? {}) };
    }
    case StreamingQueryEventType.QUERY_IDLE_EVENT:
      return { type: "idle", id: str("id"), runId: str("runId"), timestamp: str("timestamp") };
    case StreamingQueryEventType.QUERY_TERMINATED_EVENT:
      return {
        type: "terminated",
        id: str("id"),
        runId: str("runId"),
        exception: typeof json["exception"] === "string" ? json["exception"] : null,
        errorClass: typeof json["errorClassOnException"] === "string" ? json["errorClassOnException"] : null,
      };
    default:
      return undefined;
  }
}

/**
 * The session's streaming query events as they happen: started when this client starts a
 * query (the server reports it with the start command, so queries started by other
 * clients of the session are not announced), progress after each batch, idle while
 * waiting for data, terminated when a query stops (with its error, if any). The
 * session's consumers share one subscription to the server's listener bus, removed when
 * the last one stops reading. Events from before a consumer starts are not replayed.
 *
 * @example
 * ```ts
 * yield* Spark.stream.events(spark).pipe(
 *   Stream.takeUntil((e) => e.type === "terminated"),
 *   Stream.runForEach((e) => Effect.log(e.type)),
 * );
 * ```
 */
export const events = (spark: SparkSession): Stream.Stream<StreamingQueryEvent, SparkConnectFailure> =>
  typedStream(
    listenerEvents(spark.handle).pipe(
      Stream.flatMap((e) => {
        const event = toEvent(e);
        return Stream.fromIterable(event === undefined ? [] : [event]);
      }),
    ),
  );

/** The callbacks of addListener; each is optional. */
export interface StreamingQueryListener {
  onQueryStarted?(event: Extract<StreamingQueryEvent, { type: "started" }>): void;
  onQueryProgress?(progress: StreamingQueryProgress): void;
  onQueryIdle?(event: Extract<StreamingQueryEvent, { type: "idle" }>): void;
  onQueryTerminated?(event: Extract<StreamingQueryEvent, { type: "terminated" }>): void;
}

/**
 * Calls the listener's methods for the session's query events, in a fiber of its own,
 * until the returned effect removes it (PySpark's addListener). A listener that throws
 * is not called again.
 *
 * @example
 * ```ts
 * const remove = yield* Spark.stream.addListener(spark, { onQueryTerminated: (e) => console.log(e.id) });
 * yield* remove;
 * ```
 */
export const addListener = (spark: SparkSession, listener: StreamingQueryListener): Eff<Effect.Effect<void>> =>
  op("addListener", undefined, () => {
    if (typeof listener !== "object" || listener === null) {
      throw new InvalidOptionError({ message: "addListener(): give an object with onQueryStarted, onQueryProgress, onQueryIdle and/or onQueryTerminated methods." });
    }
    const dispatch = (e: StreamingQueryEvent) =>
      Effect.sync(() => {
        if (e.type === "started") listener.onQueryStarted?.(e);
        else if (e.type === "progress") listener.onQueryProgress?.(e.progress);
        else if (e.type === "idle") listener.onQueryIdle?.(e);
        else listener.onQueryTerminated?.(e);
      });
    // An older server is refused here: in the listener's own fiber the error would reach no one.
    return Effect.andThen(
      requireListenerBus(spark.handle),
      Effect.map(Effect.forkDetach(atCall(spark.handle, Stream.runForEach(events(spark), dispatch))), (fiber) =>
        registered(spark.handle, listener, Effect.asVoid(Fiber.interrupt(fiber))),
      ),
    );
  });

/** The removal of each listener added and not yet removed, per session, for removeListener. */
const listeners = new WeakMap<object, Map<StreamingQueryListener, Effect.Effect<void>[]>>();

/** Records a listener's removal; the effect returned removes it once (again, it does nothing). */
function registered(handle: object, listener: StreamingQueryListener, remove: Effect.Effect<void>): Effect.Effect<void> {
  let mine = listeners.get(handle);
  if (mine === undefined) listeners.set(handle, (mine = new Map()));
  mine.set(listener, [...(mine.get(listener) ?? []), remove]);
  return Effect.suspend(() => ((mine.get(listener) ?? []).includes(remove) ? unregister(handle, listener, remove) : Effect.void));
}

/**
 * Removes a listener added with addListener (PySpark's removeListener): one registration
 * per call; a listener not added is ignored.
 *
 * @example
 * ```ts
 * yield* Spark.stream.addListener(spark, listener);
 * yield* Spark.stream.removeListener(spark, listener);
 * ```
 */
export const removeListener = (spark: SparkSession, listener: StreamingQueryListener): Eff<void> =>
  op("removeListener", undefined, () => {
    const first = listeners.get(spark.handle)?.get(listener)?.[0];
    return first === undefined ? Effect.void : unregister(spark.handle, listener, first);
  });

/** Drops one registration of a listener and runs its removal. */
function unregister(handle: object, listener: StreamingQueryListener, remove: Effect.Effect<void>): Effect.Effect<void> {
  const mine = listeners.get(handle);
  const rest = (mine?.get(listener) ?? []).filter((r) => r !== remove);
  if (rest.length === 0) mine?.delete(listener);
  else mine?.set(listener, rest);
  return remove;
}
