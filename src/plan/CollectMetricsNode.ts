import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** The rows of `input` unchanged, with named aggregate metrics computed as they pass (`observe`). */
export interface CollectMetricsNode {
  readonly kind: "CollectMetrics";
  readonly input: PlanNode;
  readonly name: string;
  readonly metrics: readonly ExprNode[];
}

export const CollectMetricsNode = Object.freeze({
  create(input: PlanNode, name: string, metrics: readonly ExprNode[]): CollectMetricsNode {
    return Object.freeze({ kind: "CollectMetrics", input, name, metrics: Object.freeze([...metrics]) });
  },
});
