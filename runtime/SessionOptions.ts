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
}

/** Which operations to interrupt. */
export type InterruptTarget =
  | { readonly kind: "all" }
  | { readonly kind: "tag"; readonly tag: string }
  | { readonly kind: "operation"; readonly operationId: string };
