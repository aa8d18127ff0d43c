import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** Wide to long: `values` columns into (variable, value) rows. */
export interface UnpivotNode {
  readonly kind: "Unpivot";
  readonly input: PlanNode;
  readonly ids: readonly ExprNode[];
  readonly values: readonly ExprNode[] | undefined;
  readonly variableColumn: string;
  readonly valueColumn: string;
}

export const UnpivotNode = Object.freeze({
  create(input: PlanNode, ids: readonly ExprNode[], values: readonly ExprNode[] | undefined, variableColumn: string, valueColumn: string): UnpivotNode {
    return Object.freeze({ kind: "Unpivot", input, ids, values, variableColumn, valueColumn });
  },
});
