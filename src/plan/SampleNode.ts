import type { PlanNode } from "./PlanNode.js";

/** A random fraction of the rows (Bernoulli or Poisson with replacement). */
export interface SampleNode {
  readonly kind: "Sample";
  readonly input: PlanNode;
  readonly lower: number;
  readonly upper: number;
  readonly withReplacement: boolean;
  readonly seed: bigint;
}

export const SampleNode = Object.freeze({
  create(input: PlanNode, lower: number, upper: number, withReplacement: boolean, seed: bigint): SampleNode {
    return Object.freeze({ kind: "Sample", input, lower, upper, withReplacement, seed });
  },
});
