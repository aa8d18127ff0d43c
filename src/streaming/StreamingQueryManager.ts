import * as E from "../effect/streaming.js";
import type { OperationOptions } from "../internal/ops/action.js";
import { run } from "../internal/run.js";
import type { SparkSession } from "../SparkSession.js";
import type { StreamingQuery } from "./StreamingQuery.js";

/**
 * The session's streaming queries: `spark.streams`.
 *
 * @example
 * ```ts
 * for (const q of await spark.streams.active()) await q.stop();
 * ```
 */
export class StreamingQueryManager {
  /** @internal */
  constructor(private readonly spark: SparkSession) {}

  /** The running queries. @example await spark.streams.active() */
  active(options?: OperationOptions): Promise<StreamingQuery[]> {
    return run(this.spark.handle, () => E.active(this.spark, options));
  }
  /** A query by id, or null. @example await spark.streams.get(query.id) */
  get(id: string, options?: OperationOptions): Promise<StreamingQuery | null> {
    return run(this.spark.handle, () => E.get(this.spark, id, options));
  }
  /** Waits until any query stops: true when one has; with `timeoutMs`, false after that long. @example await spark.streams.awaitAnyTermination(60_000) */
  awaitAnyTermination(timeoutMs?: number, options?: OperationOptions): Promise<boolean> {
    return run(this.spark.handle, () => E.awaitAnyTermination(this.spark, timeoutMs, options));
  }
  /** Forgets the stopped queries for awaitAnyTermination. @example await spark.streams.resetTerminated() */
  resetTerminated(options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.resetTerminated(this.spark, options));
  }
}
