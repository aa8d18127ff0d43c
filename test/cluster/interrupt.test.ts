// Interrupting a long-running query on the cluster: two tasks sleeping for ten minutes,
// one on each executor. Aborting the call ends it with the library's InterruptedError,
// the executors' tasks are killed (both executors idle again), and the session runs the
// next query on them.
import test from "ava";
import { InterruptedError, type Progress } from "../../src/index.js";
import { connect, eventually, executors, timed } from "./support.js";

const file = import.meta.url;

/** Two partitions, each a task sleeping 10 minutes in the executor's JVM. */
const SLOW = "SELECT id, java_method('java.lang.Thread', 'sleep', 600000L) AS s FROM range(0, 2, 1, 2)";

test.serial(
  "aborting a query whose tasks run on both executors ends it with InterruptedError, frees the executors and keeps the session usable",
  timed(file, async (t) => {
    const spark = await connect();
    try {
      await spark.conf.set("spark.connect.progress.reportInterval", "200ms");
      let onRunning = () => {};
      const running = new Promise<void>((ok) => (onRunning = ok));
      const onProgress = (p: Progress) => {
        if (p.numInflightTasks >= 2) onRunning();
      };
      const controller = new AbortController();
      const job = spark.sql(SLOW).collect({ signal: controller.signal, onProgress });
      const first = await Promise.race([
        running.then(() => "running" as const),
        job.then(
          () => "finished" as const,
          (e: unknown) => e,
        ),
        new Promise((ok) => setTimeout(() => ok("timeout"), 180_000).unref()),
      ]);
      t.is(first, "running", "both tasks were reported running");

      const busy = await eventually(async () => (await executors()).filter((e) => e.isActive && e.activeTasks > 0).length === 2, 60_000);
      t.true(busy, "the driver's REST API shows a task running on each executor");

      const abortedAt = Date.now();
      controller.abort(new Error("stopped by the cluster test"));
      const err = await t.throwsAsync(job, { instanceOf: InterruptedError });
      t.regex(err?.message ?? "", /stopped by the cluster test/);
      t.log(`the call ended ${Date.now() - abortedAt} ms after the abort`);

      const idle = await eventually(async () => (await executors()).every((e) => e.activeTasks === 0), 120_000);
      t.true(idle, `the sleeping tasks were killed on the executors (${Math.round((Date.now() - abortedAt) / 1000)} s after the abort)`);

      t.is(await spark.range(0, 1000, 1, 4).count(), 1000, "the session runs the next query");
      t.deepEqual(await spark.sql("SELECT 1 + 1 AS two").collect(), [{ two: 2 }]);
    } finally {
      await spark.close();
    }
  }),
);
