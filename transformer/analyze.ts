// The analysis of one query lambda: a pure function from the lambda's syntax tree and
// the type checker to the DSL IR (plus the pinned expressions) or a list of problems.
// It is shared by the ts-patch transformer, `spark-connect-ts check` and editor tooling.
// Its parts: analysis/context.ts (what every part asks), analysis/expressions.ts
// (operators, literals, columns), analysis/calls.ts (markers, methods, functions); the
// shapes of lambda bodies are here.
import type * as TS from "typescript";
import type { DslBody, DslExpr, DslUse } from "../src/dsl/ir.js";
import { Context, MAX_DEPTH } from "./analysis/context.js";
import { installExpressions } from "./analysis/expressions.js";
import { Code, type DslProblem, Message } from "./diagnostics.js";
import type { LambdaKind } from "./recognize.js";

export { MAX_DEPTH };

/** The analysis result: the IR and pins when there are no problems. */
export interface Analysis {
  readonly body: DslBody | undefined;
  readonly use: DslUse;
  readonly pins: readonly TS.Expression[];
  readonly problems: readonly DslProblem[];
}

/** How a lambda of a kind uses its result. */
const useOf = (kind: LambdaKind): DslUse => (kind === "filter" || kind === "join" ? "condition" : "value");

/**
 * Analyses one query lambda of the given kind. Never throws: an unexpected failure of the
 * analysis becomes a problem at the lambda, so the compiler reports it with file and line.
 */
export function analyzeLambda(ts: typeof TS, checker: TS.TypeChecker, node: TS.Expression, kind: LambdaKind): Analysis {
  try {
    return analyze(ts, checker, node, kind);
  } catch (e) {
    const message =
      e instanceof RangeError && /call stack/i.test(e.message)
        ? { code: Code.TooDeep, message: Message.tooDeep(MAX_DEPTH) }
        : { code: Code.Internal, message: Message.internal(e instanceof Error ? e.message : String(e)) };
    return { body: undefined, use: useOf(kind), pins: [], problems: [{ ...message, node }] };
  }
}

/** The column names an agg lambda may read outside aggregates: the keys of `groupBy(e => ({ ... }))`, none for `df.agg(...)`. */
function groupingKeys(ts: typeof TS, checker: TS.TypeChecker, lambda: TS.Expression): ReadonlySet<string> | undefined {
  const call = lambda.parent;
  if (!call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const receiver = checker.getTypeAtLocation(call.expression.expression);
  if (receiver.getSymbol()?.getName() !== "GroupedData") return undefined;
  const keys = checker.getTypeArguments(receiver as TS.TypeReference)[1];
  if (keys === undefined || checker.getIndexInfosOfType(keys).length > 0 || keys.flags & ts.TypeFlags.Never) return undefined;
  return new Set(keys.getProperties().map((p) => p.getName()));
}

function analyze(ts: typeof TS, checker: TS.TypeChecker, node: TS.Expression, kind: LambdaKind): Analysis {
  const use = useOf(kind);
  const fail = (code: number, at: TS.Node, message: string): Analysis => ({ body: undefined, use, pins: [], problems: [{ code, node: at, message }] });

  let fn = node;
  while (ts.isParenthesizedExpression(fn) || ts.isSatisfiesExpression(fn)) fn = fn.expression;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) {
    return fail(Code.NotInline, node, Message.notInline(node.getText().length > 40 ? node.getText().slice(0, 37) + "..." : node.getText()));
  }
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) || (ts.isFunctionExpression(fn) && fn.asteriskToken)) {
    return fail(Code.AsyncLambda, fn, Message.asyncLambda());
  }
  const expectedParams = kind === "join" ? 2 : 1;
  const expected = kind === "join" ? "two rows, (a, b)" : "one row, e";
  const params: TS.Symbol[] = [];
  const problems: DslProblem[] = [];
  for (const p of fn.parameters) {
    if (!ts.isIdentifier(p.name) || p.initializer !== undefined || p.dotDotDotToken !== undefined) {
      problems.push({ code: Code.BadParameters, node: p, message: Message.badParameters(expected) });
      continue;
    }
    const sym = checker.getSymbolAtLocation(p.name);
    if (sym) params.push(sym);
  }
  if (fn.parameters.length > expectedParams) {
    problems.push({ code: Code.BadParameters, node: fn.parameters[expectedParams]!, message: Message.badParameters(expected) });
  }
  if (problems.length > 0) return { body: undefined, use, pins: [], problems };
  if (ts.isBlock(fn.body)) return fail(Code.BlockBody, fn.body, Message.blockBody());

  const cx = new Context(ts, checker, kind, fn, params);
  if (kind === "agg") cx.groupingKeys = groupingKeys(ts, checker, node);
  installExpressions(cx);

  const body = fn.body;
  let result: DslBody | undefined;
  let inner = body;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (kind === "fields" || kind === "agg") {
    if (!ts.isObjectLiteralExpression(inner)) {
      cx.problem(Code.BadShape, body, Message.badShape("an object literal of columns, e.g. `e => ({ name: e.name, total: e.a + e.b })`"));
    } else {
      const fields: [string, DslExpr][] = [];
      const seen = new Map<string, string>();
      for (const p of inner.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          const name = p.name.text;
          const clash = seen.get(name.toLowerCase());
          if (clash !== undefined && clash !== name) cx.problem(Code.DuplicateField, p.name, Message.duplicateField(name, clash));
          seen.set(name.toLowerCase(), name);
          const e = cx.expr(p.initializer);
          if (e) fields.push([name, e]);
        } else if (ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression) && cx.rowIndex(p.expression) >= 0) {
          cx.problem(Code.WholeRow, p, Message.wholeRow(p.expression.text));
        } else {
          cx.problem(Code.BadShape, p, Message.badShape("named fields `name: expression` (no shorthand, spread, methods or computed names)"));
        }
      }
      result = { k: "fields", fields };
    }
  } else if (kind === "orderBy") {
    if (ts.isArrayLiteralExpression(inner)) {
      const items: DslExpr[] = [];
      for (const el of inner.elements) {
        const e = ts.isSpreadElement(el) ? cx.problem(Code.Unsupported, el, Message.unsupported("A spread element")) : cx.expr(el, true);
        if (e) items.push(e);
      }
      result = { k: "list", items };
    } else {
      const e = cx.expr(inner, true);
      if (e) result = { k: "list", items: [e] };
    }
  } else {
    if ((kind === "filter" || kind === "join") && !cx.isBooleanish(inner)) {
      cx.problem(Code.BadShape, body, Message.badShape("a boolean condition, e.g. `e => e.amount > 100`"));
    }
    const e = cx.expr(inner);
    if (e) result = { k: "expr", e };
  }
  return { body: cx.problems.length === 0 ? result : undefined, use, pins: cx.pins, problems: cx.problems };
}
