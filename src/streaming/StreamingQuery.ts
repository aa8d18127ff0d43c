import type { StreamingQueryError } from "../../runtime/errors.js";
import * as E from "../effect/streaming.js";
import type { SessionHandle } from "../internal/handle.js";
import type { OperationOptions } from "../internal/ops/action.js";
import type { QueryInstance } from "../internal/ops/streaming.js";
import { run } from "../internal/run.js";
import type { StreamingQueryProgress } from "./progress.js";

/** What a streaming query is doing now. */
export interface StreamingQueryStatus {
  /** Spark's description, e.g. "Waiting for data to arrive". */
  readonly message: string;
  readonly isDataAvailable: boolean;
  readonly isTriggerActive: boolean;
  readonly isActive: boolean;
}

/**
 * A streaming query started by `df.writeStream...start()` (or found through
 * `spark.streams`): its identity and the commands Spark Connect offers on it. Every
 * method asks the server; each takes `{ signal, timeout }`.
 *
 * @example
 * ```ts
 * const query = await df.writeStream.format("parquet").option("checkpointLocation", "/chk").start("/out");
 * await query.processAllAvailable();
 * console.log((await query.lastProgress())?.numInputRows);
 * await query.stop();
 * ```
 */
export class StreamingQuery {
  /** @internal */
  constructor(
    /** @internal */ readonly handle: SessionHandle,
    /** @internal */ readonly instance: QueryInstance,
  ) {}

  /** The query's id, the same across restarts from its checkpoint. */
  get id(): string {
    return this.instance.id;
  }
  /** This run's id, new at every start. */
  get runId(): string {
    return this.instance.runId;
  }
  /** The name given with `queryName`, if any. */
  get name(): string | undefined {
    return this.instance.name;
  }

  /** Whether the query runs. @example await query.isActive() */
  isActive(options?: OperationOptions): Promise<boolean> {
    return run(this.handle, () => E.isActive(this, options));
  }
  /** The query's status. @example (await query.status()).message */
  status(options?: OperationOptions): Promise<StreamingQueryStatus> {
    return run(this.handle, () => E.status(this, options));
  }
  /** The last progress report, or null before the first batch. @example (await query.lastProgress())?.numInputRows */
  lastProgress(options?: OperationOptions): Promise<StreamingQueryProgress | null> {
    return run(this.handle, () => E.lastProgress(this, options));
  }
  /** The recent progress reports, oldest first. @example (await query.recentProgress()).length */
  recentProgress(options?: OperationOptions): Promise<StreamingQueryProgress[]> {
    return run(this.handle, () => E.recentProgress(this, options));
  }
  /**
   * Waits until the query stops: true when it has; with `timeoutMs`, false when it still
   * runs after that long. Rejects with the query's error when it failed.
   *
   * @example
   * ```ts
   * if (!(await query.awaitTermination(30_000))) await query.stop();
   * ```
   */
  awaitTermination(timeoutMs?: number, options?: OperationOptions): Promise<boolean> {
    return run(this.handle, () => E.awaitTermination(this, timeoutMs, options));
  }
  /** Waits until all input available now is processed. @example await query.processAllAvailable() */
  processAllAvailable(options?: OperationOptions): Promise<void> {
    return run(this.handle, () => E.processAllAvailable(this, options));
  }
  /** Stops the query; its checkpoint stays, so a new start resumes it. @example await query.stop() */
  stop(options?: OperationOptions): Promise<void> {
    return run(this.handle, () => E.stop(this, options));
  }
  /** The error the query stopped with (typed, with Spark's error class), or null. @example (await query.exception())?.errorClass */
  exception(options?: OperationOptions): Promise<StreamingQueryError | null> {
    return run(this.handle, () => E.exception(this, options));
  }
  /** The query's plans as text. @example console.log(await query.explain()) */
  explain(extended = false, options?: OperationOptions): Promise<string> {
    return run(this.handle, () => E.explain(this, extended, options));
  }
}
