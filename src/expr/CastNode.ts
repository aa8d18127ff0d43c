import type { ExprNode } from "./ExprNode.js";

/** `CAST(expr AS type)`, the type as Spark's DDL string (`"int"`, `"decimal(10,2)"`); `try` gives TRY_CAST. */
export interface CastNode {
  readonly kind: "Cast";
  readonly expr: ExprNode;
  readonly type: string;
  readonly mode: "default" | "try";
}

export const CastNode = Object.freeze({
  create(expr: ExprNode, type: string, mode: "default" | "try" = "default"): CastNode {
    return Object.freeze({ kind: "Cast", expr, type, mode });
  },
});
