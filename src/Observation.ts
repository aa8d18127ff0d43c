/**
 * Named metrics of a query, filled in by the action that runs it (see
 * `DataFrame.observe`), as PySpark's `Observation`.
 *
 * @example
 * ```ts
 * import { Observation, col, lit } from "spark-connect-ts";
 * import { count, max } from "spark-connect-ts/functions";
 *
 * const stats = new Observation("stats");
 * await df.observe(stats, count(lit(1)).alias("rows"), max(col("amount")).alias("top")).collect();
 * stats.get(); // { rows: 1000n, top: 99.5 }
 * ```
 */
export class Observation<Values extends Record<string, unknown> = Record<string, unknown>> {
  static #next = 0;
  #values: Values | undefined;

  /** A name unique within the session; one is made up when omitted. */
  constructor(readonly name: string = `observation_${++Observation.#next}_${Date.now().toString(36)}`) {}

  /**
   * The metrics of the last action that ran a DataFrame observed with this Observation,
   * or undefined while none has.
   *
   * @example
   * ```ts
   * stats.get()?.rows; // 1000n
   * ```
   */
  get(): Values | undefined {
    return this.#values;
  }

  /** @internal Called with the server's values after an action. */
  deliver(values: Readonly<Record<string, unknown>>): void {
    this.#values = values as Values;
  }
}
