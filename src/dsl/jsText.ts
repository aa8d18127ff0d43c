import type { ExprNode } from "../expr/ExprNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LiteralNode } from "../expr/LiteralNode.js";

const fn = (name: string, ...args: ExprNode[]): ExprNode => FunctionCallNode.create(name, args);

/** JavaScript's String(x) of a double-valued expression, as a Spark expression (null stays null). */
export function jsNumberText(x: ExprNode): ExprNode {
  const d = fn("double", x);
  return fn(
    "when",
    fn("and", fn("==", d, fn("floor", d)), fn("<", fn("abs", d), LiteralNode.create(9.2e18))),
    fn("string", fn("bigint", d)),
    fn("string", d),
  );
}
