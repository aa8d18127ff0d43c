import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** The join types a lateral join accepts. */
export type LateralJoinType = "inner" | "left" | "cross";

/** A lateral join: the right side may refer to the left side's columns (with `outer()`). */
export interface LateralJoinNode {
  readonly kind: "LateralJoin";
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly condition: ExprNode | undefined;
  readonly how: LateralJoinType;
}

export const LateralJoinNode = Object.freeze({
  create(left: PlanNode, right: PlanNode, condition: ExprNode | undefined, how: LateralJoinType): LateralJoinNode {
    return Object.freeze({ kind: "LateralJoin", left, right, condition, how });
  },
});
