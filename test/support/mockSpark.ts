// A minimal hand-written gRPC server speaking spark.connect.SparkConnectService, for the
// few responses a real Spark cannot be made to send: a RetryInfo delay on
// UNAVAILABLE, INVALID_HANDLE.OPERATION_NOT_FOUND at a chosen point, ... Each test scripts
// the answers with handlers; every call is recorded. Test support only.
import * as grpc from "@grpc/grpc-js";
import { create, fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { anyPack, DurationSchema, type Any } from "@bufbuild/protobuf/wkt";
import { SparkConnectService } from "../../generated/spark/connect/base_pb.js";
import { StatusSchema } from "../../generated/google/rpc/status_pb.js";
import { ErrorInfoSchema, RetryInfoSchema } from "../../generated/google/rpc/error_details_pb.js";

export interface RecordedCall {
  readonly method: string;
  readonly request: unknown; // the decoded message (an array of them for client-streaming AddArtifacts)
  readonly at: number; // Date.now()
}

export type HandlerResult =
  | { kind: "unary"; response: object } // init shape for the output schema
  | { kind: "stream"; responses: object[]; end?: "ok" | { error: GrpcFailure } } // server-streaming: responses, then ok or an error
  | { kind: "error"; error: GrpcFailure };

export type Handler = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request: any,
  call: { method: string; index: number }, // index: nth call of this method, from 0
) => HandlerResult | Promise<HandlerResult>;

export interface GrpcFailure {
  code: number; // grpc status
  message: string;
  errorInfo?: { reason: string; domain?: string; metadata?: Record<string, string> }; // domain defaults to "org.apache.spark"
  retryDelayMs?: number; // adds google.rpc.RetryInfo
}

export interface MockSpark {
  readonly port: number;
  readonly url: string; // "sc://127.0.0.1:<port>"
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

/** The server_side_session_id every response carries unless its handler sets another. */
export const MOCK_SERVER_SIDE_SESSION_ID = "00000000-0000-4000-8000-00000000cafe";

/** A grpc-js server error whose trailers carry a google.rpc.Status with ErrorInfo/RetryInfo details. */
function toServiceError(failure: GrpcFailure): Partial<grpc.ServiceError> {
  const details: Any[] = [];
  if (failure.errorInfo !== undefined) {
    const { reason, domain = "org.apache.spark", metadata = {} } = failure.errorInfo;
    details.push(anyPack(ErrorInfoSchema, create(ErrorInfoSchema, { reason, domain, metadata })));
  }
  if (failure.retryDelayMs !== undefined) {
    const ms = failure.retryDelayMs;
    const retryDelay = create(DurationSchema, { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 });
    details.push(anyPack(RetryInfoSchema, create(RetryInfoSchema, { retryDelay })));
  }
  const metadata = new grpc.Metadata();
  if (details.length > 0) {
    const status = create(StatusSchema, { code: failure.code, message: failure.message, details });
    metadata.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, status)));
  }
  return { code: failure.code, details: failure.message, metadata };
}

/** Encodes a handler's response init, defaulting sessionId (echoed) and serverSideSessionId. */
function encodeResponse(schema: DescMessage, init: object, sessionId: string): Buffer {
  const defaults: Record<string, string> = {};
  if (schema.fields.some((f) => f.localName === "sessionId")) defaults["sessionId"] = sessionId;
  if (schema.fields.some((f) => f.localName === "serverSideSessionId")) {
    defaults["serverSideSessionId"] = MOCK_SERVER_SIDE_SESSION_ID;
  }
  return Buffer.from(toBinary(schema, create(schema, { ...defaults, ...init } as never)));
}

/** Start a mock SparkConnectService on 127.0.0.1 (a free port). Unhandled methods answer UNIMPLEMENTED. */
export async function startMockSpark(handlers: Partial<Record<string, Handler>>): Promise<MockSpark> {
  const calls: RecordedCall[] = [];
  const counts = new Map<string, number>();
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};

  // Records the call and asks its handler (if any) what to answer; a throwing handler is INTERNAL.
  const answer = async (method: string, request: unknown, first: unknown): Promise<HandlerResult> => {
    const index = counts.get(method) ?? 0;
    counts.set(method, index + 1);
    calls.push({ method, request, at: Date.now() });
    const handler = handlers[method];
    if (handler === undefined) {
      return { kind: "error", error: { code: grpc.status.UNIMPLEMENTED, message: `mock: ${method} is not handled` } };
    }
    try {
      return await handler(first, { method, index });
    } catch (e) {
      return { kind: "error", error: { code: grpc.status.INTERNAL, message: `mock handler threw: ${String(e)}` } };
    }
  };
  const sessionOf = (request: unknown): string => (request as { sessionId?: string } | undefined)?.sessionId ?? "";
  const mismatch = (method: string, kind: string): { kind: "error"; error: GrpcFailure } => ({
    kind: "error",
    error: { code: grpc.status.INTERNAL, message: `mock: a "${kind}" result does not fit ${method}` },
  });

  for (const m of SparkConnectService.methods) {
    const { input, output, name } = m;
    const clientStreams = m.methodKind === "client_streaming" || m.methodKind === "bidi_streaming";
    const serverStreams = m.methodKind === "server_streaming" || m.methodKind === "bidi_streaming";
    definition[m.localName] = {
      path: `/spark.connect.SparkConnectService/${name}`,
      requestStream: clientStreams,
      responseStream: serverStreams,
      requestSerialize: (msg: unknown) => Buffer.from(toBinary(input, create(input, msg as object as never))),
      requestDeserialize: (bytes: Buffer) => fromBinary(input, bytes),
      responseSerialize: (bytes: unknown) => bytes as Buffer, // already encoded by encodeResponse
      responseDeserialize: (bytes: Buffer) => fromBinary(output, bytes),
    };

    if (m.methodKind === "unary") {
      // Unary: one request, one response or an error.
      implementation[m.localName] = (call: grpc.ServerUnaryCall<unknown, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        void answer(name, call.request, call.request).then((r) => {
          const result = r.kind === "stream" ? mismatch(name, r.kind) : r;
          if (result.kind === "error") callback(toServiceError(result.error));
          else callback(null, encodeResponse(output, result.response, sessionOf(call.request)));
        });
      };
    } else if (m.methodKind === "server_streaming") {
      // Server-streaming: write every response (in order, after the headers), then end ok or with the error.
      implementation[m.localName] = (call: grpc.ServerWritableStream<unknown, Buffer>) => {
        void answer(name, call.request, call.request).then((result) => {
          const sessionId = sessionOf(call.request);
          const responses = result.kind === "stream" ? result.responses : result.kind === "unary" ? [result.response] : [];
          for (const r of responses) call.write(encodeResponse(output, r, sessionId));
          const end = result.kind === "error" ? { error: result.error } : result.kind === "stream" ? result.end : "ok";
          if (end === undefined || end === "ok") call.end();
          else call.emit("error", toServiceError(end.error));
        });
      };
    } else if (m.methodKind === "client_streaming") {
      // Client-streaming (AddArtifacts): collect every request; the handler gets the array.
      implementation[m.localName] = (call: grpc.ServerReadableStream<unknown, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const requests: unknown[] = [];
        call.on("data", (req: unknown) => requests.push(req));
        call.on("error", () => {});
        call.on("end", () => {
          void answer(name, requests, requests).then((r) => {
            const result = r.kind === "stream" ? mismatch(name, r.kind) : r;
            if (result.kind === "error") callback(toServiceError(result.error));
            else callback(null, encodeResponse(output, result.response, sessionOf(requests[0])));
          });
        });
      };
    }
  }

  const server = new grpc.Server();
  server.addService(definition, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );

  return {
    port,
    url: `sc://127.0.0.1:${port}`,
    calls,
    // Graceful shutdown bounded to 500 ms, then force: a client that never finishes cannot hang a test.
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
