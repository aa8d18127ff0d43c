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
type V = number | string | boolean | bigint | null;

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
}

// Sample rows. Ints i/j/n stay small enough that no expression below overflows INT
// (|i * j| <= 2e9), j is never 0 (int division); i, d and n hold 0, d also -0, NaN,
// +Infinity, huge values and rounding edges; n and ns hold nulls; strings hold %, _,
// spaces, a tab and a newline, unicode (astral too), the empty string, upper case.
const ROWS: SampleRow[] = [
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

/** Module-level values the expressions may use (consts with literal types, and pinned values). */
const PRELUDE = `const K = 10;
const SEP = "/";
const LIMIT: number = 3;
const SUFFIX: string = "!";
const INTS = [5, -7, 0, 42];
const STRS = ["abc", "a_b", "100%"];
const EMPTY: number[] = [];
const NULLABLE: (number | null)[] = [7, null];`;

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
];

const DOCUMENTED: Documented[] = [
  // NaN: Spark's NaN equals itself and is larger than every number (and Infinity).
  { src: "e.d === e.d", reason: "Spark's NaN = NaN is true (JS: NaN !== NaN)", spark: { 6: true } },
  { src: "e.d !== e.d", reason: "Spark's NaN = NaN is true (JS: NaN !== NaN)", spark: { 6: false } },
  { src: "e.d === pin(NaN)", reason: "Spark's NaN = NaN is true (JS: x === NaN is always false)", spark: { 6: true } },
  { src: "e.d > 0", reason: "Spark orders NaN above every number (JS: comparisons with NaN are false)", spark: { 6: true } },
  { src: "e.d >= e.i", reason: "Spark orders NaN above every number", spark: { 6: true } },
  { src: "e.i < e.d", reason: "Spark orders NaN above every number", spark: { 6: true } },
  { src: "e.d >= 1e308", reason: "Spark orders NaN above every number", spark: { 6: true } },
  { src: "e.d > Infinity", reason: "Spark orders NaN above Infinity", spark: { 6: true } },
  { src: "Math.min(e.d, e.i)", reason: "Spark's least() orders NaN above every number (JS: Math.min with NaN is NaN)", spark: { 6: 42 } },
  // Signed zero.
  { src: "-e.i", reason: "Spark's INT has no -0: -0 is 0 (the test treats -0 and 0 alike for INT results for this reason)", spark: { 3: 0 } },
  { src: "Math.max(e.d, 0)", reason: "Spark's greatest() treats -0.0 and 0.0 as equal and keeps the first (JS: Math.max(-0, 0) is 0)", spark: { 4: -0 } },
  { src: "e.d <= 0 && e.d > -1 ? Math.round(e.d) : 1", reason: "Math.round goes through Spark's BIGINT, which has no -0 (JS: Math.round(-0.5) is -0)", spark: { 4: 0, 13: 0 } },
  { src: "e.d <= 0 && e.d > -1 ? Math.ceil(e.d) : 1", reason: "Math.ceil goes through Spark's BIGINT, which has no -0 (JS: Math.ceil(-0.5) is -0)", spark: { 4: 0, 13: 0 } },
  { src: "e.d === 0 ? Math.floor(e.d) : 1", reason: "Math.floor goes through Spark's BIGINT, which has no -0", spark: { 4: 0 } },
  { src: "Math.ceil(e.i / e.j)", reason: "Math.ceil goes through Spark's BIGINT, which has no -0 (JS: Math.ceil(-1 / 7) is -0)", spark: { 3: 0, 7: 0 } },
  { src: "Math.floor(e.i / e.j)", reason: "Math.floor goes through Spark's BIGINT, which has no -0 (JS: Math.floor(0 / -4) is -0)", spark: { 3: 0 } },
  { src: "Math.round(e.i / e.j)", reason: "Math.round goes through Spark's BIGINT, which has no -0 (JS: Math.round(-1 / 7) is -0)", spark: { 3: 0, 7: 0 } },
  { src: "Math.round(e.i / 4)", reason: "Math.round goes through Spark's BIGINT, which has no -0 (JS: Math.round(-0.25) is -0)", spark: { 7: 0 } },
  { src: "Math.min(0, e.d)", reason: "Spark's least() keeps the first of equal -0.0/0.0 (JS: Math.min(0, -0) is -0) and orders NaN above numbers", spark: { 4: 0, 6: 0 } },
  // Huge doubles: Spark's ceil/floor return BIGINT, which saturates.
  { src: "e.d > 1e19 ? Math.floor(e.d) : 0", reason: "Spark orders NaN above every number, so the NaN row takes the first branch", spark: { 6: NaN } },
  { src: "Math.round(e.d * 100) / 100 > 0", reason: "Spark orders NaN above every number", spark: { 6: true } },
  // Text of numbers: whole numbers print as JavaScript prints them; past 9.2e18 (BIGINT's range) Spark's text is Java's.
  { src: "e.s + e.d", reason: "a double beyond 9.2e18 prints as Java's Double.toString does (1.0E300, not 1e+300)", spark: { 5: "a_b1.0E300", 11: "x%y_z1.0E21" } },
  { src: "`${e.d}`", reason: "a double beyond 9.2e18 prints as Java's Double.toString does", spark: { 5: "1.0E300", 11: "1.0E21" } },
  { src: "`${e.n ?? e.d}`", reason: "a double beyond 9.2e18 prints as Java's Double.toString does", spark: { 11: "1.0E21" } },
  { src: "Math.ceil(e.d)", reason: "Spark's ceil goes through BIGINT, which has no -0", spark: { 4: 0, 13: 0 } },
  { src: "Math.floor(e.d)", reason: "Spark's floor goes through BIGINT, which has no -0", spark: { 4: 0 } },
  { src: "Math.round(e.d)", reason: "Spark's floor goes through BIGINT, which has no -0", spark: { 4: 0, 13: 0 } },
  // Text of numbers: whole numbers print as in JavaScript; other doubles as Java's Double.toString.

  // Strings: Spark counts and orders code points / UTF-8 bytes, JS UTF-16 code units.
  { src: "e.s.toLowerCase().length", reason: "Spark's char_length counts code points, JS's length UTF-16 units (an astral character counts 1, not 2)", spark: { 8: 7 } },
  { src: '(e.ns ?? "").length', reason: "Spark counts code points, JS UTF-16 units", spark: { 8: 1 } },
  { src: "e.s < e.t", reason: "Spark compares UTF-8 bytes (code points), JS UTF-16 units: an astral character sorts above U+FF21 in Spark, below it in JS", spark: { 8: false } },
  { src: "e.s > e.t", reason: "Spark compares code points, JS UTF-16 units (astral vs U+E000..U+FFFF)", spark: { 8: true } },
  { src: "e.s <= e.t", reason: "Spark compares code points, JS UTF-16 units (astral vs U+E000..U+FFFF)", spark: { 8: false } },
  { src: "e.s >= e.t", reason: "Spark compares code points, JS UTF-16 units (astral vs U+E000..U+FFFF)", spark: { 8: true } },
  // ANSI mode: errors where JS yields Infinity/NaN or a double beyond INT.
  { src: "e.i / (e.n ?? 1)", reason: "int division by zero raises in Spark's ANSI mode (JS: Infinity/NaN)", error: "DIVIDE_BY_ZERO" },
  { src: "e.d / e.i", reason: "double division by zero raises in Spark's ANSI mode too (JS: ±Infinity/NaN)", error: "DIVIDE_BY_ZERO" },
  { src: "e.i % (e.n ?? 1)", reason: "remainder by zero raises in Spark's ANSI mode (JS: NaN)", error: "REMAINDER_BY_ZERO" },
  { src: "e.i * e.i", reason: "INT arithmetic overflows and raises in Spark's ANSI mode (JS: an exact double)", error: "ARITHMETIC_OVERFLOW" },
  { src: "e.i * e.j * 2", reason: "INT arithmetic overflows and raises in Spark's ANSI mode", error: "ARITHMETIC_OVERFLOW" },
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
  return JSON.stringify(v);
}

const COLUMN_TYPES: Record<keyof SampleRow, string> = {
  id: "INT", i: "INT", j: "INT", d: "DOUBLE", s: "STRING", t: "STRING", b: "BOOLEAN", n: "INT", ns: "STRING",
};
const COLUMNS = Object.keys(COLUMN_TYPES) as (keyof SampleRow)[];

function sqlValue(v: V, type: string): string {
  if (v === null) return `CAST(NULL AS ${type})`;
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return `CAST('${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}' AS ${type})`;
  if (typeof v === "number" && type === "DOUBLE") {
    const text = Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0.0" : String(v);
    return `CAST('${text}' AS DOUBLE)`;
  }
  return `CAST(${String(v)} AS ${type})`;
}

function sampleSql(): string {
  const tuples = ROWS.map((r) => `(${COLUMNS.map((c) => sqlValue(r[c], COLUMN_TYPES[c])).join(", ")})`);
  return `SELECT * FROM VALUES\n  ${tuples.join(",\n  ")}\n  AS t(${COLUMNS.join(", ")})`;
}

function rowLiteral(r: SampleRow): string {
  return `{ ${COLUMNS.map((c) => `${c}: ${lit(r[c])}`).join(", ")} }`;
}

// ---- the generated file ----

interface Entry {
  readonly src: string;
  readonly expect: string; // TypeScript source of an Expect value
  readonly isolate: boolean;
}

function entries(): Entry[] {
  const out: Entry[] = [];
  for (const c of CASES) {
    if (typeof c === "string") out.push({ src: c, expect: `{ k: "agree" }`, isolate: false });
    else out.push({ src: c.src, expect: `{ k: "knownBug", bug: ${JSON.stringify(c.knownBug)} }`, isolate: c.isolate ?? false });
  }
  for (const d of DOCUMENTED) {
    if (d.error !== undefined) {
      out.push({ src: d.src, expect: `{ k: "error", reason: ${JSON.stringify(d.reason)}, error: ${JSON.stringify(d.error)} }`, isolate: true });
    } else {
      const spark = Object.entries(d.spark ?? {}).map(([id, v]) => `${id}: ${lit(v)}`).join(", ");
      out.push({ src: d.src, expect: `{ k: "documented", reason: ${JSON.stringify(d.reason)}, spark: { ${spark} } }`, isolate: false });
    }
  }
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.src)) throw new Error(`duplicate case: ${e.src}`);
    seen.add(e.src);
  }
  if (out.length < 200) throw new Error(`only ${out.length} cases; the differential test wants at least 200`);
  return out;
}

function generate(): string {
  const all = entries();
  const batched = all.flatMap((e, k) => (e.isolate ? [] : [k]));
  const isolated = all.flatMap((e, k) => (e.isolate ? [k] : []));
  const batches: number[][] = [];
  for (let i = 0; i < batched.length; i += BATCH) batches.push(batched.slice(i, i + BATCH));

  const jsCases = all.map((e, k) => `  /* ${k} */ (e: Row) => ${e.src},`).join("\n");
  const meta = all.map((e, k) => `  /* ${k} */ { src: ${JSON.stringify(e.src)}, expect: ${e.expect} },`).join("\n");
  const batchSrc = batches
    .map(
      (ks) =>
        `  {\n    cases: [${ks.join(", ")}],\n    query: (df: DataFrame<Row>) =>\n      df.select((e) => ({\n        id: e.id,\n` +
        ks.map((k) => `        c${k}: ${all[k]!.src},\n`).join("") +
        `      })) as unknown as DataFrame<Record<string, unknown>>,\n  },`,
    )
    .join("\n");
  const isolatedSrc = isolated
    .map((k) => `  { case: ${k}, query: (df: DataFrame<Row>) => df.select((e) => ({ id: e.id, v: ${all[k]!.src} })) as unknown as DataFrame<Record<string, unknown>> },`)
    .join("\n");

  return `// GENERATED by scripts/genDslDifferential.ts: do not edit. Change the generator, then
//   npm run -s build && node dist/scripts/genDslDifferential.js && npm run -s build
//
// Differential test of the query DSL: every case's expression is evaluated in JavaScript
// (JS[k], a plain function) and by Spark (the same text inside a DSL select lambda,
// compiled by the transformer), and the results are compared per sample row.
// ${all.length} cases: ${CASES.filter((c) => typeof c === "string").length} that must agree, ${DOCUMENTED.length} documented differences, ${CASES.filter((c) => typeof c !== "string").length} suspected DSL bugs (knownBug).
/* eslint-disable */
import test, { type ExecutionContext } from "ava";
import type { DataFrame } from "../../src/DataFrame.js";
import { pin } from "../../src/dsl/index.js";
import { connect } from "../support/server.js";

interface Row {
  id: number;
  i: number;
  j: number;
  d: number;
  s: string;
  t: string;
  b: boolean;
  n: number | null;
  ns: string | null;
}

${PRELUDE}

const ROWS: readonly Row[] = [
${ROWS.map((r) => `  ${rowLiteral(r)},`).join("\n")}
];

const SAMPLE_SQL = ${JSON.stringify(sampleSql())};

type V = number | string | boolean | bigint | null;
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
${batchSrc}
];

// Cases that make Spark fail, one query each.
const ISOLATED: readonly { readonly case: number; readonly query: (df: DataFrame<Row>) => DataFrame<Record<string, unknown>> }[] = [
${isolatedSrc}
];

const INTEGRAL = new Set(["byte", "short", "integer", "long"]);
const VERBOSE = process.env["DSL_DIFF_VERBOSE"] === "1";

/** Strict sameness: Object.is for numbers (-0 is not 0, NaN is NaN), === otherwise. */
function strict(a: unknown, b: unknown): boolean {
  return typeof a === "number" && typeof b === "number" ? Object.is(a, b) : a === b;
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
  const covered = [...BATCHES.flatMap((b) => b.cases), ...ISOLATED.map((c) => c.case)].sort((a, b) => a - b);
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
