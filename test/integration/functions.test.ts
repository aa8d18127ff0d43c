// Every export of the functions module, called against the real server: one table entry
// (or several) per function, run in batches of aliased columns, most with the exact value
// Spark returns. A function Spark does not know fails its batch, and the error names it.
import test, { type ExecutionContext } from "ava";
import { createHash } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";
import type { Column } from "../../src/Column.js";
import { SparkTimestamp } from "../../src/index.js";
import type { DataType } from "../../src/types/DataType.js";
import { Window } from "../../src/Window.js";
import * as F from "../../src/functions/index.js";
import { col, lit } from "../../src/functions/index.js";
import { connect, expectedServerVersion } from "../support/server.js";

const spark = await connect();
test.before(async () => {
  for (const conf of ["spark.sql.session.timeZone=UTC", "spark.sql.timeType.enabled=true", "spark.sql.geospatial.enabled=true"]) {
    await spark.sql(`SET ${conf}`).collect();
  }
});
test.after.always(() => spark.close());

// ---- inputs --------------------------------------------------------------------------

/** One row with a column of each shape the functions need. */
const ROW = `SELECT 1 AS i, 7 AS j, -4 AS neg, 2.5D AS d, 0.5D AS half, CAST('NaN' AS DOUBLE) AS nan, CAST(NULL AS INT) AS n,
  'Hello' AS s, 'World' AS s2, '  pad  ' AS sp, 'a,b,c' AS csv, '{"a":1,"b":[1,2,3]}' AS js, '<p><a>1</a><a>2</a></p>' AS xml,
  'https://spark.apache.org/docs?q=x&n=1#top' AS url, '0123456789abcdef' AS key, X'01' AS bin,
  DATE'2024-02-29' AS dt, DATE'2024-03-31' AS dt2, TIMESTAMP'2024-02-29 12:34:56' AS ts,
  TIMESTAMP_NTZ'2024-02-29 12:34:56' AS ntz, TIME'12:34:56' AS tm,
  array(1, 2, 3) AS arr, array(3, 4, 5) AS arr2, array(1, NULL, 2) AS arrn, array(array(1, 2), array(3)) AS nested,
  array('b', 'a', 'c') AS strs, map('a', 1) AS m, map('b', 2) AS m2, named_struct('x', 1) AS st,
  array(named_struct('x', 1, 'y', 'a'), named_struct('x', 2, 'y', 'b')) AS structs,
  X'0101000000000000000000F03F0000000000000040' AS wkb`;

/** Four rows for aggregates and window functions. */
const ROWS = `SELECT * FROM VALUES
  (1, 10, 'a', 1.0D, true, 'k1'), (2, 20, 'b', 2.0D, false, 'k1'), (3, 30, 'b', 4.0D, true, 'k2'), (4, NULL, NULL, 8.0D, NULL, 'k2')
  AS t(i, x, s, d, b, k)`;

/** One row of sketches over the values 1, 2, 3. */
const SKETCHES = `SELECT hll_sketch_agg(x) AS h, theta_sketch_agg(x) AS th, kll_sketch_agg_bigint(x) AS kb,
  kll_sketch_agg_float(CAST(x AS FLOAT)) AS kf, kll_sketch_agg_double(CAST(x AS DOUBLE)) AS kd,
  bitmap_construct_agg(bitmap_bit_position(x)) AS bm FROM VALUES (1), (2), (3) AS t(x)`;

// ---- the table -----------------------------------------------------------------------

/** Where a case runs: a projection of ROW, ROWS (aggregates), SKETCHES (scalar or aggregate),
 * a window projection of ROWS ordered by i, a generator alone over ROW, or a cube of ROWS by k. */
type Kind = "row" | "single" | "agg" | "sketch" | "sketchAgg" | "window" | "generator" | "cube";
interface Case {
  readonly kind: Kind;
  readonly col: Column;
  /** The exact value (deepEqual), a predicate, or ANY (it must only run). */
  readonly expect: unknown;
}
const ANY = Symbol("any value");
type Check = (v: unknown) => boolean;

const row = (c: Column, expect: unknown = ANY): Case => ({ kind: "row", col: c, expect });
/** Alone in a projection of ROW (time windows: Spark allows one per projection); the values of all rows. */
const single = (c: Column, expect: unknown = ANY): Case => ({ kind: "single", col: c, expect });
const agg = (c: Column, expect: unknown = ANY): Case => ({ kind: "agg", col: c, expect });
const sk = (c: Column, expect: unknown = ANY): Case => ({ kind: "sketch", col: c, expect });
const skAgg = (c: Column, expect: unknown = ANY): Case => ({ kind: "sketchAgg", col: c, expect });
/** Values by row of ROWS in order of i. */
const win = (c: Column, expect: unknown[]): Case => ({ kind: "window", col: c, expect });
/** The rows a generator produces over ROW. */
const gen = (c: Column, expect: unknown[]): Case => ({ kind: "generator", col: c, expect });
/** Values by cube row: k1, k2, then the grand total. */
const cube = (c: Column, expect: unknown[]): Case => ({ kind: "cube", col: c, expect });

const near =
  (x: number, eps = 1e-9): Check =>
  (v) =>
    typeof v === "number" && Math.abs(v - x) <= eps * Math.max(1, Math.abs(x));
const isA =
  (type: "string" | "number" | "bigint" | "boolean"): Check =>
  (v) =>
    typeof v === type;
/** Strings joined by `sep` in any order (aggregation order is not defined). */
const joined =
  (sep: string, parts: string[]): Check =>
  (v) =>
    typeof v === "string" && JSON.stringify((sep === "" ? [...v] : v.split(sep)).sort()) === JSON.stringify([...parts].sort());
/** Values in any order (rows of a multi-row result). */
const sorted =
  (values: string[]): Check =>
  (v) =>
    Array.isArray(v) && JSON.stringify([...v].sort()) === JSON.stringify([...values].sort());
const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const str = (c: Column) => c.cast("string");
const hex = (algo: string, s: string) => createHash(algo).update(s).digest("hex");
const byI = Window.orderBy("i");
const x = col("x");
const WKB = F.stGeomfromwkb("wkb");

const jsStruct: DataType = {
  kind: "struct",
  fields: [
    { name: "a", dataType: { kind: "integer" }, nullable: true },
    { name: "b", dataType: { kind: "array", elementType: { kind: "integer" }, containsNull: true }, nullable: true },
  ],
};

const CASES = {
  // core
  col: row(col("i"), 1),
  column: row(F.column("s"), "Hello"),
  lit: row(lit(5), 5),
  expr: row(F.expr("i + 1"), 2),
  when: row(F.when(col("i").eq(1), "one").otherwise("other"), "one"),
  callFunction: row(F.callFunction("upper", "s"), "HELLO"),

  // math
  abs: row(F.abs("neg"), 4),
  acos: row(F.acos("half"), near(Math.acos(0.5))),
  acosh: row(F.acosh("d"), near(Math.acosh(2.5))),
  asin: row(F.asin("half"), near(Math.asin(0.5))),
  asinh: row(F.asinh("d"), near(Math.asinh(2.5))),
  atan: row(F.atan("half"), near(Math.atan(0.5))),
  atan2: [row(F.atan2("half", "d"), near(Math.atan2(0.5, 2.5))), row(F.atan2(1, 1), near(Math.PI / 4))],
  atanh: row(F.atanh("half"), near(Math.atanh(0.5))),
  bin: row(F.bin(lit(13)), "1101"),
  bround: [row(F.bround("d"), 2), row(F.bround(lit(2.25), 1), 2.2)],
  cbrt: row(F.cbrt(lit(27)), 3),
  ceil: [row(F.ceil("d"), 3n), row(F.ceil(lit(2.123), 2).cast("double"), 2.13)],
  ceiling: row(F.ceiling("d"), 3n),
  conv: row(F.conv(lit("ff"), 16, 10), "255"),
  cos: row(F.cos(lit(0)), 1),
  cosh: row(F.cosh(lit(0)), 1),
  cot: row(F.cot("half"), near(1 / Math.tan(0.5))),
  csc: row(F.csc("half"), near(1 / Math.sin(0.5))),
  degrees: row(F.degrees(F.pi()), 180),
  e: row(F.e(), Math.E),
  exp: row(F.exp(lit(0)), 1),
  expm1: row(F.expm1(lit(0)), 0),
  factorial: row(F.factorial(lit(5)), 120n),
  floor: [row(F.floor("d"), 2n), row(F.floor(lit(2.987), 1).cast("double"), 2.9)],
  greatest: row(F.greatest("i", "j", "neg"), 7),
  hex: row(F.hex(lit(255)), "FF"),
  hypot: [row(F.hypot(3, 4), 5), row(F.hypot("i", "i"), near(Math.SQRT2))],
  least: row(F.least("i", "j", "neg"), -4),
  ln: row(F.ln(F.e()), 1),
  log: [row(F.log("d"), near(Math.log(2.5))), row(F.log(2, lit(8)), 3)],
  log10: row(F.log10(lit(100)), 2),
  log1p: row(F.log1p(lit(0)), 0),
  log2: row(F.log2(lit(8)), 3),
  negate: row(F.negate("d"), -2.5),
  negative: row(F.negative("i"), -1),
  pi: row(F.pi(), Math.PI),
  pmod: [row(F.pmod("neg", 3), 2), row(F.pmod(10, "j"), 3)],
  positive: row(F.positive("neg"), -4),
  pow: row(F.pow("d", 2), 6.25),
  power: row(F.power(2, 10), 1024),
  radians: row(F.radians(lit(180)), near(Math.PI)),
  rand: row(F.rand(42), (v: unknown) => typeof v === "number" && v >= 0 && v < 1),
  random: row(F.random(), (v: unknown) => typeof v === "number" && v >= 0 && v < 1),
  randn: row(F.randn(7), isA("number")),
  rint: row(F.rint("d"), 2),
  round: [row(F.round("d"), 3), row(F.round(lit(2.345), 2).cast("double"), 2.35)],
  sec: row(F.sec(lit(0)), 1),
  sign: row(F.sign("neg"), -1),
  signum: row(F.signum("d"), 1),
  sin: row(F.sin(lit(0)), 0),
  sinh: row(F.sinh(lit(0)), 0),
  sqrt: row(F.sqrt(lit(16)), 4),
  tan: row(F.tan(lit(0)), 0),
  tanh: row(F.tanh(lit(0)), 0),
  toDegrees: row(F.toDegrees(F.pi()), 180),
  toRadians: row(F.toRadians(lit(180)), near(Math.PI)),
  tryAdd: row(F.tryAdd("i", "j"), 8),
  tryDivide: row(F.tryDivide("j", lit(0)), null),
  tryMod: row(F.tryMod("j", lit(4)), 3),
  tryMultiply: row(F.tryMultiply("i", "j"), 7),
  trySubtract: row(F.trySubtract("i", "j"), -6),
  unhex: row(F.unhex(lit("0A")), bytes(10)),
  uniform: row(F.uniform(0, 10, 42), (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 10),
  widthBucket: row(F.widthBucket("d", lit(0), lit(10), 5), 2n),

  // bitwise
  bitCount: row(F.bitCount(lit(7)), 3),
  bitGet: row(F.bitGet(lit(11), lit(0)), 1),
  getbit: row(F.getbit(lit(11), lit(2)), 0),
  bitwiseNot: row(F.bitwiseNot("i"), -2),
  bitwiseNOT: row(F.bitwiseNOT(lit(0)), -1),
  shiftleft: row(F.shiftleft("i", 3), 8),
  shiftLeft: row(F.shiftLeft("i", 4), 16),
  shiftright: row(F.shiftright(lit(16), 2), 4),
  shiftRight: row(F.shiftRight("neg", 1), -2),
  shiftrightunsigned: row(F.shiftrightunsigned("neg", 28), 15),
  shiftRightUnsigned: row(F.shiftRightUnsigned(lit(16), 4), 1),

  // string
  ascii: row(F.ascii("s"), 72),
  base64: row(F.base64("bin"), "AQ=="),
  bitLength: row(F.bitLength("s"), 40),
  btrim: [row(F.btrim("sp"), "pad"), row(F.btrim(lit("xxHixx"), lit("x")), "Hi")],
  char: row(F.char(lit(65)), "A"),
  charLength: row(F.charLength("s"), 5),
  characterLength: row(F.characterLength("s2"), 5),
  chr: row(F.chr(lit(66)), "B"),
  collate: row(F.collation(F.collate("s", "UTF8_LCASE")), "SYSTEM.BUILTIN.UTF8_LCASE"),
  collation: row(F.collation("s"), "SYSTEM.BUILTIN.UTF8_BINARY"),
  concatWs: row(F.concatWs("-", "s", "s2"), "Hello-World"),
  contains: row(F.contains("s", lit("ell")), true),
  decode: row(F.decode(F.encode("s", "UTF-8"), "UTF-8"), "Hello"),
  elt: row(F.elt(lit(2), "s", "s2"), "World"),
  encode: row(F.encode("s", "UTF-8"), utf8("Hello")),
  endswith: row(F.endswith("s", lit("lo")), true),
  findInSet: row(F.findInSet(lit("b"), "csv"), 2),
  formatNumber: row(F.formatNumber(lit(1234.5), 2), "1,234.50"),
  formatString: row(F.formatString("%s-%d", "s", "i"), "Hello-1"),
  initcap: row(F.initcap(lit("hello world")), "Hello World"),
  instr: row(F.instr("s", "l"), 3),
  isValidUtf8: row(F.isValidUtf8("s"), true),
  lcase: row(F.lcase("s"), "hello"),
  left: row(F.left("s", lit(2)), "He"),
  length: row(F.length("s"), 5),
  levenshtein: [row(F.levenshtein("s", "s2"), 4), row(F.levenshtein("s", "s2", 2), -1)],
  locate: [row(F.locate("l", "s"), 3), row(F.locate("l", "s", 4), 4)],
  lower: row(F.lower("s"), "hello"),
  lpad: row(F.lpad("s", 7, "*"), "**Hello"),
  ltrim: [row(F.ltrim("sp"), "pad  "), row(F.ltrim(lit("xxHixx"), lit("x")), "Hixx")],
  makeValidUtf8: row(F.makeValidUtf8("s"), "Hello"),
  mask: [row(F.mask(lit("AbC-12")), "XxX-nn"), row(F.mask(lit("AbC-12"), lit("U"), lit("l"), lit("#"), lit("_")), "UlU_##")],
  octetLength: row(F.octetLength("s"), 5),
  overlay: row(F.overlay("s", lit("__"), 2, 2), "H__lo"),
  position: row(F.position(lit("l"), "s"), 3),
  printf: row(F.printf(lit("%s!"), "s"), "Hello!"),
  quote: row(F.quote(lit("it's")), "'it\\'s'"),
  randstr: row(F.randstr(5, 0), (v: unknown) => typeof v === "string" && /^[A-Za-z0-9]{5}$/.test(v)),
  repeat: row(F.repeat("s", 2), "HelloHello"),
  replace: [row(F.replace("s", lit("l"), lit("L")), "HeLLo"), row(F.replace("s", lit("l")), "Heo")],
  right: row(F.right("s", lit(3)), "llo"),
  rpad: row(F.rpad("s", 7, "*"), "Hello**"),
  rtrim: [row(F.rtrim("sp"), "  pad"), row(F.rtrim(lit("xxHixx"), lit("x")), "xxHi")],
  sentences: row(F.sentences(lit("Hi there. Bye now.")), [["Hi", "there"], ["Bye", "now"]]),
  soundex: row(F.soundex("s"), "H400"),
  split: [row(F.split("csv", ","), ["a", "b", "c"]), row(F.split("csv", ",", 2), ["a", "b,c"])],
  splitPart: row(F.splitPart("csv", lit(","), lit(2)), "b"),
  startswith: row(F.startswith("s", lit("He")), true),
  substr: [row(F.substr("s", lit(2), lit(3)), "ell"), row(F.substr("s", lit(4)), "lo")],
  substring: row(F.substring("s", 1, 3), "Hel"),
  substringIndex: row(F.substringIndex(lit("a.b.c"), ".", 2), "a.b"),
  toBinary: row(F.toBinary(lit("abc"), lit("utf-8")), utf8("abc")),
  toChar: row(F.toChar(lit(454), lit("999")), "454"),
  toNumber: row(F.toNumber(lit("454"), lit("999")), "454"),
  toVarchar: row(F.toVarchar(lit(78.12), lit("99.99")), "78.12"),
  translate: row(F.translate("s", "lo", "01"), "He001"),
  trim: [row(F.trim("sp"), "pad"), row(F.trim(lit("xxHixx"), lit("x")), "Hi")],
  tryToBinary: row(F.tryToBinary(lit("zz"), lit("hex")), null),
  tryToNumber: row(F.tryToNumber(lit("x"), lit("999")), null),
  tryValidateUtf8: row(F.tryValidateUtf8("s"), "Hello"),
  ucase: row(F.ucase("s"), "HELLO"),
  unbase64: row(F.unbase64(lit("AQ==")), bytes(1)),
  upper: row(F.upper("s"), "HELLO"),
  validateUtf8: row(F.validateUtf8("s"), "Hello"),

  // regexp
  like: [row(F.like("s", lit("H%")), true), row(F.like(lit("a%b"), lit("a!%b"), lit("!")), true)],
  ilike: row(F.ilike("s", lit("h%")), true),
  rlike: row(F.rlike("s", lit("^H")), true),
  regexp: row(F.regexp("s", lit("o$")), true),
  regexpLike: row(F.regexpLike("s", lit("^x")), false),
  regexpCount: row(F.regexpCount("s", lit("l")), 2),
  regexpExtract: row(F.regexpExtract("s", "(H)(e)", 2), "e"),
  regexpExtractAll: row(F.regexpExtractAll(lit("a1b22"), lit("(\\d+)")), ["1", "22"]),
  regexpInstr: row(F.regexpInstr("s", lit("l+")), 3),
  regexpReplace: row(F.regexpReplace("s", "l+", "L"), "HeLo"),
  regexpSubstr: row(F.regexpSubstr("s", lit("l+")), "ll"),

  // url
  parseUrl: row(F.parseUrl("url", lit("HOST")), "spark.apache.org"),
  tryParseUrl: row(F.tryParseUrl("url", lit("QUERY"), lit("q")), "x"),
  urlDecode: row(F.urlDecode(lit("a+b%26c")), "a b&c"),
  tryUrlDecode: row(F.tryUrlDecode(lit("%zz")), null),
  urlEncode: row(F.urlEncode(lit("a b&c")), "a+b%26c"),

  // datetime
  addMonths: row(F.addMonths("dt", 1), date("2024-03-29")),
  convertTimezone: row(str(F.convertTimezone(lit("UTC"), lit("Asia/Tokyo"), "ntz")), "2024-02-29 21:34:56"),
  curdate: row(F.curdate(), (v: unknown) => v instanceof Date),
  currentDate: row(F.currentDate(), (v: unknown) => v instanceof Date),
  currentTime: row(F.currentTime(3), isA("bigint")),
  currentTimestamp: row(F.currentTimestamp(), (v: unknown) => v instanceof SparkTimestamp),
  currentTimezone: row(F.currentTimezone(), "UTC"),
  dateAdd: row(F.dateAdd("dt", 1), date("2024-03-01")),
  dateadd: row(F.dateadd("dt", -1), date("2024-02-28")),
  dateDiff: row(F.dateDiff("dt2", "dt"), 31),
  datediff: row(F.datediff("dt", "dt2"), -31),
  dateFormat: row(F.dateFormat("ts", "yyyy/MM/dd HH:mm"), "2024/02/29 12:34"),
  dateFromUnixDate: row(F.dateFromUnixDate(lit(1)), date("1970-01-02")),
  datePart: row(F.datePart(lit("YEAR"), "dt"), 2024),
  datepart: row(F.datepart(lit("MONTH"), "ts"), 2),
  dateSub: row(F.dateSub("dt", 29), date("2024-01-31")),
  dateTrunc: row(str(F.dateTrunc("hour", "ts")), "2024-02-29 12:00:00"),
  day: row(F.day("dt"), 29),
  dayname: row(F.dayname("dt"), "Thu"),
  dayofmonth: row(F.dayofmonth("ts"), 29),
  dayofweek: row(F.dayofweek("dt"), 5),
  dayofyear: row(F.dayofyear("dt"), 60),
  extract: row(F.extract(lit("DAY"), "dt"), 29),
  fromUnixtime: [row(F.fromUnixtime(lit(0)), "1970-01-01 00:00:00"), row(F.fromUnixtime(lit(86400), "yyyy-MM-dd"), "1970-01-02")],
  fromUtcTimestamp: row(str(F.fromUtcTimestamp("ts", "Asia/Tokyo")), "2024-02-29 21:34:56"),
  hour: row(F.hour("ts"), 12),
  lastDay: row(F.lastDay(lit("2023-02-10")), date("2023-02-28")),
  localtimestamp: row(F.localtimestamp(), (v: unknown) => v instanceof SparkTimestamp),
  makeDate: row(F.makeDate(lit(2024), lit(1), lit(15)), date("2024-01-15")),
  minute: row(F.minute("ts"), 34),
  month: row(F.month("dt"), 2),
  monthname: row(F.monthname("dt"), "Feb"),
  monthsBetween: row(F.monthsBetween("dt2", "dt"), 1),
  nextDay: row(F.nextDay("dt", "Mon"), date("2024-03-04")),
  now: row(F.now(), (v: unknown) => v instanceof SparkTimestamp),
  quarter: row(F.quarter("dt"), 1),
  second: row(F.second("ts"), 56),
  timestampAdd: row(str(F.timestampAdd("HOUR", lit(2), "ts")), "2024-02-29 14:34:56"),
  timestampDiff: row(F.timestampDiff("DAY", "dt", "dt2"), 31n),
  timestampMicros: row(str(F.timestampMicros(lit(0))), "1970-01-01 00:00:00"),
  timestampMillis: row(str(F.timestampMillis(lit(1000))), "1970-01-01 00:00:01"),
  timestampSeconds: row(str(F.timestampSeconds(lit(60))), "1970-01-01 00:01:00"),
  toDate: [row(F.toDate(lit("2024-01-02")), date("2024-01-02")), row(F.toDate(lit("02/01/2024"), "dd/MM/yyyy"), date("2024-01-02"))],
  toTimestamp: [row(str(F.toTimestamp(lit("2024-01-02 03:04:05"))), "2024-01-02 03:04:05"), row(str(F.toTimestamp(lit("02.01.2024"), "dd.MM.yyyy")), "2024-01-02 00:00:00")],
  toTimestampLtz: row(str(F.toTimestampLtz(lit("2024-01-02"), lit("yyyy-MM-dd"))), "2024-01-02 00:00:00"),
  toTimestampNtz: row(str(F.toTimestampNtz(lit("2024-01-02 03:04:05"))), "2024-01-02 03:04:05"),
  toUnixTimestamp: row(F.toUnixTimestamp("ts"), 1709210096n),
  toUtcTimestamp: row(str(F.toUtcTimestamp("ts", "Asia/Tokyo")), "2024-02-29 03:34:56"),
  trunc: row(F.trunc("dt", "month"), date("2024-02-01")),
  tryToDate: row(F.tryToDate(lit("nope")), null),
  tryToTimestamp: row(F.tryToTimestamp(lit("nope")), null),
  unixDate: row(F.unixDate("dt"), 19782),
  unixMicros: row(F.unixMicros("ts"), 1709210096000000n),
  unixMillis: row(F.unixMillis("ts"), 1709210096000n),
  unixSeconds: row(F.unixSeconds("ts"), 1709210096n),
  unixTimestamp: [row(F.unixTimestamp("ts"), 1709210096n), row(F.unixTimestamp(lit("2024-02-29"), "yyyy-MM-dd"), 1709164800n), row(F.unixTimestamp(), isA("bigint"))],
  weekday: row(F.weekday("dt"), 3),
  weekofyear: row(F.weekofyear("dt"), 9),
  year: row(F.year("dt"), 2024),

  // datetimeMake
  makeDtInterval: [row(F.makeDtInterval(lit(1), lit(2)), 93_600_000_000n), row(F.makeDtInterval({ mins: lit(1) }), 60_000_000n)],
  makeInterval: row(F.makeInterval({ years: lit(1), days: lit(2) }), { months: 12, days: 2, nanoseconds: 0n }),
  tryMakeInterval: row(F.tryMakeInterval(lit(1)), { months: 12, days: 0, nanoseconds: 0n }),
  makeYmInterval: row(F.makeYmInterval(lit(1), lit(6)), 18),
  makeTime: row(str(F.makeTime(lit(1), lit(2), lit(3))), "01:02:03"),
  makeTimestamp: [
    row(str(F.makeTimestamp(lit(2024), lit(2), lit(29), lit(12), lit(34), lit(56))), "2024-02-29 12:34:56"),
    row(str(F.makeTimestamp(lit(2024), lit(2), lit(29), lit(12), lit(34), lit(56), lit("Asia/Tokyo"))), "2024-02-29 03:34:56"),
    row(str(F.makeTimestamp({ date: "dt", time: "tm" })), "2024-02-29 12:34:56"),
  ],
  tryMakeTimestamp: row(F.tryMakeTimestamp(lit(2024), lit(13), lit(1), lit(0), lit(0), lit(0)), null),
  makeTimestampLtz: row(str(F.makeTimestampLtz(lit(2024), lit(2), lit(29), lit(12), lit(34), lit(56), lit("UTC"))), "2024-02-29 12:34:56"),
  tryMakeTimestampLtz: row(F.tryMakeTimestampLtz(lit(2024), lit(2), lit(30), lit(0), lit(0), lit(0)), null),
  makeTimestampNtz: row(str(F.makeTimestampNtz(lit(2024), lit(2), lit(29), lit(12), lit(34), lit(56))), "2024-02-29 12:34:56"),
  tryMakeTimestampNtz: row(str(F.tryMakeTimestampNtz({ date: "dt", time: "tm" })), "2024-02-29 12:34:56"),
  timeDiff: row(F.timeDiff(lit("MINUTE"), F.makeTime(lit(1), lit(0), lit(0)), F.makeTime(lit(2), lit(30), lit(0))), 90n),
  timeTrunc: row(str(F.timeTrunc(lit("HOUR"), "tm")), "12:00:00"),
  toTime: [row(str(F.toTime(lit("12:34:56"))), "12:34:56"), row(str(F.toTime(lit("12.34"), lit("HH.mm"))), "12:34:00")],
  tryToTime: row(F.tryToTime(lit("nope")), null),
  window: [
    single(str(F.window("ts", "1 hour").getField("start")), ["2024-02-29 12:00:00"]),
    single(str(F.window("ts", "1 hour", "30 minutes").getField("end")), sorted(["2024-02-29 13:00:00", "2024-02-29 13:30:00"])),
    single(str(F.window("ts", "1 hour", undefined, "15 minutes").getField("end")), ["2024-02-29 13:15:00"]),
  ],
  windowTime: single(str(F.windowTime(F.window("ts", "1 hour"))), ["2024-02-29 12:59:59.999999"]),
  sessionWindow: single(str(F.sessionWindow("ts", "5 minutes").getField("end")), ["2024-02-29 12:39:56"]),

  // collection
  array: [row(F.array("i", "j"), [1, 7]), row(F.array(["j", "i"]), [7, 1])],
  arrayAppend: row(F.arrayAppend("arr", 4), [1, 2, 3, 4]),
  arrayCompact: row(F.arrayCompact("arrn"), [1, 2]),
  arrayContains: row(F.arrayContains("arr", 2), true),
  arrayDistinct: row(F.arrayDistinct(lit([1, 1, 2])), [1, 2]),
  arrayExcept: row(F.arrayExcept("arr", "arr2"), [1, 2]),
  arrayInsert: row(F.arrayInsert("arr", 1, 0), [0, 1, 2, 3]),
  arrayIntersect: row(F.arrayIntersect("arr", "arr2"), [3]),
  arrayJoin: [row(F.arrayJoin("arrn", ","), "1,2"), row(F.arrayJoin("arrn", ",", "?"), "1,?,2")],
  arrayMax: row(F.arrayMax("arr"), 3),
  arrayMin: row(F.arrayMin("arr"), 1),
  arrayPosition: row(F.arrayPosition("arr", 2), 2n),
  arrayPrepend: row(F.arrayPrepend("arr", 0), [0, 1, 2, 3]),
  arrayRemove: row(F.arrayRemove("arr", 2), [1, 3]),
  arrayRepeat: row(F.arrayRepeat("s", 2), ["Hello", "Hello"]),
  arraySize: row(F.arraySize("arr"), 3),
  arrayUnion: row(F.arrayUnion("arr", "arr2"), [1, 2, 3, 4, 5]),
  arraysOverlap: row(F.arraysOverlap("arr", "arr2"), true),
  arraysZip: row(F.arraysZip("arr", "arr2"), [{ arr: 1, arr2: 3 }, { arr: 2, arr2: 4 }, { arr: 3, arr2: 5 }]),
  cardinality: row(F.cardinality("m"), 1),
  concat: [row(F.concat("s", lit(" "), "s2"), "Hello World"), row(F.concat("arr", "arr2"), [1, 2, 3, 3, 4, 5])],
  elementAt: [row(F.elementAt("arr", -1), 3), row(F.elementAt("m", "a"), 1)],
  flatten: row(F.flatten("nested"), [1, 2, 3]),
  get: row(F.get("arr", 0), 1),
  reverse: [row(F.reverse("arr"), [3, 2, 1]), row(F.reverse("s"), "olleH")],
  sequence: [row(F.sequence(lit(1), lit(3)), [1, 2, 3]), row(F.sequence(lit(1), lit(9), lit(4)), [1, 5, 9])],
  shuffle: row(F.arraySort(F.shuffle("arr", 1)), [1, 2, 3]),
  size: row(F.size("arr"), 3),
  slice: row(F.slice("arr", 2, 2), [2, 3]),
  sortArray: [row(F.sortArray("strs"), ["a", "b", "c"]), row(F.sortArray("strs", false), ["c", "b", "a"])],
  tryElementAt: row(F.tryElementAt("arr", lit(5)), null),

  // higher-order
  aggregate: [
    row(F.aggregate("arr", lit(0), (acc, v) => acc.plus(v)), 6),
    row(F.aggregate("arr", lit(0), (acc, v) => acc.plus(v), (acc) => acc.multiply(10)), 60),
  ],
  reduce: row(F.reduce("arr", lit(0), (acc, v) => acc.plus(v)), 6),
  arraySort: [row(F.arraySort("strs"), ["a", "b", "c"]), row(F.arraySort("arr", (a, b) => b.minus(a)), [3, 2, 1])],
  exists: row(F.exists("arr", (v) => v.gt(2)), true),
  filter: [row(F.filter("arr", (v) => v.gt(1)), [2, 3]), row(F.filter("arr", (_v, i) => i.gt(1)), [3])],
  forall: row(F.forall("arr", (v) => v.gt(1)), false),
  mapFilter: row(F.mapFilter("m", (_k, v) => v.gt(0)), new Map([["a", 1]])),
  mapZipWith: row(F.mapZipWith("m", "m", (_k, a, b) => a.plus(b)), new Map([["a", 2]])),
  transform: [row(F.transform("arr", (v) => v.multiply(10)), [10, 20, 30]), row(F.transform("arr", (v, i) => v.plus(i)), [1, 3, 5])],
  transformKeys: row(F.transformKeys("m", (k) => F.upper(k)), new Map([["A", 1]])),
  transformValues: row(F.transformValues("m", (_k, v) => v.plus(1)), new Map([["a", 2]])),
  zipWith: row(F.zipWith("arr", "arr2", (a, b) => a.plus(b)), [4, 6, 8]),

  // map
  createMap: [row(F.createMap(lit("k"), "i"), new Map([["k", 1]])), row(F.createMap([lit("k"), "s"]), new Map([["k", "Hello"]]))],
  mapConcat: row(F.mapConcat("m", "m2"), new Map([["a", 1], ["b", 2]])),
  mapContainsKey: row(F.mapContainsKey("m", "a"), true),
  mapEntries: row(F.mapEntries("m"), [{ key: "a", value: 1 }]),
  mapFromArrays: row(F.mapFromArrays(lit(["x", "y", "z"]), "arr"), new Map([["x", 1], ["y", 2], ["z", 3]])),
  mapFromEntries: row(F.mapFromEntries("structs"), new Map([[1, "a"], [2, "b"]])),
  mapKeys: row(F.mapKeys("m"), ["a"]),
  mapValues: row(F.mapValues("m"), [1]),
  strToMap: [row(F.strToMap(lit("a:1,b:2")), new Map([["a", "1"], ["b", "2"]])), row(F.strToMap(lit("a=1;b=2"), lit(";"), lit("=")), new Map([["a", "1"], ["b", "2"]]))],

  // struct
  struct: [row(F.struct("i", "s"), { i: 1, s: "Hello" }), row(F.struct(["s"]), { s: "Hello" })],
  namedStruct: row(F.namedStruct(lit("x"), "i", lit("y"), "s"), { x: 1, y: "Hello" }),

  // json, csv, xml
  fromJson: [row(F.fromJson("js", "a INT, b ARRAY<INT>"), { a: 1, b: [1, 2, 3] }), row(F.fromJson("js", jsStruct), { a: 1, b: [1, 2, 3] })],
  getJsonObject: row(F.getJsonObject("js", "$.b[1]"), "2"),
  jsonArrayLength: row(F.jsonArrayLength(lit("[1,2,3]")), 3),
  jsonObjectKeys: row(F.jsonObjectKeys("js"), ["a", "b"]),
  schemaOfJson: row(F.schemaOfJson('{"a":1}'), "STRUCT<a: BIGINT>"),
  toJson: [row(F.toJson("st"), '{"x":1}'), row(F.toJson(F.struct("dt"), { dateFormat: "dd/MM/yyyy" }), '{"dt":"29/02/2024"}')],
  fromCsv: [row(F.fromCsv(lit("1,abc"), "a INT, b STRING"), { a: 1, b: "abc" }), row(F.fromCsv(lit("1;abc"), "a INT, b STRING", { sep: ";" }), { a: 1, b: "abc" })],
  schemaOfCsv: row(F.schemaOfCsv("1,abc"), "STRUCT<_c0: INT, _c1: STRING>"),
  toCsv: row(F.toCsv(F.struct("i", "s")), "1,Hello"),
  fromXml: row(F.fromXml(lit("<p><a>1</a></p>"), "a INT"), { a: 1 }),
  schemaOfXml: row(F.schemaOfXml("<p><a>1</a></p>"), "STRUCT<a: BIGINT>"),
  toXml: row(F.toXml(F.struct("i")), (v: unknown) => typeof v === "string" && v.includes("<i>1</i>")),
  xpath: row(F.xpath("xml", lit("p/a/text()")), ["1", "2"]),
  xpathBoolean: row(F.xpathBoolean("xml", lit("p/a")), true),
  xpathDouble: row(F.xpathDouble("xml", lit("sum(p/a)")), 3),
  xpathFloat: row(F.xpathFloat("xml", lit("sum(p/a)")), 3),
  xpathInt: row(F.xpathInt("xml", lit("sum(p/a)")), 3),
  xpathLong: row(F.xpathLong("xml", lit("sum(p/a)")), 3n),
  xpathNumber: row(F.xpathNumber("xml", lit("sum(p/a)")), 3),
  xpathShort: row(F.xpathShort("xml", lit("sum(p/a)")), 3),
  xpathString: row(F.xpathString("xml", lit("p/a")), "1"),

  // variant
  parseJson: row(F.toJson(F.parseJson("js")), '{"a":1,"b":[1,2,3]}'),
  tryParseJson: row(F.tryParseJson(lit("{bad")), null),
  isVariantNull: row(F.isVariantNull(F.parseJson(lit("null"))), true),
  schemaOfVariant: row(F.schemaOfVariant(F.parseJson("js")), "OBJECT<a: BIGINT, b: ARRAY<BIGINT>>"),
  schemaOfVariantAgg: agg(F.schemaOfVariantAgg(F.parseJson(F.toJson(F.struct("i")))), "OBJECT<i: BIGINT>"),
  variantGet: row(F.variantGet(F.parseJson("js"), "$.a", "int"), 1),
  tryVariantGet: row(F.tryVariantGet(F.parseJson("js"), "$.b", "int"), null),
  toVariantObject: row(F.toJson(F.toVariantObject(F.struct("i"))), '{"i":1}'),

  // hash
  crc32: row(F.crc32(lit("ABC")), BigInt(zlibCrc32("ABC"))),
  hash: row(F.hash("i", "s"), isA("number")),
  md5: row(F.md5(lit("ABC")), hex("md5", "ABC")),
  sha: row(F.sha(lit("ABC")), hex("sha1", "ABC")),
  sha1: row(F.sha1("s"), hex("sha1", "Hello")),
  sha2: [row(F.sha2("s", 256), hex("sha256", "Hello")), row(F.sha2("s", 512), hex("sha512", "Hello"))],
  xxhash64: row(F.xxhash64("i", "s"), isA("bigint")),

  // conditional
  coalesce: row(F.coalesce("n", "i"), 1),
  equalNull: row(F.equalNull("n", "n"), true),
  ifnull: row(F.ifnull("n", lit(5)), 5),
  isnan: row(F.isnan("nan"), true),
  isnotnull: row(F.isnotnull("n"), false),
  isnull: row(F.isnull("n"), true),
  nanvl: row(F.nanvl("nan", "d"), 2.5),
  nullif: row(F.nullif("i", lit(1)), null),
  nullifzero: row(F.nullifzero(lit(0)), null),
  nvl: row(F.nvl("n", "i"), 1),
  nvl2: row(F.nvl2("n", lit("a"), lit("b")), "b"),
  zeroifnull: row(F.zeroifnull("n"), 0),

  // misc
  aesEncrypt: row(str(F.aesDecrypt(F.aesEncrypt("s", "key"), "key")), "Hello"),
  aesDecrypt: row(str(F.aesDecrypt(F.aesEncrypt("s", "key", lit("ECB"), lit("PKCS")), "key", lit("ECB"), lit("PKCS"))), "Hello"),
  tryAesDecrypt: row(F.tryAesDecrypt(F.unhex(lit("00")), "key"), null),
  assertTrue: [row(F.assertTrue(col("i").eq(1)), null), row(F.assertTrue(col("i").eq(1), "i must be 1"), null)],
  raiseError: row(F.when(col("i").eq(2), F.raiseError("boom")).otherwise(lit(null)), null),
  currentCatalog: row(F.currentCatalog(), "spark_catalog"),
  currentDatabase: row(F.currentDatabase(), "default"),
  currentSchema: row(F.currentSchema(), "default"),
  currentUser: row(F.currentUser(), isA("string")),
  user: row(F.user(), isA("string")),
  sessionUser: row(F.sessionUser(), isA("string")),
  inputFileBlockLength: row(F.inputFileBlockLength(), -1n),
  inputFileBlockStart: row(F.inputFileBlockStart(), -1n),
  inputFileName: row(F.inputFileName(), ""),
  javaMethod: row(F.javaMethod(lit("java.lang.Math"), lit("abs"), "neg"), "4"),
  reflect: row(F.reflect(lit("java.lang.String"), lit("valueOf"), "i"), "1"),
  tryReflect: row(F.tryReflect(lit("java.lang.Integer"), lit("valueOf"), lit("x")), null),
  monotonicallyIncreasingId: row(F.monotonicallyIncreasingId(), isA("bigint")),
  sparkPartitionId: row(F.sparkPartitionId(), isA("number")),
  typeOf: row(F.typeOf("d"), "double"),
  uuid: [row(F.uuid(), (v: unknown) => typeof v === "string" && /^[0-9a-f-]{36}$/.test(v)), row(F.uuid(1), isA("string"))],
  version: row(F.version(), (v: unknown) => typeof v === "string" && v.startsWith(`${expectedServerVersion()} `)),
  callUdf: row(F.callUdf("upper", "s"), "HELLO"),

  // geospatial
  stAsbinary: row(F.stAsbinary(WKB), bytes(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40)),
  stGeogfromwkb: row(F.stSrid(F.stGeogfromwkb("wkb")), 4326),
  stGeomfromwkb: row(F.stSrid(WKB), 0),
  stSetsrid: row(F.stSrid(F.stSetsrid(WKB, 3857)), 3857),
  stSrid: row(F.stSrid(F.stSetsrid(WKB, col("i").multiply(4326))), 4326),

  // aggregate (over ROWS: i 1..4, x 10/20/30/null, s a/b/b/null, d 1/2/4/8, b true/false/true/null)
  anyValue: [agg(F.anyValue("k"), (v: unknown) => v === "k1" || v === "k2"), agg(F.anyValue("s", true), isA("string"))],
  approxCountDistinct: [agg(F.approxCountDistinct("s"), 2n), agg(F.approxCountDistinct("x", 0.1), 3n)],
  arrayAgg: agg(F.sortArray(F.arrayAgg("x")), [10, 20, 30]),
  avg: agg(F.avg("x"), 20),
  bitAnd: agg(F.bitAnd("i"), 0),
  bitOr: agg(F.bitOr("i"), 7),
  bitXor: agg(F.bitXor("i"), 4),
  boolAnd: agg(F.boolAnd("b"), false),
  boolOr: agg(F.boolOr("b"), true),
  collectList: agg(F.sortArray(F.collectList("s")), ["a", "b", "b"]),
  collectSet: agg(F.sortArray(F.collectSet("s")), ["a", "b"]),
  count: [agg(F.count("x"), 3n), agg(F.count("*"), 4n)],
  countDistinct: [agg(F.countDistinct("s"), 2n), agg(F.countDistinct("s", "k"), 3n)],
  countIf: agg(F.countIf(x.gt(10)), 2n),
  every: agg(F.every("b"), false),
  first: [agg(F.first("s"), "a"), agg(F.first("s", true), "a")],
  firstValue: agg(F.firstValue("i"), 1),
  grouping: cube(F.grouping("k"), [0, 0, 1]),
  groupingId: cube(F.groupingId("k"), [0n, 0n, 1n]),
  last: [agg(F.last("s"), null), agg(F.last("s", true), "b")],
  lastValue: agg(F.lastValue("s", true), "b"),
  listagg: agg(F.listagg("s", ","), joined(",", ["a", "b", "b"])),
  listaggDistinct: agg(F.listaggDistinct("s", ","), joined(",", ["a", "b"])),
  max: agg(F.max("x"), 30),
  maxBy: agg(F.maxBy("s", "x"), "b"),
  mean: agg(F.mean("d"), 3.75),
  min: agg(F.min("x"), 10),
  minBy: agg(F.minBy("s", "x"), "a"),
  product: agg(F.product("d"), 64),
  some: agg(F.some("b"), true),
  stringAgg: agg(F.stringAgg("s"), joined("", ["a", "b", "b"])),
  stringAggDistinct: agg(F.stringAggDistinct("s", "|"), joined("|", ["a", "b"])),
  sum: agg(F.sum("x"), 60n),
  sumDistinct: agg(F.sumDistinct("i"), 10n),
  tryAvg: agg(F.tryAvg("x"), 20),
  trySum: agg(F.trySum("x"), 60n),

  // statistics (i 1..4 against d 1, 2, 4, 8)
  approxPercentile: agg(F.approxPercentile("i", [0.25, 0.75]), [1, 3]),
  corr: agg(F.corr("i", "d"), near(11.5 / Math.sqrt(5 * 28.75))),
  covarPop: agg(F.covarPop("i", "d"), near(2.875)),
  covarSamp: agg(F.covarSamp("i", "d"), near(11.5 / 3)),
  histogramNumeric: agg(F.histogramNumeric("i", lit(4)), [{ x: 1, y: 1 }, { x: 2, y: 1 }, { x: 3, y: 1 }, { x: 4, y: 1 }]),
  kurtosis: agg(F.kurtosis("i"), near(-1.36)),
  median: agg(F.median("d"), 3),
  mode: [agg(F.mode("s"), "b"), agg(F.mode("k", true), "k1")],
  percentile: [agg(F.percentile("d", 0.5), 3), agg(F.percentile("i", [0, 1]), [1, 4])],
  percentileApprox: agg(F.percentileApprox("d", 0.5, 100), 2),
  regrAvgx: agg(F.regrAvgx("d", "i"), 2.5),
  regrAvgy: agg(F.regrAvgy("d", "i"), 3.75),
  regrCount: agg(F.regrCount("d", "i"), 4n),
  regrIntercept: agg(F.regrIntercept("d", "i"), near(-2)),
  regrR2: agg(F.regrR2("d", "i"), near(0.92)),
  regrSlope: agg(F.regrSlope("d", "i"), near(2.3)),
  regrSxx: agg(F.regrSxx("d", "i"), near(5)),
  regrSxy: agg(F.regrSxy("d", "i"), near(11.5)),
  regrSyy: agg(F.regrSyy("d", "i"), near(28.75)),
  skewness: agg(F.skewness("i"), near(0)),
  std: agg(F.std("i"), near(Math.sqrt(5 / 3))),
  stddev: agg(F.stddev("i"), near(Math.sqrt(5 / 3))),
  stddevPop: agg(F.stddevPop("i"), near(Math.sqrt(1.25))),
  stddevSamp: agg(F.stddevSamp("i"), near(Math.sqrt(5 / 3))),
  varPop: agg(F.varPop("i"), 1.25),
  varSamp: agg(F.varSamp("i"), near(5 / 3)),
  variance: agg(F.variance("d"), near(28.75 / 3)),

  // sketches (SKETCHES holds sketches of 1, 2, 3; ROWS has x = 10, 20, 30)
  countMinSketch: agg(F.countMinSketch("x", 0.1, 0.9, 1), (v: unknown) => v instanceof Uint8Array && v.length > 0),
  hllSketchAgg: [agg(F.hllSketchEstimate(F.hllSketchAgg("x")), 3n), agg(F.hllSketchEstimate(F.hllSketchAgg("x", 10)), 3n)],
  hllUnionAgg: skAgg(F.hllSketchEstimate(F.hllUnionAgg("h")), 3n),
  hllSketchEstimate: sk(F.hllSketchEstimate("h"), 3n),
  hllUnion: sk(F.hllSketchEstimate(F.hllUnion("h", "h")), 3n),
  thetaSketchAgg: agg(F.thetaSketchEstimate(F.thetaSketchAgg("x")), 3n),
  thetaUnionAgg: skAgg(F.thetaSketchEstimate(F.thetaUnionAgg("th")), 3n),
  thetaIntersectionAgg: skAgg(F.thetaSketchEstimate(F.thetaIntersectionAgg("th")), 3n),
  thetaSketchEstimate: sk(F.thetaSketchEstimate("th"), 3n),
  thetaUnion: sk(F.thetaSketchEstimate(F.thetaUnion("th", "th")), 3n),
  thetaIntersection: sk(F.thetaSketchEstimate(F.thetaIntersection("th", "th")), 3n),
  thetaDifference: sk(F.thetaSketchEstimate(F.thetaDifference("th", "th")), 0n),
  kllSketchAggBigint: agg(F.kllSketchGetNBigint(F.kllSketchAggBigint("x")), 3n),
  kllSketchAggFloat: agg(F.kllSketchGetNFloat(F.kllSketchAggFloat(x.cast("float"))), 3n),
  kllSketchAggDouble: agg(F.kllSketchGetNDouble(F.kllSketchAggDouble("d", 100)), 4n),
  kllSketchToStringBigint: sk(F.kllSketchToStringBigint("kb"), (v: unknown) => typeof v === "string" && v.includes("Kll")),
  kllSketchToStringFloat: sk(F.kllSketchToStringFloat("kf"), (v: unknown) => typeof v === "string" && v.includes("Kll")),
  kllSketchToStringDouble: sk(F.kllSketchToStringDouble("kd"), (v: unknown) => typeof v === "string" && v.includes("Kll")),
  kllSketchGetNBigint: sk(F.kllSketchGetNBigint("kb"), 3n),
  kllSketchGetNFloat: sk(F.kllSketchGetNFloat("kf"), 3n),
  kllSketchGetNDouble: sk(F.kllSketchGetNDouble("kd"), 3n),
  kllSketchMergeBigint: sk(F.kllSketchGetNBigint(F.kllSketchMergeBigint("kb", "kb")), 6n),
  kllSketchMergeFloat: sk(F.kllSketchGetNFloat(F.kllSketchMergeFloat("kf", "kf")), 6n),
  kllSketchMergeDouble: sk(F.kllSketchGetNDouble(F.kllSketchMergeDouble("kd", "kd")), 6n),
  kllSketchGetQuantileBigint: sk(F.kllSketchGetQuantileBigint("kb", lit(1.0)), 3n),
  kllSketchGetQuantileFloat: sk(F.kllSketchGetQuantileFloat("kf", lit(0.0)), 1),
  kllSketchGetQuantileDouble: sk(F.kllSketchGetQuantileDouble("kd", lit(1.0)), 3),
  kllSketchGetRankBigint: sk(F.kllSketchGetRankBigint("kb", lit(3)), 1),
  kllSketchGetRankFloat: sk(F.kllSketchGetRankFloat("kf", lit(3)), 1),
  kllSketchGetRankDouble: sk(F.kllSketchGetRankDouble("kd", lit(3)), 1),
  bitmapBitPosition: row(F.bitmapBitPosition(lit(1)), 0n),
  bitmapBucketNumber: row(F.bitmapBucketNumber(lit(1)), 1n),
  bitmapConstructAgg: agg(F.bitmapCount(F.bitmapConstructAgg(F.bitmapBitPosition("x"))), 3n),
  bitmapCount: sk(F.bitmapCount("bm"), 3n),
  bitmapOrAgg: skAgg(F.bitmapCount(F.bitmapOrAgg("bm")), 3n),
  bitmapAndAgg: skAgg(F.bitmapCount(F.bitmapAndAgg("bm")), 3n),

  // window (ROWS ordered by i; x is 10, 20, 30, null)
  cumeDist: win(F.cumeDist().over(byI), [0.25, 0.5, 0.75, 1]),
  denseRank: win(F.denseRank().over(Window.orderBy("s")), [2, 3, 3, 1]),
  lag: [win(F.lag("x").over(byI), [null, 10, 20, 30]), win(F.lag("x", 2, 0).over(byI), [0, 0, 10, 20])],
  lead: [win(F.lead("x").over(byI), [20, 30, null, null]), win(F.lead("i", 1, col("i").negate()).over(byI), [2, 3, 4, -4])],
  nthValue: [win(F.nthValue("x", 2).over(byI), [null, 20, 20, 20]), win(F.nthValue("x", 1, true).over(Window.orderBy(F.desc("i"))), [30, 30, 30, null])],
  ntile: win(F.ntile(2).over(byI), [1, 1, 2, 2]),
  percentRank: win(F.percentRank().over(byI), [0, 1 / 3, 2 / 3, 1]),
  rank: win(F.rank().over(Window.orderBy("s")), [2, 3, 3, 1]),
  rowNumber: [win(F.rowNumber().over(byI), [1, 2, 3, 4]), win(F.rowNumber().over(Window.partitionBy("k").orderBy("i")), [1, 2, 1, 2])],

  // sort orders, used as window orderings
  asc: win(F.rowNumber().over(Window.orderBy(F.asc("x"))), [2, 3, 4, 1]),
  ascNullsFirst: win(F.rowNumber().over(Window.orderBy(F.ascNullsFirst("x"))), [2, 3, 4, 1]),
  ascNullsLast: win(F.rowNumber().over(Window.orderBy(F.ascNullsLast("x"))), [1, 2, 3, 4]),
  desc: win(F.rowNumber().over(Window.orderBy(F.desc("x"))), [3, 2, 1, 4]),
  descNullsFirst: win(F.rowNumber().over(Window.orderBy(F.descNullsFirst("x"))), [4, 3, 2, 1]),
  descNullsLast: win(F.rowNumber().over(Window.orderBy(F.descNullsLast("x"))), [3, 2, 1, 4]),

  // generators (alone in their projection over ROW)
  explode: [gen(F.explode("arr"), [{ col: 1 }, { col: 2 }, { col: 3 }]), gen(F.explode("m"), [{ key: "a", value: 1 }])],
  explodeOuter: gen(F.explodeOuter(F.filter("arr", (v) => v.gt(5))), [{ col: null }]),
  inline: gen(F.inline("structs"), [{ x: 1, y: "a" }, { x: 2, y: "b" }]),
  inlineOuter: gen(F.inlineOuter(F.filter("structs", (v) => v.getField("x").gt(5))), [{ x: null, y: null }]),
  posexplode: gen(F.posexplode("arr"), [{ pos: 0, col: 1 }, { pos: 1, col: 2 }, { pos: 2, col: 3 }]),
  posexplodeOuter: gen(F.posexplodeOuter(F.filter("arr", (v) => v.gt(5))), [{ pos: null, col: null }]),
  stack: gen(F.stack(lit(2), "i", "j", lit(3), lit(4)), [{ col0: 1, col1: 7 }, { col0: 3, col1: 4 }]),
  jsonTuple: gen(F.jsonTuple("js", "a", "b"), [{ c0: "1", c1: "[1,2,3]" }]),
} satisfies Record<Exclude<keyof typeof F, OutsideProjections>, Case | readonly Case[]>;

/**
 * Functions that are not columns of a projection, checked by their own tests below: the
 * partition transforms (meaningful in DataFrameWriterV2.partitionedBy only) and the
 * broadcast hint of a DataFrame.
 */
const OUTSIDE_PROJECTIONS = ["years", "months", "days", "hours", "bucket", "broadcast"] as const;
type OutsideProjections = (typeof OUTSIDE_PROJECTIONS)[number];

// ---- running the table ---------------------------------------------------------------

const INPUT: Record<Kind, string> = { row: ROW, single: ROW, agg: ROWS, sketch: SKETCHES, sketchAgg: SKETCHES, window: ROWS, generator: ROW, cube: ROWS };
const BATCH = 40;

interface Named {
  readonly name: string;
  readonly alias: string;
  readonly c: Case;
}

const all: Named[] = Object.entries(CASES).flatMap(([name, cs]) =>
  (Array.isArray(cs) ? cs : [cs]).map((c: Case, i: number) => ({ name, alias: i === 0 ? name : `${name}#${i + 1}`, c })),
);

/** The values of each alias: one value per row of the result. */
async function runBatch(kind: Kind, batch: readonly Named[]): Promise<Map<string, unknown[]>> {
  const df = spark.sql(INPUT[kind]);
  const cols = batch.map((n) => n.c.col.alias(n.alias));
  let rows: Record<string, unknown>[];
  if (kind === "window") {
    rows = await df.select(col("i").alias("__key"), ...cols).orderBy("__key").collect();
  } else if (kind === "cube") {
    rows = await df.cube("k").agg(...cols).orderBy(F.ascNullsLast("k")).collect();
  } else if (kind === "generator") {
    return new Map([[batch[0]!.alias, await df.select(batch[0]!.c.col).collect()]]);
  } else {
    rows = await df.select(...cols).collect();
  }
  return new Map(batch.map((n) => [n.alias, rows.map((r) => r[n.alias])]));
}

function compare(t: ExecutionContext, n: Named, values: unknown[]): void {
  const one = n.c.kind === "single" || n.c.kind === "window" || n.c.kind === "cube" || n.c.kind === "generator" ? values : values[0];
  if (n.c.expect === ANY) return;
  if (typeof n.c.expect === "function") {
    t.true((n.c.expect as Check)(one), `${n.alias} returned ${String(one)}`);
  } else {
    t.deepEqual(one, n.c.expect, n.alias);
  }
}

const groups = new Map<Kind, Named[]>();
for (const n of all) groups.set(n.c.kind, [...(groups.get(n.c.kind) ?? []), n]);

for (const [kind, named] of groups) {
  const size = kind === "generator" || kind === "single" ? 1 : BATCH;
  for (let at = 0; at < named.length; at += size) {
    const batch = named.slice(at, at + size);
    const title = `${kind}: ${batch[0]!.alias} .. ${batch.at(-1)!.alias}`;
    test(size === 1 ? `${kind}: ${batch[0]!.alias}` : title, async (t) => {
      let results: Map<string, unknown[]>;
      try {
        results = await runBatch(kind, batch);
      } catch (batchError) {
        // Find the functions that fail, one by one, and name them.
        const failures: string[] = [];
        for (const n of batch) {
          try {
            await runBatch(kind, [n]);
          } catch (e) {
            failures.push(`${n.alias}: ${(e as Error).message.split("\n")[0]}`);
          }
        }
        t.fail(
          failures.length > 0
            ? `Functions failed on the server:\n${failures.join("\n")}`
            : `The batch failed, though each of its functions runs alone: ${(batchError as Error).message.split("\n")[0]}`,
        );
        return;
      }
      for (const n of batch) compare(t, n, results.get(n.alias)!);
    });
  }
}

test("every export of the functions module has a case in the table", (t) => {
  t.deepEqual(
    Object.keys(F).filter((k) => !(k in CASES) && !(OUTSIDE_PROJECTIONS as readonly string[]).includes(k)),
    [],
  );
  t.deepEqual(
    Object.keys(CASES).filter((k) => !(k in F)),
    [],
  );
  t.true(Object.keys(F).length >= 400);
  t.deepEqual(OUTSIDE_PROJECTIONS.filter((k) => !(k in F)), [], "the functions checked outside the table exist");
});

test("raiseError fails the query with its message", async (t) => {
  await t.throwsAsync(spark.sql(ROW).select(F.raiseError("boom: custom")).collect(), { message: /boom: custom/ });
});

test("assertTrue fails the query when the condition is false", async (t) => {
  await t.throwsAsync(spark.sql(ROW).select(F.assertTrue(col("i").eq(2), "i must be 2")).collect(), { message: /i must be 2/ });
});

test("partition transforms: bucket() buckets a table made with writeTo; years() reaches the server's catalog by name", async (t) => {
  const table = `transforms_${Date.now()}`;
  const df = spark.sql("SELECT id, TIMESTAMP'2024-02-29 12:00:00' AS ts FROM range(8)");
  try {
    await df.writeTo(table).using("parquet").partitionedBy(F.bucket(4, "id")).create();
    const described = await spark.sql(`DESCRIBE TABLE EXTENDED ${table}`).collect();
    t.true(described.some((r) => r["col_name"] === "Num Buckets" && r["data_type"] === "4"), JSON.stringify(described));
    t.is(await spark.table(table).count(), 8);
    // The session catalog keeps only identity and bucket partitioning; a time transform is
    // refused by the server, naming the transform the client sent.
    const err = await t.throwsAsync(df.writeTo(`${table}_y`).using("parquet").partitionedBy(F.years("ts")).create());
    t.regex(err.message, /years/i);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
    await spark.sql(`DROP TABLE IF EXISTS ${table}_y`).collect();
  }
  t.throws(() => F.bucket(0, "id"), { message: /numBuckets must be a positive whole number/ });
  for (const transform of [F.months, F.days, F.hours]) t.truthy(transform("ts"));
});

test("broadcast() marks a join side to be broadcast", async (t) => {
  const big = spark.range(1000).withColumnRenamed("id", "k");
  const small = spark.sql("SELECT * FROM VALUES (1, 'one'), (2, 'two') AS t(k, name)");
  const joined = big.join(F.broadcast(small), "k");
  t.regex(await joined.explain(), /BroadcastHashJoin/);
  t.deepEqual(await joined.orderBy("k").collect(), [{ k: 1n, name: "one" }, { k: 2n, name: "two" }]);
});
