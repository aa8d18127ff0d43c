// XML functions and XPath queries.
import type { Column } from "../Column.js";
import type { DataType } from "../types/DataType.js";
import { c, type ColumnOrName, options as opts, schemaArg } from "./args.js";
import { fn } from "./core.js";
import type { FormatOptions } from "./json.js";

/** Parses an XML string with a DDL schema. @example fromXml("xml", "a INT") */
export function fromXml(col: ColumnOrName, schema: string | Column | DataType, options?: FormatOptions): Column {
  return fn("from_xml", c(col), schemaArg(schema), ...opts(options));
}
/** The DDL schema inferred from an XML string (a literal unless a Column). @example schemaOfXml("<p><a>1</a></p>") */
export function schemaOfXml(xml: string | Column, options?: FormatOptions): Column {
  return fn("schema_of_xml", xml, ...opts(options));
}
/** A struct as an XML string. @example toXml(struct("a")) */
export function toXml(col: ColumnOrName, options?: FormatOptions): Column {
  return fn("to_xml", c(col), ...opts(options));
}
/** Texts of the nodes matching an XPath, as an array. @example xpath("xml", lit("a/b/text()")) */
export function xpath(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath", c(xml), c(path));
}
/** True when the XPath matches. @example xpathBoolean("xml", lit("a/b")) */
export function xpathBoolean(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_boolean", c(xml), c(path));
}
/** The XPath's number as a double. @example xpathDouble("xml", lit("sum(a/b)")) */
export function xpathDouble(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_double", c(xml), c(path));
}
/** The XPath's number as a float. @example xpathFloat("xml", lit("sum(a/b)")) */
export function xpathFloat(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_float", c(xml), c(path));
}
/** The XPath's number as an int. @example xpathInt("xml", lit("sum(a/b)")) */
export function xpathInt(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_int", c(xml), c(path));
}
/** The XPath's number as a long. @example xpathLong("xml", lit("sum(a/b)")) */
export function xpathLong(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_long", c(xml), c(path));
}
/** Same as xpathDouble. @example xpathNumber("xml", lit("sum(a/b)")) */
export function xpathNumber(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_number", c(xml), c(path));
}
/** The XPath's number as a short. @example xpathShort("xml", lit("sum(a/b)")) */
export function xpathShort(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_short", c(xml), c(path));
}
/** Text of the first node matching the XPath. @example xpathString("xml", lit("a/b")) */
export function xpathString(xml: ColumnOrName, path: ColumnOrName): Column {
  return fn("xpath_string", c(xml), c(path));
}
