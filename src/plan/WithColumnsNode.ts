import type { AliasNode } from "../expr/AliasNode.js";
import type { PlanNode } from "./PlanNode.js";

/** Columns added or replaced. */
export interface WithColumnsNode {
  readonly kind: "WithColumns";
  readonly input: PlanNode;
  readonly columns: readonly AliasNode[];
}

export const WithColumnsNode = Object.freeze({
  create(input: PlanNode, columns: readonly AliasNode[]): WithColumnsNode {
    return Object.freeze({ kind: "WithColumns", input, columns });
  },
});
