import type { PlanNode } from "../plan/PlanNode.js";
import type { ExprNode } from "./ExprNode.js";
import type { FunctionCallNode } from "./FunctionCallNode.js";
import type { SortOrderNode } from "./SortOrderNode.js";

/** The kinds of subquery expression of the protocol (Spark 4.0 and later; IN since 4.1). */
export type SubqueryType = "scalar" | "exists" | "in" | "table_arg";

/** How a DataFrame passed as a table argument is partitioned and ordered. */
export interface TableArgOptions {
  readonly partitionBy: readonly ExprNode[];
  readonly orderBy: readonly SortOrderNode[];
  readonly withSinglePartition: boolean | undefined;
}

/** What makes a function-call node a subquery: the plan it reads, and how. */
export interface SubqueryInfo {
  readonly plan: PlanNode;
  readonly type: SubqueryType;
  readonly tableArg?: TableArgOptions;
}

const LABELS: Record<SubqueryType, string> = { scalar: "scalar_subquery", exists: "exists", in: "in", table_arg: "table" };

/**
 * A subquery expression over `plan`. It is a FunctionCall node carrying the subquery, so
 * that code walking expressions by kind shows it as a call (`exists()`, `(x IN ())`);
 * the encoder sends it as the protocol's SubqueryExpression and the plan as a reference of
 * the relation using it (WithRelations), as PySpark Connect does.
 */
export const SubqueryNode = Object.freeze({
  create(plan: PlanNode, type: SubqueryType, values: readonly ExprNode[] = [], tableArg?: TableArgOptions): FunctionCallNode {
    const subquery: SubqueryInfo = Object.freeze(tableArg === undefined ? { plan, type } : { plan, type, tableArg });
    return Object.freeze({ kind: "FunctionCall", name: LABELS[type], args: Object.freeze([...values]), distinct: false, subquery });
  },
});
