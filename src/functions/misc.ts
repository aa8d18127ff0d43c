// Miscellaneous functions: encryption, errors, session and environment information,
// Java reflection, ids.
import type { Column } from "../Column.js";
import type { DataFrame } from "../DataFrame.js";
import { c, type ColumnOrName, oc, opt, seed } from "./args.js";
import { fn } from "./core.js";

/** Decrypts AES output (mode GCM, ECB or CBC; padding DEFAULT, NONE or PKCS). @example aesDecrypt("enc", "key") */
export function aesDecrypt(input: ColumnOrName, key: ColumnOrName, mode?: ColumnOrName, padding?: ColumnOrName, aad?: ColumnOrName): Column {
  return fn("aes_decrypt", c(input), c(key), oc(mode) ?? "GCM", oc(padding) ?? "DEFAULT", oc(aad) ?? "");
}
/** Encrypts with AES (key of 16, 24 or 32 bytes), optional IV and authenticated data. @example aesEncrypt("plain", "key") */
export function aesEncrypt(
  input: ColumnOrName,
  key: ColumnOrName,
  mode?: ColumnOrName,
  padding?: ColumnOrName,
  iv?: ColumnOrName,
  aad?: ColumnOrName,
): Column {
  return fn("aes_encrypt", c(input), c(key), oc(mode) ?? "GCM", oc(padding) ?? "DEFAULT", oc(iv) ?? "", oc(aad) ?? "");
}
/** Like aesDecrypt, null when decryption fails. @example tryAesDecrypt("enc", "key") */
export function tryAesDecrypt(input: ColumnOrName, key: ColumnOrName, mode?: ColumnOrName, padding?: ColumnOrName, aad?: ColumnOrName): Column {
  return fn("try_aes_decrypt", c(input), c(key), oc(mode) ?? "GCM", oc(padding) ?? "DEFAULT", oc(aad) ?? "");
}
/** Null when the condition is true, else the query fails (with `errMsg`). @example assertTrue(col("x").gt(0), "x must be positive") */
export function assertTrue(col: ColumnOrName, errMsg?: string | Column): Column {
  return fn("assert_true", c(col), ...opt(errMsg));
}
/** Fails the query with the message. @example raiseError("unexpected row") */
export function raiseError(errMsg: string | Column): Column {
  return fn("raise_error", errMsg);
}
/** The current catalog. @example currentCatalog() */
export function currentCatalog(): Column {
  return fn("current_catalog");
}
/** The current database (schema). @example currentDatabase() */
export function currentDatabase(): Column {
  return fn("current_database");
}
/** Same as currentDatabase. @example currentSchema() */
export function currentSchema(): Column {
  return fn("current_schema");
}
/** The user running the query. @example currentUser() */
export function currentUser(): Column {
  return fn("current_user");
}
/** Same as currentUser. @example user() */
export function user(): Column {
  return fn("user");
}
/** Same as currentUser. @example sessionUser() */
export function sessionUser(): Column {
  return fn("session_user");
}
/** Length of the file block being read, or -1. @example inputFileBlockLength() */
export function inputFileBlockLength(): Column {
  return fn("input_file_block_length");
}
/** Start offset of the file block being read, or -1. @example inputFileBlockStart() */
export function inputFileBlockStart(): Column {
  return fn("input_file_block_start");
}
/** Name of the file being read, or "". @example inputFileName() */
export function inputFileName(): Column {
  return fn("input_file_name");
}
/** Calls a static Java method: class name, method name, arguments. @example javaMethod(lit("java.util.UUID"), lit("randomUUID")) */
export function javaMethod(...cols: ColumnOrName[]): Column {
  return fn("java_method", ...cols.map(c));
}
/** Same as javaMethod. @example reflect(lit("java.lang.Math"), lit("abs"), "x") */
export function reflect(...cols: ColumnOrName[]): Column {
  return fn("reflect", ...cols.map(c));
}
/** Like reflect, null when the method throws. @example tryReflect(lit("java.lang.Integer"), lit("valueOf"), "s") */
export function tryReflect(...cols: ColumnOrName[]): Column {
  return fn("try_reflect", ...cols.map(c));
}
/** Increasing unique 64-bit ids, not consecutive (partition id in the upper bits). @example monotonicallyIncreasingId() */
export function monotonicallyIncreasingId(): Column {
  return fn("monotonically_increasing_id");
}
/** Id of the partition holding the row. @example sparkPartitionId() */
export function sparkPartitionId(): Column {
  return fn("spark_partition_id");
}
/** Spark's DDL name of the value's type (SQL `typeof`). @example typeOf("x") */
export function typeOf(col: ColumnOrName): Column {
  return fn("typeof", c(col));
}
/** A random UUID string; the client picks a seed when none is given. @example uuid() */
export function uuid(seedValue?: number | Column): Column {
  return fn("uuid", seed(seedValue));
}
/** The Spark version and git revision. @example version() */
export function version(): Column {
  return fn("version");
}
/** Calls a function registered in the session (a UDF) by name on columns. @example callUdf("my_udf", "x") */
export function callUdf(udfName: string, ...cols: ColumnOrName[]): Column {
  return fn(udfName, ...cols.map(c));
}
/**
 * Marks a DataFrame as small enough to copy to every executor, so that joins with it
 * broadcast it instead of shuffling both sides (the `broadcast` hint).
 *
 * @example big.join(broadcast(countries), "country_code")
 */
export function broadcast<Row>(df: DataFrame<Row>): DataFrame<Row> {
  return df.hint("broadcast");
}
