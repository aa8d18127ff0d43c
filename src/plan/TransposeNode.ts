import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** Rows turned into columns: the index column's values become the column names. */
export interface TransposeNode {
  readonly kind: "Transpose";
  readonly input: PlanNode;
  readonly indexColumns: readonly ExprNode[];
}

export const TransposeNode = Object.freeze({
  create(input: PlanNode, indexColumns: readonly ExprNode[]): TransposeNode {
    return Object.freeze({ kind: "Transpose", input, indexColumns: Object.freeze([...indexColumns]) });
  },
});
