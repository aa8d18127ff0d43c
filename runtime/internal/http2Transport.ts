// The result streams' reader: ExecutePlan and ReattachExecute over `node:http2`, as the
// gRPC HTTP/2 protocol defines them (POST, `content-type: application/grpc`, 5-byte message
// framing, status in the trailers). It sits at the bottom of grpc-js's interceptor chain,
// so these calls look like any other grpc-js call to the code above (and to the user's
// interceptors): metadata, tokens, cancellation and status errors are the same. What it
// changes is how the bytes arrive: each message lands in memory of its own with one copy
// and its Arrow data 8-aligned (grpcFraming.ts), where grpc-js concatenates chunks and
// apache-arrow then copies misaligned batch bodies again. Unary calls stay on grpc-js.
import * as http2 from "node:http2";
import { gunzipSync, inflateSync } from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import type { TlsOptions } from "../SessionOptions.js";
import { GrpcMessageReader, MessageTooLargeError } from "./grpcFraming.js";

const { NGHTTP2_CANCEL, NGHTTP2_REFUSED_STREAM, NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_INADEQUATE_SECURITY, NGHTTP2_NO_ERROR } = http2.constants;

/** What a result-stream channel needs to know about its server. */
export interface Http2ChannelOptions {
  /** host:port, IPv6 hosts in brackets. */
  readonly target: string;
  readonly useSsl: boolean;
  readonly tls?: TlsOptions | undefined;
  /** The HTTP/2 flow-control window of the connection and of each stream. */
  readonly windowBytes: number;
  readonly maxMessageBytes: number;
  readonly userAgent: string;
  /** Pings while streams are open; undefined turns them off. */
  readonly keepalive?: { readonly timeMs: number; readonly timeoutMs: number } | undefined;
}

/** Methods read through this channel instead of grpc-js. */
export const BULK_METHODS: ReadonlySet<string> = new Set([
  "/spark.connect.SparkConnectService/ExecutePlan",
  "/spark.connect.SparkConnectService/ReattachExecute",
]);

/**
 * One HTTP/2 connection to the server for result streams, made on first use and made
 * again after it is lost (the calls on a lost connection fail with UNAVAILABLE, which the
 * execute layer retries by reattaching).
 */
export class Http2Channel {
  private session: http2.ClientHttp2Session | undefined;
  private closed = false;
  private everConnected = false;
  private active = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly draining = new WeakSet<http2.ClientHttp2Session>();
  /** Connections the server closed for pinging too often (GOAWAY ENHANCE_YOUR_CALM "too_many_pings"). */
  private readonly pingRefused = new WeakSet<http2.Http2Session>();
  /** The keepalive interval now: the configured one, doubled each time a server refuses the pings. */
  private pingIntervalMs: number | undefined;
  /** Every connection made and not yet closed: the current one, and older ones still finishing their streams. */
  private readonly open = new Set<http2.ClientHttp2Session>();

  constructor(readonly options: Http2ChannelOptions) {}

  /** True once a connection was established (the server's HTTP/2 settings arrived). */
  connected(): boolean {
    return this.everConnected;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection; streams still open end with UNAVAILABLE, later calls fail at once. */
  close(): void {
    this.closed = true;
    this.stopPings();
    this.session = undefined;
    for (const s of [...this.open]) s.destroy();
    this.open.clear();
  }

  /** Connections not yet closed (the current one and those finishing their streams). */
  openConnections(): number {
    return this.open.size;
  }

  /** Opens a stream with `headers`; the connection is made or made again when needed. */
  request(headers: http2.OutgoingHttpHeaders): http2.ClientHttp2Stream {
    if (this.closed) throw new Error("The result-stream channel is closed.");
    const session = this.live();
    const stream = session.request(headers, { endStream: false });
    this.active++;
    if (this.active === 1) {
      // While a stream is open the connection keeps the process alive, as grpc-js's does.
      session.ref();
      this.startPings();
    }
    stream.once("close", () => {
      this.active--;
      if (this.active === 0) {
        this.stopPings();
        if (!session.destroyed) session.unref();
      }
    });
    return stream;
  }

  private live(): http2.ClientHttp2Session {
    const s = this.session;
    if (s !== undefined && !s.closed && !s.destroyed && !this.draining.has(s)) return s;
    // A connection being replaced takes no new streams and closes once its own have ended.
    if (s !== undefined && !s.closed && !s.destroyed) s.close();
    const { target, useSsl, tls, windowBytes } = this.options;
    const settings: http2.Settings = { enablePush: false, initialWindowSize: windowBytes };
    // Flow control already bounds what a connection buffers (the window per stream); Node's
    // own session-memory cap (10 MB) would refuse new streams of a busy connection instead.
    const limits = { maxSessionMemory: Number.MAX_SAFE_INTEGER, maxSendHeaderBlockLength: Number.MAX_SAFE_INTEGER };
    const session = useSsl
      ? http2.connect(`https://${target}`, {
          settings,
          ...limits,
          ...(tls?.rootCerts === undefined ? {} : { ca: Buffer.from(tls.rootCerts) }),
          ...(tls?.privateKey === undefined ? {} : { key: Buffer.from(tls.privateKey) }),
          ...(tls?.certChain === undefined ? {} : { cert: Buffer.from(tls.certChain) }),
          ...(tls?.serverName ? { servername: tls.serverName } : {}),
          ALPNProtocols: ["h2"],
        })
      : http2.connect(`http://${target}`, { settings, ...limits });
    // Connected once the server's SETTINGS arrived: a TCP peer that never speaks HTTP/2
    // (a stalled proxy) has not been reached.
    session.once("remoteSettings", () => {
      this.everConnected = true;
    });
    session.once("connect", () => {
      try {
        session.setLocalWindowSize(windowBytes);
      } catch {
        // A session closing as it connects: its streams report that.
      }
    });
    // Failures reach the streams as their own errors; the session's error event must not crash the process.
    session.on("error", () => undefined);
    // After GOAWAY the server takes no new streams on this connection: the next call makes a new one.
    session.once("goaway", (code: number, _lastStreamId: number, data?: Buffer) => {
      this.draining.add(session);
      if (code === NGHTTP2_ENHANCE_YOUR_CALM && data?.toString() === "too_many_pings") this.slowPings(session);
    });
    session.once("close", () => {
      this.open.delete(session);
      if (this.session === session) this.session = undefined;
    });
    this.open.add(session);
    // An idle connection must not keep the process alive.
    session.unref();
    this.session = session;
    return session;
  }

  /**
   * A server that permits fewer pings than the keepalive sends (Spark 3.5's allows one in 5
   * minutes while no data flows; 4.x servers send progress every few seconds) closes the
   * connection with "too_many_pings". As grpc-js does, the interval is doubled; the
   * streams it ended are reported as a lost connection, so the result is reattached.
   */
  private slowPings(session: http2.ClientHttp2Session): void {
    this.pingRefused.add(session);
    const k = this.options.keepalive;
    if (k === undefined) return;
    this.pingIntervalMs = Math.min(2 * (this.pingIntervalMs ?? k.timeMs), 2 ** 31 - 1);
    if (this.pingTimer !== undefined) {
      this.stopPings();
      this.startPings();
    }
  }

  /** Whether the server closed this connection for pinging too often. */
  refusedPings(session: http2.Http2Session): boolean {
    return this.pingRefused.has(session);
  }

  /** The keepalive interval in use, in milliseconds (undefined without keepalive). */
  keepaliveIntervalMs(): number | undefined {
    return this.options.keepalive === undefined ? undefined : (this.pingIntervalMs ?? this.options.keepalive.timeMs);
  }

  private startPings(): void {
    const k = this.options.keepalive;
    if (k === undefined || this.pingTimer !== undefined) return;
    this.pingTimer = setInterval(() => {
      const s = this.session;
      if (s === undefined || s.destroyed || !this.everConnected) return;
      const timeout = setTimeout(() => s.destroy(new Error(`keepalive ping not answered within ${k.timeoutMs} ms`)), k.timeoutMs);
      timeout.unref();
      try {
        s.ping((err) => {
          clearTimeout(timeout);
          if (err) s.destroy(err);
        });
      } catch {
        clearTimeout(timeout);
      }
    }, this.pingIntervalMs ?? k.timeMs);
    this.pingTimer.unref();
  }

  private stopPings(): void {
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }
}

/** The gRPC status of an HTTP response that carried none, from its HTTP status (as the gRPC protocol maps them). */
function httpStatusToGrpc(status: number): grpc.StatusObject {
  const code =
    status === 400
      ? grpc.status.INTERNAL
      : status === 401
        ? grpc.status.UNAUTHENTICATED
        : status === 403
          ? grpc.status.PERMISSION_DENIED
          : status === 404
            ? grpc.status.UNIMPLEMENTED
            : status === 429 || status === 502 || status === 503 || status === 504
              ? grpc.status.UNAVAILABLE
              : grpc.status.UNKNOWN;
  return { code, details: `Received HTTP status code ${status}`, metadata: new grpc.Metadata() };
}

function decodeMessage(raw: string | string[] | undefined): string {
  const text = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The status in a response's trailers (or in a trailers-only response's headers). */
function statusOf(headers: http2.IncomingHttpHeaders): grpc.StatusObject {
  let metadata: grpc.Metadata;
  try {
    metadata = grpc.Metadata.fromHttp2Headers(headers);
  } catch (e) {
    return { code: grpc.status.UNKNOWN, details: (e as Error).message, metadata: new grpc.Metadata() };
  }
  const raw = headers["grpc-status"];
  const code = raw === undefined ? NaN : Number(Array.isArray(raw) ? raw[0] : raw);
  metadata.remove("grpc-status");
  metadata.remove("grpc-message");
  if (!Number.isInteger(code)) {
    const http = Number(headers[":status"]);
    if (raw === undefined && Number.isInteger(http) && http !== 200) return httpStatusToGrpc(http);
    return { code: grpc.status.UNKNOWN, details: `Invalid or missing grpc-status in the response (${String(raw)})`, metadata };
  }
  return { code, details: decodeMessage(headers["grpc-message"]), metadata };
}

/**
 * One server-streaming call over the channel, as grpc-js's innermost call: it receives
 * the request object and hands decoded responses up one per `startRead`, holding the
 * rest (and pausing the HTTP/2 stream, so flow control holds the server back) until
 * asked. The status is reported after every message before it was handed up.
 */
/** What grpc-js asks of the innermost call of an interceptor chain. */
type InnerCall = ConstructorParameters<typeof grpc.InterceptingCall>[0];

class Http2StreamingCall implements InnerCall {
  private listener: Partial<grpc.InterceptingListener> = {};
  private metadata = new grpc.Metadata();
  private request: Uint8Array | undefined;
  private stream: http2.ClientHttp2Stream | undefined;
  private readonly queue: { bytes: Uint8Array; compressed: boolean }[] = [];
  private wanted = 0;
  private status: grpc.StatusObject | undefined;
  private reported = false;
  private cancelled = false;
  private httpStatus: number | undefined;
  private encoding: string | undefined;
  private failure: Error | undefined;
  private readonly reader: GrpcMessageReader;

  constructor(
    private readonly channel: Http2Channel,
    private readonly options: grpc.InterceptorOptions,
  ) {
    this.reader = new GrpcMessageReader(channel.options.maxMessageBytes, (bytes, compressed) => {
      this.queue.push({ bytes, compressed });
      this.deliver();
    });
  }

  start(metadata: grpc.Metadata, listener?: Partial<grpc.InterceptingListener>): void {
    this.metadata = metadata;
    this.listener = listener ?? {};
  }

  sendMessageWithContext(_context: unknown, message: unknown): void {
    this.sendMessage(message);
  }

  sendMessage(message: unknown): void {
    this.request = this.options.method_definition.requestSerialize(message);
  }

  halfClose(): void {
    if (this.reported) return;
    const body = this.request ?? new Uint8Array(0);
    const frame = Buffer.allocUnsafe(5 + body.byteLength);
    frame[0] = 0;
    frame.writeUInt32BE(body.byteLength, 1);
    frame.set(body, 5);
    const { target, userAgent } = this.channel.options;
    const headers: http2.OutgoingHttpHeaders = {
      ...this.metadata.toHttp2Headers(),
      [http2.constants.HTTP2_HEADER_METHOD]: "POST",
      [http2.constants.HTTP2_HEADER_PATH]: this.options.method_definition.path,
      [http2.constants.HTTP2_HEADER_AUTHORITY]: this.channel.options.tls?.serverName || target,
      [http2.constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc",
      [http2.constants.HTTP2_HEADER_TE]: "trailers",
      [http2.constants.HTTP2_HEADER_USER_AGENT]: userAgent,
      "grpc-accept-encoding": "identity,deflate,gzip",
    };
    let stream: http2.ClientHttp2Stream;
    try {
      stream = this.channel.request(headers);
    } catch (e) {
      this.finish({ code: grpc.status.UNAVAILABLE, details: `No connection to ${target}: ${(e as Error).message}`, metadata: new grpc.Metadata() });
      return;
    }
    this.stream = stream;
    // A destroyed stream forgets its connection; onClose needs to know which it was.
    const connection = stream.session;
    stream.on("response", (h, flags) => {
      this.httpStatus = Number(h[":status"]);
      const enc = h["grpc-encoding"];
      this.encoding = Array.isArray(enc) ? enc[0] : enc;
      if (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) {
        this.onStatus(statusOf(h));
        return;
      }
      try {
        this.listener.onReceiveMetadata?.(grpc.Metadata.fromHttp2Headers(h));
      } catch (e) {
        this.cancelWithStatus(grpc.status.UNKNOWN, (e as Error).message);
      }
    });
    stream.on("trailers", (h) => this.onStatus(statusOf(h)));
    stream.on("data", (chunk: Buffer) => {
      if (this.status !== undefined || this.cancelled) return;
      try {
        this.reader.push(chunk);
      } catch (e) {
        if (this.httpStatus !== undefined && this.httpStatus !== 200) {
          const s = httpStatusToGrpc(this.httpStatus);
          this.cancelWithStatus(s.code, s.details);
        } else this.cancelWithStatus(grpc.status.RESOURCE_EXHAUSTED, e instanceof MessageTooLargeError ? e.message : String(e));
      }
      if (this.queue.length > 0 && this.wanted === 0) stream.pause();
    });
    stream.on("error", (err: Error & { code?: string }) => {
      if (err.code !== "ERR_HTTP2_STREAM_ERROR") this.failure = err;
    });
    stream.on("close", () => {
      // After "error" and any trailers: the outcome when none was reported.
      process.nextTick(() => this.onClose(stream, connection));
    });
    stream.end(frame);
  }

  startRead(): void {
    this.wanted++;
    this.deliver();
  }

  cancelWithStatus(code: grpc.status, details: string): void {
    if (this.reported) return;
    this.cancelled = true;
    this.queue.length = 0;
    const stream = this.stream;
    if (stream !== undefined && !stream.closed) stream.close(NGHTTP2_CANCEL);
    this.status = undefined;
    this.finish({ code, details, metadata: new grpc.Metadata() });
  }

  getPeer(): string {
    return this.channel.options.target;
  }

  getAuthContext(): null {
    return null;
  }

  private onStatus(status: grpc.StatusObject): void {
    if (this.status !== undefined || this.cancelled) return;
    if (status.code === grpc.status.OK && this.reader.partial) {
      this.status = { code: grpc.status.INTERNAL, details: "The response ended inside a message.", metadata: status.metadata };
    } else this.status = status;
    this.deliver();
  }

  private onClose(stream: http2.ClientHttp2Stream, connection: http2.Http2Session | undefined): void {
    if (this.status !== undefined || this.cancelled) return;
    const rst = stream.rstCode;
    const lost = this.failure !== undefined || this.channel.isClosed();
    let status: grpc.StatusObject;
    if (rst === NGHTTP2_REFUSED_STREAM) status = this.unavailable("the server refused the stream");
    else if (connection !== undefined && this.channel.refusedPings(connection)) {
      status = this.unavailable(`the server closed the connection for pinging too often; keepalive pings now every ${Math.round((this.channel.keepaliveIntervalMs() ?? 0) / 1000)} s`);
    }
    else if (rst === NGHTTP2_ENHANCE_YOUR_CALM) status = { code: grpc.status.RESOURCE_EXHAUSTED, details: "Bandwidth exhausted or memory limit exceeded", metadata: new grpc.Metadata() };
    else if (rst === NGHTTP2_INADEQUATE_SECURITY) status = { code: grpc.status.PERMISSION_DENIED, details: "Protocol not secure enough", metadata: new grpc.Metadata() };
    else if (lost || rst === NGHTTP2_CANCEL || rst === undefined) {
      status = this.unavailable(this.failure?.message ?? "connection dropped");
    } else if (rst === NGHTTP2_NO_ERROR && this.httpStatus !== undefined && this.httpStatus !== 200) status = httpStatusToGrpc(this.httpStatus);
    else status = { code: grpc.status.INTERNAL, details: `Received RST_STREAM with code ${rst} (call ended without gRPC status)`, metadata: new grpc.Metadata() };
    this.status = status;
    this.deliver();
  }

  private unavailable(why: string): grpc.StatusObject {
    return { code: grpc.status.UNAVAILABLE, details: `Connection to ${this.channel.options.target} lost: ${why}`, metadata: new grpc.Metadata() };
  }

  /** Hands up queued messages while reads are wanted, then the status once all are out. */
  private deliver(): void {
    while (this.wanted > 0 && this.queue.length > 0 && !this.reported) {
      const { bytes, compressed } = this.queue.shift()!;
      let message: unknown;
      try {
        message = this.options.method_definition.responseDeserialize(this.decompress(bytes, compressed) as Buffer);
      } catch (e) {
        this.cancelWithStatus(grpc.status.INTERNAL, `Failed to parse server response: ${(e as Error).message}`);
        return;
      }
      this.wanted--;
      this.listener.onReceiveMessage?.(message);
    }
    if (this.queue.length === 0 && this.status !== undefined) this.finish(this.status);
    else if (this.queue.length === 0 && this.stream?.isPaused()) this.stream.resume();
  }

  private decompress(bytes: Uint8Array, compressed: boolean): Uint8Array {
    if (!compressed) return bytes;
    if (this.encoding === "gzip") return gunzipSync(bytes);
    if (this.encoding === "deflate") return inflateSync(bytes);
    throw new Error(`a compressed message with the unsupported encoding ${String(this.encoding)}`);
  }

  private finish(status: grpc.StatusObject): void {
    if (this.reported) return;
    this.reported = true;
    this.listener.onReceiveStatus?.(status);
  }
}

/**
 * The interceptor that reads `BULK_METHODS` through `channel`; it must be the last of the
 * client's interceptors (the innermost). Other methods pass on to grpc-js.
 */
export function bulkInterceptor(channel: Http2Channel): grpc.Interceptor {
  return (options, nextCall) => {
    if (!BULK_METHODS.has(options.method_definition.path)) return new grpc.InterceptingCall(nextCall(options));
    if (channel.isClosed()) throw new Error("Channel has been shut down");
    return new grpc.InterceptingCall(new Http2StreamingCall(channel, options));
  };
}
