import type { LiteralValue } from "../expr/LiteralNode.js";
import type { PlanNode } from "./PlanNode.js";

/** Values replaced by other values in some columns. */
export interface NAReplaceNode {
  readonly kind: "NAReplace";
  readonly input: PlanNode;
  readonly columns: readonly string[];
  readonly replacements: readonly (readonly [LiteralValue, LiteralValue])[];
}

export const NAReplaceNode = Object.freeze({
  create(input: PlanNode, columns: readonly string[], replacements: readonly (readonly [LiteralValue, LiteralValue])[]): NAReplaceNode {
    return Object.freeze({ kind: "NAReplace", input, columns, replacements });
  },
});
