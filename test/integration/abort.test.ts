// Stopping every class of operation with the options every operation takes: an
// AbortSignal, a timeout, an already aborted signal, and the same through the Effect API.
// Each stop must reach the server within 2 s of the abort (the server confirms it
// interrupted the operation, or the unary call is cancelled) and leave the session usable.
//
// Queries and writes are slow on the server (a task sleeping in the JVM). Views, catalog
// calls, configuration and analysis are fast there: they are made slow by a TCP proxy
// between client and server that holds the server's answers (pause/resume).
//
// Serial: the timings are the point, and the slow queries take the server's task slots.
import test, { type ExecutionContext } from "ava";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InterceptingCall, type Interceptor } from "@grpc/grpc-js";
import { Cause, Effect, Exit, Fiber } from "effect";
import { InterruptedError, OperationTimeoutError, SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { recorder } from "../support/recorder.js";
import { TEST_RETRY, testUrl } from "../support/server.js";
import { startTcpProxy } from "../support/tcpProxy.js";

/** One row that takes a minute: a task sleeping in the JVM, which cancellation interrupts. */
const SLOW = "SELECT java_method('java.lang.Thread', 'sleep', 60000L) AS s FROM range(1)";

/** The bound every stop must meet: from the abort to the rejection, and to the server's confirmation. */
const BOUND_MS = 2000;

/**
 * Watches the server's answers: the operations it reported a running task for (progress
 * reports of ExecutePlan carry the operation id and the tasks in flight) and when it
 * confirmed interrupting which.
 */
function watcher() {
  const reported = new Set<string>();
  const waiting = new Map<string, () => void>();
  const interruptedAt = new Map<string, number>();
  const interceptor: Interceptor = (options, next) => {
    const method = options.method_definition.path.split("/").pop();
    return new InterceptingCall(next(options), {
      start(metadata, _listener, start) {
        start(metadata, {
          onReceiveMessage(message: unknown, receive) {
            const m = message as {
              operationId?: string;
              responseType?: { case?: string; value?: { numInflightTasks?: bigint } };
              interruptedIds?: string[];
            } | null;
            const progress = m?.responseType?.case === "executionProgress" ? m.responseType.value : undefined;
            if ((method === "ExecutePlan" || method === "ReattachExecute") && m?.operationId && (progress?.numInflightTasks ?? 0n) > 0n) {
              reported.add(m.operationId);
              waiting.get(m.operationId)?.();
            }
            if (method === "Interrupt") for (const id of m?.interruptedIds ?? []) if (!interruptedAt.has(id)) interruptedAt.set(id, performance.now());
            receive(message);
          },
        });
      },
    });
  };
  return {
    interceptor,
    /** Resolves once the server reports a task of the operation running. */
    running(operationId: string): Promise<void> {
      if (reported.has(operationId)) return Promise.resolve();
      return new Promise((ok) => waiting.set(operationId, ok));
    },
    /** When (performance.now()) the server confirmed interrupting the operation, if it did. */
    interruptedAt: (operationId: string) => interruptedAt.get(operationId),
  };
}

type Watch = ReturnType<typeof watcher>;

async function session(url = testUrl()) {
  const rec = recorder();
  const watch = watcher();
  const spark = await SparkSession.connect(url, { interceptors: [rec.interceptor, watch.interceptor], retry: TEST_RETRY });
  return { spark, rec, watch };
}

/** A session whose traffic goes through a TCP proxy that can hold the server's answers. */
async function heldSession() {
  const { host, port } = parseConnectionString(testUrl());
  const proxy = await startTcpProxy({ host, port });
  const s = await session(proxy.url);
  await s.spark.range(1).collect(); // the connection is up and the session known
  await quiet(s.rec);
  return { ...s, proxy };
}

/** Waits until every operation run so far is released and the releases answered (they run in the background). */
async function quiet(rec: ReturnType<typeof recorder>): Promise<void> {
  const count = (xs: { method: string }[], method: string) => xs.filter((x) => x.method === method).length;
  const releasedAll = () => rec.log.filter((c) => c.method === "ReleaseExecute" && "releaseAll" in (c.request as object)).length;
  await until(
    "the background releases are done",
    () => releasedAll() >= count(rec.log, "ExecutePlan") && count(rec.responses, "ReleaseExecute") >= count(rec.log, "ReleaseExecute"),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** Waits until a task of the operation runs on the server; a job that settles first fails the wait. */
async function whenRunning(watch: Watch, operationId: string, job: Promise<unknown>): Promise<void> {
  const settled = job.then(
    () => Promise.reject(new Error("the operation finished before it was aborted")),
    (e: unknown) => Promise.reject(new Error(`the operation failed before it was aborted: ${String(e)}`)),
  );
  await Promise.race([watch.running(operationId), settled]);
}

/** Aborts and measures until the job rejects with InterruptedError naming the reason; asserts the bound. */
async function abortAndMeasure(t: ExecutionContext, controller: AbortController, job: Promise<unknown>): Promise<{ err: InterruptedError; abortedAt: number }> {
  const abortedAt = performance.now();
  controller.abort(new Error("user pressed stop"));
  const err = await t.throwsAsync(job, { instanceOf: InterruptedError });
  const ms = performance.now() - abortedAt;
  t.log(`abort -> rejection: ${Math.round(ms)} ms`);
  t.true(ms < BOUND_MS, `rejected ${Math.round(ms)} ms after the abort`);
  t.regex(err.message, /interrupted by its AbortSignal: user pressed stop/);
  return { err, abortedAt };
}

/** The server confirmed interrupting the operation within the bound of `since`, and nothing of it is left running. */
async function stoppedOnServer(t: ExecutionContext, spark: SparkSession, watch: Watch, operationId: string, since: number): Promise<void> {
  // The rejection does not wait past a grace period for the confirmation: give it the bound.
  await until("the server confirms the interrupt", () => watch.interruptedAt(operationId) !== undefined, BOUND_MS).catch(() => {});
  const at = watch.interruptedAt(operationId);
  t.not(at, undefined, "the server reports the operation interrupted");
  if (at !== undefined) {
    t.log(`stop -> server confirmed the interrupt: ${Math.round(at - since)} ms`);
    t.true(at - since < BOUND_MS, `confirmed ${Math.round(at - since)} ms after the stop`);
  }
  t.deepEqual(await spark.interruptOperation(operationId), [], "nothing of the operation is left running");
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "spark-abort-"));
}

function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** Files a write committed under `dir` (its _SUCCESS marker and data files; not the temporary ones). */
function committed(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f === "_SUCCESS" || f.startsWith("part-"));
}

// ---------------------------------------------------------------------------------------
// Slow on the server: queries and writes.

test.serial("query: aborting the signal stops it on the server within 2 s; the session works after", async (t) => {
  const { spark, watch } = await session();
  try {
    const operationId = randomUUID();
    const controller = new AbortController();
    const job = spark.sql(SLOW).collect({ signal: controller.signal, operationId });
    await whenRunning(watch, operationId, job);
    const { abortedAt } = await abortAndMeasure(t, controller, job);
    await stoppedOnServer(t, spark, watch, operationId, abortedAt);
    t.deepEqual(await spark.sql("SELECT 2 AS y").collect(), [{ y: 2 }]);
  } finally {
    await spark.close();
  }
});

test.serial("write V1 (parquet): aborting stops it on the server within 2 s; nothing is committed", async (t) => {
  const { spark, watch } = await session();
  const dir = tempDir();
  try {
    const out = path.join(dir, "out");
    const operationId = randomUUID();
    const controller = new AbortController();
    const job = spark.sql(SLOW).write.mode("overwrite").parquet(out, { signal: controller.signal, operationId });
    await whenRunning(watch, operationId, job);
    const { abortedAt } = await abortAndMeasure(t, controller, job);
    await stoppedOnServer(t, spark, watch, operationId, abortedAt);
    t.deepEqual(committed(out), [], "no data file and no _SUCCESS marker");
    await spark.range(3).write.mode("overwrite").parquet(out);
    t.is(await spark.read.parquet(out).count(), 3, "the session works; the same path takes a write");
  } finally {
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.serial("write V1 (saveAsTable): aborting stops it on the server within 2 s; no table is created", async (t) => {
  const { spark, watch } = await session();
  const dir = tempDir();
  const table = uniqueName("abort_v1");
  try {
    const operationId = randomUUID();
    const controller = new AbortController();
    const job = spark
      .sql(SLOW)
      .write.mode("overwrite")
      .option("path", path.join(dir, "t"))
      .saveAsTable(table, { signal: controller.signal, operationId, tags: ["abort-test"] });
    await whenRunning(watch, operationId, job);
    const { abortedAt } = await abortAndMeasure(t, controller, job);
    await stoppedOnServer(t, spark, watch, operationId, abortedAt);
    t.deepEqual(await spark.interruptTag("abort-test"), [], "nothing with the operation's tag is running");
    t.false(await spark.catalog.tableExists(table), "the table was not created");
    t.deepEqual(await spark.sql("SELECT 3 AS z").collect(), [{ z: 3 }]);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.serial("write V2 (writeTo().create): aborting stops it on the server within 2 s; no table is created", async (t) => {
  const { spark, watch } = await session();
  const dir = tempDir();
  const table = uniqueName("abort_v2");
  try {
    const operationId = randomUUID();
    const controller = new AbortController();
    const job = spark
      .sql(SLOW)
      .writeTo(table)
      .using("parquet")
      .option("path", path.join(dir, "t"))
      .create({ signal: controller.signal, operationId });
    await whenRunning(watch, operationId, job);
    const { abortedAt } = await abortAndMeasure(t, controller, job);
    await stoppedOnServer(t, spark, watch, operationId, abortedAt);
    t.false(await spark.catalog.tableExists(table), "the table was not created");
    t.deepEqual(committed(path.join(dir, "t")), []);
    await spark.sql("SELECT 'done' AS s").writeTo(table).using("parquet").option("path", path.join(dir, "t2")).create();
    t.deepEqual(await spark.table(table).collect(), [{ s: "done" }], "the session works; the name is free");
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.serial("timeout: a query past its timeout fails with OperationTimeoutError naming it and is stopped on the server", async (t) => {
  const { spark, watch } = await session();
  try {
    const operationId = randomUUID();
    const timeout = 3000;
    const startedAt = performance.now();
    const job = spark.sql(SLOW).collect({ timeout, operationId });
    const err = await t.throwsAsync(job, { instanceOf: OperationTimeoutError });
    const deadline = startedAt + timeout;
    const late = performance.now() - deadline;
    t.log(`timeout -> rejection: ${Math.round(late)} ms`);
    t.true(late >= -50, `rejected ${Math.round(-late)} ms before the timeout elapsed`);
    t.true(late < BOUND_MS, `rejected ${Math.round(late)} ms after the timeout elapsed`);
    t.regex(err.message, /collect\(\) did not finish within its timeout of 3000 ms/);
    t.is(err.timeoutMs, timeout);
    await stoppedOnServer(t, spark, watch, operationId, deadline);
    t.deepEqual(await spark.sql("SELECT 5 AS v").collect({ timeout }), [{ v: 5 }], "the session works, with the same timeout");
  } finally {
    await spark.close();
  }
});

test.serial("timeout: a write past its timeout fails with OperationTimeoutError and commits nothing", async (t) => {
  const { spark, watch } = await session();
  const dir = tempDir();
  try {
    const out = path.join(dir, "out");
    const operationId = randomUUID();
    const startedAt = performance.now();
    const err = await t.throwsAsync(spark.sql(SLOW).write.mode("overwrite").json(out, { timeout: 3000, operationId }), {
      instanceOf: OperationTimeoutError,
      message: /did not finish within its timeout of 3000 ms and was interrupted on the server/,
    });
    t.is(err.timeoutMs, 3000);
    const late = performance.now() - (startedAt + 3000);
    t.log(`timeout -> rejection: ${Math.round(late)} ms`);
    t.true(late < BOUND_MS, `rejected ${Math.round(late)} ms after the timeout elapsed`);
    await stoppedOnServer(t, spark, watch, operationId, startedAt + 3000);
    t.deepEqual(committed(out), []);
  } finally {
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// Fast on the server, slow on the wire: the proxy holds the server's answers.

/**
 * Starts an operation while the proxy holds the server's answers, aborts once the server
 * has answered (held), and checks the rejection comes within the bound. Returns what was
 * sent during the operation. The proxy is resumed before returning.
 */
async function abortWhileHeld(
  t: ExecutionContext,
  s: Awaited<ReturnType<typeof heldSession>>,
  name: string,
  start: (signal: AbortSignal) => Promise<unknown>,
): Promise<string[]> {
  const { proxy, rec } = s;
  const logBefore = rec.log.length;
  const responsesBefore = rec.responses.length;
  const toServerBefore = proxy.bytesToServer;
  proxy.pause();
  try {
    const controller = new AbortController();
    const job = start(controller.signal);
    await until("the request is sent", () => rec.log.length > logBefore && proxy.bytesToServer > toServerBefore);
    await until("the server's answer is held", () => proxy.bytesHeld > 0);
    await sleep(200); // the whole answer is in
    t.is(rec.responses.length, responsesBefore, "nothing of the answer reached the client");
    const { err } = await abortAndMeasure(t, controller, job);
    t.regex(err.message, new RegExp(`^${name.replace(/[.()]/g, "\\$&")}\\(\\) was interrupted`));
  } finally {
    proxy.resume();
  }
  return rec.log.slice(logBefore).map((c) => c.method);
}

async function closeHeld(s: Awaited<ReturnType<typeof heldSession>>): Promise<void> {
  s.proxy.resume();
  await s.spark.close();
  await s.proxy.close();
}

test.serial("view: aborting createOrReplaceTempView while the answer is held rejects within 2 s; the session works after", async (t) => {
  const s = await heldSession();
  const view = uniqueName("abort_view");
  try {
    const sent = await abortWhileHeld(t, s, "createOrReplaceTempView", (signal) => s.spark.range(3).createOrReplaceTempView(view, { signal }));
    t.true(sent.includes("ExecutePlan") && sent.includes("Interrupt"), `the client asked the server to stop it; sent: ${sent.join(", ")}`);
    await s.spark.range(4).createOrReplaceTempView(view);
    t.is(await s.spark.table(view).count(), 4);
  } finally {
    await s.spark.catalog.dropTempView(view).catch(() => {});
    await closeHeld(s);
  }
});

test.serial("catalog: aborting listTables while the answer is held rejects within 2 s; the session works after", async (t) => {
  const s = await heldSession();
  const view = uniqueName("abort_cat");
  try {
    await s.spark.range(1).createOrReplaceTempView(view);
    await quiet(s.rec);
    const sent = await abortWhileHeld(t, s, "catalog.listTables", (signal) => s.spark.catalog.listTables(undefined, view, { signal }));
    t.true(sent.includes("ExecutePlan") && sent.includes("Interrupt"), `the client asked the server to stop it; sent: ${sent.join(", ")}`);
    t.deepEqual(
      (await s.spark.catalog.listTables(undefined, view)).map((x) => x.name),
      [view],
    );
  } finally {
    await s.spark.catalog.dropTempView(view).catch(() => {});
    await closeHeld(s);
  }
});

test.serial("config: aborting conf.get while the answer is held rejects within 2 s; the call is cancelled; the session works after", async (t) => {
  const s = await heldSession();
  try {
    const configAnswers = () => s.rec.responses.filter((r) => r.method === "Config").length;
    const before = configAnswers();
    const sent = await abortWhileHeld(t, s, "conf.get", (signal) => s.spark.conf.get("spark.sql.shuffle.partitions", undefined, { signal }));
    t.deepEqual(sent, ["Config"], "one unary call, cancelled: no Interrupt needed");
    t.regex((await s.spark.conf.get("spark.sql.shuffle.partitions"))!, /^\d+$/);
    t.is(configAnswers(), before + 1, "the held answer of the cancelled call never reached it; the new call's did");
  } finally {
    await closeHeld(s);
  }
});

test.serial("analyze: aborting schema() and explain() while the answer is held rejects within 2 s; the session works after", async (t) => {
  const s = await heldSession();
  try {
    const df = s.spark.range(5).selectExpr("id * 2 AS twice");
    const sentSchema = await abortWhileHeld(t, s, "schema", (signal) => df.schema({ signal }));
    t.deepEqual(sentSchema, ["AnalyzePlan"]);
    const sentExplain = await abortWhileHeld(t, s, "explain", (signal) => df.explain("simple", { signal }));
    t.deepEqual(sentExplain, ["AnalyzePlan"]);
    t.deepEqual(
      (await df.schema()).fields.map((f) => f.name),
      ["twice"],
    );
    t.regex(await df.explain("simple"), /Physical Plan/);
  } finally {
    await closeHeld(s);
  }
});

test.serial("timeout: a unary call whose answer is held fails with OperationTimeoutError within 2 s of its timeout", async (t) => {
  const s = await heldSession();
  try {
    s.proxy.pause();
    const startedAt = performance.now();
    const err = await t.throwsAsync(s.spark.range(2).schema({ timeout: 500 }), {
      instanceOf: OperationTimeoutError,
      message: /schema\(\) did not finish within its timeout of 500 ms/,
    });
    const late = performance.now() - (startedAt + 500);
    t.log(`timeout -> rejection: ${Math.round(late)} ms`);
    t.true(late >= -50 && late < BOUND_MS, `rejected ${Math.round(late)} ms after the timeout elapsed`);
    t.is(err.timeoutMs, 500);
    s.proxy.resume();
    t.deepEqual((await s.spark.range(2).schema()).fields.map((f) => f.name), ["id"]);
  } finally {
    await closeHeld(s);
  }
});

// ---------------------------------------------------------------------------------------
// An already aborted signal: rejected at once, nothing sent.

test.serial("an already aborted signal rejects every class of operation at once and sends nothing", async (t) => {
  const { spark, rec } = await session();
  const dir = tempDir();
  const name = uniqueName("abort_never");
  try {
    await spark.range(1).collect(); // the session is up: what follows would be sent at once
    const signal = AbortSignal.abort(new Error("cancelled before start"));
    const df = spark.range(5);
    const logBefore = rec.log.length;
    const attempts: [string, () => Promise<unknown>][] = [
      ["collect", () => df.collect({ signal })],
      ["count", () => df.count({ signal })],
      ["parquet", () => df.write.parquet(path.join(dir, "out"), { signal })],
      ["saveAsTable", () => df.write.saveAsTable(name, { signal })],
      ["append", () => df.writeTo(name).append({ signal })],
      ["createOrReplaceTempView", () => df.createOrReplaceTempView(name, { signal })],
      ["catalog.listTables", () => spark.catalog.listTables(undefined, undefined, { signal })],
      ["catalog.cacheTable", () => spark.catalog.cacheTable(name, "MEMORY_ONLY", { signal })],
      ["conf.get", () => spark.conf.get("spark.sql.shuffle.partitions", undefined, { signal })],
      ["conf.set", () => spark.conf.set("spark.sql.shuffle.partitions", 7, { signal })],
      ["schema", () => df.schema({ signal })],
      ["explain", () => df.explain("simple", { signal })],
    ];
    for (const [what, attempt] of attempts) {
      const at = performance.now();
      const err = await t.throwsAsync(attempt(), { instanceOf: InterruptedError }, what);
      const ms = performance.now() - at;
      t.true(ms < 200, `${what} rejected after ${Math.round(ms)} ms`);
      t.regex(err.message, /interrupted by its AbortSignal: cancelled before start/, what);
    }
    const exit = await Effect.runPromiseExit(Spark.collect(df, { signal }));
    t.true(Exit.isFailure(exit) && Cause.squash(exit.cause) instanceof InterruptedError, "the Effect API fails the same way");
    t.deepEqual(rec.log.slice(logBefore).map((c) => c.method), [], "nothing was sent");
    t.not(await spark.conf.get("spark.sql.shuffle.partitions"), "7");
    t.false(await spark.catalog.tableExists(name));
    t.deepEqual(committed(path.join(dir, "out")), []);
  } finally {
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// The Effect API: the options, and interrupting the fiber.

test.serial("Effect API: a query stops on its signal with a typed InterruptedError within 2 s", async (t) => {
  const { spark, watch } = await session();
  try {
    const operationId = randomUUID();
    const controller = new AbortController();
    const exit = Effect.runPromiseExit(Spark.collect(spark.sql(SLOW), { signal: controller.signal, operationId }));
    await whenRunning(watch, operationId, exit);
    const abortedAt = performance.now();
    controller.abort(new Error("user pressed stop"));
    const result = await exit;
    const ms = performance.now() - abortedAt;
    t.log(`abort -> failure: ${Math.round(ms)} ms`);
    t.true(ms < BOUND_MS, `failed ${Math.round(ms)} ms after the abort`);
    t.true(Exit.isFailure(result));
    if (Exit.isFailure(result)) {
      const err = Cause.squash(result.cause);
      t.true(err instanceof InterruptedError, String(err));
      t.regex((err as Error).message, /collect\(\) was interrupted by its AbortSignal: user pressed stop/);
    }
    await stoppedOnServer(t, spark, watch, operationId, abortedAt);
    t.deepEqual(await Effect.runPromise(Spark.collect(spark.sql("SELECT 6 AS u"))), [{ u: 6 }]);
  } finally {
    await spark.close();
  }
});

test.serial("Effect API: Effect.timeout around a query interrupts its fiber and stops it on the server", async (t) => {
  const { spark, watch } = await session();
  try {
    const operationId = randomUUID();
    const startedAt = performance.now();
    const exit = await Effect.runPromiseExit(Effect.timeout(Spark.collect(spark.sql(SLOW), { operationId }), "3 seconds"));
    const late = performance.now() - (startedAt + 3000);
    t.log(`Effect.timeout -> failure: ${Math.round(late)} ms`);
    t.true(late < BOUND_MS, `failed ${Math.round(late)} ms after the timeout elapsed`);
    t.true(Exit.isFailure(exit) && (Cause.squash(exit.cause) as { _tag?: string })._tag === "TimeoutError");
    // Interrupting a fiber waits for its finalizers: the server has confirmed by now.
    t.not(watch.interruptedAt(operationId), undefined, "the server reports the operation interrupted");
    t.deepEqual(await spark.interruptOperation(operationId), []);
    t.deepEqual(await Effect.runPromise(Spark.collect(spark.sql("SELECT 7 AS u"))), [{ u: 7 }]);
  } finally {
    await spark.close();
  }
});

test.serial("Effect API: interrupting the fiber of a write stops it on the server within 2 s; nothing is committed", async (t) => {
  const { spark, watch } = await session();
  const dir = tempDir();
  try {
    const out = path.join(dir, "out");
    const operationId = randomUUID();
    const fiber = Effect.runFork(Spark.write.parquet(spark.sql(SLOW).write.mode("overwrite"), out, { operationId }));
    await whenRunning(watch, operationId, new Promise((done) => fiber.addObserver(done)));
    const interruptedAt = performance.now();
    await Effect.runPromise(Fiber.interrupt(fiber));
    const exit = await Effect.runPromise(Fiber.await(fiber));
    const ms = performance.now() - interruptedAt;
    t.log(`Fiber.interrupt -> fiber done: ${Math.round(ms)} ms`);
    t.true(ms < BOUND_MS, `the fiber ended ${Math.round(ms)} ms after the interrupt`);
    t.true(Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause), "the fiber ended interrupted");
    await stoppedOnServer(t, spark, watch, operationId, interruptedAt);
    t.deepEqual(committed(out), []);
    await Effect.runPromise(Spark.write.parquet(spark.range(2).write.mode("overwrite"), out));
    t.is(await spark.read.parquet(out).count(), 2);
  } finally {
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.serial("Effect API: writes stop on their signal and timeout options with typed failures", async (t) => {
  const { spark, watch } = await session();
  const dir = tempDir();
  const table = uniqueName("abort_fx");
  try {
    // The signal, on a V1 write.
    const abortedId = randomUUID();
    const controller = new AbortController();
    const aborted = Effect.runPromiseExit(
      Spark.write.save(spark.sql(SLOW).write.format("parquet").mode("overwrite"), path.join(dir, "a"), { signal: controller.signal, operationId: abortedId }),
    );
    await whenRunning(watch, abortedId, aborted);
    const abortedAt = performance.now();
    controller.abort(new Error("user pressed stop"));
    const abortedExit = await aborted;
    const ms = performance.now() - abortedAt;
    t.log(`abort -> failure: ${Math.round(ms)} ms`);
    t.true(ms < BOUND_MS, `failed ${Math.round(ms)} ms after the abort`);
    t.true(Exit.isFailure(abortedExit) && Cause.squash(abortedExit.cause) instanceof InterruptedError);
    await stoppedOnServer(t, spark, watch, abortedId, abortedAt);
    t.deepEqual(committed(path.join(dir, "a")), []);

    // The timeout, on a V2 write.
    const timedId = randomUUID();
    const writer = spark.sql(SLOW).writeTo(table).using("parquet").option("path", path.join(dir, "t"));
    const startedAt = performance.now();
    const failure = await Effect.runPromise(Effect.flip(Spark.writeTo.create(writer, { timeout: 3000, operationId: timedId })));
    const late = performance.now() - (startedAt + 3000);
    t.log(`timeout -> failure: ${Math.round(late)} ms`);
    t.true(late < BOUND_MS, `failed ${Math.round(late)} ms after the timeout elapsed`);
    t.true(failure instanceof OperationTimeoutError, String(failure));
    t.regex(failure.message, /create\(\) did not finish within its timeout of 3000 ms/);
    await stoppedOnServer(t, spark, watch, timedId, startedAt + 3000);
    t.false(await spark.catalog.tableExists(table));
    t.deepEqual(committed(path.join(dir, "t")), []);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
    await spark.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
