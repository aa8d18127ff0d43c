import type { PlanNode } from "./PlanNode.js";

/** The last `limit` rows. */
export interface TailNode {
  readonly kind: "Tail";
  readonly input: PlanNode;
  readonly limit: number;
}

export const TailNode = Object.freeze({
  create(input: PlanNode, limit: number): TailNode {
    return Object.freeze({ kind: "Tail", input, limit });
  },
});
