// URL functions.
import type { Column } from "../Column.js";
import { c, type ColumnOrName, oc, opt } from "./args.js";
import { fn } from "./core.js";

/** A part of a URL (HOST, PATH, QUERY, REF, PROTOCOL, FILE, AUTHORITY, USERINFO), or a query parameter. @example parseUrl("url", lit("HOST")) */
export function parseUrl(url: ColumnOrName, partToExtract: ColumnOrName, key?: ColumnOrName): Column {
  return fn("parse_url", c(url), c(partToExtract), ...opt(oc(key)));
}
/** Like parseUrl, null for an invalid URL. @example tryParseUrl("url", lit("QUERY"), lit("q")) */
export function tryParseUrl(url: ColumnOrName, partToExtract: ColumnOrName, key?: ColumnOrName): Column {
  return fn("try_parse_url", c(url), c(partToExtract), ...opt(oc(key)));
}
/** Decodes application/x-www-form-urlencoded text. @example urlDecode("q") */
export function urlDecode(str: ColumnOrName): Column {
  return fn("url_decode", c(str));
}
/** Like urlDecode, null for invalid input. @example tryUrlDecode("q") */
export function tryUrlDecode(str: ColumnOrName): Column {
  return fn("try_url_decode", c(str));
}
/** Encodes as application/x-www-form-urlencoded. @example urlEncode("q") */
export function urlEncode(str: ColumnOrName): Column {
  return fn("url_encode", c(str));
}
