import type { ExprNode } from "./ExprNode.js";
import type { SortOrderNode } from "./SortOrderNode.js";

/** A frame boundary: the current row, unbounded, or an offset (rows) / value (range). */
export type FrameBoundary = "currentRow" | "unbounded" | ExprNode;

/** A window frame: ROWS or RANGE between two boundaries. */
export interface WindowFrame {
  readonly type: "rows" | "range";
  readonly lower: FrameBoundary;
  readonly upper: FrameBoundary;
}

/** `fn OVER (PARTITION BY ... ORDER BY ... frame)`. */
export interface WindowNode {
  readonly kind: "Window";
  readonly fn: ExprNode;
  readonly partitionBy: readonly ExprNode[];
  readonly orderBy: readonly SortOrderNode[];
  readonly frame: WindowFrame | undefined;
}

export const WindowNode = Object.freeze({
  create(fn: ExprNode, partitionBy: readonly ExprNode[], orderBy: readonly SortOrderNode[], frame?: WindowFrame): WindowNode {
    return Object.freeze({ kind: "Window", fn, partitionBy: Object.freeze([...partitionBy]), orderBy: Object.freeze([...orderBy]), frame });
  },
});
