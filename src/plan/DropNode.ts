import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** The input without some columns. */
export interface DropNode {
  readonly kind: "Drop";
  readonly input: PlanNode;
  readonly columns: readonly ExprNode[];
  readonly names: readonly string[];
}

export const DropNode = Object.freeze({
  create(input: PlanNode, columns: readonly ExprNode[], names: readonly string[]): DropNode {
    return Object.freeze({ kind: "Drop", input, columns, names });
  },
});
