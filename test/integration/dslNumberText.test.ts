// jsNumberText (JavaScript's String(x) of a number, as a Spark expression) against String(x)
// in JavaScript, over thousands of doubles: edge cases, powers of two and of ten with their
// neighbours, subnormals, integers beyond 2^53, ties of 16 and 17 digits, decimals of few
// digits and random bit patterns over the whole range. Every mismatch is listed.
import test, { type ExecutionContext } from "ava";
import { Column } from "../../src/Column.js";
import { jsNumberText } from "../../src/dsl/jsText.js";
import { ColumnRefNode } from "../../src/expr/ColumnRefNode.js";
import { LambdaNode } from "../../src/expr/LambdaNode.js";
import { FunctionCallNode } from "../../src/expr/FunctionCallNode.js";
import { LiteralNode } from "../../src/expr/LiteralNode.js";
import type { SparkSession } from "../../src/SparkSession.js";
import { connect } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

// ---- doubles and their bits ----------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));
const fromBits = (bits: bigint): number => (view.setBigUint64(0, BigInt.asUintN(64, bits)), view.getFloat64(0));
const toBits = (x: number): bigint => (view.setFloat64(0, x), view.getBigUint64(0));
/** The next double away from zero (x finite, >= 0) and towards it (x > 0). */
const up = (x: number) => fromBits(toBits(x) + 1n);
const down = (x: number) => fromBits(toBits(x) - 1n);

/** Java's Double.toHexString(x): Spark's format_string('%a', x), to check the doubles that arrived. */
function javaHex(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const bits = toBits(x);
  const sign = bits >> 63n ? "-" : "";
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = (bits & 0xfffffffffffffn).toString(16).padStart(13, "0").replace(/0+$/, "") || "0";
  if (exp === 0) return frac === "0" ? `${sign}0x0.0p0` : `${sign}0x0.${frac}p-1022`;
  return `${sign}0x1.${frac}p${exp - 1023}`;
}

/** splitmix64: the same sample on every run. */
function prng(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
}

// ---- the sample ----------------------------------------------------------------------

const EDGES = [
  NaN, Infinity, -Infinity, 0, -0, 0.1 + 0.2, 0.1, -0.1, 1e-7, 1.5e-7, 123e-20, 5e-324, -5e-324, 1e-323,
  1.7976931348623157e308, -1.7976931348623157e308, 12345678.5, 0.000001, 0.0000015, 1e-6, 1e21, -1e21,
  999999999999999900000, 1e20, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 63, 2 ** 64, 2e23, 8.41e21, 2.82879384806159e17,
  2.2250738585072014e-308, 2.225073858507201e-308, 1, -1, 0.5, 1.5, -2.5, 123, 100, 1e100, 1e-100,
  2 ** 49 + 0.25, Number.MAX_SAFE_INTEGER, Number.EPSILON, 4.35, 1 / 3, 2 / 3, Math.PI, Math.E, 9007199254740993,
  4.940656458412465e-324, 9.8813129168249309e-324, 1.2345678901234567e-300, 0.000123, 123456789012345680000,
];

function sample(): number[] {
  const xs: number[] = [...EDGES];
  const next = prng(20240611n);
  // Powers of two, each with its neighbours for every fourth one: at 2^e the next double
  // below is half as far as the next above.
  for (let e = -1074; e <= 1023; e++) {
    const x = 2 ** e;
    xs.push(x);
    if (e % 4 === 0) xs.push(up(x), ...(e > -1074 ? [down(x)] : []));
  }
  // Powers of ten (as JavaScript reads "1e<e>") and their neighbours.
  for (let e = -323; e <= 308; e++) {
    const x = Number(`1e${e}`);
    xs.push(x, up(x), down(x));
  }
  // Subnormals: the smallest ones, and random ones.
  for (let i = 1; i <= 300; i++) xs.push(i * 5e-324);
  for (let i = 0; i < 200; i++) xs.push(fromBits(next() & 0xfffffffffffffn));
  // Integers beyond 2^53: around 2^53, 2^63, 1e21, and random ones up to 2^64.
  for (let i = -40; i <= 40; i++) xs.push(2 ** 53 + 2 * i, 2 ** 63 + 2048 * i, 1e21 + 131072 * i);
  for (let i = 0; i < 600; i++) xs.push(Number(next() >> BigInt(Number(next() % 11n))));
  // Ties: m + 1/4 and m + 3/4 between 2^49 and 2^51, exactly between two decimals of 16 or
  // 17 digits that both read back (JavaScript takes the even one).
  for (let i = 0; i < 300; i++) xs.push(2 ** (49 + (i % 2)) + Number(next() % 2n ** 48n) + (i % 4 < 2 ? 0.25 : 0.75));
  // Decimals of 1 to 6 digits, from 1e-30 to 1e30, as JavaScript reads them.
  for (let i = 0; i < 1500; i++) {
    const digits = next() % 10n ** BigInt(1 + Number(next() % 6n));
    xs.push(Number(`${digits}e${Number(next() % 61n) - 30}`));
  }
  // Random bit patterns: every sign, exponent and mantissa.
  for (let i = 0; i < 2500; i++) xs.push(fromBits(next()));
  // Deduplicate by bits (keeps -0 apart from 0, one NaN).
  const seen = new Set<bigint>();
  return xs.filter((x) => {
    const b = Number.isNaN(x) ? -1n : toBits(x);
    return !seen.has(b) && (seen.add(b), true);
  });
}

const XS = sample();

// ---- evaluation ----------------------------------------------------------------------

const text = (name: string, as = "t") => new Column(jsNumberText(ColumnRefNode.create(name))).alias(as);
const ref = (name: string) => new Column(ColumnRefNode.create(name));

/** Evaluates jsNumberText over the doubles in `spark` and lists each one whose text differs from String(x). */
async function mismatches(t: ExecutionContext, session: SparkSession, xs: readonly number[]): Promise<string[]> {
  const df = session.createDataFrame(
    xs.map((x, i) => ({ i, x })),
    "i INT, x DOUBLE",
  );
  const hex = new Column(FunctionCallNode.create("format_string", [LiteralNode.create("%a"), ColumnRefNode.create("x")]));
  type Row = { i: number; x: number; h: string; t: string | null };
  const rows = (await df.select(ref("i"), ref("x"), hex.alias("h"), text("x")).collect()) as Row[];
  t.is(rows.length, xs.length);
  // The doubles reached Spark exactly: as Java prints their bits, and back in JavaScript.
  const garbled = rows.filter((r) => r.h !== javaHex(xs[r.i]!) || !Object.is(r.x, xs[r.i]));
  t.deepEqual(
    garbled.map((r) => `${xs[r.i]}: Spark has ${r.h}`),
    [],
  );
  return rows
    .filter((r) => r.t !== String(xs[r.i]))
    .map((r) => `${String(xs[r.i])} (${javaHex(xs[r.i]!)}): Spark gives ${JSON.stringify(r.t)}`);
}

test(`String(x) for ${XS.length} doubles`, async (t) => {
  t.true(XS.length >= 2000);
  t.deepEqual(await mismatches(t, spark, XS), []);
});

test("with ANSI mode off, the same text", async (t) => {
  const other = await connect();
  try {
    await other.conf.set("spark.sql.ansi.enabled", "false");
    t.deepEqual(await mismatches(t, other, XS.filter((_, i) => i % 5 === 0)), []);
  } finally {
    await other.close();
  }
});

test("an INT, a BIGINT or a FLOAT is printed as the double it converts to; null stays null", async (t) => {
  const rows = (await spark
    .sql(
      `SELECT * FROM VALUES
        (CAST(0 AS INT), CAST(0 AS BIGINT), CAST(0 AS FLOAT)),
        (CAST(-2147483648 AS INT), CAST(9007199254740993 AS BIGINT), CAST(0.1 AS FLOAT)),
        (CAST(2147483647 AS INT), CAST(-1000000000000000000 AS BIGINT), CAST(3.4028235E38 AS FLOAT)),
        (CAST(NULL AS INT), CAST(NULL AS BIGINT), CAST(NULL AS FLOAT))
        AS v(i, l, f)`,
    )
    .select(text("i", "i"), text("l", "l"), text("f", "f"))
    .collect()) as { i: string | null; l: string | null; f: string | null }[];
  t.deepEqual(rows, [
    { i: "0", l: "0", f: "0" },
    { i: "-2147483648", l: "9007199254740992", f: String(Math.fround(0.1)) },
    { i: "2147483647", l: "-1000000000000000000", f: String(Math.fround(3.4028235e38)) },
    { i: null, l: null, f: null },
  ]);
});

test("inside a lambda of the caller, even one whose variable has the name of one of its own", async (t) => {
  // transform(array(...), nv -> jsNumberText(nv)): "nv" is also a variable inside jsNumberText.
  const item = LambdaNode.variable("nv");
  const values = [1.5, 2 ** 60, 1e-7, -0];
  const array = FunctionCallNode.create("array", values.map((v) => LiteralNode.create(v)));
  const mapped = FunctionCallNode.create("transform", [array, LambdaNode.create(["nv"], jsNumberText(item))]);
  const rows = await spark.range(1).select(new Column(mapped).alias("t")).collect();
  t.deepEqual(rows, [{ t: values.map(String) }]);
});
