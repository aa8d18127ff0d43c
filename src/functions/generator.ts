// Generator functions: each input row becomes zero or more rows (one generator per select).
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** A row per array element (column `col`) or map entry (`key`, `value`). @example explode("arr") */
export function explode(col: ColumnOrName): Column {
  return fn("explode", c(col));
}
/** Like explode, with one row of nulls for a null or empty collection. @example explodeOuter("arr") */
export function explodeOuter(col: ColumnOrName): Column {
  return fn("explode_outer", c(col));
}
/** A row per struct of an array, its fields as columns. @example inline("structs") */
export function inline(col: ColumnOrName): Column {
  return fn("inline", c(col));
}
/** Like inline, with one row of nulls for a null or empty array. @example inlineOuter("structs") */
export function inlineOuter(col: ColumnOrName): Column {
  return fn("inline_outer", c(col));
}
/** Like explode, with the 0-based position in column `pos`. @example posexplode("arr") */
export function posexplode(col: ColumnOrName): Column {
  return fn("posexplode", c(col));
}
/** Like posexplode, with one row of nulls for a null or empty collection. @example posexplodeOuter("arr") */
export function posexplodeOuter(col: ColumnOrName): Column {
  return fn("posexplode_outer", c(col));
}
/** Spreads the values over `n` rows (the first argument), columns col0, col1, ... @example stack(lit(2), "a", "b", "c", "d") */
export function stack(...cols: ColumnOrName[]): Column {
  return fn("stack", ...cols.map(c));
}
