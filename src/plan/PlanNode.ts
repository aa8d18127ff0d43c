import type { AggregateNode } from "./AggregateNode.js";
import type { LimitNode } from "./LimitNode.js";
import type { RangeNode } from "./RangeNode.js";
import type { SqlNode } from "./SqlNode.js";

/** Every relation node of the plan IR, discriminated by `kind`. */
export type PlanNode = SqlNode | RangeNode | AggregateNode | LimitNode;
