import type { PlanNode } from "./PlanNode.js";

/** UNION / INTERSECT / EXCEPT of two plans. */
export interface SetOpNode {
  readonly kind: "SetOp";
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly op: "union" | "intersect" | "except";
  readonly all: boolean;
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
}

export const SetOpNode = Object.freeze({
  create(left: PlanNode, right: PlanNode, op: "union" | "intersect" | "except", all: boolean, byName: boolean, allowMissingColumns: boolean): SetOpNode {
    return Object.freeze({ kind: "SetOp", left, right, op, all, byName, allowMissingColumns });
  },
});
