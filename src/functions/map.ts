// Map functions.
import type { Column, ColumnOrValue } from "../Column.js";
import { c, type ColumnOrName, oc } from "./args.js";
import { fn } from "./core.js";

/** A map from alternating key and value columns (also given as one array). @example createMap(lit("a"), "x", lit("b"), "y") */
export function createMap(...cols: (ColumnOrName | readonly ColumnOrName[])[]): Column {
  const list = cols.length === 1 && Array.isArray(cols[0]) ? (cols[0] as readonly ColumnOrName[]) : (cols as ColumnOrName[]);
  return fn("map", ...list.map(c));
}
/** Union of maps (duplicate keys fail unless spark.sql.mapKeyDedupPolicy says otherwise). @example mapConcat("m1", "m2") */
export function mapConcat(...cols: (ColumnOrName | readonly ColumnOrName[])[]): Column {
  const list = cols.length === 1 && Array.isArray(cols[0]) ? (cols[0] as readonly ColumnOrName[]) : (cols as ColumnOrName[]);
  return fn("map_concat", ...list.map(c));
}
/** True when the map has the key (a literal unless a Column). @example mapContainsKey("m", "a") */
export function mapContainsKey(col: ColumnOrName, value: ColumnOrValue): Column {
  return fn("map_contains_key", c(col), value);
}
/** The entries as an array of key/value structs. @example mapEntries("m") */
export function mapEntries(col: ColumnOrName): Column {
  return fn("map_entries", c(col));
}
/** A map from an array of keys and an array of values. @example mapFromArrays("ks", "vs") */
export function mapFromArrays(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("map_from_arrays", c(col1), c(col2));
}
/** A map from an array of key/value structs. @example mapFromEntries("entries") */
export function mapFromEntries(col: ColumnOrName): Column {
  return fn("map_from_entries", c(col));
}
/** The keys, as an array. @example mapKeys("m") */
export function mapKeys(col: ColumnOrName): Column {
  return fn("map_keys", c(col));
}
/** The values, as an array. @example mapValues("m") */
export function mapValues(col: ColumnOrName): Column {
  return fn("map_values", c(col));
}
/** A map parsed from text: pairs split by `pairDelim` (","), key and value by `keyValueDelim` (":"). @example strToMap("s", lit(";"), lit("=")) */
export function strToMap(text: ColumnOrName, pairDelim?: ColumnOrName, keyValueDelim?: ColumnOrName): Column {
  return fn("str_to_map", c(text), oc(pairDelim) ?? ",", oc(keyValueDelim) ?? ":");
}
