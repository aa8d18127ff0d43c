// Calls in a query lambda: pin(), the aggregate and sort markers, `[..].includes(x)`,
// methods of strings, arrays and Dates and global functions (the table of
// src/dsl/constructs.ts), each checked against its receiver's JavaScript type.
import type * as TS from "typescript";
import { GLOBALS, methodsOf } from "../constructs.js";
import type { DslArg, DslExpr } from "../../src/dsl/ir.js";
import { Code, Message } from "../diagnostics.js";
import { dslTagOfCall } from "../recognize.js";
import type { Context } from "./context.js";

/** `a?.b`: the fix tests the receiver of the first `?.` for null. */
export function optionalChain(cx: Context, n: TS.Expression): undefined {
  const ts = cx.ts;
  let receiver: TS.Node = n;
  for (let cur: TS.Node = n; ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur) || ts.isCallExpression(cur) || ts.isNonNullExpression(cur); cur = cur.expression) {
    if (!ts.isNonNullExpression(cur) && cur.questionDotToken) receiver = cur.expression;
  }
  const plain = n.getText().replace(/\?\.(?=[[(])/g, "").replace(/\?\./g, ".");
  // In a comparison, the condition shows the whole comparison.
  let cond = plain;
  const parent = n.parent;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken && parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken) {
    const text = parent.getText();
    const at = n.getStart() - parent.getStart();
    cond = text.slice(0, at) + plain + text.slice(at + n.getText().length);
  }
  return cx.problem(Code.OptionalChaining, n, Message.optionalChaining(receiver.getText(), cond, plain));
}

/** A call the DSL cannot translate: the last sentence says whether pin() can compute it. */
function unknownCall(cx: Context, n: TS.CallExpression, name: string): undefined {
  const p = cx.pinnable(cx.typeOf(n));
  const fix = cx.readsRow(n)
    ? Message.unknownFunctionFix.readsRow()
    : p === "no"
      ? Message.unknownFunctionFix.none()
      : Message.unknownFunctionFix.pin(cx.pinFix(n, p === "undefined" ? `${n.getText()} ?? null` : n.getText()));
  return cx.problem(Code.UnknownFunction, n, Message.unknownFunction(name, fix));
}

/** Local-time getters of Date, which depend on the time zone of the JavaScript process. */
const LOCAL_TIME = /^(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|Year|TimezoneOffset)$|^to(String|DateString|TimeString|Locale\w*)$/;

/** The full name of a global function called as `String(x)` or `Math.abs(x)`, if it is one. */
function globalName(cx: Context, callee: TS.Expression): string | undefined {
  const ts = cx.ts;
  if (ts.isIdentifier(callee) && cx.isGlobal(callee) && callee.text in GLOBALS) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && cx.isGlobal(callee.expression)) {
    const full = `${callee.expression.text}.${callee.name.text}`;
    if (callee.expression.text === "Math" || callee.expression.text === "Number") return full;
  }
  return undefined;
}

export function callExpr(cx: Context, n: TS.CallExpression, top: boolean): DslExpr | undefined {
  const ts = cx.ts;
  if (n.questionDotToken) return optionalChain(cx, n);
  const tag = dslTagOfCall(ts, cx.checker, n);
  if (tag?.role === "pin") {
    const arg = n.arguments[0];
    if (n.arguments.length !== 1 || !arg) return cx.problem(Code.BadArguments, n, Message.badArguments("pin", "exactly one value"));
    const row = cx.readsRow(arg);
    if (row) return cx.problem(Code.PinReadsRow, row, Message.pinReadsRow(row.text));
    const nested = findPin(cx, arg);
    if (nested) return cx.problem(Code.Unsupported, nested, Message.unsupported(`\`${nested.getText()}\` inside pin() (pin()'s argument is computed in JavaScript already; drop the inner pin())`));
    cx.pins.push(arg);
    return { k: "pin", i: cx.pins.length - 1, t: cx.dslType(n) };
  }
  if (tag?.role === "aggregate") {
    const name = n.expression.getText();
    if (cx.kind !== "agg" && cx.windowDepth === 0) return cx.problem(Code.AggregateOutsideAgg, n, Message.aggregateOutsideAgg(name));
    if (cx.aggregateDepth > 0) return cx.problem(Code.NestedAggregate, n, Message.nestedAggregate(name));
    cx.aggregateDepth++;
    try {
      const a = tag.name === "count" ? cx.args(n, name, 0, 1) : cx.args(n, name, 1, 1);
      return a && { k: "agg", name: tag.name, args: a, t: cx.dslType(n) };
    } finally {
      cx.aggregateDepth--;
    }
  }
  if (tag?.role === "sort") {
    const name = n.expression.getText();
    if (!cx.inWindowOrder && (cx.kind !== "orderBy" || !top)) return cx.problem(Code.SortOutsideOrderBy, n, Message.sortOutsideOrderBy(name));
    const a = cx.args(n, name, 1, 1);
    return a && { k: "sort", dir: tag.dir, e: a[0]! };
  }
  if (tag?.role === "function") {
    if (tag.windowOnly && cx.windowDepth === 0) return cx.problem(Code.WindowOutsideOver, n, Message.windowFunctionOutsideOver(n.expression.getText()));
    return sparkFunction(cx, n, tag.name, tag.kinds);
  }
  if (tag?.role === "window") return window(cx, n);
  const callee = n.expression;
  const global = globalName(cx, callee);
  if (global !== undefined) {
    const g = GLOBALS[global];
    if (!g) return unknownCall(cx, n, global);
    const a = cx.args(n, global, g.args[0], g.args[1]);
    if (!a) return undefined;
    if (global === "String") {
      const k = cx.baseType(n.arguments[0]!);
      if (k === "date" || k === "array" || k === "struct" || k === "binary") return cx.problem(Code.ObjectText, n.arguments[0]!, Message.objectText(n.arguments[0]!.getText(), k));
    }
    return { k: "global", name: global, args: a, t: cx.dslType(n) };
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const target = callee.expression;
    // [a, b].includes(x) and pin(list).includes(x): SQL IN.
    if (method === "includes" && (ts.isArrayLiteralExpression(target) || (ts.isCallExpression(target) && dslTagOfCall(ts, cx.checker, target)?.role === "pin"))) {
      const [x] = cx.args(n, "includes", 1, 1) ?? [];
      if (!x) return undefined;
      if (ts.isArrayLiteralExpression(target)) {
        const items: DslExpr[] = [];
        for (const el of target.elements) {
          const e = ts.isSpreadElement(el) ? cx.problem(Code.Unsupported, el, Message.unsupported("A spread element")) : cx.expr(el);
          if (!e) return undefined;
          items.push(e);
        }
        return { k: "in", e: x, list: items };
      }
      const pinned = cx.expr(target);
      return pinned && pinned.k === "pin" ? { k: "in", e: x, list: { pin: pinned.i } } : undefined;
    }
    // Methods of row values, and of pinned values (`pin(d).getTime()`).
    if (cx.readsRow(target) || (ts.isCallExpression(target) && dslTagOfCall(ts, cx.checker, target)?.role === "pin")) {
      const on = cx.baseType(target);
      const table = methodsOf(on);
      if (on === "date" && LOCAL_TIME.test(method)) return cx.problem(Code.LocalTime, n, Message.localTime(`${target.getText()}.${method}()`));
      const m = table?.[method];
      if (table && m && !m.property) {
        if (on === "string" && method === "replaceAll") {
          const repl = n.arguments[1];
          if (repl && (!ts.isStringLiteralLike(repl) || repl.text.includes("$"))) return cx.problem(Code.BadArguments, repl, Message.replacement(repl.getText()));
          const search = n.arguments[0];
          if (search && !cx.isStringish(search)) return cx.problem(Code.BadArguments, search, Message.badArguments("replaceAll", "a string to search for (regular expressions are not supported)"));
        }
        if (on === "array" && method === "join") {
          const elements = cx.checker.getTypeArguments(cx.typeOf(target).getNonNullableType() as TS.TypeReference)[0];
          const k = elements ? cx.dslTypeOfType(elements).replace("?", "") : "unknown";
          if (k !== "string") return cx.problem(Code.ObjectText, n, Message.joinNonText(target.getText(), k));
        }
        const recv = cx.expr(target);
        const a = cx.args(n, method, m.args[0], m.args[1]);
        return recv && a ? { k: "method", on, name: method, recv, args: a, t: cx.dslType(n) } : undefined;
      }
    }
  }
  // list.includes(x) on a runtime list: pin the list.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "includes" && !cx.readsRow(callee.expression) && cx.pinnable(cx.typeOf(callee.expression)) === "yes") {
    return cx.problem(
      Code.FreeVariable,
      callee.expression,
      Message.freeVariable(callee.expression.getText(), `pin(${callee.expression.getText()})${n.getText().slice(callee.expression.getEnd() - n.getStart())}`),
    );
  }
  return unknownCall(cx, n, callee.getText());
}

/**
 * `F.year(e.ts)`: a function of spark-connect-ts/functions. Expression arguments ("c")
 * are translated; plain-value arguments ("v") are computed in JavaScript like pins, so
 * they cannot read the row.
 */
function sparkFunction(cx: Context, n: TS.CallExpression, name: string, kinds: string): DslExpr | undefined {
  const ts = cx.ts;
  const rest = kinds.endsWith("*") ? kinds.at(-2) : undefined;
  const fixed = rest === undefined ? kinds : kinds.slice(0, -2);
  const args: DslArg[] = [];
  for (const [i, a] of n.arguments.entries()) {
    if (ts.isSpreadElement(a)) return cx.problem(Code.Unsupported, a, Message.unsupported("A spread argument"));
    const kind = fixed[i] ?? rest;
    if (kind === undefined) return cx.problem(Code.BadArguments, n, Message.badArguments(n.expression.getText(), `at most ${fixed.length} argument(s)`));
    if (kind === "v") {
      const row = cx.readsRow(a);
      if (row) return cx.problem(Code.PinReadsRow, a, Message.valueArgument(n.expression.getText(), i + 1, a.getText()));
      // A plain value is computed in JavaScript already: `pin(x)` there is x.
      const value = ts.isCallExpression(a) && dslTagOfCall(ts, cx.checker, a)?.role === "pin" && a.arguments.length === 1 ? a.arguments[0]! : a;
      const nested = findPin(cx, value);
      if (nested) return cx.problem(Code.Unsupported, nested, Message.unsupported(`\`${nested.getText()}\` inside a plain-value argument (the argument is computed in JavaScript already; drop the pin())`));
      cx.pins.push(value);
      args.push({ k: "value", pin: cx.pins.length - 1 });
    } else {
      const e = cx.expr(a);
      if (!e) return undefined;
      args.push(e);
    }
  }
  return { k: "fn", name, args, t: cx.dslType(n) };
}

/** A pin() call inside an expression computed in JavaScript, where it would run uncompiled. */
function findPin(cx: Context, n: TS.Node): TS.CallExpression | undefined {
  const ts = cx.ts;
  if (ts.isCallExpression(n) && dslTagOfCall(ts, cx.checker, n)?.role === "pin") return n;
  return ts.forEachChild(n, (c) => findPin(cx, c));
}

/** `over(value, { partitionBy, orderBy, rows })` in a select, withColumns or withColumn lambda. */
function window(cx: Context, n: TS.CallExpression): DslExpr | undefined {
  const ts = cx.ts;
  const name = n.expression.getText();
  if (cx.kind !== "fields" && cx.kind !== "expr") return cx.problem(Code.WindowOutsideOver, n, Message.windowOutsideSelect(name));
  if (cx.windowDepth > 0 || cx.aggregateDepth > 0) return cx.problem(Code.NestedAggregate, n, Message.nestedAggregate(name));
  const [valueArg, spec] = n.arguments;
  if (n.arguments.length !== 2 || !valueArg || !spec) return cx.problem(Code.BadArguments, n, Message.badArguments(name, "a value and a window `{ partitionBy, orderBy, rows }`"));
  let inner: TS.Expression = valueArg;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  const tag = ts.isCallExpression(inner) ? dslTagOfCall(ts, cx.checker, inner) : undefined;
  if (!(tag?.role === "aggregate" || (tag?.role === "function" && tag.windowOnly))) {
    return cx.problem(Code.BadArguments, valueArg, Message.windowValue(name, valueArg.getText()));
  }
  let spec2: TS.Expression = spec;
  while (ts.isParenthesizedExpression(spec2)) spec2 = spec2.expression;
  if (!ts.isObjectLiteralExpression(spec2)) return cx.problem(Code.BadArguments, spec, Message.windowSpec(name));
  cx.windowDepth++;
  let e: DslExpr | undefined;
  try {
    e = cx.expr(valueArg);
  } finally {
    cx.windowDepth--;
  }
  if (!e) return undefined;
  const list = (x: TS.Expression, inOrder: boolean): DslExpr[] | undefined => {
    let arr: TS.Expression = x;
    while (ts.isParenthesizedExpression(arr)) arr = arr.expression;
    if (!ts.isArrayLiteralExpression(arr)) return cx.problem(Code.BadArguments, x, Message.windowSpec(name));
    const out: DslExpr[] = [];
    cx.inWindowOrder = inOrder;
    try {
      for (const el of arr.elements) {
        const item = ts.isSpreadElement(el) ? cx.problem(Code.Unsupported, el, Message.unsupported("A spread element")) : cx.expr(el);
        if (!item) return undefined;
        out.push(item);
      }
    } finally {
      cx.inWindowOrder = false;
    }
    return out;
  };
  let partitionBy: DslExpr[] = [];
  let orderBy: DslExpr[] = [];
  let rows: [number | null, number | null] | undefined;
  for (const p of spec2.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (!ts.isPropertyAssignment(p) || key === undefined) return cx.problem(Code.BadArguments, p, Message.windowSpec(name));
    if (key === "partitionBy") {
      const l = list(p.initializer, false);
      if (!l) return undefined;
      partitionBy = l;
    } else if (key === "orderBy") {
      const l = list(p.initializer, true);
      if (!l) return undefined;
      orderBy = l;
    } else if (key === "rows") {
      let arr: TS.Expression = p.initializer;
      while (ts.isParenthesizedExpression(arr)) arr = arr.expression;
      const bound = (b: TS.Expression | undefined): number | null | undefined => {
        if (!b) return undefined;
        if (b.kind === ts.SyntaxKind.NullKeyword) return null;
        const t = cx.typeOf(b);
        return t.isNumberLiteral() && Number.isInteger(t.value) ? t.value : undefined;
      };
      const from = ts.isArrayLiteralExpression(arr) && arr.elements.length === 2 ? bound(arr.elements[0]) : undefined;
      const to = ts.isArrayLiteralExpression(arr) && arr.elements.length === 2 ? bound(arr.elements[1]) : undefined;
      if (from === undefined || to === undefined) return cx.problem(Code.BadArguments, p.initializer, Message.windowRows(p.initializer.getText()));
      rows = [from, to];
    } else {
      return cx.problem(Code.BadArguments, p, Message.windowSpec(name));
    }
  }
  return { k: "over", e, partitionBy, orderBy, ...(rows ? { rows } : {}), t: cx.dslType(n) };
}
