/**
 * The session's operations as Effects: the same operations as SparkSession's Promise
 * methods, with failures in the typed error channel.
 */
import { Context, Effect, Layer, type Scope } from "effect";
import type { SparkConnectFailure } from "../../runtime/errors.js";
import type { InterruptTarget } from "../../runtime/SessionOptions.js";
import type { ColumnOrValue } from "../Column.js";
import type { DataFrame } from "../DataFrame.js";
import { checkTag, type CallOptions, type OperationOptions } from "../internal/ops/action.js";
import * as analyze from "../internal/ops/analyze.js";
import { sqlRelation } from "../internal/ops/sql.js";
import { op, typed } from "../internal/ops/typed.js";
import type { SqlNode } from "../plan/SqlNode.js";
import { type ConnectOptions, SparkSession } from "../SparkSession.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

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
    typed(Effect.map(SparkSession.open(url, options), (parts) => SparkSession.fromParts(parts, options))),
    (spark) => spark.closeEffect(),
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
export const layer = (url: string, options?: ConnectOptions): Layer.Layer<Spark, SparkConnectFailure> => Layer.effect(Spark, connect(url, options));

/**
 * The server's Spark version.
 *
 * @example
 * ```ts
 * const v = yield* Spark.version(spark); // "4.1.1"
 * ```
 */
export const version = (spark: SparkSession, options?: CallOptions): Eff<string> =>
  op("version", options, () => analyze.sparkVersion(spark.handle));

/**
 * A DataFrame for SQL text, with the text sent at once as a SQL command, as PySpark does:
 * a command (CREATE, INSERT, SET, ...) runs now, once, and a failure fails this effect; a
 * query is only analysed, and runs at each action on the DataFrame.
 *
 * @example
 * ```ts
 * yield* Spark.sql(spark, "CREATE TABLE t (id INT) USING parquet");
 * const df = yield* Spark.sql(spark, "SELECT * FROM t WHERE id > :min", { min: 10 });
 * ```
 */
export const sql = <Row = Record<string, unknown>>(
  spark: SparkSession,
  query: string,
  args?: Readonly<Record<string, ColumnOrValue>> | readonly ColumnOrValue[],
  options?: OperationOptions,
): Eff<DataFrame<Row>> =>
  op("sql", {}, () => {
    const df = spark.lazySql<Row>(query, args);
    return Effect.as(sqlRelation(spark.handle, df.plan as SqlNode, options), df);
  });

/**
 * Interrupts running operations of the session: all of them, those with a tag, or one
 * by id. Succeeds with the ids interrupted.
 *
 * @example
 * ```ts
 * yield* Spark.interrupt(spark, { kind: "tag", tag: "nightly" });
 * ```
 */
export const interrupt = (spark: SparkSession, target: InterruptTarget, options?: CallOptions): Eff<readonly string[]> =>
  op("interrupt", options, () =>
    target.kind === "tag" ? Effect.flatMap(checkTag(target.tag), () => spark.handle.core.interrupt(target)) : spark.handle.core.interrupt(target),
  );

/** Interrupts every running operation of the session. @example yield* Spark.interruptAll(spark) */
export const interruptAll = (spark: SparkSession, options?: CallOptions): Eff<readonly string[]> => interrupt(spark, { kind: "all" }, options);

/** Interrupts the running operations with a tag. @example yield* Spark.interruptTag(spark, "nightly") */
export const interruptTag = (spark: SparkSession, tag: string, options?: CallOptions): Eff<readonly string[]> =>
  interrupt(spark, { kind: "tag", tag }, options);

/** Interrupts one operation by id. @example yield* Spark.interruptOperation(spark, id) */
export const interruptOperation = (spark: SparkSession, operationId: string, options?: CallOptions): Eff<readonly string[]> =>
  interrupt(spark, { kind: "operation", operationId }, options);

/**
 * A new server-side session holding a copy of this one's state; the two then change
 * independently. Close it (or scope it) like any session.
 *
 * @example
 * ```ts
 * const copy = yield* Spark.clone(spark);
 * ```
 */
export const clone = (spark: SparkSession, options?: CallOptions): Eff<SparkSession> =>
  op("clone", options, () => Effect.map(spark.handle.core.clone(), (core) => spark.withCore(core)));

/**
 * Releases the server-side session (and stops a `"local"` server). Safe to call twice.
 *
 * @example
 * ```ts
 * yield* Spark.close(spark);
 * ```
 */
export const close = (spark: SparkSession): Effect.Effect<void> => spark.closeEffect();
