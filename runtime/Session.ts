import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import * as grpc from "@grpc/grpc-js";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Effect, Redacted, Stream } from "effect";
import {
  type AnalyzePlanRequestSchema,
  type AnalyzePlanResponse,
  type ExecutePlanResponse,
  type Plan,
  AnalyzePlanRequestSchema as AnalyzeSchema,
  ExecutePlanRequestSchema,
  ReleaseSessionRequestSchema,
} from "../generated/spark/connect/base_pb.js";
import type { ConnectionConfig } from "./ConnectionString.js";
import { SessionChangedError, SessionClosedError, type SparkConnectError } from "./errors.js";
import { methods, serverStream, type Transport, unary } from "./internal/rpc.js";
import { VERSION } from "./version.js";

/** What the caller fills in an AnalyzePlan request: the `analyze` case. */
export type AnalyzeInit = Pick<MessageInitShape<typeof AnalyzePlanRequestSchema>, "analyze">;

/** Options of one ExecutePlan call. */
export interface ExecuteOptions {
  /** The operation id; a new UUID when absent. */
  readonly operationId?: string;
  /** Operation tags, for interruptTag. */
  readonly tags?: readonly string[];
}

/**
 * A Spark Connect session at the protocol level: identity, channel, server-side session
 * tracking and the RPCs as Effects and Streams. The public SparkSession wraps it.
 */
export interface Session {
  readonly sessionId: string;
  readonly userId: string;
  readonly target: string;
  readonly clientType: string;
  /** The server-side session id seen in the first response, if any response came yet. */
  readonly serverSideSessionId: () => string | undefined;
  readonly isClosed: () => boolean;
  readonly analyze: (init: AnalyzeInit) => Effect.Effect<AnalyzePlanResponse, SparkConnectError>;
  readonly execute: (plan: Plan, options?: ExecuteOptions) => Stream.Stream<ExecutePlanResponse, SparkConnectError>;
  /** Releases the server-side session and closes the channel. Idempotent. */
  readonly close: () => Effect.Effect<void>;
}

/** Hooks for tests and tools; not part of the public API. */
export interface SessionInternals {
  /** grpc-js client interceptors, e.g. to record the requests sent. */
  readonly interceptors?: readonly grpc.Interceptor[];
}

const DEFAULT_MAX_MESSAGE = 128 * 1024 * 1024;

function grpcTarget(config: ConnectionConfig): string {
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return `${host}:${config.port}`;
}

/**
 * Opens a session on a parsed connection string. No RPC is made until the first call.
 *
 * @example
 * ```ts
 * const session = await Effect.runPromise(makeSession(parseConnectionString("sc://localhost")));
 * ```
 */
export function makeSession(config: ConnectionConfig, internal: SessionInternals = {}): Effect.Effect<Session> {
  return Effect.sync(() => {
    const target = grpcTarget(config);
    const sessionId = config.sessionId ?? randomUUID();
    const userId = config.userId ?? (process.env["USER"] || safeUserName());
    const clientType = `${config.userAgent} spark-connect-ts/${VERSION} node/${process.versions.node} os/${process.platform}`;
    const maxMessage = config.grpcMaxMessageSize ?? DEFAULT_MAX_MESSAGE;
    const client = new grpc.Client(
      target,
      config.useSsl ? grpc.credentials.createSsl() : grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": maxMessage,
        "grpc.max_send_message_length": maxMessage,
        "grpc.primary_user_agent": config.userAgent,
        "grpc.enable_retries": 0,
        ...(internal.interceptors ? { interceptors: [...internal.interceptors] } : {}),
      },
    );
    const baseMetadata = new grpc.Metadata();
    if (config.token !== undefined) baseMetadata.set("authorization", `Bearer ${Redacted.value(config.token)}`);
    for (const [k, v] of config.metadata) baseMetadata.add(k, v);

    const transport: Transport = {
      client,
      target,
      metadata: () => baseMetadata.clone(),
      callOptions: () => ({}),
    };

    let serverSide: string | undefined;
    let closed = false;

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

    const observed = () => (serverSide === undefined ? {} : { clientObservedServerSideSessionId: serverSide });

    const analyze = (init: AnalyzeInit) =>
      Effect.flatMap(ensureOpen, () =>
        Effect.tap(
          unary(
            transport,
            methods.analyzePlan,
            create(AnalyzeSchema, { sessionId, userContext: { userId }, clientType, ...observed(), ...init }),
          ),
          (res) => observe(res.serverSideSessionId),
        ),
      );

    const execute = (plan: Plan, options: ExecuteOptions = {}) =>
      Stream.unwrap(
        Effect.map(ensureOpen, () =>
          serverStream(
            transport,
            methods.executePlan,
            create(ExecutePlanRequestSchema, {
              sessionId,
              userContext: { userId },
              clientType,
              ...observed(),
              operationId: options.operationId ?? randomUUID(),
              plan,
              tags: [...(options.tags ?? [])],
            }),
          ).pipe(Stream.tap((res) => observe(res.serverSideSessionId))),
        ),
      );

    const close = () =>
      Effect.suspend(() => {
        if (closed) return Effect.void;
        closed = true;
        return unary(
          transport,
          methods.releaseSession,
          create(ReleaseSessionRequestSchema, { sessionId, userContext: { userId }, clientType }),
        ).pipe(
          Effect.timeout("5 seconds"),
          Effect.ignore,
          Effect.ensuring(Effect.sync(() => client.close())),
        );
      });

    return {
      sessionId,
      userId,
      target,
      clientType,
      serverSideSessionId: () => serverSide,
      isClosed: () => closed,
      analyze,
      execute,
      close,
    };
  });
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "spark-connect-ts";
  }
}
