import type { ExprNode } from "./ExprNode.js";

/** An expression given an output name (`expr AS name`). */
export interface AliasNode {
  readonly kind: "Alias";
  readonly expr: ExprNode;
  readonly name: string;
}

export const AliasNode = Object.freeze({
  create(expr: ExprNode, name: string): AliasNode {
    return Object.freeze({ kind: "Alias", expr, name });
  },
});
