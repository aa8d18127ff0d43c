import test from "ava";
import {
  type Data, type DataType, Binary, Bool, DateDay, Decimal, Dictionary, Duration, Field, Float16, Float32, Float64,
  Int8, Int16, Int32, Int64, Interval, IntervalUnit, LargeBinary, LargeUtf8, List, Map_, Null, RecordBatch, Schema,
  Struct, Table, Time, TimeUnit, Timestamp, Utf8, makeData, tableToIPC, vectorFromArray,
} from "apache-arrow";
import { InvalidOptionError, ProtocolError, RowConversionError } from "../../runtime/errors.js";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import { arrowBatchDecoder, decodeArrowBatch } from "../../runtime/arrow/decode.js";
import { type RowOptions, tableToRows } from "../../runtime/arrow/rows.js";

type Col = readonly [type: DataType, values: readonly unknown[]];

/** Validity bitmap of `values` (null → 0). */
const validity = (values: readonly unknown[]) => {
  const bits = new Uint8Array(Math.ceil(values.length / 8) + 8);
  values.forEach((v, i) => v !== null && (bits[i >> 3] |= 1 << (i & 7)));
  return bits;
};
/** Fixed-width column straight from its buffer, the way Spark's writer lays it out. */
const raw = (type: DataType, values: readonly unknown[], buffer: ArrayLike<unknown>): Data =>
  makeData({ type: type as any, length: values.length, nullCount: values.filter((v) => v === null).length, nullBitmap: validity(values), data: buffer as any });
const int64s = (values: readonly (bigint | null)[]) => BigInt64Array.from(values, (v) => v ?? 0n);
const decimals = (values: readonly (bigint | null)[]) => {
  const words = new Uint32Array(values.length * 4);
  values.forEach((v, i) => {
    for (let k = 0, u = BigInt.asUintN(128, v ?? 0n); k < 4; k++, u >>= 32n) words[4 * i + k] = Number(u & 0xffffffffn);
  });
  return words;
};
const toData = ([type, values]: Col): Data => {
  switch (type.typeId) {
    case 7: return raw(type, values, decimals(values as bigint[])); // Decimal
    case 9: case 10: case 18: return raw(type, values, int64s(values as bigint[])); // Time64, Timestamp, Duration
    case 11: return raw(type, values, Int32Array.from(values as number[], (v) => v ?? 0)); // Interval(YEAR_MONTH)
    case 1: return makeData({ type: new Null(), length: values.length });
    default: return vectorFromArray(values as unknown[], type).data[0]!;
  }
};
/** Builds a batch, sends it through Arrow IPC like Spark does, converts it to rows. */
const rowsOf = (cols: Record<string, Col>, options?: RowOptions) => {
  const batch = new RecordBatch(Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, toData(c)])));
  const [decoded, ...more] = decodeArrowBatch(tableToIPC(new Table(batch), "stream"));
  if (more.length > 0) throw new Error("expected one batch");
  return tableToRows(decoded!, options);
};
const column = (col: Col, options?: RowOptions) => rowsOf({ c: col }, options).map((r) => r.c);

const TS_UTC = new Timestamp(TimeUnit.MICROSECOND, "UTC");
const TS_NTZ = new Timestamp(TimeUnit.MICROSECOND);

test("integers and floats become numbers; NaN, infinities and -0 survive", (t) => {
  const rows = rowsOf({
    b: [new Int8(), [-128, 127, null]],
    s: [new Int16(), [-32768, 32767, null]],
    i: [new Int32(), [-2147483648, 2147483647, null]],
    f: [new Float32(), [1.5, Number.NEGATIVE_INFINITY, null]],
    d: [new Float64(), [Number.NaN, Number.POSITIVE_INFINITY, -0]],
  });
  t.deepEqual(rows.slice(0, 2), [
    { b: -128, s: -32768, i: -2147483648, f: 1.5, d: Number.NaN },
    { b: 127, s: 32767, i: 2147483647, f: Number.NEGATIVE_INFINITY, d: Number.POSITIVE_INFINITY },
  ]);
  t.deepEqual(Object.keys(rows[2]!), ["b", "s", "i", "f", "d"]);
  t.is(rows[2]!.i, null);
  t.true(Object.is(rows[2]!.d, -0));
});

test("longs are bigint by default and exact numbers on request", (t) => {
  const values = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), null];
  t.deepEqual(column([new Int64(), values]), values);
  const safe = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 32, -(2 ** 32) - 1, -1, null];
  t.deepEqual(column([new Int64(), safe.map((v) => (v === null ? null : BigInt(v)))], { longs: "number" }), safe);
  for (const big of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n]) {
    const e = t.throws(() => column([new Int64(), [big]], { longs: "number" }), { instanceOf: RowConversionError });
    t.regex(e!.message, /longs: "bigint"/);
    t.regex(e!.message, new RegExp(`"c".*${big}`));
  }
});

test("a value that cannot be converted is a RowConversionError naming the column and its type", (t) => {
  const big = 2n ** 60n;
  const e = t.throws(() => rowsOf({ ok: [new Int32(), [1]], n: [new Int64(), [big]] }, { longs: "number" }), { instanceOf: RowConversionError });
  t.is(e!._tag, "RowConversionError");
  t.is(e!.name, "RowConversionError");
  t.is(e!.column, "n");
  t.is(e!.dataType, "Int64");
  t.regex(e!.message, /Column "n".*LongType/);
  t.false(e!.isRetryable);
  // Nested: the path names the struct field.
  const inner = vectorFromArray([{ x: big }], new Struct([new Field("x", new Int64())])).data[0]!;
  const nested = t.throws(() => tableToRows(new RecordBatch({ s: inner }), { longs: "number" }), { instanceOf: RowConversionError });
  t.is(nested!.column, "s.x");
  t.regex(nested!.message, /"s\.x"/);
  // Anything unexpected inside a reader (here a buffer of the wrong kind) is reported the same
  // way, with the original error as the cause.
  const data = raw(new Timestamp(TimeUnit.MILLISECOND), [1n], int64s([1n]));
  Object.defineProperty(data, "values", { value: [1.5] });
  const odd = t.throws(() => tableToRows(new RecordBatch({ ts: data })), { instanceOf: RowConversionError });
  t.is(odd!.column, "ts");
  t.is(odd!.dataType, "Timestamp<MILLISECOND>");
  t.true(odd!.cause instanceof TypeError);
  t.true(odd!.message.includes(`Column "ts"`) && odd!.message.includes("toArrow()"), odd!.message);
});

test("booleans, strings and binary", (t) => {
  const rows = rowsOf({
    bool: [new Bool(), [true, false, null, true]],
    str: [new Utf8(), ["héllo 🌍", "", null, "x"]],
    large: [new LargeUtf8(), ["a", null, "", "b"]],
    bin: [new Binary(), [Uint8Array.of(0, 255), new Uint8Array(0), null, Uint8Array.of(7)]],
    lbin: [new LargeBinary(), [null, Uint8Array.of(1), new Uint8Array(0), null]],
  });
  t.deepEqual(rows.map((r) => r.bool), [true, false, null, true]);
  t.deepEqual(rows.map((r) => r.str), ["héllo 🌍", "", null, "x"]);
  t.deepEqual(rows.map((r) => r.large), ["a", null, "", "b"]);
  t.deepEqual(rows.map((r) => r.bin), [Uint8Array.of(0, 255), new Uint8Array(0), null, Uint8Array.of(7)]);
  t.deepEqual(rows.map((r) => r.lbin), [null, Uint8Array.of(1), new Uint8Array(0), null]);
});

test("binary values are views of the batch, not copies", (t) => {
  const batch = new RecordBatch({ b: vectorFromArray([Uint8Array.of(1, 2, 3)], new Binary()).data[0]! });
  const [decoded] = decodeArrowBatch(tableToIPC(new Table(batch), "stream"));
  const value = tableToRows(decoded!)[0]!.b as Uint8Array;
  t.deepEqual(value, Uint8Array.of(1, 2, 3));
  t.is(value.buffer, decoded!.data.children[0]!.values.buffer);
});

test("decimals are exact strings with the scale's digits, or numbers on request", (t) => {
  const max38 = 10n ** 38n - 1n;
  t.deepEqual(column([new Decimal(0, 38, 128), [max38, -max38, 0n, null]]), [
    "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "0", null,
  ]);
  t.deepEqual(column([new Decimal(10, 38, 128), [-max38, -12345678901234567890n]]), [
    "-9999999999999999999999999999.9999999999", "-1234567890.1234567890",
  ]);
  t.deepEqual(column([new Decimal(2, 5, 128), [-1250n, 5n, -5n, 0n, 1250n]]), ["-12.50", "0.05", "-0.05", "0.00", "12.50"]);
  t.deepEqual(column([new Decimal(3, 3, 128), [1n, -1n, 999n]]), ["0.001", "-0.001", "0.999"]);
  t.deepEqual(column([new Decimal(38, 38, 128), [1n, -max38]]), [
    `0.${"0".repeat(37)}1`, `-0.${"9".repeat(38)}`,
  ]);
  // Around the boundary of the number fast path (±2^53).
  t.deepEqual(column([new Decimal(0, 20, 128), [2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n), -(2n ** 53n) + 1n, 2n ** 64n]]), [
    "9007199254740991", "9007199254740992", "-9007199254740992", "-9007199254740991", "18446744073709551616",
  ]);
  t.deepEqual(column([new Decimal(2, 5, 128), [-1250n, 1n, null]], { decimals: "number" }), [-12.5, 0.01, null]);
  t.deepEqual(column([new Decimal(0, 38, 128), [max38]], { decimals: "number" }), [1e38]);
  t.deepEqual(column([new Decimal(30, 38, 128), [-3n]], { decimals: "number" }), [-3e-30]);
});

test("dates are Dates at UTC midnight over Spark's whole range", (t) => {
  const days = [-719162, 2932896, 0, -1, null];
  t.deepEqual(column([new DateDay(), days.map((d) => (d === null ? null : new Date(d * 86_400_000)))]), [
    new Date("0001-01-01T00:00:00Z"), new Date("9999-12-31T00:00:00Z"), new Date("1970-01-01T00:00:00Z"),
    new Date("1969-12-31T00:00:00Z"), null,
  ]);
});

test("timestamps keep exact microseconds, before 1970 and far in the future", (t) => {
  const micros = [-1n, -1000n, -1001n, 0n, 1_700_000_000_123_456n, -62135596800000000n, 253402300799999999n, null];
  const rows = rowsOf({ utc: [TS_UTC, micros], ntz: [TS_NTZ, micros] });
  for (const key of ["utc", "ntz"]) {
    const got = rows.map((r) => r[key] as SparkTimestamp | null);
    t.true(got.slice(0, -1).every((v) => v instanceof SparkTimestamp && v instanceof Date));
    t.deepEqual(got.map((v) => v?.epochMicros ?? null), micros);
    t.deepEqual(got.map((v) => v?.toISOStringMicros() ?? null), [
      "1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999000Z", "1969-12-31T23:59:59.998999Z",
      "1970-01-01T00:00:00.000000Z", "2023-11-14T22:13:20.123456Z", "0001-01-01T00:00:00.000000Z",
      "9999-12-31T23:59:59.999999Z", null,
    ]);
    t.deepEqual(got.slice(0, 3).map((v) => [v!.getTime(), v!.microseconds]), [[-1, 999], [-1, 0], [-2, 999]]);
  }
  t.is((rows[4]!.ntz as Date).getUTCHours(), 22);
  t.is((rows[0]!.utc as Date).toISOString(), "1969-12-31T23:59:59.999Z");
});

test("SparkTimestamp outside Date's range keeps epochMicros; Date setters keep the micros", (t) => {
  const huge = new SparkTimestamp(2n ** 63n - 1n);
  t.true(Number.isNaN(huge.getTime()));
  t.is(huge.epochMicros, 2n ** 63n - 1n);
  t.throws(() => huge.toISOStringMicros(), { instanceOf: RangeError });
  const ts = new SparkTimestamp(1_500);
  ts.setTime(2000);
  t.is(ts.epochMicros, 2_000_500n);
  t.is(JSON.stringify({ ts }), '{"ts":"1970-01-01T00:00:02.000Z"}');
  t.throws(() => new SparkTimestamp(0.5), { instanceOf: RangeError });
});

test("nulls, intervals and times", (t) => {
  const rows = rowsOf({
    n: [new Null(), [null, null]],
    ym: [new Interval(IntervalUnit.YEAR_MONTH), [14, null]],
    dt: [new Duration(TimeUnit.MICROSECOND), [-86_400_000_001n, null]],
    time: [new Time(TimeUnit.NANOSECOND, 64), [45_296_123_456_000n, null]],
  });
  t.deepEqual(rows, [
    { n: null, ym: 14, dt: -86_400_000_001n, time: 45_296_123_456_000n },
    { n: null, ym: null, dt: null, time: null },
  ]);
  const mdn = new Int32Array([1, -2, -1, -1, 0, 0, 0, 0]); // -1 ns as int64 halves
  const batch = new RecordBatch({ ci: raw(new Interval(IntervalUnit.MONTH_DAY_NANO), [1, null], mdn) });
  t.deepEqual(tableToRows(batch), [{ ci: { months: 1, days: -2, nanoseconds: -1n } }, { ci: null }]);
});

test("arrays, maps and structs nest arbitrarily", (t) => {
  const longs = new List(new Field("element", new Int64(), true));
  const mapType = new Map_(new Field("entries", new Struct<any>([
    new Field("key", new Utf8(), false), new Field("value", longs, true),
  ]), false));
  const structType = new Struct([
    new Field("id", new Int32(), true), new Field("tags", mapType, true),
    new Field("kids", new List(new Field("element", new Struct([new Field("x", new Float64(), true)]), true)), true),
  ]);
  const rows = rowsOf({
    arr: [new List(new Field("element", new Int32(), true)), [[1, null, 3], [], null]],
    map: [mapType, [new Map([["a", [1n, null]], ["b", null]]), new Map(), null]],
    st: [structType, [{ id: 1, tags: new Map([["k", [2n]]]), kids: [{ x: 0.5 }, null, { x: null }] }, null, { id: null, tags: null, kids: [] }]],
  });
  t.deepEqual(rows.map((r) => r.arr), [[1, null, 3], [], null]);
  t.deepEqual(rows.map((r) => r.map), [new Map<string, unknown>([["a", [1n, null]], ["b", null]]), new Map(), null]);
  t.deepEqual(rows.map((r) => r.st), [
    { id: 1, tags: new Map([["k", [2n]]]), kids: [{ x: 0.5 }, null, { x: null }] }, null, { id: null, tags: null, kids: [] },
  ]);
  t.is(Object.getPrototypeOf(rows[0]!.st), Object.prototype);
});

test("map keys are converted values", (t) => {
  const type = new Map_(new Field("entries", new Struct<any>([new Field("key", new Int64(), false), new Field("value", new Utf8(), true)]), false));
  const [m] = column([type, [new Map([[1n, "one"], [2n ** 60n, null]])]]) as Map<unknown, unknown>[];
  t.is(m!.get(1n), "one");
  t.true(m!.has(2n ** 60n));
});

test("sliced batches and multi-batch tables convert by logical position", (t) => {
  const batch = new RecordBatch({
    b: toData([new Bool(), [true, null, false, true, null, true, false, false, true, true]]),
    s: toData([new Utf8(), ["0", "1", null, "3", "4", "5", "6", "7", "8", null]]),
    ts: toData([TS_UTC, [0n, 1n, 2n, 3n, 4n, null, 6n, 7n, 8n, 9n]]),
    l: toData([new List(new Field("element", new Int32(), true)), [[0], [1], null, [3], [4, 4], [], [6], null, [8], [9]]]),
  });
  const all = tableToRows(batch);
  const sliced = tableToRows(batch.slice(3, 9));
  t.deepEqual(sliced, all.slice(3, 9));
  t.deepEqual(tableToRows(new Table([batch, batch.slice(3, 9)])), [...all, ...all.slice(3, 9)]);
  const [first, second] = decodeArrowBatch(tableToIPC(new Table([batch, batch]), "stream"));
  t.deepEqual([...tableToRows(first!), ...tableToRows(second!)], [...all, ...all]);
});

test("duplicate column names: the later value wins; __proto__ is an ordinary key", (t) => {
  // apache-arrow's writer cannot emit duplicate names, Spark's can: rename "dup_2" in the bytes.
  const batch = new RecordBatch({ dup_1: toData([new Int32(), [1]]), ["__proto__"]: toData([new Utf8(), ["p"]]), dup_2: toData([new Utf8(), ["two"]]) });
  const bytes = tableToIPC(new Table(batch), "stream");
  const from = new TextEncoder().encode("dup_2");
  for (let i = bytes.indexOf(from[0]!); i >= 0; i = bytes.indexOf(from[0]!, i + 1)) {
    if (from.every((b, k) => bytes[i + k] === b)) bytes[i + 4] = "1".charCodeAt(0);
  }
  const [decoded] = decodeArrowBatch(bytes);
  t.deepEqual(decoded!.data.type.children.map((f: Field) => f.name), ["dup_1", "__proto__", "dup_1"]);
  const [row] = tableToRows(decoded!);
  t.deepEqual(Object.keys(row!), ["dup_1", "__proto__"]);
  t.is(row!.dup_1, "two");
  t.is(Object.getOwnPropertyDescriptor(row!, "__proto__")!.value, "p");
  t.is(Object.getPrototypeOf(row), Object.prototype);
  t.deepEqual(tableToRows(decoded!.slice(0, 1)), [row]);
});

test("unsupported Arrow types throw a ProtocolError naming the column, the type and toArrow()", (t) => {
  const cases: [string, Data][] = [
    ["Dictionary<Int32, Utf8>", vectorFromArray(["a"], new Dictionary(new Utf8(), new Int32())).data[0]!],
    ["Float16", vectorFromArray([1], new Float16()).data[0]!],
    ["Timestamp<NANOSECOND>", raw(new Timestamp(TimeUnit.NANOSECOND), [1n], int64s([1n]))],
  ];
  for (const [name, data] of cases) {
    const e = t.throws(() => tableToRows(new RecordBatch({ col: data })), { instanceOf: ProtocolError });
    t.true(e!.message.includes(`"col"`) && e!.message.includes(name) && e!.message.includes("toArrow()"), e!.message);
  }
  const nested = new Struct([new Field("x", new Float16())]);
  const e = t.throws(() => tableToRows(new RecordBatch({ s: makeData({ type: nested, length: 0, children: [vectorFromArray([], new Float16()).data[0]!] }) })));
  t.regex(e!.message, /"s\.x"/);
});

test("decodeArrowBatch: schema-only streams give an empty batch; garbage is a ProtocolError", (t) => {
  const schema = new Schema([new Field("id", new Int64()), new Field("ts", TS_UTC)]);
  const [batch, ...rest] = decodeArrowBatch(tableToIPC(new Table(schema), "stream"));
  t.is(rest.length, 0);
  t.is(batch!.numRows, 0);
  t.deepEqual(batch!.schema.fields.map((f) => String(f.type)), ["Int64", "Timestamp<MICROSECOND, UTC>"]);
  t.deepEqual(tableToRows(batch!), []);
  t.throws(() => decodeArrowBatch(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9)), { instanceOf: ProtocolError });
  t.throws(() => decodeArrowBatch(new Uint8Array(0)), { instanceOf: ProtocolError });
  t.throws(() => tableToRows(batch!, { longs: "int" as never }), { instanceOf: InvalidOptionError, message: /longs/ });
});

test("arrowBatchDecoder reuses the parsed schema of a result's batches and still decodes every batch exactly", (t) => {
  const decode = arrowBatchDecoder();
  const ipc = (ids: number[], names: (string | null)[]) =>
    tableToIPC(new Table({ id: vectorFromArray(ids, new Int32()), name: vectorFromArray(names, new Utf8()) }), "stream");
  const [a] = decode(ipc([1, 2], ["a", null]));
  const [b] = decode(ipc([3, 4], [null, "ccc"]));
  t.is(decode.schemasReused, 1, "the second batch was read with the first one's schema");
  t.deepEqual(b!.schema, a!.schema);
  t.deepEqual(tableToRows(b!), [{ id: 3, name: null }, { id: 4, name: "ccc" }]);
  // A schema-only stream with the same schema: one empty batch, as decodeArrowBatch gives.
  const [empty, ...none] = decode(tableToIPC(new Table(a!.schema), "stream"));
  t.is(empty!.numRows, 0);
  t.is(none.length, 0);
  // Another schema is parsed again, not read with the cached one.
  const [c] = decode(tableToIPC(new Table({ x: vectorFromArray([1.5], new Float64()) }), "stream"));
  t.deepEqual(tableToRows(c!), [{ x: 1.5 }]);
  t.is(decode.schemasReused, 2, "the schema-only stream reused it; the other schema did not");
  const [d] = decode(ipc([5, 6], [null, "e"]));
  t.deepEqual(tableToRows(d!), [{ id: 5, name: null }, { id: 6, name: "e" }]);
  t.throws(() => decode(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9)), { instanceOf: ProtocolError });
});

test("arrowBatchDecoder reads batches behind a known schema directly, exactly as apache-arrow's reader does, for every type Spark sends", (t) => {
  const n = 37;
  const maybe = <T,>(i: number, v: T): T | null => (i % 5 === 3 ? null : v);
  const ids = Array.from({ length: n }, (_, i) => i);
  const cols: Record<string, Col> = {
    b: [new Bool(), ids.map((i) => maybe(i, i % 2 === 0))],
    i8: [new Int8(), ids.map((i) => maybe(i, (i % 200) - 100))],
    i16: [new Int16(), ids.map((i) => maybe(i, i * 300 - 5000))],
    i32: [new Int32(), ids.map((i) => maybe(i, i * 70_000))],
    i64: [new Int64(), ids.map((i) => maybe(i, BigInt(i) * 10n ** 15n))],
    f32: [new Float32(), ids.map((i) => maybe(i, i / 4))],
    f64: [new Float64(), ids.map((i) => maybe(i, i * 1.5))],
    s: [new Utf8(), ids.map((i) => maybe(i, `é-${"x".repeat(i % 7)}-${i}`))],
    ls: [new LargeUtf8(), ids.map((i) => maybe(i, `large ${i}`))],
    bin: [new Binary(), ids.map((i) => maybe(i, Uint8Array.of(i, i + 1)))],
    lbin: [new LargeBinary(), ids.map((i) => maybe(i, Uint8Array.of(255 - i)))],
    dec: [new Decimal(2, 38, 128), ids.map((i) => maybe(i, BigInt(i) * 12345n - 99n))],
    d: [new DateDay(), ids.map((i) => maybe(i, new Date(Date.UTC(2024, 0, 1 + i))))],
    ts: [TS_UTC, ids.map((i) => maybe(i, 1_704_067_200_000_000n + BigInt(i)))],
    t64: [new Time(TimeUnit.MICROSECOND, 64), ids.map((i) => maybe(i, BigInt(i) * 1_000_000n))],
    dur: [new Duration(TimeUnit.MICROSECOND), ids.map((i) => maybe(i, BigInt(i) * 7n))],
    ym: [new Interval(IntervalUnit.YEAR_MONTH), ids.map((i) => maybe(i, i))],
    nul: [new Null(), ids.map(() => null)],
    list: [new List(new Field("element", new Int32(), true)), ids.map((i) => maybe(i, i % 3 === 0 ? [] : [i, null, i + 1]))],
    st: [
      new Struct([new Field("a", new Int32(), true), new Field("s", new Utf8(), true)]),
      ids.map((i) => maybe(i, { a: i % 4 === 0 ? null : i, s: `s${i}` })),
    ],
    m: [
      new Map_(new Field("entries", new Struct<any>([new Field("key", new Utf8(), false), new Field("value", new Int64(), true)]), false)),
      ids.map((i) => maybe(i, new Map<string, bigint | null>([[`k${i}`, BigInt(i)], ["z", null]]))),
    ],
  };
  const batchOf = (from: number, to: number) =>
    new RecordBatch(Object.fromEntries(Object.entries(cols).map(([k, [type, values]]) => [k, toData([type, values.slice(from, to)])])));
  // Spark sends each batch as its own stream: schema first, then the batch (twice here: two batches in one message).
  const first = tableToIPC(new Table([batchOf(0, 10)]), "stream");
  const second = tableToIPC(new Table([batchOf(10, 30), batchOf(30, n)]), "stream");
  const decode = arrowBatchDecoder();
  decode(first);
  const direct = decode(second);
  t.is(decode.readDirectly, 1, "the second message was read directly");
  const reference = decodeArrowBatch(second);
  t.is(direct.length, 2);
  // Byte for byte: the same batches written again give the same IPC stream.
  t.deepEqual(Buffer.from(tableToIPC(new Table(direct), "stream")), Buffer.from(tableToIPC(new Table(reference), "stream")));
  t.deepEqual(direct.flatMap((b) => tableToRows(b)), reference.flatMap((b) => tableToRows(b)));
  t.deepEqual(direct.map((b) => b.numRows), [20, n - 30]);
  // Columns are views of the message, not copies.
  const i64 = direct[0]!.getChild("i64")!.data[0]!.values as BigInt64Array;
  t.is(i64.buffer, second.buffer);
  // A dictionary column is not read directly: apache-arrow's reader reads it.
  const dict = new Dictionary(new Utf8(), new Int32());
  const withDict = (names: string[]) => tableToIPC(new Table({ c: vectorFromArray(names, dict) }), "stream");
  const decodeDict = arrowBatchDecoder();
  decodeDict(withDict(["a", "b"]));
  const [again] = decodeDict(withDict(["b", "b", "c"]));
  t.is(decodeDict.readDirectly, 0);
  t.deepEqual([...again!.getChild("c")!], ["b", "b", "c"]);
});

test("arrowBatchDecoder: a batch behind a known schema whose buffers reach past its body is not read directly, and fails typed", (t) => {
  const decode = arrowBatchDecoder();
  const ipc = (ids: number[]) => tableToIPC(new Table({ id: vectorFromArray(ids, new Int32()) }), "stream");
  decode(ipc([1, 2, 3]));
  const bad = ipc([4, 5, 6]);
  // Cut the stream inside the batch body.
  const cut = bad.subarray(0, bad.byteLength - 16);
  t.throws(() => decode(cut), { instanceOf: ProtocolError });
  t.is(decode.readDirectly, 0);
});
