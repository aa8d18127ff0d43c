/**
 * Consecutive, non-overlapping event-time ranges at microsecond precision.
 *
 * Every instant is a count of microseconds since 1970-01-01T00:00:00Z as a `bigint`
 * (Spark's TimestampType). A range is half-open, `[start, end)`: the next range starts
 * exactly where the previous one ended, so ranges never overlap and leave no gap. Jobs that
 * store inclusive bounds `[start, end - 1µs]` convert with {@link toInclusive} and
 * {@link fromInclusive} (the next inclusive range starts 1 µs after the previous inclusive end).
 *
 * Days are 86 400 seconds: all arithmetic is on UTC microseconds, so daylight saving time
 * plays no part.
 */
import { Column } from "../Column.js";
import { col, lit } from "../functions/core.js";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import { InvalidOptionError } from "../../runtime/errors.js";

/**
 * An instant: epoch microseconds (`bigint`), a `Date` (millisecond precision), a
 * `SparkTimestamp` (microsecond precision) or an ISO 8601 string with up to six fractional
 * digits and an explicit `Z` or offset (`"2024-03-01T00:00:00.000001Z"`); a date alone
 * (`"2024-03-01"`) is midnight UTC.
 */
export type TimeInput = bigint | Date | SparkTimestamp | string;

/** A length of time; each part a non-negative integer (`number` or `bigint`). A day is 86 400 s. */
export interface TimeDuration {
  readonly days?: number | bigint;
  readonly hours?: number | bigint;
  readonly minutes?: number | bigint;
  readonly seconds?: number | bigint;
  readonly millis?: number | bigint;
  readonly micros?: number | bigint;
}

/** A step: microseconds as a `bigint`, or a {@link TimeDuration}. Must be positive. */
export type TimeStep = bigint | TimeDuration;

/** The half-open range `[start, end)` in epoch microseconds. */
export interface TimeRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** The inclusive range `[start, endInclusive]` in epoch microseconds (`endInclusive = end - 1n`). */
export interface InclusiveTimeRange {
  readonly start: bigint;
  readonly endInclusive: bigint;
}

/** Options of {@link splitTimeRange}. */
export interface SplitTimeRangeOptions {
  /** Refuse to produce more ranges than this (default {@link DEFAULT_MAX_RANGES}). */
  readonly maxRanges?: number;
}

/** The default limit on the number of ranges {@link splitTimeRange} produces. */
export const DEFAULT_MAX_RANGES = 100_000;

/** One microsecond. */
export const MICROSECOND = 1n;
const MICROS_PER: Readonly<Record<keyof TimeDuration, bigint>> = {
  days: 86_400_000_000n,
  hours: 3_600_000_000n,
  minutes: 60_000_000n,
  seconds: 1_000_000n,
  millis: 1_000n,
  micros: 1n,
};
const DURATION_KEYS = Object.keys(MICROS_PER) as (keyof TimeDuration)[];

function fail(message: string): never {
  throw new InvalidOptionError({ message });
}

// ---------------------------------------------------------------------------------------
// Instants

const ISO =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Days from 1970-01-01 to the given proleptic Gregorian date (any year). */
function daysFromCivil(year: bigint, month: number, day: number): bigint {
  const y = month <= 2 ? year - 1n : year;
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yoe = y - era * 400n; // 0..399
  const mp = BigInt((month + 9) % 12); // March = 0
  const doy = (153n * mp + 2n) / 5n + BigInt(day - 1);
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n;
}

function isLeap(year: bigint): boolean {
  return (year % 4n === 0n && year % 100n !== 0n) || year % 400n === 0n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseIso(text: string): bigint {
  const m = ISO.exec(text.trim());
  const hint = `write it as ISO 8601 in UTC or with an offset, e.g. "2024-03-01T12:00:00.000001Z"`;
  if (m === null) fail(`The time ${JSON.stringify(text)} is not an ISO 8601 timestamp; ${hint}.`);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = BigInt(y!);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) fail(`The month in ${JSON.stringify(text)} is out of range (01-12).`);
  const dim = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > dim) fail(`The day in ${JSON.stringify(text)} is out of range (01-${dim}).`);
  if (h !== undefined && zone === undefined) {
    fail(
      `The time ${JSON.stringify(text)} has no time zone, so its instant is ambiguous; ` +
        `add "Z" for UTC or an offset such as "+02:00".`,
    );
  }
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) fail(`The time of day in ${JSON.stringify(text)} is out of range (00:00:00-23:59:59).`);
  if (frac !== undefined && frac.length > 6) {
    fail(
      `The time ${JSON.stringify(text)} has ${frac.length} fractional digits; Spark timestamps keep microseconds, ` +
        `so give at most 6.`,
    );
  }
  let offsetMinutes = 0n;
  if (zone !== undefined && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1n : 1n;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 23 || om > 59) fail(`The offset in ${JSON.stringify(text)} is out of range.`);
    offsetMinutes = sign * BigInt(oh * 60 + om);
  }
  const micros = BigInt((frac ?? "").padEnd(6, "0"));
  const seconds = daysFromCivil(year, month, day) * 86_400n + BigInt(hour * 3600 + minute * 60 + second);
  return (seconds - offsetMinutes * 60n) * 1_000_000n + micros;
}

/**
 * Epoch microseconds of an instant.
 *
 * @example
 * ```ts
 * toMicros("1970-01-01T00:00:00.000001Z");  // 1n
 * toMicros(new Date(1));                    // 1000n
 * toMicros(new SparkTimestamp(-1n));        // -1n
 * toMicros("2024-03-01T02:00:00+02:00");    // same as "2024-03-01T00:00:00Z"
 * ```
 */
export function toMicros(input: TimeInput): bigint {
  if (typeof input === "bigint") return input;
  if (typeof input === "string") return parseIso(input);
  if (input instanceof SparkTimestamp) {
    try {
      return input.epochMicros;
    } catch {
      fail("The SparkTimestamp is an invalid time; pass a valid instant.");
    }
  }
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) fail("The Date is invalid (its time is NaN); pass a valid Date, epoch microseconds or an ISO string.");
    return BigInt(ms) * 1000n;
  }
  if (typeof input === "number") {
    fail(
      `The time ${input} is a number, which could be seconds, milliseconds or microseconds; ` +
        `pass epoch microseconds as a bigint (${Number.isSafeInteger(input) ? `${input}n` : "e.g. 1700000000000000n"}) or a Date.`,
    );
  }
  return fail(`Cannot read a time from ${typeof input}; pass epoch microseconds (bigint), a Date, a SparkTimestamp or an ISO string.`);
}

/**
 * The instant as a `SparkTimestamp` (a `Date` that keeps the microseconds).
 *
 * @example
 * ```ts
 * toSparkTimestamp(1n).toISOStringMicros(); // "1970-01-01T00:00:00.000001Z"
 * ```
 */
export function toSparkTimestamp(micros: bigint): SparkTimestamp {
  return new SparkTimestamp(micros);
}

/**
 * ISO 8601 text in UTC with six fractional digits, for any year (years outside 0000-9999
 * are written with a sign and six digits, as `Date.prototype.toISOString` does).
 *
 * @example
 * ```ts
 * formatMicros(-1n); // "1969-12-31T23:59:59.999999Z"
 * ```
 */
export function formatMicros(micros: bigint): string {
  let days = micros / 86_400_000_000n;
  let rest = micros % 86_400_000_000n;
  if (rest < 0n) {
    rest += 86_400_000_000n;
    days -= 1n;
  }
  // civil_from_days (proleptic Gregorian)
  const z = days + 719_468n;
  const era = (z >= 0n ? z : z - 146_096n) / 146_097n;
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = doy - (153n * mp + 2n) / 5n + 1n;
  const month = mp < 10n ? mp + 3n : mp - 9n;
  const year = yoe + era * 400n + (month <= 2n ? 1n : 0n);
  const p = (v: bigint, n: number) => String(v).padStart(n, "0");
  const yearText = year >= 0n && year <= 9999n ? p(year, 4) : `${year < 0n ? "-" : "+"}${p(year < 0n ? -year : year, 6)}`;
  const secs = rest / 1_000_000n;
  return (
    `${yearText}-${p(month, 2)}-${p(day, 2)}T${p(secs / 3600n, 2)}:${p((secs / 60n) % 60n, 2)}:${p(secs % 60n, 2)}` +
    `.${p(rest % 1_000_000n, 6)}Z`
  );
}

// ---------------------------------------------------------------------------------------
// Steps

/**
 * A step in microseconds. Throws `InvalidOptionError` unless it is positive.
 *
 * @example
 * ```ts
 * stepMicros({ hours: 1, minutes: 30 }); // 5400000000n
 * stepMicros(250n);                       // 250n
 * ```
 */
export function stepMicros(step: TimeStep): bigint {
  let total: bigint;
  if (typeof step === "bigint") {
    total = step;
  } else if (typeof step === "object" && step !== null && !Array.isArray(step)) {
    total = 0n;
    for (const key of Object.keys(step)) {
      if (!(DURATION_KEYS as string[]).includes(key)) {
        fail(`The duration has an unknown part "${key}"; use ${DURATION_KEYS.join(", ")}.`);
      }
    }
    for (const key of DURATION_KEYS) {
      const v = step[key];
      if (v === undefined) continue;
      if (typeof v === "number" ? !Number.isSafeInteger(v) || v < 0 : typeof v !== "bigint" || v < 0n) {
        fail(
          `The duration part ${key}: ${String(v)} is not a non-negative integer; ` +
            `express fractions with a smaller unit (e.g. { millis: 1500 } for 1.5 seconds).`,
        );
      }
      total += BigInt(v) * MICROS_PER[key];
    }
  } else if (typeof step === "number") {
    return fail(`The step ${step} is a number; pass microseconds as a bigint (e.g. ${Number.isSafeInteger(step) ? `${step}n` : "60000000n"}) or a duration such as { minutes: 1 }.`);
  } else {
    return fail(`Cannot read a step from ${typeof step}; pass microseconds as a bigint or a duration such as { minutes: 1 }.`);
  }
  if (total <= 0n) {
    fail(`The step is ${total} µs; it must be positive, e.g. 1n (one microsecond) or { hours: 1 }.`);
  }
  return total;
}

// ---------------------------------------------------------------------------------------
// Ranges

function checkOrder(start: bigint, end: bigint, what: string): void {
  if (end < start) {
    fail(
      `The ${what} ends before it starts (start ${formatMicros(start)}, end ${formatMicros(end)}); ` +
        `pass an end at or after the start.`,
    );
  }
}

/**
 * Consecutive half-open ranges covering exactly `[start, end)`: each `step` long but the
 * last, which may be shorter. `start === end` gives no ranges. Throws `InvalidOptionError`
 * when the end is before the start, the step is not positive, or there would be more than
 * `maxRanges` ranges.
 *
 * @example
 * ```ts
 * splitTimeRange("2024-01-01T00:00:00Z", "2024-01-01T02:30:00Z", { hours: 1 });
 * // [{ start: 1704067200000000n, end: 1704070800000000n },
 * //  { start: 1704070800000000n, end: 1704074400000000n },
 * //  { start: 1704074400000000n, end: 1704076200000000n }]
 * ```
 */
export function splitTimeRange(start: TimeInput, end: TimeInput, step: TimeStep, options: SplitTimeRangeOptions = {}): TimeRange[] {
  const s = toMicros(start);
  const e = toMicros(end);
  const size = stepMicros(step);
  const maxRanges = options.maxRanges ?? DEFAULT_MAX_RANGES;
  if (!Number.isSafeInteger(maxRanges) || maxRanges < 0) {
    fail(`maxRanges is ${String(maxRanges)}; pass a non-negative integer.`);
  }
  checkOrder(s, e, "time range");
  const count = (e - s + size - 1n) / size;
  if (count > BigInt(maxRanges)) {
    fail(
      `Splitting ${formatMicros(s)} .. ${formatMicros(e)} into steps of ${size} µs gives ${count} ranges, ` +
        `more than maxRanges (${maxRanges}); use a larger step or raise maxRanges.`,
    );
  }
  const out: TimeRange[] = [];
  for (let from = s; from < e; from += size) {
    const to = e - from > size ? from + size : e;
    out.push(Object.freeze({ start: from, end: to }));
  }
  return out;
}

/**
 * The range after one that ended at `previousEnd` (exclusive): `[previousEnd,
 * min(previousEnd + step, end))`, or `undefined` when `previousEnd === end` (nothing is left).
 * Throws `InvalidOptionError` when `previousEnd` is after `end` or the step is not positive.
 *
 * @example
 * ```ts
 * let range = nextRange(lastProcessedEnd, toMicros(new Date()), { minutes: 5 });
 * while (range) { process(range); range = nextRange(range.end, now, { minutes: 5 }); }
 * ```
 */
export function nextRange(previousEnd: TimeInput, end: TimeInput, step: TimeStep): TimeRange | undefined {
  const s = toMicros(previousEnd);
  const e = toMicros(end);
  const size = stepMicros(step);
  if (e < s) {
    fail(
      `The previous range ended at ${formatMicros(s)}, after the end ${formatMicros(e)}; ` +
        `pass an end at or after the previous end.`,
    );
  }
  if (s === e) return undefined;
  return Object.freeze({ start: s, end: e - s > size ? s + size : e });
}

/**
 * The inclusive form `[start, end - 1µs]` of a non-empty half-open range. Throws
 * `InvalidOptionError` for an empty range, which has no inclusive form.
 *
 * @example
 * ```ts
 * toInclusive({ start: 0n, end: 60_000_000n }); // { start: 0n, endInclusive: 59_999_999n }
 * ```
 */
export function toInclusive(range: TimeRange): InclusiveTimeRange {
  checkOrder(range.start, range.end, "time range");
  if (range.end === range.start) {
    fail(`The range [${formatMicros(range.start)}, ${formatMicros(range.end)}) is empty and has no inclusive form; skip it.`);
  }
  return Object.freeze({ start: range.start, endInclusive: range.end - MICROSECOND });
}

/**
 * The half-open form `[start, endInclusive + 1µs)` of an inclusive range. Throws
 * `InvalidOptionError` when `endInclusive` is before `start`.
 *
 * @example
 * ```ts
 * fromInclusive({ start: 0n, endInclusive: 59_999_999n }); // { start: 0n, end: 60_000_000n }
 * ```
 */
export function fromInclusive(range: InclusiveTimeRange): TimeRange {
  if (range.endInclusive < range.start) {
    fail(
      `The inclusive range ends before it starts (start ${formatMicros(range.start)}, ` +
        `endInclusive ${formatMicros(range.endInclusive)}); pass endInclusive at or after start.`,
    );
  }
  return Object.freeze({ start: range.start, end: range.endInclusive + MICROSECOND });
}

/**
 * Where the inclusive range after one ending at `previousEndInclusive` starts: 1 µs later
 * (the ±1 µs rule).
 *
 * @example
 * ```ts
 * nextInclusiveStart(59_999_999n); // 60_000_000n
 * ```
 */
export function nextInclusiveStart(previousEndInclusive: TimeInput): bigint {
  return toMicros(previousEndInclusive) + MICROSECOND;
}

/**
 * The inclusive range after one ending at `previousEndInclusive`: it starts 1 µs later and
 * is at most `step` long, ending no later than `endInclusive`; `undefined` when nothing is
 * left.
 *
 * @example
 * ```ts
 * nextInclusiveRange(59_999_999n, 299_999_999n, { minutes: 1 });
 * // { start: 60_000_000n, endInclusive: 119_999_999n }
 * ```
 */
export function nextInclusiveRange(
  previousEndInclusive: TimeInput,
  endInclusive: TimeInput,
  step: TimeStep,
): InclusiveTimeRange | undefined {
  const next = nextRange(toMicros(previousEndInclusive) + MICROSECOND, toMicros(endInclusive) + MICROSECOND, step);
  return next === undefined ? undefined : toInclusive(next);
}

/**
 * A filter for rows whose `column` falls in the range: `column >= start AND column < end`,
 * with microsecond-exact TimestampType literals. An inclusive range becomes
 * `column >= start AND column < endInclusive + 1µs`, the same rows at microsecond precision.
 *
 * @example
 * ```ts
 * for (const range of splitTimeRange(from, to, { hours: 1 })) {
 *   await spark.table("events").where(rangeCondition("eventTime", range)).write.mode("append").saveAsTable("hourly");
 * }
 * ```
 */
export function rangeCondition(column: string | Column, range: TimeRange | InclusiveTimeRange): Column {
  const r = "endInclusive" in range ? fromInclusive(range) : range;
  checkOrder(r.start, r.end, "time range");
  const c = typeof column === "string" ? col(column) : column;
  return c.ge(lit(new SparkTimestamp(r.start))).and(c.lt(lit(new SparkTimestamp(r.end))));
}
