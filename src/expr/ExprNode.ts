import type { AliasNode } from "./AliasNode.js";
import type { CastNode } from "./CastNode.js";
import type { ColumnRefNode } from "./ColumnRefNode.js";
import type { ExtractNode } from "./ExtractNode.js";
import type { FunctionCallNode } from "./FunctionCallNode.js";
import type { LambdaNode, LambdaVarNode } from "./LambdaNode.js";
import type { LiteralNode } from "./LiteralNode.js";
import type { SortOrderNode } from "./SortOrderNode.js";
import type { SqlExprNode } from "./SqlExprNode.js";
import type { StarNode } from "./StarNode.js";
import type { UpdateFieldsNode } from "./UpdateFieldsNode.js";
import type { WindowNode } from "./WindowNode.js";

/** Every expression node of the plan IR, discriminated by `kind`. */
export type ExprNode =
  | LiteralNode
  | ColumnRefNode
  | StarNode
  | FunctionCallNode
  | AliasNode
  | CastNode
  | SortOrderNode
  | WindowNode
  | SqlExprNode
  | ExtractNode
  | LambdaNode
  | LambdaVarNode
  | UpdateFieldsNode;
