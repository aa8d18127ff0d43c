// A streaming query on the cluster: a rate-micro-batch source (1000 rows a batch over four
// partitions) aggregated with state on the executors into a memory table in complete mode,
// run for a few batches and stopped; the table's totals must be those of the rows 0..N-1.
import test from "ava";
import { count, sum } from "../../src/functions/index.js";
import { connect, eventually, timed } from "./support.js";

const file = import.meta.url;
const ROWS_PER_BATCH = 1000;

test.serial(
  "a rate stream aggregated into a memory table runs batches on the cluster and stops cleanly",
  timed(file, async (t) => {
    const spark = await connect();
    try {
      await spark.conf.set("spark.sql.shuffle.partitions", "4");
      const q = await spark.readStream
        .format("rate-micro-batch")
        .options({ rowsPerBatch: ROWS_PER_BATCH, numPartitions: 4 })
        .load()
        .selectExpr("value % 10 AS k", "value")
        .groupBy("k")
        .agg(count("value").alias("n"), sum("value").alias("total"))
        .writeStream.format("memory")
        .queryName("cluster_rate_totals")
        .outputMode("complete")
        .trigger({ processingTime: "1 second" })
        .start();
      let batches = 0;
      try {
        t.true(await q.isActive());
        const ran = await eventually(async () => {
          batches = (await q.recentProgress()).length;
          return batches >= 3;
        }, 240_000, 1000);
        t.true(ran, `three batches within 4 minutes (${batches} ran)`);
        const last = await q.lastProgress();
        t.is(last?.id, q.id);
        t.is(Number(last?.numInputRows), ROWS_PER_BATCH);
      } finally {
        await q.stop();
      }
      t.false(await q.isActive());
      t.is(await q.exception(), null);

      const rows = await spark.sql("SELECT k, n, total FROM cluster_rate_totals ORDER BY k").collect();
      t.is(rows.length, 10);
      const n = rows.reduce((acc, r) => acc + BigInt(r["n"] as bigint), 0n);
      const total = rows.reduce((acc, r) => acc + BigInt(r["total"] as bigint), 0n);
      t.log(`${batches}+ batches, ${n} rows in the table`);
      t.true(n >= 3n * BigInt(ROWS_PER_BATCH) && n % BigInt(ROWS_PER_BATCH) === 0n, `whole batches of ${ROWS_PER_BATCH}: ${n}`);
      t.is(total, (n * (n - 1n)) / 2n, "the values 0..N-1, each once");
      for (const r of rows) t.is(BigInt(r["n"] as bigint), n / 10n, `key ${String(r["k"])} has a tenth of the rows`);
    } finally {
      await spark.close();
    }
  }),
);
