// A server that ends every response stream after one second or 123 bytes: results only
// arrive through ReattachExecute. They must arrive complete, in order, without duplicates,
// and the server's execution holders must be released afterwards.
import test from "ava";
import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { Effect, Stream } from "effect";
import type { RecordBatch } from "apache-arrow";
import { ReattachExecuteRequestSchema } from "../../generated/spark/connect/base_pb.js";
import { methods, serverStream } from "../../runtime/internal/rpc.js";
import type { LocalServer } from "../../runtime/LocalServer.js";
import { SparkSession } from "../../src/index.js";
import { reattachingServer } from "../support/dedicatedServer.js";
import { recorder } from "../support/recorder.js";
import { TEST_RETRY } from "../support/server.js";

let server: LocalServer;
test.before(async () => {
  server = await reattachingServer();
});
test.after.always(() => server?.stop());

/** Checks that the batches hold exactly 0, 1, ..., n-1 in order. */
function assertSequence(batches: readonly RecordBatch[], n: number): string | undefined {
  let next = 0n;
  for (const b of batches) {
    const ids = b.getChild("id")!.toArray() as BigInt64Array;
    for (const id of ids) {
      if (id !== next) return `expected id ${next}, got ${id}`;
      next++;
    }
  }
  return next === BigInt(n) ? undefined : `expected ${n} rows, got ${next}`;
}

test("a multi-million-row result arrives complete and in order through reattaches, then is released", async (t) => {
  const rec = recorder();
  const spark = await SparkSession.connect(server.connectionString(), { interceptors: [rec.interceptor], retry: TEST_RETRY });
  try {
    const n = 3_000_000;
    const operationId = randomUUID();
    const table = await spark.range(n).toArrow({ operationId });
    t.is(table.numRows, n);
    t.is(assertSequence(table.batches, n), undefined);
    const reattaches = rec.log.filter((c) => c.method === "ReattachExecute").length;
    t.true(reattaches >= 50, `the server forced ${reattaches} reattaches`);

    // Once the background ReleaseExecute(release_all) is answered, the server no longer
    // holds the operation: reattaching to it is refused.
    const ctx = spark.handle.core.ctx;
    await Effect.runPromise(ctx.settle);
    t.true(
      rec.log.some((c) => c.method === "ReleaseExecute" && (c.request as { releaseAll?: object }).releaseAll !== undefined),
      "ReleaseExecute(release_all) was sent",
    );
    const reattach = serverStream(
      ctx.transport,
      methods.reattachExecute,
      ctx.request(ReattachExecuteRequestSchema, { operationId }),
    );
    const err = await t.throwsAsync(Effect.runPromise(Stream.runDrain(reattach)));
    t.regex(err.message, /INVALID_HANDLE\.OPERATION_(NOT_FOUND|ABANDONED)/);
  } finally {
    await spark.close();
  }
});

test("a query slower than the stream limit survives reattaching while it runs", async (t) => {
  const spark = await SparkSession.connect(server.connectionString(), { retry: TEST_RETRY });
  try {
    const rows = await spark.sql("SELECT java_method('java.lang.Thread', 'sleep', 2500L) AS s, 7 AS x").collect();
    t.deepEqual(rows, [{ s: "null", x: 7 }]);
  } finally {
    await spark.close();
  }
});
