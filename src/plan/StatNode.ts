import type { PlanNode } from "./PlanNode.js";
import type { StatRequest } from "./StatRequest.js";

/** Statistics: describe, summary, crosstab, cov, corr, approxQuantile, freqItems, sampleBy. */
export interface StatNode {
  readonly kind: "Stat";
  readonly input: PlanNode;
  readonly stat: StatRequest;
}

export const StatNode = Object.freeze({
  create(input: PlanNode, stat: StatRequest): StatNode {
    return Object.freeze({ kind: "Stat", input, stat });
  },
});
