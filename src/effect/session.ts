/**
 * The session's operations as Effects: the same operations as SparkSession's Promise
 * methods, with failures in the typed error channel.
 */
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import type * as Scope from "effect/Scope";
import { SparkError, type SparkConnectFailure } from "../../runtime/errors.js";
import { withHint } from "../internal/ops/setOpHint.js";
import type { InterruptTarget } from "../../runtime/SessionOptions.js";
import type { ColumnOrValue } from "../Column.js";
import type { DataFrame } from "../DataFrame.js";
import { checkTag, type CallOptions, type OperationOptions } from "../internal/ops/action.js";
import * as analyze from "../internal/ops/analyze.js";
import type { ArtifactOptions } from "../ArtifactOptions.js";
import { forwardToFsArtifact, localArtifacts, uploadArtifacts } from "../internal/ops/artifacts.js";
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

/**
 * The same as close, PySpark's name. Safe to call twice.
 *
 * @example
 * ```ts
 * yield* Spark.stop(spark);
 * ```
 */
export const stop = close;

/** The paths and the options of `addArtifacts(...paths, options?)`. */
export function artifactArgs(args: readonly (string | ArtifactOptions)[]): { paths: string[]; options: ArtifactOptions } {
  const last = args[args.length - 1];
  const options = typeof last === "object" && last !== null ? last : {};
  return { paths: (options === last ? args.slice(0, -1) : args) as string[], options };
}

/**
 * Uploads local files to the session on the server, as PySpark's `addArtifacts`: a `.jar`
 * goes to the session's class path (for Java UDFs, data sources, ...); with
 * `{ file: true }` any file goes under `files/`, with `{ archive: true }` an archive is
 * unpacked, with `{ pyfile: true }` a Python file joins the Python path. Each file is
 * checked before anything is sent (ArtifactError names the problem); the upload is
 * retried as a whole on a retryable failure.
 *
 * @example
 * ```ts
 * yield* Spark.addArtifacts(spark, "/jars/udfs.jar");
 * yield* Spark.addArtifacts(spark, "/data/lookup.csv", { file: true });
 * ```
 */
export const addArtifacts = (spark: SparkSession, ...args: [...paths: string[], options: ArtifactOptions] | string[]): Eff<void> => {
  const { paths, options } = artifactArgs(args);
  return op("addArtifacts", options, () => uploadArtifacts(spark.handle, localArtifacts(paths, options)));
};

/** The same as addArtifacts (PySpark has both names). @example yield* Spark.addArtifact(spark, "/jars/udfs.jar") */
export const addArtifact = addArtifacts;

/**
 * Copies a local file to `destPath` on the server's file system (its default file system,
 * `fs.defaultFS`), as PySpark's `copyFromLocalToFs`. The server must allow it: for a local
 * file system destination, `spark.connect.copyFromLocalToFs.allowDestLocal=true`.
 *
 * @example
 * ```ts
 * yield* Spark.copyFromLocalToFs(spark, "./lookup.csv", "/tmp/lookup.csv");
 * ```
 */
export const copyFromLocalToFs = (spark: SparkSession, localPath: string, destPath: string, options?: CallOptions): Eff<void> =>
  op("copyFromLocalToFs", options, () =>
    Effect.mapError(uploadArtifacts(spark.handle, [forwardToFsArtifact(localPath, destPath)]), (e) =>
      e instanceof SparkError && e.message.includes("local file system destination")
        ? withHint(
            e,
            "The server writes to its own local disk only when it was started with --conf spark.connect.copyFromLocalToFs.allowDestLocal=true " +
              "(a static setting); otherwise give a path on its distributed file system (fs.defaultFS: HDFS, S3, ...).",
          )
        : e,
    ),
  );
