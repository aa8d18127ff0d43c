import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import * as grpc from "@grpc/grpc-js";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import {
  type AddArtifactsRequestSchema,
  type AddArtifactsResponse,
  type AnalyzePlanResponse,
  type ArtifactStatusesResponse,
  type ConfigRequest_OperationSchema,
  type ConfigResponse,
  type ExecutePlanResponse,
  type Plan,
  AnalyzePlanRequestSchema,
  PlanSchema,
  InterruptRequest_InterruptType,
  ReleaseSessionRequestSchema,
} from "../generated/spark/connect/base_pb.js";
import type { ConnectionConfig } from "./ConnectionString.js";
import { type CallContext, makeCallContext } from "./CallContext.js";
import type { InterruptTarget, KeepaliveOptions, SessionOptions, TlsOptions } from "./SessionOptions.js";
import { InvalidOptionError, type SparkConnectError, TransportError } from "./errors.js";
import { executeReattachable, type ExecuteOptions } from "./Execute.js";
import { methods, type Transport, unary } from "./internal/rpc.js";
import { sessionCredentials } from "./internal/credentials.js";
import { adaptToServer, requireServer } from "./internal/serverFeatures.js";
import { bulkInterceptor, Http2Channel } from "./internal/http2Transport.js";
import { resolveRetryPolicy } from "./Retry.js";

export type { SessionOptions, TlsOptions, InterruptTarget, KeepaliveOptions } from "./SessionOptions.js";
import { VERSION } from "./version.js";

/**
 * The session's tags as they were when an operation was called. The Promise API fixes
 * them at the call (`spark.addTag(t); const job = df.collect(); spark.clearTags()` tags
 * the job), since the request itself may be built later; without it the tags are read
 * when the request is built.
 */
export const TagsAtCall = Context.Reference<readonly string[] | undefined>("spark-connect-ts/TagsAtCall", { defaultValue: () => undefined });


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
  /**
   * One AddArtifacts call carrying the payloads of `payloads()` (batches of small artifacts,
   * or the beginning and the chunks of a large one); a retryable failure sends them all again.
   */
  readonly addArtifacts: (payloads: () => Iterable<ArtifactPayload>) => Effect.Effect<AddArtifactsResponse, SparkConnectError>;
  /** Which of the artifacts named (e.g. `cache/<sha-256>`) the server holds for this session. */
  readonly artifactStatuses: (names: readonly string[]) => Effect.Effect<ArtifactStatusesResponse, SparkConnectError>;
  /** A new server-side session with a copy of this one's state (config, temp views, ...). */
  readonly clone: (newSessionId?: string) => Effect.Effect<Session, SparkConnectError>;
  /** Releases the server-side session and closes the channel. Idempotent. */
  readonly close: () => Effect.Effect<void>;
}

/** One Config operation (set, get, getWithDefault, getOption, getAll, unset, isModifiable). */
export type ConfigOperation = NonNullable<MessageInitShape<typeof ConfigRequest_OperationSchema>["opType"]>;

/** One message of an AddArtifacts stream: its `payload` case. */
export type ArtifactPayload = NonNullable<MessageInitShape<typeof AddArtifactsRequestSchema>["payload"]>;

/** What the caller fills in an AnalyzePlan request: the `analyze` case. */
export type AnalyzeInit = Pick<MessageInitShape<typeof AnalyzePlanRequestSchema>, "analyze">;

const DEFAULT_MAX_MESSAGE = 128 * 1024 * 1024;
/** Keepalive defaults: a ping every 30 s while calls run, 20 s for its answer. */
export const DEFAULT_KEEPALIVE = Object.freeze({ timeMs: 30_000, timeoutMs: 20_000 });

/** The keepalive settings, checked; undefined when turned off. */
function keepaliveOf(option: KeepaliveOptions | false | undefined): Required<KeepaliveOptions> | undefined {
  if (option === false) return undefined;
  if (option !== undefined && (typeof option !== "object" || option === null)) {
    throw new InvalidOptionError({ message: `keepalive must be an object such as { timeMs: 30000, timeoutMs: 20000 }, or false to turn pings off (got ${String(option)}).` });
  }
  const k = { ...DEFAULT_KEEPALIVE, ...option };
  if (!(Number.isInteger(k.timeMs) && k.timeMs >= 10_000)) {
    throw new InvalidOptionError({ message: `keepalive.timeMs must be a whole number of milliseconds >= 10000 (got ${k.timeMs}); servers close connections that ping more often.` });
  }
  if (!(Number.isInteger(k.timeoutMs) && k.timeoutMs >= 1_000)) {
    throw new InvalidOptionError({ message: `keepalive.timeoutMs must be a whole number of milliseconds >= 1000 (got ${k.timeoutMs}).` });
  }
  return k;
}
const DEFAULT_FLOW_CONTROL_WINDOW = 8 * 1024 * 1024;

function grpcTarget(config: ConnectionConfig): string {
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return `${host}:${config.port}`;
}

function bytes(v: string | Uint8Array | undefined): Buffer | null {
  return v === undefined ? null : Buffer.from(v);
}

function credentials(useSsl: boolean, tls: TlsOptions | undefined): grpc.ChannelCredentials {
  if (!useSsl) return grpc.credentials.createInsecure();
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
  const keepalive = keepaliveOf(options.keepalive);
  const target = grpcTarget(config);
  const userId = config.userId ?? (process.env["USER"] || safeUserName());
  const clientType = `${config.userAgent} spark-connect-ts/${VERSION} node/${process.versions.node} os/${process.platform}`;
  const maxMessage = config.grpcMaxMessageSize ?? DEFAULT_MAX_MESSAGE;
  // Checked before the channel exists: wrong credentials leave nothing half-built.
  const auth = sessionCredentials(config, options.token);
  // Result streams (ExecutePlan, ReattachExecute) are read over a connection of their own.
  const bulk = new Http2Channel({
    target,
    useSsl: auth.useSsl,
    tls: options.tls,
    windowBytes: window ?? DEFAULT_FLOW_CONTROL_WINDOW,
    maxMessageBytes: maxMessage,
    userAgent: `${config.userAgent} spark-connect-ts/${VERSION}`,
    keepalive,
  });
  const client = new grpc.Client(target, credentials(auth.useSsl, options.tls), {
    "grpc.max_receive_message_length": maxMessage,
    "grpc.max_send_message_length": maxMessage,
    "grpc.primary_user_agent": config.userAgent,
    "grpc.enable_retries": 0,
    // Reconnects after an outage within seconds (the retry policy paces the calls), not
    // after grpc-js's default of up to two minutes.
    "grpc.initial_reconnect_backoff_ms": 250,
    "grpc.max_reconnect_backoff_ms": 5_000,
    "grpc-node.flow_control_window": window ?? DEFAULT_FLOW_CONTROL_WINDOW,
    // Pings only while calls run: servers refuse pings on idle connections.
    ...(keepalive === undefined
      ? {}
      : { "grpc.keepalive_time_ms": keepalive.timeMs, "grpc.keepalive_timeout_ms": keepalive.timeoutMs, "grpc.keepalive_permit_without_calls": 0 }),
    ...(options.tls?.serverName ? { "grpc.ssl_target_name_override": options.tls.serverName } : {}),
    // The result-stream reader is the innermost interceptor: the user's see its calls as any other.
    interceptors: [...(options.interceptors ?? []), bulkInterceptor(bulk)],
  });

  const transport: Transport = {
    client,
    target,
    metadata: () => auth.metadata.clone(),
    callOptions: () => (options.callTimeoutMs ? { deadline: Date.now() + options.callTimeoutMs } : {}),
    redact: auth.redact,
    auth: auth.auth,
    bulk,
  };

  const tags = new Set<string>();
  const ctx = makeCallContext({ sessionId, userId, clientType, transport, policy, options });

  const interruptType = { all: InterruptRequest_InterruptType.ALL, tag: InterruptRequest_InterruptType.TAG, operation: InterruptRequest_InterruptType.OPERATION_ID };

  const session: Session = {
    sessionId,
    userId,
    target,
    clientType,
    ctx,
    tags,
    serverSideSessionId: ctx.serverSideSessionId,
    isClosed: ctx.isClosed,
    // Plans go out as the server's version understands them (internal/serverFeatures.ts).
    analyze: (init) =>
      Effect.flatMap(
        adaptToServer(ctx, AnalyzePlanRequestSchema, create(AnalyzePlanRequestSchema, init)),
        (req) => ctx.call(methods.analyzePlan, { analyze: req.analyze }),
      ),
    execute: (plan, execOptions = {}) =>
      Stream.unwrap(
        Effect.zipWith(adaptToServer(ctx, PlanSchema, plan), Effect.service(TagsAtCall), (adapted, atCall) =>
          executeReattachable(ctx, adapted, { ...execOptions, tags: [...(atCall ?? tags), ...(execOptions.tags ?? [])] }),
        ),
      ),
    config: (opType) => ctx.call(methods.config, { operation: { opType } }),
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
        }),
        (res) => res.interruptedIds,
      ),
    addArtifacts: (payloads) =>
      Effect.andThen(
        // While the server was never reached, the first-connection budget would bound the
        // whole upload: a cheap call reaches it first (and reports why it cannot).
        Effect.suspend(() => (ctx.budget.pending() ? ctx.call(methods.artifactStatus, { names: [] }) : Effect.void)),
        ctx.callStreaming(
          methods.addArtifacts,
          function* () {
            for (const payload of payloads()) yield { payload };
          },
          crcChecked,
        ),
      ),
    artifactStatuses: (names) => ctx.call(methods.artifactStatus, { names: [...names] }),
    clone: (newSessionId) =>
      Effect.flatMap(Effect.andThen(requireServer(ctx, "cloning a session", "4.1"), ctx.call(methods.cloneSession, newSessionId ? { newSessionId } : {})), (res) =>
        Effect.try({ try: () => build(config, options, res.newSessionId), catch: (e) => e as SparkConnectError }),
      ),
    close: () =>
      Effect.suspend(() => {
        if (!ctx.markClosed()) return Effect.void;
        const release = unary(transport, methods.releaseSession, ctx.request(ReleaseSessionRequestSchema, {})).pipe(
          Effect.timeout("5 seconds"),
        );
        return Effect.andThen(ctx.settle, release).pipe(
          Effect.ignore,
          Effect.ensuring(
            Effect.sync(() => {
              bulk.close();
              client.close();
            }),
          ),
        );
      }),
  };
  return session;
}

/**
 * Fails, retryably, when the server discarded an artifact whose CRC did not match the
 * data it received: the whole upload is then sent again.
 */
function crcChecked(res: AddArtifactsResponse): Effect.Effect<void, SparkConnectError> {
  const bad = res.artifacts.filter((a) => !a.isCrcSuccessful).map((a) => a.name);
  if (bad.length === 0) return Effect.void;
  return Effect.fail(
    new TransportError({
      code: grpc.status.UNAVAILABLE,
      message: `The server discarded ${bad.join(", ")}: the CRC of the data it received did not match, so the data changed on its way. The upload is sent again per the retry policy.`,
    }),
  );
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "spark-connect-ts";
  }
}
