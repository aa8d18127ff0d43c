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
import { Effect, Stream, type Scope } from "effect";
import { dual } from "effect/Function";
import type { RecordBatch, Table } from "apache-arrow";
import type { SparkConnectError } from "../runtime/errors.js";
import { tableToRows, type RowOptions } from "../runtime/arrow/rows.js";
import type { DataFrame } from "./DataFrame.js";
import * as actions from "./internal/actions.js";
import { type ConnectOptions, SparkSession } from "./SparkSession.js";
import type { StructType } from "./types/DataType.js";

/**
 * A session as a scoped resource: closed (and a `"local"` server stopped) when the scope ends.
 *
 * @example
 * ```ts
 * Effect.scoped(Effect.flatMap(Spark.connect("local"), (spark) => Spark.version(spark)));
 * ```
 */
export function connect(url: string, options?: ConnectOptions): Effect.Effect<SparkSession, SparkConnectError, Scope.Scope> {
  return Effect.acquireRelease(
    Effect.tryPromise({ try: () => SparkSession.connect(url, options), catch: (e) => e as SparkConnectError }),
    (spark) => Effect.promise(() => spark.close()),
  );
}

/**
 * The server's Spark version.
 *
 * @example
 * ```ts
 * const v = yield* Spark.version(spark); // "4.1.1"
 * ```
 */
export const version = (spark: SparkSession): Effect.Effect<string, SparkConnectError> => actions.sparkVersion(spark.core);

/**
 * Every row as a plain object. Data-first or data-last (`pipe(df, Spark.collect())`).
 *
 * @example
 * ```ts
 * const rows = yield* Spark.collect(spark.range(3)); // [{ id: 0n }, { id: 1n }, { id: 2n }]
 * ```
 */
export const collect: {
  (options?: RowOptions): <Row>(df: DataFrame<Row>) => Effect.Effect<Row[], SparkConnectError>;
  <Row>(df: DataFrame<Row>, options?: RowOptions): Effect.Effect<Row[], SparkConnectError>;
} = dual(
  (args) => args[0] instanceof Object && "plan" in args[0],
  <Row>(df: DataFrame<Row>, options?: RowOptions) =>
    actions.collect<Row>(df.session, df.plan, { ...df.rowDefaults, ...options }),
);

/**
 * The result as an apache-arrow Table.
 *
 * @example
 * ```ts
 * const table = yield* Spark.toArrow(spark.range(10)); // table.numRows === 10
 * ```
 */
export const toArrow = <Row>(df: DataFrame<Row>): Effect.Effect<Table, SparkConnectError> => actions.toArrow(df.session, df.plan);

/**
 * The number of rows, counted by Spark.
 *
 * @example
 * ```ts
 * const n = yield* Spark.count(spark.range(1000)); // 1000
 * ```
 */
export const count = <Row>(df: DataFrame<Row>): Effect.Effect<number, SparkConnectError> => actions.count(df.session, df.plan);

/**
 * The result's schema (nothing runs).
 *
 * @example
 * ```ts
 * const schema = yield* Spark.schema(spark.sql("SELECT 1 AS x"));
 * ```
 */
export const schema = <Row>(df: DataFrame<Row>): Effect.Effect<StructType, SparkConnectError> => actions.schema(df.session, df.plan);

/**
 * The result as a Stream of Arrow record batches, pulled with backpressure: a consumer
 * that stops pulling holds the server back, so memory stays bounded.
 *
 * @example
 * ```ts
 * yield* Stream.runForEach(Spark.batches(spark.range(1e8)), (b) => Effect.log(b.numRows));
 * ```
 */
export const batches = <Row>(df: DataFrame<Row>): Stream.Stream<RecordBatch, SparkConnectError> =>
  actions.batches(df.session, df.plan);

/**
 * The result as a Stream of rows, converted batch by batch.
 *
 * @example
 * ```ts
 * const first = yield* Stream.runHead(Spark.rows(spark.range(10)));
 * ```
 */
export const rows = <Row>(df: DataFrame<Row>, options?: RowOptions): Stream.Stream<Row, SparkConnectError> =>
  Stream.flatMap(actions.batches(df.session, df.plan), (b) =>
    Stream.fromIterable(tableToRows<Row>(b, { ...df.rowDefaults, ...options })),
  );

export { SparkSession } from "./SparkSession.js";
export { DataFrame } from "./DataFrame.js";
export * from "../runtime/errors.js";
