// CSV functions. `options` are the CSV data source options (e.g. { sep: ";" }).
import type { Column } from "../Column.js";
import type { DataType } from "../types/DataType.js";
import { c, type ColumnOrName, options as opts, schemaArg } from "./args.js";
import { fn } from "./core.js";
import type { FormatOptions } from "./json.js";

/** Parses a CSV line with a DDL schema ("a INT, b STRING"). @example fromCsv("line", "a INT, b STRING") */
export function fromCsv(col: ColumnOrName, schema: string | Column | DataType, options?: FormatOptions): Column {
  return fn("from_csv", c(col), schemaArg(schema), ...opts(options));
}
/** The DDL schema inferred from a CSV line (a literal unless a Column). @example schemaOfCsv("1,abc") */
export function schemaOfCsv(csv: string | Column, options?: FormatOptions): Column {
  return fn("schema_of_csv", csv, ...opts(options));
}
/** A struct as a CSV line. @example toCsv(struct("a", "b")) */
export function toCsv(col: ColumnOrName, options?: FormatOptions): Column {
  return fn("to_csv", c(col), ...opts(options));
}
