import type { DataType } from "../types/DataType.js";
import type { ExprNode } from "./ExprNode.js";

/**
 * `CAST(expr AS type)`, the type as Spark's DDL string (`"int"`, `"decimal(10,2)"`); `try`
 * gives TRY_CAST. With `dataType` the type was given as a DataType object: it is sent as
 * the protocol's DataType, and `type` is its DDL text (for display).
 */
export interface CastNode {
  readonly kind: "Cast";
  readonly expr: ExprNode;
  readonly type: string;
  readonly mode: "default" | "try";
  readonly dataType?: DataType;
}

export const CastNode = Object.freeze({
  create(expr: ExprNode, type: string, mode: "default" | "try" = "default", dataType?: DataType): CastNode {
    return Object.freeze(dataType === undefined ? { kind: "Cast", expr, type, mode } : { kind: "Cast", expr, type, mode, dataType });
  },
});
