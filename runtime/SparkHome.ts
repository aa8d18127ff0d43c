// Where a local Spark Connect server's Spark installation, logs and state live. Pure
// path logic (no processes are started here; installing is LocalServer.ts's job).
//
// Spark is looked for, in order, in:
//   1. the `sparkHome` option,
//   2. SPARK_HOME,
//   3. this repository's own .spark/venv, when the library runs from a checkout of it
//      (skipped when SPARK_CONNECT_TS_HOME is set: that explicit choice wins),
//   4. the per-user cache's venv: $SPARK_CONNECT_TS_HOME, else
//      $XDG_CACHE_HOME/spark-connect-ts, else ~/.cache/spark-connect-ts.
// When none has it, it is installed into (4).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalServerError } from "./errors.js";

/** The Spark release the library speaks to and installs (the PyPI package `pyspark`). */
export const SPARK_VERSION = "4.1.1";

/** The command that installs Spark for a local server, as an application runs it. */
export const INSTALL_COMMAND = "npx spark-connect-ts server install";

/** The file a completed install leaves in its venv (the repository's scripts/spark-install.sh writes the same). */
export const INSTALL_MARKER = `.pyspark-${SPARK_VERSION}`;

/** Where Spark was found. */
export type SparkSource = "option" | "SPARK_HOME" | "checkout" | "cache";

/** A Spark installation and where it was found. */
export interface SparkLocation {
  /** A Spark home: a directory with `bin/spark-submit` and `jars/`. */
  readonly sparkHome: string;
  readonly source: SparkSource;
}

/** What the lookup reads; every field defaults to the running process's. */
export interface SparkLookupOptions {
  /** An explicit Spark home, looked at first. */
  readonly sparkHome?: string | undefined;
  /** Environment (SPARK_HOME, SPARK_CONNECT_TS_HOME, XDG_CACHE_HOME, HOME). */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Root of a checkout of this repository, or `null` for none; defaults to the one this module runs from, if any. */
  readonly checkout?: string | null | undefined;
}

/** True when `dir` is a Spark home: it has `bin/spark-submit` and `jars/`. */
export function isSparkHome(dir: string): boolean {
  return existsSync(join(dir, "bin", "spark-submit")) && existsSync(join(dir, "jars"));
}

/**
 * The Spark home inside a Python venv that holds a completed `pyspark` install of
 * {@link SPARK_VERSION} (its marker file present), else undefined.
 */
export function venvSparkHome(venv: string): string | undefined {
  if (!existsSync(join(venv, INSTALL_MARKER))) return undefined;
  const lib = join(venv, "lib");
  let pythons: string[];
  try {
    pythons = readdirSync(lib).filter((d) => d.startsWith("python")).sort();
  } catch {
    return undefined;
  }
  for (const py of pythons) {
    const home = join(lib, py, "site-packages", "pyspark");
    if (isSparkHome(home)) return home;
  }
  return undefined;
}

/**
 * The per-user cache of the local server: Spark's venv, logs, working files and the
 * record of `spark-connect-ts server start`. `$SPARK_CONNECT_TS_HOME`, else
 * `$XDG_CACHE_HOME/spark-connect-ts`, else `~/.cache/spark-connect-ts`.
 */
export function sparkCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env["SPARK_CONNECT_TS_HOME"];
  if (own) return resolve(own);
  const xdg = env["XDG_CACHE_HOME"];
  // The XDG spec ignores relative paths.
  if (xdg && isAbsolute(xdg)) return join(xdg, "spark-connect-ts");
  return join(env["HOME"] || homedir(), ".cache", "spark-connect-ts");
}

let detectedCheckout: string | null | undefined;

/**
 * The root of the checkout of this repository the library runs from: the directory of
 * the nearest package.json named spark-connect-ts above this module, when it is a git
 * checkout (has `.git`) outside node_modules. Undefined for an installed package.
 */
export function repositoryCheckout(): string | undefined {
  if (detectedCheckout === undefined) {
    detectedCheckout = null;
    for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
      const pkg = join(dir, "package.json");
      if (existsSync(pkg)) {
        let name: unknown;
        try {
          name = (JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name;
        } catch {
          name = undefined;
        }
        if (name === "spark-connect-ts") {
          const inNodeModules = dir.split(sep).includes("node_modules");
          if (!inNodeModules && existsSync(join(dir, ".git"))) detectedCheckout = dir;
          break;
        }
      }
      if (dirname(dir) === dir) break;
    }
  }
  return detectedCheckout ?? undefined;
}

function checkoutOf(options: SparkLookupOptions): string | undefined {
  if (options.checkout === null) return undefined;
  return options.checkout ?? repositoryCheckout();
}

/**
 * The directory for a local server's logs (`logs/`), working files (`work/`) and the
 * record of `spark-connect-ts server start` (`server.json`): `$SPARK_CONNECT_TS_HOME`
 * when set, else the checkout's `.spark/` when running from this repository, else the
 * per-user cache. Never the application's working directory.
 */
export function serverStateDir(options: Omit<SparkLookupOptions, "sparkHome"> = {}): string {
  const env = options.env ?? process.env;
  const checkout = checkoutOf(options);
  if (!env["SPARK_CONNECT_TS_HOME"] && checkout !== undefined) return join(checkout, ".spark");
  return sparkCacheDir(env);
}

/** The places Spark is looked for, in order (see the module comment). */
export function sparkCandidates(options: SparkLookupOptions = {}): { readonly source: SparkSource; readonly dir: string; readonly venv: boolean }[] {
  const env = options.env ?? process.env;
  const out: { source: SparkSource; dir: string; venv: boolean }[] = [];
  if (options.sparkHome) out.push({ source: "option", dir: resolve(options.sparkHome), venv: false });
  if (env["SPARK_HOME"]) out.push({ source: "SPARK_HOME", dir: resolve(env["SPARK_HOME"]), venv: false });
  const checkout = checkoutOf(options);
  if (!env["SPARK_CONNECT_TS_HOME"] && checkout !== undefined) out.push({ source: "checkout", dir: join(checkout, ".spark", "venv"), venv: true });
  out.push({ source: "cache", dir: join(sparkCacheDir(env), "venv"), venv: true });
  return out;
}

/**
 * Finds the Spark installation of a local server (see the module comment for the order),
 * or undefined when none is installed. An explicit `sparkHome` or a SPARK_HOME that is
 * not a Spark home is an error rather than skipped.
 */
export function locateSpark(options: SparkLookupOptions = {}): SparkLocation | undefined {
  for (const c of sparkCandidates(options)) {
    if (c.venv) {
      const home = venvSparkHome(c.dir);
      if (home !== undefined) return { sparkHome: home, source: c.source };
    } else if (isSparkHome(c.dir)) {
      return { sparkHome: c.dir, source: c.source };
    } else {
      const what = c.source === "option" ? "The sparkHome option" : "SPARK_HOME";
      throw new LocalServerError({
        message:
          `${what} is ${c.dir}, which is not a Spark installation (it needs bin/spark-submit and jars/). ` +
          (c.source === "option"
            ? "Point it at a Spark 4.1 home, or leave it out to use the installed one."
            : `Point SPARK_HOME at a Spark 4.1 home, or unset it to use the one \`${INSTALL_COMMAND}\` installs.`),
      });
    }
  }
  return undefined;
}

/** Where each source is, in words, for messages. */
export function describeSource(location: SparkLocation): string {
  switch (location.source) {
    case "option":
      return "the sparkHome option";
    case "SPARK_HOME":
      return "SPARK_HOME";
    case "checkout":
      return "the repository's .spark/";
    case "cache":
      return "the per-user cache";
  }
}

/** Whether a process with this pid exists (one of another user counts). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
