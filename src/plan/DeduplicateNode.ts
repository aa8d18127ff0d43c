import type { PlanNode } from "./PlanNode.js";

/** Distinct rows, by all columns or by `columns`. */
export interface DeduplicateNode {
  readonly kind: "Deduplicate";
  readonly input: PlanNode;
  readonly columns: readonly string[] | undefined;
  /** Streams: drop duplicates arriving within the watermark's delay of each other, keeping state only that long. */
  readonly withinWatermark?: boolean;
}

export const DeduplicateNode = Object.freeze({
  create(input: PlanNode, columns: readonly string[] | undefined, withinWatermark = false): DeduplicateNode {
    return Object.freeze({ kind: "Deduplicate", input, columns, ...(withinWatermark ? { withinWatermark } : {}) });
  },
});
