// A real multi-node standalone Spark cluster on this machine, for `npm run cluster:*`:
// a standalone master, two workers (one core and 2 GB each, so each runs one executor),
// and a Spark Connect server whose driver runs its jobs on them. Everything listens on
// 127.0.0.1 only, on free ports.
//
//   node dist/scripts/cluster.js start    start it (or say it runs) and print sc://127.0.0.1:<port>
//   node dist/scripts/cluster.js stop     end the server, the workers (and their executors), the master
//   node dist/scripts/cluster.js status   show what runs; exit 1 when the cluster is not running
//   node dist/scripts/cluster.js test     start it unless it runs, run the suite of
//                                         test/cluster/, stop what it started, print
//                                         "N passed, N failed", write cluster/results/latest.json
//
// The daemons outlive this process. Each leads a process group of its own (a worker's
// executors are in its group); their pids, ports and logs are recorded in
// .spark/cluster/state.json, the logs are in .spark/cluster/logs/ and the workers'
// directories (executor logs, shuffle files) in .spark/cluster/work/. See docs/cluster.md.
//
// The Connect server ends every result stream after 1 s or 123 bytes
// (spark.connect.execute.reattachable.senderMax*), so any sizeable result reaches the
// client over many reattaches; the suite checks that nothing is lost or repeated.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as Effect from "effect/Effect";
import { freePort, startLocalServer } from "../runtime/LocalServer.js";
import { alive, locateSpark, SPARK_VERSION } from "../runtime/SparkHome.js";
import { runChild } from "./childProcess.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIR = join(ROOT, ".spark", "cluster");
const STATE = join(DIR, "state.json");
const LOGS = join(DIR, "logs");
const WORK = join(DIR, "work");
const REPORT = join(DIR, "report.jsonl");
const RESULTS = join(ROOT, "cluster", "results", "latest.json");
const AVA_CONFIG = join(ROOT, "dist", "test", "cluster", "ava.config.js");

const LOOPBACK = "127.0.0.1";
const WORKERS = 2;
const WORKER_CORES = 1;
const WORKER_MEMORY = "2g";
/** Heap of the master and of each worker (Spark's default is 1g). */
const DAEMON_MEMORY = "512m";
const EXECUTOR_MEMORY = "1g";
const DRIVER_MEMORY = "1536m";

/** The Spark Connect server's settings beyond those startLocalServer makes. */
const SERVER_CONF = {
  "spark.executor.memory": EXECUTOR_MEMORY,
  "spark.executor.cores": "1",
  "spark.cores.max": String(WORKERS * WORKER_CORES),
  "spark.ui.showConsoleProgress": "false",
  // Every result stream is cut after 1 s or 123 bytes: results arrive over reattaches.
  "spark.connect.execute.reattachable.senderMaxStreamDuration": "1s",
  "spark.connect.execute.reattachable.senderMaxStreamSize": "123",
} as const;

/** A daemon process of the cluster: the leader of a process group of its own. */
interface Daemon {
  readonly name: string;
  readonly pid: number;
  /** A string its command line holds (its main class), so a reused pid is never taken for it. */
  readonly marker: string;
  readonly log: string;
}

interface ClusterState {
  readonly startedAt: string;
  readonly sparkHome: string;
  readonly sparkVersion: string;
  readonly masterUrl?: string;
  readonly masterUi?: string;
  readonly workerUis?: readonly string[];
  /** Connection string of the Spark Connect server. */
  readonly url?: string;
  /** The driver's web UI (its REST API is under /api/v1). */
  readonly driverUi?: string;
  readonly appId?: string;
  /** In start order; stopped in reverse. */
  readonly daemons: readonly Daemon[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rel = (p: string) => relative(process.cwd(), p) || ".";
const log = (line: string) => console.log(line);

// ---------------------------------------------------------------------------------------
// State file and processes

function readState(): ClusterState | undefined {
  if (!existsSync(STATE)) return undefined;
  try {
    return JSON.parse(readFileSync(STATE, "utf8")) as ClusterState;
  } catch {
    return undefined;
  }
}

function writeState(state: ClusterState): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(STATE, JSON.stringify(state, null, 2) + "\n");
}

const onLinux = existsSync("/proc/self/stat");

function cmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return undefined;
  }
}

/** The process group of a pid, from /proc (Linux). */
function pgidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[2]);
  } catch {
    return undefined;
  }
}

/** The processes left in a daemon's group that are Spark's (the daemon, a worker's executors). */
function groupMembers(d: Daemon): number[] {
  if (!onLinux) return alive(d.pid) ? [d.pid] : [];
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pgidOf(pid) !== d.pid) continue;
    const cmd = cmdline(pid);
    if (cmd !== undefined && (cmd.includes("org.apache.spark") || cmd.includes("spark-class") || cmd.includes("spark-submit"))) members.push(pid);
  }
  return members;
}

/** The daemon itself still runs (its pid alive and still its command). */
function running(d: Daemon): boolean {
  if (!alive(d.pid)) return false;
  if (!onLinux) return true;
  return cmdline(d.pid)?.includes(d.marker) ?? false;
}

function signal(pids: readonly number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      /* gone */
    }
  }
}

/** Ends a daemon's process group: SIGTERM, then SIGKILL after `graceMs`. True when something was running. */
async function stopDaemon(d: Daemon, graceMs = 20_000): Promise<boolean> {
  let members = groupMembers(d);
  if (members.length === 0) return false;
  signal(members, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while ((members = groupMembers(d)).length > 0 && Date.now() < deadline) await sleep(200);
  if (members.length > 0) {
    signal(members, "SIGKILL");
    const hard = Date.now() + 10_000;
    while (groupMembers(d).length > 0 && Date.now() < hard) await sleep(200);
  }
  return true;
}

/** Resident memory of a process in MiB, from /proc (Linux); 0 when unknown. */
function rssMiB(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory per process of the cluster now: each daemon, and a worker's executors apart. */
function memoryNow(daemons: readonly Daemon[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of daemons) {
    for (const pid of groupMembers(d)) {
      // Besides the daemon, only executors count: a JVM's short-lived children (Hadoop's
      // shell commands) show the JVM's own pages between fork and exec.
      const executor = pid !== d.pid && (cmdline(pid)?.includes("CoarseGrainedExecutorBackend") ?? false);
      if (pid !== d.pid && !executor) continue;
      const name = executor ? `executor of ${d.name}` : d.name;
      out.set(name, (out.get(name) ?? 0) + rssMiB(pid));
    }
  }
  return out;
}

/** The largest resident memory seen per process, and of all together, while sampling. */
function memorySampler(daemons: readonly Daemon[]): { stop: () => { peakTotalMiB: number; peakMiB: Record<string, number> } } {
  let peakTotal = 0;
  const peak = new Map<string, number>();
  const sample = () => {
    const now = memoryNow(daemons);
    let total = 0;
    for (const [name, mib] of now) {
      total += mib;
      peak.set(name, Math.max(peak.get(name) ?? 0, mib));
    }
    peakTotal = Math.max(peakTotal, total);
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakTotalMiB: Math.round(peakTotal), peakMiB: Object.fromEntries([...peak].map(([k, v]) => [k, Math.round(v)])) };
    },
  };
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log written)";
  }
}

/** Starts `spark-class <args>` as the leader of a new process group, its output in `logFile`. */
function spawnDaemon(sparkHome: string, name: string, marker: string, args: readonly string[], logFile: string, env: NodeJS.ProcessEnv): Daemon {
  const out = openSync(logFile, "w");
  try {
    const child = spawn(join(sparkHome, "bin", "spark-class"), args, { cwd: WORK, env, detached: true, stdio: ["ignore", out, out] });
    child.on("error", () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not run ${join(sparkHome, "bin", "spark-class")} for the ${name}.`);
    return { name, pid: child.pid, marker, log: logFile };
  } finally {
    closeSync(out);
  }
}

async function getJson<T>(url: string): Promise<T | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return undefined;
    return (await res.json()) as T;
  } catch {
    return undefined;
  }
}

/** Polls `probe` every 500 ms until it returns a value; fails when `d` exits or the time is up. */
async function waitFor<T>(what: string, timeoutMs: number, watch: readonly Daemon[], probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    for (const d of watch) {
      if (!running(d)) throw new Error(`The ${d.name} exited while waiting for ${what}. Its log (${rel(d.log)}):\n${tail(d.log)}`);
    }
    if (Date.now() > deadline) {
      const logs = watch.map((d) => `--- ${rel(d.log)}:\n${tail(d.log, 15)}`).join("\n");
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.\n${logs}`);
    }
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------------------
// What the master and the driver report

interface MasterStatus {
  readonly url: string;
  readonly status: string;
  readonly workers: readonly { readonly id: string; readonly host: string; readonly state: string; readonly cores: number; readonly memory: number }[];
}

/** An executor as the driver's REST API (/api/v1/applications/<id>/executors) lists it. */
export interface ExecutorSummary {
  readonly id: string;
  readonly hostPort: string;
  readonly isActive: boolean;
  readonly totalCores: number;
  readonly maxMemory: number;
  readonly activeTasks: number;
  readonly completedTasks: number;
  readonly failedTasks: number;
  readonly totalTasks: number;
}

const aliveWorkers = (s: MasterStatus | undefined) => (s?.workers ?? []).filter((w) => w.state === "ALIVE");

async function appId(driverUi: string): Promise<string | undefined> {
  const apps = await getJson<{ id: string }[]>(`${driverUi}/api/v1/applications`);
  return apps?.[0]?.id;
}

async function executors(driverUi: string, id: string): Promise<ExecutorSummary[] | undefined> {
  return getJson<ExecutorSummary[]>(`${driverUi}/api/v1/applications/${id}/executors`);
}

/** The driver UI's address as the server's log states it ("Bound SparkUI to 127.0.0.1, and started at http://..."). */
function driverUiFromLog(logFile: string): string | undefined {
  try {
    return /Bound SparkUI to [^,]+, and started at (http:\/\/\S+)/.exec(readFileSync(logFile, "utf8"))?.[1]?.replace(/\/$/, "");
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Commands

/** The recorded cluster when every daemon of it runs. */
function runningCluster(): ClusterState | undefined {
  const state = readState();
  if (!state?.url || state.daemons.length !== WORKERS + 2) return undefined;
  return state.daemons.every(running) ? state : undefined;
}

async function start(): Promise<{ state: ClusterState; started: boolean }> {
  const current = runningCluster();
  if (current) {
    log(`A local Spark cluster is already running: ${current.url} (master ${current.masterUrl}, driver UI ${current.driverUi}).`);
    return { state: current, started: false };
  }
  if (readState()) {
    log("Cleaning up what is left of an earlier cluster...");
    await stop(true);
  }
  const spark = locateSpark();
  if (!spark) throw new Error("Spark is not installed: run `npm run spark:install` (pyspark 4.1.1 into .spark/venv) first.");
  const sparkHome = spark.sparkHome;

  rmSync(LOGS, { recursive: true, force: true });
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  mkdirSync(join(WORK, "local"), { recursive: true });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SPARK_HOME: sparkHome,
    SPARK_LOCAL_IP: LOOPBACK,
    SPARK_MASTER_HOST: LOOPBACK,
    SPARK_DAEMON_MEMORY: DAEMON_MEMORY,
    // Executors' scratch space (shuffle files, spilled blocks); a worker removes an
    // application's part when the application ends.
    SPARK_LOCAL_DIRS: join(WORK, "local"),
  };
  delete env["SPARK_CONF_DIR"];
  const daemons: Daemon[] = [];
  let state: ClusterState = { startedAt: new Date().toISOString(), sparkHome, sparkVersion: SPARK_VERSION, daemons };
  const save = (more: Partial<ClusterState>) => {
    state = { ...state, ...more, daemons: [...daemons] };
    writeState(state);
  };
  save({});

  try {
    const [masterPort, masterUiPort] = [await freePort(), await freePort()];
    const masterUrl = `spark://${LOOPBACK}:${masterPort}`;
    const masterUi = `http://${LOOPBACK}:${masterUiPort}`;
    const masterArgs = ["org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port", String(masterPort), "--webui-port", String(masterUiPort)];
    const master = spawnDaemon(sparkHome, "master", "deploy.master.Master", masterArgs, join(LOGS, "master.log"), env);
    daemons.push(master);
    save({ masterUrl, masterUi });
    log(`Starting the standalone master ${masterUrl} (pid ${master.pid}, UI ${masterUi})...`);
    await waitFor("the master's web UI", 180_000, [master], async () => {
      const s = await getJson<MasterStatus>(`${masterUi}/json/`);
      return s?.status === "ALIVE" ? s : undefined;
    });

    const workerUis: string[] = [];
    for (let i = 1; i <= WORKERS; i++) {
      const uiPort = await freePort();
      const workDir = join(WORK, `worker-${i}`);
      mkdirSync(workDir, { recursive: true });
      const args = [
        "org.apache.spark.deploy.worker.Worker",
        masterUrl,
        "--host",
        LOOPBACK,
        "--cores",
        String(WORKER_CORES),
        "--memory",
        WORKER_MEMORY,
        "--webui-port",
        String(uiPort),
        "--work-dir",
        workDir,
      ];
      const worker = spawnDaemon(sparkHome, `worker ${i}`, "deploy.worker.Worker", args, join(LOGS, `worker-${i}.log`), env);
      daemons.push(worker);
      workerUis.push(`http://${LOOPBACK}:${uiPort}`);
      save({ workerUis });
      log(`Starting worker ${i} (pid ${worker.pid}, ${WORKER_CORES} core, ${WORKER_MEMORY}, UI http://${LOOPBACK}:${uiPort})...`);
    }
    await waitFor(`${WORKERS} ALIVE workers at the master`, 180_000, daemons, async () => {
      const s = await getJson<MasterStatus>(`${masterUi}/json/`);
      return aliveWorkers(s).length >= WORKERS ? s : undefined;
    });
    log(`The master lists ${WORKERS} ALIVE workers.`);

    const uiPort = await freePort();
    log(`Starting the Spark Connect server against ${masterUrl}...`);
    const server = await Effect.runPromise(
      startLocalServer({
        sparkHome,
        install: false,
        token: false,
        stopOnExit: false,
        dir: DIR,
        driverMemory: DRIVER_MEMORY,
        startupTimeoutMs: 300_000,
        onProgress: log,
        conf: { ...SERVER_CONF, "spark.master": masterUrl, "spark.ui.enabled": "true", "spark.ui.port": String(uiPort) },
      }),
    );
    const serverDaemon: Daemon = { name: "Spark Connect server", pid: server.pid, marker: "SparkConnectServer", log: server.logFile };
    daemons.push(serverDaemon);
    const url = server.connectionString().replace(/\/$/, "");
    save({ url });
    const driverUi = driverUiFromLog(server.logFile) ?? `http://${LOOPBACK}:${uiPort}`;
    const id = await waitFor("the application in the driver's REST API", 120_000, daemons, () => appId(driverUi));
    save({ driverUi, appId: id });
    const execs = await waitFor(`${WORKERS} executors registered with the driver`, 240_000, daemons, async () => {
      // An executor's hostPort gets its port once its block manager has registered.
      const list = (await executors(driverUi, id))?.filter((e) => e.id !== "driver" && e.isActive && /:\d+$/.test(e.hostPort));
      return list && list.length >= WORKERS ? list : undefined;
    });
    log(`Executors: ${execs.map((e) => `${e.id} on ${e.hostPort} (${e.totalCores} core)`).join(", ")}.`);
    log(`Spark cluster ready: master ${masterUrl}, application ${id}, driver UI ${driverUi}, logs in ${rel(LOGS)}/.`);
    log(url);
    return { state, started: true };
  } catch (e) {
    log("Starting the cluster failed; stopping what was started.");
    await stop(true);
    throw e;
  }
}

/** Ends every daemon recorded (server first, master last) and removes the record; idempotent. */
async function stop(quiet = false): Promise<void> {
  const state = readState();
  if (!state) {
    if (!quiet) log("No local Spark cluster is running.");
    return;
  }
  const ended: string[] = [];
  for (const d of [...state.daemons].reverse()) {
    if (await stopDaemon(d)) ended.push(`${d.name} (pid ${d.pid})`);
  }
  rmSync(STATE, { force: true });
  if (!quiet) log(ended.length > 0 ? `Stopped: ${ended.join(", ")}.` : "No local Spark cluster is running (removed a stale record).");
}

async function status(): Promise<number> {
  const state = readState();
  if (!state) {
    log("No local Spark cluster is running.");
    return 1;
  }
  for (const d of state.daemons) log(`  ${d.name.padEnd(22)} pid ${String(d.pid).padEnd(8)} ${running(d) ? "running" : "NOT RUNNING"}   log ${rel(d.log)}`);
  const m = state.masterUi ? await getJson<MasterStatus>(`${state.masterUi}/json/`) : undefined;
  log(`  master ${state.masterUrl ?? "-"}: ${m ? `${aliveWorkers(m).length} ALIVE workers` : "not answering"} (UI ${state.masterUi ?? "-"})`);
  if (state.driverUi && state.appId) {
    const execs = (await executors(state.driverUi, state.appId))?.filter((e) => e.id !== "driver");
    log(
      `  application ${state.appId}: ${
        execs ? execs.map((e) => `executor ${e.id} ${e.isActive ? "active" : "dead"}, ${e.totalTasks} tasks`).join("; ") : "driver UI not answering"
      } (UI ${state.driverUi})`,
    );
  }
  const memory = memoryNow(state.daemons);
  if (memory.size > 0) {
    const total = [...memory.values()].reduce((a, b) => a + b, 0);
    log(`  resident memory: ${[...memory].map(([k, v]) => `${k} ${Math.round(v)} MiB`).join(", ")}; ${(total / 1024).toFixed(1)} GiB in all`);
  }
  const up = runningCluster() !== undefined;
  log(up ? `Running: ${state.url}` : "The cluster is not (fully) running; `npm run cluster:stop` cleans up.");
  return up ? 0 : 1;
}

// ---------------------------------------------------------------------------------------
// The suite

interface TestResult {
  readonly file: string;
  readonly title: string;
  readonly result: "passed" | "failed";
  readonly durationMs: number | null;
}

function count(text: string, re: RegExp): number {
  const m = re.exec(text);
  return m ? Number(m[1]) : 0;
}

/** Runs ava on the suite; returns its output and exit code. */
function runAva(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<{ out: string; code: number }> {
  return runChild(process.execPath, ["node_modules/ava/entrypoints/cli.js", "--config", AVA_CONFIG, ...args], {
    cwd: ROOT,
    env: { ...env, FORCE_COLOR: "0" },
    echo: true,
  });
}

/** Each test's result from ava's list (✔ / ✘ [fail]: file › title), its duration from the suite's own report. */
function testResults(out: string): TestResult[] {
  const timings: { file: string; title: string; durationMs: number }[] = [];
  if (existsSync(REPORT)) {
    for (const line of readFileSync(REPORT, "utf8").split("\n")) {
      if (line.trim() !== "") timings.push(JSON.parse(line) as (typeof timings)[number]);
    }
  }
  const results: TestResult[] = [];
  for (const m of out.matchAll(/^\s*(✔|✘ \[fail\]:) (.+?)(?: \(\d[\d.]*m?s\))?$/gm)) {
    const label = m[2]!.replace(/ (Error|Timed out|Rejected).*$/, "");
    const timing = timings.find((t) => label.endsWith(` › ${t.title}`) || label.includes(` › ${t.title}`));
    const parts = label.split(" › ");
    results.push({
      file: timing?.file ?? parts.slice(0, -1).join("/"),
      title: timing?.title ?? parts[parts.length - 1]!,
      result: m[1] === "✔" ? "passed" : "failed",
      durationMs: timing?.durationMs ?? null,
    });
  }
  return results;
}

async function test(args: readonly string[]): Promise<number> {
  const began = Date.now();
  let passed = 0;
  let failed = 0;
  let started = false;
  let state: ClusterState | undefined;
  try {
    ({ state, started } = await start());
  } catch (e) {
    log(`  ✘ could not start the cluster: ${e instanceof Error ? e.message : String(e)}`);
    failed++;
  }
  let tests: TestResult[] = [];
  let execs: ExecutorSummary[] = [];
  let memory: { peakTotalMiB: number; peakMiB: Record<string, number> } | undefined;
  // Ctrl-C or a kill during the run still stops the cluster this run started.
  const interrupted = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping the cluster this run started...`);
    void (started ? stop() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    if (state?.url && state.driverUi && state.appId) {
      rmSync(REPORT, { force: true });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        SPARK_CONNECT_CLUSTER_URL: state.url,
        SPARK_CONNECT_CLUSTER_UI_URL: state.driverUi,
        SPARK_CONNECT_CLUSTER_REPORT: REPORT,
      };
      log(`Running the cluster suite against ${state.url} (driver UI ${state.driverUi})...`);
      const sampler = memorySampler(state.daemons);
      const { out, code } = await runAva(env, args);
      memory = sampler.stop();
      log(`Peak resident memory of the cluster's processes during the run: ${(memory.peakTotalMiB / 1024).toFixed(1)} GiB.`);
      tests = testResults(out);
      passed = (out.match(/^\s*✔ /gm) ?? []).length;
      let avaFailed =
        Math.max(count(out, /^\s*(\d+) tests? failed/m), (out.match(/^\s*✘ \[fail\]/gm) ?? []).length) +
        count(out, /^\s*(\d+) uncaught exceptions?/m) +
        count(out, /^\s*(\d+) unhandled rejections?/m);
      const skipped = count(out, /^\s*(\d+) tests? skipped/m) + count(out, /^\s*(\d+) tests? todo/m);
      if (skipped > 0) {
        log(`  ✘ ${skipped} test(s) skipped or todo: no test may be left skipped.`);
        avaFailed++;
      }
      if (code !== 0 && avaFailed === 0) avaFailed = 1;
      if (passed === 0 && avaFailed === 0) avaFailed = 1; // a run that ran nothing is a failure
      failed += avaFailed;
      execs = ((await executors(state.driverUi, state.appId)) ?? []).filter((e) => e.id !== "driver");
      log(`Tasks per executor: ${execs.map((e) => `${e.id} (${e.hostPort}): ${e.totalTasks}`).join(", ") || "(driver UI not answering)"}`);
    }
  } finally {
    if (started) {
      log("Stopping the cluster this run started...");
      await stop();
    }
  }
  if (state?.url) {
    const results = {
      date: new Date().toISOString(),
      sparkVersion: state.sparkVersion,
      node: process.version,
      cluster: {
        master: "standalone, 127.0.0.1",
        workers: WORKERS,
        workerCores: WORKER_CORES,
        workerMemory: WORKER_MEMORY,
        daemonMemory: DAEMON_MEMORY,
        executorMemory: EXECUTOR_MEMORY,
        driverMemory: DRIVER_MEMORY,
        serverConf: SERVER_CONF,
        application: state.appId ?? null,
      },
      executors: execs.map((e) => ({
        id: e.id,
        hostPort: e.hostPort,
        cores: e.totalCores,
        totalTasks: e.totalTasks,
        completedTasks: e.completedTasks,
        failedTasks: e.failedTasks,
      })),
      memory: memory ?? null,
      tests,
      passed,
      failed,
      durationMs: Date.now() - began,
    };
    if (args.length === 0) {
      mkdirSync(dirname(RESULTS), { recursive: true });
      writeFileSync(RESULTS, JSON.stringify(results, null, 2) + "\n");
      log(`Results written to ${rel(RESULTS)}.`);
    }
  }
  log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

const USAGE = "usage: cluster.js start | stop | status | test [ava arguments, e.g. --match <title>]";

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "start" && rest.length === 0) await start();
  else if (command === "stop" && rest.length === 0) await stop();
  else if (command === "status" && rest.length === 0) process.exitCode = await status();
  else if (command === "test") process.exitCode = await test(rest);
  else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
