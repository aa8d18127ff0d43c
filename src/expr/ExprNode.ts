import type { AliasNode } from "./AliasNode.js";
import type { ColumnRefNode } from "./ColumnRefNode.js";
import type { FunctionCallNode } from "./FunctionCallNode.js";
import type { LiteralNode } from "./LiteralNode.js";

/** Every expression node of the plan IR, discriminated by `kind`. */
export type ExprNode = LiteralNode | ColumnRefNode | FunctionCallNode | AliasNode;
