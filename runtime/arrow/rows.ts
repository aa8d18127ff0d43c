import type { RecordBatch, Schema, Table } from "apache-arrow";
import { type Reader, type ReaderFactory, type ValueOptions, defineKey, readerFactory } from "./values.js";

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
   * ±(2^53-1) throws a `RangeError` naming this option instead of losing digits.
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
    throw new TypeError(`RowOptions.longs must be "bigint" or "number", got ${String(longs)}`);
  }
  if (decimals !== "string" && decimals !== "number") {
    throw new TypeError(`RowOptions.decimals must be "string" or "number", got ${String(decimals)}`);
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
 * Throws a `ProtocolError` naming the column and the Arrow type if a column has a type
 * with no JavaScript mapping (use `toArrow()` for those), and a `RangeError` for a
 * long beyond ±(2^53-1) with `{ longs: "number" }`.
 *
 * @example
 * ```ts
 * const [batch] = decodeArrowBatch(bytes);
 * const rows = tableToRows<{ id: bigint; name: string | null }>(batch);
 * rows[0]; // { id: 1n, name: "a" }
 * ```
 */
export function tableToRows<T = Record<string, unknown>>(table: Table | RecordBatch, options?: RowOptions): T[] {
  const convert = rowConverter(table.schema, options);
  if ("batches" in table) {
    const rows: Record<string, unknown>[] = [];
    for (const batch of table.batches) convert(batch, rows);
    return rows as T[];
  }
  return convert(table, []) as T[];
}

/**
 * Compiles the conversion of one schema once, for many batches: the returned function
 * appends the rows of a batch to `into` and returns it.
 */
export function rowConverter(
  schema: Schema,
  options?: RowOptions,
): (batch: RecordBatch, into: Record<string, unknown>[]) => Record<string, unknown>[] {
  const resolved = resolveOptions(options);
  const names = schema.fields.map((f) => f.name);
  const factories: ReaderFactory[] = schema.fields.map((f) => readerFactory(f.type, resolved, f.name));
  return (batch, into) => {
    const n = batch.numRows;
    const base = into.length;
    for (let i = 0; i < n; i++) into.push({});
    const columns = batch.data.children;
    for (let j = 0; j < names.length; j++) {
      fillColumn(into, base, n, names[j], factories[j](columns[j]));
    }
    return into;
  };
}

function fillColumn(rows: Record<string, unknown>[], base: number, n: number, name: string, read: Reader): void {
  if (name === "__proto__") {
    for (let i = 0; i < n; i++) defineKey(rows[base + i], name, read(i));
    return;
  }
  for (let i = 0; i < n; i++) rows[base + i][name] = read(i);
}
