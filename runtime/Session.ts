import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import * as grpc from "@grpc/grpc-js";
import { create, type DescMessage, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { Effect, Fiber, Redacted, type Stream } from "effect";
import {
  type AnalyzePlanResponse,
  type ConfigRequest_OperationSchema,
  type ConfigResponse,
  type ExecutePlanResponse,
  type Plan,
  type AnalyzePlanRequestSchema,
  InterruptRequest_InterruptType,
  ReleaseSessionRequestSchema,
} from "../generated/spark/connect/base_pb.js";
import type { ConnectionConfig } from "./ConnectionString.js";
import { InvalidOptionError, SessionChangedError, SessionClosedError, type SparkConnectError } from "./errors.js";
import { executeReattachable, type ExecuteOptions } from "./Execute.js";
import { enrichError } from "./internal/errorDetails.js";
import { methods, type Transport, unary } from "./internal/rpc.js";
import { resolveRetryPolicy, type RetryPolicy, withRetries } from "./Retry.js";
import { VERSION } from "./version.js";

/** TLS material beyond the system's trusted roots. */
export interface TlsOptions {
  /** PEM of the CA(s) to trust instead of the system roots. */
  readonly rootCerts?: string | Uint8Array;
  /** PEM private key and certificate chain for client-certificate authentication. */
  readonly privateKey?: string | Uint8Array;
  readonly certChain?: string | Uint8Array;
  /** Expected server name in the certificate, when it differs from the host. */
  readonly serverName?: string;
}

/** Options of a session beyond its connection string. */
export interface SessionOptions {
  /** Retry policy; unset fields keep PySpark's defaults (see RetryPolicy). */
  readonly retry?: Partial<RetryPolicy>;
  /** Deadline of each unary call (AnalyzePlan, Config, ...) in ms; none by default. */
  readonly callTimeoutMs?: number;
  /** TLS settings, used when the connection string turns TLS on. */
  readonly tls?: TlsOptions;
  /** grpc-js client interceptors, for tracing or logging every call. */
  readonly interceptors?: readonly grpc.Interceptor[];
  /** Preferred size in bytes of the Arrow chunks the server sends (it splits larger batches). */
  readonly arrowChunkSizeBytes?: number;
  /**
   * HTTP/2 flow-control window in bytes (default 8 MiB): how much result data the server
   * may send ahead of what the consumer has read. Node's default of 64 KiB leaves the
   * connection idle most of the time on large results; larger windows buffer more.
   */
  readonly flowControlWindowBytes?: number;
}

/** What every request carries: who is asking, in which session. */
export interface RequestHeader {
  readonly sessionId: string;
  readonly userContext: { readonly userId: string };
  readonly clientType: string;
  readonly clientObservedServerSideSessionId?: string;
}

/** Session internals shared with the execution and error-details code. */
export interface CallContext {
  readonly transport: Transport;
  readonly policy: RetryPolicy;
  readonly options: SessionOptions;
  readonly header: () => RequestHeader;
  /** Fails with SessionClosedError after close(). */
  readonly ensureOpen: Effect.Effect<void, SparkConnectError>;
  /** Records the server-side session id of a response; fails if it changed. */
  readonly observe: (serverSideSessionId: string) => Effect.Effect<void, SparkConnectError>;
  /**
   * Runs cleanup work (ReleaseExecute) in the background; close() waits for what is
   * still running (bounded) before it releases the session.
   */
  readonly background: (effect: Effect.Effect<void>) => Effect.Effect<void>;
  /** Waits (at most 5 s) for the background work started so far. */
  readonly settle: Effect.Effect<void>;
  /** One unary call: header filled in, retried per policy, server session checked, errors enriched. */
  readonly call: <I extends DescMessage, O extends DescMessage & { readonly typeName: string }>(
    method: { readonly methodKind: "unary"; readonly input: I; readonly output: O } & Parameters<typeof unary>[1],
    init: Omit<MessageInitShape<I>, keyof RequestHeader | "$typeName">,
  ) => Effect.Effect<MessageShape<O>, SparkConnectError>;
}

/** Which operations to interrupt. */
export type InterruptTarget =
  | { readonly kind: "all" }
  | { readonly kind: "tag"; readonly tag: string }
  | { readonly kind: "operation"; readonly operationId: string };

/**
 * A Spark Connect session at the protocol level: identity, channel, server-side session
 * tracking, retries and the RPCs as Effects and Streams. The public SparkSession wraps it.
 */
export interface Session {
  readonly sessionId: string;
  readonly userId: string;
  readonly target: string;
  readonly clientType: string;
  readonly ctx: CallContext;
  /** The server-side session id seen in the first response, if any response came yet. */
  readonly serverSideSessionId: () => string | undefined;
  readonly isClosed: () => boolean;
  /** Tags added to every operation this session starts. */
  readonly tags: Set<string>;
  readonly analyze: (init: AnalyzeInit) => Effect.Effect<AnalyzePlanResponse, SparkConnectError>;
  readonly execute: (plan: Plan, options?: ExecuteOptions) => Stream.Stream<ExecutePlanResponse, SparkConnectError>;
  readonly config: (operation: ConfigOperation) => Effect.Effect<ConfigResponse, SparkConnectError>;
  /** Interrupts running operations; returns the ids of those interrupted. */
  readonly interrupt: (target: InterruptTarget) => Effect.Effect<readonly string[], SparkConnectError>;
  /** A new server-side session with a copy of this one's state (config, temp views, ...). */
  readonly clone: (newSessionId?: string) => Effect.Effect<Session, SparkConnectError>;
  /** Releases the server-side session and closes the channel. Idempotent. */
  readonly close: () => Effect.Effect<void>;
}

/** One Config operation (set, get, getWithDefault, getOption, getAll, unset, isModifiable). */
export type ConfigOperation = NonNullable<MessageInitShape<typeof ConfigRequest_OperationSchema>["opType"]>;

/** What the caller fills in an AnalyzePlan request: the `analyze` case. */
export type AnalyzeInit = Pick<MessageInitShape<typeof AnalyzePlanRequestSchema>, "analyze">;

const DEFAULT_MAX_MESSAGE = 128 * 1024 * 1024;
const DEFAULT_FLOW_CONTROL_WINDOW = 8 * 1024 * 1024;

function grpcTarget(config: ConnectionConfig): string {
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return `${host}:${config.port}`;
}

function bytes(v: string | Uint8Array | undefined): Buffer | null {
  return v === undefined ? null : Buffer.from(v);
}

function credentials(config: ConnectionConfig, tls: TlsOptions | undefined): grpc.ChannelCredentials {
  if (!config.useSsl) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(bytes(tls?.rootCerts), bytes(tls?.privateKey), bytes(tls?.certChain));
}

/**
 * Opens a session on a parsed connection string. No RPC is made until the first call.
 *
 * @example
 * ```ts
 * const session = await Effect.runPromise(makeSession(parseConnectionString("sc://localhost")));
 * ```
 */
export function makeSession(config: ConnectionConfig, options: SessionOptions = {}): Effect.Effect<Session, SparkConnectError> {
  return Effect.try({
    try: () => build(config, options, config.sessionId ?? randomUUID()),
    catch: (e) => e as SparkConnectError,
  });
}

function build(config: ConnectionConfig, options: SessionOptions, sessionId: string): Session {
  const policy = resolveRetryPolicy(options.retry);
  const window = options.flowControlWindowBytes;
  if (window !== undefined && !(Number.isInteger(window) && window >= 65535 && window <= 2 ** 31 - 1)) {
    throw new InvalidOptionError({ message: `flowControlWindowBytes must be an integer from 65535 to 2147483647 (got ${window}).` });
  }
  if (options.callTimeoutMs !== undefined && !(options.callTimeoutMs > 0)) {
    throw new InvalidOptionError({ message: `callTimeoutMs must be a positive number of milliseconds (got ${options.callTimeoutMs}).` });
  }
  const target = grpcTarget(config);
  const userId = config.userId ?? (process.env["USER"] || safeUserName());
  const clientType = `${config.userAgent} spark-connect-ts/${VERSION} node/${process.versions.node} os/${process.platform}`;
  const maxMessage = config.grpcMaxMessageSize ?? DEFAULT_MAX_MESSAGE;
  const client = new grpc.Client(target, credentials(config, options.tls), {
    "grpc.max_receive_message_length": maxMessage,
    "grpc.max_send_message_length": maxMessage,
    "grpc.primary_user_agent": config.userAgent,
    "grpc.enable_retries": 0,
    "grpc-node.flow_control_window": options.flowControlWindowBytes ?? DEFAULT_FLOW_CONTROL_WINDOW,
    ...(options.tls?.serverName ? { "grpc.ssl_target_name_override": options.tls.serverName } : {}),
    ...(options.interceptors ? { interceptors: [...options.interceptors] } : {}),
  });
  const baseMetadata = new grpc.Metadata();
  const token = config.token === undefined ? undefined : Redacted.value(config.token);
  if (token !== undefined) baseMetadata.set("authorization", `Bearer ${token}`);
  for (const [k, v] of config.metadata) baseMetadata.add(k, v);

  const transport: Transport = {
    client,
    target,
    metadata: () => baseMetadata.clone(),
    callOptions: () => (options.callTimeoutMs ? { deadline: Date.now() + options.callTimeoutMs } : {}),
    redact: (text) => (token ? text.split(token).join("<redacted>") : text),
  };

  let serverSide: string | undefined;
  let closed = false;
  const tags = new Set<string>();
  const pending = new Set<Fiber.Fiber<void>>();
  const background = (effect: Effect.Effect<void>) =>
    Effect.sync(() => {
      const fiber = Effect.runFork(effect);
      pending.add(fiber);
      fiber.addObserver(() => pending.delete(fiber));
    });

  const ensureOpen = Effect.suspend(() =>
    closed
      ? Effect.fail(
          new SessionClosedError({
            message: `This Spark session (${sessionId}) is closed. Open a new one with SparkSession.connect(...).`,
          }),
        )
      : Effect.void,
  );

  const observe = (seen: string): Effect.Effect<void, SparkConnectError> => {
    if (seen === "" || seen === serverSide) return Effect.void;
    if (serverSide === undefined) {
      serverSide = seen;
      return Effect.void;
    }
    return Effect.fail(
      new SessionChangedError({
        message:
          `The server-side session changed from ${serverSide} to ${seen}: the Spark Connect server at ${target} ` +
          `restarted or dropped the session, so earlier state (temp views, config, cached data) is gone. ` +
          `Open a new session with SparkSession.connect(...).`,
      }),
    );
  };

  const header = (): RequestHeader => ({
    sessionId,
    userContext: { userId },
    clientType,
    ...(serverSide === undefined ? {} : { clientObservedServerSideSessionId: serverSide }),
  });

  const ctx: CallContext = {
    transport,
    policy,
    options,
    header,
    ensureOpen,
    observe,
    background,
    settle: Effect.suspend(() => Effect.ignore(Effect.timeout(Fiber.awaitAll([...pending]), "5 seconds"))),
    call: (method, init) =>
      Effect.flatMap(ensureOpen, () =>
        withRetries(
          Effect.suspend(() => unary(transport, method, create(method.input, { ...init, ...header() } as never))),
          policy,
        ).pipe(
          Effect.tap((res) => observe((res as { serverSideSessionId?: string }).serverSideSessionId ?? "")),
          Effect.catch((e: SparkConnectError) => Effect.flatMap(enrichError(ctx, e), Effect.fail)),
        ),
      ) as never,
  };

  const interruptType = { all: InterruptRequest_InterruptType.ALL, tag: InterruptRequest_InterruptType.TAG, operation: InterruptRequest_InterruptType.OPERATION_ID };

  const session: Session = {
    sessionId,
    userId,
    target,
    clientType,
    ctx,
    tags,
    serverSideSessionId: () => serverSide,
    isClosed: () => closed,
    analyze: (init) => ctx.call(methods.analyzePlan, init as never),
    execute: (plan, execOptions = {}) =>
      executeReattachable(ctx, plan, { ...execOptions, tags: [...tags, ...(execOptions.tags ?? [])] }),
    config: (opType) => ctx.call(methods.config, { operation: { opType } } as never),
    interrupt: (t) =>
      Effect.map(
        ctx.call(methods.interrupt, {
          interruptType: interruptType[t.kind],
          interrupt:
            t.kind === "tag"
              ? { case: "operationTag", value: t.tag }
              : t.kind === "operation"
                ? { case: "operationId", value: t.operationId }
                : { case: undefined },
        } as never),
        (res) => res.interruptedIds,
      ),
    clone: (newSessionId) =>
      Effect.flatMap(ctx.call(methods.cloneSession, (newSessionId ? { newSessionId } : {}) as never), (res) =>
        Effect.try({ try: () => build(config, options, res.newSessionId), catch: (e) => e as SparkConnectError }),
      ),
    close: () =>
      Effect.suspend(() => {
        if (closed) return Effect.void;
        closed = true;
        const release = unary(transport, methods.releaseSession, create(ReleaseSessionRequestSchema, header())).pipe(
          Effect.timeout("5 seconds"),
        );
        return Effect.andThen(ctx.settle, release).pipe(
          Effect.ignore,
          Effect.ensuring(Effect.sync(() => client.close())),
        );
      }),
  };
  return session;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "spark-connect-ts";
  }
}
