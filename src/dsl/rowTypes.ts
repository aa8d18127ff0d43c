// Row types of joins on a query lambda: which columns a join returns, and which of them
// can be null, computed from the join type given as a literal (see docs/dsl.md, "Row types
// of joins").

/** The join types `join(other, lambda, how)` accepts (case-insensitive at run time; typed in lower case). */
export type JoinHow =
  | "inner"
  | "cross"
  | "outer"
  | "full"
  | "fullouter"
  | "full_outer"
  | "left"
  | "leftouter"
  | "left_outer"
  | "right"
  | "rightouter"
  | "right_outer"
  | "semi"
  | "leftsemi"
  | "left_semi"
  | "anti"
  | "leftanti"
  | "left_anti";

/** Flattens an intersection into one object type, so a row displays as a plain object. */
export type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** T with every field also `null`. */
export type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * Marks a joined row whose sides both have the columns `Names`. Those columns are left out
 * of the row (the joined data has two of each, and a read by name cannot tell them apart),
 * so reading one is a compile error that names this type: rename the column on one side
 * before the join, e.g. `users.select((u) => ({ uid: u.id, name: u.name }))` or
 * `withColumnRenamed`. It adds no fields.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
export interface ColumnsOnBothSides<Names extends string, Fix extends string> {}

type KindOf<H> = H extends "inner" | "cross"
  ? "inner"
  : H extends "left" | "leftouter" | "left_outer"
    ? "left"
    : H extends "right" | "rightouter" | "right_outer"
      ? "right"
      : H extends "outer" | "full" | "fullouter" | "full_outer"
        ? "full"
        : H extends "semi" | "leftsemi" | "left_semi" | "anti" | "leftanti" | "left_anti"
          ? "semi"
          : "unknown";

/** The column names both rows have (none when either is an untyped record). */
type SharedNames<L, R> = string extends keyof L ? never : string extends keyof R ? never : keyof L & keyof R & string;

/** Whether any of the kinds K is one of Of. */
type Any<K, Of> = [Extract<K, Of>] extends [never] ? false : true;

type LeftPart<L, K> = Any<K, "right" | "full" | "unknown"> extends true ? Nullable<L> : L;

/** The right side's columns: null where a left row may be unmatched, absent (optional) where the join may be a semi or anti join. */
type RightPart<R, K> = Any<K, "semi" | "unknown"> extends true
  ? Partial<Nullable<R>>
  : Any<K, "left" | "full"> extends true
    ? Nullable<R>
    : R;

type WithoutShared<T, C extends string> = [C] extends [never]
  ? Flatten<T>
  : Flatten<Omit<T, C>> & ColumnsOnBothSides<C, "rename the column on one side before the join (select or withColumnRenamed)">;

/**
 * The row of `left.join(right, (l, r) => ..., how)`:
 * inner/cross: L & R; left: L & Nullable<R>; right: Nullable<L> & R; full/outer: both
 * nullable; semi/anti: L. A `how` that is not a literal (a `string`) may be any of them:
 * the left side nullable, the right side nullable and optional. Columns on both sides are
 * left out and the row marked with {@link ColumnsOnBothSides} (not for semi/anti joins,
 * whose rows have only the left columns).
 */
export type JoinRow<L, R, H> = [KindOf<H>] extends ["semi"]
  ? L
  : WithoutShared<LeftPart<L, KindOf<H>> & RightPart<R, KindOf<H>>, SharedNames<L, R>>;
