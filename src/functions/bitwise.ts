// Bitwise functions.
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** Number of bits set. @example bitCount("flags") */
export function bitCount(col: ColumnOrName): Column {
  return fn("bit_count", c(col));
}
/** The bit (0 or 1) at position `pos`, counted from the right from 0. @example bitGet("flags", lit(2)) */
export function bitGet(col: ColumnOrName, pos: ColumnOrName): Column {
  return fn("bit_get", c(col), c(pos));
}
/** Same as bitGet. @example getbit("flags", lit(2)) */
export function getbit(col: ColumnOrName, pos: ColumnOrName): Column {
  return fn("getbit", c(col), c(pos));
}
/** Bitwise NOT. @example bitwiseNot("flags") */
export function bitwiseNot(col: ColumnOrName): Column {
  return fn("~", c(col));
}
/** Bitwise NOT (PySpark's deprecated name). @example bitwiseNOT("flags") */
export function bitwiseNOT(col: ColumnOrName): Column {
  return fn("~", c(col));
}
/** Shifts left by `numBits`. @example shiftleft("n", 2) */
export function shiftleft(col: ColumnOrName, numBits: number): Column {
  return fn("shiftleft", c(col), numBits);
}
/** Same as shiftleft (PySpark's deprecated name). @example shiftLeft("n", 2) */
export function shiftLeft(col: ColumnOrName, numBits: number): Column {
  return fn("shiftleft", c(col), numBits);
}
/** Arithmetic (signed) shift right by `numBits`. @example shiftright("n", 2) */
export function shiftright(col: ColumnOrName, numBits: number): Column {
  return fn("shiftright", c(col), numBits);
}
/** Same as shiftright (PySpark's deprecated name). @example shiftRight("n", 2) */
export function shiftRight(col: ColumnOrName, numBits: number): Column {
  return fn("shiftright", c(col), numBits);
}
/** Logical (unsigned) shift right by `numBits`. @example shiftrightunsigned("n", 2) */
export function shiftrightunsigned(col: ColumnOrName, numBits: number): Column {
  return fn("shiftrightunsigned", c(col), numBits);
}
/** Same as shiftrightunsigned (PySpark's deprecated name). @example shiftRightUnsigned("n", 2) */
export function shiftRightUnsigned(col: ColumnOrName, numBits: number): Column {
  return fn("shiftrightunsigned", c(col), numBits);
}
