// Spark functions inside query lambdas: `F.year(e.ts)`, `F.regexpExtract(e.s, "(\\d+)", 1)`.
// Each member is typed over JavaScript values (the row's types) and branded with its
// role, which the transformer reads: the function of spark-connect-ts/functions of the
// same name, and which arguments are expressions ("c") and which plain values computed in
// JavaScript ("v": literals, consts or pins). The lowering calls that function with
// Columns for the expressions and the values as they are. These functions have Spark's
// meaning (a Spark function, not JavaScript), including the session time zone where
// Spark uses it; docs/dsl.md lists them.
import { type DslMarker, marker } from "./brand.js";
import { notCompiled } from "./notCompiled.js";

/** `R`, or `R | null` when any argument type admits null (Spark functions give null for a null input). */
type OrNull<Args, R> = null extends Args ? R | null : R;

/** A Spark function in a query lambda, with its role: `function <name> <argument kinds>`. */
type SparkFn<Role extends string, F> = F & DslMarker<Role>;

function dslFunction<const Role extends string, F>(role: Role): SparkFn<Role, F> {
  const name = role.split(" ")[1]!;
  // "function <name> <kinds>", or "window-function ..." for those only meaningful in over().
  return marker(role, ((..._args: unknown[]) => notCompiled(`F.${name}`)) as unknown as F & ((...args: never[]) => unknown)) as SparkFn<Role, F>;
}

type D = Date | null;
type S = string | null;
type N = number | null;

/**
 * Spark functions callable inside query lambdas, over the row's values. Each is the
 * function of `spark-connect-ts/functions` of the same name, with Spark's semantics:
 * a null argument gives null, and date parts use the session time zone.
 *
 * @example
 * ```ts
 * import { F } from "spark-connect-ts/dsl";
 * df.select((e) => ({ year: F.year(e.ts), code: F.regexpExtract(e.ref, "([A-Z]+)-\\d+", 1) }));
 * ```
 */
export const F = {
  // Dates and timestamps (date parts in the session time zone).
  year: dslFunction<"function year c", <T extends D>(date: T) => OrNull<T, number>>("function year c"),
  quarter: dslFunction<"function quarter c", <T extends D>(date: T) => OrNull<T, number>>("function quarter c"),
  month: dslFunction<"function month c", <T extends D>(date: T) => OrNull<T, number>>("function month c"),
  dayofmonth: dslFunction<"function dayofmonth c", <T extends D>(date: T) => OrNull<T, number>>("function dayofmonth c"),
  dayofweek: dslFunction<"function dayofweek c", <T extends D>(date: T) => OrNull<T, number>>("function dayofweek c"),
  dayofyear: dslFunction<"function dayofyear c", <T extends D>(date: T) => OrNull<T, number>>("function dayofyear c"),
  weekofyear: dslFunction<"function weekofyear c", <T extends D>(date: T) => OrNull<T, number>>("function weekofyear c"),
  hour: dslFunction<"function hour c", <T extends D>(ts: T) => OrNull<T, number>>("function hour c"),
  minute: dslFunction<"function minute c", <T extends D>(ts: T) => OrNull<T, number>>("function minute c"),
  second: dslFunction<"function second c", <T extends D>(ts: T) => OrNull<T, number>>("function second c"),
  dateAdd: dslFunction<"function dateAdd cc", <T extends D, U extends N>(start: T, days: U) => OrNull<T | U, Date>>("function dateAdd cc"),
  dateSub: dslFunction<"function dateSub cc", <T extends D, U extends N>(start: T, days: U) => OrNull<T | U, Date>>("function dateSub cc"),
  addMonths: dslFunction<"function addMonths cc", <T extends D, U extends N>(start: T, months: U) => OrNull<T | U, Date>>("function addMonths cc"),
  dateDiff: dslFunction<"function dateDiff cc", <T extends D, U extends D>(end: T, start: U) => OrNull<T | U, number>>("function dateDiff cc"),
  monthsBetween: dslFunction<"function monthsBetween ccv", <T extends D, U extends D>(date1: T, date2: U, roundOff?: boolean) => OrNull<T | U, number>>(
    "function monthsBetween ccv",
  ),
  lastDay: dslFunction<"function lastDay c", <T extends D>(date: T) => OrNull<T, Date>>("function lastDay c"),
  nextDay: dslFunction<"function nextDay cv", <T extends D>(date: T, dayOfWeek: string) => OrNull<T, Date>>("function nextDay cv"),
  trunc: dslFunction<"function trunc cv", <T extends D>(date: T, format: string) => OrNull<T, Date>>("function trunc cv"),
  dateTrunc: dslFunction<"function dateTrunc vc", <T extends D>(format: string, ts: T) => OrNull<T, Date>>("function dateTrunc vc"),
  dateFormat: dslFunction<"function dateFormat cv", <T extends D>(date: T, format: string) => OrNull<T, string>>("function dateFormat cv"),
  toDate: dslFunction<"function toDate cv", <T extends S | D>(value: T, format?: string) => OrNull<T, Date>>("function toDate cv"),
  toTimestamp: dslFunction<"function toTimestamp cv", <T extends S>(text: T, format?: string) => OrNull<T, Date>>("function toTimestamp cv"),
  makeDate: dslFunction<"function makeDate ccc", <A extends N, B extends N, C extends N>(year: A, month: B, day: C) => OrNull<A | B | C, Date>>(
    "function makeDate ccc",
  ),
  currentDate: dslFunction<"function currentDate ", () => Date>("function currentDate "),
  currentTimestamp: dslFunction<"function currentTimestamp ", () => Date>("function currentTimestamp "),

  // Text.
  regexpExtract: dslFunction<"function regexpExtract cvv", <T extends S>(text: T, pattern: string, group: number) => OrNull<T, string>>(
    "function regexpExtract cvv",
  ),
  regexpReplace: dslFunction<"function regexpReplace cvv", <T extends S>(text: T, pattern: string, replacement: string) => OrNull<T, string>>(
    "function regexpReplace cvv",
  ),
  regexpLike: dslFunction<"function regexpLike cc", <T extends S>(text: T, pattern: string) => OrNull<T, boolean>>("function regexpLike cc"),
  split: dslFunction<"function split cvv", <T extends S>(text: T, pattern: string, limit?: number) => OrNull<T, string[]>>("function split cvv"),
  initcap: dslFunction<"function initcap c", <T extends S>(text: T) => OrNull<T, string>>("function initcap c"),
  reverse: dslFunction<"function reverse c", <T extends S>(text: T) => OrNull<T, string>>("function reverse c"),
  translate: dslFunction<"function translate cvv", <T extends S>(text: T, matching: string, replace: string) => OrNull<T, string>>(
    "function translate cvv",
  ),
  substringIndex: dslFunction<"function substringIndex cvv", <T extends S>(text: T, delimiter: string, count: number) => OrNull<T, string>>(
    "function substringIndex cvv",
  ),
  levenshtein: dslFunction<"function levenshtein cc", <T extends S, U extends S>(left: T, right: U) => OrNull<T | U, number>>("function levenshtein cc"),
  soundex: dslFunction<"function soundex c", <T extends S>(text: T) => OrNull<T, string>>("function soundex c"),
  md5: dslFunction<"function md5 c", <T extends S>(text: T) => OrNull<T, string>>("function md5 c"),
  sha2: dslFunction<"function sha2 cv", <T extends S>(text: T, bits: 0 | 224 | 256 | 384 | 512) => OrNull<T, string>>("function sha2 cv"),
  concatWs: dslFunction<"function concatWs vc*", (separator: string, ...parts: S[]) => string>("function concatWs vc*"),

  // Window functions, only inside over(...).
  rowNumber: dslFunction<"window-function rowNumber ", () => number>("window-function rowNumber "),
  rank: dslFunction<"window-function rank ", () => number>("window-function rank "),
  denseRank: dslFunction<"window-function denseRank ", () => number>("window-function denseRank "),
  percentRank: dslFunction<"window-function percentRank ", () => number>("window-function percentRank "),
  cumeDist: dslFunction<"window-function cumeDist ", () => number>("window-function cumeDist "),
  ntile: dslFunction<"window-function ntile v", (buckets: number) => number>("window-function ntile v"),
  lag: dslFunction<"window-function lag cvc", <T>(value: T, offset?: number, defaultValue?: T) => T | null>("window-function lag cvc"),
  lead: dslFunction<"window-function lead cvc", <T>(value: T, offset?: number, defaultValue?: T) => T | null>("window-function lead cvc"),

  // Numbers (Spark's rounding: half away from zero for round, half to even for bround).
  round: dslFunction<"function round cv", <T extends N>(x: T, scale?: number) => OrNull<T, number>>("function round cv"),
  bround: dslFunction<"function bround cv", <T extends N>(x: T, scale?: number) => OrNull<T, number>>("function bround cv"),
  pmod: dslFunction<"function pmod cc", <T extends N, U extends N>(dividend: T, divisor: U) => OrNull<T | U, number>>("function pmod cc"),
} as const;
