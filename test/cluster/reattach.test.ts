// A result of millions of rows from the cluster, read as it streams while the server cuts
// every response stream after 1 s or 123 bytes (the cluster's Connect server runs with
// spark.connect.execute.reattachable.senderMaxStreamDuration=1s and senderMaxStreamSize=123):
// it arrives over many ReattachExecute calls, and every row must arrive exactly once.
import test from "ava";
import { col } from "../../src/functions/index.js";
import { recorder } from "../support/recorder.js";
import { connect, timed } from "./support.js";

const file = import.meta.url;

test.serial(
  "3M rows from six partitions on two executors arrive exactly once over many reattaches (count, sums, each id once)",
  timed(file, async (t) => {
    const rec = recorder();
    const spark = await connect({ interceptors: [rec.interceptor] });
    try {
      const n = 3_000_000;
      const seen = new Uint8Array(n);
      let rows = 0;
      let idSum = 0n;
      let modSum = 0n;
      let duplicates = 0;
      let outside = 0;
      let batches = 0;
      const started = Date.now();
      for await (const batch of spark.range(0, n, 1, 6).select(col("id"), col("id").mod(97).alias("m")).batches()) {
        batches++;
        const ids = batch.getChild("id")!.toArray() as BigInt64Array;
        const ms = batch.getChild("m")!.toArray() as BigInt64Array;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          idSum += id;
          modSum += ms[i]!;
          const at = Number(id);
          if (at < 0 || at >= n) outside++;
          else if (seen[at] === 1) duplicates++;
          else seen[at] = 1;
        }
        rows += batch.numRows;
      }
      const reattaches = rec.log.filter((c) => c.method === "ReattachExecute").length;
      t.log(`${rows} rows in ${batches} batches, ${reattaches} reattaches, ${((Date.now() - started) / 1000).toFixed(1)} s`);

      t.is(rows, n, "row count");
      t.is(duplicates, 0, "no id twice");
      t.is(outside, 0, "no id outside the range");
      t.is(seen.indexOf(0), -1, "every id arrived");
      t.is(idSum, (BigInt(n) * BigInt(n - 1)) / 2n, "sum of id");
      let expectedMod = 0n;
      for (let id = 0; id < n; id++) expectedMod += BigInt(id % 97);
      t.is(modSum, expectedMod, "sum of id % 97");
      t.true(reattaches >= 20, `the server cut the stream into many pieces: ${reattaches} reattaches`);
    } finally {
      await spark.close();
    }
  }),
);
