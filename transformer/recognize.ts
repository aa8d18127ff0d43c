// Recognises DSL calls by type-level brands (src/dsl/brand.ts): a query-lambda parameter
// is typed QueryLambda<Kind, F>, a marker function carries DslMarker<Role>. Read through
// the type checker, they survive aliases, re-exports and renamed imports, and lookalike
// functions of other libraries are left alone.
import type * as TS from "typescript";

/** What a brand says about a call. */
export type DslTag =
  | { readonly role: "lambda"; readonly kind: LambdaKind; readonly argIndex: number }
  | { readonly role: "aggregate"; readonly name: string }
  | { readonly role: "sort"; readonly dir: "asc" | "desc" }
  /** A Spark function of spark-connect-ts/functions, with the kind of each argument: "c" an expression, "v" a plain value ("c*"/"v*": the rest). */
  | { readonly role: "function"; readonly name: string; readonly kinds: string; readonly windowOnly: boolean }
  /** over(value, window). */
  | { readonly role: "window" }
  | { readonly role: "pin" };

/** How the lambda of a DSL method is used: its parameters and what its body must be. */
export type LambdaKind = "filter" | "fields" | "agg" | "expr" | "orderBy" | "join";

const KINDS = new Set<string>(["filter", "fields", "agg", "expr", "orderBy", "join"]);

/** The string literal(s) of a property's type, e.g. "filter" from `__sparkDslLambda?: "filter"`. */
function literalOf(checker: TS.TypeChecker, type: TS.Type, property: string, at: TS.Node): string | undefined {
  const prop = type.getProperty(property);
  if (prop === undefined) return undefined;
  const t = checker.getTypeOfSymbolAtLocation(prop, at);
  for (const part of t.isUnion() ? t.types : [t]) if (part.isStringLiteral()) return part.value;
  return undefined;
}

/** The role of a marker function: "pin", "aggregate sum", "sort desc". */
function markerTag(role: string): DslTag | undefined {
  const [what, arg, kinds] = role.split(" ");
  if ((what === "function" || what === "window-function") && arg) return { role: "function", name: arg, kinds: kinds ?? "", windowOnly: what === "window-function" };
  if (what === "window" && arg === "over") return { role: "window" };
  if (what === "pin") return { role: "pin" };
  if (what === "aggregate" && arg) return { role: "aggregate", name: arg };
  if (what === "sort" && (arg === "asc" || arg === "desc")) return { role: "sort", dir: arg };
  return undefined;
}

/** The DSL meaning of a call: a marker function, or a method taking a query lambda. */
export function dslTagOfCall(ts: typeof TS, checker: TS.TypeChecker, call: TS.CallExpression): DslTag | undefined {
  const role = literalOf(checker, checker.getTypeAtLocation(call.expression), "__sparkDsl", call);
  if (role !== undefined) return markerTag(role);
  const signature = checker.getResolvedSignature(call);
  if (signature === undefined) return undefined;
  for (let i = 0; i < signature.parameters.length && i < call.arguments.length; i++) {
    const param = signature.parameters[i]!;
    const kind = literalOf(checker, checker.getTypeOfSymbolAtLocation(param, call), "__sparkDslLambda", call);
    if (kind !== undefined && KINDS.has(kind)) return { role: "lambda", kind: kind as LambdaKind, argIndex: i };
  }
  return undefined;
}

/**
 * Whether a lambda argument is a parameter already typed as a query lambda, passed on by
 * a wrapper (it was compiled at its own call site), rather than a lambda written here.
 */
export function isForwardedLambda(ts: typeof TS, checker: TS.TypeChecker, arg: TS.Expression): boolean {
  let n = arg;
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return false;
  // Only a parameter of the enclosing wrapper: a variable typed as a query lambda holds a
  // lambda that no DataFrame call compiled, so it is reported as not inline.
  if (!ts.isIdentifier(n)) return false;
  const decl = checker.getSymbolAtLocation(n)?.valueDeclaration;
  if (decl === undefined || !ts.isParameter(decl)) return false;
  return checker.getTypeAtLocation(arg).getProperty("__sparkDslLambda") !== undefined;
}

/**
 * Whether a node lies inside a query lambda written at a DSL call (where the analysis
 * handles markers such as pin()); markers anywhere else would throw when they run.
 */
export function isInQueryLambda(ts: typeof TS, checker: TS.TypeChecker, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n !== undefined; n = n.parent) {
    if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) continue;
    let arg: TS.Node = n;
    while (arg.parent && (ts.isParenthesizedExpression(arg.parent) || ts.isSatisfiesExpression(arg.parent))) arg = arg.parent;
    const call = arg.parent;
    if (call && ts.isCallExpression(call) && call.arguments.includes(arg as TS.Expression)) {
      const tag = dslTagOfCall(ts, checker, call);
      if (tag?.role === "lambda" && call.arguments[tag.argIndex] === arg) return true;
    }
  }
  return false;
}

/** The diagnostic example of a marker used outside a query lambda. */
export function markerExample(tag: DslTag, name: string): string {
  if (tag.role === "aggregate") return `.groupBy(e => ({ k: e.k })).agg(e => ({ v: ${name}(e.amount) }))`;
  if (tag.role === "sort") return `df.orderBy(e => [${name}(e.amount)])`;
  if (tag.role === "function") return `df.select(e => ({ v: ${name}(e.x) }))`;
  if (tag.role === "window") return `df.select(e => ({ rank: ${name}(F.rowNumber(), { orderBy: [e.amount] }) }))`;
  return `df.where(e => e.amount > ${name}(min))`;
}

/**
 * A lambda written at a DSL call but hidden from it by a cast (`(e => ...) as any`): the
 * overload taking a query lambda is not chosen, so it would reach Spark uncompiled.
 */
export function castLambdaArg(ts: typeof TS, checker: TS.TypeChecker, call: TS.CallExpression): TS.Expression | undefined {
  const signatures = checker.getTypeAtLocation(call.expression).getCallSignatures();
  for (const [i, arg] of call.arguments.entries()) {
    let n: TS.Expression = arg;
    let cast = false;
    for (;;) {
      if (ts.isParenthesizedExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
      else if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) {
        cast = true;
        n = n.expression;
      } else break;
    }
    if (!cast || (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n))) continue;
    for (const sig of signatures) {
      const param = sig.parameters[i];
      if (param && literalOf(checker, checker.getTypeOfSymbolAtLocation(param, call), "__sparkDslLambda", call) !== undefined) return arg;
    }
  }
  return undefined;
}
