/**
 * The lambda DSL's expression IR: what the compile-time transformer emits for a query
 * lambda (as a JSON-like object literal) and what the runtime turns into Columns.
 * Shared by transformer/ and src/dsl/.
 */

/** Binary operators, as they appear in the TypeScript source. */
export type DslBinaryOp = "===" | "!==" | "<" | "<=" | ">" | ">=" | "&&" | "||" | "+" | "-" | "*" | "/" | "%" | "??" | "concat";

/** One expression of a query lambda. */
export type DslExpr =
  /** A column of row parameter `row` (0 = first parameter); `path` walks into structs. */
  | { readonly k: "col"; readonly row: number; readonly path: readonly string[] }
  /** A literal written in the lambda (or a const with a literal type). bigints as decimal strings. */
  | { readonly k: "lit"; readonly v: string | number | boolean | null | { readonly bigint: string } }
  /** The i-th pinned value, evaluated in JavaScript when the query is built. */
  | { readonly k: "pin"; readonly i: number }
  | { readonly k: "bin"; readonly op: DslBinaryOp; readonly l: DslExpr; readonly r: DslExpr }
  | { readonly k: "not"; readonly e: DslExpr }
  | { readonly k: "neg"; readonly e: DslExpr }
  /** `x === null` / `x !== null` (also `== null`). */
  | { readonly k: "isNull"; readonly e: DslExpr; readonly negate: boolean }
  /** `c ? t : f`. */
  | { readonly k: "cond"; readonly c: DslExpr; readonly t: DslExpr; readonly f: DslExpr }
  /** A Spark function by SQL name. */
  | { readonly k: "call"; readonly fn: string; readonly args: readonly DslExpr[]; readonly distinct?: boolean }
  /** `[a, b].includes(x)` or `pin(list).includes(x)`. */
  | { readonly k: "in"; readonly e: DslExpr; readonly list: readonly DslExpr[] | { readonly pin: number } }
  /** A sort key: `asc(x)` / `desc(x)`. */
  | { readonly k: "sort"; readonly dir: "asc" | "desc"; readonly e: DslExpr };

/** What a lambda returns: one expression, named fields (select/agg/groupBy) or a list (orderBy). */
export type DslBody =
  | { readonly k: "expr"; readonly e: DslExpr }
  | { readonly k: "fields"; readonly fields: readonly (readonly [string, DslExpr])[] }
  | { readonly k: "list"; readonly items: readonly DslExpr[] };

/** The marker key of a compiled lambda object. */
export const COMPILED_LAMBDA = Symbol.for("spark-connect-ts.dsl.lambda");

/** A query lambda after compilation: its IR and the pinned values, evaluated at the call site. */
export interface CompiledLambda {
  readonly [COMPILED_LAMBDA]: 1;
  readonly body: DslBody;
  readonly pins: readonly unknown[];
}

/** Whether a value is a compiled query lambda. */
export function isCompiledLambda(v: unknown): v is CompiledLambda {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[COMPILED_LAMBDA] === 1;
}
