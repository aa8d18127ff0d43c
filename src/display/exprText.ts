// Expressions and plans as short, readable text for `util.inspect`: what a user wrote,
// in SQL-like notation, without the library's internals.
import type { ExprNode } from "../expr/ExprNode.js";
import type { FrameBoundary } from "../expr/WindowNode.js";
import type { LiteralValue } from "../expr/LiteralNode.js";

const INFIX: Record<string, string> = {
  "==": "=",
  "<=>": "<=>",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  "%": "%",
  "&": "&",
  "|": "|",
  "^": "^",
  and: "AND",
  or: "OR",
  like: "LIKE",
  ilike: "ILIKE",
  rlike: "RLIKE",
};

function literalText(v: LiteralValue): string {
  if (v === null) return "NULL";
  if (typeof v === "string") return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (typeof v === "bigint") return `${v}L`;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "TIMESTAMP 'invalid'" : `TIMESTAMP '${v.toISOString()}'`;
  if (v instanceof Uint8Array) return `X'${Array.from(v.subarray(0, 32), (b) => b.toString(16).toUpperCase().padStart(2, "0")).join("")}${v.length > 32 ? "…" : ""}'`;
  return `array(${(v as readonly LiteralValue[]).map(literalText).join(", ")})`;
}

function boundText(b: FrameBoundary, upper: boolean): string {
  if (b === "currentRow") return "CURRENT ROW";
  if (b === "unbounded") return upper ? "UNBOUNDED FOLLOWING" : "UNBOUNDED PRECEDING";
  const t = exprText(b);
  return t.startsWith("-") ? `${t.slice(1)} PRECEDING` : `${t} FOLLOWING`;
}

/**
 * An expression in SQL-like notation, as Spark names columns: `(amount * 2)`,
 * `sum(amount) AS total`, `CAST(id AS string)`.
 *
 * @example
 * ```ts
 * exprText(col("amount").multiply(2).node); // "(amount * 2)"
 * ```
 */
export function exprText(node: ExprNode): string {
  // Text of a very deep expression is cut, so showing one never overflows the stack.
  if (textDepth >= MAX_TEXT_DEPTH) return "…";
  textDepth++;
  try {
    return nodeText(node);
  } finally {
    textDepth--;
  }
}

/** How deep exprText shows an expression; deeper parts read "…". */
const MAX_TEXT_DEPTH = 200;
let textDepth = 0;

function nodeText(node: ExprNode): string {
  switch (node.kind) {
    case "Literal":
      return literalText(node.value);
    case "ColumnRef":
      return node.name;
    case "Star":
      return node.target === undefined ? "*" : `${node.target}.*`;
    case "SqlExpr":
      return node.sql;
    case "Alias":
      return `${exprText(node.expr)} AS ${node.names.length === 1 ? node.names[0] : `(${node.names.join(", ")})`}`;
    case "Cast":
      return `${node.mode === "try" ? "TRY_CAST" : "CAST"}(${exprText(node.expr)} AS ${node.type})`;
    case "SortOrder":
      return `${exprText(node.expr)} ${node.direction.toUpperCase()}${node.nulls ? ` NULLS ${node.nulls.toUpperCase()}` : ""}`;
    case "Extract": {
      const key = node.key;
      if (key.kind === "Literal" && typeof key.value === "string" && /^[A-Za-z_]\w*$/.test(key.value)) return `${exprText(node.expr)}.${key.value}`;
      return `${exprText(node.expr)}[${exprText(key)}]`;
    }
    case "UpdateFields":
      return node.value === undefined
        ? `drop_fields(${exprText(node.struct)}, '${node.field}')`
        : `with_field(${exprText(node.struct)}, '${node.field}', ${exprText(node.value)})`;
    case "Lambda":
      return `${node.params.length === 1 ? node.params[0] : `(${node.params.join(", ")})`} -> ${exprText(node.body)}`;
    case "LambdaVar":
      return node.name;
    case "Window": {
      const parts: string[] = [];
      if (node.partitionBy.length > 0) parts.push(`PARTITION BY ${node.partitionBy.map(exprText).join(", ")}`);
      if (node.orderBy.length > 0) parts.push(`ORDER BY ${node.orderBy.map(exprText).join(", ")}`);
      if (node.frame) parts.push(`${node.frame.type.toUpperCase()} BETWEEN ${boundText(node.frame.lower, false)} AND ${boundText(node.frame.upper, true)}`);
      return `${exprText(node.fn)} OVER (${parts.join(" ")})`;
    }
    case "FunctionCall": {
      const args = node.args;
      const op = INFIX[node.name];
      if (op !== undefined && args.length === 2) return `(${exprText(args[0]!)} ${op} ${exprText(args[1]!)})`;
      switch (node.name) {
        case "not":
          if (args.length === 1 && args[0]!.kind === "FunctionCall" && args[0].name === "==" && args[0].args.length === 2) {
            return `(${exprText(args[0].args[0]!)} != ${exprText(args[0].args[1]!)})`;
          }
          if (args.length === 1) return `(NOT ${exprText(args[0]!)})`;
          break;
        case "negative":
          if (args.length === 1) return `(- ${exprText(args[0]!)})`;
          break;
        case "isnull":
          if (args.length === 1) return `(${exprText(args[0]!)} IS NULL)`;
          break;
        case "isnotnull":
          if (args.length === 1) return `(${exprText(args[0]!)} IS NOT NULL)`;
          break;
        case "in":
          if (args.length >= 1) return `(${exprText(args[0]!)} IN (${args.slice(1).map(exprText).join(", ")}))`;
          break;
        case "when": {
          const parts = ["CASE"];
          for (let i = 0; i + 1 < args.length; i += 2) parts.push(`WHEN ${exprText(args[i]!)} THEN ${exprText(args[i + 1]!)}`);
          if (args.length % 2 === 1) parts.push(`ELSE ${exprText(args[args.length - 1]!)}`);
          parts.push("END");
          return parts.join(" ");
        }
      }
      return `${node.name}(${node.distinct ? "DISTINCT " : ""}${args.map(exprText).join(", ")})`;
    }
  }
}

/** An expression without its outermost parentheses: `amount * 2` for `(amount * 2)`. */
export function bareExprText(node: ExprNode): string {
  const text = exprText(node);
  if (!text.startsWith("(") || !text.endsWith(")")) return text;
  // Only when the first parenthesis closes at the very end.
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0 && i < text.length - 1) return text;
  }
  return text.slice(1, -1);
}

/** Cuts a text to `max` characters with "…", on one line. */
export function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(one);
  return chars.length <= max ? one : chars.slice(0, max - 1).join("") + "…";
}
