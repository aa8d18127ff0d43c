import * as Context from "effect/Context";
import * as Duration from "effect/Duration";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Fiber from "effect/Fiber";
import { InterruptedError, InvalidOptionError, OperationTimeoutError, type SparkConnectError } from "../../../runtime/errors.js";
import type { ProgressListener } from "../../../runtime/Results.js";
import { progressBar, type ProgressBarOptions } from "../../display/progressBar.js";

/**
 * Options every server operation takes as its last argument. `tags` and `operationId`
 * apply to operations that run through ExecutePlan (queries, writes, views, catalog
 * calls, SQL commands); `signal` and `timeout` to all.
 */
export interface OperationOptions {
  /** Aborting it interrupts the operation on the server; it fails with InterruptedError. */
  readonly signal?: AbortSignal;
  /** Milliseconds the operation may take; then it is interrupted and fails with OperationTimeoutError. */
  readonly timeout?: number;
  /** Tags for this operation only, in addition to the session's (see SparkSession.addTag). */
  readonly tags?: readonly string[];
  /** The operation id to use (a UUID), e.g. to interrupt it from elsewhere with interruptOperation. */
  readonly operationId?: string;
}

/** Options of actions that run a query: the operation options and a progress listener. */
export interface ActionOptions extends OperationOptions {
  /** Called with each progress report (stages, tasks, bytes read) while the query runs. */
  readonly onProgress?: ProgressListener;
  /**
   * Draws a progress bar of the query's stages, tasks and bytes read on stderr while it
   * runs, erased when it ends; nothing is drawn when stderr is not a terminal. An object
   * tunes it: `{ stream, delayMs }` (see ProgressBarOptions).
   */
  readonly progress?: boolean | ProgressBarOptions;
}

/** Options of operations that make one unary RPC (AnalyzePlan, Config, Interrupt): no tags, no operation id. */
export type CallOptions = Pick<OperationOptions, "signal" | "timeout">;

/** What ExecutePlan receives of the options, checked. */
export interface ExecOptions {
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly onProgress?: ProgressListener;
}

/** The listener of the progress bar an operation drew for its `progress` option, for the queries it runs. */
const ProgressAtCall = Context.Reference<ProgressListener | undefined>("spark-connect-ts/ProgressAtCall", { defaultValue: () => undefined });

/** Both listeners, either, or none. */
function bothListeners(a: ProgressListener | undefined, b: ProgressListener | undefined): ProgressListener | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return (p) => {
    a(p);
    b(p);
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Spark's rule for operation tags (non-empty, no commas), as an Effect. */
export function checkTag(tag: unknown): Effect.Effect<string, InvalidOptionError> {
  return Effect.try({ try: () => checkTagSync(tag), catch: (e) => e as InvalidOptionError });
}

/** The ExecutePlan part of the options, checked: a malformed id or tag fails before any RPC. */
export function execOptions(options: ActionOptions = {}): Effect.Effect<ExecOptions, InvalidOptionError> {
  return Effect.gen(function* () {
    if (options.operationId !== undefined && !(typeof options.operationId === "string" && UUID.test(options.operationId))) {
      return yield* Effect.fail(
        new InvalidOptionError({ message: `operationId must be a UUID such as crypto.randomUUID() returns (got ${JSON.stringify(options.operationId)}).` }),
      );
    }
    if (options.tags !== undefined) {
      if (!Array.isArray(options.tags)) {
        return yield* Effect.fail(new InvalidOptionError({ message: "tags must be an array of strings, e.g. { tags: [\"nightly\"] }." }));
      }
      for (const tag of options.tags) yield* checkTag(tag);
    }
    if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
      return yield* Effect.fail(new InvalidOptionError({ message: "onProgress must be a function receiving progress reports." }));
    }
    const onProgress = bothListeners(options.onProgress, yield* Effect.service(ProgressAtCall));
    return {
      ...(options.operationId !== undefined ? { operationId: options.operationId } : {}),
      ...(options.tags !== undefined ? { tags: options.tags } : {}),
      ...(onProgress !== undefined ? { onProgress } : {}),
    };
  });
}

function aborted(signal: AbortSignal, what: string): InterruptedError {
  const reason = signal.reason;
  const why = reason instanceof Error ? `: ${reason.message}` : reason !== undefined ? `: ${String(reason)}` : "";
  return new InterruptedError({ message: `${what} was interrupted by its AbortSignal${why}.`, cause: reason });
}

/** Fails with InterruptedError when the signal aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal, what: string): Effect.Effect<never, InterruptedError> {
  return Effect.callback<never, InterruptedError>((resume) => {
    const fail = () => resume(Effect.fail(aborted(signal, what)));
    if (signal.aborted) {
      fail();
      return;
    }
    signal.addEventListener("abort", fail, { once: true });
    return Effect.sync(() => signal.removeEventListener("abort", fail));
  });
}

/**
 * How long a stopped operation waits for its cleanup (the Interrupt sent to the server and
 * answered, the release) before failing anyway. A server or network that does not answer
 * must not hold the caller: past this the cleanup goes on in the background.
 */
const STOP_GRACE = Duration.millis(1000);

/**
 * Runs `effect` in a fiber of its own until it ends or `stop` fails first. Then (or if the
 * caller is interrupted) the fiber is interrupted, so its finalizers stop the operation on
 * the server, and the failure comes once they are done or after STOP_GRACE at most.
 */
function stoppable<A, E, R, E2>(effect: Effect.Effect<A, E, R>, stop: Effect.Effect<never, E2>): Effect.Effect<A, E | E2, R> {
  return Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Effect.forkDetach(effect), (fiber) =>
      Effect.onExit(restore(Effect.raceFirst(Fiber.join(fiber), stop)), (exit) =>
        Exit.isSuccess(exit)
          ? Effect.void
          : Effect.andThen(
              Effect.sync(() => fiber.interruptUnsafe()),
              Effect.asVoid(Effect.timeoutOption(Fiber.await(fiber), STOP_GRACE)),
            ),
      ),
    ),
  );
}

/**
 * One user-visible operation: a span named `spark.<name>`, the `timeout` option
 * (OperationTimeoutError) and the `signal` option (InterruptedError). Either interrupts
 * the operation's fiber, whose finalizers stop it on the server; the failure does not wait
 * for them longer than STOP_GRACE. An already aborted signal fails before anything is sent.
 */
export function operation<A, E extends SparkConnectError, R>(
  name: string,
  effect: Effect.Effect<A, E, R>,
  options: OperationOptions & Pick<ActionOptions, "progress"> = {},
): Effect.Effect<A, E | InterruptedError | OperationTimeoutError | InvalidOptionError, R> {
  return Effect.suspend((): Effect.Effect<A, E | InterruptedError | OperationTimeoutError | InvalidOptionError, R> => {
    const { signal, timeout, progress } = options;
    if (progress !== undefined && typeof progress !== "boolean" && (typeof progress !== "object" || progress === null)) {
      return Effect.fail(new InvalidOptionError({ message: `progress must be true, false or { stream, delayMs } (got ${String(progress)}).` }));
    }
    if (timeout !== undefined && !(typeof timeout === "number" && timeout > 0)) {
      return Effect.fail(new InvalidOptionError({ message: `timeout must be a positive number of milliseconds (got ${String(timeout)}).` }));
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Effect.fail(new InvalidOptionError({ message: "signal must be an AbortSignal, e.g. AbortSignal.timeout(5000) or a controller's signal." }));
    }
    if (signal?.aborted) return Effect.fail(aborted(signal, `${name}()`));
    const stops: Effect.Effect<never, InterruptedError | OperationTimeoutError>[] = [];
    if (timeout !== undefined) {
      stops.push(
        Effect.andThen(Effect.sleep(Duration.millis(timeout)), () =>
          Effect.fail(
            new OperationTimeoutError({
              message: `${name}() did not finish within its timeout of ${timeout} ms and was interrupted on the server. Raise the timeout option if it needs longer.`,
              timeoutMs: timeout,
            }),
          ),
        ),
      );
    }
    if (signal !== undefined) stops.push(whenAborted(signal, `${name}()`));
    const run = stops.length === 0 ? effect : stoppable(effect, stops.length === 1 ? stops[0]! : Effect.raceAllFirst(stops));
    return Effect.withSpan(withProgressBar(name, run, progress), `spark.${name}`, { attributes: { "spark.action": name } });
  });
}

/**
 * The effect with a progress bar for the `progress` option: its listener goes to the
 * queries the effect runs (see execOptions), and the bar is erased when the effect ends,
 * however it ends.
 */
function withProgressBar<A, E, R>(name: string, effect: Effect.Effect<A, E, R>, progress: ActionOptions["progress"]): Effect.Effect<A, E, R> {
  if (progress === undefined || progress === false) return effect;
  return Effect.suspend(() => {
    const bar = progressBar({ label: name, ...(progress === true ? {} : progress) });
    return effect.pipe(Effect.provideService(ProgressAtCall, bar.onProgress), Effect.ensuring(Effect.sync(() => bar.end())));
  });
}

/** Spark's rule for operation tags, for the synchronous tag setters (addTag, removeTag): throws the typed error. */
export function checkTagSync(tag: unknown): string {
  if (typeof tag === "string" && tag !== "" && !tag.includes(",")) return tag;
  throw new InvalidOptionError({ message: `An operation tag must be a non-empty string without commas (got ${JSON.stringify(tag)}).` });
}
