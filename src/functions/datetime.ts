// Date and timestamp functions: current values, parts, arithmetic, conversions.
import type { Column } from "../Column.js";
import { c, cv, type ColumnOrName, oc, opt } from "./args.js";
import { fn } from "./core.js";

/** The date `months` months later. @example addMonths("dt", 1) */
export function addMonths(start: ColumnOrName, months: ColumnOrName | number): Column {
  return fn("add_months", c(start), cv(months));
}
/**
 * Converts a zone-less timestamp from `sourceTz` (default: session zone) to `targetTz`.
 * @example convertTimezone(lit("UTC"), lit("Asia/Tokyo"), "ts")
 */
export function convertTimezone(sourceTz: Column | undefined, targetTz: Column, sourceTs: ColumnOrName): Column {
  return sourceTz === undefined ? fn("convert_timezone", targetTz, c(sourceTs)) : fn("convert_timezone", sourceTz, targetTz, c(sourceTs));
}
/** Same as currentDate. @example curdate() */
export function curdate(): Column {
  return fn("curdate");
}
/** The date at the start of the query. @example currentDate() */
export function currentDate(): Column {
  return fn("current_date");
}
/** The time of day at the start of the query, with `precision` fractional digits. @example currentTime(3) */
export function currentTime(precision?: number): Column {
  return fn("current_time", ...opt(precision));
}
/** The timestamp at the start of the query. @example currentTimestamp() */
export function currentTimestamp(): Column {
  return fn("current_timestamp");
}
/** The session's time zone. @example currentTimezone() */
export function currentTimezone(): Column {
  return fn("current_timezone");
}
/** The date `days` days later. @example dateAdd("dt", 7) */
export function dateAdd(start: ColumnOrName, days: ColumnOrName | number): Column {
  return fn("date_add", c(start), cv(days));
}
/** Same as dateAdd. @example dateadd("dt", 7) */
export function dateadd(start: ColumnOrName, days: ColumnOrName | number): Column {
  return fn("dateadd", c(start), cv(days));
}
/** Days from `start` to `end`. @example dateDiff("end", "start") */
export function dateDiff(end: ColumnOrName, start: ColumnOrName): Column {
  return fn("date_diff", c(end), c(start));
}
/** Same as dateDiff. @example datediff("end", "start") */
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return fn("datediff", c(end), c(start));
}
/** Formats a date or timestamp with a datetime pattern. @example dateFormat("ts", "yyyy-MM-dd") */
export function dateFormat(date: ColumnOrName, format: string): Column {
  return fn("date_format", c(date), format);
}
/** The date `days` days after 1970-01-01. @example dateFromUnixDate("days") */
export function dateFromUnixDate(days: ColumnOrName): Column {
  return fn("date_from_unix_date", c(days));
}
/** A field (YEAR, MONTH, DAY, HOUR, ...) of a date, timestamp or interval. @example datePart(lit("YEAR"), "dt") */
export function datePart(field: Column, source: ColumnOrName): Column {
  return fn("date_part", field, c(source));
}
/** Same as datePart. @example datepart(lit("MONTH"), "dt") */
export function datepart(field: Column, source: ColumnOrName): Column {
  return fn("datepart", field, c(source));
}
/** The date `days` days earlier. @example dateSub("dt", 7) */
export function dateSub(start: ColumnOrName, days: ColumnOrName | number): Column {
  return fn("date_sub", c(start), cv(days));
}
/** Truncates a timestamp to a unit ("year", "month", "day", "hour", ...). @example dateTrunc("hour", "ts") */
export function dateTrunc(format: string, timestamp: ColumnOrName): Column {
  return fn("date_trunc", format, c(timestamp));
}
/** Day of the month. @example day("dt") */
export function day(col: ColumnOrName): Column {
  return fn("day", c(col));
}
/** Three-letter day name ("Mon"). @example dayname("dt") */
export function dayname(col: ColumnOrName): Column {
  return fn("dayname", c(col));
}
/** Day of the month. @example dayofmonth("dt") */
export function dayofmonth(col: ColumnOrName): Column {
  return fn("dayofmonth", c(col));
}
/** Day of the week, 1 = Sunday ... 7 = Saturday. @example dayofweek("dt") */
export function dayofweek(col: ColumnOrName): Column {
  return fn("dayofweek", c(col));
}
/** Day of the year. @example dayofyear("dt") */
export function dayofyear(col: ColumnOrName): Column {
  return fn("dayofyear", c(col));
}
/** A field (YEAR, MONTH, DAY, HOUR, ...) of a date, timestamp or interval. @example extract(lit("YEAR"), "dt") */
export function extract(field: Column, source: ColumnOrName): Column {
  return fn("extract", field, c(source));
}
/** Seconds since the epoch as a timestamp string in `format`. @example fromUnixtime("secs") */
export function fromUnixtime(timestamp: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return fn("from_unixtime", c(timestamp), format);
}
/** Reads a UTC timestamp as wall-clock time in zone `tz`. @example fromUtcTimestamp("ts", "Asia/Tokyo") */
export function fromUtcTimestamp(timestamp: ColumnOrName, tz: string | Column): Column {
  return fn("from_utc_timestamp", c(timestamp), tz);
}
/** Hour of the day. @example hour("ts") */
export function hour(col: ColumnOrName): Column {
  return fn("hour", c(col));
}
/** Last day of the date's month. @example lastDay("dt") */
export function lastDay(date: ColumnOrName): Column {
  return fn("last_day", c(date));
}
/** The local timestamp (without time zone) at the start of the query. @example localtimestamp() */
export function localtimestamp(): Column {
  return fn("localtimestamp");
}
/** A date from year, month and day. @example makeDate("y", "m", "d") */
export function makeDate(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName): Column {
  return fn("make_date", c(year), c(month), c(day));
}
/** Minute of the hour. @example minute("ts") */
export function minute(col: ColumnOrName): Column {
  return fn("minute", c(col));
}
/** Month (1-12). @example month("dt") */
export function month(col: ColumnOrName): Column {
  return fn("month", c(col));
}
/** Three-letter month name ("Jan"). @example monthname("dt") */
export function monthname(col: ColumnOrName): Column {
  return fn("monthname", c(col));
}
/** Months between two dates, rounded to 8 digits unless `roundOff` is false. @example monthsBetween("end", "start") */
export function monthsBetween(date1: ColumnOrName, date2: ColumnOrName, roundOff = true): Column {
  return fn("months_between", c(date1), c(date2), roundOff);
}
/** First date after `date` falling on `dayOfWeek` ("Mon", "Tuesday", ...). @example nextDay("dt", "Mon") */
export function nextDay(date: ColumnOrName, dayOfWeek: string): Column {
  return fn("next_day", c(date), dayOfWeek);
}
/** Same as currentTimestamp. @example now() */
export function now(): Column {
  return fn("now");
}
/** Quarter of the year (1-4). @example quarter("dt") */
export function quarter(col: ColumnOrName): Column {
  return fn("quarter", c(col));
}
/** Second of the minute. @example second("ts") */
export function second(col: ColumnOrName): Column {
  return fn("second", c(col));
}
/** Adds `quantity` units (YEAR, MONTH, DAY, HOUR, ...) to a timestamp. @example timestampAdd("HOUR", lit(2), "ts") */
export function timestampAdd(unit: string, quantity: ColumnOrName, ts: ColumnOrName): Column {
  return fn("timestampadd", unit, c(quantity), c(ts));
}
/** Whole units (YEAR, MONTH, DAY, HOUR, ...) from `start` to `end`. @example timestampDiff("DAY", "start", "end") */
export function timestampDiff(unit: string, start: ColumnOrName, end: ColumnOrName): Column {
  return fn("timestampdiff", unit, c(start), c(end));
}
/** Timestamp from microseconds since the epoch. @example timestampMicros("us") */
export function timestampMicros(col: ColumnOrName): Column {
  return fn("timestamp_micros", c(col));
}
/** Timestamp from milliseconds since the epoch. @example timestampMillis("ms") */
export function timestampMillis(col: ColumnOrName): Column {
  return fn("timestamp_millis", c(col));
}
/** Timestamp from seconds since the epoch. @example timestampSeconds("secs") */
export function timestampSeconds(col: ColumnOrName): Column {
  return fn("timestamp_seconds", c(col));
}
/** Converts to a date, parsing strings with `format` when given. @example toDate("s", "yyyy-MM-dd") */
export function toDate(col: ColumnOrName, format?: string): Column {
  return fn("to_date", c(col), ...opt(format));
}
/** Converts to a timestamp, parsing strings with `format` when given. @example toTimestamp("s", "yyyy-MM-dd HH:mm") */
export function toTimestamp(col: ColumnOrName, format?: string): Column {
  return fn("to_timestamp", c(col), ...opt(format));
}
/** Parses to a timestamp with local time zone. @example toTimestampLtz("s", lit("yyyy-MM-dd")) */
export function toTimestampLtz(timestamp: ColumnOrName, format?: ColumnOrName): Column {
  return fn("to_timestamp_ltz", c(timestamp), ...opt(oc(format)));
}
/** Parses to a timestamp without time zone. @example toTimestampNtz("s") */
export function toTimestampNtz(timestamp: ColumnOrName, format?: ColumnOrName): Column {
  return fn("to_timestamp_ntz", c(timestamp), ...opt(oc(format)));
}
/** Seconds since the epoch of a timestamp (or string in `format`). @example toUnixTimestamp("ts") */
export function toUnixTimestamp(timestamp: ColumnOrName, format?: ColumnOrName): Column {
  return fn("to_unix_timestamp", c(timestamp), ...opt(oc(format)));
}
/** Reads wall-clock time in zone `tz` as a UTC timestamp. @example toUtcTimestamp("ts", "Asia/Tokyo") */
export function toUtcTimestamp(timestamp: ColumnOrName, tz: string | Column): Column {
  return fn("to_utc_timestamp", c(timestamp), tz);
}
/** Truncates a date to a unit ("year", "quarter", "month", "week"). @example trunc("dt", "month") */
export function trunc(date: ColumnOrName, format: string): Column {
  return fn("trunc", c(date), format);
}
/** Like toDate, null when the string does not parse. @example tryToDate("s") */
export function tryToDate(col: ColumnOrName, format?: string): Column {
  return fn("try_to_date", c(col), ...opt(format));
}
/** Like toTimestamp, null when the string does not parse. @example tryToTimestamp("s", lit("yyyy-MM-dd")) */
export function tryToTimestamp(col: ColumnOrName, format?: ColumnOrName): Column {
  return fn("try_to_timestamp", c(col), ...opt(oc(format)));
}
/** Days since 1970-01-01. @example unixDate("dt") */
export function unixDate(col: ColumnOrName): Column {
  return fn("unix_date", c(col));
}
/** Microseconds since the epoch. @example unixMicros("ts") */
export function unixMicros(col: ColumnOrName): Column {
  return fn("unix_micros", c(col));
}
/** Milliseconds since the epoch. @example unixMillis("ts") */
export function unixMillis(col: ColumnOrName): Column {
  return fn("unix_millis", c(col));
}
/** Seconds since the epoch. @example unixSeconds("ts") */
export function unixSeconds(col: ColumnOrName): Column {
  return fn("unix_seconds", c(col));
}
/** Seconds since the epoch of a timestamp or string in `format`; now without arguments. @example unixTimestamp("s", "yyyy-MM-dd") */
export function unixTimestamp(timestamp?: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return timestamp === undefined ? fn("unix_timestamp") : fn("unix_timestamp", c(timestamp), format);
}
/** Day of the week, 0 = Monday ... 6 = Sunday. @example weekday("dt") */
export function weekday(col: ColumnOrName): Column {
  return fn("weekday", c(col));
}
/** ISO week of the year. @example weekofyear("dt") */
export function weekofyear(col: ColumnOrName): Column {
  return fn("weekofyear", c(col));
}
/** Year. @example year("dt") */
export function year(col: ColumnOrName): Column {
  return fn("year", c(col));
}
