// The functions module: Spark's built-in SQL functions, named as PySpark's
// pyspark.sql.functions in camelCase. See docs/functions.md.
export { col, column, lit, expr, when, callFunction } from "./core.js";
export type { ColumnOrName } from "./args.js";
export * from "./aggregate.js";
export * from "./bitwise.js";
export * from "./collection.js";
export * from "./conditional.js";
export * from "./csv.js";
export * from "./datetime.js";
export * from "./datetimeMake.js";
export * from "./generator.js";
export * from "./geo.js";
export * from "./hash.js";
export * from "./higherOrder.js";
export * from "./json.js";
export * from "./map.js";
export * from "./math.js";
export * from "./misc.js";
export * from "./regexp.js";
export * from "./sketch.js";
export * from "./sort.js";
export * from "./statistics.js";
export * from "./string.js";
export * from "./struct.js";
export * from "./url.js";
export * from "./variant.js";
export * from "./window.js";
export * from "./xml.js";
