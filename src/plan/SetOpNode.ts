import type { PlanNode } from "./PlanNode.js";

/** UNION / INTERSECT / EXCEPT of two plans. */
export interface SetOpNode {
  readonly kind: "SetOp";
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly op: "union" | "intersect" | "except";
  readonly all: boolean;
  /**
   * Whether the columns are matched by name (else by position). The protocol has this for
   * UNION only: an intersect or except by name is sent with its right side aligned to the
   * left side's columns by a union by name (see encodeRelation).
   */
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
  /** The DataFrame method that made it, named in the hint added to an error about mismatched column names. */
  readonly method: string;
}

export const SetOpNode = Object.freeze({
  create(
    left: PlanNode,
    right: PlanNode,
    op: "union" | "intersect" | "except",
    all: boolean,
    byName: boolean,
    allowMissingColumns: boolean,
    method: string,
  ): SetOpNode {
    return Object.freeze({ kind: "SetOp", left, right, op, all, byName, allowMissingColumns, method });
  },
});
