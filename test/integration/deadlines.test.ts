// Bounded waits against the real server, through a TCP proxy that can hold the server's
// answers (a frozen server or a half-open connection looks the same to the client): the
// result streams' idle deadline, HTTP/2 keepalive, and the first-connection budget for a
// server that cannot be reached. Every wait here is bounded; none depends on luck.
import test from "ava";
import type { RecordBatch } from "apache-arrow";
import { InvalidOptionError, SparkSession, TransportError } from "../../src/index.js";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy.js";
import { testUrl } from "../support/server.js";

let proxy: TcpProxy;
test.before(async () => {
  const { host, port } = parseConnectionString(testUrl());
  proxy = await startTcpProxy({ host, port });
});
test.after.always(() => {
  proxy?.resume();
  return proxy?.close();
});

const N = 2_000_000;
const QUERY = `SELECT id FROM range(${N})`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The rows' count and the sum of their ids, from the batches. */
function totals(batches: readonly RecordBatch[]): { rows: number; sum: bigint } {
  let rows = 0;
  let sum = 0n;
  for (const b of batches) {
    for (const id of b.getChild("id")!.toArray() as BigInt64Array) sum += id;
    rows += b.numRows;
  }
  return { rows, sum };
}
const EXPECTED = { rows: N, sum: (BigInt(N) * BigInt(N - 1)) / 2n };

/** Reads the first batch of the query, then hands over the rest of the iteration. */
async function started(spark: SparkSession): Promise<{ first: RecordBatch; rest: AsyncIterator<RecordBatch> }> {
  const it = spark.sql(QUERY).batches()[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new Error("the query returned no batch");
  return { first: first.value as RecordBatch, rest: it as AsyncIterator<RecordBatch> };
}

async function drain(first: RecordBatch, rest: AsyncIterator<RecordBatch>): Promise<RecordBatch[]> {
  const all = [first];
  for (let r = await rest.next(); !r.done; r = await rest.next()) all.push(r.value);
  return all;
}

test.serial("a stream whose server stops answering fails with a TransportError after its idle deadline and retries; the session then works", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { idleTimeoutMs: 2_000, keepalive: false, retry: { maxRetries: 2, initialBackoffMs: 100 } });
  try {
    const { rest } = await started(spark);
    proxy.pause();
    const t0 = Date.now();
    const err = await (async () => {
      try {
        for (let r = await rest.next(); !r.done; r = await rest.next());
        return undefined;
      } catch (e) {
        return e as Error;
      }
    })();
    const elapsed = Date.now() - t0;
    proxy.resume();
    t.true(err instanceof TransportError, String(err));
    t.regex(err?.message ?? "", /No response from .* for 2 s .*idleTimeoutMs/s);
    t.regex(err?.message ?? "", /Gave up after 2 retries/);
    t.true(elapsed < 60_000, `failed after ${elapsed} ms`);
    t.log(`failed typed ${(elapsed / 1000).toFixed(1)} s after the server went silent`);
    t.is(await spark.range(5).count(), 5, "the session works once the server answers again");
  } finally {
    proxy.resume();
    await spark.close();
  }
});

test.serial("a stream silent past its idle deadline is reattached, and once the server answers again the result is exact", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { idleTimeoutMs: 1_500, keepalive: false });
  try {
    const { first, rest } = await started(spark);
    proxy.pause();
    const resumed = sleep(5_000).then(() => proxy.resume());
    const batches = await drain(first, rest);
    await resumed;
    t.deepEqual(totals(batches), EXPECTED);
  } finally {
    proxy.resume();
    await spark.close();
  }
});

test.serial("keepalive notices a connection that went silent and opens a new one; the result stays exact", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { keepalive: { timeMs: 10_000, timeoutMs: 2_000 }, idleTimeoutMs: 600_000 });
  try {
    const { first, rest } = await started(spark);
    const connections = proxy.connections;
    proxy.pause();
    const reading = drain(first, rest);
    const t0 = Date.now();
    while (proxy.connections === connections && Date.now() - t0 < 45_000) await sleep(100);
    const noticed = Date.now() - t0;
    proxy.resume();
    t.true(proxy.connections > connections, "a new connection replaced the silent one");
    t.true(noticed < 45_000, `noticed after ${noticed} ms (ping every 10 s, 2 s for the answer)`);
    t.log(`the silent connection was replaced ${(noticed / 1000).toFixed(1)} s after it went silent`);
    t.deepEqual(totals(await reading), EXPECTED);
  } finally {
    proxy.resume();
    await spark.close();
  }
});

test.serial("the first-connection budget: a wrong port, a name that does not resolve, TLS to a plaintext server and a server that never answers fail within it, naming host, port and cause", async (t) => {
  const { port } = parseConnectionString(testUrl());
  const cases: Array<[string, RegExp]> = [
    ["sc://127.0.0.1:1", /127\.0\.0\.1:1 within .* refused/],
    ["sc://no-such-host.invalid:15002", /no-such-host\.invalid:15002 within .* does not resolve/],
    [`sc://127.0.0.1:${port}/;use_ssl=true`, new RegExp(`127\\.0\\.0\\.1:${port} within .* TLS`)],
  ];
  for (const [url, expected] of cases) {
    const spark = await SparkSession.connect(url, { connectTimeoutMs: 2_000 });
    const t0 = Date.now();
    const err = await t.throwsAsync(spark.sql("SELECT 1").collect(), { instanceOf: TransportError });
    const elapsed = Date.now() - t0;
    t.regex(err?.message ?? "", expected);
    t.regex(err?.message ?? "", /connectTimeoutMs/);
    t.true(elapsed < 20_000, `${url}: ${elapsed} ms`);
    await t.throwsAsync(spark.conf.get("spark.app.name"), { instanceOf: TransportError, message: expected });
    await spark.close();
  }
  // Accepts the connection, never answers.
  proxy.pause();
  try {
    const spark = await SparkSession.connect(proxy.url, { connectTimeoutMs: 2_000 });
    const t0 = Date.now();
    const err = await t.throwsAsync(spark.range(3).count(), { instanceOf: TransportError });
    t.regex(err?.message ?? "", new RegExp(`127\\.0\\.0\\.1:${proxy.port} within`));
    t.true(Date.now() - t0 < 20_000);
    await spark.close();
  } finally {
    proxy.resume();
  }
});

test.serial("once the server has answered, the budget no longer applies: a pause longer than it is waited out", async (t) => {
  const spark = await SparkSession.connect(proxy.url, { connectTimeoutMs: 1_000 });
  try {
    t.is(await spark.range(3).count(), 3);
    proxy.pause();
    const resumed = sleep(3_000).then(() => proxy.resume());
    t.is(await spark.range(7).count(), 7);
    await resumed;
  } finally {
    proxy.resume();
    await spark.close();
  }
});

test.serial("keepalive, idleTimeoutMs and connectTimeoutMs are checked", async (t) => {
  for (const [options, message] of [
    [{ keepalive: { timeMs: 5_000 } }, /keepalive\.timeMs must be .* >= 10000/],
    [{ keepalive: { timeoutMs: 0.5 } }, /keepalive\.timeoutMs/],
    [{ keepalive: "on" }, /keepalive must be an object/],
    [{ idleTimeoutMs: 0 }, /idleTimeoutMs must be/],
    [{ connectTimeoutMs: -1 }, /connectTimeoutMs must be/],
  ] as const) {
    await t.throwsAsync(SparkSession.connect(proxy.url, options as never), { instanceOf: InvalidOptionError, message });
  }
  const off = await SparkSession.connect(proxy.url, { keepalive: false });
  t.is(await off.range(2).count(), 2);
  await off.close();
});
