import type { PlanNode } from "./PlanNode.js";

/** A random fraction of the rows (Bernoulli or Poisson with replacement). */
export interface SampleNode {
  readonly kind: "Sample";
  readonly input: PlanNode;
  readonly lower: number;
  readonly upper: number;
  readonly withReplacement: boolean;
  readonly seed: bigint;
  /** Sort the input first, so that the parts of a randomSplit are disjoint and stable. */
  readonly deterministicOrder: boolean;
}

export const SampleNode = Object.freeze({
  create(input: PlanNode, lower: number, upper: number, withReplacement: boolean, seed: bigint, deterministicOrder = false): SampleNode {
    return Object.freeze({ kind: "Sample", input, lower, upper, withReplacement, seed, deterministicOrder });
  },
});
