// Generates test/integration/dslDifferential.test.ts: the differential test of the query
// DSL. Each case is one expression source over a sample row; the generated test holds
// the same text twice, as a plain JavaScript function evaluated over the sample rows and
// inside a DSL select lambda compiled by the transformer and evaluated by Spark, and
// compares the two per row.
//
//   npm run -s build && node dist/scripts/genDslDifferential.js && npm run -s build
//
// Three kinds of case:
// - plain: JavaScript and Spark must agree on every row;
// - documented: Spark deliberately or unavoidably differs from JavaScript; the entry says
//   why and exactly how (Spark's value on the rows that differ, or the error it raises),
//   and the test asserts that it still differs in exactly that way;
// - knownBug: a suspected DSL bug; the test asserts the case still mismatches, so fixing
//   the DSL fails it until the mark is removed.
//
// Values compare with JavaScript's semantics: numbers by Object.is, doubles within 1e-12
// relative, -0 equal to 0 only where Spark's result type is an integer type (documented
// below with `-e.i`: Spark's INT has no -0, while JS makes -0 from e.g. 0 * -4); strings,
// booleans and null by ===. Cases that make Spark fail the query run one per query.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A value a sample row or a Spark result can hold. */
type V = number | string | boolean | bigint | null | Date | readonly V[] | { readonly [k: string]: V };

/** The sample row's columns: TypeScript type and Spark type. */
const COLUMNS_DEF = {
  id: ["number", "INT"],
  i: ["number", "INT"],
  j: ["number", "INT"],
  d: ["number", "DOUBLE"],
  s: ["string", "STRING"],
  t: ["string", "STRING"],
  b: ["boolean", "BOOLEAN"],
  n: ["number | null", "INT"],
  ns: ["string | null", "STRING"],
  nb: ["boolean | null", "BOOLEAN"],
  nb2: ["boolean | null", "BOOLEAN"],
  g: ["bigint", "BIGINT"],
  h: ["bigint", "BIGINT"],
  gn: ["bigint | null", "BIGINT"],
  dec: ["string", "DECIMAL(10,2)"],
  day: ["Date", "DATE"],
  ts: ["Date", "TIMESTAMP"],
  tags: ["string[]", "ARRAY<STRING>"],
  nums: ["(number | null)[]", "ARRAY<DOUBLE>"],
  st: ["{ x: number; y: string | null }", "STRUCT<x: DOUBLE, y: STRING>"],
} as const;

interface SampleRow {
  id: number;
  i: number;
  j: number;
  d: number;
  s: string;
  t: string;
  b: boolean;
  n: number | null;
  ns: string | null;
  nb: boolean | null;
  nb2: boolean | null;
  g: bigint;
  h: bigint;
  gn: bigint | null;
  dec: string;
  day: Date;
  ts: Date;
  tags: string[];
  nums: (number | null)[];
  st: { x: number; y: string | null };
}

// Sample rows. Ints i/j/n stay small enough that no expression below overflows INT
// (|i * j| <= 2e9), j is never 0 (int division); i, d and n hold 0, d also -0, NaN,
// +Infinity, huge values and rounding edges; n and ns hold nulls; strings hold %, _,
// spaces, a tab and a newline, unicode (astral too), the empty string, upper case.
const BASE_ROWS: Omit<SampleRow, keyof Extra>[] = [
  { id: 1, i: 5, j: 3, d: 1.5, s: "abc", t: "ab", b: true, n: 7, ns: "x" },
  { id: 2, i: -7, j: 2, d: -2.5, s: "ABC", t: "abc", b: false, n: null, ns: null },
  { id: 3, i: 0, j: -4, d: 0, s: "", t: "", b: true, n: 0, ns: "" },
  { id: 4, i: -4, j: 2, d: -0, s: "100%", t: "%", b: false, n: -3, ns: "50%_off" },
  { id: 5, i: 1000000, j: -2000, d: 1e300, s: "a_b", t: "_", b: true, n: -200000, ns: "a_b" },
  { id: 6, i: 42, j: 1, d: NaN, s: "  padded  ", t: "\tTab\n", b: false, n: 42, ns: "  ns  " },
  { id: 7, i: -1, j: 7, d: 2.5, s: "Zoë naïve café", t: "CAFÉ", b: true, n: 1, ns: "Ünïcödé" },
  { id: 8, i: 17, j: -5, d: 0.49999999999999994, s: "😀 smile", t: "Ａ", b: false, n: null, ns: "😀" },
  { id: 9, i: 3, j: 3, d: 4503599627370497, s: "ΣΊΣΥΦΟΣ", t: "straße", b: true, n: 5, ns: null },
  { id: 10, i: -999999, j: 1000, d: -3.7, s: "Hello World", t: "hello world", b: false, n: -1, ns: "HELLO" },
  { id: 11, i: 2, j: -1, d: 1e21, s: "x%y_z", t: "x%y_z", b: true, n: null, ns: "%" },
  { id: 12, i: 9, j: 10, d: Infinity, s: "İstanbul", t: "ǅ", b: false, n: 2, ns: "a_b" },
  { id: 13, i: 7, j: -7, d: -0.5, s: "tail  ", t: "  head", b: true, n: 100, ns: "tail  " },
  { id: 14, i: 123, j: 4, d: 123, s: "Ab", t: "a", b: false, n: null, ns: "Ab" },
];

type Extra = Pick<SampleRow, "nb" | "nb2" | "g" | "h" | "gn" | "dec" | "day" | "ts" | "tags" | "nums" | "st">;

const date = (iso: string) => new Date(iso);

// More columns: nullable booleans (every pair of true/false/null between nb and nb2), LONGs
// at and past 2^53 (h never 0; |g * h| stays in LONG's range), a DECIMAL read as text,
// DATE and TIMESTAMP values around midnight, DST changes, leap days and before 1970,
// arrays (empty, with nulls, NaN, duplicates) and structs.
const EXTRA: Extra[] = [
  { nb: true, nb2: true, g: 9007199254740993n, h: 3n, gn: 7n, dec: "12.50", day: date("2024-02-29"), ts: date("2024-02-29T23:30:00.125Z"), tags: ["a", "b"], nums: [1.5, null], st: { x: 1.5, y: "a" } },
  { nb: true, nb2: false, g: -9007199254740993n, h: -2n, gn: null, dec: "-0.01", day: date("1969-12-31"), ts: date("1969-12-31T23:59:59.999Z"), tags: ["b"], nums: [], st: { x: -2, y: null } },
  { nb: true, nb2: null, g: 0n, h: 7n, gn: 0n, dec: "0.00", day: date("1970-01-01"), ts: date("1970-01-01T00:00:00.000Z"), tags: [""], nums: [NaN], st: { x: 0, y: "" } },
  { nb: false, nb2: true, g: 576460752303423488n, h: 1n, gn: -1n, dec: "100.00", day: date("2024-03-10"), ts: date("2024-03-10T10:00:00.000Z"), tags: ["a", "a", "c"], nums: [1, 2, 3], st: { x: 1e21, y: "b" } },
  { nb: false, nb2: false, g: -576460752303423488n, h: -1n, gn: null, dec: "2.00", day: date("2024-03-31"), ts: date("2024-03-31T01:00:00.000Z"), tags: ["x", "y", "z"], nums: [null], st: { x: 0.1, y: null } },
  { nb: false, nb2: null, g: 123456789012345678n, h: 5n, gn: 123n, dec: "9.99", day: date("2000-01-01"), ts: date("2000-01-01T00:00:00.001Z"), tags: ["%", "_"], nums: [-0, 0], st: { x: -0.5, y: "c" } },
  { nb: null, nb2: true, g: -123456789012345678n, h: 2n, gn: 9007199254740993n, dec: "-12.50", day: date("1900-03-01"), ts: date("1900-03-01T12:00:00.000Z"), tags: ["abc"], nums: [2.5, 2.5], st: { x: 2.5, y: "dd" } },
  { nb: null, nb2: false, g: 1n, h: -3n, gn: null, dec: "1000.10", day: date("2038-01-19"), ts: date("2038-01-19T03:14:07.999Z"), tags: ["b", "a"], nums: [1e300, -1e300], st: { x: 1e300, y: null } },
  { nb: null, nb2: null, g: -1n, h: 9n, gn: -7n, dec: "0.10", day: date("2024-11-03"), ts: date("2024-11-03T06:30:00.000Z"), tags: ["a", ""], nums: [0.1, 0.2], st: { x: 0.30000000000000004, y: "e" } },
  { nb: true, nb2: true, g: 10n, h: 4n, gn: 10n, dec: "3.33", day: date("2023-12-31"), ts: date("2023-12-31T23:59:59.000Z"), tags: ["c"], nums: [3], st: { x: 3, y: "f" } },
  { nb: false, nb2: null, g: -10n, h: -5n, gn: null, dec: "-99.99", day: date("0001-01-01"), ts: date("1600-06-15T08:00:00.500Z"), tags: ["a", "b", "c", "d"], nums: [null, 4], st: { x: -1e-7, y: "g" } },
  { nb: null, nb2: true, g: 100n, h: 6n, gn: 100n, dec: "7.00", day: date("9999-12-31"), ts: date("2262-04-11T23:47:16.854Z"), tags: ["z"], nums: [5e-324], st: { x: 5e-324, y: "h" } },
  { nb: true, nb2: false, g: -100n, h: 11n, gn: null, dec: "10.00", day: date("2024-10-27"), ts: date("2024-10-27T01:30:00.000Z"), tags: ["a"], nums: [-7, 7], st: { x: 123456789.125, y: null } },
  { nb: false, nb2: true, g: 2n, h: -7n, gn: 2n, dec: "2.50", day: date("2024-01-01"), ts: date("2023-12-31T23:00:00.000Z"), tags: ["b", "b"], nums: [Infinity], st: { x: -Infinity, y: "i" } },
];

const ROWS: SampleRow[] = BASE_ROWS.map((r, x) => ({ ...r, ...EXTRA[x]! }));

/** Module-level values the expressions may use (consts with literal types, and pinned values). */
const PRELUDE = `const K = 10;
const SEP = "/";
const LIMIT: number = 3;
const SUFFIX: string = "!";
const INTS = [5, -7, 0, 42];
const STRS = ["abc", "a_b", "100%"];
const EMPTY: number[] = [];
const NULLABLE: (number | null)[] = [7, null];
const D1 = new Date("2024-03-10T00:00:00.000Z");
const D2 = new Date("1970-01-01T00:00:00.001Z");
const BIG = 9007199254740992n;
const STR: string = "abc";
const NUM: number = 2.5;
const NUL: number | null = null;
enum Level { Low = 1, High = 10 }
enum Color { Red = "red", Blue = "blue" }`;

/** A case: an expression source, optionally marked as a suspected DSL bug. */
type Case = string | { readonly src: string; readonly knownBug: string; readonly isolate?: boolean };

/** A deliberate or unavoidable difference: Spark's value on the rows (by id) that differ, or the error it raises. */
interface Documented {
  readonly src: string;
  readonly reason: string;
  readonly spark?: Readonly<Record<number, V>>;
  readonly error?: string;
}

const cross = (pairs: readonly (readonly [string, string])[], ops: readonly string[]): string[] =>
  pairs.flatMap(([l, r]) => ops.map((op) => `${l} ${op} ${r}`));

// ---- The classes where SQL and JavaScript semantics diverge ----

const BOOLS = ["e.b", "e.nb", "e.nb2", "(e.i > 0)", "(e.n !== null && e.n > 0)"];

/** Three-valued logic: nullable booleans under !, && and || in values (select) and conditions (WHERE_CASES). */
const LOGIC3: string[] = [
  ...BOOLS.flatMap((a) =>
    BOOLS.flatMap((b) => [`${a} && ${b}`, `${a} || ${b}`, `!(${a} && ${b})`, `!(${a} || ${b})`, `(${a} || ${b}) === null`, `${a} && !${b}`, `(${a} && ${b}) ? 1 : 0`]),
  ),
  "!e.nb", "!!e.nb", "e.nb ?? false", "e.nb === true", "e.nb === false", "e.nb !== true", 'e.nb ? "y" : "n"', "!e.nb ? 1 : 0", "e.nb === e.nb2",
  "e.nb ?? e.b", "e.nb ?? e.nb2", "!e.nb2 && e.b", "e.nb && e.nb2 && e.b", "e.nb || e.nb2 || e.b", "!(e.nb && e.nb2) || e.nb", "`${e.nb}`",
  "`${e.nb && e.nb2}`", "String(e.nb || e.nb2)", "e.nb === null ? 0 : 1", "(e.nb ?? e.nb2) === null",
];

const BIG_PAIRS: [string, string][] = [["e.g", "e.h"], ["e.h", "e.g"], ["e.g", "3n"], ["(e.gn ?? 0n)", "e.h"], ["e.h", "-2n"], ["e.g", "e.g"]];

/** bigint arithmetic in LONG: exact at and past 2^53, / truncating, ** exact. */
const BIGINT_CASES: string[] = [
  ...BIG_PAIRS.flatMap(([a, b]) => [`${a} + ${b}`, `${a} - ${b}`, `${a} === ${b}`, `${a} !== ${b}`, `${a} < ${b}`, `${a} >= ${b}`]),
  "e.g * e.h", "e.h * e.h", "e.g * 2n", "e.g / e.h", "e.h / 2n", "(e.gn ?? 1n) / e.h", "e.g / 3n", "-e.g / e.h", "e.g % e.h", "e.g % 3n", "-7n % e.h",
  "e.h % 2n === 0n", "e.h ** 2n", "e.h ** 3n", "e.h ** 0n", "2n ** (e.h < 0n ? -e.h : e.h)", "(-1n) ** (e.h < 0n ? -e.h : e.h)", "e.g ** 1n", "3n ** 39n",
  "(-2n) ** 63n", "-e.g", "-e.h", "e.g > 9007199254740992n", "e.g === 9007199254740993n", "`${e.g}`", '"g=" + e.g', "String(e.g)", "e.g + 1n",
  "e.gn ?? -1n", "e.gn === null", "e.g > pin(BIG)", "(e.g + e.h) / e.h", "e.g / 2n * 2n + e.g % 2n === e.g", "e.i > e.h", "e.d > e.h", "`${e.gn}`",
  "e.gn !== null && e.gn > 5n", "e.b ? e.g : e.h", "e.g / e.h * e.h + e.g % e.h === e.g",
  // A number compared with a bigint compares their exact values (not the LONG rounded to a double).
  "e.g <= 9007199254740992", "e.g > 9007199254740992", "9007199254740992 < e.g", "e.d >= e.g", "e.g < e.d", "e.g >= pin(NUM)",
  "e.d <= e.h", "e.g > -9007199254740992", "e.g < 576460752303423500", "e.i < e.g",
];

/** Number arithmetic in doubles: no INT overflow, x/0 and x%0 as in JavaScript, -0 kept, Math on doubles. */
const NUMBER_CASES: string[] = [
  "e.i / (e.n ?? 1)", "e.d / e.i", "e.i % (e.n ?? 1)", "e.i * e.i", "e.i * e.j * 2", "e.d / 0", "-e.d / 0", "0 / e.d", "e.d % 0", "e.i / 0", "-e.i / 0",
  "e.i * e.i * e.i", "e.d ** e.j", "e.i ** e.j", "Math.trunc(e.d)", "Math.trunc(e.i / e.j)", "Math.cbrt(e.d)", "Math.log10(e.d)", "Math.log2(e.i)",
  "Number.isNaN(e.d)", "Number.isFinite(e.d)", "Number.isInteger(e.d)", "Number.isInteger(e.i / e.j)", "Math.sin(e.i)", "Math.cos(e.j)",
  "Math.atan2(e.i, e.j)", "Math.tan(e.j)", "Math.atan(e.d)", "Math.sign(-e.i)", "Math.abs(e.n ?? -0)", "e.i - e.i", "-(e.i - e.i)", "e.i * -0",
  "1 / (e.i * 0)", "e.d * e.i / e.j", "(e.d + e.d) / 2 === e.d", "e.i / e.j * e.j === e.i", "Math.round(e.i / e.j * 10) / 10", "Math.max(e.i)",
  "Math.min(e.d, 1, e.i)", "Math.pow(e.j, -1)", "Math.sqrt(-e.i)", "e.d ** 0", "1 ** e.d", "e.i % e.d", "e.d % e.d",
  ...["e.d", "e.i", "(e.n ?? 0)", "-e.d", "-0"].flatMap((a) => ["e.d", "e.j", "0", "(e.n ?? 0)", "-e.d"].flatMap((b) => [`${a} / ${b}`, `${a} % ${b}`])),
];

/** Text of numbers: JavaScript's Number.prototype.toString. */
const TEXT_CASES: string[] = [
  "String(e.d)", "String(e.i / e.j)", "`${e.d * 1000}`", "`${e.i / 3}`", '"" + e.d / 7', "String(e.d + 0.1)", "`${e.st.x}`", "String(e.d / 1e10)",
  "String(-e.d)", "`${Math.sqrt(e.i)}`", "String(e.i * 1e20)", "String(e.i / 1e7)", "String(e.i * 1234.5678)", "String(e.n)", "String(e.ns)",
  "String(e.b)", "String(e.i)", "`${e.d / 3}`", "`${e.i * 0.1}`", "String(e.st.x / 3)",
];

const IDX = [0, 1, 2, -1, -2, 5, -5, 100, -100];

/** String methods with JavaScript's index rules (over e.t, which has no character outside the BMP). */
const STRING_CASES: string[] = [
  ...IDX.map((a) => `e.t.slice(${a})`),
  ...IDX.flatMap((a) => IDX.map((b) => `e.t.slice(${a}, ${b})`)),
  ...IDX.map((a) => `e.t.substring(${a})`),
  ...[0, 1, 2, -1, 5, 100].flatMap((a) => [0, 1, 3, -2, 100].map((b) => `e.t.substring(${a}, ${b})`)),
  ...[0, 3, 6, 12].flatMap((n) => ["padStart", "padEnd"].flatMap((m) => [`e.t.${m}(${n})`, `e.t.${m}(${n}, "*")`, `e.t.${m}(${n}, "ab")`, `e.t.${m}(${n}, "")`])),
  ...['"a"', '"b"', '""', '"%"', '"ab"', '"É"', "e.s", 'e.ns ?? "a"'].map((x) => `e.t.indexOf(${x})`),
  'e.t.replaceAll("a", "A")', 'e.t.replaceAll("", "-")', 'e.t.replaceAll("l", "")', 'e.t.replaceAll("%", "\\\\")', 'e.t.replaceAll(e.ns ?? "x", "+")',
  'e.t.replaceAll("ab", "abab")', 'e.t.replaceAll(" ", "_")', 'e.t.replaceAll(e.t, "=")',
  "e.t.repeat(2)", "e.t.repeat(0)", "e.t.repeat(e.i > 0 ? 2 : 0)", "e.t.repeat(1.5)",
  "e.t.slice(e.j)", "e.t.slice(e.i, e.j)", "e.t.substring(e.j, e.i)", 'e.t.padStart(e.i > 0 ? 8 : 2, "-")', "e.t.slice(pin(NUM))", "e.t.slice(NaN)",
  "e.t.slice(0.5, 2.7)", "e.t.substring(NaN, 2)", "e.t.slice(-Infinity, Infinity)", 'e.t.padEnd(5.9, "xy")', "e.t.slice(1).toUpperCase()",
  'e.t.indexOf("a") >= 0', "e.t.slice(0, 1) === e.t.substring(0, 1)",
];

/** Dates: comparisons and getters as in JavaScript whatever the session time zone (run in several, see ZONES). */
const DATE_CASES: string[] = [
  "e.day < pin(D1)", "e.day >= pin(D1)", "e.day <= pin(D1)", "e.ts < pin(D1)", "e.ts >= pin(D2)", "e.ts > e.day", "e.ts < e.day", "e.day.getTime()",
  "e.ts.getTime()", "e.day.getUTCFullYear()", "e.day.getUTCMonth()", "e.day.getUTCDate()", "e.day.getUTCDay()", "e.ts.getUTCFullYear()",
  "e.ts.getUTCMonth()", "e.ts.getUTCDate()", "e.ts.getUTCDay()", "e.ts.getUTCHours()", "e.ts.getUTCMinutes()", "e.ts.getUTCSeconds()",
  "e.ts.getUTCMilliseconds()", "e.ts.getTime() - e.day.getTime()", "e.day.getTime() === pin(D1.getTime())", "e.ts.getTime() > pin(D2.getTime())",
  "e.day.getTime() === e.ts.getTime()", "(e.ts.getTime() - e.day.getTime()) / 3600000", "e.b ? e.day.getUTCDate() : e.ts.getUTCDate()",
  "`${e.day.getUTCFullYear()}-${e.day.getUTCMonth() + 1}`", "e.ts > pin(new Date(0))", "e.day < e.ts",
];

/** Arrays and structs. */
const ARRAY_CASES: string[] = [
  "e.tags.length", 'e.tags.includes("a")', "e.tags.includes(e.t)", 'e.tags.includes("")', "e.tags[0]", 'e.tags.length > 1 ? e.tags[1] : "none"',
  'e.tags.indexOf("b")', 'e.tags.indexOf("zz")', 'e.tags.join("-")', "e.tags.join()", 'e.tags.join("")', "e.nums.length", "e.nums.includes(null)",
  "e.nums.includes(1.5)", "e.nums.includes(0)", "e.nums.includes(e.d)", "e.nums.includes(-0)", "e.nums.includes(NaN)", "e.nums.indexOf(2.5)",
  'e.tags.includes(e.ns ?? "a")', "e.tags[e.tags.length - 1]", "e.tags.length === 0", "e.st.x", "e.st.y", "e.st.x * 2", 'e.st.y ?? "none"',
  "e.st.x > 1", "`${e.st.y}`", "e.st.y === null", "e.st.y !== null && e.st.y.length > 1", "e.tags[0].toUpperCase()", "e.tags[0] + e.t",
];

/** Decimals read as text compare and print as text; pinned values of every type; enum members and consts. */
const VALUE_CASES: string[] = [
  "e.dec", 'e.dec === "12.50"', 'e.dec < "2"', 'e.dec > "10"', 'e.dec + "!"', "e.dec.length", 'e.dec.startsWith("-")', "e.dec > e.s", "e.dec === e.t",
  "`${e.dec}/${e.i}`", 'e.dec.includes(".0")', "e.dec.slice(-2)", "e.s === pin(STR)", "e.i > pin(NUM)", "e.g > pin(BIG)", "pin(NUL) === e.n",
  "e.ns ?? pin(STR)", "e.n ?? pin(NUM)", "e.d === pin(NUM)", "e.s + pin(NUM)", "`${pin(NUM)}`", "pin(BIG) + e.h", "e.i === Level.High",
  "e.i > Level.Low", "e.s === Color.Red", "Color.Blue + e.t", "e.g === pin(9007199254740993n)", "e.s < pin(STR)", 'pin("x") + e.i',
];

/** Boolean-valued cases also run as filters (where), where only their truthiness counts. */
const WHERE_CASES: string[] = [
  ...BOOLS.flatMap((a) => BOOLS.flatMap((b) => [`${a} && ${b}`, `${a} || ${b}`, `!(${a} && ${b})`, `!(${a} || ${b})`, `${a} && !${b}`])),
  "e.nb", "!e.nb", "e.nb2", "!e.nb2", "e.nb === e.nb2", "e.nb ?? e.b", "e.d > 0", "e.d === e.d", "!(e.d > 0)", "e.d !== e.d", "e.n !== null && e.n > 0",
  "e.i / (e.n ?? 1) > 1", "e.g > 9007199254740992n", "e.g / e.h > 0n", 'e.dec < "2"', "e.day < pin(D1)", "e.ts >= pin(D2)", 'e.tags.includes("a")',
  "e.nums.includes(null)", "e.st.x > 1", 'e.t.slice(-2) === "ab"', "e.nb ? e.b : !e.b", "[1, 2, 3].includes(e.i)", "pin(NULLABLE).includes(e.n)",
];

/** Cases run once per session time zone. */
const ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Europe/Berlin"];

const CASES: Case[] = [
  // Columns and literals as they are.
  "e.i", "e.j", "e.d", "e.s", "e.t", "e.b", "e.n", "e.ns", 'e["s"]', 'e["i"] + e["j"]',
  "1", "-1", "1.5", "-0.25", '"lit"', "true", "false", "null", "NaN", "Infinity", "-Infinity",
  "K", "SEP", "e.i + K", "e.s + SEP + e.t", "Math.PI * e.i", "Math.E",
  "e.i + 3000000000", "`${e.i / e.j}`",

  // Integer arithmetic (INT in Spark).
  ...cross([["e.i", "e.j"], ["e.j", "e.i"], ["e.i", "3"], ["e.i", "-3"], ["(e.n ?? 0)", "e.j"]], ["+", "-", "*"]),
  "e.i / e.j", "e.i / 2", "e.i / 4.0", "10 / e.j", "e.i % e.j", "e.i % 3", "e.i % -3", "7 % e.j",
  "(e.n ?? 0) % e.j", "(e.n ?? 0) / e.j", "-e.j", "-(-e.i)", "e.i - -e.j", "-e.i * 2", "e.i + e.j * 2", "(e.i + e.j) * 2",
  "e.i * e.j + e.i", "e.i * e.j - e.i", "e.i / e.j / 2", "e.j * e.j", "e.i % e.j === 0", "e.i % 2 === 1", "e.i % 2 === -1",
  "e.i * 2", "e.i - 1", "e.i + 0.5", "e.i * 1.5",

  // Exponentiation.
  "e.i ** 2", "e.j ** 3", "2 ** e.j", "e.i ** 0.5", "e.d ** 2", "e.i ** -1", "(-e.j) ** 0.5",

  // Double arithmetic.
  "e.d + 1", "e.d - e.i", "e.d * 2", "e.d * e.d", "e.d / 2", "e.d / e.j", "e.d % 2", "e.d % e.j", "e.d % 1", "-e.d",
  "e.d + e.d", "e.d * 0", "e.d - e.d", "e.d / 3 + e.i", "e.d + 0.1 + 0.2", "e.d + 3000000000", "e.i / e.j + e.d",

  // Comparisons.
  ...cross([["e.i", "e.j"], ["e.i", "0"], ["(e.n ?? 0)", "e.i"], ["e.b", "(e.i > 0)"]], ["===", "!==", "<", "<=", ">", ">="]),
  "e.s === e.t", "e.s !== e.t",
  "e.d === 0", "e.d !== 0", "e.d === -0", "e.d === 1.5", "e.i === e.d", "e.d === Infinity", "[e.d].includes(NaN)",
  'e.s === ""', 'e.s === "abc"', 'e.s !== "abc"', 'e.s < "b"', 'e.s > "Z"', 'e.s >= "a_b"', "e.b === true", "e.b > false", "e.b !== e.b",
  "e.i > 3000000000", "e.i < -3000000000", "e.i > 1n", "e.i + 0x10", "e.i + 1e3", "e.i + 0b101 + 0o17", "e.i + 1_000", "e.d * .5", "e.d * 1e308",

  // Null checks and null-safe equality.
  "e.n === null", "e.n !== null", "e.ns === null", "e.ns !== null", "null === e.n", "e.n == null", "e.ns != null",
  "e.n === e.i", "e.n !== e.i", "e.n === 0", "e.ns !== null && e.ns === e.s", "e.n !== null ? -e.n : 0", "e.n !== 0", "e.n === e.n", "e.ns === e.s", 'e.ns === "x"', 'e.ns !== "x"', "e.ns === e.ns",
  "e.n === (e.b ? null : e.i)",

  // Logic.
  "e.b && e.i > 0", "e.b || e.i > 0", "!e.b", "!(e.i > e.j)", "e.b && !e.b", "e.b || !e.b", "(e.i > 0 && e.j > 0) || e.b",
  "!(e.b && e.i < 0)", "e.n !== null && e.n > 0", "e.n === null || e.n > 0", 'e.ns !== null && e.ns.startsWith("a")',
  "!(e.n !== null && e.n < 0)", "e.b === (e.i > 0 || e.j > 0)",
  "!!e.b", "e.n !== null && e.n % 2 === 0", "!(e.ns === null)",

  // ?? (coalesce).
  "e.n ?? 0", "e.n ?? e.i", "(e.n ?? 0) + e.i", "(e.n ?? 1) * 2", 'e.ns ?? "none"', '(e.ns ?? "") + e.s', '(e.ns ?? "").length > 3', "(e.s + e.t).length > 4",
  "e.n ?? e.d", "e.ns ?? e.s", "(e.n ?? -1) > 0", "(e.ns ?? e.t).toUpperCase()", "e.n ?? e.n ?? 7", "e.n ?? null",

  // ?: (CASE WHEN).
  "e.b ? e.i : e.j", 'e.i > 0 ? "pos" : e.i < 0 ? "neg" : "zero"', "e.b ? e.s : e.t", "e.n === null ? -1 : e.n * 2",
  'e.ns !== null ? e.ns.toUpperCase() : "NULL"', "e.b ? e.d : 0", "e.b ? null : e.i", "e.i % 2 === 0 ? e.s : e.t",
  "e.b ? 1 : 0", "(e.i > 0 ? e.i : -e.i) === Math.abs(e.i)", "e.n !== null ? e.n : e.i", "e.b ? e.i : e.d", "e.b ? e.s : null", "(e.ns ?? \"\") + (e.ns ?? \"\")",

  // String concatenation and template literals.
  "e.s + e.t", 'e.s + "-" + e.t', "e.s + e.i", "e.i + e.s", "e.s + e.b", "e.b + e.s", "e.i + e.j + e.s", "e.s + e.i + e.j",
  '"" + e.i', 'e.s + 1 + 2', '1 + 2 + e.s', "e.s + (e.n ?? 0)", 'e.s + (e.ns ?? "?")', "e.s + pin(SUFFIX)",
  "`${e.s}/${e.t}`", "`${e.i}:${e.j}`", "`${e.n}`", "`${e.ns}!`", "`${e.b}`", "`n=${e.n ?? 0}`",
  "`${e.i + e.j}`", '`[${e.ns ?? "-"}]`', "`${e.i > 0}`", "`${e.s}${e.t}`", "`plain`",
  "e.s + e.ns",
  "e.s + e.n",
  
  
  
  

  // String methods.
  'e.s.startsWith("a")', "e.s.startsWith(e.t)", 'e.s.endsWith("c")', "e.s.endsWith(e.t)", 'e.s.includes("%")', 'e.s.includes("_")',
  "e.s.includes(e.t)", 'e.s.includes("")', 'e.t.startsWith("")', 'e.s.includes(" ")', 'e.s.startsWith("A")', 'e.s.includes("a_b")',
  'e.s.includes("%y")', 'e.ns !== null && e.ns.includes("%")', 'e.s.startsWith(e.ns ?? "")', 'e.s.endsWith(e.ns ?? "")', 'e.s.includes(e.ns ?? "-")', '(e.ns ?? "").endsWith("_off")', "e.s.includes(e.s)",
  "e.s.toLowerCase()", "e.s.toUpperCase()", "e.t.toLowerCase()", "e.t.toUpperCase()", "e.s.toLowerCase() === e.t.toLowerCase()",
  'e.s.toUpperCase().startsWith("A")', 'e.s.toLowerCase().includes("a")', "e.s.toUpperCase() === e.s",
  "e.s.trim()", "e.s.trimStart()", "e.s.trimEnd()", "e.s.trimStart() === e.s", "e.s.trim() === e.s", "(e.ns ?? e.s).trim()",
  "(e.s + e.t).toLowerCase()", 'e.s.toLowerCase().startsWith("hello")',
  "e.t.length",
  "e.t.length * 2 + e.i",
  "e.s.length > 3",
  "e.ns === null || e.ns.length > 2",
  "`${e.t.length}`",
  "e.b && e.s.length > 2 && e.i % 2 === 0",
  "e.t.trim()",
  "e.t.trimEnd()",
  "e.t.trimStart()",

  // Math.
  "Math.abs(e.i)", "Math.abs(e.d)", "Math.abs(e.j - e.i)", "Math.abs(e.n ?? 0)", "Math.abs(-e.d)", "Math.max(Math.abs(e.i), Math.abs(e.j))", "Math.sign(e.d) * e.d",
  "Math.round(e.i)", "Math.ceil(e.i)", "Math.floor(e.j)", "Math.sqrt(Math.abs(e.i))", "Math.sqrt(e.i)",
  "Math.sqrt(e.d)", "Math.pow(e.i, 2)", "Math.pow(e.d, 0.5)", "Math.pow(2, e.j)", "Math.pow(e.d, 0)", "Math.exp(e.j)", "Math.exp(e.d)",
  "Math.log(Math.abs(e.i) + 1)", "Math.sign(e.i)", "Math.sign(e.d)", "Math.min(e.i, e.j)", "Math.max(e.i, e.j)", "Math.min(e.i, e.j, 0)",
  "Math.max(e.d, e.i)", "Math.max(e.n ?? 0, e.i)",
  "e.d > -1e15 && e.d < 1e15 && e.d !== 0 && (e.d > 0 || e.d < -1) ? Math.floor(e.d) : 0",
  "e.d > -1e15 && e.d < 1e15 && (e.d >= 1 || e.d <= -1) ? Math.ceil(e.d) : 0",
  "e.d > 0 && e.d < 1e16 ? Math.round(e.d) : 0",
  "e.d > 1 && e.d < 1e16 ? Math.round(e.d) === e.d : false",
  "Math.log(e.d)",
  "Math.log(e.i)",

  // IN lists.
  "[1, 2, 3].includes(e.i)", "[5, 0, -7].includes(e.i)", '["abc", "ABC"].includes(e.s)', '["", "x"].includes(e.ns ?? "none")',
  "[true].includes(e.b)", "[e.j, 0].includes(e.i)", "[1.5, -0].includes(e.d)", "[NaN, 2.5].includes(e.d)", "![1, 2, 3].includes(e.i)",
  "pin(INTS).includes(e.i)", "pin(STRS).includes(e.s)", "pin(EMPTY).includes(e.i)", "pin([3, 42]).includes(e.j)",
  'pin(STRS).includes(e.ns ?? "")', "!pin(INTS).includes(e.i)", "e.i > pin(LIMIT)", "pin(LIMIT) + e.i",
  "[1, null].includes(e.n)",
  "pin(NULLABLE).includes(e.n)",
  // Formerly documented differences that now agree (NaN, -0, Math through BIGINT).
  "e.d === e.d", "e.d !== e.d", "e.d === pin(NaN)", "e.d > 0", "e.d >= e.i", "e.i < e.d", "e.d >= 1e308", "e.d > Infinity", "Math.min(e.d, e.i)", "-e.i", "e.d <= 0 && e.d > -1 ? Math.round(e.d) : 1", "e.d <= 0 && e.d > -1 ? Math.ceil(e.d) : 1", "e.d === 0 ? Math.floor(e.d) : 1", "Math.ceil(e.i / e.j)", "Math.floor(e.i / e.j)", "Math.round(e.i / e.j)", "Math.round(e.i / 4)", "e.d > 1e19 ? Math.floor(e.d) : 0", "Math.round(e.d * 100) / 100 > 0", "Math.ceil(e.d)", "Math.floor(e.d)", "Math.round(e.d)",
  ...LOGIC3, ...BIGINT_CASES, ...NUMBER_CASES, ...TEXT_CASES, "e.s + e.d", "`${e.d}`", "`${e.n ?? e.d}`", ...STRING_CASES, ...ARRAY_CASES, ...VALUE_CASES,
];


const DOCUMENTED: Documented[] = [
  // Signed zero: Spark's least()/greatest() treat -0.0 and 0.0 as equal and keep the first.
  { src: "Math.max(e.d, 0)", reason: "Spark's greatest() treats -0.0 and 0.0 as equal and keeps the first (JS: Math.max(-0, 0) is 0)", spark: { 4: -0 } },
  { src: "Math.min(0, e.d)", reason: "Spark's least() keeps the first of equal -0.0/0.0 (JS: Math.min(0, -0) is -0)", spark: { 4: 0 } },
  // Strings: Spark counts and orders code points / UTF-8 bytes, JS UTF-16 code units.
  { src: "e.s.toLowerCase().length", reason: "Spark's char_length counts code points, JS's length UTF-16 units (an astral character counts 1, not 2)", spark: { 8: 7 } },
  { src: '(e.ns ?? "").length', reason: "Spark counts code points, JS UTF-16 units", spark: { 8: 1 } },
  { src: "e.s < e.t", reason: "Spark compares UTF-8 bytes (code points), JS UTF-16 units: an astral character sorts above U+FF21 in Spark, below it in JS", spark: { 8: false } },
  { src: "e.s > e.t", reason: "Spark compares code points, JS UTF-16 units (astral vs U+E000..U+FFFF)", spark: { 8: true } },
  { src: "e.s <= e.t", reason: "Spark compares code points, JS UTF-16 units (astral vs U+E000..U+FFFF)", spark: { 8: false } },
  { src: "e.s >= e.t", reason: "Spark compares code points, JS UTF-16 units (astral vs U+E000..U+FFFF)", spark: { 8: true } },
  { src: 'e.s.indexOf("s")', reason: "Spark counts code points, JS UTF-16 units: after an astral character the index is one less", spark: { 8: 2 } },
  { src: "e.s.slice(2)", reason: "Spark counts code points, JS UTF-16 units: slicing after an astral character starts one unit later in JS", spark: { 8: "smile" } },
  // Arrays: Spark finds NaN by value.
  { src: "e.nums.indexOf(NaN)", reason: "Spark's array_position finds NaN (JS: indexOf uses ===, which never finds NaN)", spark: { 3: 0 } },
  // An array index beyond the end: JavaScript gives undefined, Spark null (rows are null-padded).
  { src: "e.tags[1]", reason: "an index beyond the end is null in Spark, undefined in JavaScript (the type says string; use a length check)", spark: { 2: null, 3: null, 7: null, 10: null, 12: null, 13: null } },
  // Errors: JavaScript throws, Spark fails the query.
  { src: "e.g / (e.h - e.h)", reason: "bigint division by zero: JavaScript throws a RangeError, Spark fails the query", error: "DIVIDE_BY_ZERO" },
  { src: "e.g % (e.h - e.h)", reason: "bigint remainder by zero: JavaScript throws a RangeError, Spark fails the query", error: "REMAINDER_BY_ZERO" },
  { src: "e.h ** (e.h - e.h - 1n)", reason: "a negative bigint exponent: JavaScript throws a RangeError, Spark fails the query", error: "RangeError" },
  { src: "e.t.repeat(e.i - 100)", reason: "a negative repeat count: JavaScript throws a RangeError, Spark fails the query", error: "RangeError" },
  // LONG overflow: bigint arithmetic is done in Spark's LONG, so a result beyond it fails the query (JavaScript's bigint has no limit).
  { src: "e.g * e.g", reason: "the product exceeds LONG: JavaScript gives the exact bigint, Spark (ANSI mode) fails the query", error: "ARITHMETIC_OVERFLOW" },
  { src: "e.h ** 40n", reason: "the power exceeds LONG: JavaScript gives the exact bigint, Spark fails the query", error: "ARITHMETIC_OVERFLOW" },
];

/** How many cases one Spark query evaluates. */
const BATCH = 40;

// ---- serialisation ----

function lit(v: V): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (Object.is(v, -0)) return "-0";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    return String(v);
  }
  if (v instanceof Date) return `new Date(${JSON.stringify(v.toISOString())})`;
  if (Array.isArray(v)) return `[${v.map(lit).join(", ")}]`;
  if (typeof v === "object") return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${lit(x)}`).join(", ")} }`;
  return JSON.stringify(v);
}

const COLUMNS = Object.keys(COLUMNS_DEF) as (keyof SampleRow)[];

function sqlValue(v: V, type: string): string {
  if (v === null) return `CAST(NULL AS ${type})`;
  if (type === "DATE") return `DATE '${(v as Date).toISOString().slice(0, 10)}'`;
  if (type === "TIMESTAMP") return `CAST('${(v as Date).toISOString()}' AS TIMESTAMP)`;
  const array = /^ARRAY<(.*)>$/.exec(type);
  if (array) return `CAST(array(${(v as V[]).map((x) => sqlValue(x, array[1]!)).join(", ")}) AS ${type})`;
  if (type.startsWith("STRUCT<")) {
    const fields = [...type.slice(7, -1).matchAll(/(\w+): (\w+)/g)].map((m) => [m[1]!, m[2]!] as const);
    const o = v as Record<string, V>;
    return `named_struct(${fields.map(([k, t]) => `'${k}', ${sqlValue(o[k]!, t)}`).join(", ")})`;
  }
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return `CAST('${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}' AS ${type})`;
  if (typeof v === "number" && type === "DOUBLE") {
    const text = Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0.0" : String(v);
    return `CAST('${text}' AS DOUBLE)`;
  }
  return `CAST(${String(v)} AS ${type})`;
}

function sampleSql(): string {
  const tuples = ROWS.map((r) => `(${COLUMNS.map((c) => sqlValue(r[c] as V, COLUMNS_DEF[c][1])).join(", ")})`);
  return `SELECT * FROM VALUES\n  ${tuples.join(",\n  ")}\n  AS t(${COLUMNS.join(", ")})`;
}

function rowLiteral(r: SampleRow): string {
  return `{ ${COLUMNS.map((c) => `${c}: ${lit(r[c] as V)}`).join(", ")} }`;
}

// ---- the generated file ----

interface Entry {
  readonly src: string;
  readonly expect: string; // TypeScript source of an Expect value
  readonly isolate: boolean;
  /** Run once per session time zone. */
  readonly zoned: boolean;
}

function entries(): Entry[] {
  const out: Entry[] = [];
  const generated = new Set<string>();
  for (const c of CASES) {
    // The generated lists may repeat a hand-written case: keep the first.
    if (typeof c === "string" && generated.has(c)) continue;
    if (typeof c === "string") generated.add(c);
    if (typeof c === "string") out.push({ src: c, expect: `{ k: "agree" }`, isolate: false, zoned: false });
    else out.push({ src: c.src, expect: `{ k: "knownBug", bug: ${JSON.stringify(c.knownBug)} }`, isolate: c.isolate ?? false, zoned: false });
  }
  for (const c of DATE_CASES) out.push({ src: c, expect: `{ k: "agree" }`, isolate: false, zoned: true });
  for (const d of DOCUMENTED) {
    if (d.error !== undefined) {
      out.push({ src: d.src, expect: `{ k: "error", reason: ${JSON.stringify(d.reason)}, error: ${JSON.stringify(d.error)} }`, isolate: true, zoned: false });
    } else {
      const spark = Object.entries(d.spark ?? {}).map(([id, v]) => `${id}: ${lit(v)}`).join(", ");
      out.push({ src: d.src, expect: `{ k: "documented", reason: ${JSON.stringify(d.reason)}, spark: { ${spark} } }`, isolate: false, zoned: false });
    }
  }
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.src)) throw new Error(`duplicate case: ${e.src}`);
    seen.add(e.src);
  }
  if (out.length < 1000) throw new Error(`only ${out.length} cases; the differential test wants at least 1000`);
  return out;
}

function generate(): string {
  const all = entries();
  const batched = all.flatMap((e, k) => (e.isolate || e.zoned ? [] : [k]));
  const zonedCases = all.flatMap((e, k) => (e.zoned ? [k] : []));
  const isolated = all.flatMap((e, k) => (e.isolate ? [k] : []));
  const chunk = (ks: number[]) => {
    const out: number[][] = [];
    for (let i = 0; i < ks.length; i += BATCH) out.push(ks.slice(i, i + BATCH));
    return out;
  };
  const batches = chunk(batched);
  const zonedBatches = chunk(zonedCases);
  const whereChunks = chunk(WHERE_CASES.map((_, w) => w));
  // A few run as real filters too (a union of filtered copies; unions of many are slow to analyse).
  const realWhere = [0, 1, 2, 3, 7, 9].map((x) => x * 5).concat(WHERE_CASES.length - 1);

  const jsCases = all.map((e, k) => `  /* ${k} */ (e: Row) => ${e.src},`).join("\n");
  const meta = all.map((e, k) => `  /* ${k} */ { src: ${JSON.stringify(e.src)}, expect: ${e.expect} },`).join("\n");
  const batchSrc = (list: number[][]) => list
    .map(
      (ks) =>
        `  {\n    cases: [${ks.join(", ")}],\n    query: (df: DataFrame<Row>) =>\n      df.select((e) => ({\n        id: e.id,\n` +
        ks.map((k) => `        c${k}: ${all[k]!.src},\n`).join("") +
        `      })) as unknown as DataFrame<Record<string, unknown>>,\n  },`,
    )
    .join("\n");
  // In a select, `c ? true : false` lowers c as a condition, exactly as where does.
  const whereSrc = whereChunks
    .map(
      (ws) =>
        `  {\n    cases: [${ws.join(", ")}],\n    query: (df: DataFrame<Row>) =>\n      df.select((e) => ({\n        id: e.id,\n` +
        ws.map((w) => `        w${w}: (${WHERE_CASES[w]}) ? true : false,\n`).join("") +
        `      })) as unknown as DataFrame<Record<string, unknown>>,\n  },`,
    )
    .join("\n");
  const realWhereSrc =
    `  cases: [${realWhere.join(", ")}],\n  query: (df: DataFrame<Row>) =>\n    [\n` +
    realWhere.map((w) => `      df.where((e) => ${WHERE_CASES[w]}).select((e) => ({ id: e.id, w: ${w} })),\n`).join("") +
    `    ].reduce((a, b) => a.unionAll(b)),\n`;
  const isolatedSrc = isolated
    .map((k) => `  { case: ${k}, query: (df: DataFrame<Row>) => df.select((e) => ({ id: e.id, v: ${all[k]!.src} })) as unknown as DataFrame<Record<string, unknown>> },`)
    .join("\n");

  return `// GENERATED by scripts/genDslDifferential.ts: do not edit. Change the generator, then
//   npm run -s build && node dist/scripts/genDslDifferential.js && npm run -s build
//
// Differential test of the query DSL: every case's expression is evaluated in JavaScript
// (JS[k], a plain function) and by Spark (the same text inside a DSL select lambda,
// compiled by the transformer), and the results are compared per sample row.
// ${all.length} cases: ${all.filter((e) => e.expect.includes('"agree"')).length} that must agree (${DATE_CASES.length} of them in each of ${ZONES.length} session time zones),
// ${DOCUMENTED.length} documented differences, ${all.filter((e) => e.expect.includes('"knownBug"')).length} suspected DSL bugs (knownBug); and ${WHERE_CASES.length} conditions run as filters.
/* eslint-disable */
import test, { type ExecutionContext } from "ava";
import type { DataFrame } from "../../src/DataFrame.js";
import { pin } from "../../src/dsl/index.js";
import { connect } from "../support/server.js";

interface Row {
${COLUMNS.map((c) => `  ${c}: ${COLUMNS_DEF[c][0]};`).join("\n")}
}

${PRELUDE}

const ROWS: readonly Row[] = [
${ROWS.map((r) => `  ${rowLiteral(r)},`).join("\n")}
];

const SAMPLE_SQL = ${JSON.stringify(sampleSql())};

type V = number | string | boolean | bigint | null | Date;
type Expect =
  /** JavaScript and Spark agree on every row. */
  | { readonly k: "agree" }
  /** Spark gives exactly \`spark[id]\` on these rows (JavaScript something else) and agrees on the rest. */
  | { readonly k: "documented"; readonly reason: string; readonly spark: Readonly<Record<number, V>> }
  /** Spark fails the query with this error class. */
  | { readonly k: "error"; readonly reason: string; readonly error: string }
  /** A suspected DSL bug: the case must still mismatch (remove the mark in the generator once fixed). */
  | { readonly k: "knownBug"; readonly bug: string };

const META: readonly { readonly src: string; readonly expect: Expect }[] = [
${meta}
];

// The same expressions as plain JavaScript; pin() is the identity here.
const JS: readonly ((e: Row) => unknown)[] = ((pin: <T>(value: T) => T) => [
${jsCases}
])((value) => value);

// The same expressions inside DSL lambdas, ${BATCH} per query.
const BATCHES: readonly { readonly cases: readonly number[]; readonly query: (df: DataFrame<Row>) => DataFrame<Record<string, unknown>> }[] = [
${batchSrc(batches)}
];

// Cases over Dates, run once per session time zone: the answers must not depend on it.
const ZONES = ${JSON.stringify(ZONES)};
const ZONED_BATCHES: readonly { readonly cases: readonly number[]; readonly query: (df: DataFrame<Row>) => DataFrame<Record<string, unknown>> }[] = [
${batchSrc(zonedBatches)}
];

// Conditions as filters: where only truthiness counts (null drops the row, as a falsy value does in JavaScript).
const WHERE_SRC: readonly string[] = ${JSON.stringify(WHERE_CASES, null, 2)};
const JS_WHERE: readonly ((e: Row) => unknown)[] = ((pin: <T>(value: T) => T) => [
${WHERE_CASES.map((c, w) => `  /* ${w} */ (e: Row) => ${c},`).join("\n")}
])((value) => value);
const WHERE_BATCHES: readonly { readonly cases: readonly number[]; readonly query: (df: DataFrame<Row>) => DataFrame<Record<string, unknown>> }[] = [
${whereSrc}
];
const REAL_WHERE: { readonly cases: readonly number[]; readonly query: (df: DataFrame<Row>) => DataFrame<{ id: number; w: number }> } = {
${realWhereSrc}};

// Cases that make Spark fail, one query each.
const ISOLATED: readonly { readonly case: number; readonly query: (df: DataFrame<Row>) => DataFrame<Record<string, unknown>> }[] = [
${isolatedSrc}
];

const INTEGRAL = new Set(["byte", "short", "integer", "long"]);
const VERBOSE = process.env["DSL_DIFF_VERBOSE"] === "1";

/** Strict sameness: Object.is for numbers (-0 is not 0, NaN is NaN), Dates by time, arrays and objects by their elements, === otherwise. */
function strict(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => strict(x, b[i]));
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null && !(a instanceof Date) && !(b instanceof Date)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => strict((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/**
 * JavaScript semantics: numbers by Object.is, except doubles within 1e-12 relative and
 * -0 equal to 0 when Spark's result is an integer type (documented: Spark's INT has no -0).
 */
function same(js: unknown, spark: unknown, sparkType: string | undefined): boolean {
  if (typeof js === "number" && typeof spark === "number") {
    if (Object.is(js, spark)) return true;
    if (js === 0 && spark === 0) return INTEGRAL.has(sparkType ?? "");
    if (!Number.isFinite(js) || !Number.isFinite(spark) || sparkType !== "double") return false;
    return Math.abs(js - spark) <= 1e-12 * Math.max(Math.abs(js), Math.abs(spark));
  }
  return js === spark;
}

function show(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "bigint") return \`\${v}n\`;
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return \`[\${v.map(show).join(", ")}]\`;
  if (typeof v === "object" && v !== null) return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? \`\${x}n\` : x));
  return String(v);
}

/** The problems of case k, given Spark's value per row (by id) and Spark's result type. */
function check(k: number, spark: ReadonlyMap<number, unknown>, sparkType: string | undefined, log: (s: string) => void): string[] {
  const { src, expect } = META[k]!;
  const problems: string[] = [];
  let mismatches = 0;
  for (const row of ROWS) {
    const js = JS[k]!(row);
    const sp = spark.get(row.id);
    const agree = same(js, sp, sparkType);
    const line = \`#\${k} \\\`\${src}\\\` id=\${row.id}: JS \${show(js)}, Spark \${show(sp)} (\${sparkType})\`;
    if (!agree) {
      mismatches++;
      if (VERBOSE) log(\`\${expect.k}: \${line}\`);
    }
    if (expect.k === "agree" && !agree) problems.push(line);
    if (expect.k === "documented") {
      if (row.id in expect.spark) {
        const want = expect.spark[row.id];
        if (!strict(sp, want) || strict(js, want)) problems.push(\`\${line}; documented: Spark \${show(want)}, unlike JS (\${expect.reason})\`);
      } else if (!agree) {
        problems.push(\`\${line}; documented to agree on this row\`);
      }
    }
  }
  if (expect.k === "knownBug" && mismatches === 0) {
    problems.push(\`#\${k} \\\`\${src}\\\` agrees with JS on every row now: remove its knownBug mark in scripts/genDslDifferential.ts (\${expect.bug})\`);
  }
  return problems;
}

const spark = await connect();
const sample = spark.sql<Row>(SAMPLE_SQL);
test.after.always(() => spark.close());

test.serial("the sample rows reach Spark as they are in JavaScript", async (t) => {
  const rows = (await sample.collect()).sort((a, b) => a.id - b.id);
  t.is(rows.length, ROWS.length);
  const problems: string[] = [];
  rows.forEach((r, x) => {
    for (const key of Object.keys(ROWS[x]!) as (keyof Row)[]) {
      if (!strict(r[key], ROWS[x]![key])) problems.push(\`id=\${ROWS[x]!.id} \${key}: JS \${show(ROWS[x]![key])}, Spark \${show(r[key])}\`);
    }
  });
  t.deepEqual(problems, []);
});

test.serial("every case is a plain JS function, a DSL lambda and expectations", (t) => {
  t.is(JS.length, META.length);
  const covered = [...BATCHES.flatMap((b) => b.cases), ...ZONED_BATCHES.flatMap((b) => b.cases), ...ISOLATED.map((c) => c.case)].sort((a, b) => a - b);
  t.deepEqual(covered, META.map((_, k) => k));
});

async function runBatch(t: ExecutionContext, cases: readonly number[], query: DataFrame<Record<string, unknown>>, column: (k: number) => string) {
  const [rows, schema] = await Promise.all([query.collect(), query.schema()]);
  t.is(rows.length, ROWS.length);
  const types = new Map(schema.fields.map((f) => [f.name, f.dataType.kind as string]));
  const problems: string[] = [];
  for (const k of cases) {
    const values = new Map(rows.map((r) => [r["id"] as number, r[column(k)]]));
    problems.push(...check(k, values, types.get(column(k)), (s) => t.log(s)));
  }
  t.deepEqual(problems, []);
}

for (const [b, batch] of BATCHES.entries()) {
  test.serial(\`batch \${b + 1}: cases \${batch.cases[0]}..\${batch.cases[batch.cases.length - 1]}\`, (t) =>
    runBatch(t, batch.cases, batch.query(sample), (k) => \`c\${k}\`),
  );
}

for (const zone of ZONES) {
  for (const [b, batch] of ZONED_BATCHES.entries()) {
    test.serial(\`session time zone \${zone}, Date cases batch \${b + 1}\`, async (t) => {
      await spark.conf.set("spark.sql.session.timeZone", zone);
      try {
        await runBatch(t, batch.cases, batch.query(sample), (k) => \`c\${k}\`);
      } finally {
        await spark.conf.unset("spark.sql.session.timeZone");
      }
    });
  }
}

for (const [b, batch] of WHERE_BATCHES.entries()) {
  test.serial(\`conditions, batch \${b + 1}\`, async (t) => {
    const rows = await batch.query(sample).collect();
    const problems: string[] = [];
    for (const w of batch.cases) {
      const spark = rows.filter((r) => r[\`w\${w}\`] === true).map((r) => r["id"] as number).sort((x, y) => x - y);
      const js = ROWS.filter((r) => JS_WHERE[w]!(r)).map((r) => r.id);
      if (spark.join() !== js.join()) problems.push(\`where \\\`\${WHERE_SRC[w]}\\\`: JS keeps [\${js.join(", ")}], Spark [\${spark.join(", ")}]\`);
    }
    t.deepEqual(problems, []);
  });
}

test.serial("conditions as real filters (where)", async (t) => {
  const rows = await REAL_WHERE.query(sample).collect();
  const problems: string[] = [];
  for (const w of REAL_WHERE.cases) {
    {
      const spark = rows.filter((r) => r.w === w).map((r) => r.id).sort((x, y) => x - y);
      const js = ROWS.filter((r) => JS_WHERE[w]!(r)).map((r) => r.id);
      if (spark.join() !== js.join()) problems.push(\`where \\\`\${WHERE_SRC[w]}\\\`: JS keeps [\${js.join(", ")}], Spark [\${spark.join(", ")}]\`);
    }
  }
  t.deepEqual(problems, []);
});

for (const { case: k, query } of ISOLATED) {
  const { src, expect } = META[k]!;
  test.serial(\`case \${k}: \\\`\${src}\\\`\`, async (t) => {
    if (expect.k === "error") {
      await t.throwsAsync(() => query(sample).collect(), { message: new RegExp(expect.error) }, expect.reason);
      return;
    }
    if (expect.k === "knownBug") {
      try {
        await query(sample).collect();
      } catch (e) {
        if (VERBOSE) t.log(\`knownBug: #\${k} \\\`\${src}\\\` fails in Spark: \${String((e as Error).message).split("\\n")[0]}\`);
        t.pass(\`still a bug: Spark fails (\${expect.bug})\`);
        return;
      }
    }
    await runBatch(t, [k], query(sample), () => "v");
  });
}
`;
}

const target = fileURLToPath(new URL("../../test/integration/dslDifferential.test.ts", import.meta.url));
const text = generate();
writeFileSync(target, text);
console.log(`wrote ${target}`);
