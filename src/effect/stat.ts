/** The DataFrame's statistics that return numbers (`df.stat`), as Effects. */
import * as Effect from "effect/Effect";
import { InvalidPlanError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { DataFrameStatFunctions } from "../DataFrameStatFunctions.js";
import { type ActionOptions, execOptions } from "../internal/ops/action.js";
import { collect } from "../internal/ops/execute.js";
import { op } from "../internal/ops/typed.js";
import { StatNode } from "../plan/StatNode.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

function single(name: "cov" | "corr", stat: DataFrameStatFunctions<unknown>, col1: string, col2: string, options?: ActionOptions): Eff<number> {
  return op(name, options, () => {
    const plan = StatNode.create(stat.df.plan, { type: name, col1, col2 });
    return Effect.flatMap(execOptions(options), (o) =>
      Effect.map(collect<Record<string, unknown>>(stat.df.handle, plan, o), (rows) => Number(Object.values(rows[0] ?? {})[0])),
    );
  });
}

/** Pearson correlation of two numeric columns. @example yield* Spark.stat.corr(df.stat, "a", "b") */
export const corr = <Row>(stat: DataFrameStatFunctions<Row>, col1: string, col2: string, options?: ActionOptions): Eff<number> =>
  single("corr", stat, col1, col2, options);

/** Sample covariance of two numeric columns. @example yield* Spark.stat.cov(df.stat, "a", "b") */
export const cov = <Row>(stat: DataFrameStatFunctions<Row>, col1: string, col2: string, options?: ActionOptions): Eff<number> =>
  single("cov", stat, col1, col2, options);

/**
 * Approximate quantiles of numeric columns: one array per column.
 *
 * @example
 * ```ts
 * const [[p50, p90]] = yield* Spark.stat.approxQuantile(df.stat, ["latency"], [0.5, 0.9], 0.01);
 * ```
 */
export const approxQuantile = <Row>(
  stat: DataFrameStatFunctions<Row>,
  columns: readonly string[],
  probabilities: readonly number[],
  relativeError: number,
  options?: ActionOptions,
): Eff<number[][]> =>
  op("approxQuantile", options, () => {
    if (!Array.isArray(probabilities) || probabilities.some((p) => !(p >= 0 && p <= 1)) || !(relativeError >= 0)) {
      throw new InvalidPlanError({ message: "approxQuantile(): probabilities must be in [0, 1] and relativeError >= 0." });
    }
    const plan = StatNode.create(stat.df.plan, { type: "approxQuantile", columns, probabilities, relativeError });
    return Effect.flatMap(execOptions(options), (o) =>
      Effect.map(collect<Record<string, unknown>>(stat.df.handle, plan, o), (rows) => {
        const value = Object.values(rows[0] ?? {})[0] as unknown[][] | undefined;
        return (value ?? []).map((qs) => qs.map(Number));
      }),
    );
  });
