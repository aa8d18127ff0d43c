// VARIANT functions: semi-structured values parsed from JSON.
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** True when the variant holds a JSON null (not a SQL null). @example isVariantNull("v") */
export function isVariantNull(v: ColumnOrName): Column {
  return fn("is_variant_null", c(v));
}
/** Parses a JSON string to a VARIANT; fails on invalid JSON. @example parseJson("js") */
export function parseJson(col: ColumnOrName): Column {
  return fn("parse_json", c(col));
}
/** Like parseJson, null on invalid JSON. @example tryParseJson("js") */
export function tryParseJson(col: ColumnOrName): Column {
  return fn("try_parse_json", c(col));
}
/** The DDL schema of a variant value. @example schemaOfVariant("v") */
export function schemaOfVariant(v: ColumnOrName): Column {
  return fn("schema_of_variant", c(v));
}
/** Aggregate: the merged DDL schema of all variant values. @example schemaOfVariantAgg("v") */
export function schemaOfVariantAgg(v: ColumnOrName): Column {
  return fn("schema_of_variant_agg", c(v));
}
/** The value at a JSONPath of a variant, cast to `targetType`; fails when it cannot cast. @example variantGet("v", "$.a", "int") */
export function variantGet(v: ColumnOrName, path: string | Column, targetType: string): Column {
  return fn("variant_get", c(v), path, targetType);
}
/** Like variantGet, null when the value cannot cast. @example tryVariantGet("v", "$.a", "int") */
export function tryVariantGet(v: ColumnOrName, path: string | Column, targetType: string): Column {
  return fn("try_variant_get", c(v), path, targetType);
}
/** Converts a struct or map (nested) to a variant object. @example toVariantObject(struct("a", "b")) */
export function toVariantObject(col: ColumnOrName): Column {
  return fn("to_variant_object", c(col));
}
