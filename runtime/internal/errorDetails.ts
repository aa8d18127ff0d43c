import * as Effect from "effect/Effect";
import {
  type FetchErrorDetailsResponse,
  type FetchErrorDetailsResponse_Error,
  type FetchErrorDetailsResponse_QueryContext,
  FetchErrorDetailsRequestSchema,
  AnalyzePlanRequestSchema,
  FetchErrorDetailsResponse_QueryContext_ContextType,
} from "../../generated/spark/connect/base_pb.js";
import {
  type BreakingChangeInfo,
  type QueryContext,
  type SparkConnectError,
  SparkError,
  type SparkErrorCause,
  UnsupportedByServerError,
} from "../errors.js";
import type { CallContext } from "../CallContext.js";
import { sparkErrorClassFor } from "./grpcErrors.js";
import { methods, unary } from "./rpc.js";

/** How long FetchErrorDetails may take before the error is reported as it came. */
const FETCH_TIMEOUT = "5 seconds";

/**
 * Completes a Spark error with the server's full details (FetchErrorDetails): the whole
 * message, the cause chain, query contexts. Errors of other kinds pass through, and so
 * does the original error when the details cannot be fetched.
 */
export function enrichError(ctx: CallContext, error: SparkConnectError): Effect.Effect<SparkConnectError> {
  if (error instanceof UnsupportedByServerError) return withServerVersion(ctx, error);
  if (!(error instanceof SparkError) || !error.errorId) return Effect.succeed(error);
  const errorId = error.errorId;
  return Effect.suspend(() =>
    unary(ctx.transport, methods.fetchErrorDetails, ctx.request(FetchErrorDetailsRequestSchema, { errorId })),
  ).pipe(
    Effect.timeout(FETCH_TIMEOUT),
    Effect.flatMap((res) => Effect.try({ try: () => fromDetails(res, error, ctx.transport.redact), catch: () => error })),
    Effect.orElseSucceed(() => error),
  );
}

/**
 * Names the server's Spark version in an UnsupportedByServerError ("... this server is
 * Spark 3.5.9"), asking the server once per session; the error as it came when the
 * version cannot be had quickly.
 */
function withServerVersion(ctx: CallContext, error: UnsupportedByServerError): Effect.Effect<SparkConnectError> {
  if (error.serverVersion !== undefined) return Effect.succeed(error);
  const known = ctx.serverVersion();
  const version =
    known !== undefined
      ? Effect.succeed(known)
      : Effect.suspend(() =>
          unary(ctx.transport, methods.analyzePlan, ctx.request(AnalyzePlanRequestSchema, { analyze: { case: "sparkVersion", value: {} } })),
        ).pipe(
          Effect.timeout(FETCH_TIMEOUT),
          Effect.flatMap((res) => (res.result.case === "sparkVersion" ? Effect.succeed(res.result.value.version) : Effect.fail(undefined))),
          Effect.tap((v) => Effect.sync(() => ctx.rememberServerVersion(v))),
        );
  return version.pipe(
    Effect.map(
      (v): SparkConnectError =>
        new UnsupportedByServerError({
          message: `${error.message} (this server is Spark ${v})`,
          serverVersion: v,
          feature: error.feature,
          ...(error.cause === undefined ? {} : { cause: error.cause }),
          ...(error.grpcCode === undefined ? {} : { grpcCode: error.grpcCode }),
        }),
    ),
    Effect.orElseSucceed(() => error),
  );
}

/**
 * The error the details describe, as the most specific SparkError subclass; the original
 * when the response has no root error.
 */
export function fromDetails(res: FetchErrorDetailsResponse, original: SparkError, redact: (text: string) => string): SparkError {
  const idx = res.rootErrorIdx;
  const root = idx === undefined ? undefined : res.errors[idx];
  if (root === undefined) return original;
  const throwable = root.sparkThrowable;
  const classes = root.errorTypeHierarchy.length > 0 ? root.errorTypeHierarchy : original.classes;
  const Cls = sparkErrorClassFor(classes);
  const stack = stackTrace(root);
  const params = throwable?.messageParameters;
  return new Cls({
    message: redact(root.message.trim() || original.message),
    ...(original.cause === undefined ? {} : { cause: original.cause }),
    ...(original.retryDelayMs === undefined ? {} : { retryDelayMs: original.retryDelayMs }),
    errorClass: throwable?.errorClass ?? original.errorClass,
    sqlState: throwable?.sqlState ?? original.sqlState,
    messageParameters:
      params !== undefined && Object.keys(params).length > 0
        ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, redact(v)]))
        : original.messageParameters,
    classes,
    errorId: original.errorId,
    queryContext: (throwable?.queryContexts ?? []).map((q) => queryContext(q, redact)),
    serverStackTrace: stack === undefined ? undefined : redact(stack),
    causes: causeChain(res, root, redact),
    breakingChangeInfo: breakingChange(root, redact),
  });
}

function queryContext(q: FetchErrorDetailsResponse_QueryContext, redact: (text: string) => string): QueryContext {
  return Object.freeze({
    contextType: q.contextType === FetchErrorDetailsResponse_QueryContext_ContextType.DATAFRAME ? "DATAFRAME" : "SQL",
    objectType: q.objectType,
    objectName: redact(q.objectName),
    startIndex: q.startIndex,
    stopIndex: q.stopIndex,
    fragment: redact(q.fragment),
    callSite: redact(q.callSite),
    summary: redact(q.summary),
  });
}

/** The JVM stack trace in Java's own layout, or undefined when the server sent none. */
function stackTrace(e: FetchErrorDetailsResponse_Error): string | undefined {
  if (e.stackTrace.length === 0) return undefined;
  return e.stackTrace
    .map((s) => {
      const where =
        s.lineNumber === -2
          ? "Native Method"
          : s.fileName
            ? s.lineNumber >= 0
              ? `${s.fileName}:${s.lineNumber}`
              : s.fileName
            : "Unknown Source";
      return `  at ${s.declaringClass}.${s.methodName}(${where})`;
    })
    .join("\n");
}

/** The causes of the root error, following cause_idx; stops on a cycle or a bad index. */
function causeChain(res: FetchErrorDetailsResponse, root: FetchErrorDetailsResponse_Error, redact: (text: string) => string): SparkErrorCause[] {
  const out: SparkErrorCause[] = [];
  const seen = new Set<FetchErrorDetailsResponse_Error>([root]);
  let next = root.causeIdx === undefined ? undefined : res.errors[root.causeIdx];
  while (next !== undefined && !seen.has(next)) {
    seen.add(next);
    const t = next.sparkThrowable;
    out.push(
      Object.freeze({
        classes: next.errorTypeHierarchy,
        message: redact(next.message),
        ...(t?.errorClass === undefined ? {} : { errorClass: t.errorClass }),
        ...(t?.sqlState === undefined ? {} : { sqlState: t.sqlState }),
      }),
    );
    next = next.causeIdx === undefined ? undefined : res.errors[next.causeIdx];
  }
  return out;
}

function breakingChange(e: FetchErrorDetailsResponse_Error, redact: (text: string) => string): BreakingChangeInfo | undefined {
  const b = e.sparkThrowable?.breakingChangeInfo;
  if (b === undefined) return undefined;
  return Object.freeze({
    migrationMessages: b.migrationMessage.map(redact),
    ...(b.mitigationConfig === undefined ? {} : { mitigationConfig: { key: b.mitigationConfig.key, value: redact(b.mitigationConfig.value) } }),
    ...(b.needsAudit === undefined ? {} : { needsAudit: b.needsAudit }),
  });
}
