import type { AggregateNode } from "./AggregateNode.js";
import type { CollectMetricsNode } from "./CollectMetricsNode.js";
import type { DeduplicateNode } from "./DeduplicateNode.js";
import type { DropNode } from "./DropNode.js";
import type { FilterNode } from "./FilterNode.js";
import type { HintNode } from "./HintNode.js";
import type { JoinNode } from "./JoinNode.js";
import type { LimitNode } from "./LimitNode.js";
import type { LocalRelationNode } from "./LocalRelationNode.js";
import type { NADropNode } from "./NADropNode.js";
import type { NAFillNode } from "./NAFillNode.js";
import type { NAReplaceNode } from "./NAReplaceNode.js";
import type { OffsetNode } from "./OffsetNode.js";
import type { ProjectNode } from "./ProjectNode.js";
import type { RangeNode } from "./RangeNode.js";
import type { ReadNode } from "./ReadNode.js";
import type { RenameNode } from "./RenameNode.js";
import type { RepartitionByExpressionNode } from "./RepartitionByExpressionNode.js";
import type { RepartitionNode } from "./RepartitionNode.js";
import type { SampleNode } from "./SampleNode.js";
import type { SetOpNode } from "./SetOpNode.js";
import type { ShowStringNode } from "./ShowStringNode.js";
import type { SortNode } from "./SortNode.js";
import type { SqlNode } from "./SqlNode.js";
import type { StatNode } from "./StatNode.js";
import type { SubqueryAliasNode } from "./SubqueryAliasNode.js";
import type { TailNode } from "./TailNode.js";
import type { ToDFNode } from "./ToDFNode.js";
import type { UnpivotNode } from "./UnpivotNode.js";
import type { WithColumnsNode } from "./WithColumnsNode.js";
import type { WithWatermarkNode } from "./WithWatermarkNode.js";
import type { TransposeNode } from "./TransposeNode.js";
import type { ToSchemaNode } from "./ToSchemaNode.js";
import type { LateralJoinNode } from "./LateralJoinNode.js";
import type { TableValuedFunctionNode } from "./TableValuedFunctionNode.js";
import type { CachedRemoteRelationNode } from "./CachedRemoteRelationNode.js";

/** Every relation node of the plan IR, discriminated by `kind`. */
export type PlanNode =
  | SqlNode
  | RangeNode
  | ReadNode
  | LocalRelationNode
  | ProjectNode
  | FilterNode
  | JoinNode
  | SetOpNode
  | SortNode
  | LimitNode
  | OffsetNode
  | TailNode
  | AggregateNode
  | DeduplicateNode
  | SampleNode
  | SubqueryAliasNode
  | RepartitionNode
  | RepartitionByExpressionNode
  | ToDFNode
  | RenameNode
  | ShowStringNode
  | DropNode
  | WithColumnsNode
  | HintNode
  | UnpivotNode
  | WithWatermarkNode
  | NAFillNode
  | NADropNode
  | NAReplaceNode
  | StatNode
  | CollectMetricsNode
  | TransposeNode
  | ToSchemaNode
  | LateralJoinNode
  | TableValuedFunctionNode
  | CachedRemoteRelationNode;
