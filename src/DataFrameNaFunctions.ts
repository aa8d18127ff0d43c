import type { DataFrame } from "./DataFrame.js";
import type { LiteralValue } from "./expr/LiteralNode.js";
import { NADropNode } from "./plan/NADropNode.js";
import { NAFillNode } from "./plan/NAFillNode.js";
import { NAReplaceNode } from "./plan/NAReplaceNode.js";
import { InvalidPlanError } from "../runtime/errors.js";

/** A value `na.fill` puts in place of nulls. */
export type Fill = boolean | number | bigint | string;

/** A value `na.replace` looks for or puts in: numbers (and bigints), strings or booleans, one kind per call. */
export type ReplaceValue = boolean | number | bigint | string;

/** The values to replace, each with its replacement (null for null): a Map, or an object whose keys are strings. */
export type Replacements = ReadonlyMap<ReplaceValue, ReplaceValue | null> | Readonly<Record<string, ReplaceValue | null>>;

/** The columns an `na` function looks at: one name or several. */
export type Subset = string | readonly string[];

/** Options of `na.drop`, as the keywords of PySpark's `dropna`. */
export interface DropOptions {
  /** `"any"` (default) drops a row with any null, `"all"` only a row of nulls. */
  readonly how?: "any" | "all";
  /** Keep rows with at least this many non-null values (overrides `how`). */
  readonly thresh?: number | null;
  /** The columns to look at (default: all). */
  readonly subset?: Subset | null;
}

/** The subset as a list of names, checked; a single name is a list of one (as in PySpark). */
function subsetOf(method: string, subset: unknown): string[] {
  if (subset === undefined || subset === null) return [];
  const names = typeof subset === "string" ? [subset] : subset;
  if (!Array.isArray(names) || names.some((c) => typeof c !== "string" || c === "")) {
    throw new InvalidPlanError({ message: `na.${method}(): subset must be a column name or an array of column names, e.g. ["a", "b"].` });
  }
  return [...(names as string[])];
}

function isFill(v: unknown): v is Fill {
  return typeof v === "boolean" || typeof v === "string" || typeof v === "bigint" || typeof v === "number";
}

/** The kind of a replacement value, for PySpark's rule that one call replaces one kind of value. */
function kindOf(v: unknown): "bool" | "string" | "number" | undefined {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  return undefined;
}

function isReplacements(v: unknown): v is Replacements {
  return v instanceof Map || (typeof v === "object" && v !== null && !Array.isArray(v));
}

/** A value to look for or put in, checked. */
function replaceValue(what: string, v: unknown, nullable: boolean): ReplaceValue | null {
  if (v === null && nullable) return null;
  if (kindOf(v) === undefined) {
    throw new InvalidPlanError({
      message: `na.replace(): ${what} must be a number, a bigint, a string or a boolean${nullable ? ", or null" : ""} (got ${v === null ? "null" : typeof v}).`,
    });
  }
  return v as ReplaceValue;
}

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
   * Replaces nulls, as PySpark's `fillna(value, subset)`: one value for every column of a
   * matching type (or for `subset`, one name or several), or an object of column to value
   * (then `subset` does not apply). Whole numbers fill numeric columns, other numbers
   * floating-point columns; strings fill string columns, booleans boolean columns.
   *
   * @example
   * ```ts
   * df.na.fill(0);
   * df.na.fill("n/a", "name");
   * df.na.fill("n/a", ["name", "city"]);
   * df.na.fill({ amount: 0, name: "n/a" });
   * ```
   */
  fill(value: Fill | Readonly<Record<string, Fill>>, subset?: Subset | null): DataFrame<Row> {
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      if (entries.length === 0) throw new InvalidPlanError({ message: "na.fill({}): give at least one column and value." });
      for (const [k, v] of entries) {
        if (!isFill(v)) {
          throw new InvalidPlanError({
            message: `na.fill(): the value for column "${k}" must be a number, a bigint, a string or a boolean (got ${v === null ? "null" : typeof v}).`,
          });
        }
      }
      return this.df.withPlan(NAFillNode.create(this.df.plan, entries.map(([k]) => k), entries.map(([, v]) => v)));
    }
    if (!isFill(value)) {
      throw new InvalidPlanError({
        message: `na.fill(): value must be a number, a bigint, a string, a boolean, or an object of column to value (got ${value === null ? "null" : typeof value}).`,
      });
    }
    return this.df.withPlan(NAFillNode.create(this.df.plan, subsetOf("fill", subset), [value]));
  }

  /**
   * Drops rows with nulls, as PySpark's `dropna(how, thresh, subset)`: `how` `"any"`
   * (default) drops a row with any null, `"all"` a row of nulls only; `thresh` keeps rows
   * with at least that many non-null values (and overrides `how`); `subset` (one name or
   * several) limits the columns looked at. The arguments come by position or as an object.
   *
   * @example
   * ```ts
   * df.na.drop();
   * df.na.drop("all", null, ["a", "b"]);
   * df.na.drop({ thresh: 2 });
   * df.na.drop({ how: "all", subset: "a" });
   * ```
   */
  drop(how?: "any" | "all" | DropOptions | null, thresh?: number | null, subset?: Subset | null): DataFrame<Row> {
    const o: DropOptions = typeof how === "object" && how !== null ? how : { how: how ?? undefined, thresh, subset };
    if (o.how !== undefined && o.how !== null && o.how !== "any" && o.how !== "all") {
      throw new InvalidPlanError({ message: `na.drop(): how must be "any" or "all" (got ${JSON.stringify(o.how)}).` });
    }
    let min: number | undefined = o.how === "all" ? 1 : undefined;
    if (o.thresh !== undefined && o.thresh !== null) {
      if (!Number.isSafeInteger(o.thresh) || o.thresh < 0) {
        throw new InvalidPlanError({ message: `na.drop(): thresh must be a whole number >= 0 (got ${String(o.thresh)}).` });
      }
      min = o.thresh;
    }
    return this.df.withPlan(NADropNode.create(this.df.plan, subsetOf("drop", o.subset), min));
  }

  /**
   * Replaces values (not only nulls) by others, in `subset` (one name or several) or in
   * every column of the values' type, with PySpark's forms:
   * - `replace(toReplace, value, subset?)`: a value, or an array of values, each replaced
   *   by `value` (one value, or an array of the same length: the i-th by the i-th);
   * - `replace(replacements, subset?)` or `replace(replacements, null, subset?)`: a Map or
   *   an object of value to replacement.
   *
   * As in PySpark, one call replaces one kind of value: numbers (bigints count as
   * numbers), strings or booleans, never a mix; a replacement may also be null.
   *
   * @example
   * ```ts
   * df.na.replace(0, 100);
   * df.na.replace(["N/A", "-"], null, "status");
   * df.na.replace(["a", "b"], ["A", "B"]);
   * df.na.replace({ "N/A": null, "-": null }, ["status"]);
   * df.na.replace(new Map([[1, 10], [2, 20]]));
   * ```
   */
  replace(replacements: Replacements, subset?: Subset | null): DataFrame<Row>;
  replace(replacements: Replacements, value: null | undefined, subset?: Subset | null): DataFrame<Row>;
  replace(toReplace: ReplaceValue | readonly ReplaceValue[], value: ReplaceValue | null | readonly (ReplaceValue | null)[], subset?: Subset | null): DataFrame<Row>;
  replace(
    toReplace: ReplaceValue | readonly ReplaceValue[] | Replacements,
    value?: ReplaceValue | null | readonly (ReplaceValue | null)[],
    subset?: Subset | null,
  ): DataFrame<Row>;
  replace(
    toReplace: ReplaceValue | readonly ReplaceValue[] | Replacements,
    value?: ReplaceValue | null | readonly (ReplaceValue | null)[],
    subset?: Subset | null,
  ): DataFrame<Row> {
    let pairs: [ReplaceValue | null, ReplaceValue | null][];
    let columns: unknown = subset;
    if (Array.isArray(toReplace)) {
      pairs = this.listPairs(toReplace, value, arguments.length >= 2);
    } else if (isReplacements(toReplace)) {
      if (value !== undefined && value !== null) {
        if (typeof value === "string" || Array.isArray(value)) {
          if (subset !== undefined && subset !== null) {
            throw new InvalidPlanError({
              message: "na.replace(): with a Map or an object of replacements there is no value argument; give the columns once: replace(replacements, subset).",
            });
          }
          columns = value;
        } else {
          throw new InvalidPlanError({
            message: "na.replace(): with a Map or an object of replacements there is no value argument; give replace(replacements, subset) or replace(replacements, null, subset).",
          });
        }
      }
      const entries: [unknown, unknown][] = toReplace instanceof Map ? [...toReplace.entries()] : Object.entries(toReplace);
      pairs = entries.map(([k, v]) => [replaceValue("a value to replace", k, true), replaceValue("a replacement", v, true)]);
    } else {
      pairs = this.listPairs([toReplace], value, arguments.length >= 2);
    }
    if (pairs.length === 0) throw new InvalidPlanError({ message: "na.replace(): give at least one value to replace." });
    checkOneKind(pairs);
    return this.df.withPlan(NAReplaceNode.create(this.df.plan, subsetOf("replace", columns), pairs as [LiteralValue, LiteralValue][]));
  }

  /** The pairs of the list form: each value with the single replacement, or with the replacement at its index. */
  private listPairs(toReplace: readonly unknown[], value: unknown, given: boolean): [ReplaceValue | null, ReplaceValue | null][] {
    if (!given || value === undefined) {
      throw new InvalidPlanError({
        message: "na.replace(): give the replacement as the second argument (null to replace by null), or pass a Map or an object of value to replacement.",
      });
    }
    const olds = toReplace.map((v) => replaceValue("a value to replace", v, true));
    if (!Array.isArray(value)) {
      const v = replaceValue("the replacement", value, true);
      return olds.map((o) => [o, v]);
    }
    if (value.length !== olds.length) {
      throw new InvalidPlanError({
        message: `na.replace(): the values to replace and their replacements must have the same length (got ${olds.length} and ${value.length}).`,
      });
    }
    return olds.map((o, i) => [o, replaceValue("a replacement", value[i], true)]);
  }

  /** What `console.log` shows: no session internals. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "DataFrameNaFunctions {}";
  }
}

/**
 * PySpark's rule: the values replaced are all numbers, all strings or all booleans, and
 * so are the replacements that are not null (a null value to replace is refused too).
 */
function checkOneKind(pairs: readonly (readonly [ReplaceValue | null, ReplaceValue | null])[]): void {
  const kinds = new Set<string | undefined>();
  for (const [k, v] of pairs) {
    kinds.add(kindOf(k));
    if (v !== null) kinds.add(kindOf(v));
  }
  if (kinds.size !== 1 || kinds.has(undefined)) {
    const found = [...kinds].map((k) => k ?? "null").join(", ");
    throw new InvalidPlanError({
      message:
        `na.replace(): mixed kinds of values (${found}); the values to replace and their replacements must be all numbers, all strings or all booleans ` +
        "(a replacement may be null; a value to replace may not). Use one call per kind.",
    });
  }
}
