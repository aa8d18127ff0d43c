// Pattern matching: LIKE and Java regular expressions.
import type { Column } from "../Column.js";
import { c, type ColumnOrName, opt } from "./args.js";
import { fn } from "./core.js";

/** SQL LIKE (`%`, `_`), optionally with an escape character. @example like("s", lit("H%")) */
export function like(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: Column): Column {
  return fn("like", c(str), c(pattern), ...opt(escapeChar));
}
/** Case-insensitive LIKE. @example ilike("s", lit("h%")) */
export function ilike(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: Column): Column {
  return fn("ilike", c(str), c(pattern), ...opt(escapeChar));
}
/** True when the regex matches part of the string. @example rlike("s", lit("^H")) */
export function rlike(str: ColumnOrName, regexp: ColumnOrName): Column {
  return fn("rlike", c(str), c(regexp));
}
/** Same as rlike. @example regexp("s", lit("^H")) */
export function regexp(str: ColumnOrName, regexp: ColumnOrName): Column {
  return fn("regexp", c(str), c(regexp));
}
/** Same as rlike. @example regexpLike("s", lit("^H")) */
export function regexpLike(str: ColumnOrName, regexp: ColumnOrName): Column {
  return fn("regexp_like", c(str), c(regexp));
}
/** Number of matches of the regex. @example regexpCount("s", lit("l")) */
export function regexpCount(str: ColumnOrName, regexp: ColumnOrName): Column {
  return fn("regexp_count", c(str), c(regexp));
}
/** Group `idx` of the first match of `pattern`, "" when none. @example regexpExtract("s", "(\\w)(\\w)", 2) */
export function regexpExtract(str: ColumnOrName, pattern: string, idx: number): Column {
  return fn("regexp_extract", c(str), pattern, idx);
}
/** Group `idx` (default 1) of every match, as an array. @example regexpExtractAll("s", lit("(l+)")) */
export function regexpExtractAll(str: ColumnOrName, regexp: ColumnOrName, idx?: number | Column): Column {
  return fn("regexp_extract_all", c(str), c(regexp), ...opt(idx));
}
/** 1-based position of the first match (of group `idx`), 0 when none. @example regexpInstr("s", lit("l+")) */
export function regexpInstr(str: ColumnOrName, regexp: ColumnOrName, idx?: number | Column): Column {
  return fn("regexp_instr", c(str), c(regexp), ...opt(idx));
}
/** Replaces every match of `pattern` (literals unless Columns); `$1` refers to groups. @example regexpReplace("s", "\\d+", "#") */
export function regexpReplace(string: ColumnOrName, pattern: string | Column, replacement: string | Column): Column {
  return fn("regexp_replace", c(string), pattern, replacement);
}
/** The first substring matching the regex, null when none. @example regexpSubstr("s", lit("l+")) */
export function regexpSubstr(str: ColumnOrName, regexp: ColumnOrName): Column {
  return fn("regexp_substr", c(str), c(regexp));
}
