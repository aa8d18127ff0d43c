import type { PlanNode } from "./PlanNode.js";

/** Nulls replaced by values (per column or for all of a type). */
export interface NAFillNode {
  readonly kind: "NAFill";
  readonly input: PlanNode;
  readonly columns: readonly string[];
  readonly values: readonly (boolean | number | bigint | string)[];
}

export const NAFillNode = Object.freeze({
  create(input: PlanNode, columns: readonly string[], values: readonly (boolean | number | bigint | string)[]): NAFillNode {
    return Object.freeze({ kind: "NAFill", input, columns, values });
  },
});
