// createDataFrame's client side: schema inference, DDL, Arrow encoding and its errors.
import test from "ava";
import { Int32, Uint32, Table, tableFromArrays, tableFromIPC, tableToIPC, Type, vectorFromArray, makeData, Field, RecordBatch, Schema, Struct, TimestampMillisecond } from "apache-arrow";
import { InvalidPlanError } from "../../runtime/errors.js";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import { tableToRows } from "../../runtime/arrow/rows.js";
import { arrowBytes, arrowToLocalData, inferSchema, inlineIPC, ipcChunks, rowsToLocalData } from "../../src/internal/localRelation.js";
import { fromDDL, toDDL } from "../../src/types/ddl.js";
import type { StructType } from "../../src/types/DataType.js";

const ddlOf = (rows: readonly unknown[]) => toDDL(inferSchema(rows));
/** Encodes rows and decodes them again as Spark would send them back. */
const roundTrip = (rows: readonly unknown[], schema?: string) => {
  const { table } = rowsToLocalData(rows, schema);
  return tableToRows(tableFromIPC(tableToIPC(table!, "stream")));
};

test("inference: number → DOUBLE, bigint → BIGINT, string, boolean, Date → TIMESTAMP, Uint8Array → BINARY", (t) => {
  t.is(
    ddlOf([{ n: 1, l: 1n, s: "a", b: true, d: new Date(0), bin: new Uint8Array([1]) }]),
    "`n` DOUBLE, `l` BIGINT, `s` STRING, `b` BOOLEAN, `d` TIMESTAMP, `bin` BINARY",
  );
});

test("inference: arrays, Maps and plain objects nest", (t) => {
  t.is(
    ddlOf([{ a: [1, null], m: new Map([["k", [1n]]]), s: { x: "y", inner: { z: true } } }]),
    "`a` ARRAY<DOUBLE>, `m` MAP<STRING, ARRAY<BIGINT>>, `s` STRUCT<`x`: STRING, `inner`: STRUCT<`z`: BOOLEAN>>",
  );
});

test("inference: nulls take the type of other rows; columns and struct fields are the union, in first-seen order", (t) => {
  t.is(ddlOf([{ a: null, s: { x: 1 } }, { a: "v", b: 2n, s: { y: "z" } }]), "`a` STRING, `s` STRUCT<`x`: DOUBLE, `y`: STRING>, `b` BIGINT");
  t.is(ddlOf([{ a: [] }, { a: ["x"] }]), "`a` ARRAY<STRING>");
});

test("inference: array rows become columns _1, _2, ...", (t) => {
  t.is(ddlOf([[1, "a"], [2, "b"]]), "`_1` DOUBLE, `_2` STRING");
});

test("inference: a column null in every row needs a schema", (t) => {
  t.throws(() => inferSchema([{ a: 1, b: null }, { a: 2 }]), { instanceOf: InvalidPlanError, message: /column "b" cannot be inferred: it is null in every row\. Give a schema/ });
  t.throws(() => inferSchema([{ a: [] }]), { instanceOf: InvalidPlanError, message: /"a\[\]".*every array is empty/ });
  t.throws(() => inferSchema([{ m: new Map() }]), { instanceOf: InvalidPlanError, message: /"m\.key".*every map is empty/ });
  t.throws(() => inferSchema([]), { instanceOf: InvalidPlanError, message: /no rows.*createDataFrame\(\[\], "id BIGINT/ });
});

test("inference: values of different types in one column are refused, naming the fix", (t) => {
  t.throws(() => inferSchema([{ a: 1 }, { a: 1n }]), { instanceOf: InvalidPlanError, message: /column "a" has values of different types \(DOUBLE and BIGINT\).*schema such as "a DOUBLE"/ });
  t.throws(() => inferSchema([{ a: [1] }, { a: ["x"] }]), { instanceOf: InvalidPlanError, message: /"a\[\]"/ });
});

test("inference: unsupported values and non-object rows are refused", (t) => {
  t.throws(() => inferSchema([{ f: () => 1 }]), { instanceOf: InvalidPlanError, message: /column "f" from a value of type function/ });
  t.throws(() => inferSchema([{ f: new Float64Array(2) }]), { instanceOf: InvalidPlanError, message: /Float64Array/ });
  t.throws(() => inferSchema([1, 2]), { instanceOf: InvalidPlanError, message: /row 0 is number.*createDataFrame\(\[1, 2\], "double"\)/ });
});

test("DDL: parses Spark's type syntax and writes it back", (t) => {
  const ddl =
    "id BIGINT NOT NULL, `odd name` STRING COMMENT 'it\\'s', d DECIMAL(38, 18), dd DEC, i INTEGER, ts TIMESTAMP_LTZ, ntz TIMESTAMP_NTZ, " +
    "ym INTERVAL YEAR TO MONTH, dt INTERVAL DAY TO SECOND, h INTERVAL HOUR, ci INTERVAL, a ARRAY<MAP<STRING, STRUCT<x: INT, y ARRAY<BINARY>>>>, " +
    "c STRING COLLATE UTF8_LCASE, v VOID, ch CHAR(3), vc VARCHAR(5), b BYTE, s SHORT, l LONG, f REAL, dbl DOUBLE, dat DATE, bo BOOLEAN";
  const schema = fromDDL(ddl) as StructType;
  t.is(
    toDDL(schema),
    "`id` BIGINT NOT NULL, `odd name` STRING COMMENT 'it\\'s', `d` DECIMAL(38,18), `dd` DECIMAL(10,0), `i` INT, `ts` TIMESTAMP, `ntz` TIMESTAMP_NTZ, " +
      "`ym` INTERVAL YEAR TO MONTH, `dt` INTERVAL DAY TO SECOND, `h` INTERVAL HOUR, `ci` INTERVAL, `a` ARRAY<MAP<STRING, STRUCT<`x`: INT, `y`: ARRAY<BINARY>>>>, " +
      "`c` STRING COLLATE UTF8_LCASE, `v` VOID, `ch` CHAR(3), `vc` VARCHAR(5), `b` TINYINT, `s` SMALLINT, `l` BIGINT, `f` FLOAT, `dbl` DOUBLE, `dat` DATE, `bo` BOOLEAN",
  );
  t.deepEqual(fromDDL(toDDL(schema)), schema);
  t.deepEqual(fromDDL("array<int>"), { kind: "array", elementType: { kind: "integer" }, containsNull: true });
  t.deepEqual(fromDDL("struct<>"), { kind: "struct", fields: [] });
  t.deepEqual(fromDDL(""), { kind: "struct", fields: [] });
  t.is(toDDL(fromDDL("`a``b` INT") as StructType), "`a``b` INT");
});

test("DDL: mistakes are reported with their position", (t) => {
  t.throws(() => fromDDL("id BIGINT, name"), { instanceOf: InvalidPlanError, message: /expected a type at position 15/ });
  t.throws(() => fromDDL("id BIGNUM"), { instanceOf: InvalidPlanError, message: /unknown type BIGNUM at position 3/ });
  t.throws(() => fromDDL("a DECIMAL(40,2)"), { instanceOf: InvalidPlanError, message: /out of range/ });
  t.throws(() => fromDDL("a ARRAY<INT"), { instanceOf: InvalidPlanError, message: /expected ">"/ });
});

test("the DDL schema goes along, and zero rows send no Arrow data", (t) => {
  t.deepEqual(rowsToLocalData([], "id BIGINT, name STRING"), {
    table: undefined,
    schema: "`id` BIGINT, `name` STRING",
    structType: fromDDL("id BIGINT, name STRING") as StructType,
  });
});

test("explicit schema: every type encodes to the Arrow type Spark reads back, values exact", (t) => {
  const rows = roundTrip(
    [
      {
        b: -128, s: 32767n, i: -2147483648, l: 9223372036854775807n, f: 0.5, d: -0, dec: "-12.345", big: "99999999999999999999999999999999999999",
        str: "zażółć 😀", bin: new Uint8Array([0, 255]), bo: false, dt: new Date("0001-01-01T00:00:00Z"), ts: new SparkTimestamp(-1n),
        ntz: new Date("2024-02-29T10:00:00.123Z"), dti: -1n, ymi: -14, ci: { months: 1, days: -2, nanoseconds: 3n },
      },
    ],
    "b TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(10,3), big DECIMAL(38,0), str STRING, bin BINARY, bo BOOLEAN, dt DATE, " +
      "ts TIMESTAMP, ntz TIMESTAMP_NTZ, dti INTERVAL DAY TO SECOND, ymi INTERVAL YEAR TO MONTH, ci INTERVAL",
  );
  const r = rows[0]!;
  t.like(r, { b: -128, s: 32767, i: -2147483648, l: 9223372036854775807n, f: 0.5, dec: "-12.345", big: "99999999999999999999999999999999999999", str: "zażółć 😀", bo: false, dti: -1n, ymi: -14 });
  t.true(Object.is(r["d"], -0));
  t.deepEqual(r["bin"], new Uint8Array([0, 255]));
  t.is((r["dt"] as Date).toISOString(), "0001-01-01T00:00:00.000Z");
  t.is((r["ts"] as SparkTimestamp).epochMicros, -1n);
  t.is((r["ntz"] as SparkTimestamp).toISOStringMicros(), "2024-02-29T10:00:00.123000Z");
  t.deepEqual(r["ci"], { months: 1, days: -2, nanoseconds: 3n });
});

test("explicit schema: nested values, Maps from objects, structs from objects or arrays, nulls everywhere", (t) => {
  const rows = roundTrip(
    [
      { a: [[1, null], null], m: { k: 1 }, s: { x: 1, y: null } },
      { a: null, m: new Map([["z", null]]), s: [2, ["q"]] },
      { a: [], m: null, s: null },
    ],
    "a ARRAY<ARRAY<INT>>, m MAP<STRING, INT>, s STRUCT<x: INT NOT NULL, y: ARRAY<STRING>>",
  );
  t.deepEqual(rows, [
    { a: [[1, null], null], m: new Map([["k", 1]]), s: { x: 1, y: null } },
    { a: null, m: new Map([["z", null]]), s: { x: 2, y: ["q"] } },
    { a: [], m: null, s: null },
  ]);
});

test("strings, longs and timestamps written in place equal the per-value encodings (ASCII, non-ASCII, long, surrogates, growth, edges)", (t) => {
  // Strings: the buffer starts at one byte per UTF-16 unit and must grow for 3-byte characters.
  const strings = [
    "", "a", "abc", "é", "€€€€€€€€€€€€€€€€", "ascii then € then ascii", "😀", "x😀y", "\ud800", "a\udc00b", "k".repeat(47), "k".repeat(48),
    "€".repeat(1000), "z".repeat(5000) + "é", null, "\u007f\u0080\u07ff\u0800\uffff",
  ];
  const many = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? "€".repeat(i % 17) : i % 3 === 1 ? null : `row-${i}`));
  for (const values of [strings, many]) {
    const back = roundTrip(values.map((s) => ({ s })), "s STRING").map((r) => r["s"]);
    t.deepEqual(back, values.map((s) => (s === null ? null : new TextDecoder().decode(new TextEncoder().encode(s)))));
  }
  // BIGINT from numbers: both 32-bit words, negatives and the safe-integer ends.
  const longs = [0, -0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, -(2 ** 32), -(2 ** 32) - 1, 2 ** 53 - 1, -(2 ** 53) + 1, 123456789012345, null, 9223372036854775807n];
  t.deepEqual(
    roundTrip(longs.map((l) => ({ l })), "l BIGINT").map((r) => r["l"]),
    longs.map((l) => (l === null ? null : BigInt(l))),
  );
  // TIMESTAMP from Dates: before 1970, around the ±2^53 µs edge (years 1685 and 2255) and far out, next to SparkTimestamps.
  const dates = [0, -1, 1, -86_400_000_123, 1_704_067_200_123, -9_007_199_254_740, 9_007_199_254_740, -9_007_199_254_741, 9_007_199_254_741, -62_135_596_800_000, 253_402_300_799_999].map((ms) => new Date(ms));
  const tsRows = roundTrip([...dates, new SparkTimestamp(-1n), new SparkTimestamp(253_402_300_799_999_999n)].map((ts) => ({ ts })), "ts TIMESTAMP");
  t.deepEqual(
    tsRows.map((r) => (r["ts"] as SparkTimestamp).epochMicros),
    [...dates.map((d) => BigInt(d.getTime()) * 1000n), -1n, 253_402_300_799_999_999n],
  );
});

test("struct fields: only own enumerable keys count; inherited keys are not read, extra own keys are refused", (t) => {
  const proto = { extra: 1, x: 99 };
  const inherited = Object.assign(Object.create(proto), { y: "b" });
  const hidden = { y: "c" };
  Object.defineProperty(hidden, "x", { value: 7, enumerable: false });
  const hiddenPlusExtra = { z: 1 };
  Object.defineProperty(hiddenPlusExtra, "x", { value: 7, enumerable: false });
  t.deepEqual(roundTrip([{ x: 1, y: "a" }, inherited, hidden], "x INT, y STRING"), [{ x: 1, y: "a" }, { x: null, y: "b" }, { x: 7, y: "c" }]);
  t.throws(() => rowsToLocalData([hiddenPlusExtra], "x INT, y STRING"), { instanceOf: InvalidPlanError, message: /row 0 has a field "z"/ });
  t.throws(() => rowsToLocalData([{ s: { a: 1, b: 2 } }], "s STRUCT<a: INT>"), { instanceOf: InvalidPlanError, message: /row 0, column "s" has a field "b"/ });
  t.throws(() => rowsToLocalData([{ x: 1 }, , { x: 2 }], "x INT"), { instanceOf: InvalidPlanError, message: /row 1 is undefined/ });
});

test("a single type as the schema takes bare values in a column `value`", (t) => {
  t.deepEqual(roundTrip([1.5, null], "double"), [{ value: 1.5 }, { value: null }]);
});

test("decimals: strings, numbers and bigints; extra digits and overflow are refused", (t) => {
  t.deepEqual(roundTrip([{ d: "1.5" }, { d: 2 }, { d: 3n }, { d: "-.25" }, { d: "1e2" }], "d DECIMAL(6,2)").map((r) => r["d"]), ["1.50", "2.00", "3.00", "-0.25", "100.00"]);
  t.throws(() => rowsToLocalData([{ d: "1.234" }], "d DECIMAL(6,2)"), { instanceOf: InvalidPlanError, message: /row 0, column "d" \(DECIMAL\(6,2\)\) needs at most 2 fractional digits/ });
  t.throws(() => rowsToLocalData([{ d: "12345" }], "d DECIMAL(6,2)"), { instanceOf: InvalidPlanError, message: /at most 4 digits before the point/ });
  t.throws(() => rowsToLocalData([{ d: "abc" }], "d DECIMAL(6,2)"), { instanceOf: InvalidPlanError, message: /a decimal number/ });
});

test("values that do not fit the schema name the row, the column and the fix", (t) => {
  t.throws(() => rowsToLocalData([{ i: 1 }, { i: 2 ** 31 }], "i INT"), { instanceOf: InvalidPlanError, message: /row 1, column "i" \(INT\) needs an integer from -2147483648 to 2147483647, got number 2147483648/ });
  t.throws(() => rowsToLocalData([{ l: 1.5 }], "l BIGINT"), { instanceOf: InvalidPlanError, message: /needs a bigint/ });
  t.throws(() => rowsToLocalData([{ s: 1 }], "s STRING"), { instanceOf: InvalidPlanError, message: /needs a string, got number 1/ });
  t.throws(() => rowsToLocalData([{ a: [1, "x"] }], "a ARRAY<INT>"), { instanceOf: InvalidPlanError, message: /row 0, column "a\[\]"/ });
  t.throws(() => rowsToLocalData([{ d: new Date(NaN) }], "d DATE"), { instanceOf: InvalidPlanError, message: /a valid Date/ });
  t.throws(() => rowsToLocalData([{ x: null }], "x INT NOT NULL"), { instanceOf: InvalidPlanError, message: /row 0, column "x" is INT NOT NULL but the value is null/ });
  t.throws(() => rowsToLocalData([{ x: 1, y: 2 }], "x INT"), { instanceOf: InvalidPlanError, message: /row 0 has a field "y" that the schema does not have \(x\)/ });
  t.throws(() => rowsToLocalData([[1, 2]], "x INT"), { instanceOf: InvalidPlanError, message: /needs 1 values/ });
  t.throws(() => rowsToLocalData([{ v: 1 }], "v VARIANT"), { instanceOf: InvalidPlanError, message: /VARIANT, which cannot be sent from the client/ });
});

test("narrower interval types are sent as the full ones Spark reads from Arrow", (t) => {
  t.is(rowsToLocalData([{ a: 1n, b: 12 }], "a INTERVAL HOUR, b INTERVAL YEAR").schema, "`a` INTERVAL DAY TO SECOND, `b` INTERVAL YEAR TO MONTH");
});

test("inline data above the message limit fails naming the cache threshold to lower", (t) => {
  const { table } = rowsToLocalData([{ s: "x".repeat(4096) }]);
  t.throws(() => inlineIPC(table!, "because", 1024), { instanceOf: InvalidPlanError, message: /MiB as Arrow, more than.*because\. Lower the session's spark\.sql\.session\.localRelationCacheThreshold/ });
  t.is(tableFromIPC(inlineIPC(table!, "because")).numRows, 1);
});

test("chunks: each an Arrow IPC stream within the row and byte bounds, together the table in order", (t) => {
  // Rows of very different sizes: the average would put too many large rows in one chunk.
  const rows = Array.from({ length: 5000 }, (_, i) => ({ id: BigInt(i), s: i % 1000 === 999 ? "y".repeat(20_000) : `r${i}` }));
  const { table } = rowsToLocalData(rows);
  const maxBytes = 64 * 1024;
  const chunks = [...ipcChunks(table!, 700, maxBytes)];
  t.true(chunks.length >= Math.ceil(5000 / 700));
  const decoded = chunks.map((c) => tableFromIPC(c));
  for (const [i, c] of chunks.entries()) {
    t.true(decoded[i]!.numRows <= 700, `chunk ${i} rows`);
    t.true(c.byteLength <= maxBytes, `chunk ${i} is ${c.byteLength} bytes`);
  }
  const back = decoded.flatMap((d) => tableToRows(d));
  t.deepEqual(back, rows);
  // A single row larger than the byte bound is a chunk of its own.
  const big = rowsToLocalData([{ s: "z".repeat(10_000) }, { s: "a" }]).table!;
  t.deepEqual([...ipcChunks(big, 10, 1024)].map((c) => tableFromIPC(c).numRows), [1, 1]);
  t.true(arrowBytes(table!) > 5 * 20_000);
});

test("Arrow tables: schema taken from the table, dictionaries decoded, unreadable types refused", (t) => {
  const table = tableFromArrays({ a: new Int32Array([1, 2]), s: ["x", "y"] });
  t.is(table.schema.fields[1]!.type.typeId, Type.Dictionary);
  const local = arrowToLocalData(table);
  t.is(local.schema, "`a` INT, `s` STRING");
  t.deepEqual(tableToRows(tableFromIPC(tableToIPC(local.table!, "stream"))), [{ a: 1, s: "x" }, { a: 2, s: "y" }]);
  t.is(arrowToLocalData(table, "p BIGINT, q STRING").schema, "`p` BIGINT, `q` STRING");
  t.throws(() => arrowToLocalData(table, "p BIGINT"), { instanceOf: InvalidPlanError, message: /schema has 1 columns but the Arrow table has 2/ });
  t.throws(() => arrowToLocalData(new Table({ u: vectorFromArray([1], new Uint32()) })), { instanceOf: InvalidPlanError, message: /column "u" has Arrow type Uint32.*no unsigned integers/ });
  const ms = new Field("t", new TimestampMillisecond(), true);
  const data = makeData({ type: new Struct([ms]), length: 1, nullCount: 0, children: [makeData({ type: new TimestampMillisecond(), length: 1, nullCount: 0, data: new Int32Array(2) })] });
  t.throws(() => arrowToLocalData(new Table(new RecordBatch(new Schema([ms]), data))), { instanceOf: InvalidPlanError, message: /microsecond timestamps/ });
  const empty = arrowToLocalData(new Table({ a: vectorFromArray([], new Int32()) }));
  t.is(empty.table, undefined);
  t.is(empty.schema, "`a` INT");
});
