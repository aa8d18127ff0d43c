// Sort orders, for orderBy and window ordering.
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";

/** Ascending order, nulls first. @example df.orderBy(asc("x")) */
export function asc(col: ColumnOrName): Column {
  return c(col).asc();
}
/** Ascending order, nulls first. @example df.orderBy(ascNullsFirst("x")) */
export function ascNullsFirst(col: ColumnOrName): Column {
  return c(col).ascNullsFirst();
}
/** Ascending order, nulls last. @example df.orderBy(ascNullsLast("x")) */
export function ascNullsLast(col: ColumnOrName): Column {
  return c(col).ascNullsLast();
}
/** Descending order, nulls last. @example df.orderBy(desc("x")) */
export function desc(col: ColumnOrName): Column {
  return c(col).desc();
}
/** Descending order, nulls first. @example df.orderBy(descNullsFirst("x")) */
export function descNullsFirst(col: ColumnOrName): Column {
  return c(col).descNullsFirst();
}
/** Descending order, nulls last. @example df.orderBy(descNullsLast("x")) */
export function descNullsLast(col: ColumnOrName): Column {
  return c(col).descNullsLast();
}
