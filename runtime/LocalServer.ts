// Starting a local Spark Connect server, and installing Spark for it on first use. The
// only module of runtime/ that starts processes (spark-submit, java -version, python3 -m
// venv, pip). Where Spark is looked for and where files go: SparkHome.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import * as Effect from "effect/Effect";
import * as Redacted from "effect/Redacted";
import { deltaConf, ensureDeltaJars } from "./Delta.js";
import { LocalServerError } from "./errors.js";
import { WATCHDOG_GRACE_SECONDS, watchdogCommand } from "./ServerWatchdog.js";
import {
  alive,
  INSTALL_COMMAND,
  INSTALL_MARKER,
  locateSpark,
  serverStateDir,
  SPARK_VERSION,
  sparkCacheDir,
  type SparkLocation,
  type SparkSource,
  venvSparkHome,
} from "./SparkHome.js";

export { DELTA_VERSION } from "./Delta.js";
export { INSTALL_COMMAND, locateSpark, serverStateDir, SPARK_VERSION, sparkCacheDir, type SparkLocation, type SparkSource } from "./SparkHome.js";

/** How to start a local Spark Connect server. */
export interface LocalServerOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Bearer token the server requires: a string, `true` for a random one (default), `false` for none. */
  readonly token?: string | boolean;
  /**
   * Spark installation (a directory with bin/spark-submit and jars/). Defaults to
   * SPARK_HOME, then the per-user cache (`$SPARK_CONNECT_TS_HOME`, else
   * `$XDG_CACHE_HOME/spark-connect-ts`, else `~/.cache/spark-connect-ts`), where Spark
   * is installed on first use unless `install` is false.
   */
  readonly sparkHome?: string;
  /** Install Spark into the per-user cache when none is found (default true); needs Python 3.10+ and network access to PyPI. */
  readonly install?: boolean;
  /** Receives the install's progress lines; by default they go to stderr. */
  readonly onProgress?: (line: string) => void;
  /** Extra `--conf` settings, e.g. `{ "spark.sql.ansi.enabled": "true" }`. */
  readonly conf?: Readonly<Record<string, string>>;
  /** Directory for the server's log and working files; defaults to the per-user cache, never the working directory. */
  readonly dir?: string;
  /** Driver JVM heap, e.g. "2g" (the default). */
  readonly driverMemory?: string;
  /** How long to wait for the server to come up (default 120 s). */
  readonly startupTimeoutMs?: number;
  /**
   * Stop the server when this Node process ends, however it ends (default true): a
   * normal exit, Ctrl-C, SIGTERM, SIGKILL, a crash. The server then runs under a small
   * watchdog that holds a pipe from this process and stops the server's whole process
   * group (SIGTERM, then SIGKILL after 10 s) when the pipe closes. With `false` the
   * server outlives this process (as `npx spark-connect-ts server start` does) until
   * `stop()` or a kill of its process group.
   */
  readonly stopOnExit?: boolean;
  /**
   * Load Delta Lake (default false): the io.delta delta-spark and delta-storage jars of
   * {@link DELTA_VERSION}, downloaded once from Maven Central (or
   * `SPARK_CONNECT_TS_MAVEN_REPO`) into `jars/` of the state directory and checked
   * against their SHA-1, go on the classpath with Delta's SQL extension and
   * `spark_catalog`, so `format("delta")`, `DESCRIBE HISTORY` and time travel work.
   */
  readonly delta?: boolean;
}

/** A running local server, listening on 127.0.0.1 only. `stop()` ends it (and its whole process group). */
export interface LocalServer {
  readonly host: string;
  readonly port: number;
  readonly token: Redacted.Redacted<string> | undefined;
  /** The server's JVM. */
  readonly pid: number;
  readonly logFile: string;
  /** The Spark installation it runs. */
  readonly sparkHome: string;
  /** The Delta Lake release on its classpath, or undefined when it runs without Delta. */
  readonly delta: { readonly version: string; readonly jars: readonly string[] } | undefined;
  /** Connection string for this server, the token included. Treat it as a secret. */
  readonly connectionString: () => string;
  readonly stop: () => Promise<void>;
}

/** How to install Spark. */
export interface InstallSparkOptions {
  /** Receives progress lines; by default they go to stderr, prefixed `[spark-connect-ts]`. */
  readonly onProgress?: (line: string) => void;
  /** Environment to read (PATH, JAVA_HOME, SPARK_HOME, SPARK_CONNECT_TS_HOME, ...); defaults to the process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The Spark installation `installSpark` found or made. */
export interface SparkInstallation extends SparkLocation {
  /** True when this call installed it, false when it was there already. */
  readonly installed: boolean;
}

const READY_LINE = "Spark Connect server started";
const LOOPBACK = "127.0.0.1";
const SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";
/** The oldest Python pyspark 4.1 installs on. */
const MIN_PYTHON: readonly [number, number] = [3, 10];

/** Finds a Spark installation (see SparkHome.ts for the order); undefined when none is installed. */
export function findSparkHome(explicit?: string): string | undefined {
  return locateSpark({ sparkHome: explicit })?.sparkHome;
}

const fail = (message: string) => new LocalServerError({ message });

const stderrProgress = (line: string) => process.stderr.write(`[spark-connect-ts] ${line}\n`);

interface RunResult {
  readonly code: number | null;
  /** stdout and stderr together, in arrival order. */
  readonly output: string;
  /** Set when the program could not be run at all (ENOENT: not installed). */
  readonly spawnError?: NodeJS.ErrnoException;
}

/** Runs a program to its end; `onLine` sees each output line as it arrives. */
function run(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; signal?: AbortSignal | undefined; onLine?: (line: string) => void },
): Promise<RunResult> {
  return new Promise((ok) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      ok({ code: null, output: "", spawnError: e as NodeJS.ErrnoException });
      return;
    }
    let output = "";
    let partial = "";
    const onData = (d: Buffer) => {
      const text = d.toString();
      output += text;
      if (output.length > 200_000) output = output.slice(-100_000);
      if (options.onLine) {
        const lines = (partial + text).split(/\r?\n|\r/);
        partial = lines.pop() ?? "";
        for (const l of lines) if (l.trim() !== "") options.onLine(l);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const abort = () => child.kill("SIGTERM");
    options.signal?.addEventListener("abort", abort, { once: true });
    let spawnError: NodeJS.ErrnoException | undefined;
    child.once("error", (e) => (spawnError = e));
    child.once("close", (code) => {
      options.signal?.removeEventListener("abort", abort);
      if (options.onLine && partial.trim() !== "") options.onLine(partial);
      ok(spawnError ? { code, output, spawnError } : { code, output });
    });
  });
}

const lastLines = (text: string, n = 15) => text.trimEnd().split("\n").slice(-n).join("\n");

/** The Java that spark-submit will run: $JAVA_HOME/bin/java, else `java` on PATH. Fails unless it is Java 17 or later. */
async function checkJava(env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<string> {
  const javaHome = env["JAVA_HOME"];
  const java = javaHome ? join(javaHome, "bin", "java") : "java";
  const where = javaHome ? `JAVA_HOME=${javaHome}` : "PATH";
  const howTo =
    "Install a Java 17 (or 21) runtime, e.g. `sudo apt-get install openjdk-17-jre-headless` on Debian/Ubuntu or " +
    "`brew install openjdk@17` on macOS, and put its java on PATH or set JAVA_HOME to it.";
  const r = await run(java, ["-version"], { env, signal });
  if (r.spawnError !== undefined || r.code !== 0) {
    throw fail(`A local Spark server needs Java 17, and no java was found (looked in ${where}). ${howTo}`);
  }
  const version = /version "([^"]+)"/.exec(r.output)?.[1];
  const [first, second] = (version ?? "").split(/[.+_-]/).map(Number);
  const major = first === 1 ? second : first; // "1.8.0_392" is Java 8
  if (major === undefined || !(major >= 17)) {
    throw fail(`A local Spark server needs Java 17 or later; the java in ${where} is ${version ? `version ${version}` : "of an unknown version"}. ${howTo}`);
  }
  return `Java ${major}`;
}

/** A Python 3.10+ interpreter: $SPARK_CONNECT_TS_PYTHON, else python3, else python. */
async function findPython(env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<{ python: string; version: string }> {
  const candidates = env["SPARK_CONNECT_TS_PYTHON"] ? [env["SPARK_CONNECT_TS_PYTHON"]] : ["python3", "python"];
  const seen: string[] = [];
  for (const python of candidates) {
    const r = await run(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { env, signal });
    if (r.spawnError !== undefined || r.code !== 0) continue;
    const version = r.output.trim().split("\n").pop() ?? "";
    const [major, minor] = version.split(".").map(Number);
    if (major === MIN_PYTHON[0] && (minor ?? 0) >= MIN_PYTHON[1]) return { python, version };
    seen.push(`${python} is Python ${version}`);
  }
  const found = seen.length > 0 ? `only ${seen.join(", ")}` : `no ${candidates.join(" or ")} on PATH`;
  throw fail(
    `Installing Spark ${SPARK_VERSION} for a local server needs Python ${MIN_PYTHON.join(".")} or later with its venv module ` +
      `(pyspark comes from PyPI), and there is ${found}. Install it (\`sudo apt-get install python3 python3-venv\` on ` +
      "Debian/Ubuntu, `brew install python` on macOS) or name one with SPARK_CONNECT_TS_PYTHON, then run " +
      `\`${INSTALL_COMMAND}\`; or set SPARK_HOME to an existing Spark 4.1 installation.`,
  );
}

/**
 * Makes sure Spark is installed for a local server: returns the installation found
 * (see SparkHome.ts for where it looks), else installs pyspark ${SPARK_VERSION} from
 * PyPI into a Python venv in the per-user cache (`<cache>/venv`) and returns that.
 * Needs Python 3.10+ with venv, network access to PyPI (about 450 MB), and Java 17 to
 * run the server afterwards (checked first). Progress goes to stderr, one line each.
 */
export function installSpark(options: InstallSparkOptions = {}): Effect.Effect<SparkInstallation, LocalServerError> {
  return Effect.tryPromise({
    try: (signal) => ensureSpark(options, signal),
    catch: (e) => (e instanceof LocalServerError ? e : fail(`Could not install Spark ${SPARK_VERSION}: ${String(e)}`)),
  });
}

async function ensureSpark(options: InstallSparkOptions, signal: AbortSignal): Promise<SparkInstallation> {
  const env = options.env ?? process.env;
  const found = locateSpark({ env });
  if (found !== undefined) return { ...found, installed: false };
  return installIntoCache(env, options.onProgress ?? stderrProgress, signal);
}

async function installIntoCache(env: NodeJS.ProcessEnv, progress: (line: string) => void, signal: AbortSignal): Promise<SparkInstallation> {
  if (process.platform === "win32") {
    throw fail("A local Spark server runs on Linux and macOS only; on Windows use WSL, or connect to a Spark Connect server with sc://host:port.");
  }
  const cache = sparkCacheDir(env);
  const venv = join(cache, "venv");
  const started = Date.now();
  progress(`Spark ${SPARK_VERSION} is not installed; installing it once into ${venv} (pyspark==${SPARK_VERSION} from PyPI, about 450 MB).`);
  progress(`${await checkJava(env, signal)} found.`);
  const { python, version } = await findPython(env, signal);
  try {
    mkdirSync(cache, { recursive: true });
  } catch (e) {
    throw fail(`Cannot create the cache directory ${cache} (${String(e)}); set SPARK_CONNECT_TS_HOME to a writable directory.`);
  }
  // Leftovers of installs whose process died.
  for (const d of readdirSync(cache)) {
    const m = /^venv\.installing-(\d+)-/.exec(d);
    if (m && !alive(Number(m[1]))) rmSync(join(cache, d), { recursive: true, force: true });
  }
  // Installed beside the final place and renamed into it at the end, so a venv is either
  // complete or absent, and installs running at once do not mix.
  const tmp = join(cache, `venv.installing-${process.pid}-${randomBytes(4).toString("hex")}`);
  const heartbeat = setInterval(() => progress(`still installing (${Math.round((Date.now() - started) / 1000)} s)...`), 20_000);
  heartbeat.unref();
  try {
    progress(`Creating a Python ${version} virtual environment with ${python}.`);
    const mk = await run(python, ["-m", "venv", tmp], { env, signal });
    if (signal.aborted) throw fail("Installing Spark was interrupted.");
    if (mk.code !== 0) {
      const noVenv = /ensurepip|No module named venv|python3(\.\d+)?-venv/.test(mk.output);
      throw fail(
        noVenv
          ? `Python's venv module is missing (${python} -m venv failed). Install it (\`sudo apt-get install python3-venv\` on ` +
              `Debian/Ubuntu) and run \`${INSTALL_COMMAND}\` again.\n${lastLines(mk.output, 5)}`
          : `\`${python} -m venv\` failed (exit ${mk.code}):\n${lastLines(mk.output)}`,
      );
    }
    progress(`Downloading and installing pyspark==${SPARK_VERSION} with pip (this takes a few minutes).`);
    const pip = await run(
      join(tmp, "bin", "python"),
      ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", `pyspark==${SPARK_VERSION}`],
      { env: { ...env, PIP_REQUIRE_VIRTUALENV: "0" }, signal, onLine: (l) => progress(`pip: ${l.trim()}`) },
    );
    if (signal.aborted) throw fail("Installing Spark was interrupted.");
    if (pip.code !== 0) {
      throw fail(
        `pip could not install pyspark==${SPARK_VERSION} (exit ${pip.code}). Check the connection to PyPI (pip honours ` +
          `PIP_INDEX_URL and HTTPS_PROXY), then run \`${INSTALL_COMMAND}\` again.\n${lastLines(pip.output)}`,
      );
    }
    writeFileSync(join(tmp, INSTALL_MARKER), "");
    if (venvSparkHome(tmp) === undefined) throw fail(`pip installed pyspark into ${tmp}, but its jars and bin/spark-submit are missing.`);
    const other = venvSparkHome(venv);
    if (other === undefined) {
      rmSync(venv, { recursive: true, force: true });
      renameSync(tmp, venv);
    } // else another process finished the same install first; this one is dropped below.
    const sparkHome = venvSparkHome(venv);
    if (sparkHome === undefined) throw fail(`The install into ${venv} did not leave a usable Spark.`);
    progress(`Spark ${SPARK_VERSION} installed in ${venv} (${Math.round((Date.now() - started) / 1000)} s).`);
    return { sparkHome, source: "cache", installed: true };
  } finally {
    clearInterval(heartbeat);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? ok(addr.port) : fail(new Error("no port"))));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log written)";
  }
}

/** A started server process: its pid, its exit code once it has exited, and how to stop it. */
interface Process {
  readonly pid: number;
  /** undefined while it runs; the exit code (null when a signal ended it) after. */
  readonly exitCode: () => number | null | undefined;
  readonly stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `sig` to a process group; false when the group is gone. */
function killGroup(pgid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server that outlives this process (`spark-connect-ts server start`): spark-submit
 * leads a process group of its own, and `stop()` ends that group.
 */
function spawnDetached(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, out: number): Process {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", out, out] });
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw fail(`Could not run ${command}; is Java 17 installed?`);
  let code: number | null | undefined;
  child.once("exit", (c) => (code = c));
  const stop = async () => {
    if (code !== undefined) return;
    killGroup(pid, "SIGTERM");
    const deadline = Date.now() + 15_000;
    while (code === undefined && Date.now() < deadline) await sleep(100);
    if (code === undefined) killGroup(pid, "SIGKILL");
  };
  return { pid, exitCode: () => code, stop };
}

/** The watchdogs of this process's running servers (their pipes stay open while they are here). */
const watchdogs = new Set<ChildProcess>();

/**
 * A server that ends with this process, whatever ends it (see ServerWatchdog.ts): the
 * watchdog script leads the server's process group and holds a pipe from this process;
 * `stop()` closes the pipe, and so does the kernel when this process dies. The pid is
 * the server's (the JVM's); the exit code is the server's.
 */
async function spawnWatched(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, out: number): Promise<Process> {
  const { file, args: wargs } = watchdogCommand(command, args);
  const child = spawn(file, wargs, { cwd, env, detached: true, stdio: ["pipe", out, out, "pipe"] });
  const group = child.pid;
  if (group === undefined) throw fail(`Could not run ${file} to watch the local server.`);
  watchdogs.add(child);
  let code: number | null | undefined;
  let ended = false;
  const exited = new Promise<void>((ok) =>
    child.once("exit", (c) => {
      code = c;
      ended = true;
      watchdogs.delete(child);
      ok();
    }),
  );
  const pipe = child.stdin as (Writable & { unref?: () => void }) | null;
  pipe?.on("error", () => undefined);
  pipe?.unref?.();
  child.unref();
  const report = child.stdio[3] as (Readable & { unref?: () => void }) | null;
  const pid = await new Promise<number | undefined>((ok) => {
    let text = "";
    const done = (v: number | undefined) => {
      report?.removeAllListeners("data");
      report?.destroy();
      ok(v);
    };
    if (!report) return done(undefined);
    report.on("data", (d: Buffer) => {
      text += d.toString();
      const line = /^(\d+)\n/.exec(text);
      if (line) done(Number(line[1]));
    });
    report.once("end", () => done(undefined));
    report.once("error", () => done(undefined));
  });
  const stop = async () => {
    pipe?.destroy();
    const deadline = sleep((WATCHDOG_GRACE_SECONDS + 10) * 1000);
    await Promise.race([exited, deadline]);
    if (!ended) {
      killGroup(group, "SIGKILL");
      await Promise.race([exited, sleep(5_000)]);
    }
  };
  if (pid === undefined) {
    await stop();
    throw fail(`Could not start the local server under its watchdog (/bin/sh exited with code ${code ?? "none"}).`);
  }
  return { pid, exitCode: () => code, stop };
}

/**
 * Starts a Spark Connect server on 127.0.0.1 and waits until it accepts connections.
 * Spark is looked for as SparkHome.ts describes and, when none is found, installed
 * into the per-user cache first (unless `install: false`). Logs and working files go
 * to `options.dir`, else the per-user cache. On failure the error carries the tail of
 * the server log.
 *
 * @example
 * ```ts
 * const server = await Effect.runPromise(startLocalServer({ port: 0 }));
 * const spark = await SparkSession.connect(server.connectionString());
 * ...
 * await server.stop();
 * ```
 */
export function startLocalServer(options: LocalServerOptions = {}): Effect.Effect<LocalServer, LocalServerError> {
  return Effect.tryPromise({
    try: (signal) => launch(options, signal),
    catch: (e) => (e instanceof LocalServerError ? e : fail(`Could not start the local Spark Connect server: ${String(e)}`)),
  });
}

async function launch(options: LocalServerOptions, signal: AbortSignal): Promise<LocalServer> {
  const env = process.env;
  let location = locateSpark({ sparkHome: options.sparkHome, env });
  if (location === undefined) {
    if (options.install === false) {
      throw fail(
        `Spark ${SPARK_VERSION} is not installed for a local Spark Connect server (looked in SPARK_HOME and ${join(sparkCacheDir(env), "venv")}). ` +
          `Run \`${INSTALL_COMMAND}\` (installs pyspark ${SPARK_VERSION} into that cache), or set SPARK_HOME to a Spark 4.1 installation.`,
      );
    }
    location = await installIntoCache(env, options.onProgress ?? stderrProgress, signal);
  } else {
    await checkJava(env, signal);
  }
  const sparkHome = location.sparkHome;
  const delta = options.delta
    ? await ensureDeltaJars({ env, signal, onProgress: options.onProgress ?? stderrProgress })
    : undefined;
  const dir = resolve(options.dir ?? serverStateDir({ env }));
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const token =
    options.token === false ? undefined : typeof options.token === "string" ? options.token : randomBytes(24).toString("hex");
  const work = join(dir, "work");
  const logs = join(dir, "logs");
  mkdirSync(work, { recursive: true });
  mkdirSync(logs, { recursive: true });
  const logFile = join(logs, `spark-connect-${port}.log`);

  const conf: Record<string, string> = {
    // Every port of the server on loopback: gRPC, the driver's RPC and block manager (and
    // the UI, which also follows SPARK_LOCAL_IP, when a setting turns it on).
    "spark.connect.grpc.binding.address": LOOPBACK,
    "spark.driver.bindAddress": LOOPBACK,
    "spark.driver.host": LOOPBACK,
    "spark.connect.grpc.binding.port": String(port),
    "spark.ui.enabled": "false",
    "spark.sql.warehouse.dir": join(work, "spark-warehouse"),
    // A thread stack of 16 MB rather than Java's 1 MB: the analysis of a plan nested as deep
    // as a client may send (about 500 chained operations) overflows 1 MB.
    "spark.driver.extraJavaOptions": `-Dderby.system.home=${join(work, "derby")} -Xss16m`,
    ...(delta ? deltaConf(delta.jars, options.conf) : options.conf),
  };
  const args = ["--class", SERVER_CLASS, "--name", `spark-connect-ts-${port}`, "--driver-memory", options.driverMemory ?? "2g"];
  for (const [k, v] of Object.entries(conf)) args.push("--conf", `${k}=${v}`);

  const out = openSync(logFile, "w");
  const childEnv: NodeJS.ProcessEnv = { ...env, SPARK_HOME: sparkHome, SPARK_LOCAL_IP: LOOPBACK };
  delete childEnv["SPARK_CONNECT_AUTHENTICATE_TOKEN"];
  if (token !== undefined) childEnv["SPARK_CONNECT_AUTHENTICATE_TOKEN"] = token;
  const submit = join(sparkHome, "bin", "spark-submit");
  let proc: Process;
  try {
    proc = options.stopOnExit === false ? spawnDetached(submit, args, work, childEnv, out) : await spawnWatched(submit, args, work, childEnv, out);
  } finally {
    closeSync(out);
  }
  const { pid, stop } = proc;

  const timeout = options.startupTimeoutMs ?? 120_000;
  const started = Date.now();
  for (;;) {
    if (signal.aborted) {
      await stop();
      throw fail("Starting the local Spark Connect server was interrupted.");
    }
    const code = proc.exitCode();
    if (code !== undefined) {
      await stop();
      throw fail(`The local Spark Connect server exited (code ${code}) before it was ready. Log ${logFile}:\n${tail(logFile)}`);
    }
    if (statSync(logFile).size > 0 && readFileSync(logFile, "utf8").includes(READY_LINE)) break;
    if (Date.now() - started > timeout) {
      await stop();
      throw fail(`The local Spark Connect server did not start within ${timeout / 1000} s. Log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(200);
  }

  const redacted = token === undefined ? undefined : Redacted.make(token);
  return {
    host: "127.0.0.1",
    port,
    token: redacted,
    pid,
    logFile,
    sparkHome,
    delta: delta ? { version: delta.version, jars: delta.jars } : undefined,
    connectionString: () => `sc://127.0.0.1:${port}/` + (token === undefined ? "" : `;token=${token}`),
    stop,
  };
}
