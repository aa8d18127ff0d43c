// How operations end when their session does: close() while queries, result streams and
// iterations run rejects each with SessionClosedError; a server that restarts under a
// running stream fails it with SessionChangedError (the server no longer knows the
// session), never with a raw Spark error or a hang.
import test from "ava";
import { SessionChangedError, SessionClosedError, SparkSession } from "../../src/index.js";
import { dedicatedServer } from "../support/dedicatedServer.js";
import { connect, TEST_RETRY } from "../support/server.js";

const SLOW = "SELECT count(*) FROM range(0, 3000000000, 1, 4)";

/** The rejection of a promise, or a failure of the test if it resolved. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

test("close() while a query, a result stream and an iteration run: each rejects with SessionClosedError, and so do later calls", async (t) => {
  const spark = await connect();
  await spark.range(1).count();
  const iteration = (async () => {
    for await (const _ of spark.sql("SELECT id FROM range(0, 50000000, 1, 20)").batches()) await new Promise((r) => setTimeout(r, 50));
  })();
  const running = [spark.sql(SLOW).collect(), spark.sql("SELECT id FROM range(0, 50000000, 1, 20)").toArrow(), iteration];
  await new Promise((r) => setTimeout(r, 2_000));
  await spark.close();
  for (const [i, p] of running.entries()) {
    const err = await rejection(p);
    t.true(err instanceof SessionClosedError, `operation ${i}: ${String(err)}`);
  }
  await t.throwsAsync(spark.range(1).count(), { instanceOf: SessionClosedError });
  await t.throwsAsync(spark.conf.get("spark.app.name"), { instanceOf: SessionClosedError });
});

test("a server that restarts under a running stream: the stream fails with SessionChangedError, and a new session works", async (t) => {
  const first = await dedicatedServer();
  let second: Awaited<ReturnType<typeof dedicatedServer>> | undefined;
  try {
    const spark = await SparkSession.connect(`sc://127.0.0.1:${first.port}`, { retry: TEST_RETRY });
    const it = spark.sql("SELECT id FROM range(0, 20000000, 1, 20)").batches()[Symbol.asyncIterator]();
    await it.next();
    process.kill(first.pid, "SIGKILL");
    second = await dedicatedServer({ port: first.port });
    const t0 = Date.now();
    const err = await rejection((async () => {
      for (let r = await it.next(); !r.done; r = await it.next());
    })());
    t.true(err instanceof SessionChangedError, String(err));
    t.regex((err as Error).message, /no longer knows this session|changed/);
    t.true(Date.now() - t0 < 120_000);
    await t.throwsAsync(spark.range(1).count(), { instanceOf: SessionChangedError });
    await spark.close();
    const again = await SparkSession.connect(`sc://127.0.0.1:${second.port}`, { retry: TEST_RETRY });
    t.is(await again.range(4).count(), 4);
    await again.close();
  } finally {
    await second?.stop();
    await first.stop().catch(() => undefined);
  }
});
