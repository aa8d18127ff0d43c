// What the analysis of one query lambda shares between its parts: the checker, the row
// parameters, the problems and pins found so far, and the questions every part asks
// (which row an identifier is, what JavaScript type a node has, how to suggest pin()).
import type * as TS from "typescript";
import type { DslBaseType, DslExpr, DslType } from "../../src/dsl/ir.js";
import { Code, type DslProblem, Message } from "../diagnostics.js";
import type { LambdaKind } from "../recognize.js";

/** The range of Spark's LONG, where bigint literals go. */
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** How deep a query expression may nest (each level is a few nested messages of the plan sent to Spark). */
export const MAX_DEPTH = 200;

export class Context {
  readonly problems: DslProblem[] = [];
  readonly pins: TS.Expression[] = [];
  readonly F: typeof TS.TypeFlags;
  /** Depth inside aggregate calls (agg lambdas). */
  aggregateDepth = 0;
  /** Depth inside the value of over(value, window), where aggregates and window functions are allowed. */
  windowDepth = 0;
  /** Inside the orderBy list of a window, where sort keys are allowed. */
  inWindowOrder = false;
  /** Column names an agg lambda may read outside aggregates (its grouping keys), when the checker knows them. */
  groupingKeys: ReadonlySet<string> | undefined;
  /** Translates one expression (set by expressions.ts, used by calls.ts). */
  expr!: (n: TS.Expression, top?: boolean) => DslExpr | undefined;

  constructor(
    readonly ts: typeof TS,
    readonly checker: TS.TypeChecker,
    readonly kind: LambdaKind,
    /** The lambda. */
    readonly fn: TS.ArrowFunction | TS.FunctionExpression,
    /** The symbols of its row parameters. */
    readonly params: readonly TS.Symbol[],
  ) {
    this.F = ts.TypeFlags;
  }

  /** Records a problem; returns undefined so callers can `return cx.problem(...)`. */
  problem(code: number, at: TS.Node, message: string): undefined {
    this.problems.push({ code, node: at, message });
    return undefined;
  }

  /** The row parameter an identifier names (0, 1), or -1. */
  rowIndex(id: TS.Identifier): number {
    const sym = this.checker.getSymbolAtLocation(id);
    return sym ? this.params.indexOf(sym) : -1;
  }

  /** The first identifier in `n` that names a row parameter. */
  readsRow(n: TS.Node): TS.Identifier | undefined {
    if (this.ts.isIdentifier(n) && this.rowIndex(n) >= 0) return n;
    return this.ts.forEachChild(n, (c) => this.readsRow(c));
  }

  typeOf(n: TS.Node): TS.Type {
    return this.checker.getTypeAtLocation(n);
  }

  /** Whether every member of a (union) type passes. */
  every(t: TS.Type, test: (t: TS.Type) => boolean): boolean {
    return t.isUnion() ? t.types.every((u) => this.every(u, test)) : test(t);
  }

  /** Whether some member of a (union) type passes. */
  some(t: TS.Type, test: (t: TS.Type) => boolean): boolean {
    return t.isUnion() ? t.types.some((u) => this.some(u, test)) : test(t);
  }

  isStringish(n: TS.Node): boolean {
    return this.some(this.typeOf(n), (t) => (t.flags & this.F.StringLike) !== 0);
  }

  isBooleanish(n: TS.Node): boolean {
    const F = this.F;
    return this.every(this.typeOf(n), (t) => (t.flags & (F.BooleanLike | F.Null | F.Undefined | F.Never | F.Any)) !== 0);
  }

  /** Whether an object type is a Date (a Date, or a class extending it such as SparkTimestamp). */
  private isDate(t: TS.Type): boolean {
    return t.getProperty("getTime") !== undefined && t.getProperty("getUTCFullYear") !== undefined && t.getProperty("toISOString") !== undefined;
  }

  /** The JavaScript type of a checker type, as the IR states it. */
  dslTypeOfType(t: TS.Type): DslType {
    const F = this.F;
    let nullable = false;
    const bases = new Set<DslBaseType>();
    const visit = (u: TS.Type): void => {
      if (u.isUnion()) return u.types.forEach(visit);
      if (u.flags & (F.Null | F.Undefined | F.Void)) nullable = true;
      else if (u.flags & (F.Any | F.Unknown)) {
        bases.add("unknown");
        nullable = true;
      } else if (u.flags & F.NumberLike) bases.add("number");
      else if (u.flags & F.BigIntLike) bases.add("bigint");
      else if (u.flags & F.StringLike) bases.add("string");
      else if (u.flags & F.BooleanLike) bases.add("boolean");
      else if (u.flags & F.Never) return;
      else if (this.checker.isArrayType(u) || this.checker.isTupleType(u)) bases.add("array");
      else if (this.isDate(u)) bases.add("date");
      else if ((u.aliasSymbol ?? u.getSymbol())?.getName() === "Uint8Array") bases.add("binary");
      else bases.add(u.flags & F.Object ? "struct" : "unknown");
    };
    visit(t);
    if (bases.size === 0) return "null";
    const base: Exclude<DslBaseType, "null"> = bases.size === 1 ? ([...bases][0] as Exclude<DslBaseType, "null">) : "unknown";
    return nullable ? `${base}?` : base;
  }

  /** The JavaScript type of a node. */
  dslType(n: TS.Node): DslType {
    return this.dslTypeOfType(this.typeOf(n));
  }

  /** The type's base kind, without null. */
  baseType(n: TS.Node): DslBaseType {
    const t = this.dslType(n);
    return (t.endsWith("?") ? t.slice(0, -1) : t) as DslBaseType;
  }

  /** Whether an identifier names the global (lib) value rather than a local of the same name. */
  isGlobal(id: TS.Identifier): boolean {
    const decl = this.checker.getSymbolAtLocation(id)?.declarations?.[0];
    return decl === undefined || decl.getSourceFile().isDeclarationFile;
  }

  /** The text of the smallest enclosing comparison/arithmetic, with `n` pinned (as `inner`): the suggested fix. */
  pinFix(n: TS.Expression, inner = n.getText()): string {
    const ts = this.ts;
    let top: TS.Node = n;
    while (top !== this.fn.body && top.parent && !ts.isBinaryExpression(top)) top = top.parent;
    if (!ts.isBinaryExpression(top)) top = n;
    const text = top.getText();
    const at = n.getStart() - top.getStart();
    return text.slice(0, at) + `pin(${inner})` + text.slice(at + n.getText().length);
  }

  /**
   * Whether pin() accepts a value of this type (its parameter is `T extends Pinnable`):
   * "undefined" when it would once undefined is replaced by null.
   */
  pinnable(t: TS.Type): "yes" | "undefined" | "no" {
    const F = this.F;
    let result: "yes" | "undefined" | "no" = "yes";
    const worst = (r: "yes" | "undefined" | "no") => {
      if (r === "no" || (r === "undefined" && result === "yes")) result = r;
    };
    const visit = (u: TS.Type, inCollection: boolean): void => {
      if (u.isUnion()) return u.types.forEach((x) => visit(x, inCollection));
      if (u.flags & F.Any) return;
      if (u.flags & (F.Null | F.StringLike | F.NumberLike | F.BigIntLike | F.BooleanLike)) return;
      if (u.flags & (F.Undefined | F.Void)) return worst(inCollection ? "no" : "undefined");
      if (this.checker.isArrayType(u) || this.checker.isTupleType(u)) {
        return this.checker.getTypeArguments(u as TS.TypeReference).forEach((x) => visit(x, true));
      }
      const name = (u.aliasSymbol ?? u.getSymbol())?.getName();
      if (name === "Date" || name === "SparkTimestamp" || name === "Uint8Array" || name === "Column") return;
      if (!inCollection && (name === "Set" || name === "ReadonlySet")) {
        return this.checker.getTypeArguments(u as TS.TypeReference).forEach((x) => visit(x, true));
      }
      worst("no");
    };
    visit(t, false);
    return result;
  }

  /** The problem of a runtime value `n` in a lambda: pin it, with a fix that type-checks, or say why not. */
  freeValue(n: TS.Expression, at: TS.Node = n): undefined {
    const t = this.typeOf(n);
    const p = this.pinnable(t);
    if (p === "no") return this.problem(Code.FreeVariable, at, Message.notPinnable(n.getText(), this.checker.typeToString(t)));
    return this.problem(Code.FreeVariable, at, Message.freeVariable(n.getText(), this.pinFix(n, p === "undefined" ? `${n.getText()} ?? null` : n.getText())));
  }

  /** A finite number literal, or a problem naming the fix. */
  number(v: number, at: TS.Node): DslExpr | undefined {
    if (Number.isFinite(v)) return { k: "lit", v };
    const inf = v < 0 ? "-Infinity" : "Infinity";
    return this.problem(Code.NonFiniteNumber, at, Message.nonFiniteNumber(at.getText(), v, `Write \`${inf}\` instead, or a finite number.`));
  }

  /** A bigint literal within LONG's range, or a problem. */
  bigint(v: bigint, at: TS.Node): DslExpr | undefined {
    return v < LONG_MIN || v > LONG_MAX ? this.problem(Code.BigIntOutOfRange, at, Message.bigIntOutOfRange(at.getText())) : { k: "lit", v: { bigint: v.toString() } };
  }

  /**
   * A value fixed at compile time, inlined as a literal: a const of a literal type (also
   * imported), an enum member. Undefined when `n` is not one; a problem when it is one
   * that cannot be a literal (a non-finite number, a bigint beyond LONG).
   */
  constLiteral(n: TS.Expression): DslExpr | undefined {
    const ts = this.ts;
    const F = this.F;
    let sym = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(n) ? n.name : n);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    const decl = sym?.valueDeclaration;
    if (!decl) return undefined;
    const isConst = ts.isVariableDeclaration(decl) && (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
    const isEnumMember = ts.isEnumMember(decl);
    if (!isConst && !isEnumMember) return undefined;
    const t = this.typeOf(n);
    if (t.isStringLiteral()) return { k: "lit", v: t.value };
    if (t.isNumberLiteral()) {
      if (Number.isFinite(t.value)) return { k: "lit", v: t.value };
      const inf = t.value < 0 ? "-Infinity" : "Infinity";
      return this.problem(Code.NonFiniteNumber, n, Message.nonFiniteNumber(n.getText(), t.value, `Write \`${inf}\`, pin it (\`${this.pinFix(n)}\`), or use a finite number.`));
    }
    if (t.flags & F.BooleanLiteral) return { k: "lit", v: this.checker.typeToString(t) === "true" };
    if (t.flags & F.BigIntLiteral) {
      const v = (t as TS.BigIntLiteralType).value;
      return this.bigint(BigInt((v.negative ? "-" : "") + v.base10Value), n);
    }
    return undefined;
  }

  /** Whether `n` is a compile-time value constLiteral inlines (or reports). */
  isConstLiteral(n: TS.Expression): boolean {
    const before = this.problems.length;
    const e = this.constLiteral(n);
    const reported = this.problems.length > before;
    this.problems.length = before;
    return e !== undefined || reported;
  }

  leftmostIdentifier(n: TS.Node): TS.Identifier | undefined {
    const ts = this.ts;
    let cur: TS.Node = n;
    while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur) || ts.isCallExpression(cur)) cur = cur.expression;
    return ts.isIdentifier(cur) ? cur : undefined;
  }

  /** The arguments of a call, translated, or a problem when their number is off. */
  args(n: TS.CallExpression, name: string, min: number, max: number): DslExpr[] | undefined {
    if (n.arguments.length < min || n.arguments.length > max) {
      return this.problem(Code.BadArguments, n, Message.badArguments(name, min === max ? `${min} argument(s)` : `${min} to ${max} arguments`));
    }
    const out: DslExpr[] = [];
    for (const a of n.arguments) {
      if (this.ts.isSpreadElement(a)) return this.problem(Code.Unsupported, a, Message.unsupported("A spread argument"));
      const e = this.expr(a);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  }
}
