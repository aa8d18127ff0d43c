// Every Spark type: JS values → createDataFrame → collect, and → write Parquet → read →
// collect, asserting the exact JS values of docs/types.md both ways.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test, { type ExecutionContext } from "ava";
import { AnalysisError, SparkTimestamp } from "../../src/index.js";
import { connect } from "../support/server.js";

const spark = await connect();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spark-roundtrip-"));
test.after.always(async () => {
  await spark.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A value in a form deepEqual compares exactly: -0, NaN, bigints, timestamps' micros, bytes, Map order. */
function plain(v: unknown): unknown {
  if (v === null) return null;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v;
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof SparkTimestamp) return `ts ${v.toISOStringMicros()}`;
  if (v instanceof Date) return `date ${v.toISOString()}`;
  if (v instanceof Uint8Array) return `bytes ${[...v].join(",")}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return ["Map", ...[...v].map(([k, x]) => [plain(k), plain(x)])];
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
  return v;
}

let n = 0;

/**
 * Creates a DataFrame of `values` (one row each, plus an `id`) in column `v` of type
 * `type`, and checks that collect() gives `expected` directly and after a Parquet round trip.
 */
async function roundTrip(t: ExecutionContext, type: string, values: readonly unknown[], expected: readonly unknown[] = values, parquet = true, session = spark) {
  const rows = values.map((v, id) => ({ id, v }));
  const df = session.createDataFrame(rows, `id INT, v ${type}`);
  const want = expected.map((v, id) => ({ id, v: plain(v) }));
  const direct = await df.orderBy("id").collect();
  t.deepEqual(direct.map(plain), want, "createDataFrame → collect");
  if (!parquet) return;
  const p = path.join(dir, `t${n++}`);
  await df.write.parquet(p);
  const back = session.read.parquet(p);
  t.deepEqual((await back.schema()).fields.map((f) => f.name), ["id", "v"]);
  t.deepEqual((await back.orderBy("id").collect()).map(plain), want, "Parquet → collect");
}

const ts = (iso: string) => {
  const m = /^(.*)\.(\d{6})Z$/.exec(iso)!;
  return new SparkTimestamp(BigInt(Date.parse(`${m[1]}Z`)) * 1000n + BigInt(m[2]!));
};

test("tinyint, smallint, int", async (t) => {
  await roundTrip(t, "TINYINT", [-128, 0, 127, null]);
  await roundTrip(t, "SMALLINT", [-32768, 32767, null]);
  await roundTrip(t, "INT", [-2147483648, 2147483647, 0, null]);
});

test("bigint, at both ends of its range", async (t) => {
  await roundTrip(t, "BIGINT", [-9223372036854775808n, 9223372036854775807n, 0n, 42, null], [-9223372036854775808n, 9223372036854775807n, 0n, 42n, null]);
});

test("float: the float32 value, NaN, ±Infinity, -0", async (t) => {
  const values = [0.1, 1.5, NaN, Infinity, -Infinity, -0, 3.4028234663852886e38, 1e-45, null];
  await roundTrip(t, "FLOAT", values, values.map((v) => (v === null ? null : Math.fround(v))));
});

test("double: NaN, ±Infinity, -0, extremes", async (t) => {
  await roundTrip(t, "DOUBLE", [0.1, NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, -1e308, null]);
});

test("decimals: (38,0), (38,18), (10,2), negatives", async (t) => {
  await roundTrip(
    t,
    "DECIMAL(38,0)",
    ["99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "0", 12n, null],
    ["99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "0", "12", null],
  );
  await roundTrip(
    t,
    "DECIMAL(38,18)",
    ["12345678901234567890.123456789012345678", "-0.000000000000000001", "1", null],
    ["12345678901234567890.123456789012345678", "-0.000000000000000001", "1.000000000000000000", null],
  );
  await roundTrip(t, "DECIMAL(10,2)", ["-12.5", "0", 99999999.99, "-0.01", null], ["-12.50", "0.00", "99999999.99", "-0.01", null]);
});

test("string: unicode, empty, NUL, newlines, long", async (t) => {
  await roundTrip(t, "STRING", ["zażółć gęślą jaźń", "😀 emoji 𝔘", "", "nul\u0000inside", "line\nbreak\ttab", "x".repeat(100_000), null]);
});

test("binary and boolean", async (t) => {
  await roundTrip(t, "BINARY", [new Uint8Array([0, 255, 128]), new Uint8Array(0), null]);
  await roundTrip(t, "BOOLEAN", [true, false, null]);
});

test("date: year 1, the day before the epoch, year 9999, a leap day", async (t) => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  await roundTrip(t, "DATE", [d("0001-01-01"), d("1969-12-31"), d("1970-01-01"), d("2024-02-29"), d("9999-12-31"), null]);
});

test("timestamp: microseconds before 1970, year 1, far future", async (t) => {
  const values = [ts("1969-12-31T23:59:59.999999Z"), ts("1900-01-01T00:00:00.000001Z"), ts("0001-01-01T00:00:00.000000Z"), ts("9999-12-31T23:59:59.999999Z"), ts("2024-02-29T12:34:56.123456Z"), null];
  await roundTrip(t, "TIMESTAMP", values);
  // A plain Date is its millisecond.
  await roundTrip(t, "TIMESTAMP", [new Date("2020-05-06T07:08:09.010Z")], [ts("2020-05-06T07:08:09.010000Z")]);
});

test("timestamp_ntz: wall-clock values in the UTC fields", async (t) => {
  await roundTrip(t, "TIMESTAMP_NTZ", [ts("1969-12-31T23:59:59.999999Z"), ts("0001-01-01T00:00:00.000000Z"), ts("9999-12-31T23:59:59.999999Z"), null]);
});

test("ANSI intervals: day-time as bigint µs, year-month as months", async (t) => {
  await roundTrip(t, "INTERVAL DAY TO SECOND", [-1n, 86_400_000_000n, 0n, 9223372036854775807n, null]);
  await roundTrip(t, "INTERVAL YEAR TO MONTH", [-14, 0, 2147483647, null]);
});

test("calendar intervals as { months, days, nanoseconds } (no file source can store them)", async (t) => {
  await roundTrip(t, "INTERVAL", [{ months: 14, days: -3, nanoseconds: 4_000n }, null], undefined, false);
  const df = spark.createDataFrame([{ v: { months: 1, days: 0, nanoseconds: 0n } }], "v INTERVAL");
  const e = await t.throwsAsync(df.write.parquet(path.join(dir, "interval")), { instanceOf: AnalysisError });
  t.is(e?.errorClass, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE");
});

test("time (off by default in Spark 4.1): bigint nanoseconds since midnight", async (t) => {
  const s = await connect();
  t.teardown(() => s.close());
  await s.conf.set("spark.sql.timeType.enabled", true);
  await roundTrip(t, "TIME(6)", [0n, 45_296_123_456_000n, 86_399_999_999_000n, null], undefined, true, s);
});

test("arrays of arrays, with nulls and empties at each level", async (t) => {
  await roundTrip(t, "ARRAY<ARRAY<INT>>", [[[1, null], [], null], [], null]);
  await roundTrip(t, "ARRAY<STRING>", [["a", null, ""], null]);
});

test("maps of arrays of structs; maps with non-string keys", async (t) => {
  await roundTrip(
    t,
    "MAP<STRING, ARRAY<STRUCT<a: INT, b: STRING>>>",
    [new Map([["k", [{ a: 1, b: "x" }, null, { a: null, b: null }]], ["e", []], ["n", null]]), new Map(), null],
  );
  await roundTrip(t, "MAP<INT, BINARY>", [new Map([[1, new Uint8Array([9])], [2, null]]), null]);
  await roundTrip(t, "MAP<BIGINT, DATE>", [new Map([[-1n, new Date("1969-12-31T00:00:00Z")]])]);
});

test("structs with every kind of field, null structs and structs of nulls", async (t) => {
  const type = "STRUCT<d: DECIMAL(10,2), ts: ARRAY<TIMESTAMP>, m: MAP<STRING, BOOLEAN>, inner: STRUCT<x: DOUBLE, b: BINARY>, l: BIGINT>";
  await roundTrip(
    t,
    type,
    [
      { d: "1.25", ts: [ts("1969-12-31T23:59:59.999999Z"), null], m: new Map([["t", true]]), inner: { x: -0, b: new Uint8Array([1]) }, l: -5n },
      { d: null, ts: null, m: null, inner: null, l: null },
      { d: "0", ts: [], m: new Map(), inner: { x: null, b: null }, l: 0n },
      null,
    ],
    [
      { d: "1.25", ts: [ts("1969-12-31T23:59:59.999999Z"), null], m: new Map([["t", true]]), inner: { x: -0, b: new Uint8Array([1]) }, l: -5n },
      { d: null, ts: null, m: null, inner: null, l: null },
      { d: "0.00", ts: [], m: new Map(), inner: { x: null, b: null }, l: 0n },
      null,
    ],
  );
});

test("inferred types round-trip too: number, bigint, string, boolean, Date, Uint8Array, nested", async (t) => {
  const rows = [
    { n: -0, l: -9223372036854775808n, s: "ß", b: false, ts: ts("1969-12-31T23:59:59.999999Z"), bin: new Uint8Array([7]), a: [[1.5]], m: new Map([["k", { z: 1n }]]) },
    { n: NaN, l: null, s: null, b: null, ts: null, bin: null, a: null, m: null },
  ];
  const df = spark.createDataFrame(rows);
  const p = path.join(dir, "inferred");
  await df.write.parquet(p);
  t.deepEqual((await spark.read.parquet(p).collect()).sort((a, b) => Number(a["l"] === null) - Number(b["l"] === null)).map(plain), rows.map(plain));
});
