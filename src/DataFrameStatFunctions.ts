import { Effect } from "effect";
import type { DataFrame } from "./DataFrame.js";
import { StatNode } from "./plan/StatNode.js";
import * as actions from "./internal/actions.js";
import { runPromise } from "./internal/run.js";
import { InvalidPlanError } from "../runtime/errors.js";

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
  constructor(private readonly df: DataFrame<Row>) {}

  private single(type: "cov" | "corr", col1: string, col2: string): Promise<number> {
    const plan = StatNode.create(this.df.plan, { type, col1, col2 });
    return runPromise(
      Effect.map(actions.collect<Record<string, unknown>>(this.df.session, plan), (rows) => Number(Object.values(rows[0] ?? {})[0])),
    );
  }

  /** Pearson correlation of two numeric columns. @example await df.stat.corr("a", "b") */
  corr(col1: string, col2: string): Promise<number> {
    return this.single("corr", col1, col2);
  }

  /** Sample covariance of two numeric columns. @example await df.stat.cov("a", "b") */
  cov(col1: string, col2: string): Promise<number> {
    return this.single("cov", col1, col2);
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
  approxQuantile(columns: readonly string[], probabilities: readonly number[], relativeError: number): Promise<number[][]> {
    if (probabilities.some((p) => !(p >= 0 && p <= 1)) || !(relativeError >= 0)) {
      throw new InvalidPlanError({ message: "approxQuantile(): probabilities must be in [0, 1] and relativeError >= 0." });
    }
    const plan = StatNode.create(this.df.plan, { type: "approxQuantile", columns, probabilities, relativeError });
    return runPromise(
      Effect.map(actions.collect<Record<string, unknown>>(this.df.session, plan), (rows) => {
        const value = Object.values(rows[0] ?? {})[0] as unknown[][] | undefined;
        return (value ?? []).map((qs) => qs.map(Number));
      }),
    );
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
}
