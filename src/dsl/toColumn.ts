import { Column } from "../Column.js";
import { ColumnRefNode } from "../expr/ColumnRefNode.js";
import type { ExprNode } from "../expr/ExprNode.js";
import { ExtractNode } from "../expr/ExtractNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LiteralNode, type LiteralValue } from "../expr/LiteralNode.js";
import { SortOrderNode } from "../expr/SortOrderNode.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import type { DslBinaryOp, DslBody, DslExpr } from "./ir.js";

/** Resolves a column of one row parameter: the DataFrame it belongs to, or none (unqualified). */
export type RowSource = { readonly plan: object | undefined };

const OPS: Record<Exclude<DslBinaryOp, "!==">, string> = {
  "===": "<=>",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "&&": "and",
  "||": "or",
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  "%": "%",
  "??": "coalesce",
  concat: "concat",
};

const quote = (name: string) => "`" + name.replace(/`/g, "``") + "`";
const fn = (name: string, ...args: ExprNode[]) => FunctionCallNode.create(name, args);

/**
 * A JavaScript value as a literal. A number is a double in JavaScript: integers that fit
 * 32 bits go as INT (so integer columns stay integers), larger ones as DOUBLE rather than
 * LONG, so the result is a JS number as the lambda's type says.
 */
function literal(v: LiteralValue): ExprNode {
  const node = LiteralNode.create(v);
  if (typeof v === "number" && Number.isInteger(v) && (v > 2147483647 || v < -2147483648)) return fn("double", node);
  return node;
}

function pinned(v: unknown, i: number): ExprNode {
  if (v instanceof Column) return v.node;
  if (v === undefined) {
    throw new InvalidPlanError({ message: `pin() #${i + 1} evaluated to undefined; pin a value Spark can hold (null, a number, a string, ...).` });
  }
  return literal(v as LiteralValue);
}

const isNullLiteral = (n: ExprNode) => n.kind === "Literal" && n.value === null;

/**
 * `list.includes(x)` with JavaScript's meaning: null finds null, and the answer is never
 * null (SQL's IN gives null when x is null or when it is not found among nulls).
 */
function includes(x: ExprNode, list: readonly ExprNode[]): ExprNode {
  const hasNull = list.some(isNullLiteral);
  const values = list.filter((n) => !isNullLiteral(n));
  const found = values.length === 0 ? LiteralNode.create(false) : fn("coalesce", fn("in", x, ...values), LiteralNode.create(false));
  return fn("when", fn("isnull", x), LiteralNode.create(hasNull), found);
}

/** Turns one DSL expression into an expression node. */
function toNode(e: DslExpr, pins: readonly unknown[], rows: readonly RowSource[]): ExprNode {
  const go = (x: DslExpr) => toNode(x, pins, rows);
  switch (e.k) {
    case "col": {
      const [head, ...rest] = e.path;
      let node: ExprNode = ColumnRefNode.create(quote(head!), rows[e.row]?.plan);
      for (const field of rest) node = ExtractNode.create(node, LiteralNode.create(field));
      return node;
    }
    case "lit":
      return typeof e.v === "object" && e.v !== null ? LiteralNode.create(BigInt(e.v.bigint)) : literal(e.v);
    case "pin":
      return pinned(pins[e.i], e.i);
    case "bin":
      return e.op === "!==" ? fn("not", fn("<=>", go(e.l), go(e.r))) : fn(OPS[e.op], go(e.l), go(e.r));
    case "not":
      return fn("not", go(e.e));
    case "neg":
      return fn("negative", go(e.e));
    case "isNull":
      return fn(e.negate ? "isnotnull" : "isnull", go(e.e));
    case "cond":
      return fn("when", go(e.c), go(e.t), go(e.f));
    case "call":
      return FunctionCallNode.create(e.fn, e.args.map(go), e.distinct ?? false);
    case "in": {
      const list = Array.isArray(e.list) ? (e.list as readonly DslExpr[]).map(go) : listPin(pins, (e.list as { pin: number }).pin);
      return includes(go(e.e), list);
    }
    case "sort":
      return SortOrderNode.create(go(e.e), e.dir);
  }
}

function listPin(pins: readonly unknown[], i: number): ExprNode[] {
  const v = pins[i];
  if (!Array.isArray(v) && !(v instanceof Set)) {
    throw new InvalidPlanError({ message: `pin() #${i + 1} is used with .includes() but holds ${typeof v}; pin an array or a Set.` });
  }
  return [...(v as Iterable<unknown>)].map((x, j) => pinned(x, j));
}

/** A compiled lambda's body as one Column (where, join conditions). */
export function bodyColumn(body: DslBody, pins: readonly unknown[], rows: readonly RowSource[]): Column {
  if (body.k !== "expr") throw new InvalidPlanError({ message: "This query lambda must return a single expression." });
  return new Column(toNode(body.e, pins, rows));
}

/** A compiled lambda's body as named Columns (select, withColumns, groupBy, agg). */
export function bodyFields(body: DslBody, pins: readonly unknown[], rows: readonly RowSource[]): [string, Column][] {
  if (body.k !== "fields") throw new InvalidPlanError({ message: "This query lambda must return an object literal of columns." });
  return body.fields.map(([name, e]) => [name, new Column(toNode(e, pins, rows))]);
}

/** A compiled lambda's body as a list of Columns (orderBy). */
export function bodyList(body: DslBody, pins: readonly unknown[], rows: readonly RowSource[]): Column[] {
  const items = body.k === "list" ? body.items : body.k === "expr" ? [body.e] : undefined;
  if (items === undefined) throw new InvalidPlanError({ message: "An orderBy lambda returns a key or an array of keys." });
  return items.map((e) => new Column(toNode(e, pins, rows)));
}
