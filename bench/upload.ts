// Cases 8 and 9, our side: data going up. The data is made before the clock starts; the
// timed region is createDataFrame(...) and a count() that makes the server read it all.
// The same data is made on the PySpark side (bench/pyspark_cases.py).
import { Field, makeData, RecordBatch, Schema, Struct, Table, TimeUnit, Timestamp, Float64, Int64, Utf8 } from "apache-arrow";
import type { SparkSession } from "../src/index.js";
import { settleHeap, type Timed } from "./cases.js";

/** 2024-01-01T00:00:00Z in milliseconds: case 8's first timestamp. */
const BASE_MS = 1_704_067_200_000;

/** Case 8's schema, given to createDataFrame (JS numbers would otherwise be inferred as DOUBLE). */
export const CREATE_SCHEMA = "id BIGINT, name STRING, x DOUBLE, ts TIMESTAMP";

export interface CreateRow {
  readonly id: number;
  readonly name: string;
  readonly x: number;
  readonly ts: Date;
}

/** Case 8's rows: { id: i, name: "name-<i>", x: i * 0.25, ts: 2024-01-01 + i seconds }. */
export function makeRows(n: number): CreateRow[] {
  const rows = new Array<CreateRow>(n);
  for (let i = 0; i < n; i++) rows[i] = { id: i, name: `name-${i}`, x: i * 0.25, ts: new Date(BASE_MS + i * 1000) };
  return rows;
}

async function timed(count: () => Promise<bigint | number>): Promise<Timed> {
  settleHeap();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = Number(await count());
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, rows, cpu: (c.user + c.system) / 1e6 };
}

/** Case 8: createDataFrame(rows, schema).count(). */
export function createFromRows(spark: SparkSession, rows: readonly CreateRow[]): Promise<Timed> {
  return timed(() => spark.createDataFrame(rows, CREATE_SCHEMA).count());
}

/** Case 9: createDataFrame(arrowTable).count(). */
export function createFromArrow(spark: SparkSession, table: Table): Promise<Timed> {
  return timed(() => spark.createDataFrame(table).count());
}

/** Bytes of one row of the upload table: id, x, ts (8 each), name (16) and its offset (4). */
export const UPLOAD_ROW_BYTES = 44;
const BATCH_ROWS = 1_000_000;

/**
 * Case 9's table, about `mib` MiB of Arrow data: id BIGINT, x DOUBLE (id * 0.5),
 * name STRING (id as 16 zero-padded digits), ts TIMESTAMP (2024-01-01 + id seconds, UTC),
 * in record batches of 1M rows. Built from its buffers, so making it takes seconds.
 */
export function makeUploadTable(mib: number): Table {
  const n = Math.floor((mib * 2 ** 20) / UPLOAD_ROW_BYTES);
  const types = { id: new Int64(), x: new Float64(), name: new Utf8(), ts: new Timestamp(TimeUnit.MICROSECOND, "UTC") };
  const fields = Object.entries(types).map(([name, type]) => new Field(name, type, true));
  const schema = new Schema(fields);
  const batches: RecordBatch[] = [];
  for (let start = 0; start < n; start += BATCH_ROWS) {
    const len = Math.min(BATCH_ROWS, n - start);
    const id = new BigInt64Array(len);
    const x = new Float64Array(len);
    const ts = new BigInt64Array(len);
    const offsets = new Int32Array(len + 1);
    const chars = new Uint8Array(len * 16);
    for (let i = 0; i < len; i++) {
      const v = start + i;
      id[i] = BigInt(v);
      x[i] = v * 0.5;
      ts[i] = BigInt(BASE_MS / 1000 + v) * 1_000_000n;
      offsets[i + 1] = (i + 1) * 16;
      let d = v;
      for (let k = 15; k >= 0; k--) {
        chars[i * 16 + k] = 48 + (d % 10);
        d = Math.floor(d / 10);
      }
    }
    const children = [
      makeData({ type: types.id, length: len, data: id }),
      makeData({ type: types.x, length: len, data: x }),
      makeData({ type: types.name, length: len, valueOffsets: offsets, data: chars }),
      makeData({ type: types.ts, length: len, data: ts }),
    ];
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: len, children })));
  }
  return new Table(schema, batches);
}
