import type * as grpc from "@grpc/grpc-js";
import type * as Effect from "effect/Effect";
import type * as Redacted from "effect/Redacted";
import type { RetryPolicy } from "./Retry.js";

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

/**
 * A bearer token with the time it stops being valid: a `Date`, or milliseconds since the
 * epoch (as `Date.now()` counts). Without `expiresAt` the client reads the `exp` claim
 * when the token is a JWT, and otherwise keeps the token until the server refuses it.
 */
export interface TokenGrant {
  readonly token: string;
  readonly expiresAt?: Date | number;
}

/**
 * Where the bearer token comes from when it expires: a function (sync or async) or an
 * Effect that returns the current token, bare or as a `TokenGrant`. The client asks it
 * before the first call and again shortly before the token expires (60 s before, or
 * halfway through its remaining life when that is sooner), and once more when the server
 * answers UNAUTHENTICATED; concurrent calls share one request to it.
 *
 * @example
 * ```ts
 * const spark = await SparkSession.connect("sc://spark.example.com", {
 *   token: async () => {
 *     const res = await fetch("https://auth.example.com/spark-token", { method: "POST" });
 *     const { access_token, expires_in } = await res.json();
 *     return { token: access_token, expiresAt: Date.now() + expires_in * 1000 };
 *   },
 * });
 * ```
 */
export type TokenProvider =
  | (() => string | TokenGrant | PromiseLike<string | TokenGrant>)
  | Effect.Effect<string | TokenGrant, unknown>;

/** Options of a session beyond its connection string. */
export interface SessionOptions {
  /**
   * The bearer token, instead of `;token=` in the connection string: a fixed string (also
   * as Effect's `Redacted`), or a `TokenProvider` for tokens that expire. It counts as a
   * credential for the TLS rule (TLS unless the host is local) and replaces
   * `SPARK_CONNECT_AUTHENTICATE_TOKEN`. The session keeps a fixed string wrapped in
   * `Redacted`, so printing or serialising it never shows the token.
   */
  readonly token?: string | Redacted.Redacted<string> | TokenProvider;
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
  /** HTTP/2 keepalive pings (on by default: see KeepaliveOptions); `false` turns them off. */
  readonly keepalive?: KeepaliveOptions | false;
  /**
   * A result stream that brings no response for this long, while its consumer waits, is
   * cancelled and reattached (each counts as one retry of the retry policy; once the
   * policy's retries are used up, the action fails with a TransportError). Default
   * 180 000 ms: a healthy server ends each result stream within 2 minutes
   * (`spark.connect.execute.reattachable.senderMaxStreamDuration`) and the client
   * reattaches, so only a stalled connection stays silent longer.
   */
  readonly idleTimeoutMs?: number;
  /**
   * How long the session tries to reach the server before its first response, in ms
   * (default 30 000): a wrong host or port, a name that does not resolve or a TLS
   * failure fails after this budget with a TransportError naming host, port and cause,
   * instead of retrying for the whole retry policy (about 10 minutes). Once the server
   * has answered, the retry policy alone decides.
   */
  readonly connectTimeoutMs?: number;
}

/**
 * HTTP/2 keepalive: while calls run, a ping every `timeMs`; no answer within
 * `timeoutMs` closes the connection, so calls on a connection that died silently (a
 * half-open TCP connection, a frozen server, a NAT that forgot the flow) fail and are
 * retried or reattached on a new one instead of waiting forever. No pings are sent on an
 * idle connection (servers refuse them).
 */
export interface KeepaliveOptions {
  /** Time between pings, in ms (default 30 000, at least 10 000). */
  readonly timeMs?: number;
  /** How long to wait for the ping's answer, in ms (default 20 000). */
  readonly timeoutMs?: number;
}

/** Which operations to interrupt. */
export type InterruptTarget =
  | { readonly kind: "all" }
  | { readonly kind: "tag"; readonly tag: string }
  | { readonly kind: "operation"; readonly operationId: string };
