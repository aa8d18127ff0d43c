/** The DataFrame's statistics that return numbers (`df.stat`), as Effects. */
import * as Effect from "effect/Effect";
import { InvalidPlanError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { DataFrameStatFunctions } from "../DataFrameStatFunctions.js";
import { type ActionOptions, execOptions } from "../internal/ops/action.js";
import { collect } from "../internal/ops/execute.js";
import { op } from "../internal/ops/typed.js";
import { str } from "../internal/args.js";
import { StatNode } from "../plan/StatNode.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

/** The correlation methods Spark Connect computes (as PySpark, only Pearson's). */
export type CorrMethod = "pearson";

function single(
  name: "cov" | "corr",
  stat: DataFrameStatFunctions<unknown>,
  col1: string,
  col2: string,
  options: ActionOptions | undefined,
  check: () => void = () => {},
): Eff<number> {
  return op(name, options, () => {
    check();
    const plan = StatNode.create(stat.df.plan, { type: name, col1: str(name, "col1", col1), col2: str(name, "col2", col2) });
    return Effect.flatMap(execOptions(options), (o) =>
      Effect.map(collect<Record<string, unknown>>(stat.df.handle, plan, o), (rows) => Number(Object.values(rows[0] ?? {})[0])),
    );
  });
}

/** As in PySpark, the method may be left out (or null) or be "pearson", the only one Spark Connect computes. */
function checkCorrMethod(method: unknown): void {
  if (method !== undefined && method !== null && method !== "pearson") {
    throw new InvalidPlanError({
      message: `corr(): method only supports "pearson" (got ${JSON.stringify(method)}); leave it out or pass "pearson".`,
    });
  }
}

/**
 * Pearson correlation of two numeric columns. `method` may be left out or `"pearson"`, the
 * only method Spark Connect computes (as in PySpark, any other is refused). The options
 * may come third when there is no method.
 *
 * @example
 * ```ts
 * const r = yield* Spark.stat.corr(df.stat, "a", "b");
 * const same = yield* Spark.stat.corr(df.stat, "a", "b", "pearson", { timeout: 10_000 });
 * ```
 */
export const corr = <Row>(
  stat: DataFrameStatFunctions<Row>,
  col1: string,
  col2: string,
  method?: CorrMethod | null | ActionOptions,
  options?: ActionOptions,
): Eff<number> => {
  const asOptions = typeof method === "object" && method !== null;
  return single("corr", stat, col1, col2, asOptions ? method : options, () => checkCorrMethod(asOptions ? undefined : method));
};

/** Sample covariance of two numeric columns. @example yield* Spark.stat.cov(df.stat, "a", "b") */
export const cov = <Row>(stat: DataFrameStatFunctions<Row>, col1: string, col2: string, options?: ActionOptions): Eff<number> =>
  single("cov", stat, col1, col2, options);

/** The columns of approxQuantile: one name, or a list of names. */
function quantileColumns(col: unknown): string[] {
  if (typeof col === "string") return [str("approxQuantile", "col", col)];
  if (!Array.isArray(col)) {
    throw new InvalidPlanError({
      message: `approxQuantile(): col must be a column name or an array of column names (got ${col === null ? "null" : typeof col}).`,
    });
  }
  if (col.length === 0) throw new InvalidPlanError({ message: "approxQuantile(): give at least one column name." });
  return col.map((c, i) => str("approxQuantile", `column ${i + 1}`, c));
}

function checkQuantileArgs(probabilities: unknown, relativeError: unknown): readonly number[] {
  if (!Array.isArray(probabilities)) {
    throw new InvalidPlanError({ message: "approxQuantile(): probabilities must be an array of numbers in [0, 1], e.g. [0.5, 0.9]." });
  }
  for (const p of probabilities) {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new InvalidPlanError({ message: `approxQuantile(): each probability must be a number in [0, 1] (got ${String(p)}).` });
    }
  }
  if (typeof relativeError !== "number" || !(relativeError >= 0)) {
    throw new InvalidPlanError({
      message: `approxQuantile(): relativeError must be a number >= 0 (0 computes exact quantiles; got ${String(relativeError)}).`,
    });
  }
  return probabilities as number[];
}

/**
 * Approximate quantiles of numeric columns. As in PySpark, a single column name gives one
 * array of quantiles, an array of names one array per column.
 *
 * @example
 * ```ts
 * const [p50, p90] = yield* Spark.stat.approxQuantile(df.stat, "latency", [0.5, 0.9], 0.01);
 * const [[a50], [b50]] = yield* Spark.stat.approxQuantile(df.stat, ["a", "b"], [0.5], 0.01);
 * ```
 */
export function approxQuantile<Row>(
  stat: DataFrameStatFunctions<Row>,
  col: string,
  probabilities: readonly number[],
  relativeError: number,
  options?: ActionOptions,
): Eff<number[]>;
export function approxQuantile<Row>(
  stat: DataFrameStatFunctions<Row>,
  cols: readonly string[],
  probabilities: readonly number[],
  relativeError: number,
  options?: ActionOptions,
): Eff<number[][]>;
export function approxQuantile<Row>(
  stat: DataFrameStatFunctions<Row>,
  col: string | readonly string[],
  probabilities: readonly number[],
  relativeError: number,
  options?: ActionOptions,
): Eff<number[] | number[][]>;
export function approxQuantile<Row>(
  stat: DataFrameStatFunctions<Row>,
  col: string | readonly string[],
  probabilities: readonly number[],
  relativeError: number,
  options?: ActionOptions,
): Eff<number[] | number[][]> {
  return op("approxQuantile", options, () => {
    const columns = quantileColumns(col);
    const probs = checkQuantileArgs(probabilities, relativeError);
    const plan = StatNode.create(stat.df.plan, { type: "approxQuantile", columns, probabilities: [...probs], relativeError });
    return Effect.flatMap(execOptions(options), (o) =>
      Effect.map(collect<Record<string, unknown>>(stat.df.handle, plan, o), (rows) => {
        const value = Object.values(rows[0] ?? {})[0] as unknown[][] | undefined;
        const all = (value ?? []).map((qs) => qs.map(Number));
        return typeof col === "string" ? (all[0] ?? []) : all;
      }),
    );
  });
}
