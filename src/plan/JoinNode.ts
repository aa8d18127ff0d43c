import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** The kinds of join, as PySpark names them (aliases like "left_outer" are normalised before). */
export type JoinType = "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross";

/** A join of two plans on a condition or on shared column names. */
export interface JoinNode {
  readonly kind: "Join";
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly condition: ExprNode | undefined;
  readonly how: JoinType;
  readonly using: readonly string[];
}

export const JoinNode = Object.freeze({
  create(left: PlanNode, right: PlanNode, condition: ExprNode | undefined, how: JoinType, using: readonly string[]): JoinNode {
    return Object.freeze({ kind: "Join", left, right, condition, how, using });
  },
});
