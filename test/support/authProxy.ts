// An HTTP/2 proxy in front of a (plaintext) Spark Connect server that plays an identity
// provider's gateway: it accepts a gRPC call only when its `authorization` header is
// `Bearer <the newest token>`, answers any other call with gRPC status 16
// (UNAUTHENTICATED) as a trailers-only response, and forwards accepted calls stream by
// stream (headers, data, trailers) with the header replaced by the upstream's own token,
// or removed when the upstream has none.
import * as http2 from "node:http2";

const {
  HTTP2_HEADER_METHOD,
  HTTP2_HEADER_PATH,
  HTTP2_HEADER_AUTHORITY,
  HTTP2_HEADER_SCHEME,
  HTTP2_HEADER_STATUS,
  NGHTTP2_CANCEL,
} = http2.constants;

export interface ProxiedCall {
  /** `/spark.connect.SparkConnectService/Method`. */
  readonly path: string;
  /** The token the call carried (undefined without a bearer header). */
  readonly token: string | undefined;
  readonly accepted: boolean;
}

export interface AuthProxy {
  readonly port: number;
  /** The only token accepted from now on (the previous one stops working at once). */
  accept(token: string): void;
  /** Every call seen, in arrival order. */
  readonly calls: ProxiedCall[];
  close(): Promise<void>;
}

const PSEUDO = new Set<string>([HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_AUTHORITY, HTTP2_HEADER_SCHEME, HTTP2_HEADER_STATUS]);

/** The headers to pass on: no pseudo-headers (the receiving side sets its own). */
function regular(headers: http2.IncomingHttpHeaders): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!PSEUDO.has(k) && v !== undefined) out[k] = v;
  return out;
}

export function startAuthProxy(
  upstream: { readonly host: string; readonly port: number; readonly token?: string | undefined },
  firstToken: string,
): Promise<AuthProxy> {
  let current = firstToken;
  const calls: ProxiedCall[] = [];
  let session: http2.ClientHttp2Session | undefined;
  const upstreamSession = () => {
    if (session === undefined || session.closed || session.destroyed) {
      session = http2.connect(`http://${upstream.host}:${upstream.port}`);
      session.on("error", () => {});
    }
    return session;
  };
  const clients = new Set<http2.ServerHttp2Session>();
  const server = http2.createServer();
  server.on("session", (s) => {
    clients.add(s);
    s.on("close", () => clients.delete(s));
    s.on("error", () => {});
  });

  server.on("stream", (stream, headers) => {
    const path = String(headers[HTTP2_HEADER_PATH]);
    const bearer = /^Bearer (.*)$/.exec(String(headers["authorization"] ?? ""));
    const token = bearer?.[1];
    const accepted = token === current;
    calls.push({ path, token, accepted });
    stream.on("error", () => {});
    if (!accepted) {
      stream.respond(
        { [HTTP2_HEADER_STATUS]: 200, "content-type": "application/grpc", "grpc-status": "16", "grpc-message": "Invalid or expired token" },
        { endStream: true },
      );
      // Drain what the client sends so the stream can close.
      stream.resume();
      return;
    }

    const out = regular(headers);
    delete out["authorization"];
    if (upstream.token !== undefined) out["authorization"] = `Bearer ${upstream.token}`;
    const up = upstreamSession().request({ [HTTP2_HEADER_METHOD]: "POST", [HTTP2_HEADER_PATH]: path, ...out });
    up.on("error", () => stream.close(NGHTTP2_CANCEL));
    stream.on("close", () => {
      if (!up.closed) up.close(NGHTTP2_CANCEL);
    });
    stream.pipe(up);

    let trailers: http2.OutgoingHttpHeaders = {};
    up.on("trailers", (t) => {
      trailers = regular(t);
    });
    up.on("response", (h, flags) => {
      if (stream.destroyed) return;
      const endStream = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0;
      stream.respond({ [HTTP2_HEADER_STATUS]: h[HTTP2_HEADER_STATUS] ?? 200, ...regular(h) }, endStream ? { endStream: true } : { waitForTrailers: true });
      if (endStream) return;
      stream.on("wantTrailers", () => stream.sendTrailers(trailers));
      up.pipe(stream);
    });
  });

  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      ok({
        port: typeof address === "object" && address ? address.port : 0,
        accept: (token) => {
          current = token;
        },
        calls,
        close: () =>
          new Promise<void>((done) => {
            for (const s of clients) s.destroy();
            session?.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}
