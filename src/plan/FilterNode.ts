import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** The rows of `input` where `condition` holds. */
export interface FilterNode {
  readonly kind: "Filter";
  readonly input: PlanNode;
  readonly condition: ExprNode;
}

export const FilterNode = Object.freeze({
  create(input: PlanNode, condition: ExprNode): FilterNode {
    return Object.freeze({ kind: "Filter", input, condition });
  },
});
