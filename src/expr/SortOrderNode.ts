import type { ExprNode } from "./ExprNode.js";

/** An ordering: expression, direction and where nulls go (Spark's default when undefined). */
export interface SortOrderNode {
  readonly kind: "SortOrder";
  readonly expr: ExprNode;
  readonly direction: "asc" | "desc";
  readonly nulls: "first" | "last" | undefined;
}

export const SortOrderNode = Object.freeze({
  create(expr: ExprNode, direction: "asc" | "desc", nulls?: "first" | "last"): SortOrderNode {
    return Object.freeze({ kind: "SortOrder", expr, direction, nulls });
  },
});
