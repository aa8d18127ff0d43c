// The types of session-level progress handlers, apart from their implementation
// (src/internal/ops/progressHandlers.ts), so the public declarations reach no runtime
// internals.
import type { Progress } from "../../runtime/Results.js";

/** What a session-level progress handler receives: PySpark's `stages`, `inflight_tasks`, `operation_id` and `done`. */
export interface ProgressEvent {
  /** The stages of the operation as last reported (empty before the first report). */
  readonly stages: Progress["stages"];
  /** Tasks running at the last report. */
  readonly inflightTasks: number;
  /** The operation's id (a UUID), as `interruptOperation` takes it. */
  readonly operationId: string | undefined;
  /** False while the operation runs; true once, when it has ended (however it ended). */
  readonly done: boolean;
}

/** A session-level progress handler (see `SparkSession.registerProgressHandler`). */
export type ProgressHandler = (event: ProgressEvent) => void;
