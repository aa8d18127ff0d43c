import type { ExprNode } from "./ExprNode.js";

/** `(x, y) -> body` for higher-order functions (transform, filter, aggregate, ...). */
export interface LambdaNode {
  readonly kind: "Lambda";
  readonly params: readonly string[];
  readonly body: ExprNode;
}

/** A lambda parameter inside the body. */
export interface LambdaVarNode {
  readonly kind: "LambdaVar";
  readonly name: string;
}

export const LambdaNode = Object.freeze({
  create(params: readonly string[], body: ExprNode): LambdaNode {
    return Object.freeze({ kind: "Lambda", params: Object.freeze([...params]), body });
  },
  variable(name: string): LambdaVarNode {
    return Object.freeze({ kind: "LambdaVar", name });
  },
});
