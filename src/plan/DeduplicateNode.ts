import type { PlanNode } from "./PlanNode.js";

/** Distinct rows, by all columns or by `columns`. */
export interface DeduplicateNode {
  readonly kind: "Deduplicate";
  readonly input: PlanNode;
  readonly columns: readonly string[] | undefined;
}

export const DeduplicateNode = Object.freeze({
  create(input: PlanNode, columns: readonly string[] | undefined): DeduplicateNode {
    return Object.freeze({ kind: "Deduplicate", input, columns });
  },
});
