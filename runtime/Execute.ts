import { randomUUID } from "node:crypto";
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Stream from "effect/Stream";
import {
  type ExecutePlanResponse,
  ExecutePlanRequestSchema,
  InterruptRequest_InterruptType,
  InterruptRequestSchema,
  type Plan,
  ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema,
} from "../generated/spark/connect/base_pb.js";
import { InterruptedError, ProtocolError, SessionChangedError, SessionClosedError, SparkConnectError, SparkError, TransportError } from "./errors.js";
import { enrichError } from "./internal/errorDetails.js";
import { methods, serverStream, unary } from "./internal/rpc.js";
import { causeDetails, connectionCause, exhausted, isConnectDeadline, isRetryable, retrySchedule, unreachable } from "./Retry.js";
import type { CallContext } from "./CallContext.js";

/** Options of one ExecutePlan call. */
export interface ExecuteOptions {
  /** The operation id (a UUID); a new one when absent. */
  readonly operationId?: string;
  /** Operation tags, for interruptTag. */
  readonly tags?: readonly string[];
}

const CLEANUP_TIMEOUT = "5 seconds";
/** The shortest time between two ReleaseExecute(release_until) calls of one operation. */
const RELEASE_INTERVAL = "100 millis";

function isOperationNotFound(e: unknown): boolean {
  return (
    e instanceof SparkConnectError &&
    ((e instanceof SparkError && e.errorClass === "INVALID_HANDLE.OPERATION_NOT_FOUND") ||
      e.message.includes("INVALID_HANDLE.OPERATION_NOT_FOUND"))
  );
}

/**
 * Runs a plan as a reattachable operation and streams its responses, exactly once each
 * and in order, whatever happens to the connection:
 * - a stream that ends before `result_complete` is resumed with ReattachExecute from the
 *   last response id; a retryable failure is retried the same way after the policy's wait
 *   (the wait resets once a response arrives);
 * - OPERATION_NOT_FOUND before any response re-sends ExecutePlan with the same operation
 *   id; after a response it fails, since the rest of the result is lost;
 * - consumed responses are released on the server as the stream advances, the whole
 *   operation at the end; a stream closed early (interrupted, consumer stopped) or failed
 *   also sends Interrupt for the operation first.
 */
export function executeReattachable(
  ctx: CallContext,
  plan: Plan,
  options: ExecuteOptions = {},
): Stream.Stream<ExecutePlanResponse, SparkConnectError> {
  return Stream.unwrap(
    Effect.map(ctx.ensureOpen, () => {
      const operationId = options.operationId ?? randomUUID();
      let lastResponseId: string | undefined;
      let mustExecute = true;
      let complete = false;
      let lostBeforeFirstResponse: unknown;
      // The last failure that a retry may cure: what to report if the retries run out on a
      // "not found" that only followed it.
      let lastTransportError: SparkConnectError | undefined;
      // The last failure that says why the server cannot be reached: an attempt that the
      // first-connection deadline cut short says nothing more than "no answer".
      let lastKnownCause: SparkConnectError | undefined;
      // Failures since the last response, and when the first of them happened.
      let failures = 0;
      let failingSince = 0;
      let reattaches = 0;
      let streamFailures = 0;
      // While the session has never reached its server, the first-connection budget bounds this operation.
      const started = Date.now();
      const connectDeadline = () => (ctx.budget.pending() ? started + ctx.budget.timeoutMs : undefined);
      const limits = { idleMs: ctx.idleTimeoutMs, connectDeadline };

      // ReleaseExecute(release_until) runs in the background, one at a time, always up to
      // the newest response consumed.
      let releaseWanted: string | undefined;
      let releasing = false;
      const releaseUntil = (): Effect.Effect<void> =>
        Effect.suspend(() => {
          const upTo = releaseWanted;
          if (upTo === undefined || complete) {
            releasing = false;
            return Effect.void;
          }
          releaseWanted = undefined;
          return unary(
            ctx.transport,
            methods.releaseExecute,
            ctx.request(ReleaseExecuteRequestSchema, { operationId, release: { case: "releaseUntil", value: { responseId: upTo } } }),
          ).pipe(
            Effect.tap(() => Effect.logDebug(`spark-connect: released operation ${operationId} up to response ${upTo}`)),
            Effect.ignore,
            // At most one release per interval: a result of many small batches would
            // otherwise cost a round trip per batch; the server's buffer does not need it sooner.
            Effect.andThen(Effect.sleep(RELEASE_INTERVAL)),
            Effect.flatMap(releaseUntil),
          );
        });

      const onResponse = (res: ExecutePlanResponse): Effect.Effect<ExecutePlanResponse, SparkConnectError> =>
        Effect.flatMap(ctx.observe(res.serverSideSessionId), () => {
          failures = 0;
          lastResponseId = res.responseId;
          if (res.responseType.case === "resultComplete") {
            complete = true;
            return Effect.succeed(res);
          }
          releaseWanted = res.responseId;
          if (releasing) return Effect.succeed(res);
          releasing = true;
          return Effect.as(ctx.background(releaseUntil()), res);
        });

      const executeRequest = () =>
        ctx.request(ExecutePlanRequestSchema, {
          operationId,
          plan,
          tags: [...(options.tags ?? [])],
          requestOptions: [
            { requestOption: { case: "reattachOptions", value: { reattachable: true } } },
            {
              requestOption: {
                case: "resultChunkingOptions",
                value: {
                  allowArrowBatchChunking: true,
                  ...(ctx.options.arrowChunkSizeBytes ? { preferredArrowChunkSize: BigInt(ctx.options.arrowChunkSizeBytes) } : {}),
                },
              },
            },
          ],
        });

      const attempt = (): Stream.Stream<ExecutePlanResponse, SparkConnectError> =>
        Stream.suspend(() => {
          const reattach = !mustExecute;
          const raw = reattach
            ? Stream.concat(
                Stream.fromEffectDrain(
                  Effect.logDebug(`spark-connect: reattaching operation ${operationId} after response ${lastResponseId ?? "(none)"}`),
                ),
                serverStream(
                  ctx.transport,
                  methods.reattachExecute,
                  ctx.request(ReattachExecuteRequestSchema, { operationId, ...(lastResponseId === undefined ? {} : { lastResponseId }) }),
                  limits,
                ),
              )
            : serverStream(ctx.transport, methods.executePlan, executeRequest(), limits);
          mustExecute = false;
          if (reattach) reattaches++;
          return raw.pipe(
            Stream.withSpan(reattach ? "spark.rpc.ReattachExecute" : "spark.rpc.ExecutePlan", {
              kind: "client",
              attributes: {
                "rpc.system": "grpc",
                "rpc.method": reattach ? "ReattachExecute" : "ExecutePlan",
                "spark.session_id": ctx.sessionId,
                "spark.operation_id": operationId,
                ...(reattach && lastResponseId !== undefined ? { "spark.last_response_id": lastResponseId } : {}),
              },
            }),
            Stream.mapEffect(onResponse),
            Stream.catch((e: SparkConnectError) =>
              Stream.unwrap(
                Effect.map(
                  Effect.tap(Clock.currentTimeMillis, () =>
                    Effect.logDebug(
                      `spark-connect: operation ${operationId} stream failed (${e._tag}${isRetryable(e) ? ", retryable" : ""}): ${e.message}`,
                    ),
                  ),
                  (now) => {
                    if (failures++ === 0) failingSince = now;
                    streamFailures++;
                    return afterFailure(e);
                  },
                ),
              ),
            ),
            Stream.concat(Stream.suspend(() => (complete ? Stream.empty : attempt()))),
          );
        });

      /** A failed stream: fail on, after noting an OPERATION_NOT_FOUND before the first response. */
      const afterFailure = (e: SparkConnectError): Stream.Stream<never, SparkConnectError> => {
        if (isRetryable(e)) {
          lastTransportError = e;
          if (!isConnectDeadline(e) && connectionCause(causeDetails(e)) !== undefined) lastKnownCause = e;
        }
        // A first ExecutePlan lost on the way leaves the server without this session at all:
        // the reattach that follows finds no session, and the plan is sent again.
        if (e instanceof SessionChangedError && lastResponseId === undefined && ctx.serverSideSessionId() === undefined && !mustExecute) {
          mustExecute = true;
          lostBeforeFirstResponse = e;
          return Stream.fail(e);
        }
        if (!isOperationNotFound(e)) return Stream.fail(e);
        if (lastResponseId !== undefined) {
          return Stream.fail(
            new ProtocolError({
              message:
                `The server no longer knows operation ${operationId} after part of its result was received ` +
                `(it was released or the server restarted), so the rest cannot be fetched. Run the query again.`,
              cause: e,
            }),
          );
        }
        mustExecute = true;
        lostBeforeFirstResponse = e;
        return Stream.fail(e);
      };

      const cleanup = (exit: Exit.Exit<unknown, SparkConnectError>) => {
        const release = unary(
          ctx.transport,
          methods.releaseExecute,
          ctx.request(ReleaseExecuteRequestSchema, { operationId, release: { case: "releaseAll", value: {} } }),
        ).pipe(
          Effect.timeout(CLEANUP_TIMEOUT),
          Effect.tap(() => Effect.logDebug(`spark-connect: released operation ${operationId}`)),
          Effect.tapError((e) => Effect.logDebug(`spark-connect: could not release operation ${operationId} (${e._tag}): ${e.message}`)),
          Effect.ignore,
        );
        if (complete) return ctx.background(release);
        // After a transport failure the server may not answer soon: clean up in the background
        // rather than hold the error back by the cleanup's timeouts.
        const error = Exit.findErrorOption(exit);
        const transportFailure = error._tag === "Some" && error.value instanceof TransportError;
        const interrupt = unary(
          ctx.transport,
          methods.interrupt,
          ctx.request(InterruptRequestSchema, {
            interruptType: InterruptRequest_InterruptType.OPERATION_ID,
            interrupt: { case: "operationId", value: operationId },
          }),
        ).pipe(
          Effect.timeout(CLEANUP_TIMEOUT),
          Effect.tap((res) => Effect.logDebug(`spark-connect: interrupted operation ${operationId} (server confirmed: ${res.interruptedIds.join(", ") || "none"})`)),
          Effect.tapError((e) => Effect.logDebug(`spark-connect: could not interrupt operation ${operationId} (${e._tag}): ${e.message}`)),
          Effect.ignore,
        );
        return transportFailure ? ctx.background(Effect.andThen(interrupt, release)) : Effect.andThen(interrupt, release);
      };

      const retried: Stream.Stream<ExecutePlanResponse, SparkConnectError> = attempt().pipe(
        Stream.retry(retrySchedule(ctx.policy, { shouldRetry: (e) => e === lostBeforeFirstResponse || isRetryable(e), deadline: connectDeadline })),
      );
      const enriched: Stream.Stream<ExecutePlanResponse, SparkConnectError> = retried.pipe(
        Stream.catch((failure: SparkConnectError) => {
          const e = failure === lostBeforeFirstResponse && lastTransportError !== undefined ? lastTransportError : failure;
          if (isRetryable(e)) {
            return Stream.fromEffect(
              Effect.flatMap(Clock.currentTimeMillis, (now) =>
                Effect.fail(
                  ctx.budget.pending()
                    ? unreachable(isConnectDeadline(e) && lastKnownCause !== undefined ? lastKnownCause : e, ctx.budget, now - started, failures - 1)
                    : exhausted(e, failures - 1, now - failingSince),
                ),
              ),
            );
          }
          if (e instanceof SparkError && e.errorClass === "OPERATION_CANCELED" && ctx.isClosed()) {
            return Stream.fail(
              new SessionClosedError({
                message: `The session (${ctx.sessionId}) was closed while operation ${operationId} ran, so the server cancelled it. Open a new session with SparkSession.connect(...) to go on.`,
                cause: e,
              }),
            );
          }
          if (e instanceof SparkError && e.errorClass === "OPERATION_CANCELED") {
            return Stream.fail(
              new InterruptedError({
                message: `Operation ${operationId} was interrupted on the server (interruptAll, interruptTag, interruptOperation or another client): ${e.message}`,
                cause: e,
              }),
            );
          }
          return Stream.fromEffect(Effect.flatMap(enrichError(ctx, e), Effect.fail));
        }),
      );
      return enriched.pipe(
        Stream.onExit((exit) =>
          Effect.andThen(
            Effect.annotateCurrentSpan({ "spark.reattaches": reattaches, "spark.stream_failures": streamFailures, "spark.complete": complete }),
            cleanup(exit),
          ),
        ),
        Stream.withSpan("spark.execute", {
          attributes: { "spark.session_id": ctx.sessionId, "spark.operation_id": operationId },
        }),
      );
    }),
  );
}
