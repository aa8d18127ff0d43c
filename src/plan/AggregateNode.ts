import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** A group-by aggregation (no grouping expressions: one row over the whole input). */
export interface AggregateNode {
  readonly kind: "Aggregate";
  readonly input: PlanNode;
  readonly groupBy: readonly ExprNode[];
  readonly aggregates: readonly ExprNode[];
}

export const AggregateNode = Object.freeze({
  create(input: PlanNode, groupBy: readonly ExprNode[], aggregates: readonly ExprNode[]): AggregateNode {
    return Object.freeze({ kind: "Aggregate", input, groupBy: Object.freeze([...groupBy]), aggregates: Object.freeze([...aggregates]) });
  },
});
