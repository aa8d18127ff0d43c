// Spark values of each type, produced by the real server, as JS values (docs/types.md).
import test from "ava";
import { SparkTimestamp } from "../../src/index.js";
import { connect } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

async function one(sql: string): Promise<Record<string, unknown>> {
  const rows = await spark.sql(`SELECT ${sql}`).collect();
  return rows[0]!;
}

test("integral types: byte/short/int as number, long as bigint", async (t) => {
  t.deepEqual(
    await one("CAST(-128 AS TINYINT) AS b, CAST(32767 AS SMALLINT) AS s, -2147483648 AS i, 9223372036854775807 AS l, CAST(-1 AS BIGINT) AS m"),
    { b: -128, s: 32767, i: -2147483648, l: 9223372036854775807n, m: -1n },
  );
});

test("longs as number on request, refusing values past 2^53", async (t) => {
  t.deepEqual(await spark.sql("SELECT CAST(42 AS BIGINT) AS l").collect({ longs: "number" }), [{ l: 42 }]);
  await t.throwsAsync(spark.sql("SELECT 9223372036854775807 AS l").collect({ longs: "number" }), { message: /longs/ });
});

test("floating point keeps NaN, infinities and -0", async (t) => {
  const r = await one(
    "CAST('NaN' AS DOUBLE) AS nan, CAST('Infinity' AS DOUBLE) AS inf, CAST('-Infinity' AS DOUBLE) AS ninf, CAST('-0.0' AS DOUBLE) AS nz, CAST(1.5 AS FLOAT) AS f, 0.1D AS d",
  );
  t.true(Number.isNaN(r["nan"]));
  t.is(r["inf"], Infinity);
  t.is(r["ninf"], -Infinity);
  t.true(Object.is(r["nz"], -0));
  t.is(r["f"], 1.5);
  t.is(r["d"], 0.1);
});

test("decimals are exact strings with the type's scale", async (t) => {
  t.deepEqual(
    await one(
      "CAST(-12.5 AS DECIMAL(10,2)) AS a, CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0)) AS b, CAST('-0.00000000000000000000000000000000000001' AS DECIMAL(38,38)) AS c, CAST(0 AS DECIMAL(5,3)) AS z",
    ),
    { a: "-12.50", b: "99999999999999999999999999999999999999", c: "-0.00000000000000000000000000000000000001", z: "0.000" },
  );
  t.deepEqual(await spark.sql("SELECT CAST(2.25 AS DECIMAL(4,2)) AS d").collect({ decimals: "number" }), [{ d: 2.25 }]);
});

test("strings, booleans, binary and nulls", async (t) => {
  const r = await one("'zażółć %_ 😀' AS s, true AS t, false AS f, X'00FF10' AS bin, CAST(NULL AS STRING) AS n, NULL AS v");
  t.is(r["s"], "zażółć %_ 😀");
  t.is(r["t"], true);
  t.is(r["f"], false);
  t.deepEqual(r["bin"], new Uint8Array([0, 255, 16]));
  t.is(r["n"], null);
  t.is(r["v"], null);
});

test("dates are Dates at UTC midnight, including year 1 and 9999", async (t) => {
  const r = await one("DATE'1970-01-01' AS epoch, DATE'1969-12-31' AS before, DATE'0001-01-01' AS first, DATE'9999-12-31' AS last");
  t.is((r["epoch"] as Date).toISOString(), "1970-01-01T00:00:00.000Z");
  t.is((r["before"] as Date).toISOString(), "1969-12-31T00:00:00.000Z");
  t.is((r["first"] as Date).toISOString(), "0001-01-01T00:00:00.000Z");
  t.is((r["last"] as Date).toISOString(), "9999-12-31T00:00:00.000Z");
});

test("timestamps keep their microseconds, before 1970 and far in the future", async (t) => {
  await spark.sql("SET spark.sql.session.timeZone=UTC").collect();
  const r = await one(
    "TIMESTAMP'2024-02-29 12:34:56.123456' AS ts, TIMESTAMP'1969-12-31 23:59:59.999999' AS pre, TIMESTAMP'9999-12-31 23:59:59.999999' AS far, TIMESTAMP_NTZ'2001-02-03 04:05:06.000007' AS ntz",
  );
  const ts = r["ts"] as SparkTimestamp;
  t.true(ts instanceof SparkTimestamp);
  t.true(ts instanceof Date);
  t.is(ts.toISOStringMicros(), "2024-02-29T12:34:56.123456Z");
  t.is(ts.epochMicros, 1709210096123456n);
  t.is((r["pre"] as SparkTimestamp).epochMicros, -1n);
  t.is((r["far"] as SparkTimestamp).toISOStringMicros(), "9999-12-31T23:59:59.999999Z");
  t.is((r["ntz"] as SparkTimestamp).toISOStringMicros(), "2001-02-03T04:05:06.000007Z");
});

test("arrays, maps and structs nest", async (t) => {
  const r = await one("array(1, NULL, 3) AS a, map('k', array(1L)) AS m, named_struct('x', 1, 'y', named_struct('z', 'deep')) AS s");
  t.deepEqual(r["a"], [1, null, 3]);
  t.deepEqual(r["m"], new Map([["k", [1n]]]));
  t.deepEqual(r["s"], { x: 1, y: { z: "deep" } });
});

test("intervals: day-time as bigint microseconds, year-month as months", async (t) => {
  const r = await one("INTERVAL '1 02:03:04.000005' DAY TO SECOND AS dt, INTERVAL '2-3' YEAR TO MONTH AS ym");
  t.is(r["dt"], 93784000005n);
  t.is(r["ym"], 27);
});

test("an empty result is an empty array, and its Arrow table keeps the schema", async (t) => {
  t.deepEqual(await spark.sql("SELECT 1 AS x WHERE false").collect(), []);
  const table = await spark.sql("SELECT 1 AS x, 'a' AS s WHERE false").toArrow();
  t.is(table.numRows, 0);
  t.deepEqual(table.schema.fields.map((f) => f.name), ["x", "s"]);
});
