import type * as grpc from "@grpc/grpc-js";
import type { Effect, Redacted } from "effect";
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
}

/** Which operations to interrupt. */
export type InterruptTarget =
  | { readonly kind: "all" }
  | { readonly kind: "tag"; readonly tag: string }
  | { readonly kind: "operation"; readonly operationId: string };
