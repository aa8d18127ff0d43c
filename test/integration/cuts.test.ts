// A TCP proxy between client and the real server cuts the connection at random points
// while large results stream: every query must return exactly the right rows (through
// reconnects, retries and reattaches), or fail with a typed TransportError once retries
// are used up. Every wait is bounded.
import test from "ava";
import type { RecordBatch } from "apache-arrow";
import { SparkSession, TransportError } from "../../src/index.js";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy.js";
import { TEST_RETRY, testUrl } from "../support/server.js";

let proxy: TcpProxy;
test.before(async () => {
  const { host, port } = parseConnectionString(testUrl());
  proxy = await startTcpProxy({ host, port });
});
test.after.always(() => proxy?.close());

const N = 2_000_000;
const QUERY = `SELECT id, concat('row-', id) AS s FROM range(${N})`;

/** Checks that the batches hold rows 0..n-1 in order, each with its matching string. */
function check(batches: readonly RecordBatch[], n: number): string | undefined {
  let next = 0n;
  for (const b of batches) {
    const ids = b.getChild("id")!.toArray() as BigInt64Array;
    const strings = b.getChild("s")!;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] !== next) return `expected id ${next}, got ${ids[i]}`;
      if (i % 997 === 0 && strings.get(i) !== `row-${next}`) return `wrong string at ${next}`;
      next++;
    }
  }
  return next === BigInt(n) ? undefined : `expected ${n} rows, got ${next}`;
}

test.serial("results survive 60 random connection cuts, exactly once and in order", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { retry: TEST_RETRY });
  try {
    const before = proxy.cuts;
    for (let round = 0; round < 5; round++) {
      proxy.cutRandomly({ minBytes: 256 * 1024, maxBytes: 3 * 1024 * 1024, times: 12, seed: 1000 + round });
      const table = await spark.sql(QUERY).toArrow();
      t.is(check(table.batches, N), undefined, `round ${round}`);
    }
    const cuts = proxy.cuts - before;
    t.true(cuts >= 50, `${cuts} cuts happened`);
    t.deepEqual(await spark.sql("SELECT 1 AS x").collect(), [{ x: 1 }]);
  } finally {
    await spark.close();
  }
});

test.serial("collect() through cuts gives the same rows as without them", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { retry: TEST_RETRY });
  try {
    proxy.cutRandomly({ minBytes: 64 * 1024, maxBytes: 512 * 1024, times: 5, seed: 7 });
    const rows = await spark.sql("SELECT id, id * 2 AS twice FROM range(200000)").collect();
    t.is(rows.length, 200_000);
    t.true(rows.every((r, i) => r["id"] === BigInt(i) && r["twice"] === BigInt(2 * i)));
  } finally {
    await spark.close();
  }
});

test.serial("when the server stays unreachable, the query fails with a TransportError after the retry budget", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { retry: { maxRetries: 4, initialBackoffMs: 20, backoffMultiplier: 2 } });
  const cutsBefore = proxy.cuts;
  // After the first cut mid-result, the "network" stays down: every reconnect is refused.
  const watcher = setInterval(() => proxy.cuts > cutsBefore && proxy.setRefusing(true), 1);
  try {
    proxy.cutAfterBytes(1024 * 1024);
    const started = Date.now();
    const err = await t.throwsAsync(spark.sql(QUERY).toArrow(), { instanceOf: TransportError });
    t.regex(err.message, /Gave up after 4 retries/);
    t.true(Date.now() - started < 30_000);
  } finally {
    clearInterval(watcher);
    proxy.setRefusing(false);
    await spark.close();
  }
});
