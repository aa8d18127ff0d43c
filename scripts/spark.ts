// Starts and stops the project's local Spark Connect server for `npm run spark:start|stop`.
// The server outlives this process; its pid and port are kept in .spark/server.json.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Effect } from "effect";
import { projectSparkDir, startLocalServer } from "../runtime/LocalServer.js";

const stateFile = join(projectSparkDir(), "server.json");

interface State {
  readonly pid: number;
  readonly port: number;
  readonly logFile: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readState(): State | undefined {
  if (!existsSync(stateFile)) return undefined;
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as State;
  return alive(state.pid) ? state : undefined;
}

async function start(port: number, conf: Record<string, string>): Promise<void> {
  const running = readState();
  if (running) {
    console.log(`Spark Connect server already running: sc://127.0.0.1:${running.port} (pid ${running.pid})`);
    return;
  }
  const server = await Effect.runPromise(startLocalServer({ port, token: false, stopOnExit: false, conf }));
  writeFileSync(stateFile, JSON.stringify({ pid: server.pid, port: server.port, logFile: server.logFile }));
  console.log(`Spark Connect server started: sc://127.0.0.1:${server.port} (pid ${server.pid}, log ${server.logFile})`);
}

async function stop(): Promise<void> {
  const state = readState();
  if (!state) {
    console.log("No Spark Connect server of this project is running.");
    rmSync(stateFile, { force: true });
    return;
  }
  try {
    process.kill(-state.pid, "SIGTERM");
  } catch {
    /* gone */
  }
  const deadline = Date.now() + 15_000;
  while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(state.pid)) process.kill(-state.pid, "SIGKILL");
  rmSync(stateFile, { force: true });
  console.log(`Spark Connect server on port ${state.port} stopped.`);
}

const [command, ...rest] = process.argv.slice(2);
const port = Number(process.env["SPARK_CONNECT_PORT"] ?? 15002);
const conf: Record<string, string> = {};
for (const arg of rest) {
  const eq = arg.indexOf("=");
  if (eq > 0) conf[arg.slice(0, eq)] = arg.slice(eq + 1);
}
try {
  if (command === "start") await start(port, conf);
  else if (command === "stop") await stop();
  else {
    console.error("usage: spark.js start [spark.conf=value ...] | stop   (port: SPARK_CONNECT_PORT, default 15002)");
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
