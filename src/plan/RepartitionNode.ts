import type { PlanNode } from "./PlanNode.js";

/** `repartition(n)` (shuffle) or `coalesce(n)` (no shuffle). */
export interface RepartitionNode {
  readonly kind: "Repartition";
  readonly input: PlanNode;
  readonly partitions: number;
  readonly shuffle: boolean;
}

export const RepartitionNode = Object.freeze({
  create(input: PlanNode, partitions: number, shuffle: boolean): RepartitionNode {
    return Object.freeze({ kind: "Repartition", input, partitions, shuffle });
  },
});
