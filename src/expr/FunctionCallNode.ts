import type { ExprNode } from "./ExprNode.js";
import type { SubqueryInfo } from "./SubqueryNode.js";

/**
 * A call of one of Spark's functions by name, e.g. `count(1)`. With `subquery` it is a
 * subquery expression over another DataFrame's plan instead (see SubqueryNode.ts): `name`
 * then only labels it for display, and `args` are the values of an IN subquery.
 */
export interface FunctionCallNode {
  readonly kind: "FunctionCall";
  readonly name: string;
  readonly args: readonly ExprNode[];
  readonly distinct: boolean;
  readonly subquery?: SubqueryInfo;
}

export const FunctionCallNode = Object.freeze({
  create(name: string, args: readonly ExprNode[], distinct = false): FunctionCallNode {
    return Object.freeze({ kind: "FunctionCall", name, args: Object.freeze([...args]), distinct });
  },
});
