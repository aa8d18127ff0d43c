// Row types of joins on a query lambda: which columns a join returns, and which of them
// can be null, computed from the join type given as a literal (see docs/dsl.md, "Row types
// of joins"). Row types of set operations, which match columns by name (docs/dataframe.md).
// Spark compares column names case-insensitively (spark.sql.caseSensitive is false by
// default), and so do these types.

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
 * Marks a joined row whose sides both have the columns `Names`, compared case-insensitively
 * as Spark resolves names (`Name` on one side and `name` on the other are listed both).
 * Those columns are left out of the row (the joined data has two of each, and a read by
 * name cannot tell them apart), so reading one is a compile error that names this type:
 * rename the column on one side before the join, e.g.
 * `users.select((u) => ({ uid: u.id, name: u.name }))` or `withColumnRenamed`. It adds no
 * fields.
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

/** A row's column names in lower case. */
type LowerNames<T> = Lowercase<keyof T & string>;

/** T's column names that U has too, compared case-insensitively, spelt as in T. */
type NamesAlsoIn<T, U> = { [K in keyof T & string]: Lowercase<K> extends LowerNames<U> ? K : never }[keyof T & string];

/** T's column names that U lacks, compared case-insensitively, spelt as in T. */
type NamesNotIn<T, U> = { [K in keyof T & string]: Lowercase<K> extends LowerNames<U> ? never : K }[keyof T & string];

/**
 * The column names both rows have, compared case-insensitively as Spark resolves them,
 * with every spelling of each side (`Name` and `name`); none when either is an untyped record.
 */
type SharedNames<L, R> = string extends keyof L ? never : string extends keyof R ? never : NamesAlsoIn<L, R> | NamesAlsoIn<R, L>;

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
 * the left side nullable, the right side nullable and optional. Columns on both sides
 * (case-insensitively) are left out and the row marked with {@link ColumnsOnBothSides}
 * (not for semi/anti joins, whose rows have only the left columns).
 */
export type JoinRow<L, R, H> = [KindOf<H>] extends ["semi"]
  ? L
  : WithoutShared<LeftPart<L, KindOf<H>> & RightPart<R, KindOf<H>>, SharedNames<L, R>>;

// ---- set operations ----

/** Whether T states no columns to check: an untyped record, `unknown` or `any`. */
type Untyped<T> = unknown extends T ? true : string extends keyof T ? true : false;

/**
 * The type a set operation asks of its other side when the two rows' column names differ
 * (compared case-insensitively): `OnlyThisSide` are this side's names the other lacks,
 * `OnlyOtherSide` the other's names this side lacks. No DataFrame has it, so the call is a
 * compile error that names this type and the fix. Set operations match columns by name.
 */
export interface ColumnNamesDiffer<OnlyThisSide extends string, OnlyOtherSide extends string, Fix extends string> {
  readonly "both sides need the same column names": [OnlyThisSide, OnlyOtherSide, Fix];
}

/** The fix a compile error of `union` and `unionAll` names. */
export type UnionByNameFix = "union matches columns by name: rename columns to match (select or withColumnRenamed), or combine them by position with unionByPosition";

/** The fix a compile error of `intersect`, `intersectAll`, `subtract` and `exceptAll` names. */
export type SetOpByNameFix = "set operations match columns by name: rename columns to match (select or withColumnRenamed)";

/** The fix a compile error of `unionByPosition` names. */
export type ByPositionFix = "unionByPosition matches columns by position: give both sides the same columns in the same order";

/**
 * `unknown` (no constraint) when R has L's column names, compared case-insensitively, or
 * when either row is untyped; else {@link ColumnNamesDiffer}.
 */
export type SameColumnNames<L, R, Fix extends string> =
  Untyped<L> extends true
    ? unknown
    : Untyped<R> extends true
      ? unknown
      : [NamesNotIn<L, R> | NamesNotIn<R, L>] extends [never]
        ? unknown
        : ColumnNamesDiffer<NamesNotIn<L, R>, NamesNotIn<R, L>, Fix>;

/** U's column whose name is K case-insensitively: its type. */
type ColumnOf<U, K extends string> = { [Q in keyof U & string]: Lowercase<Q> extends Lowercase<K> ? U[Q] : never }[keyof U & string];

/**
 * The row of `left.union(right)` (by name): the left side's columns, each of either side's
 * type (`number` and `number | null` give `number | null`). L itself when R's rows fit it,
 * and when either side is untyped.
 */
export type UnionRow<L, R> =
  Untyped<L> extends true ? L : Untyped<R> extends true ? L : [R] extends [L] ? L : Flatten<{ [K in keyof L]: L[K] | ColumnOf<R, K & string> }>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** One member of the union U. */
type OneOf<U> = UnionToIntersection<U extends unknown ? () => U : never> extends () => infer M ? M : never;

/** The number of members of the union U. */
type Count<U, Acc extends 0[] = []> = [U] extends [never] ? Acc["length"] : Count<Exclude<U, OneOf<U>>, [...Acc, 0]>;

/** The number of columns of a row type. */
export type ColumnCount<T> = Count<keyof T & string>;

/**
 * The type `unionByPosition` asks of its other side when the rows have different numbers
 * of columns. No DataFrame has it, so the call is a compile error that names this type.
 */
export interface ColumnCountsDiffer<ThisSide extends number, OtherSide extends number, Fix extends string> {
  readonly "both sides need the same number of columns": [ThisSide, OtherSide, Fix];
}

/** `unknown` (no constraint) when both rows have as many columns, or either is untyped; else {@link ColumnCountsDiffer}. */
export type SameColumnCount<L, R, Fix extends string> =
  Untyped<L> extends true
    ? unknown
    : Untyped<R> extends true
      ? unknown
      : [ColumnCount<L>] extends [ColumnCount<R>]
        ? unknown
        : ColumnCountsDiffer<ColumnCount<L>, ColumnCount<R>, Fix>;
