import type { PlanNode } from "./PlanNode.js";

/** The first `limit` rows of the input. */
export interface LimitNode {
  readonly kind: "Limit";
  readonly input: PlanNode;
  readonly limit: number;
}

export const LimitNode = Object.freeze({
  create(input: PlanNode, limit: number): LimitNode {
    return Object.freeze({ kind: "Limit", input, limit });
  },
});
