import type { ExprNode } from "./ExprNode.js";

/** A call of one of Spark's functions by name, e.g. `count(1)`. */
export interface FunctionCallNode {
  readonly kind: "FunctionCall";
  readonly name: string;
  readonly args: readonly ExprNode[];
  readonly distinct: boolean;
}

export const FunctionCallNode = Object.freeze({
  create(name: string, args: readonly ExprNode[], distinct = false): FunctionCallNode {
    return Object.freeze({ kind: "FunctionCall", name, args: Object.freeze([...args]), distinct });
  },
});
