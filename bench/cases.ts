// Our client's side of each benchmark case. Each function runs the action once and
// returns what was measured; the DataFrame is built before the clock starts, as on the
// PySpark side (bench/pyspark_cases.py).
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import type { SparkSession } from "../src/index.js";
import { encodePlan } from "../src/plan/encodeRelation.js";
import { SqlNode } from "../src/plan/SqlNode.js";

/** Bulk result with long, double, 16-char string, timestamp, decimal(18,2) (same text in pyspark_cases.py). */
export function bulkQuery(n: number): string {
  return (
    "SELECT id, CAST(id AS DOUBLE) * 1.5 AS d, lpad(CAST(id AS STRING), 16, 'x') AS s, " +
    "timestamp_seconds(1704067200 + id) AS ts, CAST(id / 100 AS DECIMAL(18,2)) AS dec " +
    `FROM range(${n})`
  );
}

/**
 * Case 5's long result: two columns so the server streams 50M+ rows quickly, in
 * partitions of 1M rows so the server never holds a 25M-row task result (a 4g driver ran
 * out of heap on range(50M)'s two default partitions). Same text in pyspark_cases.py.
 */
export function streamQuery(n: number): string {
  return `SELECT id, CAST(id AS DOUBLE) * 1.5 AS d FROM range(0, ${n}, 1, ${Math.max(1, Math.ceil(n / 1_000_000))})`;
}

export interface Timed {
  /** Wall-clock seconds of the action. */
  readonly seconds: number;
  readonly rows: number;
  /** CPU seconds (user + system, all threads) this process spent in the action. */
  readonly cpu: number;
}

declare const gc: (() => void) | undefined;

/** A full GC before a timed run (node --expose-gc), so one run's garbage is not the next one's cost. */
export function settleHeap(): void {
  if (typeof gc === "function") gc();
}

async function timed(rowsOf: () => Promise<number>): Promise<Timed> {
  settleHeap();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await rowsOf();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, rows, cpu: (c.user + c.system) / 1e6 };
}

/** Case 1: the whole result as an apache-arrow Table. */
export function toArrow(spark: SparkSession, query: string): Promise<Timed> {
  const df = spark.sql(query);
  return timed(async () => (await df.toArrow()).numRows);
}

/** Case 2: the whole result as row objects. */
export function collect(spark: SparkSession, query: string): Promise<Timed> {
  const df = spark.sql(query);
  return timed(async () => (await df.collect()).length);
}

/**
 * Case 4: the same ExecutePlan through the runtime's reattachable response stream
 * (retries, reattach, release, protobuf parse by grpc-js + @bufbuild/protobuf), with no
 * Arrow decoding: the floor under toArrow() for this client. Rows are summed from the
 * responses' row_count, which costs nothing.
 *
 * Not public API: `spark.handle.core` is the internal runtime Session. A public raw-drain API
 * (e.g. an action yielding the undecoded IPC bytes) would let this case use it instead.
 */
export function rawDrain(spark: SparkSession, query: string): Promise<Timed> {
  const plan = encodePlan(SqlNode.create(query));
  return timed(() =>
    Effect.runPromise(
      Stream.runFold(
        spark.handle.core.execute(plan),
        () => 0,
        (n, res) => (res.responseType.case === "arrowBatch" ? n + Number(res.responseType.value.rowCount) : n),
      ),
    ),
  );
}

/** Case 3: `count` sequential round trips; seconds per call. */
export async function latency(spark: SparkSession, query: string, count: number, prebuilt: boolean): Promise<number[]> {
  const df = spark.sql(query);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await (prebuilt ? df : spark.sql(query)).collect();
    samples.push((performance.now() - t0) / 1000);
  }
  return samples;
}
