// Higher-order functions: JS callbacks receive placeholder Columns and return a Column,
// which becomes a Spark lambda with fresh parameter names.
import type { Column } from "../Column.js";
import { c, type ColumnOrName, lambda } from "./args.js";
import { fn } from "./core.js";

type F1 = (x: Column) => Column;
type F2 = (x: Column, y: Column) => Column;
type F3 = (x: Column, y: Column, z: Column) => Column;

/** One or two lambda parameters (element, index), as many as the callback declares. */
const elementLambda = (f: F2): Column => lambda(f, f.length >= 2 ? 2 : 1);

/** Folds the array from `initialValue` with `merge`, then applies `finish`. @example aggregate("arr", lit(0), (acc, x) => acc.plus(x)) */
export function aggregate(col: ColumnOrName, initialValue: ColumnOrName, merge: F2, finish?: F1): Column {
  const lambdas = finish ? [lambda(merge, 2), lambda(finish, 1)] : [lambda(merge, 2)];
  return fn("aggregate", c(col), c(initialValue), ...lambdas);
}
/** Same as aggregate. @example reduce("arr", lit(0), (acc, x) => acc.plus(x), (acc) => acc.multiply(10)) */
export function reduce(col: ColumnOrName, initialValue: ColumnOrName, merge: F2, finish?: F1): Column {
  const lambdas = finish ? [lambda(merge, 2), lambda(finish, 1)] : [lambda(merge, 2)];
  return fn("reduce", c(col), c(initialValue), ...lambdas);
}
/**
 * Sorted array: ascending with nulls last, or by `comparator(a, b)` returning a negative
 * integer, 0 or a positive integer.
 * @example arraySort("arr", (a, b) => b.minus(a))
 */
export function arraySort(col: ColumnOrName, comparator?: F2): Column {
  return comparator ? fn("array_sort", c(col), lambda(comparator, 2)) : fn("array_sort", c(col));
}
/** True when the predicate holds for some element. @example exists("arr", (x) => x.gt(2)) */
export function exists(col: ColumnOrName, f: F1): Column {
  return fn("exists", c(col), lambda(f, 1));
}
/** Elements for which the predicate holds; a two-parameter callback also gets the 0-based index. @example filter("arr", (x) => x.gt(1)) */
export function filter(col: ColumnOrName, f: (x: Column, index: Column) => Column): Column {
  return fn("filter", c(col), elementLambda(f));
}
/** True when the predicate holds for every element. @example forall("arr", (x) => x.gt(0)) */
export function forall(col: ColumnOrName, f: F1): Column {
  return fn("forall", c(col), lambda(f, 1));
}
/** Entries of a map for which the predicate of key and value holds. @example mapFilter("m", (k, v) => v.gt(0)) */
export function mapFilter(col: ColumnOrName, f: F2): Column {
  return fn("map_filter", c(col), lambda(f, 2));
}
/** Merges two maps by key with `f(key, value1, value2)`. @example mapZipWith("m1", "m2", (k, a, b) => a.plus(b)) */
export function mapZipWith(col1: ColumnOrName, col2: ColumnOrName, f: F3): Column {
  return fn("map_zip_with", c(col1), c(col2), lambda(f, 3));
}
/** Each element mapped by `f`; a two-parameter callback also gets the 0-based index. @example transform("arr", (x) => x.multiply(2)) */
export function transform(col: ColumnOrName, f: (x: Column, index: Column) => Column): Column {
  return fn("transform", c(col), elementLambda(f));
}
/** A map with each key replaced by `f(key, value)`. @example transformKeys("m", (k, v) => upper(k)) */
export function transformKeys(col: ColumnOrName, f: F2): Column {
  return fn("transform_keys", c(col), lambda(f, 2));
}
/** A map with each value replaced by `f(key, value)`. @example transformValues("m", (k, v) => v.plus(1)) */
export function transformValues(col: ColumnOrName, f: F2): Column {
  return fn("transform_values", c(col), lambda(f, 2));
}
/** Merges two arrays element-wise with `f(left, right)` (nulls pad the shorter). @example zipWith("a", "b", (x, y) => x.plus(y)) */
export function zipWith(left: ColumnOrName, right: ColumnOrName, f: F2): Column {
  return fn("zip_with", c(left), c(right), lambda(f, 2));
}
