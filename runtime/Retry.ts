import * as Cause from "effect/Cause";
import * as Clock from "effect/Clock";
import * as Duration from "effect/Duration";
import * as Effect from "effect/Effect";
import type * as Pull from "effect/Pull";
import * as Schedule from "effect/Schedule";
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
  options: {
    readonly shouldRetry?: (e: E) => boolean;
    readonly random?: () => number;
    /** A time (epoch ms) after which no retry starts, when there is one (the first-connection budget). */
    readonly deadline?: () => number | undefined;
  } = {},
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
      const deadline = options.deadline?.();
      if (deadline !== undefined) {
        const left = deadline - Date.now();
        if (left <= 0) return Cause.done(Duration.zero);
        wait = Math.min(wait, left);
      }
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
 * How long a session may try to reach its server before the server first answers (the
 * `connectTimeoutMs` option): a typo in the host or port fails within it instead of
 * after the retry policy's ten minutes.
 */
export interface ConnectBudget {
  /** True until a response of the server arrived. */
  readonly pending: () => boolean;
  readonly timeoutMs: number;
  /** host:port, for the message. */
  readonly target: string;
}

/** What went wrong, in words, from a grpc-js connection failure's text; undefined when it says nothing known. */
export function connectionCause(details: string): string | undefined {
  if (/ECONNREFUSED/.test(details)) return "the connection was refused: nothing listens on that port (is the server running, and is the port right?)";
  if (/Name resolution failed|ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(details)) return "the host name does not resolve (check the host in the connection string)";
  if (/wrong version number|packet length too long|http request/i.test(details)) {
    return "the TLS handshake failed: the server does not speak TLS on that port (use_ssl=true, or a token that turns TLS on, against a plaintext server?)";
  }
  if (/certificate|self.signed|altnames|SSL|TLS|EPROTO/i.test(details)) {
    return "the TLS handshake failed: the server's certificate is not trusted or does not name the host (tls.rootCerts sets the trusted CA, tls.serverName the expected name)";
  }
  if (/ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|timed out/i.test(details)) return "the host does not answer (a wrong address, a firewall, or the network)";
  if (/ECONNRESET|socket hang up|Connection dropped|closed/i.test(details)) return "the connection was closed as it opened (is it a Spark Connect server, and does it expect TLS?)";
  return undefined;
}

/** The transport's own words for a failure: grpc-js's status details, or the message. */
export function causeDetails(error: SparkConnectError): string {
  return (error.cause as { details?: string } | undefined)?.details ?? error.message;
}

/** The failure of an attempt that the first-connection deadline cut short (it knows no cause). */
export function isConnectDeadline(error: SparkConnectError): boolean {
  return error instanceof TransportError && error.message.endsWith(CONNECT_DEADLINE_TEXT);
}

/** How the failure of an attempt cut short by the first-connection deadline ends. */
export const CONNECT_DEADLINE_TEXT = "the connection attempt timed out.";

/** The error of a session that never reached its server within the budget. */
export function unreachable(error: SparkConnectError, budget: ConnectBudget, elapsedMs: number, retries: number): SparkConnectError {
  if (!(error instanceof TransportError)) return error;
  const details = causeDetails(error);
  const cause = connectionCause(details) ?? `the last attempt failed with: ${details.replace(/\s*Last error: null\.?/, "").trim()}`;
  return new TransportError({
    code: error.code,
    cause: error,
    message:
      `Could not reach the Spark Connect server at ${budget.target} within ${(elapsedMs / 1000).toFixed(1)} s: ${cause}. ` +
      (elapsedMs >= budget.timeoutMs
        ? `The connectTimeoutMs option of SparkSession.connect sets this budget (${budget.timeoutMs} ms).`
        : `Gave up after ${retries} ${retries === 1 ? "retry" : "retries"} (the retry option of SparkSession.connect sets the policy, connectTimeoutMs the time budget).`),
  });
}

/**
 * Retries an effect per the policy; when it still fails, the error says how often it
 * was retried. With a first-connection budget, while the server has not answered yet,
 * each attempt and the retries together end within the budget.
 */
export function withRetries<A, R>(
  effect: Effect.Effect<A, SparkConnectError, R>,
  policy: RetryPolicy,
  budget?: ConnectBudget,
): Effect.Effect<A, SparkConnectError, R> {
  return Effect.flatMap(Clock.currentTimeMillis, (started) => {
    let failures = 0;
    const deadline = () => (budget !== undefined && budget.pending() ? started + budget.timeoutMs : undefined);
    const attempt = Effect.suspend(() => {
      const until = deadline();
      if (until === undefined) return effect;
      // At the deadline, only a session still not connected gives up: a call that reached the
      // server meanwhile (a slow first analysis) goes on as long as it takes.
      const giveUp = Effect.andThen(
        Effect.sleep(Duration.millis(Math.max(1, until - Date.now()))),
        Effect.suspend(() =>
          budget!.pending() ? Effect.fail(new TransportError({ code: 14, message: `No answer from ${budget!.target}: ${CONNECT_DEADLINE_TEXT}` })) : Effect.never,
        ),
      );
      return Effect.raceFirst(effect, giveUp);
    });
    return attempt.pipe(
      Effect.tapError((e) =>
        Effect.andThen(
          Effect.sync(() => failures++),
          isRetryable(e) ? Effect.logDebug(`spark-connect: call failed (${e._tag}), retrying per policy: ${e.message}`) : Effect.void,
        ),
      ),
      Effect.retry(retrySchedule(policy, { deadline })),
      Effect.catch((e: SparkConnectError) => {
        if (!isRetryable(e)) return Effect.fail(e);
        return Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Effect.fail(budget !== undefined && budget.pending() ? unreachable(e, budget, now - started, failures - 1) : exhausted(e, failures - 1, now - started)),
        );
      }),
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
