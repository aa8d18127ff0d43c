// JSON functions. `options` are the JSON data source options (e.g. { allowComments: true }).
import type { Column } from "../Column.js";
import type { DataType } from "../types/DataType.js";
import { c, type ColumnOrName, options as opts, schemaArg } from "./args.js";
import { fn } from "./core.js";

/** Reader options of the JSON, CSV and XML functions, as strings (other values are stringified). */
export type FormatOptions = Readonly<Record<string, string | number | boolean>>;

/** Parses a JSON string with a schema (DDL text like "a INT, b STRING", a Column, or a DataType). @example fromJson("js", "a INT, b STRING") */
export function fromJson(col: ColumnOrName, schema: string | Column | DataType, options?: FormatOptions): Column {
  return fn("from_json", c(col), schemaArg(schema), ...opts(options));
}
/** The value at a JSONPath (`$.a.b[0]`) of a JSON string, as text. @example getJsonObject("js", "$.a") */
export function getJsonObject(col: ColumnOrName, path: string): Column {
  return fn("get_json_object", c(col), path);
}
/** Number of elements of the outermost JSON array. @example jsonArrayLength("js") */
export function jsonArrayLength(col: ColumnOrName): Column {
  return fn("json_array_length", c(col));
}
/** Keys of the outermost JSON object, as an array. @example jsonObjectKeys("js") */
export function jsonObjectKeys(col: ColumnOrName): Column {
  return fn("json_object_keys", c(col));
}
/** Generator: one row with columns c0, c1, ... holding the given top-level fields. @example jsonTuple("js", "a", "b") */
export function jsonTuple(col: ColumnOrName, ...fields: string[]): Column {
  return fn("json_tuple", c(col), ...fields);
}
/** The DDL schema inferred from a JSON string (a literal unless a Column). @example schemaOfJson('{"a":1}') */
export function schemaOfJson(json: string | Column, options?: FormatOptions): Column {
  return fn("schema_of_json", json, ...opts(options));
}
/** A struct, array, map or variant as a JSON string. @example toJson(struct("a", "b")) */
export function toJson(col: ColumnOrName, options?: FormatOptions): Column {
  return fn("to_json", c(col), ...opts(options));
}
