// Array functions, and functions over arrays, maps and strings alike (size, concat, reverse, element_at).
import type { Column, ColumnOrValue } from "../Column.js";
import { c, cv, type ColumnOrName, oc, opt, seed } from "./args.js";
import { fn } from "./core.js";

const list = (cols: readonly (ColumnOrName | readonly ColumnOrName[])[]): ColumnOrName[] =>
  cols.length === 1 && Array.isArray(cols[0]) ? [...(cols[0] as readonly ColumnOrName[])] : (cols as ColumnOrName[]);

/** An array of the columns (also given as one array). @example array("a", "b") */
export function array(...cols: (ColumnOrName | readonly ColumnOrName[])[]): Column {
  return fn("array", ...list(cols).map(c));
}
/** The array with `value` (a literal unless a Column) added at the end. @example arrayAppend("arr", 4) */
export function arrayAppend(col: ColumnOrName, value: ColumnOrValue): Column {
  return fn("array_append", c(col), value);
}
/** The array without nulls. @example arrayCompact("arr") */
export function arrayCompact(col: ColumnOrName): Column {
  return fn("array_compact", c(col));
}
/** True when the array contains `value` (a literal unless a Column). @example arrayContains("tags", "a") */
export function arrayContains(col: ColumnOrName, value: ColumnOrValue): Column {
  return fn("array_contains", c(col), value);
}
/** The array without duplicates. @example arrayDistinct("arr") */
export function arrayDistinct(col: ColumnOrName): Column {
  return fn("array_distinct", c(col));
}
/** Elements of `col1` not in `col2`, without duplicates. @example arrayExcept("a", "b") */
export function arrayExcept(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("array_except", c(col1), c(col2));
}
/** The array with `value` inserted at 1-based `pos` (negative from the end). @example arrayInsert("arr", 1, 0) */
export function arrayInsert(arr: ColumnOrName, pos: ColumnOrName | number, value: ColumnOrValue): Column {
  return fn("array_insert", c(arr), cv(pos), value);
}
/** Elements in both arrays, without duplicates. @example arrayIntersect("a", "b") */
export function arrayIntersect(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("array_intersect", c(col1), c(col2));
}
/** Joins the elements with `delimiter`, nulls skipped or replaced by `nullReplacement`. @example arrayJoin("tags", ",") */
export function arrayJoin(col: ColumnOrName, delimiter: string, nullReplacement?: string): Column {
  return fn("array_join", c(col), delimiter, ...opt(nullReplacement));
}
/** Largest element. @example arrayMax("arr") */
export function arrayMax(col: ColumnOrName): Column {
  return fn("array_max", c(col));
}
/** Smallest element. @example arrayMin("arr") */
export function arrayMin(col: ColumnOrName): Column {
  return fn("array_min", c(col));
}
/** 1-based position of the first `value` (a literal unless a Column), 0 if absent. @example arrayPosition("arr", 2) */
export function arrayPosition(col: ColumnOrName, value: ColumnOrValue): Column {
  return fn("array_position", c(col), value);
}
/** The array with `value` (a literal unless a Column) added at the start. @example arrayPrepend("arr", 0) */
export function arrayPrepend(col: ColumnOrName, value: ColumnOrValue): Column {
  return fn("array_prepend", c(col), value);
}
/** The array without any element equal to `element`. @example arrayRemove("arr", 2) */
export function arrayRemove(col: ColumnOrName, element: ColumnOrValue): Column {
  return fn("array_remove", c(col), element);
}
/** An array of `col` repeated `count` times. @example arrayRepeat("s", 3) */
export function arrayRepeat(col: ColumnOrName, count: ColumnOrName | number): Column {
  return fn("array_repeat", c(col), cv(count));
}
/** Number of elements. @example arraySize("arr") */
export function arraySize(col: ColumnOrName): Column {
  return fn("array_size", c(col));
}
/** Elements of either array, without duplicates. @example arrayUnion("a", "b") */
export function arrayUnion(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("array_union", c(col1), c(col2));
}
/** True when the arrays share a non-null element. @example arraysOverlap("a", "b") */
export function arraysOverlap(a1: ColumnOrName, a2: ColumnOrName): Column {
  return fn("arrays_overlap", c(a1), c(a2));
}
/** An array of structs whose i-th holds the i-th elements of each array. @example arraysZip("a", "b") */
export function arraysZip(...cols: ColumnOrName[]): Column {
  return fn("arrays_zip", ...cols.map(c));
}
/** Number of elements of an array or map. @example cardinality("arr") */
export function cardinality(col: ColumnOrName): Column {
  return fn("cardinality", c(col));
}
/** Concatenates strings, binaries or arrays. @example concat("first", lit(" "), "last") */
export function concat(...cols: ColumnOrName[]): Column {
  return fn("concat", ...cols.map(c));
}
/** Array element at 1-based `extraction` (negative from the end) or map value at a key; literals unless Columns. @example elementAt("arr", 1) */
export function elementAt(col: ColumnOrName, extraction: ColumnOrValue): Column {
  return fn("element_at", c(col), extraction);
}
/** One array from an array of arrays. @example flatten("nested") */
export function flatten(col: ColumnOrName): Column {
  return fn("flatten", c(col));
}
/** Array element at 0-based `index`, null when out of range. @example get("arr", 0) */
export function get(col: ColumnOrName, index: ColumnOrName | number): Column {
  return fn("get", c(col), cv(index));
}
/** Reversed string or array. @example reverse("arr") */
export function reverse(col: ColumnOrName): Column {
  return fn("reverse", c(col));
}
/** Integers (or dates, timestamps) from `start` to `stop` inclusive by `step`. @example sequence(lit(1), lit(5)) */
export function sequence(start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column {
  return fn("sequence", c(start), c(stop), ...opt(oc(step)));
}
/** The array in random order; the client picks a seed when none is given. @example shuffle("arr") */
export function shuffle(col: ColumnOrName, seedValue?: number | Column): Column {
  return fn("shuffle", c(col), seed(seedValue));
}
/** Number of elements of an array or map (-1 for null under legacy settings). @example size("arr") */
export function size(col: ColumnOrName): Column {
  return fn("size", c(col));
}
/** `length` elements from 1-based `start` (negative from the end). @example slice("arr", 2, 2) */
export function slice(x: ColumnOrName, start: ColumnOrName | number, length: ColumnOrName | number): Column {
  return fn("slice", c(x), cv(start), cv(length));
}
/** Sorted array, ascending (nulls first) or descending (nulls last). @example sortArray("arr", false) */
export function sortArray(col: ColumnOrName, asc = true): Column {
  return fn("sort_array", c(col), asc);
}
/** Like elementAt, null when the index is out of range or the key absent. @example tryElementAt("arr", lit(5)) */
export function tryElementAt(col: ColumnOrName, extraction: ColumnOrName): Column {
  return fn("try_element_at", c(col), c(extraction));
}
