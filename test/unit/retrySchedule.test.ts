// The retry policy (runtime/Retry.ts) on Effect's TestClock: the exact waits between
// attempts, what is retried and what is not, and the error once retries are used up.
// Nothing here sleeps for real: every wait is skipped by TestClock.adjust.
import test from "ava";
import { Clock, Duration, Effect, Exit, Fiber, Schedule } from "effect";
import { TestClock } from "effect/testing";
import {
  AnalysisError,
  ParseError,
  SessionChangedError,
  SparkConnectError,
  SparkError,
  TransportError,
} from "../../runtime/errors.js";
import { defaultRetryPolicy, isRetryable, type RetryPolicy, retrySchedule, withRetries } from "../../runtime/Retry.js";

/** Far enough ahead for every schedule in this file (the default policy waits ~611 s in all). */
const FAR = "1 day";

const unavailable = (message = "connection refused") =>
  new TransportError({ code: 14, message: `Cannot reach the server (UNAVAILABLE: ${message}).` });

const sparkDetails = (errorClass: string | undefined, classes: string[]) => ({
  errorClass,
  sqlState: undefined,
  messageParameters: {},
  classes,
  errorId: undefined,
});

interface Run<A> {
  /** Clock.currentTimeMillis (TestClock time) at each attempt, from 0. */
  readonly times: number[];
  readonly exit: Exit.Exit<A, SparkConnectError>;
}

/** The waits between consecutive attempts. */
const gaps = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

/**
 * Runs `retried(attempt)` on the TestClock: forks it, moves the clock far ahead (waking
 * every sleep at its own time, in order), then awaits the fiber. `attempt` fails with
 * `errors(n)` on the n-th attempt (0-based) or succeeds when that returns undefined.
 */
async function onTestClock<A>(
  errors: (n: number) => SparkConnectError | undefined,
  success: A,
  retried: (attempt: Effect.Effect<A, SparkConnectError>) => Effect.Effect<A, SparkConnectError>,
): Promise<Run<A>> {
  const times: number[] = [];
  const attempt = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const n = times.length;
    times.push(now);
    const e = errors(n);
    return e === undefined ? Effect.succeed(success) : Effect.fail(e);
  });
  const program = Effect.gen(function* () {
    const fiber = yield* Effect.forkChild(retried(attempt));
    yield* TestClock.adjust(FAR);
    return yield* Fiber.await(fiber);
  });
  const exit = await Effect.runPromise(program.pipe(Effect.provide(TestClock.layer())));
  return { times, exit };
}

const withSchedule =
  (schedule: Schedule.Schedule<Duration.Duration, SparkConnectError>) =>
  <A>(attempt: Effect.Effect<A, SparkConnectError>) =>
    Effect.retry(attempt, schedule);

const always = (e: SparkConnectError) => () => e;

/** The error of a failed exit (fails the test otherwise). */
function failure<A>(exit: Exit.Exit<A, SparkConnectError>): SparkConnectError {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${String(exit.value)}`);
  const f = exit.cause.reasons.find((r) => r._tag === "Fail");
  if (f === undefined || f._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`);
  return f.error;
}

// The default policy with jitter fixed at half of 500 ms.
const DEFAULT_WAITS = [50, 200, 800, 3200 + 250, 12800 + 250, 51200 + 250, ...Array<number>(9).fill(60000 + 250)];

test("default policy: 15 retries (16 attempts) with waits 50, 200, 800, 3200+j, 12800+j, 51200+j, then 60000+j; then the last error", async (t) => {
  t.is(DEFAULT_WAITS.length, 15);
  const errors = Array.from({ length: 20 }, (_, i) => unavailable(`attempt ${i}`));
  const run = await onTestClock(
    (n) => errors[n],
    "never",
    withSchedule(retrySchedule(defaultRetryPolicy, { random: () => 0.5 })),
  );
  t.is(run.times.length, 16);
  t.is(run.times[0], 0);
  t.deepEqual(gaps(run.times), DEFAULT_WAITS);
  t.is(failure(run.exit), errors[15]); // the last attempt's error itself
});

test("the schedule outputs the wait it chose, and its attempt count starts at 1", async (t) => {
  const outputs: number[] = [];
  const attempts: number[] = [];
  const schedule = retrySchedule({ ...defaultRetryPolicy, maxRetries: 5 }, { random: () => 0.5 }).pipe(
    Schedule.tap((meta) =>
      Effect.sync(() => {
        outputs.push(Duration.toMillis(meta.output));
        attempts.push(meta.attempt);
      }),
    ),
  );
  const run = await onTestClock(always(unavailable()), "never", withSchedule(schedule));
  t.deepEqual(outputs, [50, 200, 800, 3450, 13050]);
  t.deepEqual(attempts, [1, 2, 3, 4, 5]);
  t.deepEqual(gaps(run.times), outputs);
});

test("the jitter is drawn only once the wait reaches minJitterThresholdMs, and scaled by jitterMs", async (t) => {
  const run = await onTestClock(
    always(unavailable()),
    "never",
    withSchedule(retrySchedule({ ...defaultRetryPolicy, maxRetries: 5 }, { random: () => 1 })),
  );
  t.deepEqual(gaps(run.times), [50, 200, 800, 3200 + 500, 12800 + 500]);
  const none = await onTestClock(
    always(unavailable()),
    "never",
    withSchedule(retrySchedule({ ...defaultRetryPolicy, maxRetries: 5 }, { random: () => 0 })),
  );
  t.deepEqual(gaps(none.times), [50, 200, 800, 3200, 12800]);
});

test("a success after failures ends the retries with the value", async (t) => {
  const run = await onTestClock(
    (n) => (n < 3 ? unavailable() : undefined),
    "ok",
    withSchedule(retrySchedule(defaultRetryPolicy, { random: () => 0.5 })),
  );
  t.deepEqual(gaps(run.times), [50, 200, 800]);
  t.true(Exit.isSuccess(run.exit));
  t.is(Exit.isSuccess(run.exit) ? run.exit.value : undefined, "ok");
});

test("a RetryInfo delay replaces the computed wait (jitter included) and is capped at 10 minutes", async (t) => {
  const delays = [1234, 7, 20 * 60_000, 600_000, 600_001, 0];
  const errors = [
    ...delays.map((d) => new TransportError({ code: 14, message: "busy", retryDelayMs: d })),
    unavailable(), // no RetryInfo: back to the policy's wait for retry 7
  ];
  const run = await onTestClock(
    (n) => errors[n] ?? (n < 8 ? unavailable() : undefined),
    "ok",
    withSchedule(retrySchedule(defaultRetryPolicy, { random: () => 0.5 })),
  );
  t.deepEqual(gaps(run.times), [1234, 7, 600_000, 600_000, 600_000, 0, 60_000 + 250, 60_000 + 250]);
  t.true(Exit.isSuccess(run.exit));
});

test("RetryInfo makes any error retryable, a Spark error included; its delay still counts toward maxRetries", async (t) => {
  const analysis = new AnalysisError({ message: "busy", ...sparkDetails("X", ["org.apache.spark.sql.AnalysisException"]), retryDelayMs: 300 });
  t.true(isRetryable(analysis));
  const run = await onTestClock(
    always(analysis),
    "never",
    withSchedule(retrySchedule({ ...defaultRetryPolicy, maxRetries: 3 }, { random: () => 0.5 })),
  );
  t.deepEqual(gaps(run.times), [300, 300, 300]);
  t.is(failure(run.exit), analysis);
});

const notRetryable: ReadonlyArray<[string, SparkConnectError]> = [
  ["ParseError", new ParseError({ message: "[PARSE_SYNTAX_ERROR] Syntax error", ...sparkDetails("PARSE_SYNTAX_ERROR", ["org.apache.spark.sql.catalyst.parser.ParseException"]) })],
  ["AnalysisError", new AnalysisError({ message: "[UNRESOLVED_COLUMN] x", ...sparkDetails("UNRESOLVED_COLUMN.WITH_SUGGESTION", ["org.apache.spark.sql.AnalysisException"]) })],
  ["SparkError", new SparkError({ message: "boom", ...sparkDetails("INTERNAL_ERROR", ["org.apache.spark.SparkException"]) })],
  ["TransportError INVALID_ARGUMENT (3)", new TransportError({ code: 3, message: "The call failed with INVALID_ARGUMENT: bad" })],
  ["TransportError INTERNAL (13) without INVALID_CURSOR", new TransportError({ code: 13, message: "The call failed with INTERNAL: oops" })],
  ["TransportError DEADLINE_EXCEEDED (4)", new TransportError({ code: 4, message: "deadline" })],
  ["SessionChangedError", new SessionChangedError({ message: "The server-side session changed" })],
];

for (const [name, error] of notRetryable) {
  test(`not retried at all: ${name}`, async (t) => {
    t.false(isRetryable(error));
    const run = await onTestClock(always(error), "never", withSchedule(retrySchedule(defaultRetryPolicy, { random: () => 0.5 })));
    t.deepEqual(run.times, [0]);
    t.is(failure(run.exit), error);
    const viaWithRetries = await onTestClock(always(error), "never", (a) => withRetries(a, defaultRetryPolicy));
    t.deepEqual(viaWithRetries.times, [0]);
    t.is(failure(viaWithRetries.exit), error); // passed through unchanged
  });
}

test("isRetryable: UNAVAILABLE, INTERNAL with INVALID_CURSOR.DISCONNECTED, a Spark INVALID_CURSOR.DISCONNECTED error; not other values", (t) => {
  t.true(isRetryable(unavailable()));
  t.true(isRetryable(new TransportError({ code: 13, message: "The call failed with INTERNAL: [INVALID_CURSOR.DISCONNECTED] cursor gone" })));
  t.true(isRetryable(new SparkError({ message: "cursor gone", ...sparkDetails("INVALID_CURSOR.DISCONNECTED", ["org.apache.spark.SparkSQLException"]) })));
  t.true(isRetryable(new TransportError({ code: 3, message: "bad", retryDelayMs: 10 })));
  t.false(isRetryable(new Error("UNAVAILABLE")));
  t.false(isRetryable({ code: 14 }));
  t.false(isRetryable(undefined));
});

test("TransportError.isRetryable agrees with isRetryable (the policy the client itself applies)", (t) => {
  const cases = [
    unavailable(),
    new TransportError({ code: 13, message: "The call failed with INTERNAL: [INVALID_CURSOR.DISCONNECTED] gone" }),
    new TransportError({ code: 8, message: "RESOURCE_EXHAUSTED", retryDelayMs: 1000 }),
    new TransportError({ code: 3, message: "INVALID_ARGUMENT" }),
    new TransportError({ code: 13, message: "INTERNAL: oops" }),
  ];
  for (const e of cases) t.is(e.isRetryable, isRetryable(e), e.message);
});

test("retried: TransportError UNAVAILABLE (14) and INTERNAL (13) containing INVALID_CURSOR.DISCONNECTED", async (t) => {
  const cursor = new TransportError({ code: 13, message: "The call failed with INTERNAL: [INVALID_CURSOR.DISCONNECTED] The cursor is disconnected." });
  for (const e of [unavailable(), cursor]) {
    const run = await onTestClock(
      (n) => (n < 2 ? e : undefined),
      "ok",
      withSchedule(retrySchedule(defaultRetryPolicy, { random: () => 0.5 })),
    );
    t.deepEqual(gaps(run.times), [50, 200], e.message);
    t.true(Exit.isSuccess(run.exit));
  }
});

test("a custom policy {maxRetries: 2, initialBackoffMs: 10, backoffMultiplier: 3} waits 10, 30 then fails", async (t) => {
  const policy: RetryPolicy = { ...defaultRetryPolicy, maxRetries: 2, initialBackoffMs: 10, backoffMultiplier: 3 };
  const last = unavailable("third");
  const run = await onTestClock(
    (n) => (n === 2 ? last : unavailable()),
    "never",
    withSchedule(retrySchedule(policy, { random: () => 0.5 })),
  );
  t.deepEqual(run.times, [0, 10, 40]);
  t.is(failure(run.exit), last);
});

test("maxBackoffMs caps the wait before the jitter is added; maxRetries 0 never retries", async (t) => {
  const policy: RetryPolicy = { ...defaultRetryPolicy, maxRetries: 4, initialBackoffMs: 1000, backoffMultiplier: 10, maxBackoffMs: 5000 };
  const run = await onTestClock(always(unavailable()), "never", withSchedule(retrySchedule(policy, { random: () => 0.5 })));
  t.deepEqual(gaps(run.times), [1000, 5000 + 250, 5000 + 250, 5000 + 250]);
  const never = await onTestClock(always(unavailable()), "never", withSchedule(retrySchedule({ ...policy, maxRetries: 0 })));
  t.deepEqual(never.times, [0]);
});

test("shouldRetry replaces isRetryable", async (t) => {
  const parse = new ParseError({ message: "x", ...sparkDetails("PARSE_SYNTAX_ERROR", []) });
  const run = await onTestClock(
    (n) => (n < 2 ? parse : undefined),
    "ok",
    withSchedule(retrySchedule(defaultRetryPolicy, { shouldRetry: (e) => e === parse, random: () => 0.5 })),
  );
  t.deepEqual(gaps(run.times), [50, 200]);
  const unav = await onTestClock(
    always(unavailable()),
    "never",
    withSchedule(retrySchedule(defaultRetryPolicy, { shouldRetry: () => false })),
  );
  t.deepEqual(unav.times, [0]);
});

test("withRetries on exhaustion: a TransportError saying 'Gave up after 15 retries', same code", async (t) => {
  const last = unavailable("the sixteenth");
  const run = await onTestClock(
    (n) => (n === 15 ? last : unavailable()),
    "never",
    (a) => withRetries(a, defaultRetryPolicy),
  );
  t.is(run.times.length, 16);
  // withRetries draws its jitter from Math.random: the jitter-free waits are exact, the others within [w, w + 500].
  const waits = gaps(run.times);
  t.deepEqual(waits.slice(0, 3), [50, 200, 800]);
  for (const [i, w] of waits.entries()) {
    const base = Math.min(50 * 4 ** i, 60_000);
    t.true(w >= base && w <= base + (base >= 2000 ? 500 : 0), `wait ${i + 1} was ${w}`);
  }
  const e = failure(run.exit);
  t.true(e instanceof TransportError);
  t.is((e as TransportError).code, 14);
  t.true(e.message.includes("Gave up after 15 retries"), e.message);
  t.true(e.message.startsWith(last.message), e.message);
  t.regex(e.message, /retry option of SparkSession\.connect/);
});

test("withRetries: one retry is 'Gave up after 1 retry'; a success passes through; a non-transport retryable error is not rewritten", async (t) => {
  const one = await onTestClock(always(unavailable()), "never", (a) => withRetries(a, { ...defaultRetryPolicy, maxRetries: 1 }));
  t.deepEqual(one.times, [0, 50]);
  t.regex(failure(one.exit).message, /Gave up after 1 retry over/);

  const ok = await onTestClock((n) => (n < 1 ? unavailable() : undefined), 42, (a) => withRetries(a, defaultRetryPolicy));
  t.deepEqual(ok.times, [0, 50]);
  t.true(Exit.isSuccess(ok.exit));

  const busy = new SparkError({ message: "busy", ...sparkDetails("BUSY", []), retryDelayMs: 100 });
  const spark = await onTestClock(always(busy), "never", (a) => withRetries(a, { ...defaultRetryPolicy, maxRetries: 2 }));
  t.deepEqual(spark.times, [0, 100, 200]);
  t.is(failure(spark.exit), busy);
});

test("withRetries reports the time spent retrying by the Effect clock", async (t) => {
  // 50 + 200 + 800 = 1050 ms on the TestClock: the message must say "over 1.1 s"
  // (measuring with Date.now() instead of Clock reports "over 0.0 s" here).
  const run = await onTestClock(always(unavailable()), "never", (a) => withRetries(a, { ...defaultRetryPolicy, maxRetries: 3 }));
  t.deepEqual(gaps(run.times), [50, 200, 800]);
  t.regex(failure(run.exit).message, /Gave up after 3 retries over 1\.1 s/);
});
