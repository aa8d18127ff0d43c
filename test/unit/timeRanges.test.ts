// Microsecond event-time ranges: property tests over seeded random (start, end, step)
// (contiguous, non-overlapping, exact cover, each at most one step, inclusive round trip),
// ISO parsing and formatting, edge cases at 1 µs, year 1 / 9999 and before 1970, the errors,
// and the Column the range filter encodes.
import test from "ava";
import { toJson } from "@bufbuild/protobuf";
import { ExpressionSchema } from "../../generated/spark/connect/expressions_pb.js";
import { encodeExpression } from "../../src/expr/encodeExpression.js";
import { col } from "../../src/functions/index.js";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import { InvalidOptionError } from "../../runtime/errors.js";
import {
  DEFAULT_MAX_RANGES,
  formatMicros,
  fromInclusive,
  nextInclusiveRange,
  nextInclusiveStart,
  nextRange,
  rangeCondition,
  splitTimeRange,
  stepMicros,
  toInclusive,
  toMicros,
  toSparkTimestamp,
  type TimeStep,
  type TimeRange,
} from "../../src/streaming/timeRanges.js";

// Spark's TimestampType range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z.
const YEAR_1 = -62_135_596_800_000_000n;
const YEAR_9999_END = 253_402_300_799_999_999n;
const HOUR = 3_600_000_000n;
const DAY = 86_400_000_000n;

/** A seeded generator (xorshift128+ on bigint, 64-bit state words). */
function rng(seed: number) {
  const M = (1n << 64n) - 1n;
  let s0 = (BigInt(seed) * 0x9e3779b97f4a7c15n + 1n) & M;
  let s1 = (s0 ^ 0x5851f42d4c957f2dn) & M;
  const next64 = (): bigint => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= (x << 23n) & M;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (s1 + y) & M;
  };
  for (let i = 0; i < 8; i++) next64();
  /** Uniform in [lo, hi] (inclusive), hi - lo < 2^64. */
  const between = (lo: bigint, hi: bigint): bigint => lo + (next64() % (hi - lo + 1n));
  const int = (lo: number, hi: number): number => Number(between(BigInt(lo), BigInt(hi)));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next64, between, int, pick };
}

/** A random length: mostly small scales, sometimes up to the whole Spark range. */
function randomLength(r: ReturnType<typeof rng>, max: bigint): bigint {
  const scale = r.pick([10n, 1_000n, 1_000_000n, HOUR, DAY, 400n * DAY, max]);
  return r.between(0n, scale < max ? scale : max);
}

/** A random step giving at most ~300 ranges over `len` (or any step when `len` is small). */
function randomStep(r: ReturnType<typeof rng>, len: bigint): TimeStep {
  const min = len / 300n + 1n;
  const micros = r.between(min, min * 4n + r.between(0n, len + 1n));
  if (r.int(0, 3) > 0) return micros;
  // The same length as a duration, split over its parts.
  const days = micros / DAY;
  let rest = micros % DAY;
  const hours = rest / HOUR;
  rest %= HOUR;
  const minutes = rest / 60_000_000n;
  rest %= 60_000_000n;
  const seconds = rest / 1_000_000n;
  rest %= 1_000_000n;
  const millis = rest / 1000n;
  const m = rest % 1000n;
  return { days: Number(days), hours, minutes: Number(minutes), seconds, millis: Number(millis), micros: m };
}

function checkCover(t: import("ava").ExecutionContext, ranges: TimeRange[], start: bigint, end: bigint, step: bigint): void {
  const expected = (end - start + step - 1n) / step;
  if (BigInt(ranges.length) !== expected) t.fail(`expected ${expected} ranges for [${start}, ${end}) by ${step}, got ${ranges.length}`);
  if (start === end) {
    if (ranges.length !== 0) t.fail("an empty range gives no ranges");
    return;
  }
  if (ranges[0]!.start !== start) t.fail(`first range starts at ${ranges[0]!.start}, not ${start}`);
  if (ranges.at(-1)!.end !== end) t.fail(`last range ends at ${ranges.at(-1)!.end}, not ${end}`);
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    const len = r.end - r.start;
    if (len <= 0n) t.fail(`range ${i} is empty or inverted`);
    if (len > step) t.fail(`range ${i} is ${len} µs, longer than the step ${step}`);
    if (i < ranges.length - 1 && len !== step) t.fail(`range ${i} (not the last) is ${len} µs, not the step ${step}`);
    if (i > 0 && ranges[i - 1]!.end !== r.start) t.fail(`gap or overlap between ranges ${i - 1} and ${i}`);
    const inc = toInclusive(r);
    if (inc.endInclusive !== r.end - 1n || inc.start !== r.start) t.fail(`inclusive form of range ${i} is wrong`);
    const back = fromInclusive(inc);
    if (back.start !== r.start || back.end !== r.end) t.fail(`inclusive round trip of range ${i} changed it`);
    if (i > 0 && nextInclusiveStart(toInclusive(ranges[i - 1]!).endInclusive) !== r.start) t.fail(`±1 µs rule broken at ${i}`);
  }
}

test("property: split ranges are contiguous, non-overlapping, cover exactly [start, end), each at most one step", (t) => {
  const r = rng(20240601);
  let cases = 0;
  let ranges = 0;
  for (let i = 0; i < 4000; i++) {
    const len = randomLength(r, YEAR_9999_END - YEAR_1);
    const start = r.between(YEAR_1, YEAR_9999_END - len);
    const end = start + len;
    const step = randomStep(r, len);
    const micros = stepMicros(step);
    const out = splitTimeRange(start, end, step);
    checkCover(t, out, start, end, micros);
    cases++;
    ranges += out.length;
  }
  t.is(cases, 4000);
  t.true(ranges > 4000, `${ranges} ranges checked`);
});

test("property: iterating nextRange gives the same ranges as splitTimeRange", (t) => {
  const r = rng(7);
  for (let i = 0; i < 1500; i++) {
    const len = randomLength(r, 10n * 366n * DAY);
    const start = r.between(-5_000n * DAY, 5_000n * DAY);
    const end = start + len;
    const step = randomStep(r, len);
    const walked: TimeRange[] = [];
    let next = nextRange(start, end, step);
    while (next !== undefined) {
      walked.push(next);
      next = nextRange(next.end, end, step);
    }
    t.deepEqual(walked, splitTimeRange(start, end, step));
  }
});

test("property: iterating nextInclusiveRange gives the inclusive forms of splitTimeRange", (t) => {
  const r = rng(99);
  for (let i = 0; i < 1500; i++) {
    const len = r.between(1n, r.pick([5n, 10_000n, 30n * DAY]));
    const start = r.between(-3_000n * DAY, 3_000n * DAY);
    const endInclusive = start + len - 1n;
    const step = randomStep(r, len);
    const walked = [];
    // The first range of an inclusive job: [start, ...]; each next one starts 1 µs after the previous end.
    let next = nextInclusiveRange(start - 1n, endInclusive, step);
    while (next !== undefined) {
      walked.push(next);
      next = nextInclusiveRange(next.endInclusive, endInclusive, step);
    }
    t.deepEqual(walked, splitTimeRange(start, endInclusive + 1n, step).map(toInclusive));
  }
});

test("property: formatMicros and toMicros round-trip every microsecond of years 1 to 9999, and agree with Date", (t) => {
  const r = rng(1234);
  for (let i = 0; i < 5000; i++) {
    const micros = r.between(YEAR_1, YEAR_9999_END);
    const text = formatMicros(micros);
    if (toMicros(text) !== micros) t.fail(`${micros} -> ${text} -> ${toMicros(text)}`);
    const ts = new SparkTimestamp(micros);
    if (ts.toISOStringMicros() !== text) t.fail(`${text} differs from SparkTimestamp's ${ts.toISOStringMicros()}`);
    const ms = text.slice(0, 23) + "Z";
    if (toMicros(ms) !== BigInt(Date.parse(ms)) * 1000n) t.fail(`${ms} differs from Date.parse`);
    if (toMicros(ts) !== micros) t.fail(`SparkTimestamp ${micros} read back as ${toMicros(ts)}`);
  }
  t.pass();
});

test("one-microsecond steps and ranges", (t) => {
  t.deepEqual(splitTimeRange(0n, 3n, 1n), [
    { start: 0n, end: 1n },
    { start: 1n, end: 2n },
    { start: 2n, end: 3n },
  ]);
  t.deepEqual(splitTimeRange(5n, 6n, { hours: 1 }), [{ start: 5n, end: 6n }]);
  t.deepEqual(splitTimeRange(5n, 5n, 1n), []);
  t.deepEqual(splitTimeRange(0n, 10n, { micros: 4 }), [
    { start: 0n, end: 4n },
    { start: 4n, end: 8n },
    { start: 8n, end: 10n },
  ]);
  t.deepEqual(toInclusive({ start: 7n, end: 8n }), { start: 7n, endInclusive: 7n });
  t.deepEqual(fromInclusive({ start: 7n, endInclusive: 7n }), { start: 7n, end: 8n });
  t.is(nextRange(9n, 9n, 1n), undefined);
  t.deepEqual(nextRange(9n, 10n, 5n), { start: 9n, end: 10n });
});

test("ranges across the epoch and before 1970", (t) => {
  t.deepEqual(splitTimeRange(-3n, 3n, 2n), [
    { start: -3n, end: -1n },
    { start: -1n, end: 1n },
    { start: 1n, end: 3n },
  ]);
  t.is(toMicros("1969-12-31T23:59:59.999999Z"), -1n);
  t.is(formatMicros(-1n), "1969-12-31T23:59:59.999999Z");
  t.is(toMicros(new SparkTimestamp(-1n)), -1n);
  t.is(toMicros(new Date(-1)), -1000n);
  const day = splitTimeRange("1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z", { hours: 6 });
  t.is(day.length, 4);
  t.is(formatMicros(day[3]!.start), "1969-12-31T18:00:00.000000Z");
  t.deepEqual(toInclusive(day[3]!), { start: day[3]!.start, endInclusive: -1n });
});

test("year 1 and year 9999: Spark's whole timestamp range", (t) => {
  t.is(toMicros("0001-01-01T00:00:00Z"), YEAR_1);
  t.is(toMicros("0001-01-01"), YEAR_1);
  t.is(toMicros("9999-12-31T23:59:59.999999Z"), YEAR_9999_END);
  t.is(formatMicros(YEAR_1), "0001-01-01T00:00:00.000000Z");
  t.is(formatMicros(YEAR_9999_END), "9999-12-31T23:59:59.999999Z");
  const years = splitTimeRange(YEAR_1, YEAR_9999_END + 1n, { days: 366 });
  t.is(years[0]!.start, YEAR_1);
  t.is(years.at(-1)!.end, YEAR_9999_END + 1n);
  checkCover(t, years, YEAR_1, YEAR_9999_END + 1n, 366n * DAY);
  t.deepEqual(toInclusive(years.at(-1)!).endInclusive, YEAR_9999_END);
  t.is(toSparkTimestamp(YEAR_9999_END).toISOStringMicros(), "9999-12-31T23:59:59.999999Z");
  // Outside Spark's range the arithmetic still holds (years with a sign, as Date writes them).
  t.is(formatMicros(YEAR_1 - DAY * 366n), "0000-01-01T00:00:00.000000Z");
  t.is(formatMicros(YEAR_1 - DAY * 731n), "-000001-01-01T00:00:00.000000Z");
  t.is(toMicros("-000001-01-01T00:00:00Z"), YEAR_1 - DAY * 731n);
  t.is(toMicros("+010000-01-01T00:00:00Z"), YEAR_9999_END + 1n);
});

test("UTC arithmetic: a day is 86 400 s and offsets only move the instant (no daylight saving)", (t) => {
  // Europe's 2024 spring-forward day is 24 hours here, like every other.
  const hours = splitTimeRange("2024-03-31T00:00:00Z", "2024-04-01T00:00:00Z", { hours: 1 });
  t.is(hours.length, 24);
  t.deepEqual(splitTimeRange("2024-03-31T00:00:00Z", "2024-04-01T00:00:00Z", { days: 1 }), [
    { start: toMicros("2024-03-31"), end: toMicros("2024-04-01") },
  ]);
  t.is(toMicros("2024-03-31T03:00:00+02:00"), toMicros("2024-03-31T01:00:00Z"));
  t.is(toMicros("2024-03-31T00:30:00-0130"), toMicros("2024-03-31T02:00:00Z"));
  t.is(toMicros("2024-03-31 01:00:00.5Z"), toMicros("2024-03-31T01:00:00.500000Z"));
  t.is(toMicros("2024-02-29T00:00:00Z"), toMicros("2024-03-01") - DAY);
  t.is(toMicros("2000-02-29"), BigInt(Date.parse("2000-02-29T00:00:00Z")) * 1000n);
});

test("durations add up their parts in microseconds", (t) => {
  t.is(stepMicros({ days: 1, hours: 1, minutes: 1, seconds: 1, millis: 1, micros: 1 }), 90_061_001_001n);
  t.is(stepMicros({ hours: 1n, minutes: 30 }), 5_400_000_000n);
  t.is(stepMicros({ millis: 1500 }), 1_500_000n);
  t.is(stepMicros(1n), 1n);
});

function rejects(t: import("ava").ExecutionContext, fn: () => unknown, fix: RegExp): void {
  const e = t.throws(fn, { instanceOf: InvalidOptionError });
  t.is(e?._tag, "InvalidOptionError");
  t.regex(e?.message ?? "", fix);
}

test("bad ranges and steps throw InvalidOptionError naming the fix", (t) => {
  rejects(t, () => splitTimeRange(10n, 9n, 1n), /ends before it starts.*pass an end at or after the start/);
  rejects(t, () => splitTimeRange(0n, 10n, 0n), /must be positive/);
  rejects(t, () => splitTimeRange(0n, 10n, -5n), /must be positive/);
  rejects(t, () => splitTimeRange(0n, 10n, {}), /must be positive/);
  rejects(t, () => splitTimeRange(0n, 10n, { minutes: -1 }), /not a non-negative integer/);
  rejects(t, () => splitTimeRange(0n, 10n, { seconds: 1.5 }), /smaller unit.*millis: 1500/);
  rejects(t, () => splitTimeRange(0n, 10n, { minute: 1 } as never), /unknown part "minute".*minutes/);
  rejects(t, () => splitTimeRange(0n, 10n, 5 as never), /pass microseconds as a bigint \(e\.g\. 5n\)/);
  rejects(t, () => nextRange(11n, 10n, 1n), /after the end/);
  rejects(t, () => nextRange(0n, 10n, 0n), /must be positive/);
  rejects(t, () => toInclusive({ start: 3n, end: 3n }), /empty and has no inclusive form/);
  rejects(t, () => fromInclusive({ start: 3n, endInclusive: 2n }), /pass endInclusive at or after start/);
  rejects(t, () => rangeCondition("ts", { start: 3n, end: 2n }), /ends before it starts/);
});

test("more ranges than maxRanges throw before anything is allocated", (t) => {
  t.is(splitTimeRange(0n, 10n, 1n, { maxRanges: 10 }).length, 10);
  rejects(t, () => splitTimeRange(0n, 11n, 1n, { maxRanges: 10 }), /gives 11 ranges, more than maxRanges \(10\); use a larger step or raise maxRanges/);
  rejects(t, () => splitTimeRange(YEAR_1, YEAR_9999_END, 1n), new RegExp(`more than maxRanges \\(${DEFAULT_MAX_RANGES}\\)`));
  rejects(t, () => splitTimeRange(0n, 1n, 1n, { maxRanges: -1 }), /non-negative integer/);
  t.deepEqual(splitTimeRange(0n, 0n, 1n, { maxRanges: 0 }), []);
});

test("bad times throw InvalidOptionError naming the fix", (t) => {
  rejects(t, () => toMicros("2024-03-01T00:00:00"), /no time zone.*add "Z" for UTC or an offset/);
  rejects(t, () => toMicros("2024-03-01T00:00:00.0000001Z"), /7 fractional digits.*at most 6/);
  rejects(t, () => toMicros("2023-02-29"), /day .* out of range \(01-28\)/);
  rejects(t, () => toMicros("1900-02-29"), /out of range \(01-28\)/);
  rejects(t, () => toMicros("2024-13-01"), /month/);
  rejects(t, () => toMicros("2024-01-01T24:00:00Z"), /time of day/);
  rejects(t, () => toMicros("yesterday"), /not an ISO 8601 timestamp.*"2024-03-01T12:00:00.000001Z"/);
  rejects(t, () => toMicros(new Date(Number.NaN)), /invalid/);
  rejects(t, () => toMicros(1_700_000_000_000 as never), /pass epoch microseconds as a bigint \(1700000000000n\)/);
  t.is(toMicros("2024-02-29"), toMicros("2024-02-29T00:00:00Z"));
});

const json = (c: ReturnType<typeof rangeCondition>) => toJson(ExpressionSchema, encodeExpression(c.node)) as Record<string, any>;

test("rangeCondition is col >= start AND col < end with microsecond-exact timestamp literals", (t) => {
  const range = { start: toMicros("2024-01-01T00:00:00.000001Z"), end: toMicros("2024-01-01T01:00:00.000001Z") };
  const attr = { unresolvedAttribute: { unparsedIdentifier: "eventTime" } };
  const expected = {
    unresolvedFunction: {
      functionName: "and",
      arguments: [
        { unresolvedFunction: { functionName: ">=", arguments: [attr, { literal: { timestamp: "1704067200000001" } }] } },
        { unresolvedFunction: { functionName: "<", arguments: [attr, { literal: { timestamp: "1704070800000001" } }] } },
      ],
    },
  };
  t.deepEqual(json(rangeCondition("eventTime", range)), expected);
  t.deepEqual(json(rangeCondition(col("eventTime"), range)), expected);
  // An inclusive range filters the same rows: < endInclusive + 1 µs.
  t.deepEqual(json(rangeCondition("eventTime", toInclusive(range))), expected);
  const early = json(rangeCondition("t", { start: YEAR_1, end: -1n }));
  t.is(early.unresolvedFunction.arguments[0].unresolvedFunction.arguments[1].literal.timestamp, String(YEAR_1));
  t.is(early.unresolvedFunction.arguments[1].unresolvedFunction.arguments[1].literal.timestamp, "-1");
});
