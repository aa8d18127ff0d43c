import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** A planner hint (`broadcast`, `repartition`, ...). */
export interface HintNode {
  readonly kind: "Hint";
  readonly input: PlanNode;
  readonly name: string;
  readonly params: readonly ExprNode[];
}

export const HintNode = Object.freeze({
  create(input: PlanNode, name: string, params: readonly ExprNode[]): HintNode {
    return Object.freeze({ kind: "Hint", input, name, params });
  },
});
