import type { DataFrame } from "./DataFrame.js";
import { StatNode } from "./plan/StatNode.js";
import type { ActionOptions } from "./internal/ops/action.js";
import { run } from "./internal/run.js";
import * as E from "./effect/stat.js";
import type { CorrMethod } from "./effect/stat.js";
import { str } from "./internal/args.js";
import { Column } from "./Column.js";
import * as F from "./functions/core.js";
import { InvalidPlanError } from "../runtime/errors.js";

/** The strata of `sampleBy` and the share of each to keep: a Map, or an object whose keys are strings. */
export type SampleFractions = ReadonlyMap<string | number | bigint | boolean, number> | Readonly<Record<string, number>>;

/** The name of the temporary column that holds sampleBy's strata when they are not a plain column. */
const STRATUM = "__sampleBy_stratum";

/** The fractions as pairs, each checked (PySpark refuses fractions that are not numbers; Spark those outside [0, 1]). */
function sampleFractions(fractions: unknown): [string | number | bigint | boolean, number][] {
  if (typeof fractions !== "object" || fractions === null || Array.isArray(fractions)) {
    throw new InvalidPlanError({
      message: 'sampleBy(): fractions must be a Map or an object of stratum to fraction, e.g. new Map([[0, 0.1], [1, 0.5]]) or { PL: 0.5 }.',
    });
  }
  const pairs: [unknown, unknown][] = fractions instanceof Map ? [...fractions.entries()] : Object.entries(fractions);
  return pairs.map(([stratum, fraction]) => {
    if (!["string", "number", "bigint", "boolean"].includes(typeof stratum)) {
      throw new InvalidPlanError({ message: `sampleBy(): a stratum must be a string, a number, a bigint or a boolean (got ${stratum === null ? "null" : typeof stratum}).` });
    }
    if (typeof fraction !== "number" || !(fraction >= 0 && fraction <= 1)) {
      throw new InvalidPlanError({
        message: `sampleBy(): the fraction of stratum ${String(stratum)} must be a number from 0 to 1 (got ${typeof fraction === "number" ? fraction : typeof fraction}).`,
      });
    }
    return [stratum as string | number | bigint | boolean, fraction];
  });
}

/** The seed as a long: an integer given, or a random one (as PySpark picks one). */
function sampleSeed(seed: unknown): bigint {
  if (seed === undefined || seed === null) return BigInt(Math.floor(Math.random() * 2 ** 31));
  if (typeof seed === "bigint") return seed;
  if (typeof seed === "number" && Number.isSafeInteger(seed)) return BigInt(seed);
  throw new InvalidPlanError({ message: `sampleBy(): seed must be an integer (got ${String(seed)}).` });
}

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

  /**
   * Pearson correlation of two numeric columns. As in PySpark, `method` may be left out or
   * be `"pearson"` (the only method Spark Connect computes); the options may come third.
   *
   * @example
   * ```ts
   * await df.stat.corr("a", "b"); // 0.97...
   * await df.stat.corr("a", "b", "pearson", { timeout: 10_000 });
   * ```
   */
  corr(col1: string, col2: string, method?: CorrMethod | null | ActionOptions, options?: ActionOptions): Promise<number> {
    return run(this.df.handle, () => E.corr(this, col1, col2, method, options));
  }

  /** Sample covariance of two numeric columns. @example await df.stat.cov("a", "b") */
  cov(col1: string, col2: string, options?: ActionOptions): Promise<number> {
    return run(this.df.handle, () => E.cov(this, col1, col2, options));
  }

  /**
   * Contingency table of two columns: one row per value of `col1`, one column per value of
   * `col2`, named as in PySpark (`col1_col2`, then the values).
   *
   * @example
   * ```ts
   * df.stat.crosstab("country", "channel").show();
   * ```
   */
  crosstab(col1: string, col2: string): DataFrame<Record<string, unknown>> {
    const c1 = str("crosstab", "col1", col1);
    const c2 = str("crosstab", "col2", col2);
    return this.df.withPlan(StatNode.create(this.df.plan, { type: "crosstab", col1: c1, col2: c2 }));
  }

  /**
   * Frequent items of columns: values in at least `support` of the rows (default 1%, as
   * in PySpark; from 1e-4 to 1). One column name or an array of them.
   *
   * @example
   * ```ts
   * df.stat.freqItems(["a", "b"], 0.4); // one row: { a_freqItems: [...], b_freqItems: [...] }
   * df.stat.freqItems("a");
   * ```
   */
  freqItems(cols: string | readonly string[], support?: number | null): DataFrame<Record<string, unknown>> {
    const columns = typeof cols === "string" ? [cols] : cols;
    if (!Array.isArray(columns) || columns.length === 0) {
      throw new InvalidPlanError({ message: 'freqItems(): cols must be a column name or a non-empty array of names, e.g. freqItems(["a", "b"]).' });
    }
    columns.forEach((c, i) => str("freqItems", `column ${i + 1}`, c));
    if (support !== undefined && support !== null && !(typeof support === "number" && support >= 1e-4 && support <= 1)) {
      throw new InvalidPlanError({ message: `freqItems(): support must be a number from 1e-4 to 1, e.g. 0.01 for 1% (got ${String(support)}).` });
    }
    return this.df.withPlan(StatNode.create(this.df.plan, { type: "freqItems", columns: [...columns], support: support ?? undefined }));
  }

  /**
   * Approximate quantiles of numeric columns. As in PySpark, a single column name gives one
   * array of quantiles, an array of names one array per column. `relativeError` 0 computes
   * exact quantiles (costly on large data).
   *
   * @example
   * ```ts
   * const [p50, p90] = await df.stat.approxQuantile("latency", [0.5, 0.9], 0.01);
   * const [[a50], [b50]] = await df.stat.approxQuantile(["a", "b"], [0.5], 0.01);
   * ```
   */
  approxQuantile(col: string, probabilities: readonly number[], relativeError: number, options?: ActionOptions): Promise<number[]>;
  approxQuantile(cols: readonly string[], probabilities: readonly number[], relativeError: number, options?: ActionOptions): Promise<number[][]>;
  approxQuantile(
    col: string | readonly string[],
    probabilities: readonly number[],
    relativeError: number,
    options?: ActionOptions,
  ): Promise<number[] | number[][]>;
  approxQuantile(
    col: string | readonly string[],
    probabilities: readonly number[],
    relativeError: number,
    options?: ActionOptions,
  ): Promise<number[] | number[][]> {
    return run(this.df.handle, () => E.approxQuantile(this, col, probabilities, relativeError, options));
  }

  /**
   * A stratified sample without replacement: `fractions` maps each value of `col` (a name
   * or a Column) to the share of its rows to keep, from 0 to 1; values not listed keep no
   * rows. A Map keeps its keys' types (`new Map([[0, 0.1], [1, 0.5]])`); a plain object's
   * keys are strings, so the column is compared as a string (`{ 0: 0.1 }` matches the
   * number 0, `{ PL: 0.5 }` the string "PL"). The seed makes the sample repeatable.
   *
   * @example
   * ```ts
   * df.stat.sampleBy("label", new Map([[0, 0.1], [1, 0.5]]), 7);
   * df.stat.sampleBy("country", { PL: 0.5, DE: 0.1 }, 7);
   * df.stat.sampleBy(col("id").mod(3), new Map([[0, 1.0]]));
   * ```
   */
  sampleBy(col: string | Column, fractions: SampleFractions, seed?: number | bigint | null): DataFrame<Row> {
    const byObject = !(fractions instanceof Map);
    const entries = sampleFractions(fractions);
    const s = sampleSeed(seed);
    const column = typeof col === "string" ? str("sampleBy", "col", col) : col;
    if (!(column instanceof Column) && typeof column !== "string") {
      throw new InvalidPlanError({ message: "sampleBy(): col must be a column name or a Column." });
    }
    const name = typeof column === "string" ? column : column.node.kind === "ColumnRef" ? column.node.name : undefined;
    if (name !== undefined && !byObject) {
      return this.df.withPlan(StatNode.create(this.df.plan, { type: "sampleBy", column: name, fractions: entries, seed: s }));
    }
    // The strata as a column of their own, dropped again after sampling: for an
    // expression, and for an object's string keys (the column compared as a string).
    const stratum = typeof column === "string" ? F.col(column) : column;
    const withStratum = this.df.withColumn(STRATUM, byObject ? stratum.cast("string") : stratum);
    const sampled = withStratum.withPlan(StatNode.create(withStratum.plan, { type: "sampleBy", column: STRATUM, fractions: entries, seed: s }));
    return sampled.drop(STRATUM) as unknown as DataFrame<Row>;
  }

  /** What `console.log` shows: no session internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "DataFrameStatFunctions {}";
  }
}
