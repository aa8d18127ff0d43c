// Aggregate functions (use in agg(), or with over() as window aggregates).
import { Column } from "../Column.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { c, type ColumnOrName, opt } from "./args.js";
import { fn, lit } from "./core.js";

const distinct = (name: string, args: readonly Column[]): Column =>
  new Column(FunctionCallNode.create(name, args.map((a) => a.node), true));

/** Some value of the group (nulls skipped when `ignoreNulls`). @example anyValue("name") */
export function anyValue(col: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return fn("any_value", c(col), ...opt(ignoreNulls));
}
/** Approximate number of distinct values (HyperLogLog++, max relative error `rsd`). @example approxCountDistinct("user", 0.05) */
export function approxCountDistinct(col: ColumnOrName, rsd?: number): Column {
  return fn("approx_count_distinct", c(col), ...opt(rsd));
}
/** Same as collectList. @example arrayAgg("x") */
export function arrayAgg(col: ColumnOrName): Column {
  return fn("array_agg", c(col));
}
/** Average. @example avg("amount") */
export function avg(col: ColumnOrName): Column {
  return fn("avg", c(col));
}
/** Bitwise AND of the values. @example bitAnd("flags") */
export function bitAnd(col: ColumnOrName): Column {
  return fn("bit_and", c(col));
}
/** Bitwise OR of the values. @example bitOr("flags") */
export function bitOr(col: ColumnOrName): Column {
  return fn("bit_or", c(col));
}
/** Bitwise XOR of the values. @example bitXor("flags") */
export function bitXor(col: ColumnOrName): Column {
  return fn("bit_xor", c(col));
}
/** True when every value is true. @example boolAnd("ok") */
export function boolAnd(col: ColumnOrName): Column {
  return fn("bool_and", c(col));
}
/** True when some value is true. @example boolOr("ok") */
export function boolOr(col: ColumnOrName): Column {
  return fn("bool_or", c(col));
}
/** The values as an array (nulls skipped). @example collectList("x") */
export function collectList(col: ColumnOrName): Column {
  return fn("collect_list", c(col));
}
/** The distinct values as an array (nulls skipped). @example collectSet("x") */
export function collectSet(col: ColumnOrName): Column {
  return fn("collect_set", c(col));
}
/** Number of non-null values; `"*"` counts rows. @example count("*") */
export function count(col: ColumnOrName): Column {
  const column = c(col);
  return fn("count", column.node.kind === "Star" ? 1 : column);
}
/** Number of distinct non-null values (tuples of values). @example countDistinct("user") */
export function countDistinct(col: ColumnOrName, ...cols: ColumnOrName[]): Column {
  return distinct("count", [col, ...cols].map(c));
}
/** Number of rows where the condition is true. @example countIf(col("x").gt(1)) */
export function countIf(col: ColumnOrName): Column {
  return fn("count_if", c(col));
}
/** Same as boolAnd. @example every("ok") */
export function every(col: ColumnOrName): Column {
  return fn("every", c(col));
}
/** First value of the group (the first non-null when `ignorenulls`). @example first("x", true) */
export function first(col: ColumnOrName, ignorenulls = false): Column {
  return fn("first", c(col), ignorenulls);
}
/** First value (as a window function too). @example firstValue("x") */
export function firstValue(col: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return fn("first_value", c(col), ...opt(ignoreNulls));
}
/** 1 when the column is aggregated away in this grouping set (cube, rollup), else 0. @example grouping("country") */
export function grouping(col: ColumnOrName): Column {
  return fn("grouping", c(col));
}
/** The grouping bits of the columns as one integer. @example groupingId("a", "b") */
export function groupingId(...cols: ColumnOrName[]): Column {
  return fn("grouping_id", ...cols.map(c));
}
/** Last value of the group (the last non-null when `ignorenulls`). @example last("x") */
export function last(col: ColumnOrName, ignorenulls = false): Column {
  return fn("last", c(col), ignorenulls);
}
/** Last value (as a window function too). @example lastValue("x", true) */
export function lastValue(col: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return fn("last_value", c(col), ...opt(ignoreNulls));
}
/** The non-null strings (or binaries) joined by `delimiter`. @example listagg("name", ", ") */
export function listagg(col: ColumnOrName, delimiter?: string | Uint8Array | Column): Column {
  return fn("listagg", c(col), ...opt(delimiter));
}
/** listagg of the distinct values. @example listaggDistinct("name", ", ") */
export function listaggDistinct(col: ColumnOrName, delimiter?: string | Uint8Array | Column): Column {
  return distinct("listagg", [c(col), ...opt(delimiter).map(lit)]);
}
/** Largest value. @example max("amount") */
export function max(col: ColumnOrName): Column {
  return fn("max", c(col));
}
/** The value of `col` on the row with the largest `ord`. @example maxBy("name", "score") */
export function maxBy(col: ColumnOrName, ord: ColumnOrName): Column {
  return fn("max_by", c(col), c(ord));
}
/** Same as avg. @example mean("amount") */
export function mean(col: ColumnOrName): Column {
  return fn("avg", c(col));
}
/** Smallest value. @example min("amount") */
export function min(col: ColumnOrName): Column {
  return fn("min", c(col));
}
/** The value of `col` on the row with the smallest `ord`. @example minBy("name", "score") */
export function minBy(col: ColumnOrName, ord: ColumnOrName): Column {
  return fn("min_by", c(col), c(ord));
}
/** Product of the values. @example product("factor") */
export function product(col: ColumnOrName): Column {
  return fn("product", c(col));
}
/** Same as boolOr. @example some("ok") */
export function some(col: ColumnOrName): Column {
  return fn("some", c(col));
}
/** Same as listagg. @example stringAgg("name", ", ") */
export function stringAgg(col: ColumnOrName, delimiter?: string | Uint8Array | Column): Column {
  return fn("string_agg", c(col), ...opt(delimiter));
}
/** stringAgg of the distinct values. @example stringAggDistinct("name", ", ") */
export function stringAggDistinct(col: ColumnOrName, delimiter?: string | Uint8Array | Column): Column {
  return distinct("string_agg", [c(col), ...opt(delimiter).map(lit)]);
}
/** Sum. @example sum("amount") */
export function sum(col: ColumnOrName): Column {
  return fn("sum", c(col));
}
/** Sum of the distinct values. @example sumDistinct("amount") */
export function sumDistinct(col: ColumnOrName): Column {
  return distinct("sum", [c(col)]);
}
/** Average, null on overflow. @example tryAvg("amount") */
export function tryAvg(col: ColumnOrName): Column {
  return fn("try_avg", c(col));
}
/** Sum, null on overflow. @example trySum("amount") */
export function trySum(col: ColumnOrName): Column {
  return fn("try_sum", c(col));
}
