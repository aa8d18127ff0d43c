/**
 * The JavaScript methods and global functions a query lambda may call: one table read
 * by the transformer (what it accepts, argument counts, the text of its diagnostics),
 * and checked against the runtime lowering (src/dsl/lower.ts has a translation for every
 * entry) and the documentation (docs/dsl.md lists every entry) by test/unit/dslConstructs.test.ts.
 */
import type { DslBaseType } from "../src/dsl/ir.js";

/** One accepted method or function. */
export interface Construct {
  /** Fewest and most arguments. */
  readonly args: readonly [number, number];
  /** A property (`s.length`), read without a call. */
  readonly property?: true;
  /** What Spark computes, for the documentation. */
  readonly spark: string;
  /** Where the result can differ from JavaScript, for the documentation. */
  readonly differs?: string;
}

const UTF16 = "counts code points where JavaScript counts UTF-16 units: differs only for characters outside the BMP (emoji)";

/** Methods and properties of strings. */
export const STRING_METHODS: Readonly<Record<string, Construct>> = {
  length: { args: [0, 0], property: true, spark: "char_length(s)", differs: UTF16 },
  startsWith: { args: [1, 1], spark: "startswith(s, p)" },
  endsWith: { args: [1, 1], spark: "endswith(s, p)" },
  includes: { args: [1, 1], spark: "contains(s, p)" },
  indexOf: { args: [1, 1], spark: "locate(p, s) - 1", differs: UTF16 },
  toLowerCase: { args: [0, 0], spark: "lower(s)" },
  toUpperCase: { args: [0, 0], spark: "upper(s)" },
  trim: { args: [0, 0], spark: "btrim(s, <JavaScript's white space>)" },
  trimStart: { args: [0, 0], spark: "ltrim(<JavaScript's white space>, s)" },
  trimEnd: { args: [0, 0], spark: "rtrim(<JavaScript's white space>, s)" },
  slice: { args: [1, 2], spark: "substring(s, ...) with JavaScript's negative and out-of-range indexes", differs: UTF16 },
  substring: { args: [1, 2], spark: "substring(s, ...) with JavaScript's clamping and swapped bounds", differs: UTF16 },
  padStart: { args: [1, 2], spark: "lpad(s, n, fill) when s is shorter than n", differs: UTF16 },
  padEnd: { args: [1, 2], spark: "rpad(s, n, fill) when s is shorter than n", differs: UTF16 },
  replaceAll: { args: [2, 2], spark: "replace(s, search, replacement); an empty search inserts between characters" },
  repeat: { args: [1, 1], spark: "repeat(s, n); a negative count fails the query (JavaScript throws)" },
};

/** Methods and properties of arrays. */
export const ARRAY_METHODS: Readonly<Record<string, Construct>> = {
  length: { args: [0, 0], property: true, spark: "size(a)" },
  includes: { args: [1, 1], spark: "array_contains(a, x), finding null and NaN as JavaScript does" },
  indexOf: { args: [1, 1], spark: "array_position(a, x) - 1", differs: "finds NaN (JavaScript's indexOf never does)" },
  join: { args: [0, 1], spark: "array_join(a, sep, '') (null elements as empty text)" },
};

/** Methods of Dates (DATE, TIMESTAMP and TIMESTAMP_NTZ columns, pinned Dates), in UTC as the values reach JavaScript. */
export const DATE_METHODS: Readonly<Record<string, Construct>> = {
  getTime: { args: [0, 0], spark: "milliseconds since the epoch, whatever the session time zone" },
  getUTCFullYear: { args: [0, 0], spark: "year of the UTC date" },
  getUTCMonth: { args: [0, 0], spark: "month of the UTC date, 0 to 11" },
  getUTCDate: { args: [0, 0], spark: "day of the month of the UTC date" },
  getUTCDay: { args: [0, 0], spark: "day of the week of the UTC date, 0 (Sunday) to 6" },
  getUTCHours: { args: [0, 0], spark: "hours of the UTC time" },
  getUTCMinutes: { args: [0, 0], spark: "minutes of the UTC time" },
  getUTCSeconds: { args: [0, 0], spark: "seconds of the UTC time" },
  getUTCMilliseconds: { args: [0, 0], spark: "milliseconds of the UTC time" },
};

/** Global functions, by their full name. */
export const GLOBALS: Readonly<Record<string, Construct>> = {
  String: { args: [1, 1], spark: "the value's text as JavaScript writes it (numbers included; null is \"null\")" },
  "Number.isNaN": { args: [1, 1], spark: "isnan(x)" },
  "Number.isFinite": { args: [1, 1], spark: "not NaN and not infinite" },
  "Number.isInteger": { args: [1, 1], spark: "finite and x = floor(x)" },
  "Math.abs": { args: [1, 1], spark: "abs(x)" },
  "Math.sign": { args: [1, 1], spark: "signum(x)" },
  "Math.ceil": { args: [1, 1], spark: "ceil(x), as a double (-0, NaN, infinities and huge values as in JavaScript)" },
  "Math.floor": { args: [1, 1], spark: "floor(x), as a double" },
  "Math.round": { args: [1, 1], spark: "floor(x + 0.5) computed exactly: halves go towards +Infinity as in JavaScript" },
  "Math.trunc": { args: [1, 1], spark: "ceil or floor towards zero, as a double" },
  "Math.sqrt": { args: [1, 1], spark: "sqrt(x)" },
  "Math.cbrt": { args: [1, 1], spark: "cbrt(x)" },
  "Math.pow": { args: [2, 2], spark: "power(x, y)" },
  "Math.exp": { args: [1, 1], spark: "exp(x)" },
  "Math.log": { args: [1, 1], spark: "ln(x); -Infinity at 0 and NaN below, as in JavaScript (Spark's ln gives null)" },
  "Math.log10": { args: [1, 1], spark: "log10(x), with JavaScript's values at and below 0" },
  "Math.log2": { args: [1, 1], spark: "log2(x), with JavaScript's values at and below 0" },
  "Math.sin": { args: [1, 1], spark: "sin(x)" },
  "Math.cos": { args: [1, 1], spark: "cos(x)" },
  "Math.tan": { args: [1, 1], spark: "tan(x)" },
  "Math.atan": { args: [1, 1], spark: "atan(x)" },
  "Math.atan2": { args: [2, 2], spark: "atan2(y, x)" },
  "Math.min": { args: [1, 64], spark: "least(...), NaN when any argument is NaN", differs: "-0 and 0 are equal: the first of them is kept" },
  "Math.max": { args: [1, 64], spark: "greatest(...), NaN when any argument is NaN", differs: "-0 and 0 are equal: the first of them is kept" },
};

/** The table of methods for a receiver type, if values of that type have any. */
export function methodsOf(on: DslBaseType): Readonly<Record<string, Construct>> | undefined {
  return on === "string" ? STRING_METHODS : on === "array" ? ARRAY_METHODS : on === "date" ? DATE_METHODS : undefined;
}

/** Math constants, inlined as literals. */
export const MATH_CONSTANTS = ["E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2"] as const;
