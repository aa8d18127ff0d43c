import * as grpc from "@grpc/grpc-js";
import { fromBinary, toBinary, type DescMessage, type DescMethod, type MessageShape } from "@bufbuild/protobuf";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { SparkConnectService } from "../../generated/spark/connect/base_pb.js";
import { SessionClosedError, SparkConnectError, TransportError } from "../errors.js";
import { fromGrpcError } from "./grpcErrors.js";
import { CONNECT_DEADLINE_TEXT } from "../Retry.js";
import { type TokenSource, withToken, withTokenStream } from "./credentials.js";
import type { Http2Channel } from "./http2Transport.js";

/** The service's methods by their generated local name (executePlan, analyzePlan, ...). */
export const methods = SparkConnectService.method;

/** A unary method of the service, with its request and response schemas. */
export type UnaryMethod<I extends DescMessage, O extends DescMessage> = DescMethod & {
  readonly methodKind: "unary";
  readonly input: I;
  readonly output: O;
};
/** A server-streaming method of the service. */
export type StreamMethod<I extends DescMessage, O extends DescMessage> = DescMethod & {
  readonly methodKind: "server_streaming";
  readonly input: I;
  readonly output: O;
};

/** A client-streaming method of the service (AddArtifacts). */
export type ClientStreamMethod<I extends DescMessage, O extends DescMessage> = DescMethod & {
  readonly methodKind: "client_streaming";
  readonly input: I;
  readonly output: O;
};

/** What every call needs: the channel, the headers and a target name for messages. */
export interface Transport {
  readonly client: grpc.Client;
  readonly target: string;
  readonly metadata: () => grpc.Metadata;
  /** Options of unary calls (a deadline when a per-call timeout is set). */
  readonly callOptions: () => grpc.CallOptions;
  /** Removes secrets (tokens, credential values) from text that goes into an error message. */
  readonly redact: (text: string) => string;
  /** The token provider's cache, when the token comes from one: each call asks it for the current token. */
  readonly auth?: TokenSource | undefined;
  /** The connection result streams are read over, when it is not the grpc-js channel's. */
  readonly bulk?: Http2Channel | undefined;
}

const codecs = new Map<DescMethod, { path: string; ser: (m: any) => Buffer; de: (b: Buffer) => any }>();

function codec(method: DescMethod) {
  let c = codecs.get(method);
  if (c === undefined) {
    c = {
      path: `/${method.parent.typeName}/${method.name}`,
      ser: (m) => {
        const bytes = toBinary(method.input, m);
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      },
      // Spark accepts plans 1024 levels deep (spark.connect.grpc.marshallerRecursionLimit); answers are read as deep.
      de: (b) => fromBinary(method.output, b, { recursionLimit: 1100 }),
    };
    codecs.set(method, c);
  }
  return c;
}

/** A call on a channel that was closed (the session was closed meanwhile). */
function channelClosed(transport: Transport, cause: unknown): SparkConnectError {
  return new SessionClosedError({
    message: `The channel to ${transport.target} is closed: the session was closed while this call was being made. Open a new one with SparkSession.connect(...).`,
    cause,
  });
}

/**
 * One unary RPC as an Effect. Interrupting the fiber cancels the call on the wire.
 */
export function unary<I extends DescMessage, O extends DescMessage>(
  transport: Transport,
  method: UnaryMethod<I, O>,
  request: MessageShape<I>,
): Effect.Effect<MessageShape<O>, SparkConnectError> {
  const { path, ser, de } = codec(method);
  return withToken(transport, (metadata) => Effect.callback<MessageShape<O>, SparkConnectError>((resume) => {
    let call: grpc.ClientUnaryCall;
    try {
      call = transport.client.makeUnaryRequest(
        path,
        ser,
        de,
        request,
        metadata,
        transport.callOptions(),
        (err: grpc.ServiceError | null, res?: MessageShape<O>) => {
          if (err) resume(Effect.fail(fromGrpcError(err, { ...transport, rpc: path })));
          else resume(Effect.succeed(res as MessageShape<O>));
        },
      );
    } catch (e) {
      resume(Effect.fail(channelClosed(transport, e)));
      return;
    }
    return Effect.sync(() => call.cancel());
  }));
}

/**
 * How long a server stream may wait for its next message: `idleMs` after the consumer
 * asked for it, and, while the session has never reached its server, until
 * `connectDeadline()` (epoch ms).
 */
export interface StreamDeadlines {
  readonly idleMs: number;
  readonly connectDeadline?: () => number | undefined;
}

/**
 * The messages of `source`, each awaited at most as the deadlines allow: past them the
 * iteration fails with a retryable TransportError (the caller's finalizer cancels the
 * call). Only the time the consumer waits counts: a consumer that does not pull holds
 * no timer.
 */
function bounded<T>(source: AsyncIterable<T>, limits: StreamDeadlines, target: string, rpc: string, cancel: () => void): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        next: () =>
          new Promise<IteratorResult<T>>((resolve, reject) => {
            const since = Date.now();
            let timer: NodeJS.Timeout | undefined;
            const arm = () => {
              const idleAt = since + limits.idleMs;
              const connectAt = limits.connectDeadline?.();
              const at = connectAt !== undefined && connectAt < idleAt ? connectAt : idleAt;
              timer = setTimeout(() => {
                const now = Date.now();
                const stillConnecting = limits.connectDeadline?.();
                if (stillConnecting !== undefined && now >= stillConnecting) {
                  cancel();
                  reject(new TransportError({ code: 14, message: `No answer from ${target} on ${rpc}: ${CONNECT_DEADLINE_TEXT}` }));
                } else if (now - since >= limits.idleMs) {
                  cancel();
                  reject(
                    new TransportError({
                      code: 14,
                      message:
                        `No response from ${target} on ${rpc} for ${(limits.idleMs / 1000).toFixed(0)} s while one was awaited ` +
                        `(a half-open connection or a stalled server). The idleTimeoutMs option of SparkSession.connect ` +
                        `sets this deadline; each expiry resumes the stream where it stopped and counts as one retry.`,
                    }),
                  );
                } else arm();
              }, Math.max(1, at - Date.now()));
            };
            arm();
            it.next().then(
              (r) => {
                clearTimeout(timer);
                resolve(r);
              },
              (e: unknown) => {
                clearTimeout(timer);
                reject(e);
              },
            );
          }),
        // Ending early must not wait for a read that may never come: the call is cancelled instead.
        return: (value?: unknown) => {
          cancel();
          it.return?.(value).catch(() => undefined);
          return Promise.resolve({ done: true as const, value: value as T });
        },
      };
    },
  };
}

/**
 * One server-streaming RPC as a Stream. Messages are pulled one at a time: while the
 * consumer does not pull, grpc-js stops reading from the socket and HTTP/2 flow control
 * holds the server back. Closing the stream early cancels the call. With `limits`, a
 * message awaited past them fails the stream with a retryable TransportError.
 */
export function serverStream<I extends DescMessage, O extends DescMessage>(
  transport: Transport,
  method: StreamMethod<I, O>,
  request: MessageShape<I>,
  limits?: StreamDeadlines,
): Stream.Stream<MessageShape<O>, SparkConnectError> {
  const { path, ser, de } = codec(method);
  return withTokenStream(transport, (metadata) => Stream.unwrap(
    Effect.map(
      Effect.acquireRelease(
        Effect.try({
          try: () => transport.client.makeServerStreamRequest(path, ser, de, request, metadata, {}),
          catch: (e) => channelClosed(transport, e),
        }),
        (call) => Effect.sync(() => call.cancel()),
      ),
      (call) =>
        Stream.fromAsyncIterable(
          limits === undefined ? (call as AsyncIterable<MessageShape<O>>) : bounded(call as AsyncIterable<MessageShape<O>>, limits, transport.target, method.name, () => call.cancel()),
          (e) => (e instanceof SparkConnectError ? e : fromGrpcError(e as grpc.ServiceError, { ...transport, rpc: path })),
        ),
    ),
  ));
}

/**
 * One client-streaming RPC as an Effect: the messages of `requests()` are written one at a
 * time, each after grpc-js accepted the previous ones (a slow server holds the writer back
 * through HTTP/2 flow control), then the call is half-closed and the single answer awaited.
 * `requests` is called once per attempt, so the call can be made again. A request that
 * throws a SparkConnectError while it is made (a file that cannot be read) cancels the
 * call and fails the effect with that error. Interrupting the fiber cancels the call on
 * the wire; requests not made by then are abandoned (their iterator is closed).
 */
export function clientStream<I extends DescMessage, O extends DescMessage>(
  transport: Transport,
  method: ClientStreamMethod<I, O>,
  requests: () => Iterable<MessageShape<I>>,
): Effect.Effect<MessageShape<O>, SparkConnectError> {
  const { path, ser, de } = codec(method);
  return withToken(transport, (metadata) => Effect.callback<MessageShape<O>, SparkConnectError>((resume) => {
    let settled = false;
    let source: Iterator<MessageShape<I>> | undefined;
    let drained = false;
    // Requests not made when the call ended early are abandoned: the iterator closes what it holds (a file).
    const release = () => {
      if (source === undefined || drained) return;
      drained = true;
      try {
        source.return?.();
      } catch {
        // Its own cleanup failing changes nothing about the call's outcome.
      }
    };
    const settle = (effect: Effect.Effect<MessageShape<O>, SparkConnectError>) => {
      if (settled) return;
      settled = true;
      release();
      resume(effect);
    };
    let call: grpc.ClientWritableStream<MessageShape<I>>;
    try {
      call = transport.client.makeClientStreamRequest(path, ser, de, metadata, {}, (err: grpc.ServiceError | null, res?: MessageShape<O>) => {
        if (err) settle(Effect.fail(fromGrpcError(err, { ...transport, rpc: path })));
        else settle(Effect.succeed(res as MessageShape<O>));
      });
    } catch (e) {
      settle(Effect.fail(channelClosed(transport, e)));
      return;
    }
    // The call's outcome reaches the callback; the stream's own error events carry nothing more.
    call.on("error", () => undefined);
    const pump = () => {
      try {
        source ??= requests()[Symbol.iterator]();
        while (!settled) {
          const next = source.next();
          if (next.done) {
            drained = true;
            call.end();
            return;
          }
          if (!call.write(next.value)) {
            call.once("drain", pump);
            return;
          }
        }
      } catch (e) {
        drained = true; // a generator that threw is finished
        // The library's requests throw only its own errors; anything else is a bug.
        settle(e instanceof SparkConnectError ? Effect.fail(e) : Effect.die(e));
        call.cancel();
      }
    };
    pump();
    return Effect.sync(() => {
      settled = true;
      release();
      call.cancel();
    });
  }));
}
