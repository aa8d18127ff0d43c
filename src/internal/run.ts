import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Stream from "effect/Stream";
import { InterruptedError, SessionClosedError } from "../../runtime/errors.js";
import { TagsAtCall } from "../../runtime/Session.js";
import type { SessionHandle } from "./handle.js";

/**
 * Runs an Effect for the Promise API in the session's runtime (with the services of the
 * layer given to `connect`): resolves with its value or rejects with the library's error
 * itself, never a wrapper, and never throws synchronously. The effect is built inside, so
 * an argument check that throws while it is built rejects too.
 */
export async function run<A, E>(handle: SessionHandle, make: () => Effect.Effect<A, E>): Promise<A> {
  const effect = atCall(handle, make());
  // A closed session's runtime is disposed; its operations fail with SessionClosedError.
  const exit = handle.core.isClosed() ? await Effect.runPromiseExit(effect) : await handle.runtime.runPromiseExit(effect);
  if (Exit.isSuccess(exit)) return exit.value;
  if (Cause.hasInterruptsOnly(exit.cause)) throw interrupted(handle);
  throw Cause.squash(exit.cause);
}

/** The error of an operation whose fiber was interrupted: by close(), or by its caller. */
function interrupted(handle: SessionHandle): InterruptedError | SessionClosedError {
  if (handle.core.isClosed()) {
    return new SessionClosedError({
      message: `The session (${handle.core.sessionId}) was closed while this operation ran; the server was asked to interrupt it. Open a new session with SparkSession.connect(...) to go on.`,
    });
  }
  return new InterruptedError({ message: "The operation was interrupted." });
}

/** The effect with the session's tags fixed as they are now, at the call. */
export function atCall<A, E>(handle: SessionHandle, effect: Effect.Effect<A, E>): Effect.Effect<A, E> {
  return Effect.provideService(effect, TagsAtCall, [...handle.core.tags]);
}

/** A Stream as an AsyncIterable for `for await`, run in the session's runtime. */
export function iterate<A, E>(handle: SessionHandle, stream: Stream.Stream<A, E>): AsyncIterable<A> {
  return {
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<A> | undefined;
      const fixed = Stream.provideService(stream, TagsAtCall, [...handle.core.tags]);
      const start = async () => (inner ??= Stream.toAsyncIterableWith(fixed, await handle.runtime.context())[Symbol.asyncIterator]());
      return {
        next: async () => {
          try {
            return await (await start()).next();
          } catch (e) {
            // An interrupted fiber surfaces as Effect's own error: give the library's instead.
            if (Cause.isCause(e) ? Cause.hasInterruptsOnly(e) : isInterruption(e)) throw interrupted(handle);
            throw e;
          }
        },
        return: async (value?: unknown) => {
          if (inner === undefined) return { done: true, value: value as A };
          return (await inner.return?.(value)) ?? { done: true, value: value as A };
        },
      };
    },
  };
}

function isInterruption(e: unknown): boolean {
  return typeof e === "object" && e !== null && ((e as { _tag?: unknown })._tag === "InterruptError" || (e as { name?: unknown }).name === "InterruptError");
}
