// Hash functions.
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** CRC32 checksum of a binary, as a bigint. @example crc32("bin") */
export function crc32(col: ColumnOrName): Column {
  return fn("crc32", c(col));
}
/** Murmur3 hash of the columns, as an int. @example hash("a", "b") */
export function hash(...cols: ColumnOrName[]): Column {
  return fn("hash", ...cols.map(c));
}
/** MD5 digest as 32 hex characters. @example md5("s") */
export function md5(col: ColumnOrName): Column {
  return fn("md5", c(col));
}
/** SHA-1 digest as 40 hex characters. @example sha("s") */
export function sha(col: ColumnOrName): Column {
  return fn("sha", c(col));
}
/** SHA-1 digest as 40 hex characters. @example sha1("s") */
export function sha1(col: ColumnOrName): Column {
  return fn("sha1", c(col));
}
/** SHA-2 digest (224, 256, 384 or 512 bits; 0 means 256) as hex. @example sha2("s", 256) */
export function sha2(col: ColumnOrName, numBits: 0 | 224 | 256 | 384 | 512): Column {
  return fn("sha2", c(col), numBits);
}
/** xxHash64 of the columns, as a bigint. @example xxhash64("a", "b") */
export function xxhash64(...cols: ColumnOrName[]): Column {
  return fn("xxhash64", ...cols.map(c));
}
