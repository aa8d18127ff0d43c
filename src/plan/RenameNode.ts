import type { PlanNode } from "./PlanNode.js";

/** Columns renamed by name. */
export interface RenameNode {
  readonly kind: "Rename";
  readonly input: PlanNode;
  readonly renames: readonly (readonly [string, string])[];
}

export const RenameNode = Object.freeze({
  create(input: PlanNode, renames: readonly (readonly [string, string])[]): RenameNode {
    return Object.freeze({ kind: "Rename", input, renames });
  },
});
