// The lowering of the query DSL: the JavaScript-semantic IR a compiled lambda carries
// (src/dsl/ir.ts) becomes Spark expressions here, and only here. Each translation is
// chosen from the operand types the checker reported, so that the Spark expression
// gives the value JavaScript gives; docs/dsl.md, "What each form means in Spark", is the
// table of these rules, and test/integration/dslDifferential.test.ts checks them.
import { Column } from "../Column.js";
import { ColumnRefNode } from "../expr/ColumnRefNode.js";
import type { ExprNode } from "../expr/ExprNode.js";
import { ExtractNode } from "../expr/ExtractNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LambdaNode } from "../expr/LambdaNode.js";
import { LiteralNode, type LiteralValue } from "../expr/LiteralNode.js";
import { SortOrderNode } from "../expr/SortOrderNode.js";
import { type FrameBoundary, WindowNode } from "../expr/WindowNode.js";
import * as functions from "../functions/index.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import { MAX_PLAN_NESTING, tooDeep } from "../plan/nesting.js";
import { baseOf, type CompiledLambda, type DslArg, DSL_IR_VERSION, type DslBaseType, type DslBody, type DslExpr, type DslUse, isNullable, typeOfExpr } from "./ir.js";
import { jsNumberText } from "./jsText.js";
import { jsTime } from "./jsTime.js";

/** Resolves a column of one row parameter: the DataFrame it belongs to, or none (unqualified). */
export type RowSource = { readonly plan: object | undefined };

const fn = (name: string, ...args: ExprNode[]): ExprNode => FunctionCallNode.create(name, args);
const lit = (v: LiteralValue): ExprNode => LiteralNode.create(v);
const quote = (name: string) => "`" + name.replace(/`/g, "``") + "`";
const when = (...branches: ExprNode[]) => fn("when", ...branches);
const and = (a: ExprNode, b: ExprNode) => fn("and", a, b);
const or = (a: ExprNode, b: ExprNode) => fn("or", a, b);
const not = (a: ExprNode) => fn("not", a);
const double = (a: ExprNode) => (a.kind === "Literal" && typeof a.value === "number" ? a : fn("double", a));
const special = (v: "NaN" | "Infinity" | "-Infinity" | "-0.0") => fn("double", lit(v));
const isLiteral = (a: ExprNode) => a.kind === "Literal";
/** Whether a number-valued node may be NaN (only non-literals can, NaN literals are function calls). */
const mayBeNaN = (a: ExprNode) => !isLiteral(a);
const isnan = (a: ExprNode) => fn("isnan", a);
/** A one-parameter Spark lambda. */
const lambda1 = (name: string, body: (v: ExprNode) => ExprNode) => LambdaNode.create([name], body(LambdaNode.variable(name)));

/**
 * A JavaScript number as a literal. Integers that fit 32 bits go as INT (so integer
 * columns stay integers where nothing else changes them), larger ones as DOUBLE, so the
 * value is a JS number as the lambda's type says.
 */
function numberLiteral(v: number): ExprNode {
  if (Object.is(v, -0)) return special("-0.0");
  if (Number.isInteger(v) && (v > 2147483647 || v < -2147483648)) return fn("double", lit(v));
  return lit(v);
}

function pinned(v: unknown, i: number): ExprNode {
  if (v instanceof Column) return v.node;
  if (v === undefined) {
    throw new InvalidPlanError({ message: `pin() #${i + 1} evaluated to undefined; pin a value Spark can hold (null, a number, a string, ...).` });
  }
  if (typeof v === "number") return Number.isFinite(v) ? numberLiteral(v) : special(Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
  return lit(v as LiteralValue);
}

const isNullLiteral = (n: ExprNode) => n.kind === "Literal" && n.value === null;

/**
 * `list.includes(x)` with JavaScript's meaning: null finds null, and the answer is never
 * null (SQL's IN gives null when x is null or when it is not found among nulls).
 */
function includes(x: ExprNode, list: readonly ExprNode[]): ExprNode {
  const hasNull = list.some(isNullLiteral);
  const values = list.filter((n) => !isNullLiteral(n));
  const found = values.length === 0 ? lit(false) : fn("coalesce", fn("in", x, ...values), lit(false));
  return when(fn("isnull", x), lit(hasNull), found);
}

/** The characters String.prototype.trim removes: ECMAScript WhiteSpace and LineTerminator. */
const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** 2^52: from here on every double is an integer, so rounding returns it unchanged. */
const INTEGRAL = 4503599627370496;

/**
 * Rounds in the double domain as JavaScript does: NaN, infinities and huge values pass
 * through, and a zero result keeps the sign JavaScript gives it (-0 from a negative input
 * or from -0).
 */
function integral(x: ExprNode, rounded: (x: ExprNode) => ExprNode): ExprNode {
  const d = double(x);
  const r = double(rounded(d));
  return when(
    or(isnan(d), fn(">=", fn("abs", d), lit(INTEGRAL))),
    d,
    and(fn("==", r, lit(0)), or(fn("<", d, lit(0)), isNegativeZero(d))),
    special("-0.0"),
    r,
  );
}

/** Whether a double is -0 (Spark's = treats -0.0 and 0.0 as equal; their text differs). */
const isNegativeZero = (d: ExprNode) => fn("==", fn("string", d), lit("-0.0"));

/** JavaScript's ToIntegerOrInfinity, clamped to ±1e15 (far beyond any string length), as a double. */
function toInteger(x: ExprNode): ExprNode {
  const d = fn("greatest", fn("least", double(x), lit(1e15)), lit(-1e15));
  return when(isnan(double(x)), lit(0), fn("<", d, lit(0)), double(fn("ceil", d)), double(fn("floor", d)));
}

/** A value Spark can index a string with: an INT from a double known to be within ±1e15 and clamped by the caller. */
const asInt = (x: ExprNode) => fn("int", x);

/** `Math.*` and friends, as Spark expressions giving the same value (and a JS number). */
const GLOBAL_LOWERING: Record<string, (a: ExprNode[], types: DslBaseType[]) => ExprNode> = {
  String: ([x], [t]) => text(x!, t!, true),
  "Number.isNaN": ([x], [t]) => (t === "number" ? fn("coalesce", isnan(double(x!)), lit(false)) : lit(false)),
  "Number.isFinite": ([x], [t]) =>
    t === "number" ? fn("coalesce", and(not(isnan(double(x!))), fn("<", fn("abs", double(x!)), special("Infinity"))), lit(false)) : lit(false),
  "Number.isInteger": ([x], [t]) =>
    t === "number"
      ? fn(
          "coalesce",
          and(
            and(not(isnan(double(x!))), fn("<", fn("abs", double(x!)), special("Infinity"))),
            // Every double from 2^52 up is an integer (and floor() would saturate as a BIGINT).
            or(fn(">=", fn("abs", double(x!)), lit(INTEGRAL)), fn("==", double(x!), double(fn("floor", double(x!))))),
          ),
          lit(false),
        )
      : lit(false),
  "Math.abs": ([x]) => fn("abs", double(x!)),
  "Math.sign": ([x]) => when(fn("==", double(x!), lit(0)), double(x!), fn("signum", double(x!))),
  "Math.ceil": ([x]) => integral(x!, (v) => fn("ceil", v)),
  "Math.floor": ([x]) => integral(x!, (v) => fn("floor", v)),
  // JavaScript rounds halves towards +Infinity (Math.round(-2.5) === -2); Spark's round goes away from
  // zero. floor(x) + (x - floor(x) >= 0.5 ? 1 : 0) is exact below 2^52, unlike floor(x + 0.5).
  "Math.round": ([x]) => integral(x!, (v) => fn("+", fn("floor", v), when(fn(">=", fn("-", v, fn("floor", v)), lit(0.5)), lit(1), lit(0)))),
  "Math.trunc": ([x]) => integral(x!, (v) => when(fn("<", v, lit(0)), fn("ceil", v), fn("floor", v))),
  "Math.sqrt": ([x]) => when(fn("<", double(x!), lit(0)), special("NaN"), fn("sqrt", double(x!))),
  "Math.cbrt": ([x]) => fn("cbrt", double(x!)),
  "Math.pow": ([x, y]) => power(double(x!), double(y!)),
  "Math.exp": ([x]) => fn("exp", double(x!)),
  "Math.log": ([x]) => logarithm("ln", x!),
  "Math.log10": ([x]) => logarithm("log10", x!),
  "Math.log2": ([x]) => logarithm("log2", x!),
  "Math.sin": ([x]) => fn("sin", double(x!)),
  "Math.cos": ([x]) => fn("cos", double(x!)),
  "Math.tan": ([x]) => fn("tan", double(x!)),
  "Math.atan": ([x]) => fn("atan", double(x!)),
  "Math.atan2": ([y, x]) => fn("atan2", double(y!), double(x!)),
  "Math.min": (xs) => extremum("least", xs),
  "Math.max": (xs) => extremum("greatest", xs),
};

/** Spark's logarithms are null at and below 0; JavaScript gives -Infinity at 0 and NaN below. */
function logarithm(name: string, x: ExprNode): ExprNode {
  const d = double(x);
  return when(fn(">", d, lit(0)), fn(name, d), fn("==", d, lit(0)), special("-Infinity"), fn("isnotnull", d), special("NaN"), lit(null));
}

/** Math.min/max: NaN when any argument is NaN (Spark's least/greatest order NaN above every number). */
function extremum(name: "least" | "greatest", xs: ExprNode[]): ExprNode {
  const ds = xs.map(double);
  if (ds.length === 1) return ds[0]!;
  const nans = ds.filter(mayBeNaN).map(isnan);
  const value = fn(name, ...ds);
  return nans.length === 0 ? value : when(nans.reduce(or), special("NaN"), value);
}

/** x ** y on doubles: Java's pow and JavaScript's agree, except 1 ** ±Infinity and 1 ** NaN (NaN in JavaScript, 1 in Java for the infinities). */
function power(x: ExprNode, y: ExprNode): ExprNode {
  return when(and(fn("==", fn("abs", x), lit(1)), or(isnan(y), fn("==", fn("abs", y), special("Infinity")))), special("NaN"), fn("power", x, y));
}

/** bigint ** bigint, exact: JavaScript throws for a negative exponent, so the query fails. */
function bigintPower(x: ExprNode, y: ExprNode): ExprNode {
  const product = fn(
    "aggregate",
    fn("sequence", lit(1), fn("int", y)),
    fn("bigint", lit(1)),
    LambdaNode.create(["acc", "_i"], fn("*", LambdaNode.variable("acc"), x)),
  );
  return when(
    fn("<", y, lit(0)),
    fn("raise_error", lit("RangeError: Exponent must be non-negative (a bigint ** in a query lambda)")),
    fn("==", y, lit(0)),
    fn("bigint", lit(1)),
    fn("==", x, lit(0)),
    fn("bigint", lit(0)),
    fn("==", x, lit(1)),
    fn("bigint", lit(1)),
    fn("==", x, lit(-1)),
    when(fn("==", fn("%", y, lit(2)), lit(0)), fn("bigint", lit(1)), fn("bigint", lit(-1))),
    fn(">", y, lit(63)),
    fn("raise_error", lit("[ARITHMETIC_OVERFLOW] a bigint ** in a query lambda does not fit Spark's LONG")),
    product,
  );
}

/** x / y on doubles with JavaScript's results for a zero divisor (Spark's ANSI mode fails the query). */
function divide(x: ExprNode, y: ExprNode): ExprNode {
  const negative = not(fn("==", fn("<", x, lit(0)), fn("startswith", fn("string", y), lit("-"))));
  return when(
    fn("==", y, lit(0)),
    when(or(isnan(x), fn("==", x, lit(0))), special("NaN"), negative, special("-Infinity"), special("Infinity")),
    fn("/", x, y),
  );
}

/**
 * A number compared with a bigint, exactly as JavaScript compares their mathematical
 * values (Spark would round the LONG to a double). When the double differs from the
 * LONG rounded to a double, that comparison is exact (rounding to nearest keeps the
 * order). When they are equal the double is an integer within 2^11 of the LONG, so the
 * sign of their difference is computed in LONG (2^63 itself, the rounding of LONGs near
 * the top, is above every LONG). NaN compares false.
 */
function mixedCompare(op: "<" | "<=" | ">" | ">=", l: ExprNode, lBig: boolean, r: ExprNode): ExprNode {
  const [num, big] = lBig ? [double(r), l] : [double(l), r];
  const bigAsDouble = double(big);
  // The sign of num - big, for num equal to big rounded to a double.
  const sign = when(fn(">=", num, lit(9223372036854775808)), lit(1), fn("signum", fn("-", fn("bigint", num), big)));
  const exact = lBig ? fn(op, lit(0), sign) : fn(op, sign, lit(0));
  const rounded = lBig ? fn(op, bigAsDouble, num) : fn(op, num, bigAsDouble);
  return when(isnan(num), lit(false), fn("==", num, bigAsDouble), exact, rounded);
}

/**
 * A value as JavaScript writes it in `+` with a string, a template literal or String():
 * numbers as Number.prototype.toString does, null as "null".
 */
function text(x: ExprNode, t: DslBaseType, nullable: boolean): ExprNode {
  if (t === "null") return lit("null");
  const value = t === "string" ? fn("string", x) : t === "number" ? jsNumberText(x) : t === "array" ? fn("array_join", x, lit(","), lit("")) : fn("string", x);
  return nullable ? fn("coalesce", value, lit("null")) : value;
}

const MS_PER_DAY = 86400000;

/** The UTC calendar date of a Date's getTime(). */
const utcDate = (ms: ExprNode) => fn("date_from_unix_date", fn("int", fn("floor", fn("/", ms, lit(MS_PER_DAY)))));
const msOfDay = (ms: ExprNode) => fn("pmod", ms, fn("bigint", lit(MS_PER_DAY)));

const DATE_LOWERING: Record<string, (d: ExprNode) => ExprNode> = {
  getTime: (d) => double(jsTime(d)),
  getUTCFullYear: (d) => double(fn("year", utcDate(jsTime(d)))),
  getUTCMonth: (d) => double(fn("-", fn("month", utcDate(jsTime(d))), lit(1))),
  getUTCDate: (d) => double(fn("day", utcDate(jsTime(d)))),
  getUTCDay: (d) => double(fn("-", fn("dayofweek", utcDate(jsTime(d))), lit(1))),
  getUTCHours: (d) => double(fn("floor", fn("/", msOfDay(jsTime(d)), lit(3600000)))),
  getUTCMinutes: (d) => double(fn("floor", fn("/", fn("pmod", jsTime(d), fn("bigint", lit(3600000))), lit(60000)))),
  getUTCSeconds: (d) => double(fn("floor", fn("/", fn("pmod", jsTime(d), fn("bigint", lit(60000))), lit(1000)))),
  getUTCMilliseconds: (d) => double(fn("pmod", jsTime(d), fn("bigint", lit(1000)))),
};

/** JavaScript's slice/substring bounds over a string of `n` characters. */
function sliceOf(s: ExprNode, from: ExprNode, to: ExprNode | undefined, mode: "slice" | "substring"): ExprNode {
  const n = double(fn("char_length", s));
  const bound = (x: ExprNode) => {
    const i = toInteger(x);
    return mode === "slice"
      ? when(fn("<", i, lit(0)), fn("greatest", fn("+", n, i), lit(0)), fn("least", i, n))
      : fn("least", fn("greatest", i, lit(0)), n);
  };
  let start = bound(from);
  let end = to === undefined ? n : bound(to);
  if (mode === "substring") [start, end] = [fn("least", start, end), fn("greatest", start, end)];
  return when(fn(">", end, start), fn("substring", s, asInt(fn("+", start, lit(1))), asInt(fn("-", end, start))), lit(""));
}

/** padStart/padEnd: the string unchanged when it is long enough or the fill is empty. */
function pad(name: "lpad" | "rpad", s: ExprNode, n: ExprNode, fill: ExprNode | undefined): ExprNode {
  const target = toInteger(n);
  const f = fill ?? lit(" ");
  return when(or(fn(">=", double(fn("char_length", s)), target), fn("==", f, lit(""))), s, fn(name, s, asInt(target), f));
}

const STRING_LOWERING: Record<string, (s: ExprNode, a: ExprNode[]) => ExprNode> = {
  length: (s) => double(fn("char_length", s)),
  startsWith: (s, [p]) => fn("startswith", s, p!),
  endsWith: (s, [p]) => fn("endswith", s, p!),
  includes: (s, [p]) => fn("contains", s, p!),
  indexOf: (s, [p]) => double(fn("-", fn("locate", p!, s), lit(1))),
  toLowerCase: (s) => fn("lower", s),
  toUpperCase: (s) => fn("upper", s),
  trim: (s) => fn("btrim", s, lit(JS_WHITESPACE)),
  trimStart: (s) => fn("ltrim", lit(JS_WHITESPACE), s),
  trimEnd: (s) => fn("rtrim", lit(JS_WHITESPACE), s),
  slice: (s, [a, b]) => sliceOf(s, a!, b, "slice"),
  substring: (s, [a, b]) => sliceOf(s, a!, b, "substring"),
  padStart: (s, [n, f]) => pad("lpad", s, n!, f),
  padEnd: (s, [n, f]) => pad("rpad", s, n!, f),
  // The transformer accepts only a literal replacement without `$` (JavaScript's replacement patterns).
  replaceAll: (s, [search, repl]) =>
    when(fn("==", search!, lit("")), fn("regexp_replace", s, lit(""), fn("replace", repl!, lit("\\"), lit("\\\\"))), fn("replace", s, search!, repl!)),
  repeat: (s, [n]) =>
    when(
      fn("<", double(n!), lit(0)),
      fn("raise_error", lit("RangeError: Invalid count value (String.prototype.repeat in a query lambda)")),
      fn("repeat", s, fn("int", toInteger(n!))),
    ),
};

const ARRAY_LOWERING: Record<string, (a: ExprNode, args: ExprNode[]) => ExprNode> = {
  length: (a) => double(fn("size", a)),
  includes: (a, [x]) => {
    const hasNull = fn("exists", a, lambda1("v", (v) => fn("isnull", v)));
    return isNullLiteral(x!) ? hasNull : when(fn("isnull", x!), hasNull, fn("coalesce", fn("array_contains", a, x!), lit(false)));
  },
  indexOf: (a, [x]) => double(fn("-", fn("array_position", a, x!), lit(1))),
  join: (a, [sep]) => fn("array_join", a, sep ?? lit(","), lit("")),
};

/** Aggregates: numbers as doubles, so a sum or a count composes with number arithmetic and reads as a JS number. */
const AGGREGATES: Record<string, (a: ExprNode[]) => ExprNode> = {
  sum: ([x]) => double(fn("sum", x!)),
  avg: ([x]) => fn("avg", x!),
  count: ([x]) => double(fn("count", x ?? lit(1))),
  countDistinct: ([x]) => double(FunctionCallNode.create("count", [x!], true)),
  min: ([x]) => fn("min", x!),
  max: ([x]) => fn("max", x!),
  first: ([x]) => fn("first", x!),
  last: ([x]) => fn("last", x!),
  collectList: ([x]) => fn("collect_list", x!),
  collectSet: ([x]) => fn("collect_set", x!),
};

/** The names of the methods and functions the lowering translates, by receiver (checked against transformer/constructs.ts by a unit test). */
export const LOWERED: Readonly<Record<"string" | "array" | "date" | "global", readonly string[]>> = {
  string: Object.keys(STRING_LOWERING),
  array: Object.keys(ARRAY_LOWERING),
  date: Object.keys(DATE_LOWERING),
  global: Object.keys(GLOBAL_LOWERING),
};

/** The names of the aggregate markers the lowering knows. */
export const AGGREGATE_NAMES: readonly string[] = Object.keys(AGGREGATES);

/** The lowering of one compiled lambda: its pins and row sources. */
class Lowering {
  constructor(
    private readonly pins: readonly unknown[],
    private readonly rows: readonly RowSource[],
  ) {}

  /** How many expressions deep the lowering is (the IR of a lambda nests one level per operator). */
  private depth = 0;

  /** An expression whose value is used (`condition` when only its truthiness matters). */
  node(e: DslExpr, use: DslUse = "value"): ExprNode {
    // Each level lowers to one expression or more, 2 protobuf levels or more.
    if (this.depth >= MAX_PLAN_NESTING / 2) throw tooDeep("This query lambda", MAX_PLAN_NESTING, true);
    this.depth++;
    try {
      return this.lower(e, use);
    } finally {
      this.depth--;
    }
  }

  private lower(e: DslExpr, use: DslUse): ExprNode {
    switch (e.k) {
      case "col": {
        const [head, ...rest] = e.path;
        let node: ExprNode = ColumnRefNode.create(quote(head!), this.rows[e.row]?.plan);
        for (const field of rest) node = ExtractNode.create(node, lit(field));
        return node;
      }
      case "lit": {
        const v = e.v;
        if (typeof v === "number") return numberLiteral(v);
        if (typeof v === "object" && v !== null) return "bigint" in v ? lit(BigInt(v.bigint)) : special(v.nonFinite);
        return lit(v);
      }
      case "pin":
        return pinned(this.pins[e.i], e.i);
      case "un": {
        if (e.op === "!") return not(fn("coalesce", this.node(e.e, "condition"), lit(false)));
        const x = this.node(e.e);
        return baseOf(typeOfExpr(e.e)) === "bigint" ? fn("negative", x) : fn("negative", double(x));
      }
      case "isNull":
        return fn(e.negate ? "isnotnull" : "isnull", this.node(e.e));
      case "cond":
        return when(this.node(e.c, "condition"), this.node(e.a), this.node(e.b));
      case "tpl":
        return fn("concat", ...e.parts.map((p) => (typeof p === "string" ? lit(p) : this.text(p))));
      case "bin":
        return this.binary(e, use);
      case "method":
        return this.method(e);
      case "index": {
        const i = double(this.node(e.i));
        return when(fn("==", i, fn("floor", i)), fn("get", this.node(e.recv), fn("int", fn("greatest", fn("least", i, lit(2147483647)), lit(-1)))), lit(null));
      }
      case "global": {
        const lower = GLOBAL_LOWERING[e.name];
        if (!lower) throw unknownConstruct(`the function ${e.name}()`);
        return lower(e.args.map((a) => this.node(a)), e.args.map((a) => baseOf(typeOfExpr(a))));
      }
      case "agg": {
        const lower = AGGREGATES[e.name];
        if (!lower) throw unknownConstruct(`the aggregate ${e.name}()`);
        return lower(e.args.map((a) => this.node(a)));
      }
      case "fn":
        return this.libraryCall(e.name, e.args);
      case "in": {
        const list = Array.isArray(e.list) ? (e.list as readonly DslExpr[]).map((x) => this.node(x)) : this.listPin((e.list as { pin: number }).pin);
        return includes(this.node(e.e), list);
      }
      case "sort":
        return SortOrderNode.create(this.node(e.e), e.dir);
      case "over": {
        const order = e.orderBy.map((x) => (x.k === "sort" ? SortOrderNode.create(this.node(x.e), x.dir) : SortOrderNode.create(this.node(x), "asc")));
        const bound = (b: number | null): FrameBoundary => (b === null ? "unbounded" : b === 0 ? "currentRow" : lit(b));
        const frame = e.rows ? { type: "rows" as const, lower: bound(e.rows[0]), upper: bound(e.rows[1]) } : undefined;
        // An aggregate lowered as double(agg(x)) is windowed inside the cast: double(agg(x) OVER w).
        const value = this.node(e.e);
        const cast = value.kind === "FunctionCall" && value.name === "double" && value.args.length === 1 ? value.args[0]! : undefined;
        const windowed = WindowNode.create(cast ?? value, e.partitionBy.map((x) => this.node(x)), order, frame);
        return cast ? fn("double", windowed) : windowed;
      }
    }
  }

  /** An operand's text as JavaScript writes it. */
  private text(e: DslExpr): ExprNode {
    const t = typeOfExpr(e);
    if (e.k === "lit" && typeof e.v === "string") return lit(e.v);
    return text(this.node(e), baseOf(t), isNullable(t));
  }

  private binary(e: DslExpr & { k: "bin" }, use: DslUse): ExprNode {
    const lt = baseOf(typeOfExpr(e.l));
    const rt = baseOf(typeOfExpr(e.r));
    const kind: DslBaseType = lt === "null" ? rt : lt;
    switch (e.op) {
      case "&&":
      case "||": {
        if (use === "condition") return fn(e.op === "&&" ? "and" : "or", this.node(e.l, "condition"), this.node(e.r, "condition"));
        // JavaScript's value: a && b is a when a is falsy (false or null), else b; a || b is a when a is true, else b.
        const a = this.node(e.l);
        const b = this.node(e.r);
        return e.op === "&&" ? when(a, b, a) : when(a, a, b);
      }
      case "??":
        return fn("coalesce", this.node(e.l), this.node(e.r));
      case "===":
      case "!==": {
        const eq = this.equals(kind, this.node(e.l), this.node(e.r));
        return e.op === "===" ? eq : not(eq);
      }
      case "<":
      case "<=":
      case ">":
      case ">=":
        if ((lt === "number" && rt === "bigint") || (lt === "bigint" && rt === "number")) {
          return mixedCompare(e.op, this.node(e.l), lt === "bigint", this.node(e.r));
        }
        return this.compare(e.op, kind, this.node(e.l), this.node(e.r));
      case "+":
        if (lt === "string" || rt === "string") return fn("concat", this.text(e.l), this.text(e.r));
        return this.arithmetic("+", kind, e);
      default:
        return this.arithmetic(e.op, kind, e);
    }
  }

  /** `===` by the operands' type: numbers as doubles (NaN equals nothing), text as text. */
  private equals(kind: DslBaseType, l: ExprNode, r: ExprNode): ExprNode {
    if (kind === "number") {
      const eq = fn("<=>", l, r);
      return mayBeNaN(l) ? and(eq, not(fn("coalesce", isnan(double(l)), lit(false)))) : eq;
    }
    if (kind === "string") return fn("<=>", fn("string", l), fn("string", r));
    if (kind === "date") return fn("<=>", jsTime(l), jsTime(r));
    return fn("<=>", l, r);
  }

  /** `<` `<=` `>` `>=`: numbers false with NaN, text as text, Dates by their time. */
  private compare(op: "<" | "<=" | ">" | ">=", kind: DslBaseType, l: ExprNode, r: ExprNode): ExprNode {
    if (kind === "number") {
      const nans = [l, r].filter(mayBeNaN).map((x) => isnan(double(x)));
      const c = fn(op, l, r);
      return nans.length === 0 ? c : and(not(nans.reduce(or)), c);
    }
    if (kind === "string") return fn(op, fn("string", l), fn("string", r));
    if (kind === "date") return fn(op, jsTime(l), jsTime(r));
    return fn(op, l, r);
  }

  /** Arithmetic: numbers in doubles (as JavaScript computes them), bigints in LONG. */
  private arithmetic(op: "-" | "*" | "/" | "%" | "**" | "+", kind: DslBaseType, e: DslExpr & { k: "bin" }): ExprNode {
    const l = this.node(e.l);
    const r = this.node(e.r);
    if (kind === "bigint") {
      if (op === "/") return fn("div", l, r);
      if (op === "**") return bigintPower(l, r);
      return fn(op, l, r);
    }
    const x = double(l);
    const y = double(r);
    if (op === "/") return divide(x, y);
    if (op === "%") return when(fn("==", y, lit(0)), special("NaN"), fn("%", x, y));
    if (op === "**") return power(x, y);
    return fn(op, x, y);
  }

  private method(e: DslExpr & { k: "method" }): ExprNode {
    const recv = this.node(e.recv);
    const args = e.args.map((a) => this.node(a));
    const lower =
      e.on === "string" ? STRING_LOWERING[e.name] : e.on === "array" ? ARRAY_LOWERING[e.name] : e.on === "date" ? DATE_LOWERING[e.name] : undefined;
    if (!lower) throw unknownConstruct(`the method ${e.on}.${e.name}()`);
    return lower(recv, args);
  }

  private libraryCall(name: string, args: readonly DslArg[]): ExprNode {
    const f = (functions as unknown as Record<string, unknown>)[name];
    if (typeof f !== "function") throw unknownConstruct(`the function ${name}() of spark-connect-ts/functions`);
    const values = args.map((a) => (a.k === "value" ? this.pins[a.pin] : new Column(this.node(a))));
    const result = (f as (...a: unknown[]) => unknown)(...values);
    if (!(result instanceof Column)) throw new InvalidPlanError({ message: `${name}() did not return a Column inside a query lambda.` });
    return result.node;
  }

  private listPin(i: number): ExprNode[] {
    const v = this.pins[i];
    if (!Array.isArray(v) && !(v instanceof Set)) {
      throw new InvalidPlanError({ message: `pin() #${i + 1} is used with .includes() but holds ${typeof v}; pin an array or a Set.` });
    }
    return [...(v as Iterable<unknown>)].map((x, j) => pinned(x, j));
  }
}

const unknownConstruct = (what: string) =>
  new InvalidPlanError({
    message: `This query lambda uses ${what}, which this version of spark-connect-ts cannot translate; the program was compiled against another version. Recompile it (tspc) with the installed spark-connect-ts.`,
  });

/** The lambda's IR, after checking its version. */
function checked(l: CompiledLambda): CompiledLambda {
  const v = (l as unknown as Record<symbol, unknown>)[Symbol.for("spark-connect-ts.dsl.lambda")];
  if (v !== DSL_IR_VERSION) {
    throw new InvalidPlanError({
      message:
        `This query lambda was compiled to DSL IR version ${String(v)}, and this spark-connect-ts reads version ${DSL_IR_VERSION}: ` +
        `the program was compiled with another version of the library's transformer. Recompile it (tspc) with the installed spark-connect-ts.`,
    });
  }
  return l;
}

/** A compiled lambda's body as one Column (where, join conditions, withColumn). */
export function bodyColumn(l: CompiledLambda, rows: readonly RowSource[]): Column {
  const { body, pins, use } = checked(l);
  if (body.k !== "expr") throw new InvalidPlanError({ message: "This query lambda must return a single expression." });
  return new Column(new Lowering(pins, rows).node(body.e, use));
}

/** A compiled lambda's body as named Columns (select, withColumns, groupBy, agg). */
export function bodyFields(l: CompiledLambda, rows: readonly RowSource[]): [string, Column][] {
  const { body, pins } = checked(l);
  if (body.k !== "fields") throw new InvalidPlanError({ message: "This query lambda must return an object literal of columns." });
  const lowering = new Lowering(pins, rows);
  return body.fields.map(([name, e]) => [name, new Column(lowering.node(e))]);
}

/** A compiled lambda's body as a list of Columns (orderBy). */
export function bodyList(l: CompiledLambda, rows: readonly RowSource[]): Column[] {
  const { body, pins } = checked(l);
  const items = body.k === "list" ? body.items : body.k === "expr" ? [body.e] : undefined;
  if (items === undefined) throw new InvalidPlanError({ message: "An orderBy lambda returns a key or an array of keys." });
  const lowering = new Lowering(pins, rows);
  return items.map((e) => new Column(lowering.node(e)));
}

export type { DslBody };
