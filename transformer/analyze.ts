// The analysis of one query lambda: a pure function from the lambda's syntax tree and
// the type checker to the DSL IR (plus the pinned expressions) or a list of problems.
// It is shared by the ts-patch transformer, `spark-connect-ts check` and editor tooling.
import type * as TS from "typescript";
import type { DslBinaryOp, DslBody, DslExpr } from "../src/dsl/ir.js";
import { Code, type DslProblem, Message } from "./diagnostics.js";
import { dslTagOfCall, type LambdaKind } from "./recognize.js";

/** The analysis result: the IR and pins when there are no problems. */
export interface Analysis {
  readonly body: DslBody | undefined;
  readonly pins: readonly TS.Expression[];
  readonly problems: readonly DslProblem[];
}

const call = (fn: string, ...args: DslExpr[]): DslExpr => ({ k: "call", fn, args });
const lit = (v: string | number | boolean | null): DslExpr => ({ k: "lit", v });
const asDouble = (e: DslExpr): DslExpr => call("double", e);
const when = (...branches: DslExpr[]): DslExpr => call("when", ...branches);

/** The characters String.prototype.trim removes: ECMAScript WhiteSpace and LineTerminator. */
const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

const STRING_METHODS: Record<string, { args: number; build: (s: DslExpr, a: DslExpr[]) => DslExpr }> = {
  startsWith: { args: 1, build: (s, [p]) => call("startswith", s, p!) },
  endsWith: { args: 1, build: (s, [p]) => call("endswith", s, p!) },
  includes: { args: 1, build: (s, [p]) => call("contains", s, p!) },
  toLowerCase: { args: 0, build: (s) => call("lower", s) },
  toUpperCase: { args: 0, build: (s) => call("upper", s) },
  trim: { args: 0, build: (s) => call("btrim", s, lit(JS_WHITESPACE)) },
  trimStart: { args: 0, build: (s) => call("ltrim", lit(JS_WHITESPACE), s) },
  trimEnd: { args: 0, build: (s) => call("rtrim", lit(JS_WHITESPACE), s) },
};

/** 2^52: from here on every double is an integer, so rounding returns it unchanged. */
const INTEGRAL = 4503599627370496;

/** Rounds in the double domain as JavaScript does: NaN, infinities and huge values pass through. */
const integral = (x: DslExpr, rounded: (x: DslExpr) => DslExpr): DslExpr =>
  when(
    call("or", call("isnan", asDouble(x)), call(">=", call("abs", x), lit(INTEGRAL))),
    asDouble(x),
    asDouble(rounded(x)),
  );

/** Math.* functions, as Spark expressions giving the same value (and a JS number). */
const MATH: Record<string, { args: [number, number]; build: (a: DslExpr[]) => DslExpr }> = {
  abs: { args: [1, 1], build: ([x]) => call("abs", x!) },
  ceil: { args: [1, 1], build: ([x]) => integral(x!, (v) => call("ceil", v)) },
  floor: { args: [1, 1], build: ([x]) => integral(x!, (v) => call("floor", v)) },
  // JavaScript rounds halves towards +Infinity (Math.round(-2.5) === -2); Spark's round goes away from
  // zero. floor(x) + (x - floor(x) >= 0.5 ? 1 : 0) is exact below 2^52, unlike floor(x + 0.5).
  round: {
    args: [1, 1],
    build: ([x]) =>
      integral(x!, (v) =>
        call("+", call("floor", v), when(call(">=", call("-", v, call("floor", v)), lit(0.5)), lit(1), lit(0))),
      ),
  },
  sqrt: { args: [1, 1], build: ([x]) => call("sqrt", x!) },
  pow: { args: [2, 2], build: ([x, y]) => call("power", x!, y!) },
  exp: { args: [1, 1], build: ([x]) => call("exp", x!) },
  // Spark's ln is null for x <= 0; JavaScript gives -Infinity at 0 and NaN below.
  log: {
    args: [1, 1],
    build: ([x]) =>
      when(
        call(">", x!, lit(0)),
        call("ln", x!),
        call("==", x!, lit(0)),
        call("double", lit("-Infinity")),
        call("isnotnull", x!),
        call("double", lit("NaN")),
        lit(null),
      ),
  },
  sign: { args: [1, 1], build: ([x]) => call("signum", x!) },
  min: { args: [2, 64], build: (xs) => call("least", ...xs) },
  max: { args: [2, 64], build: (xs) => call("greatest", ...xs) },
};

const BINARY: Partial<Record<number, DslBinaryOp>> = {};

/** How deep a query expression may nest (each level is a few nested messages of the plan sent to Spark). */
export const MAX_DEPTH = 200;

/** The range of Spark's LONG, where bigint literals go. */
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

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
    return { body: undefined, pins: [], problems: [{ ...message, node }] };
  }
}

function analyze(ts: typeof TS, checker: TS.TypeChecker, node: TS.Expression, kind: LambdaKind): Analysis {
  const problems: DslProblem[] = [];
  const pins: TS.Expression[] = [];
  const problem = (code: number, at: TS.Node, message: string): undefined => {
    problems.push({ code, node: at, message });
    return undefined;
  };
  if (Object.keys(BINARY).length === 0) {
    const S = ts.SyntaxKind;
    Object.assign(BINARY, {
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
      [S.QuestionQuestionToken]: "??",
    });
  }

  let fn = node;
  while (ts.isParenthesizedExpression(fn) || ts.isSatisfiesExpression(fn)) fn = fn.expression;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) {
    problem(Code.NotInline, node, Message.notInline(node.getText().length > 40 ? node.getText().slice(0, 37) + "..." : node.getText()));
    return { body: undefined, pins, problems };
  }
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) || (ts.isFunctionExpression(fn) && fn.asteriskToken)) {
    problem(Code.AsyncLambda, fn, Message.asyncLambda());
    return { body: undefined, pins, problems };
  }
  const expectedParams = kind === "join" ? 2 : 1;
  const params: TS.Symbol[] = [];
  for (const p of fn.parameters) {
    if (!ts.isIdentifier(p.name) || p.initializer !== undefined || p.dotDotDotToken !== undefined) {
      problem(Code.BadParameters, p, Message.badParameters(kind === "join" ? "two rows, (a, b)" : "one row, e"));
      continue;
    }
    const sym = checker.getSymbolAtLocation(p.name);
    if (sym) params.push(sym);
  }
  if (fn.parameters.length > expectedParams) {
    problem(Code.BadParameters, fn.parameters[expectedParams]!, Message.badParameters(kind === "join" ? "two rows, (a, b)" : "one row, e"));
  }
  if (problems.length > 0) return { body: undefined, pins, problems };
  if (ts.isBlock(fn.body)) {
    problem(Code.BlockBody, fn.body, Message.blockBody());
    return { body: undefined, pins, problems };
  }
  const rowIndex = (id: TS.Identifier): number => {
    const sym = checker.getSymbolAtLocation(id);
    return sym ? params.indexOf(sym) : -1;
  };
  const readsRow = (n: TS.Node): TS.Identifier | undefined => {
    if (ts.isIdentifier(n) && rowIndex(n) >= 0) return n;
    return ts.forEachChild(n, readsRow);
  };

  const typeOf = (n: TS.Node) => checker.getTypeAtLocation(n);
  const every = (t: TS.Type, test: (t: TS.Type) => boolean): boolean =>
    t.isUnion() ? t.types.every((u) => every(u, test)) : test(t);
  const some = (t: TS.Type, test: (t: TS.Type) => boolean): boolean => (t.isUnion() ? t.types.some((u) => some(u, test)) : test(t));
  const F = ts.TypeFlags;
  const isStringish = (n: TS.Node) => some(typeOf(n), (t) => (t.flags & F.StringLike) !== 0);
  const isBooleanish = (n: TS.Node) =>
    every(typeOf(n), (t) => (t.flags & (F.BooleanLike | F.Null | F.Undefined | F.Never | F.Any)) !== 0);

  /** Whether an identifier is a const of a literal type (inlined as a literal, or reported by constLiteral). */
  const isConstLiteral = (id: TS.Identifier): boolean => {
    const before = problems.length;
    const e = constLiteral(id);
    const reported = problems.length > before;
    problems.length = before;
    return e !== undefined || reported;
  };

  /** A const whose type is a literal, inlined as a literal (a problem when it cannot be one). */
  const constLiteral = (id: TS.Identifier): DslExpr | undefined => {
    const sym = checker.getSymbolAtLocation(id);
    const decl = sym?.valueDeclaration;
    if (!decl || !ts.isVariableDeclaration(decl) || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
    const t = typeOf(id);
    if (t.isStringLiteral()) return { k: "lit", v: t.value };
    if (t.isNumberLiteral()) {
      if (Number.isFinite(t.value)) return { k: "lit", v: t.value };
      const inf = t.value < 0 ? "-Infinity" : "Infinity";
      return problem(Code.NonFiniteNumber, id, Message.nonFiniteNumber(id.text, t.value, `Write \`${inf}\`, pin it (\`${pinFix(id)}\`), or use a finite number.`));
    }
    if (t.flags & F.BooleanLiteral) return { k: "lit", v: checker.typeToString(t) === "true" };
    if (t.flags & F.BigIntLiteral) {
      const v = (t as TS.BigIntLiteralType).value;
      return bigint(BigInt((v.negative ? "-" : "") + v.base10Value), id);
    }
    return undefined;
  };

  /** A finite number literal, or a problem naming the fix. */
  const number = (v: number, at: TS.Node): DslExpr | undefined => {
    if (Number.isFinite(v)) return { k: "lit", v };
    const inf = v < 0 ? "-Infinity" : "Infinity";
    return problem(Code.NonFiniteNumber, at, Message.nonFiniteNumber(at.getText(), v, `Write \`${inf}\` instead, or a finite number.`));
  };

  /** A bigint literal within LONG's range, or a problem. */
  const bigint = (v: bigint, at: TS.Node): DslExpr | undefined =>
    v < LONG_MIN || v > LONG_MAX ? problem(Code.BigIntOutOfRange, at, Message.bigIntOutOfRange(at.getText())) : { k: "lit", v: { bigint: v.toString() } };

  /** Whether an identifier names the global (lib) value rather than a local of the same name. */
  const isGlobal = (id: TS.Identifier): boolean => {
    const decl = checker.getSymbolAtLocation(id)?.declarations?.[0];
    return decl === undefined || decl.getSourceFile().isDeclarationFile;
  };

  /** The text of the smallest enclosing comparison/arithmetic, with `n` pinned (as `inner`): the suggested fix. */
  const pinFix = (n: TS.Expression, inner = n.getText()): string => {
    let top: TS.Node = n;
    while (top !== fn.body && top.parent && !ts.isBinaryExpression(top)) top = top.parent;
    if (!ts.isBinaryExpression(top)) top = n;
    const text = top.getText();
    const at = n.getStart() - top.getStart();
    return text.slice(0, at) + `pin(${inner})` + text.slice(at + n.getText().length);
  };

  /**
   * Whether pin() accepts a value of this type (its parameter is `T extends Pinnable`):
   * "undefined" when it would once undefined is replaced by null.
   */
  const pinnable = (t: TS.Type): "yes" | "undefined" | "no" => {
    let result: "yes" | "undefined" | "no" = "yes";
    const worst = (r: "yes" | "undefined" | "no") => {
      if (r === "no" || (r === "undefined" && result === "yes")) result = r;
    };
    const visit = (u: TS.Type, inCollection: boolean): void => {
      if (u.isUnion()) return u.types.forEach((x) => visit(x, inCollection));
      if (u.flags & F.Any) return;
      if (u.flags & (F.Null | F.StringLike | F.NumberLike | F.BigIntLike | F.BooleanLike)) return;
      if (u.flags & (F.Undefined | F.Void)) return worst(inCollection ? "no" : "undefined");
      if (checker.isArrayType(u) || checker.isTupleType(u)) {
        return checker.getTypeArguments(u as TS.TypeReference).forEach((x) => visit(x, true));
      }
      const name = (u.aliasSymbol ?? u.getSymbol())?.getName();
      if (name === "Date" || name === "Uint8Array" || name === "Column") return;
      if (!inCollection && (name === "Set" || name === "ReadonlySet")) {
        return checker.getTypeArguments(u as TS.TypeReference).forEach((x) => visit(x, true));
      }
      worst("no");
    };
    visit(t, false);
    return result;
  };

  /** The problem of a runtime value `n` in a lambda: pin it, with a fix that type-checks, or say why not. */
  const freeValue = (n: TS.Expression, at: TS.Node = n): undefined => {
    const t = typeOf(n);
    const p = pinnable(t);
    if (p === "no") return problem(Code.FreeVariable, at, Message.notPinnable(n.getText(), checker.typeToString(t)));
    return problem(Code.FreeVariable, at, Message.freeVariable(n.getText(), pinFix(n, p === "undefined" ? `${n.getText()} ?? null` : n.getText())));
  };

  /** A column path `e.a.b` / `e["a"]`, or undefined when the access does not start at a row. */
  const columnPath = (n: TS.Expression): { row: number; path: string[] } | undefined => {
    if (ts.isIdentifier(n)) {
      const i = rowIndex(n);
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

  let aggregateDepth = 0;

  let depth = 0;
  let tooDeep = false;
  const expr = (n: TS.Expression, top = false): DslExpr | undefined => {
    if (ts.isParenthesizedExpression(n)) return expr(n.expression, top);
    if (tooDeep) return undefined;
    if (depth >= MAX_DEPTH) {
      tooDeep = true;
      return problem(Code.TooDeep, n, Message.tooDeep(MAX_DEPTH));
    }
    depth++;
    try {
      return exprAt(n, top);
    } finally {
      depth--;
    }
  };

  const exprAt = (n: TS.Expression, top: boolean): DslExpr | undefined => {
    if (ts.isOptionalChain(n)) return optionalChain(n);
    if (ts.isNonNullExpression(n)) {
      if (!readsRow(n.expression)) return freeValue(n);
      return problem(Code.NonNullAssertion, n, Message.nonNullAssertion(n.expression.getText()));
    }
    if (ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) return expr(n.expression, top);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { k: "lit", v: n.text };
    if (ts.isNumericLiteral(n)) return number(Number(n.text), n);
    if (ts.isBigIntLiteral(n)) return bigint(BigInt(n.text.slice(0, -1)), n);
    if (n.kind === ts.SyntaxKind.TrueKeyword) return { k: "lit", v: true };
    if (n.kind === ts.SyntaxKind.FalseKeyword) return { k: "lit", v: false };
    if (n.kind === ts.SyntaxKind.NullKeyword) return { k: "lit", v: null };
    if (ts.isIdentifier(n)) return identifier(n);
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) return access(n);
    if (ts.isPrefixUnaryExpression(n)) return prefix(n);
    if (ts.isBinaryExpression(n)) return binary(n);
    if (ts.isConditionalExpression(n)) {
      const kindOf = (x: TS.Node) => {
        const t = typeOf(x);
        if (every(t, (u) => (u.flags & (F.Null | F.Undefined)) !== 0)) return "null";
        if (every(t, (u) => (u.flags & (F.StringLike | F.Null | F.Undefined)) !== 0)) return "string";
        if (every(t, (u) => (u.flags & (F.NumberLike | F.Null | F.Undefined)) !== 0)) return "number";
        if (every(t, (u) => (u.flags & (F.BigIntLike | F.Null | F.Undefined)) !== 0)) return "bigint";
        if (every(t, (u) => (u.flags & (F.BooleanLike | F.Null | F.Undefined)) !== 0)) return "boolean";
        return "other";
      };
      const [a, b] = [kindOf(n.whenTrue), kindOf(n.whenFalse)];
      if (a !== b && a !== "null" && b !== "null") {
        return problem(Code.MixedTypes, n, Message.mixedTypes(n.whenTrue.getText(), a, n.whenFalse.getText(), b));
      }
      const c = expr(n.condition);
      const t = expr(n.whenTrue);
      const f = expr(n.whenFalse);
      return c && t && f ? { k: "cond", c, t, f } : undefined;
    }
    if (ts.isTemplateExpression(n)) return template(n);
    if (ts.isCallExpression(n)) return callExpr(n, top);
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return problem(Code.Unsupported, n, Message.unsupported("A nested function"));
    // Anything else that does not read the row can be computed in JavaScript.
    if (!readsRow(n) && pinnable(typeOf(n)) !== "no") return freeValue(n);
    return problem(Code.Unsupported, n, Message.unsupported(`\`${n.getText()}\``));
  };

  const identifier = (n: TS.Identifier): DslExpr | undefined => {
    const i = rowIndex(n);
    if (i >= 0) return problem(Code.WholeRow, n, Message.wholeRow(n.text));
    if ((n.text === "NaN" || n.text === "Infinity") && isGlobal(n)) return call("double", { k: "lit", v: n.text });
    if (n.text === "undefined" && isGlobal(n)) return problem(Code.Unsupported, n, Message.unsupported("`undefined` (use null)"));
    if (isConstLiteral(n)) return constLiteral(n);
    return freeValue(n);
  };

  const access = (n: TS.PropertyAccessExpression | TS.ElementAccessExpression): DslExpr | undefined => {
    if (n.questionDotToken) return optionalChain(n);
    if (ts.isPropertyAccessExpression(n) && n.name.text === "length" && isStringish(n.expression)) {
      const inner = expr(n.expression);
      return inner && call("char_length", inner);
    }
    const path = columnPath(n);
    if (path) return { k: "col", row: path.row, path: path.path };
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "Math") {
      const v = (Math as unknown as Record<string, unknown>)[n.name.text];
      if (typeof v === "number") return { k: "lit", v };
    }
    if (readsRow(n)) return problem(Code.Unsupported, n, Message.unsupported(`\`${n.getText()}\``));
    const root = leftmostIdentifier(n);
    if (root && !isConstLiteral(root)) return freeValue(n, root);
    return problem(Code.Unsupported, n, Message.unsupported(`\`${n.getText()}\``));
  };

  /** `a?.b`: the fix tests the receiver of the first `?.` for null. */
  const optionalChain = (n: TS.Expression): undefined => {
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
    return problem(Code.OptionalChaining, n, Message.optionalChaining(receiver.getText(), cond, plain));
  };

  /** A call the DSL cannot translate: the last sentence says whether pin() can compute it. */
  const unknownCall = (n: TS.CallExpression, name: string): undefined => {
    const fix = readsRow(n)
      ? Message.unknownFunctionFix.readsRow()
      : pinnable(typeOf(n)) === "no"
        ? Message.unknownFunctionFix.none()
        : Message.unknownFunctionFix.pin(pinFix(n, pinnable(typeOf(n)) === "undefined" ? `${n.getText()} ?? null` : n.getText()));
    return problem(Code.UnknownFunction, n, Message.unknownFunction(name, fix));
  };

  const leftmostIdentifier = (n: TS.Node): TS.Identifier | undefined => {
    let cur: TS.Node = n;
    while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur) || ts.isCallExpression(cur)) cur = cur.expression;
    return ts.isIdentifier(cur) ? cur : undefined;
  };

  const prefix = (n: TS.PrefixUnaryExpression): DslExpr | undefined => {
    const S = ts.SyntaxKind;
    if (n.operator === S.MinusToken) {
      if (ts.isNumericLiteral(n.operand)) return number(-Number(n.operand.text), n);
      if (ts.isBigIntLiteral(n.operand)) return bigint(-BigInt(n.operand.text.slice(0, -1)), n);
      const e = expr(n.operand);
      return e && { k: "neg", e };
    }
    if (n.operator === S.ExclamationToken) {
      if (!isBooleanish(n.operand)) return problem(Code.NonBooleanLogic, n.operand, Message.nonBooleanLogic("!", n.operand.getText()));
      const e = expr(n.operand);
      return e && { k: "not", e };
    }
    if (n.operator === S.PlusPlusToken || n.operator === S.MinusMinusToken) return problem(Code.Assignment, n, Message.assignment());
    return problem(Code.Unsupported, n, Message.unsupported(`The operator \`${ts.tokenToString(n.operator)}\``));
  };

  const binary = (n: TS.BinaryExpression): DslExpr | undefined => {
    const S = ts.SyntaxKind;
    const op = n.operatorToken.kind;
    if (op >= S.FirstAssignment && op <= S.LastAssignment) return problem(Code.Assignment, n, Message.assignment());
    if (op === S.InKeyword) return problem(Code.InOperator, n, Message.inOperator());
    const isNullLit = (x: TS.Expression) => {
      let y = x;
      while (ts.isParenthesizedExpression(y)) y = y.expression;
      return y.kind === S.NullKeyword;
    };
    if (op === S.EqualsEqualsEqualsToken || op === S.ExclamationEqualsEqualsToken || op === S.EqualsEqualsToken || op === S.ExclamationEqualsToken) {
      const negate = op === S.ExclamationEqualsEqualsToken || op === S.ExclamationEqualsToken;
      if (isNullLit(n.right) || isNullLit(n.left)) {
        const e = expr(isNullLit(n.right) ? n.left : n.right);
        return e && { k: "isNull", e, negate };
      }
      if (op === S.EqualsEqualsToken || op === S.ExclamationEqualsToken) {
        return problem(Code.LooseEquality, n.operatorToken, Message.looseEquality(op === S.EqualsEqualsToken ? "==" : "!="));
      }
    }
    if (op === S.AsteriskAsteriskToken) {
      const l = expr(n.left);
      const r = expr(n.right);
      return l && r ? call("power", l, r) : undefined;
    }
    let dslOp = BINARY[op];
    if (dslOp === undefined) return problem(Code.Unsupported, n.operatorToken, Message.unsupported(`The operator \`${n.operatorToken.getText()}\``));
    if (dslOp === "&&" || dslOp === "||") {
      for (const side of [n.left, n.right]) {
        if (!isBooleanish(side)) return problem(Code.NonBooleanLogic, side, Message.nonBooleanLogic(dslOp, side.getText()));
      }
    }
    if (dslOp === "+" && (isStringish(n.left) || isStringish(n.right))) {
      const l = expr(n.left);
      const r = expr(n.right);
      return l && r ? { k: "bin", op: "concat", l: asText(l, n.left), r: asText(r, n.right) } : undefined;
    }
    const l = expr(n.left);
    const r = expr(n.right);
    return l && r ? { k: "bin", op: dslOp, l, r } : undefined;
  };

  /** A value as JavaScript turns it into text in `+` and templates: null becomes "null". */
  const asText = (e: DslExpr, source: TS.Node): DslExpr => {
    if (e.k === "lit" && typeof e.v === "string") return e;
    const t = typeOf(source);
    const canBeNull = some(t, (u) => (u.flags & (F.Null | F.Undefined | F.Any | F.Unknown)) !== 0);
    const isText = every(t, (u) => (u.flags & (F.StringLike | F.Null | F.Undefined)) !== 0);
    const isNumber = every(t, (u) => (u.flags & (F.NumberLike | F.Null | F.Undefined)) !== 0);
    // Whole numbers print as JavaScript prints them ("7", not Spark's "7.0" for a double).
    const text = isText
      ? e
      : isNumber
        ? when(call("and", call("==", e, call("floor", e)), call("<", call("abs", e), lit(9.2e18))), call("string", call("bigint", e)), call("string", e))
        : call("string", e);
    return canBeNull ? call("coalesce", text, lit("null")) : text;
  };

  const template = (n: TS.TemplateExpression): DslExpr | undefined => {
    const parts: DslExpr[] = [];
    if (n.head.text) parts.push({ k: "lit", v: n.head.text });
    for (const span of n.templateSpans) {
      const e = expr(span.expression);
      if (!e) return undefined;
      parts.push(asText(e, span.expression));
      if (span.literal.text) parts.push({ k: "lit", v: span.literal.text });
    }
    return parts.reduce((a, b) => ({ k: "bin", op: "concat", l: a, r: b }));
  };

  const args = (n: TS.CallExpression, name: string, min: number, max: number): DslExpr[] | undefined => {
    if (n.arguments.length < min || n.arguments.length > max) {
      return problem(Code.BadArguments, n, Message.badArguments(name, min === max ? `${min} argument(s)` : `${min} to ${max} arguments`));
    }
    const out: DslExpr[] = [];
    for (const a of n.arguments) {
      if (ts.isSpreadElement(a)) return problem(Code.Unsupported, a, Message.unsupported("A spread argument"));
      const e = expr(a);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  };

  const callExpr = (n: TS.CallExpression, top: boolean): DslExpr | undefined => {
    if (n.questionDotToken) return optionalChain(n);
    const tag = dslTagOfCall(ts, checker, n);
    if (tag?.role === "pin") {
      const arg = n.arguments[0];
      if (n.arguments.length !== 1 || !arg) return problem(Code.BadArguments, n, Message.badArguments("pin", "exactly one value"));
      const row = readsRow(arg);
      if (row) return problem(Code.PinReadsRow, row, Message.pinReadsRow(row.text));
      pins.push(arg);
      return { k: "pin", i: pins.length - 1 };
    }
    if (tag?.role === "aggregate") {
      const name = n.expression.getText();
      if (kind !== "agg") return problem(Code.AggregateOutsideAgg, n, Message.aggregateOutsideAgg(name));
      if (aggregateDepth > 0) return problem(Code.NestedAggregate, n, Message.nestedAggregate(name));
      aggregateDepth++;
      try {
        if (tag.name === "count") {
          const a = args(n, name, 0, 1);
          return a && call("count", a[0] ?? { k: "lit", v: 1 });
        }
        const a = args(n, name, 1, 1);
        if (!a) return undefined;
        if (tag.name === "countDistinct") return { k: "call", fn: "count", args: a, distinct: true };
        if (tag.name === "sum") return asDouble(call("sum", a[0]!));
        return call(tag.name, a[0]!);
      } finally {
        aggregateDepth--;
      }
    }
    if (tag?.role === "sort") {
      const name = n.expression.getText();
      if (kind !== "orderBy" || !top) return problem(Code.SortOutsideOrderBy, n, Message.sortOutsideOrderBy(name));
      const a = args(n, name, 1, 1);
      return a && { k: "sort", dir: tag.dir, e: a[0]! };
    }
    const callee = n.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const target = callee.expression;
      // [a, b].includes(x) and pin(list).includes(x): SQL IN.
      if (method === "includes" && (ts.isArrayLiteralExpression(target) || (ts.isCallExpression(target) && dslTagOfCall(ts, checker, target)?.role === "pin"))) {
        const [x] = args(n, "includes", 1, 1) ?? [];
        if (!x) return undefined;
        if (ts.isArrayLiteralExpression(target)) {
          const items: DslExpr[] = [];
          for (const el of target.elements) {
            const e = ts.isSpreadElement(el) ? problem(Code.Unsupported, el, Message.unsupported("A spread element")) : expr(el);
            if (!e) return undefined;
            items.push(e);
          }
          return { k: "in", e: x, list: items };
        }
        const pinned = expr(target);
        return pinned && pinned.k === "pin" ? { k: "in", e: x, list: { pin: pinned.i } } : undefined;
      }
      if (ts.isIdentifier(target) && target.text === "Math" && checker.getSymbolAtLocation(target)?.getName() === "Math") {
        const m = MATH[method];
        if (!m) return unknownCall(n, `Math.${method}`);
        const a = args(n, `Math.${method}`, m.args[0], m.args[1]);
        return a && m.build(a);
      }
      const sm = STRING_METHODS[method];
      if (sm && isStringish(target)) {
        const recv = expr(target);
        const a = args(n, method, sm.args, sm.args);
        return recv && a ? sm.build(recv, a) : undefined;
      }
    }
    // list.includes(x) on a runtime list: pin the list.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "includes" && !readsRow(callee.expression) && pinnable(typeOf(callee.expression)) === "yes") {
      return problem(Code.FreeVariable, callee.expression, Message.freeVariable(callee.expression.getText(), `pin(${callee.expression.getText()})${n.getText().slice(callee.expression.getEnd() - n.getStart())}`));
    }
    return unknownCall(n, callee.getText());
  };

  const body = fn.body as TS.Expression;
  let result: DslBody | undefined;
  let inner = body;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (kind === "fields" || kind === "agg") {
    if (!ts.isObjectLiteralExpression(inner)) {
      problem(Code.BadShape, body, Message.badShape("an object literal of columns, e.g. `e => ({ name: e.name, total: e.a + e.b })`"));
    } else {
      const fields: [string, DslExpr][] = [];
      for (const p of inner.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          const e = expr(p.initializer);
          if (e) fields.push([p.name.text, e]);
        } else if (ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression) && rowIndex(p.expression) >= 0) {
          problem(Code.WholeRow, p, Message.wholeRow(p.expression.text));
        } else {
          problem(Code.BadShape, p, Message.badShape("named fields `name: expression` (no shorthand, spread, methods or computed names)"));
        }
      }
      result = { k: "fields", fields };
    }
  } else if (kind === "orderBy") {
    if (ts.isArrayLiteralExpression(inner)) {
      const items: DslExpr[] = [];
      for (const el of inner.elements) {
        const e = ts.isSpreadElement(el) ? problem(Code.Unsupported, el, Message.unsupported("A spread element")) : expr(el, true);
        if (e) items.push(e);
      }
      result = { k: "list", items };
    } else {
      const e = expr(inner, true);
      if (e) result = { k: "list", items: [e] };
    }
  } else {
    if ((kind === "filter" || kind === "join") && !isBooleanish(inner)) {
      problem(Code.BadShape, body, Message.badShape("a boolean condition, e.g. `e => e.amount > 100`"));
    }
    const e = expr(inner);
    if (e) result = { k: "expr", e };
  }
  return { body: problems.length === 0 ? result : undefined, pins, problems };
}
