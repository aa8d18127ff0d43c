import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/**
 * Hash (or range, with sort orders) partitioning by expressions. With `byId` the one
 * expression is each row's partition number, used as it is (`repartitionById`).
 */
export interface RepartitionByExpressionNode {
  readonly kind: "RepartitionByExpression";
  readonly input: PlanNode;
  readonly exprs: readonly ExprNode[];
  readonly partitions: number | undefined;
  readonly byId?: boolean;
}

export const RepartitionByExpressionNode = Object.freeze({
  create(input: PlanNode, exprs: readonly ExprNode[], partitions: number | undefined, byId?: boolean): RepartitionByExpressionNode {
    return Object.freeze(byId ? { kind: "RepartitionByExpression", input, exprs, partitions, byId } : { kind: "RepartitionByExpression", input, exprs, partitions });
  },
});
