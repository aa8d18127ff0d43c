import * as Effect from "effect/Effect";
import * as E from "../effect/streaming.js";
import type { OperationOptions } from "../internal/ops/action.js";
import { iterate, run } from "../internal/run.js";
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
  /**
   * The session's query events as they happen (started, progress, idle, terminated), for
   * `for await`; leaving the loop removes the listener.
   *
   * @example
   * ```ts
   * for await (const e of spark.streams.events()) {
   *   if (e.type === "progress") console.log(e.progress.numInputRows);
   *   if (e.type === "terminated") break;
   * }
   * ```
   */
  events(): AsyncIterable<E.StreamingQueryEvent> {
    return iterate(this.spark.handle, E.events(this.spark));
  }

  /**
   * Calls the listener's methods for the session's query events until removed
   * (PySpark's addListener); the server starts sending events shortly after it resolves.
   * The returned function removes it. A listener that throws is not called again.
   *
   * @example
   * ```ts
   * const remove = await spark.streams.addListener({ onQueryProgress: (p) => console.log(p.batchId) });
   * // ...
   * await remove();
   * ```
   */
  addListener(listener: StreamingQueryListener): Promise<() => Promise<void>> {
    const handle = this.spark.handle;
    return run(handle, () => Effect.map(E.addListener(this.spark, listener), (remove) => () => run(handle, () => remove)));
  }

  /**
   * Removes a listener added with addListener (PySpark's removeListener): one registration
   * per call; a listener not added is ignored.
   *
   * @example
   * ```ts
   * await spark.streams.addListener(listener);
   * // ...
   * await spark.streams.removeListener(listener);
   * ```
   */
  removeListener(listener: StreamingQueryListener): Promise<void> {
    return run(this.spark.handle, () => E.removeListener(this.spark, listener));
  }

  /** Forgets the stopped queries for awaitAnyTermination. @example await spark.streams.resetTerminated() */
  resetTerminated(options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.resetTerminated(this.spark, options));
  }
}

export type { StreamingQueryListener } from "../effect/streaming.js";
import type { StreamingQueryListener } from "../effect/streaming.js";
