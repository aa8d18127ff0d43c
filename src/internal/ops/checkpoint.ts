import * as Effect from "effect/Effect";
import { ProtocolError, type SparkConnectError } from "../../../runtime/errors.js";
import { CachedRemoteRelationNode } from "../../plan/CachedRemoteRelationNode.js";
import type { PlanNode } from "../../plan/PlanNode.js";
import type { StorageLevel } from "../../types/StorageLevel.js";
import type { SessionHandle } from "../handle.js";
import type { ExecOptions } from "./action.js";
import { command } from "./execute.js";
import type { ExecutionInfo } from "./executionInfo.js";

/** How a checkpoint is taken: reliable or local, now or at the first action, and where local data is kept. */
export interface CheckpointSpec {
  readonly local: boolean;
  readonly eager: boolean;
  readonly storageLevel: StorageLevel | undefined;
}

/**
 * Once the plan node of a checkpointed DataFrame is garbage-collected, the server is
 * asked to drop the relation it keeps for it, as PySpark does when its DataFrame goes;
 * the session's end drops them all anyway.
 */
const released = new FinalizationRegistry<{ readonly handle: SessionHandle; readonly relationId: string }>(({ handle, relationId }) => {
  if (handle.core.isClosed()) return;
  const drop = command(handle, () => ({
    commandType: { case: "removeCachedRemoteRelationCommand", value: { relation: { relationId } } },
  }));
  handle.runtime.runFork(Effect.ignore(drop));
});

/**
 * Checkpoints a plan (a CheckpointCommand) and gives the plan of the relation the server
 * keeps for the result (a cached remote relation).
 */
export function checkpoint(
  handle: SessionHandle,
  plan: PlanNode,
  spec: CheckpointSpec,
  options: ExecOptions,
  info?: (info: ExecutionInfo) => void,
): Effect.Effect<CachedRemoteRelationNode, SparkConnectError> {
  const cmd = command(
    handle,
    (e) => ({
      commandType: {
        case: "checkpointCommand",
        value: {
          relation: e.relation(plan),
          local: spec.local,
          eager: spec.eager,
          ...(spec.storageLevel !== undefined ? { storageLevel: spec.storageLevel } : {}),
        },
      },
    }),
    options,
    info,
  );
  return Effect.flatMap(cmd, (responses) => {
    for (const r of responses) {
      if (r.responseType.case === "checkpointCommandResult" && r.responseType.value.relation !== undefined) {
        const relationId = r.responseType.value.relation.relationId;
        const node = CachedRemoteRelationNode.create(relationId);
        released.register(node, { handle, relationId });
        return Effect.succeed(node);
      }
    }
    return Effect.fail(new ProtocolError({ message: "The server answered a checkpoint without the checkpointed relation (checkpoint_command_result)." }));
  });
}
