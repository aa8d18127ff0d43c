import test from "ava";
import { Table } from "apache-arrow";
import {
  AnalysisError,
  ParseError,
  SessionClosedError,
  SparkSession,
  TransportError,
  InvalidConnectionStringError,
  InvalidPlanError,
} from "../../src/index.js";
import { connect, expectedServerVersion, TEST_RETRY, testUrl } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

test("version() is the server's Spark version", async (t) => {
  t.is(await spark.version(), expectedServerVersion());
});

test("sql().collect() returns plain rows", async (t) => {
  t.deepEqual(await spark.sql("SELECT 1 AS x, 'a' AS s").collect(), [{ x: 1, s: "a" }]);
});

test("range(1000).count() is 1000", async (t) => {
  t.is(await spark.range(1000).count(), 1000);
});

test("range(start, end, step) follows Python's range, ids as bigint", async (t) => {
  t.deepEqual(await spark.range(0, 10, 3).collect(), [{ id: 0n }, { id: 3n }, { id: 6n }, { id: 9n }]);
  t.deepEqual(await spark.range(5, 0, -2).collect(), [{ id: 5n }, { id: 3n }, { id: 1n }]);
  t.is(await spark.range(7, 7).count(), 0);
});

test("range(10).toArrow() is an apache-arrow Table of 10 rows", async (t) => {
  const table = await spark.range(10).toArrow();
  t.true(table instanceof Table);
  t.is(table.numRows, 10);
  t.deepEqual(table.schema.fields.map((f) => f.name), ["id"]);
  t.is(table.getChild("id")?.get(9), 9n);
});

test("a large result arrives complete and in order", async (t) => {
  const n = 3_000_000;
  const table = await spark.range(n).toArrow();
  t.is(table.numRows, n);
  t.true(table.batches.length > 1);
  const ids = table.getChild("id")!;
  t.is(ids.get(0), 0n);
  t.is(ids.get(n - 1), BigInt(n - 1));
  t.is(ids.get(1_234_567), 1_234_567n);
});

test("limit() keeps the first rows", async (t) => {
  t.deepEqual(await spark.range(100).limit(2).collect(), [{ id: 0n }, { id: 1n }]);
});

test("schema() describes the result without running it", async (t) => {
  const schema = await spark.sql("SELECT 1 AS x, 'a' AS s, CAST(NULL AS DOUBLE) AS d").schema();
  t.deepEqual(schema, {
    kind: "struct",
    fields: [
      { name: "x", dataType: { kind: "integer" }, nullable: false },
      { name: "s", dataType: { kind: "string" }, nullable: false },
      { name: "d", dataType: { kind: "double" }, nullable: true },
    ],
  });
});

test("invalid SQL rejects with a ParseError carrying errorClass and sqlState", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELEC 1").collect(), { instanceOf: ParseError });
  t.is(err.errorClass, "PARSE_SYNTAX_ERROR");
  t.is(err.sqlState, "42601");
  t.regex(err.message, /Syntax error at or near 'SELEC'/);
  t.is(await spark.sql("SELECT 2 AS y").count(), 1, "the session stays usable");
});

test("an unknown column rejects with an AnalysisError naming it", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT nope FROM range(1)").collect(), { instanceOf: AnalysisError });
  t.is(err.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  t.regex(err.message, /nope/);
  t.is(err.messageParameters["objectName"], "`nope`");
});

test("a malformed connection string rejects before any network call", async (t) => {
  const err = await t.throwsAsync(SparkSession.connect("http://localhost:15002"), { instanceOf: InvalidConnectionStringError });
  t.regex(err.message, /sc:\/\//);
});

test("an unreachable server rejects with a TransportError naming the address, after the retry budget", async (t) => {
  const dead = await SparkSession.connect("sc://127.0.0.1:1", { retry: { maxRetries: 3, initialBackoffMs: 10, backoffMultiplier: 2 } });
  const started = Date.now();
  const err = await t.throwsAsync(dead.version(), { instanceOf: TransportError });
  t.true(Date.now() - started >= 10 + 20 + 40, "waited 10, 20 and 40 ms between the attempts");
  t.is(err.code, 14);
  t.true(err.isRetryable);
  t.regex(err.message, /127\.0\.0\.1:1/);
  t.regex(err.message, /refused: nothing listens on that port/);
  t.notRegex(err.message, /npm run/, "no advice only this repository's scripts follow");
  t.regex(err.message, /Gave up after 3 retries/);
  const streamErr = await t.throwsAsync(dead.range(3).collect(), { instanceOf: TransportError });
  t.regex(streamErr.message, /Gave up after 3 retries/);
  await dead.close();
});

test("bad arguments are rejected on the client with InvalidPlanError", (t) => {
  t.throws(() => spark.range(0, 10, 0), { instanceOf: InvalidPlanError, message: /step must not be 0/ });
  t.throws(() => spark.range(1.5), { instanceOf: InvalidPlanError, message: /integer/ });
  t.throws(() => spark.sql(""), { instanceOf: InvalidPlanError });
  t.throws(() => spark.range(10).limit(-1), { instanceOf: InvalidPlanError });
});

test("calls after close() reject with SessionClosedError", async (t) => {
  const s = await connect();
  t.is(await s.version(), expectedServerVersion());
  await s.close();
  await s.close();
  await t.throwsAsync(s.version(), { instanceOf: SessionClosedError, message: /SparkSession\.connect/ });
});

test("batches the server splits into small chunks are put back together", async (t) => {
  const chunked = await SparkSession.connect(testUrl(), { arrowChunkSizeBytes: 1024, retry: TEST_RETRY });
  try {
    const rows = await chunked.sql("SELECT id, repeat('x', 100) AS pad FROM range(20000)").collect();
    t.is(rows.length, 20_000);
    t.true(rows.every((r, i) => r["id"] === BigInt(i) && (r["pad"] as string).length === 100));
  } finally {
    await chunked.close();
  }
});
