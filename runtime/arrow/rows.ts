import type { Field, RecordBatch, Table } from "apache-arrow";
import { InvalidOptionError } from "../errors.js";
import { type Reader, type ValueOptions, conversionError, defineKey, readerFactory } from "./values.js";

/**
 * How Spark values become JavaScript values in row objects. See docs/types.md for the
 * full mapping.
 *
 * @example
 * ```ts
 * const rows = tableToRows(table, { longs: "number", decimals: "number" });
 * ```
 */
export interface RowOptions {
  /**
   * `LongType` as `bigint` (default) or `number`. With `"number"` a value beyond
   * ±(2^53-1) throws a `RowConversionError` naming the column and this option instead
   * of losing digits.
   *
   * @example
   * ```ts
   * tableToRows(table, { longs: "number" }); // [{ id: 1 }] instead of [{ id: 1n }]
   * ```
   */
  readonly longs?: "bigint" | "number";
  /**
   * `DecimalType` as an exact string with `scale` fractional digits (default, e.g.
   * `"-12.50"`) or as the nearest `number`.
   *
   * @example
   * ```ts
   * tableToRows(table, { decimals: "number" }); // [{ price: 12.5 }] instead of [{ price: "12.50" }]
   * ```
   */
  readonly decimals?: "string" | "number";
}

function resolveOptions(options: RowOptions | undefined): ValueOptions {
  const longs = options?.longs ?? "bigint";
  const decimals = options?.decimals ?? "string";
  if (longs !== "bigint" && longs !== "number") {
    throw new InvalidOptionError({ message: `The row option longs must be "bigint" or "number", got ${String(longs)}.` });
  }
  if (decimals !== "string" && decimals !== "number") {
    throw new InvalidOptionError({ message: `The row option decimals must be "string" or "number", got ${String(decimals)}.` });
  }
  return { longs, decimals };
}

/**
 * Converts an Arrow table or record batch from Spark into plain row objects: one object
 * per row, keys are the column names in schema order, values follow docs/types.md.
 * When two columns share a name the later column's value wins (the key keeps the
 * position of the first). Conversion runs column by column straight off the Arrow
 * buffers.
 *
 * Throws only the library's errors: a `ProtocolError` naming the column and the Arrow
 * type if a column has a type with no JavaScript mapping (use `toArrow()` for those), a
 * `RowConversionError` naming the column and type when a value cannot be converted (e.g.
 * a long beyond ±(2^53-1) with `{ longs: "number" }`), and an `InvalidOptionError` for a
 * malformed option.
 *
 * @example
 * ```ts
 * const [batch] = decodeArrowBatch(bytes);
 * const rows = tableToRows<{ id: bigint; name: string | null }>(batch);
 * rows[0]; // { id: 1n, name: "a" }
 * ```
 */
export function tableToRows<T = Record<string, unknown>>(table: Table | RecordBatch, options?: RowOptions): T[] {
  const resolved = resolveOptions(options);
  const rows: Record<string, unknown>[] = [];
  if (!("batches" in table)) return appendRows(table, resolved, rows) as T[];
  // No batch to convert: still reject unsupported types, as a non-empty result would.
  for (const f of table.batches.length === 0 ? table.schema.fields : []) {
    try {
      readerFactory(f.type, resolved, f.name);
    } catch (e) {
      throw conversionError(e, f.name, f.type);
    }
  }
  for (const batch of table.batches) appendRows(batch, resolved, rows);
  return rows as T[];
}

/**
 * Appends the rows of `batch` to `rows`. Types come from each column's `Data`, not from
 * `batch.schema`: apache-arrow merges duplicate names in the schema (every field of that
 * name gets the last one's type) while the data keeps its own types.
 */
function appendRows(batch: RecordBatch, options: ValueOptions, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const fields: Field[] = batch.data.type.children;
  const columns = batch.data.children;
  const n = batch.numRows;
  const base = rows.length;
  // One try around the loops, none per value: a failure is reported for the column at `j`
  // (values.ts throws RowConversionErrors with the nested path itself where it knows one).
  let j = 0;
  try {
    const reads: Reader[] = [];
    for (; j < columns.length; j++) reads.push(readerFactory(columns[j].type, options, fields[j].name)(columns[j]));
    for (let i = 0; i < n; i++) rows.push({});
    for (j = 0; j < columns.length; j++) fillColumn(rows, base, n, fields[j].name, reads[j]);
  } catch (e) {
    throw j < columns.length ? conversionError(e, fields[j].name, columns[j].type) : e;
  }
  return rows;
}

function fillColumn(rows: Record<string, unknown>[], base: number, n: number, name: string, read: Reader): void {
  if (name === "__proto__") {
    for (let i = 0; i < n; i++) defineKey(rows[base + i], name, read(i));
    return;
  }
  for (let i = 0; i < n; i++) rows[base + i][name] = read(i);
}
