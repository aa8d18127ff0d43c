import type { PlanNode } from "./PlanNode.js";

/** Rows after the first `offset`. */
export interface OffsetNode {
  readonly kind: "Offset";
  readonly input: PlanNode;
  readonly offset: number;
}

export const OffsetNode = Object.freeze({
  create(input: PlanNode, offset: number): OffsetNode {
    return Object.freeze({ kind: "Offset", input, offset });
  },
});
