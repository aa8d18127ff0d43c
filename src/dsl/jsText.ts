// JavaScript's number-to-text (ECMAScript Number::toString) as a Spark expression.
//
// Spark's string(double) is Java's Double.toString: another layout ("1.0E-5", "1.0") and,
// before Java 19, not always the shortest digits ("2.82879384806159008E17" for
// 2.82879384806159e17, "1.9999999999999998E23" for 2e23). ECMAScript prints the fewest
// digits k that read back as the same double and, among those, the decimal nearest to it.
// Two facts of any Java carry the computation: the digits Java prints read back as the
// double, and string-to-double conversion (double('...')) rounds correctly.
//
//   1. Java's digits g (value 0.g * 10^n, from format_string('%.18e'), which pads them with
//      zeros) read back as |v|, so every decimal between them and |v| does too. Hence some
//      decimal of p digits reads back iff g cut to p digits, or that plus one unit, does;
//      k is the least such p (p = len(g) does; p = len(g) - 1 mostly not).
//   2. With k <= 15 and |v| normal, at most one decimal of k digits reads back (they are
//      further apart than the doubles around |v|), so rounding g to k digits (or else taking
//      the other neighbour) finds it. Otherwise (k = 16 or 17, subnormals) several may, and
//      the rounding needs the exact value of |v| = m * 2^e, from format_string('%a'):
//        e >= 0: all digits of the integer m * 2^e, from limbs of base 10^9;
//        e < 0:  floor(|v| * 10^j) = floor(m * 5^j / 2^sh) for j = 18 - n, from limbs of
//                base 2^30, and a final "1" when the bits dropped are not all zero.
//      Limbs are LONGs in an array. A multiplication by base^count runs in rounds of one
//      zip_with, each multiplying by 2^29 or 5^12 (below a limb's base / 1.8) and passing
//      the carries on lazily: a limb stays below about 2.2 times its base, so limb * factor
//      fits a LONG.
//   3. The decimal of k digits nearest |v| (ties to even) is taken if it reads back, else
//      its other neighbour (at a power of two the next lower double is half as far as the
//      next higher one, so the nearest may not read back while the other does).
//   4. The k digits and the exponent are laid out as ECMAScript does: plain for
//      1e-6 <= |v| < 1e21, else d.ddde+x / de-x.
import type { ExprNode } from "../expr/ExprNode.js";
import { ExtractNode } from "../expr/ExtractNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LambdaNode } from "../expr/LambdaNode.js";
import { LiteralNode, type LiteralValue } from "../expr/LiteralNode.js";

type Arg = ExprNode | string | number | bigint | null;

const node = (a: Arg): ExprNode => (a !== null && typeof a === "object" ? a : LiteralNode.create(a as LiteralValue));
const f = (name: string, ...args: Arg[]): ExprNode => FunctionCallNode.create(name, args.map(node));
const fn = (params: string[], body: ExprNode): ExprNode => LambdaNode.create(params, body);
const get = (struct: ExprNode, name: string): ExprNode => ExtractNode.create(struct, LiteralNode.create(name));
/** `body` with the lambda variable `name` bound to `value` (evaluated once). */
const let1 = (name: string, value: ExprNode, body: ExprNode): ExprNode =>
  f("element_at", f("transform", f("array", value), fn([name], body)), 1);
/** `body` with `a` bound to `av` and `b` to `bv`. */
const let2 = (a: string, av: ExprNode, b: string, bv: ExprNode, body: ExprNode): ExprNode =>
  f("element_at", f("zip_with", f("array", av), f("array", bv), fn([a, b], body)), 1);

// Lambda variables. The input expression is evaluated outside every lambda here, so these
// names can neither capture nor be captured by the caller's own lambda variables.
const name = (n: string) => "n" + n;
const V = LambdaNode.variable(name("v")); // the double
const A = LambdaNode.variable(name("a")); // |v|, finite and not 0
const T = LambdaNode.variable(name("t")); // format_string('%.18e', |v|); or an accumulator
const G = LambdaNode.variable(name("g")); // Java's digits, no trailing zeros (value 0.g * 10^n)
const N = LambdaNode.variable(name("n")); // decimal exponent of g or s
const K = LambdaNode.variable(name("k")); // fewest digits that read back
const P = LambdaNode.variable(name("p")); // a number of digits
const W = LambdaNode.variable(name("w")); // 0 or 1 unit
const D = LambdaNode.variable(name("d")); // {s, n}: digits to round to k, and their exponent
const S = LambdaNode.variable(name("s")); // digits
const H = LambdaNode.variable(name("h")); // format_string('%a', |v|); then k digits of s, cut
const U = LambdaNode.variable(name("u")); // 1 if the nearest k digits are h + 1, else 0
const C = LambdaNode.variable(name("c")); // the k digits chosen (a LONG)
const M = LambdaNode.variable(name("m")); // binary mantissa (LONG)
const E = LambdaNode.variable(name("e")); // binary exponent
const J = LambdaNode.variable(name("j")); // power of ten of the scaling
const R = LambdaNode.variable(name("r")); // extra shift aligning the dropped bits to limbs
const L = LambdaNode.variable(name("l")); // limbs, little-endian
const I = LambdaNode.variable(name("i")); // part of the exponent done
const F = LambdaNode.variable(name("f")); // factor of a round
const X = LambdaNode.variable(name("x")); // a limb
const Y = LambdaNode.variable(name("y")); // the limb below it

const TEN9 = 1_000_000_000;
const TWO30 = 1_073_741_824;
const MIN_NORMAL = 2.2250738585072014e-308;

/** `init` (limbs of base b) times base^count. */
function mulPow(init: ExprNode, b: number, base: number, step: number, count: ExprNode): ExprNode {
  const round = let1(
    name("f"),
    f("bigint", f("pow", base, f("least", step, f("-", count, I)))),
    f(
      "zip_with",
      f("concat", L, f("array", 0n)),
      f("concat", f("array", 0n), L),
      fn([name("x"), name("y")], f("+", f("%", f("*", X, F), b), f("div", f("*", Y, F), b))),
    ),
  );
  return f("aggregate", f("sequence", 0, count, step), init, fn([name("l"), name("i")], round));
}

/** {s, n} from the exact value m * 2^e (N: Java's decimal exponent, one too big at most). */
function exactDigits(): ExprNode {
  // e >= 0: the integer m * 2^e, all its digits.
  const sum = f("+", X, get(T, "c"));
  const limb = f("lpad", f("string", f("%", sum, TEN9)), 9, "0");
  const all = f("regexp_replace", f("concat", get(T, "c"), get(T, "s")), "^0+", "");
  const integer = f(
    "aggregate",
    mulPow(f("array", f("%", M, TEN9), f("div", M, TEN9)), TEN9, 2, 29, E),
    f("named_struct", "c", 0n, "s", ""),
    fn(
      [name("t"), name("x")],
      f("named_struct", "c", f("div", sum, TEN9), "s", f("concat", limb, get(T, "s"))),
    ),
    fn([name("t")], let1(name("s"), all, f("named_struct", "s", S, "n", f("length", S)))),
  );
  // e < 0: floor(m * 2^r * 5^j / 2^(sh + r)), sh + r = 30 * drop: the limbs from `drop` up,
  // plus the carry out of the limbs below.
  const drop = f("div", f("-", f("-", R, J), E), 30);
  const mask = 1_073_741_823n;
  const limbs = f(
    "array",
    f("&", f("shiftleft", M, R), mask),
    f("&", f("shiftright", M, f("-", 30, R)), mask),
    f("shiftright", M, f("-", 60, R)),
  );
  const top = f(
    "+",
    f(
      "aggregate",
      f("reverse", f("slice", L, f("+", drop, 1), f("size", L))),
      0n,
      fn([name("t"), name("x")], f("+", f("*", T, TWO30), X)),
    ),
    f("aggregate", f("slice", L, 1, drop), 0n, fn([name("t"), name("x")], f("div", f("+", X, T), TWO30))),
  );
  // Some dropped bit is 1 iff sh = -(j + e) exceeds the trailing zero bits of m.
  const cut = f(">", f("negative", f("+", J, E)), f("bit_count", f("-", f("&", M, f("negative", M)), 1)));
  const fraction = let2(
    name("j"),
    f("-", 18, N),
    name("r"),
    f("pmod", f("+", f("-", 18, N), E), 30),
    let1(
      name("t"),
      let1(name("l"), mulPow(limbs, TWO30, 5, 12, J), top),
      f("named_struct", "s", f("concat", T, f("if", cut, "1", "")), "n", f("-", f("length", f("string", T)), J)),
    ),
  );
  const h = f("format_string", "%a", A);
  return let1(
    name("h"),
    h,
    let2(
      name("m"),
      f("bigint", f("conv", f("regexp_replace", H, "0x|\\.|p.*", ""), 16, 10)),
      name("e"),
      f("-", f("int", f("substring_index", H, "p", -1)), f("*", 4, f("-", f("instr", H, "p"), 5))),
      f("if", f("<", E, 0), fraction, integer),
    ),
  );
}

/** ECMAScript's layout of digits S (no trailing zeros) with value 0.S * 10^N. */
function layout(): ExprNode {
  const expo = f(">", f("abs", f("-", N, 8)), 13); // n > 21 or n < -5
  const point = f("if", expo, 1, N); // digits before the point (<= 0: "0." and zeros)
  const padded = f("concat", "0000000", S, "000000000000000000000");
  const whole = f("substr", padded, f("least", 8, f("+", 7, P)), f("greatest", P, 1));
  const len = f("length", S);
  const frac = f("if", f(">", len, P), f("concat", ".", f("substr", padded, f("+", 8, P), f("-", len, P))), "");
  const exponent = f("if", expo, f("concat", "e", f("format_string", "%+d", f("-", N, 1))), "");
  return f("concat", let1(name("p"), point, f("concat", whole, frac)), exponent);
}

/** Text of |v| (A), finite and not 0. */
function positive(): ExprNode {
  const len = f("length", G);
  // Some decimal of p digits reads back as |v|: g cut to p digits, plus 0 or 1 unit, does.
  const fits = (p: ExprNode) => {
    const cut = f("bigint", f("concat", "0", f("substr", G, 1, p)));
    const readsBack = f("==", f("double", f("concat", f("+", cut, W), "e", f("-", N, p))), A);
    return f("exists", f("array", 0, 1), fn([name("w")], readsBack));
  };
  // (17 digits always do; a LONG holds them.)
  const k = f("if", fits(f("-", len, 1)), f("array_min", f("filter", f("sequence", 1, 17), fn([name("p")], fits(P)))), len);
  const unique = f("and", f("<", K, 16), f(">=", A, MIN_NORMAL));
  const source = f("if", unique, f("named_struct", "s", G, "n", N), exactDigits());
  // Round s to k digits: h, plus 1 when the rest (no trailing zeros) then h's parity exceed "50".
  const h = f("bigint", f("substr", f("concat", S, "0000000000000000"), 1, K));
  const up = f("if", f(">", f("concat", f("substr", S, f("+", K, 1)), f("%", H, 2)), "50"), 1, 0);
  const readsBack = f("==", f("double", f("concat", f("+", H, U), "e", f("-", N, K))), A);
  const chosen = f("+", H, f("if", readsBack, U, f("-", 1, U)));
  const digits = let2(
    name("s"),
    f("regexp_replace", f("string", C), "0+$", ""),
    name("n"),
    f("+", f("-", N, K), f("length", f("string", C))),
    layout(),
  );
  const rounded = let1(
    name("d"),
    source,
    let2(
      name("s"),
      f("regexp_replace", get(D, "s"), "0+$", ""),
      name("n"),
      get(D, "n"),
      let1(name("h"), h, let1(name("u"), up, let1(name("c"), chosen, digits))),
    ),
  );
  return let1(
    name("t"),
    f("format_string", "%.18e", A),
    let2(
      name("g"),
      f("regexp_replace", f("substr", T, 1, 20), "\\.|0+$", ""),
      name("n"),
      f("+", f("int", f("substr", T, 22)), 1),
      let1(name("k"), k, rounded),
    ),
  );
}

/**
 * JavaScript's String(x) of a double-valued expression, as a Spark expression (null stays null).
 * `x` is cast to DOUBLE first, so an INT, a LONG or a FLOAT prints as the double it converts to.
 * The text is exactly ECMAScript's for every double: shortest round-trip digits, "NaN",
 * "Infinity", "-Infinity", "0" for -0, "1e+21", "1e-7", "0.000001".
 */
export function jsNumberText(x: ExprNode): ExprNode {
  const text = f(
    "when",
    f("isnull", V),
    null,
    f("isnan", V),
    "NaN",
    f("==", V, 0),
    "0",
    f(
      "concat",
      f("if", f("<", V, 0), "-", ""),
      f("if", f("==", f("abs", V), Infinity), "Infinity", let1(name("a"), f("abs", V), positive())),
    ),
  );
  return let1(name("v"), f("double", x), text);
}
