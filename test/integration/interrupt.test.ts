// Stopping a running query from the client: by AbortSignal, by Effect fiber interruption,
// by interruptTag and interruptOperation. Each must stop it on the server in under 2 s
// (the server answers the Interrupt with the operation's id) and leave the session usable.
import test from "ava";
import { randomUUID } from "node:crypto";
import { Cause, Effect, Exit, Fiber } from "effect";
import { InterruptedError, SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { recorder } from "../support/recorder.js";
import { olderThan } from "../../runtime/internal/serverFeatures.js";
import { expectedServerVersion, TEST_RETRY, testUrl } from "../support/server.js";

/** One row that takes a minute: a task sleeping in the JVM, which cancellation interrupts. */
const SLOW = "SELECT java_method('java.lang.Thread', 'sleep', 60000L) AS s FROM range(1)";

async function session() {
  const rec = recorder();
  const spark = await SparkSession.connect(testUrl(), { interceptors: [rec.interceptor], retry: TEST_RETRY });
  return { spark, rec };
}

/**
 * Resolves at the first progress report: the server has started the operation. Servers
 * before Spark 4.0 send no progress; there it resolves after 3 s, by when the one-minute
 * task runs.
 */
function started(): { onProgress: () => void; running: Promise<void> } {
  let onProgress = () => {};
  const running = new Promise<void>((ok) => {
    onProgress = ok;
    if (olderThan(expectedServerVersion(), "4.0")) setTimeout(ok, 3000);
  });
  return { onProgress, running };
}

/** The ids the server reported interrupting, from every Interrupt response. */
function interruptedIds(responses: { method: string; response: unknown }[]): string[] {
  return responses
    .filter((r) => r.method === "Interrupt")
    .flatMap((r) => (r.response as { interruptedIds?: string[] }).interruptedIds ?? []);
}

test("aborting the AbortSignal stops the query on the server within 2 s", async (t) => {
  const { spark, rec } = await session();
  try {
    const operationId = randomUUID();
    const controller = new AbortController();
    const { onProgress, running } = started();
    const job = spark.sql(SLOW).collect({ signal: controller.signal, operationId, onProgress });
    await running;
    const abortedAt = Date.now();
    controller.abort(new Error("user pressed stop"));
    const err = await t.throwsAsync(job, { instanceOf: InterruptedError });
    t.true(Date.now() - abortedAt < 2000, `stopped after ${Date.now() - abortedAt} ms`);
    t.regex(err.message, /user pressed stop/);
    t.true(interruptedIds(rec.responses).includes(operationId), "the server reports the operation interrupted");
    t.deepEqual(await spark.sql("SELECT 2 AS y").collect(), [{ y: 2 }]);
  } finally {
    await spark.close();
  }
});

test("interrupting the Effect fiber stops the query on the server within 2 s", async (t) => {
  const { spark, rec } = await session();
  try {
    const operationId = randomUUID();
    const { onProgress, running } = started();
    const fiber = Effect.runFork(Spark.collect(spark.sql(SLOW), { operationId, onProgress }));
    await running;
    const interruptedAt = Date.now();
    await Effect.runPromise(Fiber.interrupt(fiber));
    const exit = await Effect.runPromise(Fiber.await(fiber));
    t.true(Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause), "the fiber ended interrupted");
    t.true(Date.now() - interruptedAt < 2000, `stopped after ${Date.now() - interruptedAt} ms`);
    t.true(interruptedIds(rec.responses).includes(operationId), "the server reports the operation interrupted");
    t.deepEqual(await Effect.runPromise(Spark.collect(spark.sql("SELECT 3 AS z"))), [{ z: 3 }]);
  } finally {
    await spark.close();
  }
});

test("interruptTag stops the tagged query within 2 s; the promise rejects with InterruptedError", async (t) => {
  const { spark } = await session();
  try {
    spark.addTag("nightly-report");
    t.deepEqual(spark.getTags(), ["nightly-report"]);
    const { onProgress, running } = started();
    const job = spark.sql(SLOW).collect({ onProgress });
    spark.clearTags();
    await running;
    const at = Date.now();
    const ids = await spark.interruptTag("nightly-report");
    t.is(ids.length, 1, "the server interrupted exactly the tagged operation");
    await t.throwsAsync(job, { instanceOf: InterruptedError, message: /interrupted on the server/ });
    t.true(Date.now() - at < 2000, `stopped after ${Date.now() - at} ms`);
    t.deepEqual(await spark.sql("SELECT 4 AS w").collect(), [{ w: 4 }]);
  } finally {
    await spark.close();
  }
});

test("interruptOperation stops one operation and leaves another running", async (t) => {
  const { spark } = await session();
  try {
    const victim = randomUUID();
    const a = started();
    const job = spark.sql(SLOW).collect({ operationId: victim, onProgress: a.onProgress });
    const survivor = spark.sql("SELECT java_method('java.lang.Thread', 'sleep', 1500L) AS s").collect();
    await a.running;
    t.deepEqual(await spark.interruptOperation(victim), [victim]);
    await t.throwsAsync(job, { instanceOf: InterruptedError });
    t.deepEqual(await survivor, [{ s: "null" }], "java_method returns the string 'null' for a void method");
  } finally {
    await spark.close();
  }
});

test("interruptAll stops every running operation of the session", async (t) => {
  const { spark } = await session();
  try {
    const a = started();
    const b = started();
    const jobs = [spark.sql(SLOW).collect({ onProgress: a.onProgress }), spark.sql(SLOW).count({ onProgress: b.onProgress })];
    await Promise.all([a.running, b.running]);
    t.is((await spark.interruptAll()).length, 2);
    for (const job of jobs) await t.throwsAsync(job, { instanceOf: InterruptedError });
  } finally {
    await spark.close();
  }
});

test("leaving a for-await loop early interrupts and releases the operation", async (t) => {
  const { spark, rec } = await session();
  try {
    let seen = 0;
    for await (const batch of spark.range(50_000_000).batches()) {
      seen += batch.numRows;
      if (seen >= 20_000) break;
    }
    t.true(seen >= 20_000);
    await spark.close(); // waits for background cleanup
    const operation = (rec.log.find((c) => c.method === "ExecutePlan")!.request as { operationId: string }).operationId;
    const sent = rec.log.filter((c) => (c.request as { operationId?: string } | null)?.operationId === operation).map((c) => c.method);
    t.true(sent.includes("ReleaseExecute"), `sent: ${sent.join(", ")}`);
    t.true(rec.log.some((c) => c.method === "Interrupt"), "an Interrupt was sent for the abandoned operation");
  } finally {
    await spark.close();
  }
});

test("tags are checked: empty or with a comma is refused naming the rule", async (t) => {
  const { spark } = await session();
  try {
    t.throws(() => spark.addTag(""), { message: /non-empty string without commas/ });
    t.throws(() => spark.addTag("a,b"), { message: /without commas/ });
    spark.addTag("x");
    spark.removeTag("x");
    t.deepEqual(spark.getTags(), []);
  } finally {
    await spark.close();
  }
});
