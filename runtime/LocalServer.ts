import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { Effect, Redacted } from "effect";
import { LocalServerError } from "./errors.js";

/** How to start a local Spark Connect server. */
export interface LocalServerOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Bearer token the server requires: a string, `true` for a random one (default), `false` for none. */
  readonly token?: string | boolean;
  /** Spark installation; defaults to SPARK_HOME, then the project's .spark/ install. */
  readonly sparkHome?: string;
  /** Extra `--conf` settings, e.g. `{ "spark.sql.ansi.enabled": "true" }`. */
  readonly conf?: Readonly<Record<string, string>>;
  /** Directory for the server's log and working files; defaults to `<project>/.spark`. */
  readonly dir?: string;
  /** Driver JVM heap, e.g. "2g" (the default). */
  readonly driverMemory?: string;
  /** How long to wait for the server to come up (default 120 s). */
  readonly startupTimeoutMs?: number;
  /** Stop the server when this Node process exits (default true). */
  readonly stopOnExit?: boolean;
}

/** A running local server. `stop()` ends it (and the JVM's whole process group). */
export interface LocalServer {
  readonly host: string;
  readonly port: number;
  readonly token: Redacted.Redacted<string> | undefined;
  readonly pid: number;
  readonly logFile: string;
  /** Connection string for this server, the token included. Treat it as a secret. */
  readonly connectionString: () => string;
  readonly stop: () => Promise<void>;
}

const READY_LINE = "Spark Connect server started";
const SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";

/** The `.spark` directory of the nearest project above `from` that has one, else `<from>/.spark`. */
export function projectSparkDir(from: string = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".spark"))) return join(dir, ".spark");
    if (dirname(dir) === dir) return join(resolve(from), ".spark");
  }
}

/** Finds a Spark installation (a directory with bin/spark-submit and jars/). */
export function findSparkHome(explicit?: string): string | undefined {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  if (process.env["SPARK_HOME"]) candidates.push(process.env["SPARK_HOME"]);
  const lib = join(projectSparkDir(), "venv", "lib");
  if (existsSync(lib)) {
    for (const py of readdirSync(lib)) candidates.push(join(lib, py, "site-packages", "pyspark"));
  }
  return candidates.find((d) => existsSync(join(d, "bin", "spark-submit")) && existsSync(join(d, "jars")));
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

const fail = (message: string) => new LocalServerError({ message });

/**
 * Starts a Spark Connect server on 127.0.0.1 and waits until it accepts connections.
 * On failure the error carries the tail of the server log.
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
  const sparkHome = findSparkHome(options.sparkHome);
  if (sparkHome === undefined) {
    throw fail(
      "No Spark installation found for a local Spark Connect server. In this project run `npm run spark:install` " +
        "(installs pyspark 4.1.1 into .spark/); elsewhere set SPARK_HOME to a Spark 4.1 installation " +
        "(for example the pyspark directory of `pip install pyspark==4.1.1`).",
    );
  }
  const dir = resolve(options.dir ?? projectSparkDir());
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const token =
    options.token === false ? undefined : typeof options.token === "string" ? options.token : randomBytes(24).toString("hex");
  const work = join(dir, "work");
  const logs = join(dir, "logs");
  mkdirSync(work, { recursive: true });
  mkdirSync(logs, { recursive: true });
  const logFile = join(logs, `spark-connect-${port}.log`);

  const conf: Record<string, string> = {
    "spark.connect.grpc.binding.address": "127.0.0.1",
    "spark.connect.grpc.binding.port": String(port),
    "spark.ui.enabled": "false",
    "spark.sql.warehouse.dir": join(work, "spark-warehouse"),
    "spark.driver.extraJavaOptions": `-Dderby.system.home=${join(work, "derby")}`,
    ...options.conf,
  };
  const args = ["--class", SERVER_CLASS, "--name", `spark-connect-ts-${port}`, "--driver-memory", options.driverMemory ?? "2g"];
  for (const [k, v] of Object.entries(conf)) args.push("--conf", `${k}=${v}`);

  const out = openSync(logFile, "w");
  const env: NodeJS.ProcessEnv = { ...process.env, SPARK_HOME: sparkHome };
  delete env["SPARK_CONNECT_AUTHENTICATE_TOKEN"];
  if (token !== undefined) env["SPARK_CONNECT_AUTHENTICATE_TOKEN"] = token;
  const child = spawn(join(sparkHome, "bin", "spark-submit"), args, {
    cwd: work,
    env,
    detached: true,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw fail(`Could not run ${join(sparkHome, "bin", "spark-submit")}; is Java 17 installed?`);

  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup("SIGKILL");
  if (options.stopOnExit !== false) process.once("exit", onExit);

  const stop = async () => {
    process.removeListener("exit", onExit);
    if (exited !== undefined) return;
    killGroup("SIGTERM");
    const deadline = Date.now() + 15_000;
    while (exited === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (exited === undefined) killGroup("SIGKILL");
  };

  const timeout = options.startupTimeoutMs ?? 120_000;
  const started = Date.now();
  for (;;) {
    if (signal.aborted) {
      await stop();
      throw fail("Starting the local Spark Connect server was interrupted.");
    }
    if (exited !== undefined) {
      process.removeListener("exit", onExit);
      throw fail(`The local Spark Connect server exited (code ${exited}) before it was ready. Log ${logFile}:\n${tail(logFile)}`);
    }
    if (statSync(logFile).size > 0 && readFileSync(logFile, "utf8").includes(READY_LINE)) break;
    if (Date.now() - started > timeout) {
      await stop();
      throw fail(`The local Spark Connect server did not start within ${timeout / 1000} s. Log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const redacted = token === undefined ? undefined : Redacted.make(token);
  return {
    host: "127.0.0.1",
    port,
    token: redacted,
    pid,
    logFile,
    connectionString: () => `sc://127.0.0.1:${port}/` + (token === undefined ? "" : `;token=${token}`),
    stop,
  };
}
