import type { DataFrame } from "./DataFrame.js";
import type { LiteralValue } from "./expr/LiteralNode.js";
import { NADropNode } from "./plan/NADropNode.js";
import { NAFillNode } from "./plan/NAFillNode.js";
import { NAReplaceNode } from "./plan/NAReplaceNode.js";
import { InvalidPlanError } from "../runtime/errors.js";

type Fill = boolean | number | bigint | string;

/**
 * Missing-value handling, as `df.na`.
 *
 * @example
 * ```ts
 * df.na.fill({ amount: 0, country: "unknown" }).na.drop({ how: "all" });
 * ```
 */
export class DataFrameNaFunctions<Row> {
  /** @internal */
  constructor(private readonly df: DataFrame<Row>) {}

  /**
   * Replaces nulls: one value for every column of a matching type (or for `subset`), or a
   * map of column to value.
   *
   * @example
   * ```ts
   * df.na.fill(0);
   * df.na.fill("n/a", ["name"]);
   * df.na.fill({ amount: 0, name: "n/a" });
   * ```
   */
  fill(value: Fill | Readonly<Record<string, Fill>>, subset?: readonly string[]): DataFrame<Row> {
    if (typeof value === "object") {
      const entries = Object.entries(value);
      if (entries.length === 0) throw new InvalidPlanError({ message: "na.fill({}): give at least one column and value." });
      return this.df.withPlan(NAFillNode.create(this.df.plan, entries.map(([k]) => k), entries.map(([, v]) => v)));
    }
    return this.df.withPlan(NAFillNode.create(this.df.plan, subset ?? [], [value]));
  }

  /**
   * Drops rows with nulls: `how: "any"` (default) or `"all"`, or with fewer than `thresh`
   * non-null values, looking at `subset` or all columns.
   *
   * @example
   * ```ts
   * df.na.drop({ how: "all", subset: ["a", "b"] });
   * ```
   */
  drop(options: { how?: "any" | "all"; thresh?: number; subset?: readonly string[] } = {}): DataFrame<Row> {
    const subset = options.subset ?? [];
    let min = options.thresh;
    if (min === undefined && options.how === "all") min = 1;
    return this.df.withPlan(NADropNode.create(this.df.plan, subset, min));
  }

  /**
   * Replaces values (not only nulls) by others, in `subset` or every column of a matching type.
   *
   * @example
   * ```ts
   * df.na.replace({ "N/A": null, "-": null }, ["status"]);
   * ```
   */
  replace(replacements: ReadonlyMap<LiteralValue, LiteralValue> | Readonly<Record<string, LiteralValue>>, subset?: readonly string[]): DataFrame<Row> {
    const pairs: [LiteralValue, LiteralValue][] =
      replacements instanceof Map ? [...replacements.entries()] : Object.entries(replacements as Record<string, LiteralValue>);
    return this.df.withPlan(NAReplaceNode.create(this.df.plan, subset ?? [], pairs));
  }
}
