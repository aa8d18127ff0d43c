// Results held in memory are bounded by default; query metrics and observations reach the
// user; row conversion problems are typed failures.
import { randomUUID } from "node:crypto";
import test from "ava";
import { Cause, Effect, Exit, Stream } from "effect";
import { col, DEFAULT_LIMITS, lit, Observation, ResultLimitError, RowConversionError, SparkSession } from "../../src/index.js";
import { count, max, sum } from "../../src/functions/index.js";
import * as Spark from "../../src/effect.js";
import { connect, TEST_RETRY, testUrl } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

test("guardrails are on by default: collect() stops past 1,000,000 rows, naming the setting", async (t) => {
  t.deepEqual(DEFAULT_LIMITS.collect, { maxRows: 1_000_000, maxBytes: 256 * 1024 * 1024 });
  const operationId = randomUUID();
  const err = await t.throwsAsync(spark.range(0, 1_000_001, 1, 4).collect({ operationId }), { instanceOf: ResultLimitError });
  t.regex(err.message, /1000000 rows \(maxRows\)/);
  t.regex(err.message, /collect\(\{ maxRows, maxBytes \}\)/);
  t.regex(err.message, /limits: \{ collect:/);
  // The query was stopped on the server, not drained.
  t.deepEqual(await spark.interruptOperation(operationId), []);
  // take() and head() are guarded by the same limits; exactly at the limit passes.
  t.is((await spark.range(1_000_000).collect()).length, 1_000_000);
  await t.throwsAsync(spark.range(10).take(10, { maxRows: 9 }), { instanceOf: ResultLimitError });
  t.is((await spark.range(10).collect({ maxRows: Infinity })).length, 10);
});

test("toArrow() has a byte guardrail (1 GiB by default), per call and per session", async (t) => {
  t.deepEqual(DEFAULT_LIMITS.toArrow, { maxRows: Infinity, maxBytes: 1024 * 1024 * 1024 });
  const err = await t.throwsAsync(spark.range(1_000_000).toArrow({ maxBytes: 1_000_000 }), { instanceOf: ResultLimitError });
  t.regex(err.message, /toArrow\(\) stopped/);
  t.regex(err.message, /1000000 bytes of Arrow data \(maxBytes\)/);
  t.is((await spark.range(1_000_000).toArrow({ maxRows: 1_000_000 })).numRows, 1_000_000);
  const guarded = await SparkSession.connect(testUrl(), { retry: TEST_RETRY, limits: { toArrow: { maxRows: 5 }, collect: { maxBytes: 1000 } } });
  try {
    await t.throwsAsync(guarded.range(6).toArrow(), { instanceOf: ResultLimitError, message: /5 rows/ });
    t.is((await guarded.range(5).toArrow()).numRows, 5);
    await t.throwsAsync(guarded.range(100_000).collect(), { instanceOf: ResultLimitError, message: /maxBytes/ });
    // A per-call setting overrides the session's.
    t.is((await guarded.range(6).toArrow({ maxRows: 6 })).numRows, 6);
  } finally {
    await guarded.close();
  }
});

test("observe(): an Observation receives its metrics after the action; executionInfo holds the plan's metrics", async (t) => {
  const stats = new Observation("stats_" + randomUUID().slice(0, 8));
  t.is(stats.get(), undefined);
  const df = spark.range(100).observe(stats, count(lit(1)).alias("rows"), max(col("id")).alias("top"), sum(col("id")).alias("total"));
  t.is(df.executionInfo, undefined);
  const rows = await df.where("id < 10").collect();
  t.is(rows.length, 10);
  // The metrics are computed where the observation sits: before the filter.
  t.deepEqual(stats.get(), { rows: 100n, top: 99n, total: 4950n });

  const filtered = df.where("id % 2 = 0");
  await filtered.count();
  const info = filtered.executionInfo!;
  t.regex(info.operationId, /^[0-9a-f-]{36}$/);
  t.deepEqual(info.observations[stats.name], { rows: 100n, top: 99n, total: 4950n });
  t.true(info.metrics.length > 0);
  const range = info.metrics.find((m) => m.name === "Range");
  t.is(range?.metrics["numOutputRows"]?.value, 100n, JSON.stringify(info.metrics.map((m) => m.name)));
  t.is(info.metrics.find((m) => m.name === "Filter")?.metrics["numOutputRows"]?.value, 50n);

  // Writes deliver observations too (the server sends them with the command's answer).
  const written = new Observation("written_" + randomUUID().slice(0, 8));
  const toWrite = spark.range(7).observe(written, count(lit(1)).alias("rows"));
  await toWrite.write.format("noop").mode("overwrite").save();
  t.deepEqual(written.get(), { rows: 7n });
  t.deepEqual(toWrite.executionInfo?.observations[written.name], { rows: 7n });

  // An observation by name only: the values are in executionInfo.
  const named = spark.range(5).observe("named_obs", max(col("id")).alias("m"));
  await named.collect();
  t.deepEqual(named.executionInfo?.observations["named_obs"], { m: 4n });
});

test("a value JavaScript cannot hold fails with RowConversionError naming the column, in both APIs", async (t) => {
  const df = spark.sql("SELECT 1 AS ok, 9007199254740993L AS big");
  const err = await t.throwsAsync(df.collect({ longs: "number" }), { instanceOf: RowConversionError });
  t.is(err.column, "big");
  t.regex(err.message, /big/);
  t.deepEqual(await df.collect(), [{ ok: 1, big: 9007199254740993n }]);
  const exit = await Effect.runPromiseExit(Spark.collect(df, { longs: "number" }));
  t.true(Exit.isFailure(exit) && !Cause.hasDies(exit.cause) && (Cause.squash(exit.cause) as { _tag: string })._tag === "RowConversionError");
  const streamed = await Effect.runPromiseExit(Stream.runCollect(Spark.rows(df, { longs: "number" })));
  t.true(Exit.isFailure(streamed) && !Cause.hasDies(streamed.cause) && (Cause.squash(streamed.cause) as { _tag: string })._tag === "RowConversionError");
});

test("toArrow() columns are views of the received messages, 8-aligned: no copy between the wire and the Table", async (t) => {
  const table = await spark.range(0, 200_000, 1, 4).selectExpr("id", "CAST(id AS DOUBLE) * 0.5 AS d").toArrow();
  t.is(table.numRows, 200_000);
  let views = 0;
  for (const name of ["id", "d"]) {
    for (const data of table.getChild(name)!.data) {
      const values = data.values as BigInt64Array | Float64Array;
      t.is(values.byteOffset % 8, 0, `${name}: values start 8-aligned`);
      // A copy would be an ArrayBuffer of exactly the column's bytes; a view lives inside the message.
      if (values.buffer.byteLength > values.byteLength) views++;
    }
  }
  t.is(views, table.batches.length * 2, "every column chunk is a view into its message");
  t.is(table.getChild("id")!.get(199_999), 199_999n);
  t.is(table.getChild("d")!.get(3), 1.5);
});
