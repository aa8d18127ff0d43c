// String functions. Parameters typed ColumnOrName take a column (a string is a column
// name), as in PySpark; wrap text in lit() there. The others take plain values.
import type { Column } from "../Column.js";
import { c, cv, type ColumnOrName, oc, opt, seed } from "./args.js";
import { fn } from "./core.js";

/** Code point of the first character. @example ascii("s") */
export function ascii(col: ColumnOrName): Column {
  return fn("ascii", c(col));
}
/** Base64 encoding of a binary (or string's UTF-8 bytes). @example base64("bin") */
export function base64(col: ColumnOrName): Column {
  return fn("base64", c(col));
}
/** Length in bits. @example bitLength("s") */
export function bitLength(col: ColumnOrName): Column {
  return fn("bit_length", c(col));
}
/** Removes leading and trailing spaces (or the characters of `trim`). @example btrim("s", lit("x")) */
export function btrim(str: ColumnOrName, trim?: ColumnOrName): Column {
  return fn("btrim", c(str), ...opt(oc(trim)));
}
/** The character of a code point (modulo 256). @example char("code") */
export function char(col: ColumnOrName): Column {
  return fn("char", c(col));
}
/** Number of characters. @example charLength("s") */
export function charLength(str: ColumnOrName): Column {
  return fn("char_length", c(str));
}
/** Same as charLength. @example characterLength("s") */
export function characterLength(str: ColumnOrName): Column {
  return fn("character_length", c(str));
}
/** Same as char. @example chr("code") */
export function chr(n: ColumnOrName): Column {
  return fn("chr", c(n));
}
/** The string with the given collation. @example collate("s", "UTF8_LCASE") */
export function collate(col: ColumnOrName, collation: string): Column {
  return fn("collate", c(col), collation);
}
/** Name of the string's collation. @example collation("s") */
export function collation(col: ColumnOrName): Column {
  return fn("collation", c(col));
}
/** Joins the strings (and string arrays) with `sep`, skipping nulls. @example concatWs("-", "a", "b") */
export function concatWs(sep: string, ...cols: ColumnOrName[]): Column {
  return fn("concat_ws", sep, ...cols.map(c));
}
/** True when `right` occurs in `left`. @example contains("s", lit("ell")) */
export function contains(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("contains", c(left), c(right));
}
/** Decodes bytes with a charset. @example decode("bin", "UTF-8") */
export function decode(col: ColumnOrName, charset: string): Column {
  return fn("decode", c(col), charset);
}
/** The n-th (1-based) of the following inputs, n being the first. @example elt(lit(2), "a", "b") */
export function elt(...inputs: ColumnOrName[]): Column {
  return fn("elt", ...inputs.map(c));
}
/** Encodes a string with a charset. @example encode("s", "UTF-8") */
export function encode(col: ColumnOrName, charset: string): Column {
  return fn("encode", c(col), charset);
}
/** True when `str` ends with `suffix`. @example endswith("file", lit(".csv")) */
export function endswith(str: ColumnOrName, suffix: ColumnOrName): Column {
  return fn("endswith", c(str), c(suffix));
}
/** 1-based position of `str` in the comma-separated `strArray`, 0 if absent. @example findInSet(lit("b"), lit("a,b")) */
export function findInSet(str: ColumnOrName, strArray: ColumnOrName): Column {
  return fn("find_in_set", c(str), c(strArray));
}
/** Formats a number like '#,###,###.##' with `d` decimal places. @example formatNumber("amount", 2) */
export function formatNumber(col: ColumnOrName, d: number): Column {
  return fn("format_number", c(col), d);
}
/** printf-style formatting. @example formatString("%s=%d", "k", "v") */
export function formatString(format: string, ...cols: ColumnOrName[]): Column {
  return fn("format_string", format, ...cols.map(c));
}
/** Capitalises the first letter of each word. @example initcap("name") */
export function initcap(col: ColumnOrName): Column {
  return fn("initcap", c(col));
}
/** 1-based position of the first `substr` (a literal), 0 if absent. @example instr("s", "ll") */
export function instr(str: ColumnOrName, substr: string | Column): Column {
  return fn("instr", c(str), substr);
}
/** True when the string is valid UTF-8. @example isValidUtf8("s") */
export function isValidUtf8(str: ColumnOrName): Column {
  return fn("is_valid_utf8", c(str));
}
/** Same as lower. @example lcase("s") */
export function lcase(str: ColumnOrName): Column {
  return fn("lcase", c(str));
}
/** The leftmost `len` characters. @example left("s", lit(3)) */
export function left(str: ColumnOrName, len: ColumnOrName): Column {
  return fn("left", c(str), c(len));
}
/** Characters of a string, bytes of a binary. @example length("s") */
export function length(col: ColumnOrName): Column {
  return fn("length", c(col));
}
/** Edit distance; null when above `threshold` (gives -1). @example levenshtein("a", "b") */
export function levenshtein(left: ColumnOrName, right: ColumnOrName, threshold?: number): Column {
  return fn("levenshtein", c(left), c(right), ...opt(threshold));
}
/** 1-based position of `substr` in `str` from `pos`, 0 if absent. @example locate("l", "s") */
export function locate(substr: string, str: ColumnOrName, pos = 1): Column {
  return fn("locate", substr, c(str), pos);
}
/** Lower-cases a string. @example lower("name") */
export function lower(col: ColumnOrName): Column {
  return fn("lower", c(col));
}
/** Left-pads to `len` characters with `pad`. @example lpad("id", 5, "0") */
export function lpad(col: ColumnOrName, len: number | Column, pad: string | Column): Column {
  return fn("lpad", c(col), len, pad);
}
/** Removes leading spaces (or the characters of `trim`). @example ltrim("s") */
export function ltrim(col: ColumnOrName, trim?: ColumnOrName): Column {
  return trim === undefined ? fn("ltrim", c(col)) : fn("ltrim", c(trim), c(col));
}
/** Replaces invalid UTF-8 sequences with U+FFFD. @example makeValidUtf8("s") */
export function makeValidUtf8(str: ColumnOrName): Column {
  return fn("make_valid_utf8", c(str));
}
/**
 * Masks letters and digits: upper-case as `X`, lower-case as `x`, digits as `n` unless
 * other characters are given (other characters kept unless `otherChar`).
 * @example mask("card"); mask("card", lit("U"), lit("l"), lit("#"))
 */
export function mask(
  col: ColumnOrName,
  upperChar?: ColumnOrName,
  lowerChar?: ColumnOrName,
  digitChar?: ColumnOrName,
  otherChar?: ColumnOrName,
): Column {
  return fn("mask", c(col), oc(upperChar) ?? "X", oc(lowerChar) ?? "x", oc(digitChar) ?? "n", oc(otherChar) ?? null);
}
/** Length in bytes. @example octetLength("s") */
export function octetLength(col: ColumnOrName): Column {
  return fn("octet_length", c(col));
}
/** Replaces `len` characters of `src` from 1-based `pos` with `replace`; -1 means replace's length. @example overlay("s", lit("__"), 2, 2) */
export function overlay(src: ColumnOrName, replace: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number = -1): Column {
  return fn("overlay", c(src), c(replace), cv(pos), cv(len));
}
/** 1-based position of `substr` in `str` (from `start`), 0 if absent. @example position(lit("l"), "s") */
export function position(substr: ColumnOrName, str: ColumnOrName, start?: ColumnOrName): Column {
  return fn("position", c(substr), c(str), ...opt(oc(start)));
}
/** printf-style formatting with the format as a column. @example printf(lit("%s!"), "s") */
export function printf(format: ColumnOrName, ...cols: ColumnOrName[]): Column {
  return fn("printf", c(format), ...cols.map(c));
}
/** The string in single quotes, quotes escaped. @example quote("s") */
export function quote(col: ColumnOrName): Column {
  return fn("quote", c(col));
}
/** Random alphanumeric string of `length`; the client picks a seed when none is given. @example randstr(8, 42) */
export function randstr(length: number | Column, seedValue?: number | Column): Column {
  return fn("randstr", length, seed(seedValue));
}
/** The string repeated `n` times. @example repeat("s", 3) */
export function repeat(col: ColumnOrName, n: ColumnOrName | number): Column {
  return fn("repeat", c(col), cv(n));
}
/** Replaces every `search` with `replace` (or removes it). @example replace("s", lit("l"), lit("L")) */
export function replace(src: ColumnOrName, search: ColumnOrName, replace?: ColumnOrName): Column {
  return fn("replace", c(src), c(search), ...opt(oc(replace)));
}
/** The rightmost `len` characters. @example right("s", lit(3)) */
export function right(str: ColumnOrName, len: ColumnOrName): Column {
  return fn("right", c(str), c(len));
}
/** Right-pads to `len` characters with `pad`. @example rpad("id", 5, "_") */
export function rpad(col: ColumnOrName, len: number | Column, pad: string | Column): Column {
  return fn("rpad", c(col), len, pad);
}
/** Removes trailing spaces (or the characters of `trim`). @example rtrim("s") */
export function rtrim(col: ColumnOrName, trim?: ColumnOrName): Column {
  return trim === undefined ? fn("rtrim", c(col)) : fn("rtrim", c(trim), c(col));
}
/** Splits text into an array of sentences, each an array of words. @example sentences("text") */
export function sentences(string: ColumnOrName, language?: ColumnOrName, country?: ColumnOrName): Column {
  return fn("sentences", c(string), oc(language) ?? "", oc(country) ?? "");
}
/** Soundex code. @example soundex("name") */
export function soundex(col: ColumnOrName): Column {
  return fn("soundex", c(col));
}
/** Splits around matches of the regex `pattern`, at most `limit` parts if > 0. @example split("csv", ",") */
export function split(str: ColumnOrName, pattern: string | Column, limit: ColumnOrName | number = -1): Column {
  return fn("split", c(str), pattern, cv(limit));
}
/** Part `partNum` (1-based; negative from the end) of the string split by `delimiter`. @example splitPart("s", lit(","), lit(2)) */
export function splitPart(src: ColumnOrName, delimiter: ColumnOrName, partNum: ColumnOrName): Column {
  return fn("split_part", c(src), c(delimiter), c(partNum));
}
/** True when `str` starts with `prefix`. @example startswith("s", lit("He")) */
export function startswith(str: ColumnOrName, prefix: ColumnOrName): Column {
  return fn("startswith", c(str), c(prefix));
}
/** Substring from 1-based `pos` (to the end, or `len` characters). @example substr("s", lit(2), lit(3)) */
export function substr(str: ColumnOrName, pos: ColumnOrName, len?: ColumnOrName): Column {
  return fn("substr", c(str), c(pos), ...opt(oc(len)));
}
/** Substring from 1-based `pos` of `len` characters. @example substring("s", 1, 3) */
export function substring(str: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number): Column {
  return fn("substring", c(str), cv(pos), cv(len));
}
/** The part before the `count`-th `delim` (after it, from the right, when negative). @example substringIndex("host", ".", 2) */
export function substringIndex(str: ColumnOrName, delim: string, count: number): Column {
  return fn("substring_index", c(str), delim, count);
}
/** Converts a string to binary in `format` (hex, utf-8, base64). @example toBinary("s", lit("utf-8")) */
export function toBinary(col: ColumnOrName, format?: ColumnOrName): Column {
  return fn("to_binary", c(col), ...opt(oc(format)));
}
/** Formats a number, date, timestamp or binary as text by `format`. @example toChar("n", lit("999.9")) */
export function toChar(col: ColumnOrName, format: ColumnOrName): Column {
  return fn("to_char", c(col), c(format));
}
/** Parses a string to a decimal by `format`. @example toNumber("s", lit("999")) */
export function toNumber(col: ColumnOrName, format: ColumnOrName): Column {
  return fn("to_number", c(col), c(format));
}
/** Same as toChar. @example toVarchar("n", lit("999.9")) */
export function toVarchar(col: ColumnOrName, format: ColumnOrName): Column {
  return fn("to_varchar", c(col), c(format));
}
/** Replaces each character of `matching` by the one at the same index of `replace`. @example translate("s", "abc", "xyz") */
export function translate(srcCol: ColumnOrName, matching: string, replace: string): Column {
  return fn("translate", c(srcCol), matching, replace);
}
/** Removes leading and trailing spaces (or the characters of `trim`). @example trim("s") */
export function trim(col: ColumnOrName, trim?: ColumnOrName): Column {
  return trim === undefined ? fn("trim", c(col)) : fn("trim", c(trim), c(col));
}
/** Like toBinary, null when the input does not convert. @example tryToBinary("s", lit("hex")) */
export function tryToBinary(col: ColumnOrName, format?: ColumnOrName): Column {
  return fn("try_to_binary", c(col), ...opt(oc(format)));
}
/** Like toNumber, null when the input does not convert. @example tryToNumber("s", lit("999")) */
export function tryToNumber(col: ColumnOrName, format: ColumnOrName): Column {
  return fn("try_to_number", c(col), c(format));
}
/** The string when valid UTF-8, else null. @example tryValidateUtf8("s") */
export function tryValidateUtf8(str: ColumnOrName): Column {
  return fn("try_validate_utf8", c(str));
}
/** Same as upper. @example ucase("s") */
export function ucase(str: ColumnOrName): Column {
  return fn("ucase", c(str));
}
/** Decodes base64 to binary. @example unbase64("b64") */
export function unbase64(col: ColumnOrName): Column {
  return fn("unbase64", c(col));
}
/** Upper-cases a string. @example upper("name") */
export function upper(col: ColumnOrName): Column {
  return fn("upper", c(col));
}
/** The string when valid UTF-8, else an error. @example validateUtf8("s") */
export function validateUtf8(str: ColumnOrName): Column {
  return fn("validate_utf8", c(str));
}
