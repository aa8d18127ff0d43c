// Arrow value → JavaScript value. The type switch runs once per field (`readerFactory`);
// the factory runs once per chunk and captures its typed arrays; the reader runs per value.
import { Buffer } from "node:buffer";
import { type Data, type DataType, type Field, DateUnit, IntervalUnit, Precision, TimeUnit, Type } from "apache-arrow";
import { ProtocolError, RowConversionError, SparkConnectError } from "../errors.js";
import { decimalToNumber, decimalToString } from "./decimal.js";
import { SparkTimestamp } from "./SparkTimestamp.js";

/** Reads the value at a logical index of one chunk, `null` included. */
export type Reader = (index: number) => unknown;
/** Builds the `Reader` of one chunk (`Data`) of a field. */
export type ReaderFactory = (data: Data) => Reader;

/** Options after defaults were applied. */
export interface ValueOptions {
  readonly longs: "bigint" | "number";
  readonly decimals: "string" | "number";
}

const TWO_32 = 4294967296;
const DAY_MS = 86_400_000;
const nullReader: Reader = () => null;

/** The factory for values of `type`; `path` names the column in error messages. */
export function readerFactory(type: DataType, options: ValueOptions, path: string): ReaderFactory {
  if (type.typeId === Type.Null) return () => nullReader;
  const raw = rawFactory(type, options, path);
  return (data) => {
    const read = raw(data);
    const bits: Uint8Array | undefined = data.nullBitmap;
    if (!(data.nullCount > 0) || bits === undefined || bits.length === 0) return read;
    const offset = data.offset;
    return (i) => ((bits[(offset + i) >> 3] >> ((offset + i) & 7)) & 1 ? read(i) : null);
  };
}

/**
 * The error to report for `cause`, thrown while converting values of the column `path`
 * (Arrow type `type`): the library's own errors as they are, anything else (a TypeError or
 * RangeError from a value the readers did not expect) as a RowConversionError naming the
 * column and type. Called once per failing column, off the per-value path.
 */
export function conversionError(cause: unknown, path: string, type: DataType): SparkConnectError {
  if (cause instanceof SparkConnectError) return cause;
  const why = cause instanceof Error ? cause.message : String(cause);
  return new RowConversionError({
    message:
      `Column "${path}" (Arrow type ${String(type)}) has a value that could not be converted to JavaScript (${why}). ` +
      `Read the result with toArrow(), or cast the column in the query to a type with a plain mapping (e.g. a string).`,
    column: path,
    dataType: String(type),
    cause,
  });
}

function unsupported(type: DataType, path: string): never {
  throw new ProtocolError({
    message:
      `Column "${path}" has Arrow type ${String(type)}, which has no JavaScript row mapping; ` +
      `use toArrow() to read it as an apache-arrow Table.`,
  });
}

/** Readers that ignore validity; `readerFactory` adds the null check when a chunk has nulls. */
function rawFactory(type: DataType, options: ValueOptions, path: string): ReaderFactory {
  const t = type as any;
  switch (type.typeId) {
    case Type.Bool:
      return (data) => {
        const v: Uint8Array = data.values;
        const o = data.offset;
        return (i) => ((v[(o + i) >> 3] >> ((o + i) & 7)) & 1) === 1;
      };
    case Type.Int:
      if (t.bitWidth < 64) return plain;
      return options.longs === "bigint" ? plain : longAsNumber(t.isSigned, path, String(type));
    case Type.Float:
      return t.precision === Precision.HALF ? unsupported(type, path) : plain;
    case Type.Utf8:
    case Type.LargeUtf8:
      return (data) => {
        const offs = data.valueOffsets;
        const v: Uint8Array = data.values ?? new Uint8Array(0);
        const buf = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
        return type.typeId === Type.Utf8
          ? (i) => buf.toString("utf8", offs[i], offs[i + 1])
          : (i) => buf.toString("utf8", Number(offs[i]), Number(offs[i + 1]));
      };
    case Type.Binary:
    case Type.LargeBinary:
      return (data) => {
        const offs = data.valueOffsets;
        const v: Uint8Array = data.values ?? new Uint8Array(0);
        return type.typeId === Type.Binary
          ? (i) => v.subarray(offs[i], offs[i + 1])
          : (i) => v.subarray(Number(offs[i]), Number(offs[i + 1]));
      };
    case Type.Decimal: {
      const words = t.bitWidth / 32;
      const scale: number = t.scale;
      const convert = options.decimals === "number" ? decimalToNumber : decimalToString;
      return (data) => {
        const v: Uint32Array = data.values;
        return (i) => convert(v, i, words, scale);
      };
    }
    case Type.Date:
      return t.unit === DateUnit.DAY
        ? (data) => {
            const v: Int32Array = data.values;
            return (i) => new Date(v[i] * DAY_MS);
          }
        : (data) => {
            const v: BigInt64Array = data.values;
            return (i) => new Date(Number(v[i]));
          };
    case Type.Timestamp:
      return timestamp(t.unit, type, path);
    case Type.Time: {
      const toNanos = [1_000_000_000n, 1_000_000n, 1000n, 1n][t.unit as TimeUnit];
      return (data) => {
        const v: Int32Array | BigInt64Array = data.values;
        return (i) => BigInt(v[i]) * toNanos;
      };
    }
    case Type.Duration: {
      if (t.unit === TimeUnit.NANOSECOND) return unsupported(type, path);
      const toMicros = [1_000_000n, 1000n, 1n][t.unit as TimeUnit];
      return toMicros === 1n ? plain : (data) => {
        const v: BigInt64Array = data.values;
        return (i) => v[i] * toMicros;
      };
    }
    case Type.Interval:
      if (t.unit === IntervalUnit.YEAR_MONTH) return plain;
      if (t.unit === IntervalUnit.MONTH_DAY_NANO) return monthDayNano;
      return unsupported(type, path);
    case Type.List:
    case Type.LargeList:
      return list(readerFactory(t.children[0].type, options, `${path}[]`), type.typeId === Type.LargeList);
    case Type.Struct:
      return struct(t.children, options, path);
    case Type.Map: {
      const [key, value] = t.children[0].type.children as Field[];
      return map(readerFactory(key.type, options, `${path}.key`), readerFactory(value.type, options, `${path}.value`));
    }
    default:
      return unsupported(type, path);
  }
}

const plain: ReaderFactory = (data) => {
  const v = data.values;
  return (i) => v[i];
};

/** Reads 64-bit integers as numbers through 32-bit halves (no BigInt per value). */
function longAsNumber(signed: boolean, path: string, dataType: string): ReaderFactory {
  return (data) => {
    const v: BigInt64Array = data.values;
    const halves = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
    return (i) => {
      const hi = halves[2 * i + 1];
      const n = (signed ? hi | 0 : hi) * TWO_32 + halves[2 * i];
      if (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) {
        throw new RowConversionError({
          message:
            `Column "${path}": LongType value ${v[i]} is beyond ±(2^53-1) and cannot be a number ` +
            `exactly; use the option { longs: "bigint" } (the default) to read it.`,
          column: path,
          dataType,
        });
      }
      return n;
    };
  };
}

function timestamp(unit: TimeUnit, type: DataType, path: string): ReaderFactory {
  if (unit === TimeUnit.NANOSECOND) return unsupported(type, path);
  if (unit !== TimeUnit.MICROSECOND) {
    const toMicros = unit === TimeUnit.SECOND ? 1_000_000n : 1000n;
    return (data) => {
      const v: BigInt64Array = data.values;
      return (i) => new SparkTimestamp(v[i] * toMicros);
    };
  }
  return (data) => {
    const v: BigInt64Array = data.values;
    const halves = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
    return (i) => {
      // Within ±2^53 µs (years 1685..2255) the halves give the exact number without a BigInt.
      const n = (halves[2 * i + 1] | 0) * TWO_32 + halves[2 * i];
      return new SparkTimestamp(Number.isSafeInteger(n) ? n : v[i]);
    };
  };
}

const monthDayNano: ReaderFactory = (data) => {
  const v: Int32Array = data.values;
  return (i) => ({
    months: v[4 * i],
    days: v[4 * i + 1],
    nanoseconds: BigInt.asIntN(64, (BigInt(v[4 * i + 3]) << 32n) | BigInt(v[4 * i + 2] >>> 0)),
  });
};

function list(element: ReaderFactory, large: boolean): ReaderFactory {
  return (data) => {
    const offs = data.valueOffsets;
    const read = element(data.children[0]);
    return (i) => {
      const end = large ? Number(offs[i + 1]) : offs[i + 1];
      const out: unknown[] = [];
      for (let k = large ? Number(offs[i]) : offs[i]; k < end; k++) out.push(read(k));
      return out;
    };
  };
}

function struct(fields: Field[], options: ValueOptions, path: string): ReaderFactory {
  const names = fields.map((f) => f.name);
  const factories = fields.map((f) => readerFactory(f.type, options, `${path}.${f.name}`));
  const hasProtoKey = names.includes("__proto__");
  return (data) => {
    const reads = factories.map((make, j) => make(data.children[j]));
    return (i) => {
      const o: Record<string, unknown> = {};
      for (let j = 0; j < names.length; j++) {
        if (hasProtoKey && names[j] === "__proto__") defineKey(o, names[j], reads[j](i));
        else o[names[j]] = reads[j](i);
      }
      return o;
    };
  };
}

function map(keyFactory: ReaderFactory, valueFactory: ReaderFactory): ReaderFactory {
  return (data) => {
    const offs: Int32Array = data.valueOffsets;
    const entries: Data = data.children[0];
    const key = keyFactory(entries.children[0]);
    const value = valueFactory(entries.children[1]);
    return (i) => {
      const m = new Map<unknown, unknown>();
      for (let k = offs[i], end = offs[i + 1]; k < end; k++) m.set(key(k), value(k));
      return m;
    };
  };
}

/** Sets an own enumerable property even for the key `__proto__`. */
export function defineKey(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
