import type { PlanNode } from "./PlanNode.js";

/** The input with its columns renamed positionally. */
export interface ToDFNode {
  readonly kind: "ToDF";
  readonly input: PlanNode;
  readonly names: readonly string[];
}

export const ToDFNode = Object.freeze({
  create(input: PlanNode, names: readonly string[]): ToDFNode {
    return Object.freeze({ kind: "ToDF", input, names });
  },
});
