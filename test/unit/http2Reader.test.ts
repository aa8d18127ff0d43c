// The result streams' HTTP/2 reader (runtime/internal/http2Transport.ts, grpcFraming.ts):
// framing over arbitrary chunk boundaries, the 8-byte placement of Arrow data, and the
// answers a real Spark server does not give (trailers-only errors, HTTP errors without a
// gRPC status, reset streams, a response cut inside a message, compression, oversize
// messages), served by a plain node:http2 server here.
import test from "ava";
import * as http2 from "node:http2";
import { gzipSync } from "node:zlib";
import { create, toBinary } from "@bufbuild/protobuf";
import { Chunk, Effect, Exit, Stream } from "effect";
import {
  ExecutePlanRequestSchema,
  type ExecutePlanResponse,
  ExecutePlanResponseSchema,
} from "../../generated/spark/connect/base_pb.js";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { makeSession } from "../../runtime/Session.js";
import { SparkConnectError } from "../../runtime/errors.js";
import { arrowDataOffset, GrpcMessageReader, MessageTooLargeError } from "../../runtime/internal/grpcFraming.js";
import { Http2Channel } from "../../runtime/internal/http2Transport.js";
import { methods, serverStream } from "../../runtime/internal/rpc.js";

const SESSION = "4e0c1f3a-9b7d-4c2e-8f10-0123456789ab";

function response(i: number, dataBytes: number, fields: { chunked?: boolean } = {}): Uint8Array {
  const data = new Uint8Array(dataBytes);
  for (let k = 0; k < dataBytes; k++) data[k] = (k * 31 + i) & 0xff;
  return toBinary(
    ExecutePlanResponseSchema,
    create(ExecutePlanResponseSchema, {
      sessionId: SESSION,
      serverSideSessionId: "server-side",
      operationId: "op",
      responseId: `response-${i}`,
      responseType: {
        case: "arrowBatch",
        value: { rowCount: BigInt(i), data, ...(fields.chunked ? { chunkIndex: 0n, numChunksInBatch: 2n, startOffset: 5n } : {}) },
      },
    }),
  );
}

function frame(message: Uint8Array, compressed = false): Buffer {
  const out = Buffer.alloc(5 + message.byteLength);
  out[0] = compressed ? 1 : 0;
  out.writeUInt32BE(message.byteLength, 1);
  out.set(message, 5);
  return out;
}

/** A deterministic generator of chunk sizes. */
function sizes(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 1 + (s % 3000);
  };
}

test("arrowDataOffset finds arrow_batch.data behind the header fields, and nothing in other responses", (t) => {
  for (const chunked of [false, true]) {
    const bytes = response(7, 100, { chunked });
    const at = arrowDataOffset(bytes, 0, bytes.byteLength)!;
    const decoded = ExecutePlanResponseSchema;
    t.truthy(decoded);
    t.deepEqual(bytes.subarray(at, at + 100), response(7, 100, { chunked }).subarray(at, at + 100));
    t.is(bytes[at], (0 * 31 + 7) & 0xff);
    t.is(bytes[at + 1], (1 * 31 + 7) & 0xff);
  }
  const other = toBinary(
    ExecutePlanResponseSchema,
    create(ExecutePlanResponseSchema, { sessionId: SESSION, responseType: { case: "resultComplete", value: {} } }),
  );
  t.is(arrowDataOffset(other, 0, other.byteLength), undefined);
  // A prefix that stops before the data's length is read gives no offset, never a wrong one.
  const bytes = response(1, 50);
  const at = arrowDataOffset(bytes, 0, bytes.byteLength)!;
  for (let end = 0; end < at; end++) t.is(arrowDataOffset(bytes, 0, end), undefined, `prefix of ${end} bytes`);
});

test("GrpcMessageReader gives back every message exactly, whatever the chunk boundaries, Arrow data 8-aligned", (t) => {
  const messages = [response(0, 10), new Uint8Array(0), response(1, 70_000), response(2, 3), response(3, 4096, { chunked: true })];
  const wire = Buffer.concat(messages.map((m) => frame(m)));
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const next = sizes(seed);
    const got: Uint8Array[] = [];
    const reader = new GrpcMessageReader(1 << 20, (m) => got.push(m));
    for (let at = 0; at < wire.byteLength; ) {
      // Chunks at odd offsets of their own buffers, as a socket's reads may land.
      const n = Math.min(seed === 1 ? 1 : next(), wire.byteLength - at);
      const own = Buffer.alloc(n + 3);
      wire.copy(own, 3, at, at + n);
      reader.push(own.subarray(3));
      at += n;
    }
    t.false(reader.partial, "nothing left over after the last message");
    t.is(got.length, messages.length);
    for (const [i, m] of got.entries()) {
      t.deepEqual(Buffer.from(m), Buffer.from(messages[i]!), `message ${i}, seed ${seed}`);
      const at = arrowDataOffset(m, 0, m.byteLength);
      if (at !== undefined) t.is((m.byteOffset + at) % 8, 0, `message ${i} data aligned (seed ${seed})`);
    }
  }
});

test("GrpcMessageReader refuses a message above its limit before reading it", (t) => {
  const reader = new GrpcMessageReader(100, () => t.fail("no message expected"));
  const err = t.throws(() => reader.push(frame(new Uint8Array(101))), { instanceOf: MessageTooLargeError });
  const halves = new GrpcMessageReader(100, () => undefined);
  halves.push(frame(new Uint8Array(50)).subarray(0, 20));
  t.true(halves.partial, "inside a message");
  t.regex(err!.message, /101 vs\. 100/);
});

/** A plain HTTP/2 server answering every stream with `answer`. */
async function server(answer: (stream: http2.ServerHttp2Stream) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const srv = http2.createServer();
  srv.on("stream", (stream) => {
    stream.on("error", () => undefined);
    // The request is read (and ignored) before answering.
    stream.on("data", () => undefined);
    stream.on("end", () => answer(stream));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  return {
    url: `sc://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

const OK_HEADERS = { ":status": 200, "content-type": "application/grpc" };

async function run(url: string, extra = ""): Promise<Exit.Exit<ExecutePlanResponse[], SparkConnectError>> {
  const session = await Effect.runPromise(makeSession(parseConnectionString(url + extra), { retry: { maxRetries: 0 } }));
  try {
    const stream = serverStream(session.ctx.transport, methods.executePlan, create(ExecutePlanRequestSchema, { sessionId: SESSION }));
    return await Effect.runPromiseExit(Effect.map(Stream.runCollect(stream), (c) => [...(Chunk.isChunk(c) ? Chunk.toArray(c) : c)]));
  } finally {
    await Effect.runPromise(session.close());
  }
}

function failure(t: { fail: (m: string) => void }, exit: Exit.Exit<unknown, SparkConnectError>): SparkConnectError {
  if (Exit.isFailure(exit)) {
    const e = exit.cause.reasons.find((r) => r._tag === "Fail");
    if (e && e._tag === "Fail") return e.error;
  }
  t.fail(`expected a typed failure, got ${String(exit)}`);
  throw new Error("unreachable");
}

test("messages split across DATA frames and a gzip-compressed message arrive decoded, then the OK status ends the stream", async (t) => {
  const big = response(1, 300_000);
  const srv = await server((s) => {
    s.respond({ ...OK_HEADERS, "grpc-encoding": "gzip" }, { waitForTrailers: true });
    s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "0" }));
    const wire = Buffer.concat([frame(response(0, 10)), frame(big), frame(gzipSync(response(2, 5000)), true)]);
    for (let at = 0; at < wire.byteLength; at += 7777) s.write(wire.subarray(at, at + 7777));
    s.end();
  });
  try {
    const exit = await run(srv.url);
    t.true(Exit.isSuccess(exit), String(exit));
    const got = Exit.isSuccess(exit) ? exit.value : [];
    t.deepEqual(got.map((r) => r.responseId), ["response-0", "response-1", "response-2"]);
    const batch = got[1]!.responseType;
    t.is(batch.case, "arrowBatch");
    if (batch.case === "arrowBatch") {
      t.is(batch.value.data.byteLength, 300_000);
      t.is(batch.value.data.byteOffset % 8, 0, "Arrow data starts 8-aligned");
      t.is(batch.value.data[299_999], (299_999 * 31 + 1) & 0xff);
    }
  } finally {
    await srv.close();
  }
});

test("a trailers-only error, an HTTP error without gRPC status, a reset stream and a response cut inside a message are typed failures", async (t) => {
  const cases: Array<[string, (s: http2.ServerHttp2Stream) => void, (e: SparkConnectError) => void]> = [
    [
      "trailers-only NOT_FOUND with a percent-encoded message",
      (s) => s.respond({ ...OK_HEADERS, "grpc-status": "5", "grpc-message": "no%20such%20operation%20%E2%9C%93" }, { endStream: true }),
      (e) => {
        t.is(e.grpcCode, 5);
        t.regex(e.message, /no such operation ✓/);
      },
    ],
    [
      "HTTP 503 without grpc-status",
      (s) => {
        s.respond({ ":status": 503 });
        s.end("busy");
      },
      (e) => {
        t.is(e.grpcCode, 14);
        t.true(e.isRetryable);
      },
    ],
    [
      "RST_STREAM(REFUSED_STREAM)",
      (s) => s.close(http2.constants.NGHTTP2_REFUSED_STREAM),
      (e) => {
        t.is(e.grpcCode, 14);
        t.true(e.isRetryable);
      },
    ],
    [
      "OK trailers after half a message",
      (s) => {
        s.respond(OK_HEADERS, { waitForTrailers: true });
        s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "0" }));
        s.end(frame(response(0, 1000)).subarray(0, 600));
      },
      (e) => {
        t.is(e.grpcCode, 13);
        t.regex(e.message, /inside a message/);
      },
    ],
    [
      "a message above grpc_max_message_size",
      (s) => {
        s.respond(OK_HEADERS, { waitForTrailers: true });
        s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "0" }));
        s.end(frame(response(0, 5000)));
      },
      (e) => {
        t.is(e.grpcCode, 8);
        t.regex(e.message, /larger than max/);
      },
    ],
  ];
  for (const [name, answer, check] of cases) {
    const srv = await server(answer);
    try {
      const exit = await run(srv.url, name.includes("max_message") ? "/;grpc_max_message_size=4096" : "");
      const e = failure(t, exit);
      t.true(e instanceof SparkConnectError, name);
      check(e);
    } finally {
      await srv.close();
    }
  }
});

test("close() closes every connection of the channel, also one replaced after GOAWAY that still carries a stream", async (t) => {
  const sessions = new Set<http2.ServerHttp2Session>();
  const srv = http2.createServer();
  srv.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });
  let first = true;
  srv.on("stream", (stream) => {
    stream.on("error", () => undefined);
    stream.respond(OK_HEADERS);
    // The first stream stays open; its connection is then told to take no more streams.
    if (first) {
      first = false;
      stream.session?.goaway(http2.constants.NGHTTP2_NO_ERROR, stream.id);
    }
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  const channel = new Http2Channel({ target: `127.0.0.1:${port}`, useSsl: false, windowBytes: 1 << 20, maxMessageBytes: 1 << 20, userAgent: "test" });
  try {
    const open = (path: string) =>
      new Promise<http2.ClientHttp2Stream>((resolve, reject) => {
        const s = channel.request({ ":method": "POST", ":path": path });
        s.on("error", () => undefined);
        s.once("response", () => resolve(s));
        s.once("close", () => reject(new Error(`${path} closed before its response`)));
      });
    const held = await open("/a");
    // The GOAWAY reaches the client; the next stream goes over a new connection.
    await new Promise<void>((r) => setTimeout(r, 200));
    await open("/b");
    t.is(channel.openConnections(), 2, "the replaced connection stays while its stream runs");
    t.is(sessions.size, 2);
    t.false(held.closed);
    channel.close();
    const deadline = Date.now() + 5000;
    while (sessions.size > 0 && Date.now() < deadline) await new Promise<void>((r) => setTimeout(r, 20));
    t.is(sessions.size, 0, "no connection left open on the server");
    t.is(channel.openConnections(), 0);
  } finally {
    channel.close();
    for (const s of sessions) s.destroy();
    await new Promise<void>((r) => srv.close(() => r()));
  }
});

test("a GOAWAY for too many pings ends the stream as a lost connection (so the result is reattached) and doubles the keepalive interval", async (t) => {
  const srv = await server((s) => {
    s.respond(OK_HEADERS);
    s.write(frame(response(0, 10)));
    // What grpc-java sends when pings come more often than it permits.
    setTimeout(() => {
      s.session?.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, 0, Buffer.from("too_many_pings"));
      setTimeout(() => s.session?.destroy(), 50);
    }, 50);
  });
  const session = await Effect.runPromise(makeSession(parseConnectionString(srv.url), { retry: { maxRetries: 0 } }));
  try {
    const bulk = session.ctx.transport.bulk!;
    t.is(bulk.keepaliveIntervalMs(), 30_000);
    const stream = serverStream(session.ctx.transport, methods.executePlan, create(ExecutePlanRequestSchema, { sessionId: SESSION }));
    const exit = await Effect.runPromiseExit(Stream.runCollect(stream));
    const e = failure(t, exit);
    t.is(e.grpcCode, 14, e.message);
    t.true(e.isRetryable);
    t.regex(e.message, /pinging too often; keepalive pings now every 60 s/);
    t.is(bulk.keepaliveIntervalMs(), 60_000);
  } finally {
    await Effect.runPromise(session.close());
    await srv.close();
  }
});
