import type { PlanNode } from "./PlanNode.js";

/** Spark's text rendering of the first rows (df.show). */
export interface ShowStringNode {
  readonly kind: "ShowString";
  readonly input: PlanNode;
  readonly rows: number;
  readonly truncate: number;
  readonly vertical: boolean;
}

export const ShowStringNode = Object.freeze({
  create(input: PlanNode, rows: number, truncate: number, vertical: boolean): ShowStringNode {
    return Object.freeze({ kind: "ShowString", input, rows, truncate, vertical });
  },
});
