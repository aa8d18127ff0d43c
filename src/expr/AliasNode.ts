import type { ExprNode } from "./ExprNode.js";

/** An expression given an output name (`expr AS name`), or several for multi-output generators. */
export interface AliasNode {
  readonly kind: "Alias";
  readonly expr: ExprNode;
  readonly names: readonly string[];
  readonly metadata: string | undefined;
}

export const AliasNode = Object.freeze({
  create(expr: ExprNode, name: string | readonly string[], metadata?: string): AliasNode {
    return Object.freeze({ kind: "Alias", expr, names: Object.freeze(typeof name === "string" ? [name] : [...name]), metadata });
  },
});
