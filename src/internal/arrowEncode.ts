// JavaScript values → Arrow column data, for one Spark type at a time. The Arrow type of
// each Spark type is the one Spark's ArrowUtils reads back as that type, so the server
// sees exactly the schema we send. Values are checked as they are written; a wrong one
// fails naming its row and column.
import {
  Binary,
  Bool,
  type Data,
  DateDay,
  Decimal,
  DurationMicrosecond,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  IntervalMonthDayNano,
  IntervalYearMonth,
  List,
  Map_,
  makeData,
  Null,
  Struct,
  TimeNanosecond,
  TimestampMicrosecond,
  Utf8,
  type DataType as ArrowType,
} from "apache-arrow";
import { InvalidPlanError } from "../../runtime/errors.js";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import type { DataType, StructField } from "../types/DataType.js";
import { typeDDL } from "../types/ddl.js";

/** The Arrow type Spark reads back as `dt`. */
export function arrowType(dt: DataType, path: string): ArrowType {
  switch (dt.kind) {
    case "null":
      return new Null();
    case "boolean":
      return new Bool();
    case "byte":
      return new Int8();
    case "short":
      return new Int16();
    case "integer":
      return new Int32();
    case "long":
      return new Int64();
    case "float":
      return new Float32();
    case "double":
      return new Float64();
    case "decimal":
      return new Decimal(dt.scale, dt.precision, 128);
    case "string":
    case "char":
    case "varchar":
      return new Utf8();
    case "binary":
      return new Binary();
    case "date":
      return new DateDay();
    case "timestamp":
      return new TimestampMicrosecond("UTC");
    case "timestamp_ntz":
      return new TimestampMicrosecond(null);
    case "time":
      return new TimeNanosecond();
    case "day_time_interval":
      return new DurationMicrosecond();
    case "year_month_interval":
      return new IntervalYearMonth();
    case "calendar_interval":
      return new IntervalMonthDayNano();
    case "array":
      return new List(new Field("element", arrowType(dt.elementType, `${path}[]`), dt.containsNull));
    case "map":
      return new Map_(
        new Field(
          "entries",
          new Struct<any>([
            new Field("key", arrowType(dt.keyType, `${path}.key`), false),
            new Field("value", arrowType(dt.valueType, `${path}.value`), dt.valueContainsNull),
          ]),
          false,
        ),
        false,
      );
    case "struct":
      return new Struct(dt.fields.map((f) => arrowField(f, `${path}.${f.name}`)));
    case "udt":
      if (dt.sqlType) return arrowType(dt.sqlType, path);
      break;
  }
  throw new InvalidPlanError({
    message: `createDataFrame(): column "${path}" has type ${typeDDL(dt)}, which cannot be sent from the client; create the column in a query instead (e.g. with a cast or parse_json).`,
  });
}

/** The Arrow field of a Spark struct field. */
export function arrowField(f: StructField, path: string): Field {
  return new Field(f.name, arrowType(f.dataType, path), f.nullable);
}

/** A column being built: the values at one level of nesting and the row each came from. */
interface Column {
  readonly values: readonly unknown[];
  readonly rows: ArrayLike<number>;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  if (typeof v === "number" || typeof v === "boolean") return `${typeof v} ${v}`;
  if (typeof v === "bigint") return `bigint ${v}n`;
  if (v instanceof Date) return "a Date";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Map) return "a Map";
  if (v instanceof Uint8Array) return "a Uint8Array";
  return typeof v === "object" ? `an object (${(v as object).constructor?.name ?? "no prototype"})` : typeof v;
}

function bad(path: string, row: number, dt: DataType, want: string, v: unknown): never {
  throw new InvalidPlanError({
    message: `createDataFrame(): row ${row}, column "${path}" (${typeDDL(dt)}) needs ${want}, got ${describe(v)}. Fix the value, or give a schema with the type the values have.`,
  });
}

/** Validity bitmap and null count; non-nullable positions with a null fail. */
function validity(col: Column, nullable: boolean, path: string, dt: DataType): { bitmap: Uint8Array | undefined; nullCount: number } {
  const n = col.values.length;
  let nullCount = 0;
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (isNull(v)) {
      if (!nullable && v !== UNDER_NULL) {
        throw new InvalidPlanError({
          message: `createDataFrame(): row ${col.rows[i]}, column "${path}" is ${typeDDL(dt)} NOT NULL but the value is ${v}. Give a value, or declare the column nullable.`,
        });
      }
      nullCount++;
    } else {
      bitmap[i >> 3]! |= 1 << (i & 7);
    }
  }
  return { bitmap: nullCount > 0 ? bitmap : undefined, nullCount };
}

const INT_RANGE = { byte: [-128, 127], short: [-32768, 32767], integer: [-2147483648, 2147483647] } as const;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const DAY_MS = 86_400_000;

function toLong(v: unknown, path: string, row: number, dt: DataType, what: string): bigint {
  if (typeof v === "bigint" && v >= LONG_MIN && v <= LONG_MAX) return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  return bad(path, row, dt, what, v);
}

function micros(v: unknown, path: string, row: number, dt: DataType): bigint {
  if (v instanceof SparkTimestamp) return v.epochMicros;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return BigInt(v.getTime()) * 1000n;
  return bad(path, row, dt, "a valid Date (or SparkTimestamp for microseconds)", v);
}

/** Decimal value → unscaled bigint at `scale`, refusing lost digits and overflow. */
export function unscaledDecimal(v: unknown, precision: number, scale: number): bigint | string {
  let text: string;
  if (typeof v === "bigint") text = v.toString();
  else if (typeof v === "number" && Number.isFinite(v)) text = String(v);
  else if (typeof v === "string") text = v.trim();
  else return "a decimal as a string, number or bigint";
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null || (m[2] === "" && (m[3] ?? "") === "")) return "a decimal number such as \"-12.50\"";
  const frac = m[3] ?? "";
  let unscaled = BigInt((m[2] || "0") + frac);
  const shift = scale - frac.length + Number(m[4] ?? 0);
  if (shift >= 0) unscaled *= 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    if (unscaled % div !== 0n) return `at most ${scale} fractional digits (round it first)`;
    unscaled /= div;
  }
  if (unscaled >= 10n ** BigInt(precision)) return `at most ${precision - scale} digits before the point`;
  return m[1] === "-" ? -unscaled : unscaled;
}

const encoder = new TextEncoder();

/** The value of a field under a null struct: null whatever the field's nullability. */
const UNDER_NULL = Symbol("under a null struct");

function isNull(v: unknown): boolean {
  return v === null || v === undefined || v === UNDER_NULL;
}

function varBytes(col: Column, get: (v: unknown, i: number) => Uint8Array): { offsets: Int32Array; data: Uint8Array } {
  const n = col.values.length;
  const parts: Uint8Array[] = new Array(n);
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    const b = isNull(v) ? new Uint8Array(0) : get(v, i);
    parts[i] = b;
    total += b.byteLength;
    if (total > MAX_VAR_BYTES) tooManyBytes();
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < n; i++) data.set(parts[i]!, offsets[i]!);
  return { offsets, data };
}

/** Arrow's 32-bit offsets: at most 2 GiB - 1 of strings or binary in one column. */
const MAX_VAR_BYTES = 2 ** 31 - 1;

function tooManyBytes(): never {
  throw new InvalidPlanError({ message: "createDataFrame(): more than 2 GiB of strings or binary in one column." });
}

/** Strings at or above this length are encoded by TextEncoder.encodeInto rather than char by char. */
const NATIVE_UTF8_FROM = 48;

/**
 * A string column as UTF-8 in one buffer, written in place: no per-value arrays (which
 * cost more in allocation and GC than the encoding itself). The buffer starts at one byte
 * per UTF-16 unit (exact for ASCII) and grows when a string needs more.
 */
function utf8Column(col: Column, path: string, dt: DataType): { offsets: Int32Array; data: Uint8Array } {
  const n = col.values.length;
  const offsets = new Int32Array(n + 1);
  let units = 0;
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (isNull(v)) continue;
    if (typeof v !== "string") bad(path, col.rows[i]!, dt, "a string", v);
    units += (v as string).length;
  }
  let data = new Uint8Array(Math.min(Math.max(units, 16), MAX_VAR_BYTES));
  let pos = 0;
  // Grows the buffer to hold `need` bytes, or to the 2 GiB limit (encodeInto then stops short).
  const room = (need: number) => {
    const size = Math.min(MAX_VAR_BYTES, Math.max(need, Math.floor(data.byteLength * 1.5)));
    if (size <= data.byteLength) return;
    const grown = new Uint8Array(size);
    grown.set(data.subarray(0, pos));
    data = grown;
  };
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (!isNull(v)) {
      const s = v as string;
      const len = s.length;
      let k = 0;
      if (len < NATIVE_UTF8_FROM) {
        if (pos + len > data.byteLength) room(pos + len);
        for (; k < len; k++) {
          const c = s.charCodeAt(k);
          if (c >= 0x80) break;
          data[pos++] = c;
        }
      }
      if (k < len) {
        // Non-ASCII (or long): at most 3 bytes per remaining UTF-16 unit.
        const rest = k === 0 ? s : s.slice(k);
        if (pos + rest.length * 3 > data.byteLength) room(pos + rest.length * 3);
        const done = encoder.encodeInto(rest, data.subarray(pos));
        if (done.read < rest.length) tooManyBytes();
        pos += done.written;
      }
    }
    offsets[i + 1] = pos;
  }
  return { offsets, data: data.subarray(0, pos) };
}

/** 2^32, to split a safe integer into the two 32-bit words of an int64. */
const TWO_32 = 4294967296;

/**
 * Writes the safe integer `x` as int64 number `i` of `words` (the Int32Array over a
 * BigInt64Array's memory, little-endian as Arrow is): no BigInt per value.
 */
function putInt64(words: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / TWO_32);
  words[2 * i] = x - hi * TWO_32;
  words[2 * i + 1] = hi;
}

function entries(v: unknown): Iterable<[unknown, unknown]> | undefined {
  if (v instanceof Map) return v.entries();
  if (typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !ArrayBuffer.isView(v)) return Object.entries(v);
  return undefined;
}

/**
 * A struct's field values, from an object by name (no other keys allowed) or an array by
 * position, written to `columns[k][i]` for field k: no array per value.
 */
export function structFieldsInto(v: unknown, fields: readonly StructField[], path: string, row: number, dt: DataType, columns: unknown[][], i: number): void {
  const n = fields.length;
  if (Array.isArray(v)) {
    if (v.length !== n) bad(path, row, dt, `${n} values (one per field)`, `an array of ${v.length}`);
    for (let k = 0; k < n; k++) columns[k]![i] = v[k];
    return;
  }
  if (typeof v !== "object" || v === null || v instanceof Date || v instanceof Map || ArrayBuffer.isView(v)) {
    return bad(path, row, dt, "an object with the struct's fields", v);
  }
  const o = v as Record<string, unknown>;
  // Own enumerable keys that are fields. for-in sees those and maybe more (inherited ones):
  // when it sees exactly that many, no key is left over; otherwise Object.keys decides.
  let named = 0;
  for (let k = 0; k < n; k++) {
    const name = fields[k]!.name;
    if (isEnumerable.call(o, name)) {
      columns[k]![i] = o[name];
      named++;
    } else columns[k]![i] = Object.hasOwn(o, name) ? o[name] : null;
  }
  let seen = 0;
  for (const _ in o) seen++;
  if (seen === named) return;
  for (const k of Object.keys(o)) {
    if (!fields.some((f) => f.name === k)) {
      throw new InvalidPlanError({
        message: `createDataFrame(): row ${row}${path ? `, column "${path}"` : ""} has a field "${k}" that the schema does not have (${fields.map((f) => f.name).join(", ")}). Remove it or add it to the schema.`,
      });
    }
  }
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** Encodes one column of values of Spark type `dt` as Arrow data. */
export function encodeColumn(dt: DataType, nullable: boolean, col: Column, path: string): Data {
  const type = arrowType(dt, path);
  const n = col.values.length;
  if (dt.kind === "null") {
    for (let i = 0; i < n; i++) if (!isNull(col.values[i])) bad(path, col.rows[i]!, dt, "null", col.values[i]);
    return makeData({ type: type as Null, length: n });
  }
  const { bitmap, nullCount } = validity(col, nullable, path, dt);
  const base = { type: type as any, length: n, nullCount, ...(bitmap ? { nullBitmap: bitmap } : {}) };
  const each = (f: (v: unknown, row: number, i: number) => void) => {
    for (let i = 0; i < n; i++) {
      const v = col.values[i];
      if (!isNull(v)) f(v, col.rows[i]!, i);
    }
  };
  switch (dt.kind) {
    case "boolean": {
      const bits = new Uint8Array((n + 7) >> 3);
      each((v, row, i) => {
        if (typeof v !== "boolean") bad(path, row, dt, "a boolean", v);
        if (v) bits[i >> 3]! |= 1 << (i & 7);
      });
      return makeData({ ...base, data: bits });
    }
    case "byte":
    case "short":
    case "integer": {
      const [lo, hi] = INT_RANGE[dt.kind];
      const data = dt.kind === "byte" ? new Int8Array(n) : dt.kind === "short" ? new Int16Array(n) : new Int32Array(n);
      each((v, row, i) => {
        const x = typeof v === "bigint" && v >= BigInt(lo) && v <= BigInt(hi) ? Number(v) : v;
        if (typeof x !== "number" || !Number.isInteger(x) || x < lo || x > hi) bad(path, row, dt, `an integer from ${lo} to ${hi}`, v);
        data[i] = x as number;
      });
      return makeData({ ...base, data });
    }
    case "long":
    case "time":
    case "day_time_interval": {
      const data = new BigInt64Array(n);
      const words = new Int32Array(data.buffer);
      const what = dt.kind === "long" ? "a bigint (or a safe integer number)" : dt.kind === "time" ? "a bigint of nanoseconds since midnight" : "a bigint of microseconds";
      each((v, row, i) => {
        if (typeof v === "number" && Number.isSafeInteger(v)) putInt64(words, i, v);
        else data[i] = toLong(v, path, row, dt, what);
      });
      return makeData({ ...base, data });
    }
    case "float":
    case "double": {
      const data = dt.kind === "float" ? new Float32Array(n) : new Float64Array(n);
      each((v, row, i) => {
        if (typeof v !== "number") bad(path, row, dt, "a number", v);
        data[i] = v as number;
      });
      return makeData({ ...base, data });
    }
    case "decimal": {
      const data = new Uint32Array(n * 4);
      each((v, row, i) => {
        const u = unscaledDecimal(v, dt.precision, dt.scale);
        if (typeof u === "string") bad(path, row, dt, u, v);
        let x = BigInt.asUintN(128, u as bigint);
        for (let k = 0; k < 4; k++, x >>= 32n) data[i * 4 + k] = Number(x & 0xffffffffn);
      });
      return makeData({ ...base, data });
    }
    case "string":
    case "char":
    case "varchar": {
      const { offsets, data } = utf8Column(col, path, dt);
      return makeData({ ...base, valueOffsets: offsets, data });
    }
    case "binary": {
      const { offsets, data } = varBytes(col, (v, i) => (v instanceof Uint8Array ? v : bad(path, col.rows[i]!, dt, "a Uint8Array", v)));
      return makeData({ ...base, valueOffsets: offsets, data });
    }
    case "date": {
      const data = new Int32Array(n);
      each((v, row, i) => {
        if (!(v instanceof Date) || Number.isNaN(v.getTime())) bad(path, row, dt, "a valid Date (its UTC day is used)", v);
        data[i] = Math.floor((v as Date).getTime() / DAY_MS);
      });
      return makeData({ ...base, data });
    }
    case "timestamp":
    case "timestamp_ntz": {
      const data = new BigInt64Array(n);
      const words = new Int32Array(data.buffer);
      each((v, row, i) => {
        // Milliseconds × 1000 is exact as a double within ±2^53 µs (years 1685 to 2255).
        // A SparkTimestamp is a Date too, with microseconds its milliseconds do not hold.
        const us = v instanceof Date && !(v instanceof SparkTimestamp) ? v.getTime() * 1000 : NaN;
        if (Number.isSafeInteger(us)) putInt64(words, i, us);
        else data[i] = micros(v, path, row, dt);
      });
      return makeData({ ...base, data });
    }
    case "year_month_interval": {
      const data = new Int32Array(n);
      each((v, row, i) => {
        if (typeof v !== "number" || !Number.isInteger(v) || Math.abs(v) > 2147483647) bad(path, row, dt, "an integer number of months", v);
        data[i] = v as number;
      });
      return makeData({ ...base, data });
    }
    case "calendar_interval": {
      const data = new Int32Array(n * 4);
      const nanos = new BigInt64Array(data.buffer);
      each((v, row, i) => {
        const o = v as { months?: unknown; days?: unknown; nanoseconds?: unknown };
        if (typeof o !== "object" || !Number.isInteger(o.months) || !Number.isInteger(o.days) || (typeof o.nanoseconds !== "bigint" && !Number.isSafeInteger(o.nanoseconds))) {
          bad(path, row, dt, "{ months: number, days: number, nanoseconds: bigint }", v);
        }
        data[i * 4] = o.months as number;
        data[i * 4 + 1] = o.days as number;
        nanos[i * 2 + 1] = BigInt(o.nanoseconds as bigint | number);
      });
      return makeData({ ...base, data });
    }
    case "array": {
      const offsets = new Int32Array(n + 1);
      const values: unknown[] = [];
      const rows: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = col.values[i];
        if (!isNull(v)) {
          if (!Array.isArray(v)) bad(path, col.rows[i]!, dt, "an array", v);
          for (const e of v as unknown[]) {
            values.push(e);
            rows.push(col.rows[i]!);
          }
        }
        offsets[i + 1] = values.length;
      }
      const child = encodeColumn(dt.elementType, dt.containsNull, { values, rows }, `${path}[]`);
      return makeData({ ...base, valueOffsets: offsets, child });
    }
    case "map": {
      const offsets = new Int32Array(n + 1);
      const keys: unknown[] = [];
      const vals: unknown[] = [];
      const rows: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = col.values[i];
        if (!isNull(v)) {
          const es = entries(v) ?? bad(path, col.rows[i]!, dt, "a Map (or a plain object)", v);
          for (const [k, x] of es) {
            keys.push(k);
            vals.push(x);
            rows.push(col.rows[i]!);
          }
        }
        offsets[i + 1] = keys.length;
      }
      const entryType = (type as Map_).children[0]!.type as Struct;
      const child = makeData({
        type: entryType,
        length: keys.length,
        nullCount: 0,
        children: [
          encodeColumn(dt.keyType, false, { values: keys, rows }, `${path}.key`),
          encodeColumn(dt.valueType, dt.valueContainsNull, { values: vals, rows }, `${path}.value`),
        ],
      });
      return makeData({ ...base, valueOffsets: offsets, child });
    }
    case "struct": {
      const perField: unknown[][] = dt.fields.map(() => new Array(n).fill(UNDER_NULL));
      each((v, row, i) => structFieldsInto(v, dt.fields, path, row, dt, perField, i));
      const children = dt.fields.map((f, k) => encodeColumn(f.dataType, f.nullable, { values: perField[k]!, rows: col.rows }, `${path}.${f.name}`));
      return makeData({ ...base, children });
    }
    case "udt":
      return encodeColumn(dt.sqlType!, nullable, col, path);
    default:
      return bad(path, col.rows[0] ?? 0, dt, "a type that can be sent from the client", col.values[0]);
  }
}
