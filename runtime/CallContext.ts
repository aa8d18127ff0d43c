import { create, type DescMessage, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import { InvalidOptionError, SessionChangedError, SessionClosedError, type SparkConnectError } from "./errors.js";
import { enrichError } from "./internal/errorDetails.js";
import { type ClientStreamMethod, clientStream, type Transport, type UnaryMethod, unary } from "./internal/rpc.js";
import { type ConnectBudget, type RetryPolicy, withRetries } from "./Retry.js";
import type { SessionOptions } from "./SessionOptions.js";

/** What every request carries: who is asking, in which session. */
export interface RequestHeader {
  readonly sessionId: string;
  readonly userContext: { readonly userId: string };
  readonly clientType: string;
  readonly clientObservedServerSideSessionId?: string;
}

/** The fields of a request that the caller fills in (the header is added by the context). */
export type RequestInit<I extends DescMessage> = Omit<MessageInitShape<I>, keyof RequestHeader | "$typeName">;

/**
 * What every RPC of a session goes through: the channel, the request header, the
 * server-side session check, retries, error enrichment, background cleanup, spans.
 */
export interface CallContext {
  readonly sessionId: string;
  readonly transport: Transport;
  readonly policy: RetryPolicy;
  readonly options: SessionOptions;
  /** The first-connection budget: pending until the channel first connects or a response arrives. */
  readonly budget: ConnectBudget;
  /** How long a result stream may stay silent while its consumer waits before it is reattached. */
  readonly idleTimeoutMs: number;
  readonly header: () => RequestHeader;
  /** Fails with SessionClosedError after close(). */
  readonly ensureOpen: Effect.Effect<void, SparkConnectError>;
  /** Records the server-side session id of a response; fails if it changed. */
  readonly observe: (serverSideSessionId: string) => Effect.Effect<void, SparkConnectError>;
  /** The server-side session id seen in the first response, if any response came yet. */
  readonly serverSideSessionId: () => string | undefined;
  /**
   * Runs cleanup work (ReleaseExecute) in the background; close() waits for what is
   * still running (bounded) before it releases the session.
   */
  readonly background: (effect: Effect.Effect<void>) => Effect.Effect<void>;
  /** Waits (at most 5 s) for the background work started so far. */
  readonly settle: Effect.Effect<void>;
  /** The server's Spark version, once some call learned it. */
  readonly serverVersion: () => string | undefined;
  readonly rememberServerVersion: (version: string) => void;
  /** Marks the context closed (later calls fail with SessionClosedError); false if it already was. */
  readonly markClosed: () => boolean;
  readonly isClosed: () => boolean;
  /**
   * One unary call, as a span named after the RPC: header filled in, retried per policy,
   * server session checked, errors enriched with the server's details.
   */
  readonly call: <I extends DescMessage, O extends DescMessage>(
    method: UnaryMethod<I, O>,
    init: RequestInit<I>,
  ) => Effect.Effect<MessageShape<O>, SparkConnectError>;
  /**
   * One client-streaming call (AddArtifacts), as `call` makes unary ones: each request gets
   * the header, and a retryable failure makes the whole call again from `requests()`.
   * `check` looks at the answer inside each attempt; its retryable failures retry too.
   * While the server was never reached, each attempt is bounded by the first-connection
   * budget, as a unary call's is; make a unary call first for a long upload.
   */
  readonly callStreaming: <I extends DescMessage, O extends DescMessage>(
    method: ClientStreamMethod<I, O>,
    requests: () => Iterable<RequestInit<I>>,
    check?: (response: MessageShape<O>) => Effect.Effect<void, SparkConnectError>,
  ) => Effect.Effect<MessageShape<O>, SparkConnectError>;
  /** A request of `schema` with the header filled in, for calls made outside `call`. */
  readonly request: <I extends DescMessage>(schema: I, init: RequestInit<I>) => MessageShape<I>;
}

/** The parts of a context that identify the session and reach the server. */
export interface CallContextInit {
  readonly sessionId: string;
  readonly userId: string;
  readonly clientType: string;
  readonly transport: Transport;
  readonly policy: RetryPolicy;
  readonly options: SessionOptions;
}

const SETTLE_TIMEOUT = "5 seconds";
/** Defaults of the first-connection budget and the result streams' idle deadline. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 180_000;

function positive(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(typeof v === "number" && Number.isInteger(v) && v >= 1)) {
    throw new InvalidOptionError({ message: `${name} must be a whole number of milliseconds >= 1 (got ${String(v)}).` });
  }
  return v;
}

/** A fresh call context: no server-side session seen yet, open, no background work. */
export function makeCallContext(init: CallContextInit): CallContext {
  const { sessionId, userId, clientType, transport, policy, options } = init;
  let serverSide: string | undefined;
  let closed = false;
  let serverVersion: string | undefined;
  const pending = new Set<Fiber.Fiber<void>>();
  // Once the channel connected (or the server answered), the budget no longer applies.
  let reached = false;
  const budget: ConnectBudget = {
    timeoutMs: positive("connectTimeoutMs", options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS),
    target: transport.target,
    pending: () => {
      if (reached) return false;
      try {
        reached =
          transport.bulk?.connected() === true || transport.client.getChannel().getConnectivityState(false) === grpc.connectivityState.READY;
      } catch {
        // A closed channel: calls fail with SessionClosedError anyway.
      }
      return !reached;
    },
  };
  const idleTimeoutMs = positive("idleTimeoutMs", options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS);

  const header = (): RequestHeader => ({
    sessionId,
    userContext: { userId },
    clientType,
    ...(serverSide === undefined ? {} : { clientObservedServerSideSessionId: serverSide }),
  });

  const request = <I extends DescMessage>(schema: I, fields: RequestInit<I>): MessageShape<I> =>
    // The header's fields are part of every Spark Connect request message.
    create(schema, { ...fields, ...header() } as unknown as MessageInitShape<I>);

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
    reached = true;
    if (seen === "" || seen === serverSide) return Effect.void;
    if (serverSide === undefined) {
      serverSide = seen;
      return Effect.void;
    }
    return Effect.fail(
      new SessionChangedError({
        message:
          `The server-side session changed from ${serverSide} to ${seen}: the Spark Connect server at ${transport.target} ` +
          `restarted or dropped the session, so earlier state (temp views, config, cached data) is gone. ` +
          `Open a new session with SparkSession.connect(...).`,
      }),
    );
  };

  // Background work runs detached from the caller's fiber (it outlives the action that
  // started it) but keeps the caller's services: logger, tracer.
  const background = (effect: Effect.Effect<void>) =>
    Effect.map(Effect.forkDetach(effect), (fiber) => {
      pending.add(fiber);
      fiber.addObserver(() => pending.delete(fiber));
    });

  const ctx: CallContext = {
    sessionId,
    transport,
    policy,
    options,
    budget,
    idleTimeoutMs,
    header,
    ensureOpen,
    observe,
    serverSideSessionId: () => serverSide,
    background,
    settle: Effect.suspend(() => Effect.ignore(Effect.timeout(Fiber.awaitAll([...pending]), SETTLE_TIMEOUT))),
    isClosed: () => closed,
    serverVersion: () => serverVersion,
    rememberServerVersion: (v) => {
      serverVersion = v;
    },
    markClosed: () => {
      const was = closed;
      closed = true;
      return !was;
    },
    request,
    call: <I extends DescMessage, O extends DescMessage>(method: UnaryMethod<I, O>, fields: RequestInit<I>) =>
      rpc(method.name, Effect.suspend(() => unary(transport, method, request(method.input, fields)))),
    callStreaming: <I extends DescMessage, O extends DescMessage>(
      method: ClientStreamMethod<I, O>,
      requests: () => Iterable<RequestInit<I>>,
      check?: (response: MessageShape<O>) => Effect.Effect<void, SparkConnectError>,
    ) => {
      const attempt = clientStream(transport, method, function* () {
        for (const fields of requests()) yield request(method.input, fields);
      });
      return rpc(method.name, check === undefined ? attempt : Effect.tap(attempt, check));
    },
  };
  /** A call as an RPC of the session: retried per policy, server session checked, errors enriched, in a span. */
  function rpc<O>(name: string, attempt: Effect.Effect<O, SparkConnectError>): Effect.Effect<O, SparkConnectError> {
    return Effect.flatMap(ensureOpen, () =>
      withRetries(attempt, policy, budget).pipe(
        Effect.tap((res: O) => observe((res as { serverSideSessionId?: string }).serverSideSessionId ?? "")),
        Effect.catch((e: SparkConnectError) => Effect.flatMap(enrichError(ctx, e), Effect.fail)),
        Effect.withSpan(`spark.rpc.${name}`, {
          kind: "client",
          attributes: { "rpc.system": "grpc", "rpc.method": name, "spark.session_id": sessionId },
        }),
      ),
    );
  }
  return ctx;
}
