/**
 * Session-level progress handlers (PySpark's `spark.registerProgressHandler`): every
 * operation the session runs through ExecutePlan (queries, commands, writes, catalog
 * calls) reports its progress to them, and once more with `done: true` when it ends.
 */
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import type { ExecutePlanResponse, Plan } from "../../../generated/spark/connect/base_pb.js";
import { InvalidOptionError } from "../../../runtime/errors.js";
import { progressOf } from "../../../runtime/Results.js";
import type { Session } from "../../../runtime/Session.js";

import type { ProgressEvent, ProgressHandler } from "../progressEvent.js";

export type { ProgressEvent, ProgressHandler };

/** The handlers of each protocol session, in registration order. */
const registry = new WeakMap<Session, Set<ProgressHandler>>();

/** The handlers of a session (created empty on first use). */
export function progressHandlers(core: Session): Set<ProgressHandler> {
  let set = registry.get(core);
  if (set === undefined) {
    set = new Set();
    registry.set(core, set);
  }
  return set;
}

/** A handler argument, checked: a function, or a typed error naming the fix. */
export function checkHandler(method: string, handler: unknown): ProgressHandler {
  if (typeof handler !== "function") {
    throw new InvalidOptionError({
      message: `${method}(): give a function that receives { stages, inflightTasks, operationId, done } (got ${handler === null ? "null" : typeof handler}).`,
    });
  }
  return handler as ProgressHandler;
}

/** The session's long-running listener-bus request is not an operation of the user's: it reports to no handler (as in PySpark). */
function reports(plan: Plan): boolean {
  return !(plan.opType.case === "command" && plan.opType.value.commandType.case === "streamingQueryListenerBusCommand");
}

/**
 * The responses of an operation, reporting to the session's progress handlers: each
 * progress message with tasks in it (as PySpark, reports of no tasks are skipped), then
 * `done: true` when the stream ends, fails or is stopped. The handlers are those
 * registered at the time of each report; an operation that started while the session had
 * none reports to none. A handler that throws is skipped for that report; it never fails
 * the operation.
 */
export function withProgressHandlers<E>(
  core: Session,
  plan: Plan,
  operationId: string | undefined,
  responses: Stream.Stream<ExecutePlanResponse, E>,
): Stream.Stream<ExecutePlanResponse, E> {
  if (!reports(plan)) return responses;
  return Stream.suspend(() => {
    // A session without handlers when the operation starts pays nothing per response.
    if ((registry.get(core)?.size ?? 0) === 0) return responses;
    let stages: ProgressEvent["stages"] = [];
    let inflightTasks = 0;
    let id = operationId;
    const notify = (done: boolean) => {
      const current = registry.get(core);
      if (current === undefined || current.size === 0) return;
      const event: ProgressEvent = { stages, inflightTasks, operationId: id, done };
      for (const h of [...current]) {
        try {
          h(event);
        } catch {
          // A handler's own failure is its business: the operation goes on.
        }
      }
    };
    return responses.pipe(
      Stream.tap((res) =>
        Effect.sync(() => {
          if (res.operationId !== "" && id === undefined) id = res.operationId;
          const r = res.responseType;
          if (r.case !== "executionProgress") return;
          const reported = progressOf(r.value);
          if (reported.stages.reduce((n, s) => n + s.numTasks, 0) <= 0) return;
          stages = reported.stages;
          inflightTasks = reported.numInflightTasks;
          notify(false);
        }),
      ),
      Stream.ensuring(Effect.sync(() => notify(true))),
    );
  });
}
