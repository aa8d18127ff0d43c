import type { ExprNode } from "../expr/ExprNode.js";

/** A table-valued function called by name (`explode`, `stack`, `sql_keywords`, ...), resolved by Spark. */
export interface TableValuedFunctionNode {
  readonly kind: "TableValuedFunction";
  readonly name: string;
  readonly args: readonly ExprNode[];
}

export const TableValuedFunctionNode = Object.freeze({
  create(name: string, args: readonly ExprNode[]): TableValuedFunctionNode {
    return Object.freeze({ kind: "TableValuedFunction", name, args: Object.freeze([...args]) });
  },
});
