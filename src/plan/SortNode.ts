import type { PlanNode } from "./PlanNode.js";
import type { SortOrderNode } from "../expr/SortOrderNode.js";

/** Rows ordered globally (orderBy) or within partitions (sortWithinPartitions). */
export interface SortNode {
  readonly kind: "Sort";
  readonly input: PlanNode;
  readonly orders: readonly SortOrderNode[];
  readonly global: boolean;
}

export const SortNode = Object.freeze({
  create(input: PlanNode, orders: readonly SortOrderNode[], global: boolean): SortNode {
    return Object.freeze({ kind: "Sort", input, orders, global });
  },
});
