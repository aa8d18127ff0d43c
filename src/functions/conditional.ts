// Null handling, conditionals and predicates (`when` is in core).
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** First non-null value. @example coalesce("nickname", "name") */
export function coalesce(...cols: ColumnOrName[]): Column {
  return fn("coalesce", ...cols.map(c));
}
/** Null-safe equality: true when both are null. @example equalNull("a", "b") */
export function equalNull(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("equal_null", c(col1), c(col2));
}
/** `col2` when `col1` is null, else `col1`. @example ifnull("a", lit(0)) */
export function ifnull(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("ifnull", c(col1), c(col2));
}
/** True when NaN. @example isnan("x") */
export function isnan(col: ColumnOrName): Column {
  return fn("isnan", c(col));
}
/** True when not null. @example isnotnull("x") */
export function isnotnull(col: ColumnOrName): Column {
  return fn("isnotnull", c(col));
}
/** True when null. @example isnull("x") */
export function isnull(col: ColumnOrName): Column {
  return fn("isnull", c(col));
}
/** `col1` unless it is NaN, then `col2`. @example nanvl("x", "y") */
export function nanvl(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("nanvl", c(col1), c(col2));
}
/** Null when the two are equal, else `col1`. @example nullif("a", lit(0)) */
export function nullif(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("nullif", c(col1), c(col2));
}
/** Null when the value is 0. @example nullifzero("x") */
export function nullifzero(col: ColumnOrName): Column {
  return fn("nullifzero", c(col));
}
/** Same as ifnull. @example nvl("a", lit(0)) */
export function nvl(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("nvl", c(col1), c(col2));
}
/** `col2` when `col1` is not null, else `col3`. @example nvl2("a", lit("set"), lit("unset")) */
export function nvl2(col1: ColumnOrName, col2: ColumnOrName, col3: ColumnOrName): Column {
  return fn("nvl2", c(col1), c(col2), c(col3));
}
/** 0 when the value is null. @example zeroifnull("x") */
export function zeroifnull(col: ColumnOrName): Column {
  return fn("zeroifnull", c(col));
}
