// Ranking and offset window functions: use with over(Window...).
import type { Column, ColumnOrValue } from "../Column.js";
import { c, type ColumnOrName, opt } from "./args.js";
import { fn } from "./core.js";

/** Fraction of rows of the partition ordered at or before this row. @example cumeDist().over(Window.orderBy("x")) */
export function cumeDist(): Column {
  return fn("cume_dist");
}
/** Rank without gaps after ties. @example denseRank().over(Window.orderBy("x")) */
export function denseRank(): Column {
  return fn("dense_rank");
}
/** Value `offset` rows before, or `defaultValue` (a literal unless a Column). @example lag("x", 1, 0).over(Window.orderBy("t")) */
export function lag(col: ColumnOrName, offset = 1, defaultValue?: ColumnOrValue): Column {
  return fn("lag", c(col), offset, ...opt(defaultValue));
}
/** Value `offset` rows after, or `defaultValue` (a literal unless a Column). @example lead("x").over(Window.orderBy("t")) */
export function lead(col: ColumnOrName, offset = 1, defaultValue?: ColumnOrValue): Column {
  return fn("lead", c(col), offset, ...opt(defaultValue));
}
/** Value of the `offset`-th (1-based) row of the frame. @example nthValue("x", 2).over(Window.orderBy("t")) */
export function nthValue(col: ColumnOrName, offset: number, ignoreNulls = false): Column {
  return fn("nth_value", c(col), offset, ignoreNulls);
}
/** Bucket number 1..n of the row in the ordered partition. @example ntile(4).over(Window.orderBy("x")) */
export function ntile(n: number): Column {
  return fn("ntile", n);
}
/** Relative rank (rank - 1) / (rows - 1). @example percentRank().over(Window.orderBy("x")) */
export function percentRank(): Column {
  return fn("percent_rank");
}
/** Rank with gaps after ties. @example rank().over(Window.orderBy("x")) */
export function rank(): Column {
  return fn("rank");
}
/** Sequential 1-based row number in the ordered partition. @example rowNumber().over(Window.partitionBy("k").orderBy("t")) */
export function rowNumber(): Column {
  return fn("row_number");
}
