// `spark-connect-ts server start|stop|status|install`: a local Spark Connect server that
// outlives the command, recorded in <state dir>/server.json (the per-user cache; in a
// checkout of this repository its .spark/, which `npm run spark:start|stop` share).
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type * as Effect from "effect/Effect";
import { alive, describeSource, serverStateDir } from "../../runtime/SparkHome.js";
import { CliError, flag, list, parse, positiveInt, str, UsageError } from "./args.js";

export const SERVER_USAGE = `Usage: spark-connect-ts server start [--port <n>] [--conf <key=value>]... [--token <token>] [--driver-memory <size>] [--delta]
       spark-connect-ts server stop
       spark-connect-ts server status
       spark-connect-ts server install [--delta]

  start     start a Spark Connect server on 127.0.0.1 in the background (default port 15002)
            and record it; installs Spark first if needed
  stop      stop the recorded server
  status    show the recorded server; exits 1 when none is running
  install   install Spark 4.1.1 (pyspark from PyPI) into the per-user cache, if no Spark is found;
            with --delta also download the Delta Lake jars

Options of start:
  --port <n>               port on 127.0.0.1 (default 15002)
  --conf <key=value>       a Spark setting, repeatable (e.g. --conf spark.sql.ansi.enabled=false)
  --token <token>          require this bearer token (default: none; the server only listens on 127.0.0.1)
  --driver-memory <size>   driver heap (default 2g)
  --delta                  load Delta Lake (io.delta delta-spark, downloaded once from Maven Central)

Files: the per-user cache, $SPARK_CONNECT_TS_HOME, else $XDG_CACHE_HOME/spark-connect-ts,
else ~/.cache/spark-connect-ts (venv/, jars/, logs/, work/, server.json).`;

/** What server.json records. */
export interface ServerRecord {
  readonly pid: number;
  readonly port: number;
  readonly logFile: string;
  readonly url?: string;
  readonly sparkHome?: string;
  readonly startedAt?: string;
  /** The Delta Lake release the server loaded; absent when it runs without Delta. */
  readonly delta?: string;
}

const recordFile = (stateDir: string) => join(stateDir, "server.json");

/** Alive and, where /proc tells, still a Spark Connect server (not a reused pid). */
function isOurServer(pid: number): boolean {
  if (!alive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(`/proc/${process.pid}/cmdline`)) return true;
  try {
    return readFileSync(cmdline, "utf8").includes("SparkConnectServer");
  } catch {
    return false;
  }
}

/** The recorded server of `stateDir` if it is running; a stale record is removed. */
export function runningServer(stateDir: string = serverStateDir()): ServerRecord | undefined {
  const file = recordFile(stateDir);
  if (!existsSync(file)) return undefined;
  let record: ServerRecord;
  try {
    record = JSON.parse(readFileSync(file, "utf8")) as ServerRecord;
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
  if (typeof record.pid === "number" && isOurServer(record.pid)) return record;
  rmSync(file, { force: true });
  return undefined;
}

/** The connection string of a record, the token included. */
export function recordUrl(record: ServerRecord): string {
  return record.url ?? `sc://127.0.0.1:${record.port}`;
}

/** The connection string without its token, for printing. */
const shownUrl = (record: ServerRecord) => recordUrl(record).replace(/;token=[^;]*/, "") + (/;token=/.test(recordUrl(record)) ? " (token required)" : "");

const withDelta = (record: ServerRecord) => (record.delta ? `, Delta Lake ${record.delta}` : "");

function portFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once("error", () => ok(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => ok(true)));
  });
}

/** Loaded when a server is started or Spark installed, not for status and stop. */
const localServer = () => import("../../runtime/LocalServer.js");

async function run<A, E>(effect: Effect.Effect<A, E>): Promise<A> {
  const [Cause, Effect, Exit] = await Promise.all([import("effect/Cause"), import("effect/Effect"), import("effect/Exit")]);
  const exit = await Effect.runPromiseExit(effect);
  if (Exit.isSuccess(exit)) return exit.value;
  const e = Cause.squash(exit.cause);
  throw new CliError(e instanceof Error ? e.message : String(e));
}

export interface StartOptions {
  readonly stateDir?: string;
  readonly port?: number;
  readonly conf?: Readonly<Record<string, string>>;
  readonly token?: string;
  readonly driverMemory?: string;
  /** Load Delta Lake (see LocalServerOptions.delta). */
  readonly delta?: boolean;
  readonly log?: (line: string) => void;
}

/** Starts a server in the background and records it; when one is recorded and running, reports it instead. */
export async function startServer(options: StartOptions = {}): Promise<ServerRecord> {
  const stateDir = options.stateDir ?? serverStateDir();
  const log = options.log ?? ((l: string) => console.log(l));
  const running = runningServer(stateDir);
  if (running) {
    if (options.delta && running.delta === undefined) {
      throw new CliError(
        `A Spark Connect server without Delta Lake is already running: ${shownUrl(running)} (pid ${running.pid}). ` +
          "Stop it first to start one with Delta Lake.",
      );
    }
    log(`A Spark Connect server is already running: ${shownUrl(running)} (pid ${running.pid}${withDelta(running)}, log ${running.logFile}).`);
    return running;
  }
  const port = options.port ?? 15002;
  if (!(await portFree(port))) {
    throw new CliError(`Port ${port} on 127.0.0.1 is in use by another program; pass another one with --port <n>.`);
  }
  const { startLocalServer } = await localServer();
  const server = await run(
    startLocalServer({
      port,
      token: options.token ?? false,
      stopOnExit: false,
      dir: stateDir,
      ...(options.conf ? { conf: options.conf } : {}),
      ...(options.driverMemory ? { driverMemory: options.driverMemory } : {}),
      ...(options.delta ? { delta: true, onProgress: log } : {}),
    }),
  );
  const record: ServerRecord = {
    pid: server.pid,
    port: server.port,
    logFile: server.logFile,
    url: server.connectionString().replace(/\/$/, ""),
    sparkHome: server.sparkHome,
    startedAt: new Date().toISOString(),
    ...(server.delta ? { delta: server.delta.version } : {}),
  };
  const file = recordFile(stateDir);
  writeFileSync(file, JSON.stringify(record, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600); // the record may hold the token
  log(`Spark Connect server started: ${shownUrl(record)} (pid ${record.pid}${withDelta(record)}, log ${record.logFile}).`);
  return record;
}

/** Stops the recorded server of `stateDir`; false when none was running. */
export async function stopServer(stateDir: string = serverStateDir(), log: (line: string) => void = (l) => console.log(l)): Promise<boolean> {
  const record = runningServer(stateDir);
  if (!record) {
    log("No local Spark Connect server is running.");
    return false;
  }
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-record.pid, sig);
    } catch {
      try {
        process.kill(record.pid, sig);
      } catch {
        /* gone */
      }
    }
  };
  kill("SIGTERM");
  const deadline = Date.now() + 15_000;
  while (alive(record.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(record.pid)) kill("SIGKILL");
  rmSync(recordFile(stateDir), { force: true });
  log(`Spark Connect server on port ${record.port} stopped.`);
  return true;
}

function parseConf(pairs: readonly string[]): Record<string, string> {
  const conf: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--conf takes key=value, not '${pair}'.`, SERVER_USAGE);
    conf[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return conf;
}

/** `spark-connect-ts server ...`. */
export async function serverCommand(args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h" || rest.includes("--help") || rest.includes("-h")) {
    if (sub === undefined) throw new UsageError("server needs a subcommand: start, stop, status or install.", SERVER_USAGE);
    console.log(SERVER_USAGE);
    return 0;
  }
  switch (sub) {
    case "start": {
      const p = parse(
        rest,
        { port: { type: "string" }, conf: { type: "string", multiple: true }, token: { type: "string" }, "driver-memory": { type: "string" }, delta: { type: "boolean" } },
        SERVER_USAGE,
      );
      if (p.positionals.length > 0) throw new UsageError(`Unexpected argument '${p.positionals[0]}'.`, SERVER_USAGE);
      const token = str(p, "token");
      const driverMemory = str(p, "driver-memory");
      await startServer({
        port: positiveInt(p, "port", 15002, SERVER_USAGE),
        conf: parseConf(list(p, "conf")),
        ...(token !== undefined ? { token } : {}),
        ...(driverMemory !== undefined ? { driverMemory } : {}),
        ...(flag(p, "delta") ? { delta: true } : {}),
      });
      return 0;
    }
    case "stop":
    case "status":
    case "install": {
      const p = parse(rest, sub === "install" ? { delta: { type: "boolean" } } : {}, SERVER_USAGE);
      if (p.positionals.length > 0) throw new UsageError(`Unexpected argument '${p.positionals[0]}'.`, SERVER_USAGE);
      if (sub === "stop") {
        await stopServer();
        return 0;
      }
      if (sub === "status") {
        const record = runningServer();
        if (!record) {
          console.log("No local Spark Connect server is running; start one with `npx spark-connect-ts server start`.");
          return 1;
        }
        console.log(`Spark Connect server running: ${shownUrl(record)}`);
        console.log(`  pid ${record.pid}${record.startedAt ? `, started ${record.startedAt}` : ""}`);
        if (record.sparkHome) console.log(`  Spark ${record.sparkHome}`);
        console.log(record.delta ? `  Delta Lake ${record.delta}` : "  Delta Lake: not loaded (start with --delta)");
        console.log(`  log ${record.logFile}`);
        return 0;
      }
      const spark = await run((await localServer()).installSpark());
      console.log(
        spark.installed
          ? `Spark installed: ${spark.sparkHome}`
          : `Spark is already installed (${describeSource(spark)}): ${spark.sparkHome}. Nothing to do.`,
      );
      if (flag(p, "delta")) {
        const { ensureDeltaJars } = await import("../../runtime/Delta.js");
        const delta = await ensureDeltaJars({ onProgress: (l) => console.error(`[spark-connect-ts] ${l}`) }).catch((e: unknown) => {
          throw new CliError(e instanceof Error ? e.message : String(e));
        });
        console.log(`Delta Lake ${delta.version}${delta.downloaded ? " downloaded" : " is already downloaded"}: ${delta.jars.join(", ")}`);
      }
      return 0;
    }
    default:
      throw new UsageError(`Unknown server subcommand '${sub}'.`, SERVER_USAGE);
  }
}

