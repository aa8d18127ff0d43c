/**
 * The merge of `df.mergeInto(table, condition)` as an Effect, with failures in the typed
 * error channel; interrupting it stops the merge on the server.
 */
import type * as Effect from "effect/Effect";
import type { SparkConnectFailure } from "../../runtime/errors.js";
import type { MergeIntoWriter } from "../MergeIntoWriter.js";
import type { OperationOptions } from "../internal/ops/action.js";
import { runWrite } from "./writer.js";

/**
 * Runs the merge (a MergeIntoTableCommand).
 *
 * @example
 * ```ts
 * yield* Spark.mergeInto.merge(df.mergeInto("target", col("target.id").eq(col("s.id"))).whenMatched().updateAll());
 * ```
 */
export const merge = (w: MergeIntoWriter, options?: OperationOptions): Effect.Effect<void, SparkConnectFailure> =>
  runWrite("merge", w.df.handle, options, () => w.command(), w.df.recordExecution);
