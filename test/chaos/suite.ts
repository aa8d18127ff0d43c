// The chaos run: many sessions run the workload through a fault-injecting proxy against a
// dedicated Spark Connect server, through five phases:
//   warmup   no faults; the memory baseline is taken at its end
//   network  the proxy cuts, resets, stalls and half-opens random connections
//   freeze   the server's JVM is stopped (SIGSTOP) for a while, then continued
//   restart  the server is killed (SIGKILL) and a new one started on the same port;
//            every slot must get a working session again within RECOVERY_MS
//   clean    no faults: every operation must succeed
// Then it checks that nothing is left running on the server, no connection is left open
// and client memory is flat, and returns the figures and the checks.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect } from "effect";
import type { LocalServer } from "../../runtime/LocalServer.js";
import { SparkConnectError, SparkError, SparkSession } from "../../src/index.js";
import { dedicatedServer } from "../support/dedicatedServer.js";
import { type InjectedFault, type OpenConnection, seededRandom, startTcpProxy, type TcpProxy } from "../support/tcpProxy.js";
import {
  ABORT_MS,
  FAULT_GAP_MS,
  FAULT_WEIGHTS,
  MEMORY_SLACK,
  RECOVERY_MS,
  RETRY,
  type RunConfig,
  STALL_MS,
  WATCHDOG_MS,
} from "./config.js";
import { latency, type Latency, MiB, memorySampler, mib, settledMemory } from "./stats.js";
import { drawOp, type Op, type OpKind, setUpSession, WrongResult } from "./workload.js";

export type Phase = "warmup" | "network" | "freeze" | "restart" | "clean";
type Outcome = "ok" | "error" | "wrong" | "untyped" | "hang";

/** One operation of the workload, as the report counts it. */
interface OpRecord {
  readonly kind: OpKind | "setup";
  readonly slot: number;
  readonly phase: Phase;
  readonly startMs: number; // since the run started
  readonly ms: number;
  readonly outcome: Outcome;
  readonly tag?: string; // the error's class
}

/** Something the suite found wrong, with what is needed to look into it. */
export interface Finding {
  readonly check: string;
  readonly message: string;
  readonly slot?: number;
  readonly op?: string;
  readonly phase?: Phase;
  readonly atMs?: number;
  readonly faultsAround?: readonly InjectedFault[];
}

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface Report {
  readonly form: string;
  readonly seed: number;
  readonly replay: string;
  readonly plannedSeconds: number;
  readonly wallSeconds: number;
  readonly sessions: number;
  readonly node: string;
  readonly startedAt: string;
  readonly settings: Record<string, unknown>;
  readonly phases: Record<string, { startS: number; endS: number }>;
  readonly queries: {
    readonly total: number;
    readonly ok: number;
    readonly typedErrors: number;
    readonly wrong: number;
    readonly untyped: number;
    readonly hung: number;
    readonly byKind: Record<string, { ok: number; errors: number; latencyOkMs: Latency }>;
  };
  readonly faults: Record<string, number>;
  /** The proxy's traffic: steps of the fault schedule, connections accepted, bytes each way. */
  readonly proxy: Record<string, number>;
  readonly errorsByClass: Record<string, number>;
  readonly errorsByPhase: Record<string, Record<string, number>>;
  /** Up to three messages of each error class, with the phase and operation. */
  readonly errorSamples: Record<string, string[]>;
  readonly latencyMs: { readonly ok: Latency; readonly all: Latency; readonly okByPhase: Record<string, Latency> };
  readonly abortToRejectMs: Latency;
  readonly restart: { readonly downSeconds?: number; readonly recoverySeconds?: Latency };
  readonly memory: Record<string, unknown>;
  readonly leaks: Record<string, unknown>;
  readonly checks: readonly Check[];
  readonly findings: readonly Finding[];
  /** Typed failures that pass the checks but point at the client: a handle the server rejected (INVALID_HANDLE.*). */
  readonly notes: readonly Finding[];
}

interface LiveSession {
  readonly spark: SparkSession;
  readonly epoch: number; // the server (0 = first, 1 = after the restart) it was set up on
}

interface Slot {
  readonly index: number;
  readonly random: () => number;
  session: LiveSession | undefined;
  idle: boolean;
  recoveredAtMs: number | undefined;
  cleanOps: number; // operations of the clean phase that ended
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Watched<A> = { status: "done"; value: A } | { status: "error"; error: unknown } | { status: "hang" };

/** Runs `promise` under the watchdog; a late settlement is observed, never unhandled. */
async function watched<A>(promise: Promise<A>, ms = WATCHDOG_MS): Promise<Watched<A>> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Watched<A>>((r) => (timer = setTimeout(() => r({ status: "hang" }), ms)));
  try {
    return await Promise.race([promise.then((value) => ({ status: "done" as const, value }), (error: unknown) => ({ status: "error" as const, error })), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The port the server's UI bound (Spark moves on to the next one when the asked one is taken). */
function uiPortOf(server: LocalServer, asked: number): number {
  const m = /Successfully started service 'SparkUI' on port (\d+)/.exec(readFileSync(server.logFile, "utf8"));
  return m ? Number(m[1]) : asked;
}

/** Spark jobs running on the server, from its UI's REST API. */
async function runningJobs(uiPort: number): Promise<number> {
  const base = `http://127.0.0.1:${uiPort}/api/v1/applications`;
  const apps = (await (await fetch(base, { signal: AbortSignal.timeout(10_000) })).json()) as { id: string }[];
  let n = 0;
  for (const app of apps) {
    const jobs = (await (await fetch(`${base}/${app.id}/jobs?status=running`, { signal: AbortSignal.timeout(10_000) })).json()) as unknown[];
    n += jobs.length;
  }
  return n;
}

/** Open proxy connections in a line: id, age, traffic, and which client (by its HTTP/2 settings). */
function describeOpen(open: readonly OpenConnection[]): string {
  // Result-stream connections send two settings (12 bytes), grpc-js's one (6 bytes).
  const client = (n: number | undefined) => (n === 12 ? "result reader" : n === 6 ? "grpc-js" : `settings ${n ?? "?"} bytes`);
  return open
    .map((c) => `#${c.id} (${client(c.clientSettingsBytes)}, accepted at ${c.acceptedAtMs} ms, ${c.bytesToServer} B up, ${c.bytesToClient} B down${c.silent ? ", half-open" : ""}${c.stalls > 0 ? ", stalled" : ""})`)
    .join("; ");
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}${e.stack ? `\n${e.stack.split("\n").slice(1, 6).join("\n")}` : ""}`;
  return `${typeof e}: ${String(e)}`;
}

export async function runChaos(config: RunConfig, log: (line: string) => void): Promise<Report> {
  const t0 = Date.now();
  const now = () => Date.now() - t0;
  const startedAt = new Date(t0).toISOString();
  const phaseRandom = seededRandom(config.seed + 2);
  const findings: Finding[] = [];
  const records: OpRecord[] = [];
  const abortLatencies: number[] = [];
  const errorSamples: Record<string, string[]> = {};
  const notes: Finding[] = [];
  const phases: Record<string, { startS: number; endS: number }> = {};
  let phase: Phase = "warmup";
  let phaseStart = 0;
  const endPhase = () => {
    phases[phase] = { startS: Math.round(phaseStart / 100) / 10, endS: Math.round(now() / 100) / 10 };
  };
  const enter = (next: Phase) => {
    endPhase();
    phase = next;
    phaseStart = now();
    const done = records.length;
    log(`chaos: ${next} phase at ${(now() / 1000).toFixed(0)} s (${done} operations so far)`);
  };
  let serverEpoch = 0;
  let restartReadyAt: number | undefined;
  let downSeconds: number | undefined;
  let stopping = false;
  let quiet = false;
  const otherFaults = { sigstop: 0, restart: 0 };

  const dir = mkdtempSync(join(tmpdir(), "spark-chaos-"));
  const uiPort = await freePort();
  const serverOptions = (port?: number) => ({
    dir,
    driverMemory: "2g",
    ...(port !== undefined ? { port } : {}),
    conf: { "spark.sql.shuffle.partitions": "4", "spark.ui.enabled": "true", "spark.ui.port": String(uiPort), "spark.ui.showConsoleProgress": "false" },
  });
  log(`chaos: starting a dedicated Spark Connect server (seed ${config.seed}, ${config.sessions} sessions, ${config.seconds} s)`);
  let server: LocalServer = await dedicatedServer(serverOptions());
  const proxy: TcpProxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const memory = memorySampler();
  let frozen = false;

  // The proxy counts its log's times from its own start; findings count from the run's.
  const proxyStart = now();
  const faultsAround = (from: number, to: number): InjectedFault[] =>
    proxy.log
      .map((f) => ({ ...f, atMs: f.atMs + proxyStart }))
      .filter((f) => f.atMs >= from - 1000 && f.atMs <= to)
      .slice(-12);

  const slots: Slot[] = Array.from({ length: config.sessions }, (_, index) => ({
    index,
    random: seededRandom((config.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0),
    session: undefined,
    idle: false,
    recoveredAtMs: undefined,
    cleanOps: 0,
  }));

  /** Records an operation's outcome; returns the error's class when it failed typed. */
  const settle = (slot: Slot, kind: OpKind | "setup", what: string, start: number, startPhase: Phase, result: Watched<unknown>): string | undefined => {
    const ms = now() - start;
    let outcome: Outcome = "ok";
    let tag: string | undefined;
    const find = (check: string, message: string) =>
      findings.push({ check, message, slot: slot.index, op: `${kind}: ${what}`, phase: startPhase, atMs: start, faultsAround: faultsAround(start, now()) });
    if (result.status === "hang") {
      outcome = "hang";
      find("hang", `no answer within the ${WATCHDOG_MS / 1000} s watchdog`);
    } else if (result.status === "error") {
      const e = result.error;
      if (e instanceof WrongResult) {
        outcome = "wrong";
        find("exact", e.message);
      } else if (e instanceof SparkConnectError) {
        outcome = "error";
        tag = e._tag;
        if (e instanceof SparkError && (e.errorClass ?? "").startsWith("INVALID_HANDLE.")) {
          // A handle the client let the server reject: typed, but worth a look (see docs/chaos.md).
          notes.push({ check: "note", message: `${e.errorClass}: ${e.message.split("\n")[0]!.slice(0, 200)}`, slot: slot.index, op: `${kind}: ${what}`, phase: startPhase, atMs: start, faultsAround: faultsAround(start, now()) });
        }
        const samples = (errorSamples[tag] ??= []);
        const text = `${startPhase} ${kind}: ${e.message.split("\n")[0]!.slice(0, 300)}`;
        if (samples.length < 3 && !samples.includes(text)) samples.push(text);
      } else {
        outcome = "untyped";
        tag = e instanceof Error ? e.constructor.name : typeof e;
        find("typed", describeError(e));
      }
    }
    records.push({ kind, slot: slot.index, phase: startPhase, startMs: start, ms, outcome, ...(tag !== undefined ? { tag } : {}) });
    if (startPhase === "clean" && kind !== "sessionCycle") slot.cleanOps++;
    if (startPhase === "clean" && outcome !== "ok") find("clean", `failed after the faults stopped: ${tag ?? outcome}${result.status === "error" ? ` (${describeError(result.error).split("\n")[0]})` : ""}`);
    // A slot has recovered from the restart once an operation that needs the server succeeds.
    if (outcome === "ok" && kind !== "sessionCycle" && restartReadyAt !== undefined && start >= restartReadyAt && slot.recoveredAtMs === undefined) slot.recoveredAtMs = now();
    return outcome === "error" ? tag : undefined;
  };

  /** Leaves a session behind: closed in the background, its failure or hang only logged. */
  const drop = (session: LiveSession | undefined) => {
    if (session === undefined) return;
    void watched(session.spark.close()).then((r) => {
      if (r.status !== "done") findings.push({ check: r.status === "hang" ? "hang" : "typed", message: `close() ${r.status === "hang" ? "did not return" : `failed: ${describeError((r as { error: unknown }).error)}`}` });
    });
  };

  const openSession = async (slot: Slot) => {
    const start = now();
    const startPhase = phase;
    const epoch = serverEpoch;
    let spark: SparkSession | undefined;
    const result = await watched(
      (async () => {
        spark = await SparkSession.connect(proxy.url, { retry: RETRY });
        await setUpSession(spark, slot.index);
      })(),
    );
    const failed = settle(slot, "setup", "connect and set up", start, startPhase, result);
    if (result.status === "done" && spark) slot.session = { spark, epoch };
    else {
      if (spark) drop({ spark, epoch });
      if (failed === "SessionChangedError" && epoch === serverEpoch) findings.push({ check: "session", message: "a new session's setup failed with SessionChangedError", slot: slot.index, phase: startPhase, atMs: start });
    }
  };

  const runOp = async (slot: Slot, session: LiveSession, op: Op) => {
    const start = now();
    const startPhase = phase;
    const epochAtStart = serverEpoch;
    const result = await watched(op.run(session.spark, slot.index, (ms) => abortLatencies.push(ms)));
    const tag = settle(slot, op.kind, op.what, start, startPhase, result);
    // (An aborted query ends the same way whether or not the server answered.)
    if (result.status === "done" && session.epoch < epochAtStart && op.kind !== "interrupt") {
      findings.push({ check: "session", message: "a session of the killed server answered after the restart instead of failing with SessionChangedError", slot: slot.index, op: `${op.kind}: ${op.what}`, phase: startPhase, atMs: start });
    }
    if (tag === "SessionChangedError" && session.epoch === serverEpoch) {
      findings.push({ check: "session", message: "SessionChangedError without a server restart", slot: slot.index, op: `${op.kind}: ${op.what}`, phase: startPhase, atMs: start, faultsAround: faultsAround(start, now()) });
    }
    const lostSession = result.status === "error" && result.error instanceof SparkError && (result.error.errorClass ?? "").startsWith("INVALID_HANDLE.SESSION");
    if (result.status === "hang" || tag === "SessionChangedError" || tag === "SessionClosedError" || lostSession) {
      slot.session = undefined;
      drop(session);
    } else if (tag === "TransportError") await sleep(200);
  };

  const worker = async (slot: Slot) => {
    while (!stopping) {
      if (quiet) {
        slot.idle = true;
        while (quiet && !stopping) await sleep(50);
        slot.idle = false;
        continue;
      }
      const session = slot.session;
      if (session === undefined) {
        await openSession(slot);
        if (slot.session === undefined) await sleep(300);
        continue;
      }
      const op = drawOp(slot.random);
      if (op.kind === "sessionCycle") {
        const start = now();
        const startPhase = phase;
        slot.session = undefined;
        const closed = await watched(session.spark.close());
        settle(slot, "sessionCycle", op.what, start, startPhase, closed);
        continue;
      }
      await runOp(slot, session, op);
    }
    slot.idle = true;
  };

  /** Waits until every worker is between operations (bounded by the watchdog). */
  const quiesce = async () => {
    quiet = true;
    const deadline = Date.now() + WATCHDOG_MS + 10_000;
    while (slots.some((s) => !s.idle) && Date.now() < deadline) await sleep(50);
  };
  const resumeWork = () => {
    quiet = false;
  };

  const heapSeries: { after: Phase; heapMiB: number; externalMiB: number; rssMiB: number }[] = [];
  const measure = (after: Phase) => {
    const m = settledMemory();
    heapSeries.push({ after, heapMiB: mib(m.heap), externalMiB: mib(m.external), rssMiB: mib(m.rss) });
    return m;
  };

  const seconds = config.seconds * 1000;
  const warmupMs = Math.max(5_000, seconds * 0.05);
  const networkMs = seconds * 0.5;
  const [fMin, fMax] = config.freezeMs;
  const freezeMs = Math.round(fMin + phaseRandom() * (fMax - fMin));
  const afterFreezeMs = Math.max(4_000, seconds * 0.05);
  const restartTailMs = Math.max(5_000, seconds * 0.05);
  const cleanMs = Math.max(20_000, seconds * 0.15);

  const checks: Check[] = [];
  let workers: Promise<void>[] = [];
  let baseline: ReturnType<typeof settledMemory> | undefined;
  let final: ReturnType<typeof settledMemory> | undefined;
  const leaks: Record<string, unknown> = {};
  let schedule: ReturnType<TcpProxy["startChaos"]> | undefined;
  try {
    workers = slots.map(worker);
    await sleep(warmupMs);
    await quiesce();
    baseline = measure("warmup");
    resumeWork();

    enter("network");
    schedule = proxy.startChaos({
      seed: config.seed + 1,
      gapMs: FAULT_GAP_MS,
      weights: FAULT_WEIGHTS,
      stallMs: STALL_MS,
      halfOpenMs: config.halfOpenMs,
    });
    await sleep(networkMs);
    schedule.stop();
    // Operations caught in a fault finish (or hit the watchdog) before the proxy ends
    // the faults under way: a half-open connection that lasts "until the run ends" shows
    // whether the client notices it by itself.
    await quiesce();
    proxy.heal();
    measure("network");
    resumeWork();

    enter("freeze");
    await sleep(1_000);
    process.kill(server.pid, "SIGSTOP");
    frozen = true;
    otherFaults.sigstop++;
    log(`chaos: server stopped (SIGSTOP) for ${(freezeMs / 1000).toFixed(1)} s`);
    await sleep(freezeMs);
    process.kill(server.pid, "SIGCONT");
    frozen = false;
    await sleep(afterFreezeMs);
    await quiesce();
    measure("freeze");
    resumeWork();

    enter("restart");
    await sleep(1_000);
    const killedAt = now();
    serverEpoch++;
    process.kill(server.pid, "SIGKILL");
    otherFaults.restart++;
    await server.stop();
    log("chaos: server killed (SIGKILL); starting a new one on the same port");
    server = await dedicatedServer(serverOptions(server.port));
    restartReadyAt = now();
    downSeconds = Math.round((restartReadyAt - killedAt) / 100) / 10;
    log(`chaos: server back after ${downSeconds} s; waiting for every session slot to work again`);
    const recoveryDeadline = Date.now() + RECOVERY_MS;
    while (slots.some((s) => s.recoveredAtMs === undefined) && Date.now() < recoveryDeadline) await sleep(100);
    const unrecovered = slots.filter((s) => s.recoveredAtMs === undefined).map((s) => s.index);
    checks.push({
      name: `every session slot works again within ${RECOVERY_MS / 1000} s of the restart`,
      ok: unrecovered.length === 0,
      detail: unrecovered.length === 0 ? `slowest after ${Math.max(...slots.map((s) => s.recoveredAtMs! - restartReadyAt!)) / 1000} s` : `slots ${unrecovered.join(", ")} did not`,
    });
    await sleep(restartTailMs);

    enter("clean");
    await sleep(cleanMs);
    // On a slow server a phase may end before each slot finished an operation of it: go on
    // until each has (bounded by the watchdog), so that every slot is checked fault-free.
    const cleanDeadline = Date.now() + WATCHDOG_MS;
    while (slots.some((s) => s.cleanOps === 0) && Date.now() < cleanDeadline) await sleep(100);
    endPhase();
    stopping = true;
    await Promise.all(workers);

    // Leaks: nothing running on the server once the workload stopped waiting, nothing open on the proxy.
    const live = slots.flatMap((s) => (s.session ? [s.session] : []));
    await Promise.all(live.map((s) => watched(Effect.runPromise(s.spark.handle.core.ctx.settle))));
    let jobs = -1;
    const jobsDeadline = Date.now() + 10_000;
    for (;;) {
      const r = await watched(runningJobs(uiPortOf(server, uiPort)), 30_000);
      jobs = r.status === "done" ? r.value : -1;
      if (jobs === 0 || Date.now() > jobsDeadline) break;
      await sleep(500);
    }
    leaks["runningSparkJobs"] = jobs;
    checks.push({ name: "no Spark job left running on the server", ok: jobs === 0, detail: jobs < 0 ? "the server's UI did not answer" : `${jobs} running` });
    const interrupted: string[] = [];
    for (const s of live) {
      const r = await watched(s.spark.interruptAll());
      if (r.status === "done") interrupted.push(...r.value);
      else findings.push({ check: "leak", message: `interruptAll() ${r.status === "hang" ? "did not return" : `failed: ${describeError((r as { error: unknown }).error)}`}` });
    }
    leaks["interruptAllSessions"] = live.length;
    leaks["stillRunningOperations"] = interrupted;
    checks.push({ name: "interruptAll() finds no operation still running in any live session", ok: interrupted.length === 0, detail: `${live.length} sessions, ${interrupted.length} operations: ${interrupted.join(", ")}` });
    const openBefore = proxy.open.length;
    leaks["proxyConnectionsWithSessionsOpen"] = openBefore;
    if (openBefore > live.length + 1) leaks["openConnectionsWithSessionsOpen"] = proxy.openDetails;
    // Each session reads its results over a connection of its own; unary calls share grpc-js's one.
    checks.push({ name: "at most one proxy connection per live session, plus the shared one of unary calls", ok: openBefore <= live.length + 1, detail: `${openBefore} connections for ${live.length} sessions${openBefore <= live.length + 1 ? "" : `: ${describeOpen(proxy.openDetails)}`}` });

    final = measure("clean");
    const bound = baseline.heap + baseline.external + (baseline.heap + baseline.external) * MEMORY_SLACK.ratio + MEMORY_SLACK.mib * MiB;
    checks.push({
      name: "client memory is flat (heap + external after GC)",
      ok: final.heap + final.external <= bound,
      detail: `baseline ${mib(baseline.heap + baseline.external)} MiB, end ${mib(final.heap + final.external)} MiB, bound ${mib(bound)} MiB`,
    });

    for (const s of slots) {
      const session = s.session;
      s.session = undefined;
      if (session) {
        const r = await watched(session.spark.close());
        if (r.status !== "done") findings.push({ check: r.status === "hang" ? "hang" : "typed", message: `close() at the end ${r.status === "hang" ? "did not return" : `failed: ${describeError((r as { error: unknown }).error)}`}`, slot: s.index });
      }
    }
    const closeDeadline = Date.now() + 10_000;
    while (proxy.open.length > 0 && Date.now() < closeDeadline) await sleep(100);
    leaks["proxyConnectionsAfterClose"] = proxy.open.length;
    if (proxy.open.length > 0) leaks["openConnectionsAfterClose"] = proxy.openDetails;
    checks.push({ name: "no proxy connection left open once every session closed", ok: proxy.open.length === 0, detail: `${proxy.open.length} open${proxy.open.length === 0 ? "" : `: ${describeOpen(proxy.openDetails)}`}` });
  } catch (e) {
    checks.push({ name: "the run completed", ok: false, detail: describeError(e) });
  } finally {
    schedule?.stop();
    stopping = true;
    if (frozen) process.kill(server.pid, "SIGCONT");
    memory.stop();
    await proxy.close();
    await server.stop();
  }
  leaks["activeResources"] = process.getActiveResourcesInfo().reduce<Record<string, number>>((acc, r) => ((acc[r] = (acc[r] ?? 0) + 1), acc), {});

  // Figures.
  const count = (f: (r: OpRecord) => boolean) => records.filter(f).length;
  const queryRecords = records.filter((r) => r.kind !== "setup" && r.kind !== "sessionCycle");
  const byKind: Report["queries"]["byKind"] = {};
  for (const kind of [...new Set(records.map((r) => r.kind))].sort()) {
    const rs = records.filter((r) => r.kind === kind);
    byKind[kind] = { ok: rs.filter((r) => r.outcome === "ok").length, errors: rs.filter((r) => r.outcome !== "ok").length, latencyOkMs: latency(rs.filter((r) => r.outcome === "ok").map((r) => r.ms)) };
  }
  const errorsByClass: Record<string, number> = {};
  const errorsByPhase: Record<string, Record<string, number>> = {};
  for (const r of records) {
    if (r.outcome === "ok") continue;
    const name = r.tag ?? r.outcome;
    errorsByClass[name] = (errorsByClass[name] ?? 0) + 1;
    (errorsByPhase[r.phase] ??= {})[name] = (errorsByPhase[r.phase]![name] ?? 0) + 1;
  }
  const recovery = restartReadyAt === undefined ? [] : slots.flatMap((s) => (s.recoveredAtMs === undefined ? [] : [(s.recoveredAtMs - restartReadyAt!) / 1000]));

  const cleanOps = count((r) => r.phase === "clean");
  const by = (check: string) => findings.filter((f) => f.check === check);
  checks.unshift(
    { name: "every result exact", ok: by("exact").length === 0, detail: `${count((r) => r.outcome === "ok")} checked, ${by("exact").length} wrong` },
    { name: "every failure a typed SparkConnectError", ok: by("typed").length === 0, detail: `${count((r) => r.outcome === "error")} typed, ${by("typed").length} not` },
    { name: `no operation exceeded the ${WATCHDOG_MS / 1000} s watchdog`, ok: by("hang").length === 0, detail: `${by("hang").length} hung` },
    { name: "sessions of the killed server fail with SessionChangedError, and only they", ok: by("session").length === 0, detail: `${errorsByClass["SessionChangedError"] ?? 0} SessionChangedError, ${by("session").length} violations` },
    { name: "no failure once the faults stopped", ok: by("clean").length === 0 && cleanOps > 0, detail: `${cleanOps} operations in the clean phase, ${by("clean").length} failed` },
    { name: `aborted queries reject within ${ABORT_MS / 1000} s of the abort`, ok: abortLatencies.every((ms) => ms <= ABORT_MS), detail: `${abortLatencies.length} aborts, slowest ${Math.max(0, ...abortLatencies)} ms` },
  );
  const leak = by("leak");
  if (leak.length > 0) checks.push({ name: "leak checks ran", ok: false, detail: leak.map((f) => f.message).join("; ") });

  const ok = records.filter((r) => r.outcome === "ok");
  const passed = checks.every((c) => c.ok);
  if (passed) rmSync(dir, { recursive: true, force: true });
  return {
    form: config.form,
    seed: config.seed,
    replay: `CHAOS_SEED=${config.seed} CHAOS_SECONDS=${config.seconds} CHAOS_SESSIONS=${config.sessions}${config.halfOpenMs[0] === Infinity ? " CHAOS_HALF_OPEN_MS=inf" : ""} npm run chaos${config.form === "short" ? " -- --short" : ""}`,
    plannedSeconds: config.seconds,
    wallSeconds: Math.round(now() / 1000),
    sessions: config.sessions,
    node: process.version,
    startedAt,
    settings: {
      watchdogMs: WATCHDOG_MS,
      halfOpenMs: config.halfOpenMs.map((v) => (Number.isFinite(v) ? v : "inf")),
      stallMs: STALL_MS,
      faultGapMs: FAULT_GAP_MS,
      faultWeights: FAULT_WEIGHTS,
      freezeMs,
      recoveryMs: RECOVERY_MS,
      retry: RETRY,
      ...(passed ? {} : { serverLogs: dir }),
    },
    phases,
    queries: {
      total: queryRecords.length,
      ok: queryRecords.filter((r) => r.outcome === "ok").length,
      typedErrors: queryRecords.filter((r) => r.outcome === "error").length,
      wrong: count((r) => r.outcome === "wrong"),
      untyped: count((r) => r.outcome === "untyped"),
      hung: count((r) => r.outcome === "hang"),
      byKind,
    },
    faults: { ...proxy.faults, ...otherFaults },
    proxy: { scheduleSteps: schedule?.steps ?? 0, connectionsAccepted: proxy.connections, toClientMiB: mib(proxy.bytesToClient), toServerMiB: mib(proxy.bytesToServer) },
    errorsByClass,
    errorsByPhase,
    errorSamples,
    latencyMs: {
      ok: latency(ok.map((r) => r.ms)),
      all: latency(records.map((r) => r.ms)),
      okByPhase: Object.fromEntries(Object.keys(phases).map((p) => [p, latency(ok.filter((r) => r.phase === p).map((r) => r.ms))])),
    },
    abortToRejectMs: latency(abortLatencies),
    restart: { ...(downSeconds !== undefined ? { downSeconds } : {}), recoverySeconds: latency(recovery) },
    memory: {
      ...memory.summary(),
      settled: heapSeries,
      ...(baseline && final ? { baselineMiB: mib(baseline.heap + baseline.external), endMiB: mib(final.heap + final.external) } : {}),
    },
    leaks,
    checks,
    findings,
    notes,
  };
}
