// Building dates, timestamps, times and intervals from parts; the TIME type; time windows.
import { Column } from "../Column.js";
import { c, type ColumnOrName, oc, opt } from "./args.js";
import { fn } from "./core.js";

/** Parts of an interval, by name (PySpark's keyword arguments); missing parts are 0. */
export interface IntervalParts {
  readonly years?: ColumnOrName;
  readonly months?: ColumnOrName;
  readonly weeks?: ColumnOrName;
  readonly days?: ColumnOrName;
  readonly hours?: ColumnOrName;
  readonly mins?: ColumnOrName;
  readonly secs?: ColumnOrName;
}

/** A timestamp given as a date and a time of day (the TIME type), with an optional zone. */
export interface DateAndTime {
  readonly date: ColumnOrName;
  readonly time: ColumnOrName;
  readonly timezone?: ColumnOrName;
}

type Part = ColumnOrName | undefined;
const isNamed = (x: unknown): x is Record<string, Part> => typeof x === "object" && x !== null && !(x instanceof Column);
const orZero = (x: Part): Column | number => (x === undefined ? 0 : c(x));

function interval(name: string, keys: readonly (keyof IntervalParts)[], args: readonly unknown[]): Column {
  const first = args[0];
  const parts = isNamed(first) ? keys.map((k) => first[k]) : (args as Part[]);
  return fn(name, ...keys.map((_, i) => orZero(parts[i])));
}

const YMWDHMS = ["years", "months", "weeks", "days", "hours", "mins", "secs"] as const;

/** A day-time interval; missing parts are 0. @example makeDtInterval("d", "h"); makeDtInterval({ hours: lit(2) }) */
export function makeDtInterval(parts: Pick<IntervalParts, "days" | "hours" | "mins" | "secs">): Column;
export function makeDtInterval(days?: ColumnOrName, hours?: ColumnOrName, mins?: ColumnOrName, secs?: ColumnOrName): Column;
export function makeDtInterval(...args: unknown[]): Column {
  return interval("make_dt_interval", ["days", "hours", "mins", "secs"], args);
}
/** A calendar interval; missing parts are 0. @example makeInterval({ years: lit(1), days: "d" }) */
export function makeInterval(parts: IntervalParts): Column;
export function makeInterval(
  years?: ColumnOrName,
  months?: ColumnOrName,
  weeks?: ColumnOrName,
  days?: ColumnOrName,
  hours?: ColumnOrName,
  mins?: ColumnOrName,
  secs?: ColumnOrName,
): Column;
export function makeInterval(...args: unknown[]): Column {
  return interval("make_interval", YMWDHMS, args);
}
/** Like makeInterval, null on overflow. @example tryMakeInterval({ years: lit(1) }) */
export function tryMakeInterval(parts: IntervalParts): Column;
export function tryMakeInterval(
  years?: ColumnOrName,
  months?: ColumnOrName,
  weeks?: ColumnOrName,
  days?: ColumnOrName,
  hours?: ColumnOrName,
  mins?: ColumnOrName,
  secs?: ColumnOrName,
): Column;
export function tryMakeInterval(...args: unknown[]): Column {
  return interval("try_make_interval", YMWDHMS, args);
}
/** A year-month interval; missing parts are 0. @example makeYmInterval(lit(1), lit(6)) */
export function makeYmInterval(parts: Pick<IntervalParts, "years" | "months">): Column;
export function makeYmInterval(years?: ColumnOrName, months?: ColumnOrName): Column;
export function makeYmInterval(...args: unknown[]): Column {
  return interval("make_ym_interval", ["years", "months"], args);
}
/** A time of day (TIME type) from hour, minute and (fractional) second. @example makeTime("h", "m", "s") */
export function makeTime(hour: ColumnOrName, minute: ColumnOrName, second: ColumnOrName): Column {
  return fn("make_time", c(hour), c(minute), c(second));
}

function timestamp(name: string, args: readonly unknown[]): Column {
  const first = args[0];
  if (isNamed(first)) {
    const { date, time, timezone } = first as unknown as DateAndTime;
    return fn(name, c(date), c(time), ...opt(oc(timezone)));
  }
  const parts = args as Part[];
  return fn(name, ...parts.slice(0, 6).map((p) => c(p as ColumnOrName)), ...opt(oc(parts[6])));
}

/**
 * A timestamp from parts (fractional secs) in the session or given zone, or from date and time.
 * @example makeTimestamp("y", "mo", "d", "h", "mi", "s")
 */
export function makeTimestamp(parts: DateAndTime): Column;
export function makeTimestamp(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: ColumnOrName,
): Column;
export function makeTimestamp(...args: unknown[]): Column {
  return timestamp("make_timestamp", args);
}
/** Like makeTimestamp, null for invalid parts. @example tryMakeTimestamp("y", "mo", "d", "h", "mi", "s") */
export function tryMakeTimestamp(parts: DateAndTime): Column;
export function tryMakeTimestamp(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: ColumnOrName,
): Column;
export function tryMakeTimestamp(...args: unknown[]): Column {
  return timestamp("try_make_timestamp", args);
}
/** A timestamp with local time zone from parts. @example makeTimestampLtz("y", "mo", "d", "h", "mi", "s") */
export function makeTimestampLtz(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: ColumnOrName,
): Column {
  return timestamp("make_timestamp_ltz", [years, months, days, hours, mins, secs, timezone]);
}
/** Like makeTimestampLtz, null for invalid parts. @example tryMakeTimestampLtz("y", "mo", "d", "h", "mi", "s") */
export function tryMakeTimestampLtz(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: ColumnOrName,
): Column {
  return timestamp("try_make_timestamp_ltz", [years, months, days, hours, mins, secs, timezone]);
}
/** A timestamp without time zone from parts, or from date and time. @example makeTimestampNtz("y", "mo", "d", "h", "mi", "s") */
export function makeTimestampNtz(parts: Omit<DateAndTime, "timezone">): Column;
export function makeTimestampNtz(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
): Column;
export function makeTimestampNtz(...args: unknown[]): Column {
  return timestamp("make_timestamp_ntz", args);
}
/** Like makeTimestampNtz, null for invalid parts. @example tryMakeTimestampNtz("y", "mo", "d", "h", "mi", "s") */
export function tryMakeTimestampNtz(parts: Omit<DateAndTime, "timezone">): Column;
export function tryMakeTimestampNtz(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
): Column;
export function tryMakeTimestampNtz(...args: unknown[]): Column {
  return timestamp("try_make_timestamp_ntz", args);
}
/** Whole units (HOUR, MINUTE, SECOND, ...) between two times of day. @example timeDiff(lit("MINUTE"), "t1", "t2") */
export function timeDiff(unit: ColumnOrName, start: ColumnOrName, end: ColumnOrName): Column {
  return fn("time_diff", c(unit), c(start), c(end));
}
/** Truncates a time of day to a unit. @example timeTrunc(lit("HOUR"), "t") */
export function timeTrunc(unit: ColumnOrName, time: ColumnOrName): Column {
  return fn("time_trunc", c(unit), c(time));
}
/** Parses a string to a time of day (TIME type). @example toTime("s"); toTime("s", lit("HH.mm")) */
export function toTime(str: ColumnOrName, format?: ColumnOrName): Column {
  return fn("to_time", c(str), ...opt(oc(format)));
}
/** Like toTime, null when the string does not parse. @example tryToTime("s") */
export function tryToTime(str: ColumnOrName, format?: ColumnOrName): Column {
  return fn("try_to_time", c(str), ...opt(oc(format)));
}
/**
 * Tumbling or sliding time window of a timestamp: a struct of `start` and `end`.
 * @example window("ts", "10 minutes"); window("ts", "10 minutes", "5 minutes")
 */
export function window(timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string, startTime?: string): Column {
  if (startTime !== undefined) return fn("window", c(timeColumn), windowDuration, slideDuration ?? windowDuration, startTime);
  return fn("window", c(timeColumn), windowDuration, ...opt(slideDuration));
}
/** The inclusive end time of a time window column (`window.end` - 1 µs). @example windowTime("window") */
export function windowTime(windowColumn: ColumnOrName): Column {
  return fn("window_time", c(windowColumn));
}
/** Session window of a timestamp with a gap duration: a struct of `start` and `end`. @example sessionWindow("ts", "5 minutes") */
export function sessionWindow(timeColumn: ColumnOrName, gapDuration: string | Column): Column {
  return fn("session_window", c(timeColumn), gapDuration);
}
