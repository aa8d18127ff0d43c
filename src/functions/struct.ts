// Struct functions (fields of a struct: Column.getField, withField, dropFields).
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** A struct of the columns, fields named after them (also given as one array). @example struct("a", col("b").alias("x")) */
export function struct(...cols: (ColumnOrName | readonly ColumnOrName[])[]): Column {
  const list = cols.length === 1 && Array.isArray(cols[0]) ? (cols[0] as readonly ColumnOrName[]) : (cols as ColumnOrName[]);
  return fn("struct", ...list.map(c));
}
/** A struct from alternating name and value columns. @example namedStruct(lit("x"), "a", lit("y"), "b") */
export function namedStruct(...cols: ColumnOrName[]): Column {
  return fn("named_struct", ...cols.map(c));
}
