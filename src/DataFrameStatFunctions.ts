import type { DataFrame } from "./DataFrame.js";
import { StatNode } from "./plan/StatNode.js";
import type { ActionOptions } from "./internal/ops/action.js";
import { run } from "./internal/run.js";
import * as E from "./effect/stat.js";

/**
 * Statistics, as `df.stat`. Results that are single numbers come back as Promises;
 * tables come back as DataFrames.
 *
 * @example
 * ```ts
 * await df.stat.corr("height", "weight");
 * df.stat.crosstab("country", "channel").show();
 * ```
 */
export class DataFrameStatFunctions<Row> {
  /** @internal */
  constructor(/** @internal */ readonly df: DataFrame<Row>) {}

  /** Pearson correlation of two numeric columns. @example await df.stat.corr("a", "b") */
  corr(col1: string, col2: string, options?: ActionOptions): Promise<number> {
    return run(this.df.handle, () => E.corr(this, col1, col2, options));
  }

  /** Sample covariance of two numeric columns. @example await df.stat.cov("a", "b") */
  cov(col1: string, col2: string, options?: ActionOptions): Promise<number> {
    return run(this.df.handle, () => E.cov(this, col1, col2, options));
  }

  /** Contingency table of two columns. @example df.stat.crosstab("a", "b") */
  crosstab(col1: string, col2: string): DataFrame<Record<string, unknown>> {
    return this.df.withPlan(StatNode.create(this.df.plan, { type: "crosstab", col1, col2 }));
  }

  /** Frequent items of columns (at least `support` of the rows, default 1%). @example df.stat.freqItems(["a"]) */
  freqItems(columns: readonly string[], support?: number): DataFrame<Record<string, unknown>> {
    return this.df.withPlan(StatNode.create(this.df.plan, { type: "freqItems", columns, support }));
  }

  /**
   * Approximate quantiles of numeric columns: one array per column.
   *
   * @example
   * ```ts
   * const [[p50, p90]] = await df.stat.approxQuantile(["latency"], [0.5, 0.9], 0.01);
   * ```
   */
  approxQuantile(columns: readonly string[], probabilities: readonly number[], relativeError: number, options?: ActionOptions): Promise<number[][]> {
    return run(this.df.handle, () => E.approxQuantile(this, columns, probabilities, relativeError, options));
  }

  /**
   * A stratified sample: `fractions` maps each value of `column` to the share to keep.
   *
   * @example
   * ```ts
   * df.stat.sampleBy("label", new Map([[0, 0.1], [1, 0.5]]), 7);
   * ```
   */
  sampleBy(column: string, fractions: ReadonlyMap<string | number | bigint | boolean, number>, seed?: number): DataFrame<Row> {
    const s = BigInt(Math.trunc(seed ?? Math.floor(Math.random() * 2 ** 31)));
    return this.df.withPlan(StatNode.create(this.df.plan, { type: "sampleBy", column, fractions: [...fractions.entries()], seed: s }));
  }

  /** What `console.log` shows: no session internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "DataFrameStatFunctions {}";
  }
}
