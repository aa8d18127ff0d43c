import * as Effect from "effect/Effect";
import type { SparkConnectError } from "../../../runtime/errors.js";
import { str } from "../args.js";
import type { PlanNode } from "../../plan/PlanNode.js";
import type { SessionHandle } from "../handle.js";
import { execOptions, type OperationOptions } from "./action.js";
import { command } from "./execute.js";

/** Registers a plan as a temporary view (CreateDataFrameViewCommand). */
export function createView(
  handle: SessionHandle,
  plan: PlanNode,
  name: string,
  kind: { readonly global: boolean; readonly replace: boolean },
  options: OperationOptions = {},
): Effect.Effect<void, SparkConnectError> {
  return Effect.suspend(() => {
    const viewName = str(kind.global ? "createGlobalTempView" : "createTempView", "name", name);
    return Effect.flatMap(execOptions(options), (o) =>
      command(
        handle,
        (e) => ({
          commandType: {
            case: "createDataframeView",
            value: { input: e.relation(plan), name: viewName, isGlobal: kind.global, replace: kind.replace },
          },
        }),
        o,
      ),
    );
  }).pipe(Effect.asVoid);
}
