// Delta Lake for a local Spark Connect server: the jars of the pinned io.delta release,
// downloaded once from Maven Central into a cache (checked against pinned SHA-1
// checksums and the `.sha1` files the repository serves), and the Spark settings that
// put them on the server's classpath with Delta's session extension and catalog.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LocalServerError } from "./errors.js";
import { alive, serverStateDir } from "./SparkHome.js";

/**
 * The Delta Lake release a local server loads: delta-spark 4.1.x is built against
 * Spark 4.1 (the release of {@link SPARK_VERSION}) and Scala 2.13, which pyspark ships.
 */
export const DELTA_VERSION = "4.1.0";

/** One Maven artifact, with the SHA-1 of its jar. */
export interface DeltaArtifact {
  readonly group: string;
  readonly artifact: string;
  readonly version: string;
  readonly sha1: string;
}

/**
 * The jars Delta needs on a Spark 4.1 classpath: delta-spark and its one runtime
 * dependency that pyspark does not ship, delta-storage. (Their other declared
 * dependencies are Spark, Hadoop and Scala, all in pyspark's jars/, and the Unity
 * Catalog client, which only Unity Catalog managed tables use.)
 */
export const DELTA_ARTIFACTS: readonly DeltaArtifact[] = [
  { group: "io.delta", artifact: "delta-spark_2.13", version: DELTA_VERSION, sha1: "1693040fc5e8b2322023a1438433c320419eceff" },
  { group: "io.delta", artifact: "delta-storage", version: DELTA_VERSION, sha1: "40de0d0627e077e32826a0d151fb221cf169aa0e" },
];

/** The Spark settings that turn Delta on, besides the jars. */
export const DELTA_CONF: Readonly<Record<string, string>> = {
  "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
  "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
};

/** Maven Central; `SPARK_CONNECT_TS_MAVEN_REPO` names a mirror instead. */
export const MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

/** The Delta jars of a local server and its Spark settings. */
export interface DeltaJars {
  readonly version: string;
  /** Absolute paths of the jars. */
  readonly jars: readonly string[];
  /** True when this call downloaded at least one of them. */
  readonly downloaded: boolean;
}

export interface DeltaJarsOptions {
  /** Environment to read (SPARK_CONNECT_TS_HOME, XDG_CACHE_HOME, HOME, SPARK_CONNECT_TS_MAVEN_REPO); defaults to the process's. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Directory of the cache; defaults to {@link deltaJarsDir}. */
  readonly dir?: string | undefined;
  /** Maven repository to download from; defaults to `SPARK_CONNECT_TS_MAVEN_REPO`, else Maven Central. */
  readonly repository?: string | undefined;
  /** Receives progress lines. */
  readonly onProgress?: ((line: string) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Per-file download limit (default 300 s). */
  readonly timeoutMs?: number | undefined;
  /** The artifacts to fetch; defaults to {@link DELTA_ARTIFACTS}. */
  readonly artifacts?: readonly DeltaArtifact[] | undefined;
}

/**
 * Where the Delta jars are kept: `jars/delta-<version>/` in the local server's state
 * directory (a checkout's `.spark/`, else the per-user cache; see {@link serverStateDir}).
 */
export function deltaJarsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(serverStateDir({ env }), "jars", `delta-${DELTA_VERSION}`);
}

const fileName = (a: DeltaArtifact) => `${a.artifact}-${a.version}.jar`;

/** The URL of an artifact's jar in a Maven repository. */
export function artifactUrl(repository: string, a: DeltaArtifact): string {
  return `${repository.replace(/\/+$/, "")}/${a.group.replace(/\./g, "/")}/${a.artifact}/${a.version}/${fileName(a)}`;
}

const sha1Of = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

/** True when `file` exists with the artifact's checksum. */
function verified(file: string, a: DeltaArtifact): boolean {
  try {
    return sha1Of(readFileSync(file)) === a.sha1;
  } catch {
    return false;
  }
}

const fail = (message: string) => new LocalServerError({ message });

/** The instructions for fetching the jars by hand, for offline machines. */
function byHand(artifacts: readonly DeltaArtifact[], dir: string, repository: string): string {
  const urls = artifacts.map((a) => `  ${artifactUrl(repository, a)}  (sha1 ${a.sha1})`).join("\n");
  const mvn = artifacts.map((a) => `mvn dependency:copy -Dartifact=${a.group}:${a.artifact}:${a.version} -DoutputDirectory=${dir}`).join(" && ");
  return (
    `Download these jars into ${dir}:\n${urls}\n` +
    `(or run \`${mvn}\`), or set SPARK_CONNECT_TS_MAVEN_REPO to a reachable mirror of Maven Central, then start the server again.`
  );
}

async function fetchBytes(url: string, signal: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(url, { signal, redirect: "follow" });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  return new Uint8Array(await res.arrayBuffer());
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${(cause as NodeJS.ErrnoException).code ?? cause.message}` : "";
  return `${e.name === "TimeoutError" ? "timed out" : e.message}${detail}`;
}

/**
 * Makes sure the Delta jars are in the cache and returns their paths. A jar already
 * there with the pinned checksum is used as it is (also one put there by hand); a
 * missing or damaged one is downloaded, checked against the `.sha1` the repository
 * serves and the pinned checksum, and renamed into place, so a jar in the cache is
 * always complete. Fails with a `LocalServerError` naming the URLs to download by hand
 * when the repository cannot be reached.
 */
export async function ensureDeltaJars(options: DeltaJarsOptions = {}): Promise<DeltaJars> {
  const env = options.env ?? process.env;
  const dir = options.dir ?? deltaJarsDir(env);
  const repository = options.repository ?? (env["SPARK_CONNECT_TS_MAVEN_REPO"] || MAVEN_CENTRAL);
  const progress = options.onProgress ?? (() => {});
  const artifacts = options.artifacts ?? DELTA_ARTIFACTS;
  const jars = artifacts.map((a) => join(dir, fileName(a)));
  const missing = artifacts.filter((a, i) => !verified(jars[i]!, a));
  if (missing.length === 0) return { version: DELTA_VERSION, jars, downloaded: false };

  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fail(`Cannot create the Delta Lake jar cache ${dir} (${String(e)}); set SPARK_CONNECT_TS_HOME to a writable directory.`);
  }
  // Leftovers of downloads whose process died.
  for (const f of readdirSync(dir)) {
    const m = /\.downloading-(\d+)-[0-9a-f]+$/.exec(f);
    if (m && !alive(Number(m[1]))) rmSync(join(dir, f), { force: true });
  }
  const started = Date.now();
  progress(`Downloading Delta Lake ${DELTA_VERSION} (${missing.map((a) => `${a.group}:${a.artifact}`).join(", ")}) from ${repository} into ${dir} (one time).`);
  for (const a of missing) {
    const url = artifactUrl(repository, a);
    const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 300_000), ...(options.signal ? [options.signal] : [])]);
    let bytes: Uint8Array;
    let served: string;
    try {
      served = new TextDecoder().decode(await fetchBytes(`${url}.sha1`, signal)).trim().split(/\s+/)[0]!.toLowerCase();
      bytes = await fetchBytes(url, signal);
    } catch (e) {
      if (options.signal?.aborted) throw fail("Downloading the Delta Lake jars was interrupted.");
      throw fail(
        `A local server with Delta Lake needs ${a.group}:${a.artifact}:${a.version} from ${repository === MAVEN_CENTRAL ? "Maven Central" : repository}, ` +
          `and ${url} could not be downloaded (${describe(e)}). ` +
          byHand(artifacts, dir, repository),
      );
    }
    const actual = sha1Of(bytes);
    if (actual !== served || actual !== a.sha1) {
      throw fail(
        `The download of ${url} is damaged or not the expected release: its SHA-1 is ${actual}, the repository's .sha1 says ${served || "(empty)"}, ` +
          `and ${a.group}:${a.artifact}:${a.version} is ${a.sha1}. ` +
          byHand(artifacts, dir, repository),
      );
    }
    const target = join(dir, fileName(a));
    const tmp = `${target}.downloading-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const size = jars.reduce((n, j) => n + (existsSync(j) ? statSync(j).size : 0), 0);
  progress(`Delta Lake ${DELTA_VERSION} downloaded (${(size / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
  return { version: DELTA_VERSION, jars, downloaded: true };
}

/**
 * The Spark settings of a server with Delta: the jars on `spark.jars` and Delta's
 * session extension and catalog, merged with `conf` (its `spark.jars` and
 * `spark.sql.extensions` are kept beside Delta's; its other settings win).
 */
export function deltaConf(jars: readonly string[], conf: Readonly<Record<string, string>> = {}): Record<string, string> {
  const join2 = (ours: string, theirs: string | undefined) =>
    !theirs ? ours : theirs.split(",").map((x) => x.trim()).includes(ours) ? theirs : `${ours},${theirs}`;
  return {
    ...DELTA_CONF,
    ...conf,
    "spark.jars": join2(jars.join(","), conf["spark.jars"]),
    "spark.sql.extensions": join2(DELTA_CONF["spark.sql.extensions"]!, conf["spark.sql.extensions"]),
  };
}
