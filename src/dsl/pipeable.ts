// Data-last forms of the lambda methods, for `pipe(df, where(...), select(...))`.
import type { DataFrame } from "../DataFrame.js";
import type { QueryLambda } from "./brand.js";
import type { GroupedData } from "../GroupedData.js";

/**
 * Data-last where: `pipe(df, where(e => e.amount > 100))`.
 *
 * @example
 * ```ts
 * pipe(orders, where((e: Order) => e.amount > 100));
 * ```
 */
export function where<Row>(predicate: QueryLambda<"filter", (row: Row) => boolean | null>): (df: DataFrame<Row>) => DataFrame<Row> {
  return (df) => df.where(predicate);
}

/**
 * Data-last filter (same as where).
 *
 * @example
 * ```ts
 * pipe(orders, filter((e: Order) => e.country === "PL"));
 * ```
 */
export function filter<Row>(predicate: QueryLambda<"filter", (row: Row) => boolean | null>): (df: DataFrame<Row>) => DataFrame<Row> {
  return (df) => df.filter(predicate);
}

/**
 * Data-last select.
 *
 * @example
 * ```ts
 * pipe(orders, select((e: Order) => ({ id: e.id, gross: e.net * 1.23 })));
 * ```
 */
export function select<Row, R>(fn: QueryLambda<"fields", (row: Row) => R>): (df: DataFrame<Row>) => DataFrame<R> {
  return (df) => df.select(fn);
}

/**
 * Data-last withColumns.
 *
 * @example
 * ```ts
 * pipe(orders, withColumns((e: Order) => ({ big: e.amount > 1000 })));
 * ```
 */
export function withColumns<Row, R>(fn: QueryLambda<"fields", (row: Row) => R>): (df: DataFrame<Row>) => DataFrame<Omit<Row, keyof R> & R> {
  return (df) => df.withColumns(fn) as unknown as DataFrame<Omit<Row, keyof R> & R>;
}

/**
 * Data-last groupBy.
 *
 * @example
 * ```ts
 * pipe(orders, groupBy((e: Order) => ({ country: e.country })));
 * ```
 */
export function groupBy<Row, K>(fn: QueryLambda<"fields", (row: Row) => K>): (df: DataFrame<Row>) => GroupedData<Row, K> {
  return (df) => df.groupBy(fn);
}

/**
 * Data-last orderBy.
 *
 * @example
 * ```ts
 * pipe(orders, orderBy((e: Order) => [desc(e.amount)]));
 * ```
 */
export function orderBy<Row>(fn: QueryLambda<"orderBy", (row: Row) => unknown>): (df: DataFrame<Row>) => DataFrame<Row> {
  return (df) => df.orderBy(fn);
}
