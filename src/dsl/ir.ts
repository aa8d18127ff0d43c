/**
 * The lambda DSL's expression IR: what the compile-time transformer emits for a query
 * lambda (as a JSON-like object literal) and what the runtime lowers into Spark
 * expressions (src/dsl/lower.ts). Shared by transformer/ and src/dsl/.
 *
 * The IR states what the lambda means in JavaScript, with the type the TypeScript
 * checker gave each operand; it says nothing about Spark. All Spark translation happens
 * at run time, so a fix to a translation reaches every compiled program with a library
 * upgrade, without recompiling. The compiled object carries {@link DSL_IR_VERSION}; the
 * runtime refuses IR of another version with the fix (recompile).
 */

/** The IR version this library reads and its transformer writes. */
export const DSL_IR_VERSION = 2;

/**
 * A JavaScript type as the checker reports it, reduced to what lowering needs: `date`
 * is a Date (DATE, TIMESTAMP, TIMESTAMP_NTZ columns and pinned Dates), `array` an
 * array, `struct` a plain object, `binary` a Uint8Array, `unknown` anything else
 * (any, unions of different kinds).
 */
export type DslBaseType = "number" | "bigint" | "string" | "boolean" | "date" | "array" | "struct" | "binary" | "null" | "unknown";

/** A type: its base, and `?` when null (or undefined) is among its values. */
export type DslType = DslBaseType | `${Exclude<DslBaseType, "null">}?`;

/** Binary operators, as they appear in the TypeScript source. */
export type DslBinaryOp = "===" | "!==" | "<" | "<=" | ">" | ">=" | "&&" | "||" | "+" | "-" | "*" | "/" | "%" | "**" | "??";

/** A literal value: bigints as decimal strings, and numbers finite (NaN and the infinities are `nonFinite`). */
export type DslLiteral = string | number | boolean | null | { readonly bigint: string } | { readonly nonFinite: "NaN" | "Infinity" | "-Infinity" };

/** One expression of a query lambda; `t` is the expression's type as the checker reported it. */
export type DslExpr =
  /** A column of row parameter `row` (0 = first parameter); `path` walks into structs. */
  | { readonly k: "col"; readonly row: number; readonly path: readonly string[]; readonly t: DslType }
  /** A literal written in the lambda, a const of a literal type or an enum member. */
  | { readonly k: "lit"; readonly v: DslLiteral }
  /** The i-th pinned value, evaluated in JavaScript when the query is built. */
  | { readonly k: "pin"; readonly i: number; readonly t: DslType }
  | { readonly k: "bin"; readonly op: DslBinaryOp; readonly l: DslExpr; readonly r: DslExpr; readonly t: DslType }
  /** `!x`, `-x`. */
  | { readonly k: "un"; readonly op: "!" | "-"; readonly e: DslExpr; readonly t: DslType }
  /** `x === null` / `x !== null` (also `== null`). */
  | { readonly k: "isNull"; readonly e: DslExpr; readonly negate: boolean }
  /** `c ? a : b`. */
  | { readonly k: "cond"; readonly c: DslExpr; readonly a: DslExpr; readonly b: DslExpr; readonly t: DslType }
  /** A template literal: text and expressions, in order. */
  | { readonly k: "tpl"; readonly parts: readonly (string | DslExpr)[] }
  /**
   * A method or property of a value: `s.startsWith(p)`, `s.length`, `a.includes(x)`,
   * `d.getTime()`; `on` is the receiver's type, `name` the method (a property has no args).
   */
  | { readonly k: "method"; readonly on: DslBaseType; readonly name: string; readonly recv: DslExpr; readonly args: readonly DslExpr[]; readonly t: DslType }
  /** `a[i]` on an array. */
  | { readonly k: "index"; readonly recv: DslExpr; readonly i: DslExpr; readonly t: DslType }
  /** A global function: `Math.round(x)` as "Math.round", `String(x)` as "String". */
  | { readonly k: "global"; readonly name: string; readonly args: readonly DslExpr[]; readonly t: DslType }
  /** An aggregate marker of spark-connect-ts/dsl: sum, avg, count, ... */
  | { readonly k: "agg"; readonly name: string; readonly args: readonly DslExpr[]; readonly t: DslType }
  /**
   * A function of spark-connect-ts/functions, by its exported name; each argument is an
   * expression (a Column parameter) or the index of a pin (a plain value parameter).
   */
  | { readonly k: "fn"; readonly name: string; readonly args: readonly DslArg[]; readonly t: DslType }
  /** `[a, b].includes(x)` or `pin(list).includes(x)`. */
  | { readonly k: "in"; readonly e: DslExpr; readonly list: readonly DslExpr[] | { readonly pin: number } }
  /**
   * `over(value, { partitionBy, orderBy, rows })`: an aggregate or window function over a
   * window; `rows` bounds the frame in rows around the current one (null: unbounded).
   */
  | {
      readonly k: "over";
      readonly e: DslExpr;
      readonly partitionBy: readonly DslExpr[];
      readonly orderBy: readonly DslExpr[];
      readonly rows?: readonly [number | null, number | null];
      readonly t: DslType;
    }
  /** A sort key: `asc(x)` / `desc(x)`. */
  | { readonly k: "sort"; readonly dir: "asc" | "desc"; readonly e: DslExpr };

/** An argument of a library function: an expression, or a value computed in JavaScript (`{ value: pinIndex }`). */
export type DslArg = DslExpr | { readonly k: "value"; readonly pin: number };

/** What a lambda returns: one expression, named fields (select/agg/groupBy) or a list (orderBy). */
export type DslBody =
  | { readonly k: "expr"; readonly e: DslExpr }
  | { readonly k: "fields"; readonly fields: readonly (readonly [string, DslExpr])[] }
  | { readonly k: "list"; readonly items: readonly DslExpr[] };

/** How a lambda's result is used: a condition (where, having, join) only by its truthiness, a value exactly. */
export type DslUse = "condition" | "value";

/** The marker key of a compiled lambda object; its value is the IR version. */
export const COMPILED_LAMBDA = Symbol.for("spark-connect-ts.dsl.lambda");

/** A query lambda after compilation: its IR and the pinned values, evaluated at the call site. */
export interface CompiledLambda {
  readonly [COMPILED_LAMBDA]: number;
  readonly use: DslUse;
  readonly body: DslBody;
  readonly pins: readonly unknown[];
}

/** Whether a value is a compiled query lambda (of any IR version). */
export function isCompiledLambda(v: unknown): v is CompiledLambda {
  return typeof v === "object" && v !== null && typeof (v as Record<symbol, unknown>)[COMPILED_LAMBDA] === "number";
}

/** The base of a type, without `?`. */
export const baseOf = (t: DslType): DslBaseType => (t.endsWith("?") ? (t.slice(0, -1) as DslBaseType) : (t as DslBaseType));

/** Whether a type admits null. */
export const isNullable = (t: DslType): boolean => t === "null" || t.endsWith("?");

/** The type of an expression. */
export function typeOfExpr(e: DslExpr): DslType {
  switch (e.k) {
    case "lit": {
      const v = e.v;
      if (v === null) return "null";
      if (typeof v === "object") return "bigint" in v ? "bigint" : "number";
      return typeof v as "string" | "number" | "boolean";
    }
    case "isNull":
    case "in":
      return "boolean";
    case "tpl":
      return "string";
    case "sort":
      return "unknown";
    default:
      return e.t;
  }
}
