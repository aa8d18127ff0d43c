import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** Hash (or range, with sort orders) partitioning by expressions. */
export interface RepartitionByExpressionNode {
  readonly kind: "RepartitionByExpression";
  readonly input: PlanNode;
  readonly exprs: readonly ExprNode[];
  readonly partitions: number | undefined;
}

export const RepartitionByExpressionNode = Object.freeze({
  create(input: PlanNode, exprs: readonly ExprNode[], partitions: number | undefined): RepartitionByExpressionNode {
    return Object.freeze({ kind: "RepartitionByExpression", input, exprs, partitions });
  },
});
