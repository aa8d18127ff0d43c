import { Cause, Effect, Exit, Stream } from "effect";
import { InterruptedError } from "../../runtime/errors.js";
import type { SessionHandle } from "./handle.js";

/**
 * Runs an Effect for the Promise API in the session's runtime (with the services of the
 * layer given to `connect`): resolves with its value or rejects with the library's error
 * itself, never a wrapper, and never throws synchronously. The effect is built inside, so
 * an argument check that throws while it is built rejects too.
 */
export async function run<A, E>(handle: SessionHandle, make: () => Effect.Effect<A, E>): Promise<A> {
  // A closed session's runtime is disposed; its operations fail with SessionClosedError.
  const exit = handle.core.isClosed() ? await Effect.runPromiseExit(make()) : await handle.runtime.runPromiseExit(make());
  if (Exit.isSuccess(exit)) return exit.value;
  if (Cause.hasInterruptsOnly(exit.cause)) throw new InterruptedError({ message: "The operation was interrupted." });
  throw Cause.squash(exit.cause);
}

/** A Stream as an AsyncIterable for `for await`, run in the session's runtime. */
export function iterate<A, E>(handle: SessionHandle, stream: Stream.Stream<A, E>): AsyncIterable<A> {
  return {
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<A> | undefined;
      const start = async () => (inner ??= Stream.toAsyncIterableWith(stream, await handle.runtime.context())[Symbol.asyncIterator]());
      return {
        next: async () => (await start()).next(),
        return: async (value?: unknown) => {
          if (inner === undefined) return { done: true, value: value as A };
          return (await inner.return?.(value)) ?? { done: true, value: value as A };
        },
      };
    },
  };
}
