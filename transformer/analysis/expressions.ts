// Expressions of a query lambda: literals, columns, operators, conditionals and template
// literals, translated into the JavaScript-semantic IR with the checker's operand types.
// Calls are in calls.ts.
import type * as TS from "typescript";
import { MATH_CONSTANTS, methodsOf } from "../constructs.js";
import type { DslBaseType, DslBinaryOp, DslExpr } from "../../src/dsl/ir.js";
import { Code, Message } from "../diagnostics.js";
import { callExpr, optionalChain } from "./calls.js";
import { type Context, MAX_DEPTH } from "./context.js";

/** Kinds that compare and print by identity in JavaScript: `===` and text of them do not mean what they would in SQL. */
const OBJECT_KINDS = new Set<DslBaseType>(["date", "array", "struct", "binary"]);

/** Installs the expression translator on the context. */
export function installExpressions(cx: Context): void {
  const ts = cx.ts;
  const S = ts.SyntaxKind;
  const BINARY: Partial<Record<number, DslBinaryOp>> = {
    [S.EqualsEqualsEqualsToken]: "===",
    [S.ExclamationEqualsEqualsToken]: "!==",
    [S.LessThanToken]: "<",
    [S.LessThanEqualsToken]: "<=",
    [S.GreaterThanToken]: ">",
    [S.GreaterThanEqualsToken]: ">=",
    [S.AmpersandAmpersandToken]: "&&",
    [S.BarBarToken]: "||",
    [S.PlusToken]: "+",
    [S.MinusToken]: "-",
    [S.AsteriskToken]: "*",
    [S.SlashToken]: "/",
    [S.PercentToken]: "%",
    [S.AsteriskAsteriskToken]: "**",
    [S.QuestionQuestionToken]: "??",
  };

  let depth = 0;
  let tooDeep = false;
  const expr = (n: TS.Expression, top = false): DslExpr | undefined => {
    if (ts.isParenthesizedExpression(n)) return expr(n.expression, top);
    if (tooDeep) return undefined;
    if (depth >= MAX_DEPTH) {
      tooDeep = true;
      return cx.problem(Code.TooDeep, n, Message.tooDeep(MAX_DEPTH));
    }
    depth++;
    try {
      return exprAt(n, top);
    } finally {
      depth--;
    }
  };
  cx.expr = expr;

  const exprAt = (n: TS.Expression, top: boolean): DslExpr | undefined => {
    if (ts.isOptionalChain(n)) return optionalChain(cx, n);
    if (ts.isNonNullExpression(n)) {
      if (!cx.readsRow(n.expression)) return cx.freeValue(n);
      return cx.problem(Code.NonNullAssertion, n, Message.nonNullAssertion(n.expression.getText()));
    }
    if (ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) return expr(n.expression, top);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { k: "lit", v: n.text };
    if (ts.isNumericLiteral(n)) return cx.number(Number(n.text), n);
    if (ts.isBigIntLiteral(n)) return cx.bigint(BigInt(n.text.slice(0, -1)), n);
    if (n.kind === S.TrueKeyword) return { k: "lit", v: true };
    if (n.kind === S.FalseKeyword) return { k: "lit", v: false };
    if (n.kind === S.NullKeyword) return { k: "lit", v: null };
    if (ts.isIdentifier(n)) return identifier(n);
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) return access(n);
    if (ts.isPrefixUnaryExpression(n)) return prefix(n);
    if (ts.isBinaryExpression(n)) return binary(n);
    if (ts.isConditionalExpression(n)) return conditional(n);
    if (ts.isTemplateExpression(n)) return template(n);
    if (ts.isCallExpression(n)) return callExpr(cx, n, top);
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return cx.problem(Code.Unsupported, n, Message.unsupported("A nested function"));
    // Anything else that does not read the row can be computed in JavaScript.
    if (!cx.readsRow(n) && cx.pinnable(cx.typeOf(n)) !== "no") return cx.freeValue(n);
    return cx.problem(Code.Unsupported, n, Message.unsupported(`\`${n.getText()}\``));
  };

  const identifier = (n: TS.Identifier): DslExpr | undefined => {
    if (cx.rowIndex(n) >= 0) return cx.problem(Code.WholeRow, n, Message.wholeRow(n.text));
    if ((n.text === "NaN" || n.text === "Infinity") && cx.isGlobal(n)) return { k: "lit", v: { nonFinite: n.text } };
    if (n.text === "undefined" && cx.isGlobal(n)) return cx.problem(Code.Unsupported, n, Message.unsupported("`undefined` (use null)"));
    if (cx.isConstLiteral(n)) return cx.constLiteral(n);
    return cx.freeValue(n);
  };

  /** A column path `e.a.b` / `e["a"]`, or undefined when the access does not start at a row. */
  const columnPath = (n: TS.Expression): { row: number; path: string[] } | undefined => {
    if (ts.isIdentifier(n)) {
      const i = cx.rowIndex(n);
      return i >= 0 ? { row: i, path: [] } : undefined;
    }
    if (ts.isParenthesizedExpression(n)) return columnPath(n.expression);
    if (ts.isPropertyAccessExpression(n) && !n.questionDotToken) {
      const base = columnPath(n.expression);
      return base ? { row: base.row, path: [...base.path, n.name.text] } : undefined;
    }
    if (ts.isElementAccessExpression(n) && !n.questionDotToken && ts.isStringLiteralLike(n.argumentExpression)) {
      const base = columnPath(n.expression);
      return base ? { row: base.row, path: [...base.path, n.argumentExpression.text] } : undefined;
    }
    return undefined;
  };

  const access = (n: TS.PropertyAccessExpression | TS.ElementAccessExpression): DslExpr | undefined => {
    if (n.questionDotToken) return optionalChain(cx, n);
    if (cx.readsRow(n.expression)) {
      const on = cx.baseType(n.expression);
      // s.length, a.length
      if (ts.isPropertyAccessExpression(n) && methodsOf(on)?.[n.name.text]?.property) {
        const recv = expr(n.expression);
        return recv && { k: "method", on, name: n.name.text, recv, args: [], t: cx.dslType(n) };
      }
      // a[i] on an array
      if (ts.isElementAccessExpression(n) && on === "array" && !ts.isStringLiteralLike(n.argumentExpression)) {
        const recv = expr(n.expression);
        const i = expr(n.argumentExpression);
        // An element beyond the end is undefined in JavaScript and null in Spark: the type says so only with noUncheckedIndexedAccess.
        return recv && i ? { k: "index", recv, i, t: cx.dslType(n) } : undefined;
      }
    }
    const path = columnPath(n);
    if (path) {
      if (path.path.length > 0) notGrouped(n, path.path[0]!);
      return { k: "col", row: path.row, path: path.path, t: cx.dslType(n) };
    }
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "Math" && cx.isGlobal(n.expression)) {
      const name = n.name.text as (typeof MATH_CONSTANTS)[number];
      if (MATH_CONSTANTS.includes(name)) return { k: "lit", v: Math[name] };
    }
    if (cx.readsRow(n)) return cx.problem(Code.Unsupported, n, Message.unsupported(`\`${n.getText()}\``));
    if (cx.isConstLiteral(n)) return cx.constLiteral(n);
    const root = cx.leftmostIdentifier(n);
    if (root && !cx.isConstLiteral(root)) return cx.freeValue(n, root);
    return cx.problem(Code.Unsupported, n, Message.unsupported(`\`${n.getText()}\``));
  };

  /** In an agg lambda, a column read outside an aggregate must be a grouping key. */
  const notGrouped = (n: TS.Node, column: string): void => {
    if (cx.kind !== "agg" || cx.aggregateDepth > 0 || cx.groupingKeys === undefined) return;
    if (cx.groupingKeys.has(column)) return;
    const keys = [...cx.groupingKeys];
    cx.problem(Code.NotGrouped, n, Message.notGrouped(n.getText(), keys));
  };

  const prefix = (n: TS.PrefixUnaryExpression): DslExpr | undefined => {
    if (n.operator === S.MinusToken) {
      if (ts.isNumericLiteral(n.operand)) return cx.number(-Number(n.operand.text), n);
      if (ts.isBigIntLiteral(n.operand)) return cx.bigint(-BigInt(n.operand.text.slice(0, -1)), n);
      const e = expr(n.operand);
      return e && { k: "un", op: "-", e, t: cx.dslType(n) };
    }
    if (n.operator === S.ExclamationToken) {
      if (!cx.isBooleanish(n.operand)) return cx.problem(Code.NonBooleanLogic, n.operand, Message.nonBooleanLogic("!", n.operand.getText()));
      const e = expr(n.operand);
      return e && { k: "un", op: "!", e, t: "boolean" };
    }
    if (n.operator === S.PlusToken) return cx.problem(Code.Unsupported, n, Message.unsupported("Unary `+` (use the value itself, or Number-typed columns)"));
    if (n.operator === S.PlusPlusToken || n.operator === S.MinusMinusToken) return cx.problem(Code.Assignment, n, Message.assignment());
    return cx.problem(Code.Unsupported, n, Message.unsupported(`The operator \`${ts.tokenToString(n.operator)}\``));
  };

  const isNullLit = (x: TS.Expression) => {
    let y = x;
    while (ts.isParenthesizedExpression(y)) y = y.expression;
    return y.kind === S.NullKeyword;
  };

  /** A kind name for messages, by the JavaScript type of a node (null for null-only). */
  const kindName = (x: TS.Node): string => {
    const t = cx.dslType(x);
    return t === "null" ? "null" : t.replace("?", "");
  };

  const binary = (n: TS.BinaryExpression): DslExpr | undefined => {
    const op = n.operatorToken.kind;
    if (op >= S.FirstAssignment && op <= S.LastAssignment) return cx.problem(Code.Assignment, n, Message.assignment());
    if (op === S.InKeyword) return cx.problem(Code.InOperator, n, Message.inOperator());
    if (op === S.EqualsEqualsEqualsToken || op === S.ExclamationEqualsEqualsToken || op === S.EqualsEqualsToken || op === S.ExclamationEqualsToken) {
      const negate = op === S.ExclamationEqualsEqualsToken || op === S.ExclamationEqualsToken;
      if (isNullLit(n.right) || isNullLit(n.left)) {
        const e = expr(isNullLit(n.right) ? n.left : n.right);
        return e && { k: "isNull", e, negate };
      }
      if (op === S.EqualsEqualsToken || op === S.ExclamationEqualsToken) {
        return cx.problem(Code.LooseEquality, n.operatorToken, Message.looseEquality(op === S.EqualsEqualsToken ? "==" : "!="));
      }
      for (const side of [n.left, n.right]) {
        const k = cx.baseType(side);
        if (OBJECT_KINDS.has(k)) return cx.problem(Code.ObjectEquality, n, Message.objectEquality(n.getText(), k, side.getText()));
      }
    }
    const dslOp = BINARY[op];
    if (dslOp === undefined) return cx.problem(Code.Unsupported, n.operatorToken, Message.unsupported(`The operator \`${n.operatorToken.getText()}\``));
    if (dslOp === "&&" || dslOp === "||") {
      for (const side of [n.left, n.right]) {
        if (!cx.isBooleanish(side)) return cx.problem(Code.NonBooleanLogic, side, Message.nonBooleanLogic(dslOp, side.getText()));
      }
    }
    if (dslOp === "??") {
      const [a, b] = [kindName(n.left), kindName(n.right)];
      if (a !== b && a !== "null" && b !== "null") return cx.problem(Code.MixedTypes, n, Message.mixedTypes("??", n.left.getText(), a, n.right.getText(), b));
    }
    if (dslOp === "+" && (cx.isStringish(n.left) || cx.isStringish(n.right))) {
      for (const side of [n.left, n.right]) if (!textable(side)) return undefined;
    }
    if (dslOp === "<" || dslOp === "<=" || dslOp === ">" || dslOp === ">=") {
      for (const side of [n.left, n.right]) {
        const k = cx.baseType(side);
        if (k === "array" || k === "struct" || k === "binary") return cx.problem(Code.ObjectEquality, n, Message.objectEquality(n.getText(), k, side.getText()));
      }
    }
    const l = expr(n.left);
    const r = expr(n.right);
    return l && r ? { k: "bin", op: dslOp, l, r, t: cx.dslType(n) } : undefined;
  };

  /** Whether a value can become text as JavaScript writes it (not a Date, array or object, whose text is not data). */
  const textable = (x: TS.Expression): boolean => {
    const k = cx.baseType(x);
    if (!OBJECT_KINDS.has(k)) return true;
    cx.problem(Code.ObjectText, x, Message.objectText(x.getText(), k));
    return false;
  };

  const conditional = (n: TS.ConditionalExpression): DslExpr | undefined => {
    const [a, b] = [kindName(n.whenTrue), kindName(n.whenFalse)];
    if (a !== b && a !== "null" && b !== "null") return cx.problem(Code.MixedTypes, n, Message.mixedTypes("?:", n.whenTrue.getText(), a, n.whenFalse.getText(), b));
    const c = expr(n.condition);
    const t = expr(n.whenTrue);
    const f = expr(n.whenFalse);
    return c && t && f ? { k: "cond", c, a: t, b: f, t: cx.dslType(n) } : undefined;
  };

  const template = (n: TS.TemplateExpression): DslExpr | undefined => {
    const parts: (string | DslExpr)[] = [];
    if (n.head.text) parts.push(n.head.text);
    for (const span of n.templateSpans) {
      if (!textable(span.expression)) return undefined;
      const e = expr(span.expression);
      if (!e) return undefined;
      parts.push(e);
      if (span.literal.text) parts.push(span.literal.text);
    }
    return { k: "tpl", parts };
  };
}
