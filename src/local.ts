// spark-connect-ts/local: a Spark Connect server on this machine, for development,
// tests and scripts. `SparkSession.connect("local")` uses the same machinery; this entry
// is for starting a server yourself, sharing one between sessions, or installing Spark
// ahead of time (the CLI's `npx spark-connect-ts server install`).
import { join } from "node:path";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { InterruptedError } from "../runtime/errors.js";
import { ensureDeltaJars, type DeltaJars } from "../runtime/Delta.js";
import * as L from "../runtime/LocalServer.js";
import { locateSpark, sparkCacheDir, type SparkLocation } from "../runtime/SparkHome.js";

export type { LocalServer, LocalServerOptions, InstallSparkOptions, SparkInstallation } from "../runtime/LocalServer.js";
export { INSTALL_COMMAND, SPARK_VERSION, serverStateDir, sparkCacheDir, type SparkLocation, type SparkSource } from "../runtime/SparkHome.js";
export { LocalServerError } from "../runtime/errors.js";
export { DELTA_VERSION, deltaJarsDir, type DeltaJars } from "../runtime/Delta.js";

async function toPromise<A, E>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined): Promise<A> {
  const exit = await Effect.runPromiseExit(effect, { signal });
  if (Exit.isSuccess(exit)) return exit.value;
  if (Cause.hasInterruptsOnly(exit.cause)) throw new InterruptedError({ message: "Interrupted by the abort signal." });
  throw Cause.squash(exit.cause);
}

/**
 * Starts a Spark Connect server on 127.0.0.1 and resolves when it accepts connections.
 * Spark comes from `options.sparkHome`, SPARK_HOME, or the per-user cache
 * ({@link sparkCacheDir}), where it is installed on first use (pyspark 4.1.1 from PyPI;
 * needs Python 3.10+ and Java 17; progress lines on stderr). Rejects with a
 * `LocalServerError` naming what is missing. Every port of the server is on 127.0.0.1.
 * The server stops with `stop()` or when this process ends, however it ends (SIGKILL and
 * crashes included; see docs/connection.md), unless `stopOnExit: false` lets it outlive
 * this process. With `delta: true` it loads Delta Lake
 * (see {@link installDelta}); `server.delta` tells which release.
 *
 * @example
 * ```ts
 * import { SparkSession } from "spark-connect-ts";
 * import { startLocalServer } from "spark-connect-ts/local";
 *
 * const server = await startLocalServer({ conf: { "spark.sql.shuffle.partitions": "4" } });
 * const spark = await SparkSession.connect(server.connectionString());
 * await spark.sql("SELECT 1").collect();
 * await spark.close();
 * await server.stop();
 * ```
 */
export function startLocalServer(options: L.LocalServerOptions & { readonly signal?: AbortSignal } = {}): Promise<L.LocalServer> {
  const { signal, ...rest } = options;
  return toPromise(L.startLocalServer(rest), signal);
}

/**
 * Makes sure Spark is installed for a local server: resolves with the installation
 * found (`installed: false`; see {@link findSpark}), else installs pyspark 4.1.1 into the per-user cache
 * (`<sparkCacheDir()>/venv`) and resolves with it (`installed: true`).
 *
 * @example
 * ```ts
 * import { installSpark } from "spark-connect-ts/local";
 *
 * const spark = await installSpark(); // once, e.g. in a postinstall or CI step
 * console.log(spark.sparkHome, spark.source);
 * ```
 */
export function installSpark(options: L.InstallSparkOptions & { readonly signal?: AbortSignal } = {}): Promise<L.SparkInstallation> {
  const { signal, ...rest } = options;
  return toPromise(L.installSpark(rest), signal);
}

/**
 * The Spark installation a local server would use now, or undefined when it would
 * install one first. Looks at `sparkHome`, SPARK_HOME, a checkout of this repository's own
 * `.spark/` (when the library runs from one), then the per-user cache; throws
 * a `LocalServerError` when `sparkHome` or SPARK_HOME is set but is not a Spark home.
 */
export function findSpark(options: { readonly sparkHome?: string } = {}): SparkLocation | undefined {
  return locateSpark({ sparkHome: options.sparkHome });
}

/** The Python venv `installSpark()` installs into: `<sparkCacheDir()>/venv`. */
export function sparkInstallDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(sparkCacheDir(env), "venv");
}

/**
 * Makes sure the Delta Lake jars a server started with `delta: true` loads are in the
 * cache ({@link deltaJarsDir}): the io.delta delta-spark_2.13 and delta-storage jars of
 * {@link DELTA_VERSION}, downloaded from Maven Central (or `SPARK_CONNECT_TS_MAVEN_REPO`)
 * when missing and checked against their SHA-1. Rejects with a `LocalServerError`
 * naming the URLs to fetch by hand when they cannot be downloaded.
 *
 * @example
 * ```ts
 * import { installDelta, startLocalServer } from "spark-connect-ts/local";
 *
 * await installDelta(); // once, e.g. in a CI step before going offline
 * const server = await startLocalServer({ delta: true });
 * ```
 */
export function installDelta(options: { readonly onProgress?: (line: string) => void; readonly signal?: AbortSignal } = {}): Promise<DeltaJars> {
  return ensureDeltaJars({
    onProgress: options.onProgress ?? ((l) => process.stderr.write(`[spark-connect-ts] ${l}\n`)),
    signal: options.signal,
  });
}
