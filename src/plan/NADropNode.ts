import type { PlanNode } from "./PlanNode.js";

/** Rows with nulls dropped (`minNonNulls` non-null values required). */
export interface NADropNode {
  readonly kind: "NADrop";
  readonly input: PlanNode;
  readonly columns: readonly string[];
  readonly minNonNulls: number | undefined;
}

export const NADropNode = Object.freeze({
  create(input: PlanNode, columns: readonly string[], minNonNulls: number | undefined): NADropNode {
    return Object.freeze({ kind: "NADrop", input, columns, minNonNulls });
  },
});
