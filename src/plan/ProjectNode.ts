import type { ExprNode } from "../expr/ExprNode.js";
import type { PlanNode } from "./PlanNode.js";

/** `SELECT exprs FROM input`. */
export interface ProjectNode {
  readonly kind: "Project";
  readonly input: PlanNode;
  readonly exprs: readonly ExprNode[];
}

export const ProjectNode = Object.freeze({
  create(input: PlanNode, exprs: readonly ExprNode[]): ProjectNode {
    return Object.freeze({ kind: "Project", input, exprs });
  },
});
