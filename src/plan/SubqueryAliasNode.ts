import type { PlanNode } from "./PlanNode.js";

/** The input under an alias (`df.alias("a")`). */
export interface SubqueryAliasNode {
  readonly kind: "SubqueryAlias";
  readonly input: PlanNode;
  readonly alias: string;
}

export const SubqueryAliasNode = Object.freeze({
  create(input: PlanNode, alias: string): SubqueryAliasNode {
    return Object.freeze({ kind: "SubqueryAlias", input, alias });
  },
});
