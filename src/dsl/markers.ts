// Functions that only have meaning inside query lambdas compiled by the transformer.
// Each is branded with its role (DslMarker), which the transformer reads; called at run
// time (uncompiled), each throws with the setup fix.
import { type DslMarker, marker } from "./brand.js";
import { notCompiled } from "./notCompiled.js";

/** `R`, or `R | null` when the input may be null (an aggregate over only nulls is null). */
export type NullIf<T, R> = null extends T ? R | null : R;

/** A sort key made by asc()/desc() inside an orderBy lambda. */
export interface SortKey {
  readonly __sortKey: "asc" | "desc";
}

/**
 * Sum of the values in a group (a double).
 *
 * @example
 * ```ts
 * agg(e => ({ total: sum(e.amount) }))
 * ```
 */
export const sum: (<T extends number | bigint | null>(x: T) => NullIf<T, number>) & DslMarker<"aggregate sum"> = marker(
  "aggregate sum",
  <T extends number | bigint | null>(_x: T): NullIf<T, number> => notCompiled("sum"),
);
/**
 * Average of the values in a group.
 *
 * @example
 * ```ts
 * agg(e => ({ mean: avg(e.amount) }))
 * ```
 */
export const avg: (<T extends number | bigint | null>(x: T) => NullIf<T, number>) & DslMarker<"aggregate avg"> = marker(
  "aggregate avg",
  <T extends number | bigint | null>(_x: T): NullIf<T, number> => notCompiled("avg"),
);
/**
 * Smallest value in a group.
 *
 * @example
 * ```ts
 * agg(e => ({ first: min(e.ts) }))
 * ```
 */
export const min: (<T>(x: T) => T) & DslMarker<"aggregate min"> = marker("aggregate min", <T>(_x: T): T => notCompiled("min"));
/**
 * Largest value in a group.
 *
 * @example
 * ```ts
 * agg(e => ({ last: max(e.ts) }))
 * ```
 */
export const max: (<T>(x: T) => T) & DslMarker<"aggregate max"> = marker("aggregate max", <T>(_x: T): T => notCompiled("max"));
/**
 * Rows in a group, or non-null values of `x`: a number (a double in Spark), so it
 * composes with number arithmetic, e.g. `sum(e.amount) / count()`.
 *
 * @example
 * ```ts
 * agg(e => ({ n: count() }))
 * ```
 */
export const count: ((x?: unknown) => number) & DslMarker<"aggregate count"> = marker("aggregate count", (_x?: unknown): number => notCompiled("count"));
/**
 * Distinct non-null values in a group (a number, as for count).
 *
 * @example
 * ```ts
 * agg(e => ({ users: countDistinct(e.user) }))
 * ```
 */
export const countDistinct: ((x: unknown) => number) & DslMarker<"aggregate countDistinct"> = marker("aggregate countDistinct", (_x: unknown): number => notCompiled("countDistinct"));
/**
 * A value of the group (the first met).
 *
 * @example
 * ```ts
 * agg(e => ({ any: first(e.name) }))
 * ```
 */
export const first: (<T>(x: T) => T) & DslMarker<"aggregate first"> = marker("aggregate first", <T>(_x: T): T => notCompiled("first"));
/**
 * A value of the group (the last met).
 *
 * @example
 * ```ts
 * agg(e => ({ any: last(e.name) }))
 * ```
 */
export const last: (<T>(x: T) => T) & DslMarker<"aggregate last"> = marker("aggregate last", <T>(_x: T): T => notCompiled("last"));
/**
 * The group's values as an array.
 *
 * @example
 * ```ts
 * agg(e => ({ names: collectList(e.name) }))
 * ```
 */
export const collectList: (<T>(x: T) => T[]) & DslMarker<"aggregate collect_list"> = marker("aggregate collect_list", <T>(_x: T): T[] => notCompiled("collectList"));
/**
 * The group's distinct values as an array.
 *
 * @example
 * ```ts
 * agg(e => ({ tags: collectSet(e.tag) }))
 * ```
 */
export const collectSet: (<T>(x: T) => T[]) & DslMarker<"aggregate collect_set"> = marker("aggregate collect_set", <T>(_x: T): T[] => notCompiled("collectSet"));
/**
 * Ascending order (nulls first) in an orderBy lambda.
 *
 * @example
 * ```ts
 * orderBy(e => [asc(e.name)])
 * ```
 */
export const asc: ((x: unknown) => SortKey) & DslMarker<"sort asc"> = marker("sort asc", (_x: unknown): SortKey => notCompiled("asc"));
/**
 * Descending order (nulls last) in an orderBy lambda.
 *
 * @example
 * ```ts
 * orderBy(e => [desc(e.total)])
 * ```
 */
export const desc: ((x: unknown) => SortKey) & DslMarker<"sort desc"> = marker("sort desc", (_x: unknown): SortKey => notCompiled("desc"));

/**
 * A window for {@link over}: rows with the same `partitionBy` values, in `orderBy` order
 * (sort keys `asc(x)`/`desc(x)` or values, ascending); `rows: [from, to]` limits the
 * frame to rows around the current one (negative: before, 0: the current row, null:
 * unbounded). Without `rows`, Spark's default frame applies: the whole partition, or
 * with an order, from its start to the current row and the rows ordered equal to it.
 */
export interface Window {
  readonly partitionBy?: readonly unknown[];
  readonly orderBy?: readonly unknown[];
  readonly rows?: readonly [number | null, number | null];
}

/**
 * An aggregate or window function over a window of rows, in select/withColumns/withColumn
 * lambdas: running totals, ranks, the previous row's value.
 *
 * @example
 * ```ts
 * df.select((e) => ({
 *   id: e.id,
 *   rank: over(F.rowNumber(), { partitionBy: [e.country], orderBy: [desc(e.amount)] }),
 *   share: e.amount / over(sum(e.amount), { partitionBy: [e.country] }),
 *   running: over(sum(e.amount), { orderBy: [e.ts], rows: [null, 0] }),
 * }));
 * ```
 */
export const over: (<T>(value: T, window: Window) => T) & DslMarker<"window over"> = marker(
  "window over",
  <T>(_value: T, _window: Window): T => notCompiled("over"),
);
