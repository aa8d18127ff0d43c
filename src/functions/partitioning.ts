// Partition transforms, for DataFrameWriterV2.partitionedBy (e.g.
// `df.writeTo("t").partitionedBy(years("ts")).create()`): they name how a table's
// partitions derive from a column and mean nothing in a query's select.
import type { Column } from "../Column.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import { c, type ColumnOrName } from "./args.js";
import { fn, lit } from "./core.js";

/** Partitions by the year of a date or timestamp. @example df.writeTo("t").partitionedBy(years("ts")) */
export function years(col: ColumnOrName): Column {
  return fn("years", c(col));
}
/** Partitions by the month of a date or timestamp. @example df.writeTo("t").partitionedBy(months("ts")) */
export function months(col: ColumnOrName): Column {
  return fn("months", c(col));
}
/** Partitions by the day of a date or timestamp. @example df.writeTo("t").partitionedBy(days("ts")) */
export function days(col: ColumnOrName): Column {
  return fn("days", c(col));
}
/** Partitions by the hour of a timestamp. @example df.writeTo("t").partitionedBy(hours("ts")) */
export function hours(col: ColumnOrName): Column {
  return fn("hours", c(col));
}
/**
 * Partitions into `numBuckets` buckets by a hash of the column.
 *
 * @example df.writeTo("t").partitionedBy(bucket(16, "id"))
 */
export function bucket(numBuckets: number | Column, col: ColumnOrName): Column {
  if (typeof numBuckets === "number" && !(Number.isSafeInteger(numBuckets) && numBuckets > 0)) {
    throw new InvalidPlanError({ message: `bucket(): numBuckets must be a positive whole number or a Column (got ${numBuckets}).` });
  }
  return fn("bucket", typeof numBuckets === "number" ? lit(numBuckets) : numBuckets, c(col));
}
