// Mathematical functions.
import type { Column } from "../Column.js";
import { c, cv, type ColumnOrName, opt, seed } from "./args.js";
import { fn } from "./core.js";

/** Absolute value. @example abs("delta") */
export function abs(col: ColumnOrName): Column {
  return fn("abs", c(col));
}
/** Inverse cosine, in radians. @example acos("x") */
export function acos(col: ColumnOrName): Column {
  return fn("acos", c(col));
}
/** Inverse hyperbolic cosine. @example acosh("x") */
export function acosh(col: ColumnOrName): Column {
  return fn("acosh", c(col));
}
/** Inverse sine, in radians. @example asin("x") */
export function asin(col: ColumnOrName): Column {
  return fn("asin", c(col));
}
/** Inverse hyperbolic sine. @example asinh("x") */
export function asinh(col: ColumnOrName): Column {
  return fn("asinh", c(col));
}
/** Inverse tangent, in radians. @example atan("x") */
export function atan(col: ColumnOrName): Column {
  return fn("atan", c(col));
}
/** Angle of the point (x, y) in radians; numbers are literals. @example atan2("y", "x") */
export function atan2(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return fn("atan2", cv(col1), cv(col2));
}
/** Inverse hyperbolic tangent. @example atanh("x") */
export function atanh(col: ColumnOrName): Column {
  return fn("atanh", c(col));
}
/** Binary representation of a long, as a string. @example bin("n") */
export function bin(col: ColumnOrName): Column {
  return fn("bin", c(col));
}
/** Rounds half to even to `scale` decimal places. @example bround("price", 2) */
export function bround(col: ColumnOrName, scale?: number | Column): Column {
  return fn("bround", c(col), ...opt(scale));
}
/** Cube root. @example cbrt("x") */
export function cbrt(col: ColumnOrName): Column {
  return fn("cbrt", c(col));
}
/** Smallest value not below, at `scale` decimal places. @example ceil("price") */
export function ceil(col: ColumnOrName, scale?: number | Column): Column {
  return fn("ceil", c(col), ...opt(scale));
}
/** Same as ceil. @example ceiling("price", 1) */
export function ceiling(col: ColumnOrName, scale?: number | Column): Column {
  return fn("ceiling", c(col), ...opt(scale));
}
/** Converts a number written in base `fromBase` to base `toBase`, as a string. @example conv("hex", 16, 10) */
export function conv(col: ColumnOrName, fromBase: number, toBase: number): Column {
  return fn("conv", c(col), fromBase, toBase);
}
/** Cosine. @example cos("angle") */
export function cos(col: ColumnOrName): Column {
  return fn("cos", c(col));
}
/** Hyperbolic cosine. @example cosh("x") */
export function cosh(col: ColumnOrName): Column {
  return fn("cosh", c(col));
}
/** Cotangent. @example cot("angle") */
export function cot(col: ColumnOrName): Column {
  return fn("cot", c(col));
}
/** Cosecant. @example csc("angle") */
export function csc(col: ColumnOrName): Column {
  return fn("csc", c(col));
}
/** Radians to degrees. @example degrees("angle") */
export function degrees(col: ColumnOrName): Column {
  return fn("degrees", c(col));
}
/** Euler's number e. @example e() */
export function e(): Column {
  return fn("e");
}
/** e raised to the value. @example exp("x") */
export function exp(col: ColumnOrName): Column {
  return fn("exp", c(col));
}
/** exp(x) - 1, accurate near zero. @example expm1("x") */
export function expm1(col: ColumnOrName): Column {
  return fn("expm1", c(col));
}
/** Factorial (0..20, else null). @example factorial("n") */
export function factorial(col: ColumnOrName): Column {
  return fn("factorial", c(col));
}
/** Largest value not above, at `scale` decimal places. @example floor("price") */
export function floor(col: ColumnOrName, scale?: number | Column): Column {
  return fn("floor", c(col), ...opt(scale));
}
/** Greatest of the values, skipping nulls. @example greatest("a", "b", "c") */
export function greatest(...cols: ColumnOrName[]): Column {
  return fn("greatest", ...cols.map(c));
}
/** Hexadecimal text of a number, string or binary. @example hex("id") */
export function hex(col: ColumnOrName): Column {
  return fn("hex", c(col));
}
/** sqrt(a² + b²) without overflow; numbers are literals. @example hypot("x", "y") */
export function hypot(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return fn("hypot", cv(col1), cv(col2));
}
/** Least of the values, skipping nulls. @example least("a", "b", "c") */
export function least(...cols: ColumnOrName[]): Column {
  return fn("least", ...cols.map(c));
}
/** Natural logarithm. @example ln("x") */
export function ln(col: ColumnOrName): Column {
  return fn("ln", c(col));
}
/**
 * Natural logarithm of a column, or with two arguments the logarithm in base `base`.
 * @example log("x"); log(2, "x")
 */
export function log(col: ColumnOrName): Column;
export function log(base: number, col: ColumnOrName): Column;
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName): Column {
  if (arg2 === undefined) return fn("ln", c(arg1 as ColumnOrName));
  return fn("log", arg1 as number | Column, c(arg2));
}
/** Base-10 logarithm. @example log10("x") */
export function log10(col: ColumnOrName): Column {
  return fn("log10", c(col));
}
/** ln(1 + x), accurate near zero. @example log1p("x") */
export function log1p(col: ColumnOrName): Column {
  return fn("log1p", c(col));
}
/** Base-2 logarithm. @example log2("x") */
export function log2(col: ColumnOrName): Column {
  return fn("log2", c(col));
}
/** Negated value. @example negative("x") */
export function negative(col: ColumnOrName): Column {
  return fn("negative", c(col));
}
/** Same as negative. @example negate("x") */
export function negate(col: ColumnOrName): Column {
  return fn("negative", c(col));
}
/** The constant π. @example pi() */
export function pi(): Column {
  return fn("pi");
}
/** Positive modulo; numbers are literals. @example pmod("n", 7) */
export function pmod(dividend: ColumnOrName | number, divisor: ColumnOrName | number): Column {
  return fn("pmod", cv(dividend), cv(divisor));
}
/** The value itself (unary plus). @example positive("x") */
export function positive(col: ColumnOrName): Column {
  return fn("positive", c(col));
}
/** `col1` raised to `col2`; numbers are literals. @example pow("x", 2) */
export function pow(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return fn("power", cv(col1), cv(col2));
}
/** Same as pow. @example power("x", 0.5) */
export function power(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return fn("power", cv(col1), cv(col2));
}
/** Degrees to radians. @example radians("deg") */
export function radians(col: ColumnOrName): Column {
  return fn("radians", c(col));
}
/** Uniform random double in [0, 1); the client picks a seed when none is given. @example rand(42) */
export function rand(seedValue?: number | bigint): Column {
  return fn("rand", seed(seedValue));
}
/** Same as rand. @example random(42) */
export function random(seedValue?: number | bigint): Column {
  return fn("rand", seed(seedValue));
}
/** Standard normal random double; the client picks a seed when none is given. @example randn(7) */
export function randn(seedValue?: number | bigint): Column {
  return fn("randn", seed(seedValue));
}
/** Closest integer value, as a double (ties to even). @example rint("x") */
export function rint(col: ColumnOrName): Column {
  return fn("rint", c(col));
}
/** Rounds half up to `scale` decimal places. @example round("price", 2) */
export function round(col: ColumnOrName, scale?: number | Column): Column {
  return fn("round", c(col), ...opt(scale));
}
/** Secant. @example sec("angle") */
export function sec(col: ColumnOrName): Column {
  return fn("sec", c(col));
}
/** -1, 0 or 1 by sign, as a double. @example sign("x") */
export function sign(col: ColumnOrName): Column {
  return fn("sign", c(col));
}
/** Same as sign. @example signum("x") */
export function signum(col: ColumnOrName): Column {
  return fn("signum", c(col));
}
/** Sine. @example sin("angle") */
export function sin(col: ColumnOrName): Column {
  return fn("sin", c(col));
}
/** Hyperbolic sine. @example sinh("x") */
export function sinh(col: ColumnOrName): Column {
  return fn("sinh", c(col));
}
/** Square root. @example sqrt("x") */
export function sqrt(col: ColumnOrName): Column {
  return fn("sqrt", c(col));
}
/** Tangent. @example tan("angle") */
export function tan(col: ColumnOrName): Column {
  return fn("tan", c(col));
}
/** Hyperbolic tangent. @example tanh("x") */
export function tanh(col: ColumnOrName): Column {
  return fn("tanh", c(col));
}
/** Radians to degrees (PySpark's deprecated name). @example toDegrees("angle") */
export function toDegrees(col: ColumnOrName): Column {
  return fn("degrees", c(col));
}
/** Degrees to radians (PySpark's deprecated name). @example toRadians("deg") */
export function toRadians(col: ColumnOrName): Column {
  return fn("radians", c(col));
}
/** Addition that gives null on overflow. @example tryAdd("a", "b") */
export function tryAdd(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("try_add", c(left), c(right));
}
/** Division that gives null when dividing by zero. @example tryDivide("a", "b") */
export function tryDivide(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("try_divide", c(left), c(right));
}
/** Remainder that gives null when dividing by zero. @example tryMod("a", "b") */
export function tryMod(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("try_mod", c(left), c(right));
}
/** Multiplication that gives null on overflow. @example tryMultiply("a", "b") */
export function tryMultiply(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("try_multiply", c(left), c(right));
}
/** Subtraction that gives null on overflow. @example trySubtract("a", "b") */
export function trySubtract(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("try_subtract", c(left), c(right));
}
/** Inverse of hex: the bytes of a hexadecimal string. @example unhex("h") */
export function unhex(col: ColumnOrName): Column {
  return fn("unhex", c(col));
}
/** Random value uniformly in [min, max); the client picks a seed when none is given. @example uniform(0, 10, 42) */
export function uniform(min: number | Column, max: number | Column, seedValue?: number | bigint | Column): Column {
  return fn("uniform", min, max, seed(seedValue));
}
/** Bucket number of `v` in `numBucket` equal-width buckets over [min, max]. @example widthBucket("v", "lo", "hi", 10) */
export function widthBucket(v: ColumnOrName, min: ColumnOrName, max: ColumnOrName, numBucket: ColumnOrName | number): Column {
  return fn("width_bucket", c(v), c(min), c(max), cv(numBucket));
}
