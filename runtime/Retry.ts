import { Cause, Clock, Duration, Effect, type Pull, Schedule } from "effect";
import { InvalidOptionError, SparkConnectError, TransportError } from "./errors.js";

/**
 * When and how long to wait before retrying a failed call. The defaults are PySpark's:
 * up to 15 retries, 50 ms first wait, times 4 each time, at most 60 s, plus up to
 * 500 ms of random jitter once the wait reaches 2 s. A delay the server asks for
 * (google.rpc.RetryInfo) replaces the computed wait, capped at 10 minutes.
 *
 * @example
 * ```ts
 * await SparkSession.connect(url, { retry: { maxRetries: 3, initialBackoffMs: 10 } });
 * ```
 */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly initialBackoffMs: number;
  readonly backoffMultiplier: number;
  readonly maxBackoffMs: number;
  readonly jitterMs: number;
  readonly minJitterThresholdMs: number;
  readonly maxServerRetryDelayMs: number;
}

/** PySpark's retry defaults. */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxRetries: 15,
  initialBackoffMs: 50,
  backoffMultiplier: 4,
  maxBackoffMs: 60_000,
  jitterMs: 500,
  minJitterThresholdMs: 2_000,
  maxServerRetryDelayMs: 600_000,
});

/**
 * Whether a failure may pass on a later attempt: the server was unreachable
 * (UNAVAILABLE), the result cursor was disconnected (INVALID_CURSOR.DISCONNECTED), or
 * the server asked for a retry (RetryInfo). Errors about the query itself never are.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof SparkConnectError && error.isRetryable;
}

/** The wait before retry number `attempt` (1-based), without jitter or server delay. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.initialBackoffMs * policy.backoffMultiplier ** (attempt - 1), policy.maxBackoffMs);
}

/**
 * The retry policy as an Effect Schedule over the failure: it continues while the
 * failure is retryable (by `shouldRetry`) and fewer than `maxRetries` retries were made,
 * and outputs the wait it chose. `random` draws the jitter (tests fix it).
 */
export function retrySchedule<E = SparkConnectError>(
  policy: RetryPolicy = defaultRetryPolicy,
  options: { readonly shouldRetry?: (e: E) => boolean; readonly random?: () => number } = {},
): Schedule.Schedule<Duration.Duration, E> {
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const random = options.random ?? Math.random;
  return Schedule.fromStepWithMetadata(
    Effect.succeed((meta: Schedule.InputMetadata<E>): Pull.Pull<[Duration.Duration, Duration.Duration], never, Duration.Duration> => {
      if (meta.attempt > policy.maxRetries || !shouldRetry(meta.input)) return Cause.done(Duration.zero);
      const server = meta.input instanceof SparkConnectError ? meta.input.retryDelayMs : undefined;
      let wait = backoffMs(policy, meta.attempt);
      if (wait >= policy.minJitterThresholdMs) wait += random() * policy.jitterMs;
      if (server !== undefined) wait = Math.min(server, policy.maxServerRetryDelayMs);
      const d = Duration.millis(wait);
      return Effect.succeed([d, d] as [Duration.Duration, Duration.Duration]);
    }),
  );
}

/**
 * The error to report once retries are used up: for a transport error, the same error
 * with how many retries were made and how to change the policy.
 */
export function exhausted(error: SparkConnectError, retries: number, elapsedMs: number): SparkConnectError {
  if (!(error instanceof TransportError) || retries === 0) return error;
  return new TransportError({
    code: error.code,
    cause: error.cause,
    ...(error.retryDelayMs !== undefined ? { retryDelayMs: error.retryDelayMs } : {}),
    message:
      `${error.message} Gave up after ${retries} ${retries === 1 ? "retry" : "retries"} over ` +
      `${(elapsedMs / 1000).toFixed(1)} s (the retry option of SparkSession.connect sets the policy).`,
  });
}

/**
 * Retries an effect per the policy; when it still fails, the error says how often it
 * was retried.
 */
export function withRetries<A, R>(
  effect: Effect.Effect<A, SparkConnectError, R>,
  policy: RetryPolicy,
): Effect.Effect<A, SparkConnectError, R> {
  return Effect.flatMap(Clock.currentTimeMillis, (started) => {
    let failures = 0;
    return effect.pipe(
      Effect.tapError((e) =>
        Effect.andThen(
          Effect.sync(() => failures++),
          isRetryable(e) ? Effect.logDebug(`spark-connect: call failed (${e._tag}), retrying per policy: ${e.message}`) : Effect.void,
        ),
      ),
      Effect.retry(retrySchedule(policy)),
      Effect.catch((e: SparkConnectError) =>
        isRetryable(e)
          ? Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(exhausted(e, failures - 1, now - started)))
          : Effect.fail(e),
      ),
    );
  });
}

/** Checks a user-supplied partial policy and fills in the defaults. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...partial };
  for (const [k, v] of Object.entries(policy)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new InvalidOptionError({ message: `retry.${k} must be a finite number >= 0 (got ${String(v)}).` });
    }
  }
  if (policy.backoffMultiplier < 1) throw new InvalidOptionError({ message: "retry.backoffMultiplier must be >= 1." });
  return policy;
}
