// Small helpers for running the library's operations inside the toolkit's Effects.
import * as Effect from "effect/Effect";
import { InvalidPlanError, SparkConnectError, type SparkConnectFailure } from "../../runtime/errors.js";

/**
 * Builds a DataFrame, reader or writer with the library's synchronous builders: an argument
 * they refuse (they throw the library's typed errors) becomes a typed failure, never a defect.
 */
export function attempt<A>(build: () => A): Effect.Effect<A, SparkConnectFailure> {
  return Effect.try({
    try: build,
    catch: (e) => (e instanceof SparkConnectError ? (e as SparkConnectFailure) : new InvalidPlanError({ message: `Could not build the query: ${String(e)}`, cause: e })),
  });
}
