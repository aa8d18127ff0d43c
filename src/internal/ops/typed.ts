import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { SparkConnectError, type SparkConnectFailure } from "../../../runtime/errors.js";
import { clientFailure } from "./execute.js";
import { operation, type OperationOptions } from "./action.js";

// Every SparkConnectError the library produces is an instance of a class in the
// SparkConnectFailure union (the base class is abstract), so these only sharpen types.

/** An effect of the library with its error channel typed as the union of concrete errors. */
export const typed = <A, R>(effect: Effect.Effect<A, SparkConnectError, R>) => effect as Effect.Effect<A, SparkConnectFailure, R>;

/** A stream of the library with its error channel typed as the union of concrete errors. */
export const typedStream = <A, R>(stream: Stream.Stream<A, SparkConnectError, R>) =>
  stream as unknown as Stream.Stream<A, SparkConnectFailure, R>;

/**
 * A user-visible operation built lazily: argument checks that throw while it is built
 * become typed failures, and the options' signal and timeout apply (see `operation`).
 */
export function op<A>(
  name: string,
  options: OperationOptions | undefined,
  make: () => Effect.Effect<A, SparkConnectError>,
): Effect.Effect<A, SparkConnectFailure> {
  const lazy = Effect.suspend(() => {
    try {
      return make();
    } catch (e) {
      return Effect.fail(clientFailure(`${name}()`)(e));
    }
  });
  // A library error thrown while the operation runs (an argument check inside a
  // generator, a conversion) is a failure of its own class, not a defect.
  const failures = Effect.catchDefect(lazy, (e) => (e instanceof SparkConnectError ? Effect.fail(e) : Effect.die(e)));
  return typed(operation(name, failures, options));
}
