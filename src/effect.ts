/**
 * The Effect API: the same sessions and DataFrames as the Promise API, with actions as
 * Effects (typed error channel, interruption cancels the query) and results as Streams.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import * as Spark from "spark-connect-ts/effect";
 *
 * const program = Effect.gen(function* () {
 *   const spark = yield* Spark.connect("sc://localhost:15002");
 *   return yield* Spark.collect(spark.sql("SELECT 1 AS x"));
 * });
 * await Effect.runPromise(Effect.scoped(program)); // [{ x: 1 }]
 * ```
 */
import { Context, Effect, Layer, Queue, Stream, type Scope } from "effect";
import { dual } from "effect/Function";
import type { RecordBatch, Table } from "apache-arrow";
import type { SparkConnectError, SparkConnectFailure } from "../runtime/errors.js";
import { tableToRows, type RowOptions } from "../runtime/arrow/rows.js";
import type { DataFrame } from "./DataFrame.js";
import * as actions from "./internal/actions.js";
import { type ConnectOptions, SparkSession } from "./SparkSession.js";

/**
 * Options of one query run from the Effect API: its operation id, extra tags, and a
 * progress listener. (Interrupt the fiber to stop it.)
 */
export type ExecOptions = actions.ExecOptions;

/** Options of `collect`: execution options and row conversion. */
export type CollectOptions = ExecOptions & RowOptions;

// Every SparkConnectError the runtime produces is an instance of a class in the
// SparkConnectFailure union (the base class is abstract), so these casts only sharpen types.
const typed = <A, R>(effect: Effect.Effect<A, SparkConnectError, R>) => effect as Effect.Effect<A, SparkConnectFailure, R>;
const typedStream = <A, R>(stream: Stream.Stream<A, SparkConnectError, R>) =>
  stream as unknown as Stream.Stream<A, SparkConnectFailure, R>;
import type { StructType } from "./types/DataType.js";
import type { InterruptTarget } from "../runtime/Session.js";
import type { Progress } from "../runtime/Results.js";

/**
 * A session as a scoped resource: closed (and a `"local"` server stopped) when the scope ends.
 *
 * @example
 * ```ts
 * Effect.scoped(Effect.flatMap(Spark.connect("local"), (spark) => Spark.version(spark)));
 * ```
 */
export function connect(url: string, options?: ConnectOptions): Effect.Effect<SparkSession, SparkConnectFailure, Scope.Scope> {
  return Effect.acquireRelease(
    Effect.tryPromise({ try: () => SparkSession.connect(url, options), catch: (e) => e as SparkConnectFailure }),
    (spark) => Effect.promise(() => spark.close()),
  );
}

/**
 * The session as an Effect service: provide `Spark.layer(url)` and read it with
 * `yield* Spark.Spark`. The layer opens the session and closes it when released.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const spark = yield* Spark.Spark;
 *   return yield* Spark.count(spark.range(10));
 * });
 * await Effect.runPromise(Effect.provide(program, Spark.layer("sc://localhost:15002")));
 * ```
 */
export class Spark extends Context.Service<Spark, SparkSession>()("spark-connect-ts/Spark") {}

/**
 * A Layer providing the Spark service, connected to `url` for the layer's lifetime.
 *
 * @example
 * ```ts
 * const SparkLive = Spark.layer("local");
 * ```
 */
export const layer = (url: string, options?: ConnectOptions): Layer.Layer<Spark, SparkConnectFailure> =>
  Layer.effect(Spark, connect(url, options));

/**
 * Interrupts running operations of the session: all of them, those with a tag, or one
 * by id. Succeeds with the ids interrupted.
 *
 * @example
 * ```ts
 * yield* Spark.interrupt(spark, { kind: "tag", tag: "nightly" });
 * ```
 */
export const interrupt = (spark: SparkSession, target: InterruptTarget): Effect.Effect<readonly string[], SparkConnectFailure> =>
  typed(spark.core.interrupt(target));

/**
 * Sets Spark SQL settings of the session.
 *
 * @example
 * ```ts
 * yield* Spark.setConf(spark, { "spark.sql.ansi.enabled": "true" });
 * ```
 */
export const setConf = (spark: SparkSession, pairs: Readonly<Record<string, string>>): Effect.Effect<void, SparkConnectFailure> =>
  typed(Effect.asVoid(spark.core.config({ case: "set", value: { pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) } })));

/**
 * Reads Spark SQL settings of the session (missing keys map to undefined).
 *
 * @example
 * ```ts
 * const conf = yield* Spark.getConf(spark, ["spark.sql.ansi.enabled"]);
 * ```
 */
export const getConf = (
  spark: SparkSession,
  keys: readonly string[],
): Effect.Effect<Record<string, string | undefined>, SparkConnectFailure> =>
  typed(
    Effect.map(spark.core.config({ case: "getOption", value: { keys: [...keys] } }), (res) =>
      Object.fromEntries(res.pairs.map((p) => [p.key, p.value])),
    ),
  );

/**
 * The server's Spark version.
 *
 * @example
 * ```ts
 * const v = yield* Spark.version(spark); // "4.1.1"
 * ```
 */
export const version = (spark: SparkSession): Effect.Effect<string, SparkConnectFailure> => typed(actions.sparkVersion(spark.core));

/**
 * Every row as a plain object. Data-first or data-last (`pipe(df, Spark.collect())`).
 *
 * @example
 * ```ts
 * const rows = yield* Spark.collect(spark.range(3)); // [{ id: 0n }, { id: 1n }, { id: 2n }]
 * ```
 */
export const collect: {
  (options?: CollectOptions): <Row>(df: DataFrame<Row>) => Effect.Effect<Row[], SparkConnectFailure>;
  <Row>(df: DataFrame<Row>, options?: CollectOptions): Effect.Effect<Row[], SparkConnectFailure>;
} = dual(
  (args) => args[0] instanceof Object && "plan" in args[0],
  <Row>(df: DataFrame<Row>, options?: CollectOptions) =>
    typed(actions.collect<Row>(df.session, df.plan, { ...df.rowDefaults, ...options })),
);

/**
 * The result as an apache-arrow Table.
 *
 * @example
 * ```ts
 * const table = yield* Spark.toArrow(spark.range(10)); // table.numRows === 10
 * ```
 */
export const toArrow = <Row>(df: DataFrame<Row>, options?: ExecOptions): Effect.Effect<Table, SparkConnectFailure> =>
  typed(actions.toArrow(df.session, df.plan, options));

/**
 * The number of rows, counted by Spark.
 *
 * @example
 * ```ts
 * const n = yield* Spark.count(spark.range(1000)); // 1000
 * ```
 */
export const count = <Row>(df: DataFrame<Row>, options?: ExecOptions): Effect.Effect<number, SparkConnectFailure> =>
  typed(actions.count(df.session, df.plan, options));

/**
 * The result's schema (nothing runs).
 *
 * @example
 * ```ts
 * const schema = yield* Spark.schema(spark.sql("SELECT 1 AS x"));
 * ```
 */
export const schema = <Row>(df: DataFrame<Row>): Effect.Effect<StructType, SparkConnectFailure> => typed(actions.schema(df.session, df.plan));

/**
 * The result as a Stream of Arrow record batches, pulled with backpressure: a consumer
 * that stops pulling holds the server back, so memory stays bounded. Interrupting the
 * stream interrupts the query on the server.
 *
 * @example
 * ```ts
 * yield* Stream.runForEach(Spark.batches(spark.range(1e8)), (b) => Effect.log(b.numRows));
 * ```
 */
export const batches = <Row>(df: DataFrame<Row>, options?: ExecOptions): Stream.Stream<RecordBatch, SparkConnectFailure> =>
  typedStream(actions.batches(df.session, df.plan, options));

/**
 * The query's progress reports (stages, tasks, bytes read) as a Stream that ends when
 * the query does; the result itself is drained.
 *
 * @example
 * ```ts
 * yield* Stream.runForEach(Spark.progress(df), (p) => Effect.log(p.stages));
 * ```
 */
export const progress = <Row>(df: DataFrame<Row>): Stream.Stream<Progress, SparkConnectFailure> =>
  Stream.callback<Progress, SparkConnectFailure>((queue) =>
    Effect.asVoid(
      Effect.forkScoped(
        Stream.runDrain(actions.batches(df.session, df.plan, { onProgress: (p) => Queue.offerUnsafe(queue, p) })).pipe(
          Effect.matchEffect({ onFailure: (e) => Queue.fail(queue, e as SparkConnectFailure), onSuccess: () => Queue.end(queue) }),
        ),
      ),
    ),
  );

/**
 * The result as a Stream of rows, converted batch by batch.
 *
 * @example
 * ```ts
 * const first = yield* Stream.runHead(Spark.rows(spark.range(10)));
 * ```
 */
export const rows = <Row>(df: DataFrame<Row>, options?: RowOptions): Stream.Stream<Row, SparkConnectFailure> =>
  Stream.flatMap(typedStream(actions.batches(df.session, df.plan)), (b) =>
    Stream.fromIterable(tableToRows<Row>(b, { ...df.rowDefaults, ...options })),
  );

export { SparkSession } from "./SparkSession.js";
export type { InterruptTarget } from "../runtime/Session.js";
export type { Progress, ProgressListener } from "../runtime/Results.js";
export { defaultRetryPolicy, type RetryPolicy } from "../runtime/Retry.js";
export { DataFrame } from "./DataFrame.js";
export * from "../runtime/errors.js";
