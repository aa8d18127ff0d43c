import * as Effect from "effect/Effect";
import type { SparkConnectError } from "../../../runtime/errors.js";
import type { ConfigOperation } from "../../../runtime/Session.js";
import type { SessionHandle } from "../handle.js";

/** One Config RPC; the answer's pairs by key (a missing value is undefined). */
export function config(handle: SessionHandle, operation: ConfigOperation): Effect.Effect<Map<string, string | undefined>, SparkConnectError> {
  return Effect.map(handle.core.config(operation), (res) => new Map(res.pairs.map((p) => [p.key, p.value])));
}
