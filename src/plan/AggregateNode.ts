import type { ExprNode } from "../expr/ExprNode.js";
import type { LiteralValue } from "../expr/LiteralNode.js";
import type { PlanNode } from "./PlanNode.js";

/** How rows are grouped. */
export type Grouping =
  | { readonly type: "groupBy" | "rollup" | "cube" }
  | { readonly type: "pivot"; readonly column: ExprNode; readonly values: readonly LiteralValue[] | undefined }
  | { readonly type: "groupingSets"; readonly sets: readonly (readonly ExprNode[])[] };

/** An aggregation: grouping expressions, the grouping kind, and aggregate expressions. */
export interface AggregateNode {
  readonly kind: "Aggregate";
  readonly input: PlanNode;
  readonly grouping: Grouping;
  readonly groupBy: readonly ExprNode[];
  readonly aggregates: readonly ExprNode[];
}

export const AggregateNode = Object.freeze({
  create(input: PlanNode, groupBy: readonly ExprNode[], aggregates: readonly ExprNode[], grouping: Grouping = { type: "groupBy" }): AggregateNode {
    return Object.freeze({
      kind: "Aggregate",
      input,
      grouping,
      groupBy: Object.freeze([...groupBy]),
      aggregates: Object.freeze([...aggregates]),
    });
  },
});
