import { CastNode } from "../expr/CastNode.js";
import type { ExprNode } from "../expr/ExprNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LiteralNode } from "../expr/LiteralNode.js";

const fn = (name: string, ...args: ExprNode[]) => FunctionCallNode.create(name, args);
const cast = (x: ExprNode, type: string) => CastNode.create(x, type);
const str = (s: string) => LiteralNode.create(s);

/** Milliseconds in a day, a LONG literal (an INT would overflow in the product). */
const MS_PER_DAY = LiteralNode.create(86_400_000n);

/** `TIMESTAMP_NTZ '1970-01-01 00:00:00'`: parsing an NTZ string involves no time zone. */
const NTZ_EPOCH = cast(str("1970-01-01 00:00:00"), "timestamp_ntz");

/**
 * The milliseconds of a TIMESTAMP_NTZ read as a UTC wall clock, floored.
 *
 * NTZ − NTZ is a DAY TO SECOND interval computed on the wall clocks alone (no zone);
 * as INTERVAL SECOND it casts exactly to DECIMAL(18,6) seconds (0001-01-01 is
 * −62135596800 s, 9999-12-31 23:59:59.999999 is 253402300799.999999 s). Times 1000
 * and floored, that is the millisecond floor of the microseconds, as
 * `SparkTimestamp.getTime()` gives it (−1 µs is −1 ms). The zone-dependent routes
 * are avoided: a cast to TIMESTAMP reads the wall clock in the session time zone,
 * and `timestampdiff` casts NTZ operands to TIMESTAMP.
 */
function ntzMillis(ntz: ExprNode): ExprNode {
  const seconds = cast(cast(fn("-", ntz, NTZ_EPOCH), "interval second"), "decimal(18,6)");
  return cast(fn("floor", fn("*", seconds, LiteralNode.create(1000))), "bigint");
}

/**
 * The JavaScript `getTime()` (ms since the epoch, as a LONG) of a DATE, TIMESTAMP or
 * TIMESTAMP_NTZ expression, as the library's row conversion would give it, independent
 * of the session time zone. Null stays null.
 *
 * - DATE: a `Date` at midnight UTC of that day, `unix_date(x) * 86400000`.
 * - TIMESTAMP: a `SparkTimestamp` of the instant, `unix_millis(x)` (floored: one
 *   microsecond before 1970 is −1).
 * - TIMESTAMP_NTZ: a `SparkTimestamp` whose UTC fields are the wall clock: the wall
 *   clock's milliseconds since 1970-01-01 00:00:00, floored.
 * - A JavaScript `Date` literal (sent as a TIMESTAMP literal) gives its own `getTime()`.
 *
 * Comparing the results with `<`, `<=`, `>`, `>=` therefore agrees with JavaScript
 * comparing the collected values, whatever `spark.sql.session.timeZone` is, where Spark
 * comparing a DATE with a TIMESTAMP directly would cast the DATE in the session time zone.
 *
 * The operand's Spark type is not known when the expression is built, so the expression
 * dispatches on `typeof(x)`. `typeof` is foldable: the optimizer folds the conditions to
 * constants and keeps only the branch of x's type. Every branch casts x to its own type
 * first, so all branches pass analysis whichever of the three types x has. A NULL of no
 * type (`typeof` is `void`) gives NULL; any other type fails the query with an error
 * naming the type.
 *
 * @example
 * ```ts
 * // e.day < cutoff, with JavaScript's meaning, for a DATE or TIMESTAMP column
 * FunctionCallNode.create("<", [jsTime(ColumnRefNode.create("day")), jsTime(LiteralNode.create(cutoff))]);
 * ```
 */
export function jsTime(x: ExprNode): ExprNode {
  const type = fn("typeof", x);
  const is = (name: string) => fn("==", type, str(name));
  return fn(
    "when",
    is("date"),
    fn("*", fn("unix_date", cast(x, "date")), MS_PER_DAY),
    is("timestamp"),
    fn("unix_millis", cast(x, "timestamp")),
    is("timestamp_ntz"),
    ntzMillis(cast(x, "timestamp_ntz")),
    is("void"),
    cast(LiteralNode.create(null), "bigint"),
    fn("raise_error", fn("concat", str("jsTime() needs a DATE, TIMESTAMP or TIMESTAMP_NTZ value, got "), type)),
  );
}
