import type * as grpc from "@grpc/grpc-js";
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
