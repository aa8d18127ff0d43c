import type { ExprNode } from "./ExprNode.js";

/** `expr[key]` / `expr.field`: an array element, map value or struct field. */
export interface ExtractNode {
  readonly kind: "Extract";
  readonly expr: ExprNode;
  readonly key: ExprNode;
}

export const ExtractNode = Object.freeze({
  create(expr: ExprNode, key: ExprNode): ExtractNode {
    return Object.freeze({ kind: "Extract", expr, key });
  },
});
