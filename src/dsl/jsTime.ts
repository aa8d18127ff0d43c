import type { ExprNode } from "../expr/ExprNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";

/** The JavaScript getTime() (ms since the epoch, as a LONG) of a DATE, TIMESTAMP or TIMESTAMP_NTZ expression. */
export function jsTime(x: ExprNode): ExprNode {
  return FunctionCallNode.create("unix_millis", [FunctionCallNode.create("timestamp", [x])]);
}
