import { Cause, Effect, Exit } from "effect";
import { InterruptedError } from "../../runtime/errors.js";

/**
 * Runs an Effect for the Promise API: rejects with the library's error itself (never a
 * wrapper); an aborted signal interrupts the fiber and rejects with InterruptedError.
 */
export async function runPromise<A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> {
  if (signal?.aborted) throw interrupted(signal);
  const exit = await Effect.runPromiseExit(effect, signal ? { signal } : undefined);
  if (Exit.isSuccess(exit)) return exit.value;
  if (Cause.hasInterruptsOnly(exit.cause)) throw interrupted(signal);
  throw Cause.squash(exit.cause);
}

function interrupted(signal: AbortSignal | undefined): InterruptedError {
  const reason = signal?.reason;
  return new InterruptedError({
    message: `The operation was interrupted${reason instanceof Error ? `: ${reason.message}` : reason !== undefined ? `: ${String(reason)}` : ""}.`,
    cause: reason,
  });
}
