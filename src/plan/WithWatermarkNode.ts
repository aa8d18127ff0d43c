import type { PlanNode } from "./PlanNode.js";

/** An event-time watermark for streaming. */
export interface WithWatermarkNode {
  readonly kind: "WithWatermark";
  readonly input: PlanNode;
  readonly eventTime: string;
  readonly delay: string;
}

export const WithWatermarkNode = Object.freeze({
  create(input: PlanNode, eventTime: string, delay: string): WithWatermarkNode {
    return Object.freeze({ kind: "WithWatermark", input, eventTime, delay });
  },
});
