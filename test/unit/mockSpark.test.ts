// Self-test of the mock SparkConnectService, through a raw @grpc/grpc-js client (not the library).
import test from "ava";
import * as grpc from "@grpc/grpc-js";
import { create, fromBinary, toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import {
  ConfigRequestSchema,
  ConfigResponseSchema,
  ExecutePlanRequestSchema,
  ExecutePlanResponseSchema,
  AnalyzePlanRequestSchema,
  AnalyzePlanResponseSchema,
  InterruptRequestSchema,
  InterruptResponseSchema,
  ReleaseExecuteRequestSchema,
  ReleaseExecuteResponseSchema,
} from "../../generated/spark/connect/base_pb.js";
import { StatusSchema } from "../../generated/google/rpc/status_pb.js";
import { ErrorInfoSchema, RetryInfoSchema } from "../../generated/google/rpc/error_details_pb.js";
import { MOCK_SERVER_SIDE_SESSION_ID, startMockSpark } from "../support/mockSpark.js";

const SERVICE = "/spark.connect.SparkConnectService/";
const ser = <I extends DescMessage>(schema: I) => (m: MessageShape<I>) => Buffer.from(toBinary(schema, m));
const de = <O extends DescMessage>(schema: O) => (b: Buffer) => fromBinary(schema, b);

/** A raw unary call; resolves with the response or rejects with the grpc ServiceError. */
function unary<I extends DescMessage, O extends DescMessage>(
  client: grpc.Client, method: string, input: I, output: O, request: MessageShape<I>,
): Promise<MessageShape<O>> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(SERVICE + method, ser(input), de(output), request, (err, res) =>
      err ? reject(err) : resolve(res as MessageShape<O>),
    ),
  );
}

const sparkError = {
  code: grpc.status.UNAVAILABLE,
  message: "try again later",
  errorInfo: { reason: "org.apache.spark.SparkException", metadata: { errorClass: "SOME_CLASS", sqlState: "XX000" } },
  retryDelayMs: 1500,
};

test("unary answer, server-side session id, streaming answer with ErrorInfo+RetryInfo, recorded calls, UNIMPLEMENTED", async (t) => {
  const mock = await startMockSpark({
    Config: (req, call) => ({
      kind: "unary",
      response:
        call.index === 0
          ? { pairs: [{ key: "k", value: `for ${req.sessionId}` }] }
          : { serverSideSessionId: "another" },
    }),
    ExecutePlan: (req) => ({
      kind: "stream",
      responses: [1, 2, 3].map((i) => ({ operationId: req.operationId, responseId: `r${i}` })),
      end: { error: sparkError },
    }),
  });
  const client = new grpc.Client(`127.0.0.1:${mock.port}`, grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await mock.close();
  });
  t.regex(mock.url, /^sc:\/\/127\.0\.0\.1:\d+$/);

  // Unary: the handler's fields, sessionId echoed, the fixed server-side session id unless overridden.
  const config = await unary(client, "Config", ConfigRequestSchema, ConfigResponseSchema, create(ConfigRequestSchema, { sessionId: "s-1" }));
  t.is(config.sessionId, "s-1");
  t.is(config.serverSideSessionId, MOCK_SERVER_SIDE_SESSION_ID);
  t.deepEqual(config.pairs.map((p) => [p.key, p.value]), [["k", "for s-1"]]);
  const second = await unary(client, "Config", ConfigRequestSchema, ConfigResponseSchema, create(ConfigRequestSchema, { sessionId: "s-1" }));
  t.is(second.serverSideSessionId, "another");

  // Server-streaming: three responses in order, then UNAVAILABLE with decodable details.
  const request = create(ExecutePlanRequestSchema, { sessionId: "s-1", operationId: "op-1" });
  const stream = client.makeServerStreamRequest(SERVICE + "ExecutePlan", ser(ExecutePlanRequestSchema), de(ExecutePlanResponseSchema), request);
  const received: string[] = [];
  const error = await new Promise<grpc.ServiceError>((resolve, reject) => {
    stream.on("data", (r: MessageShape<typeof ExecutePlanResponseSchema>) => {
      t.is(r.sessionId, "s-1");
      t.is(r.serverSideSessionId, MOCK_SERVER_SIDE_SESSION_ID);
      t.is(r.operationId, "op-1");
      received.push(r.responseId);
    });
    stream.on("error", resolve);
    stream.on("end", () => reject(new Error("the stream ended without an error")));
  });
  t.deepEqual(received, ["r1", "r2", "r3"]);
  t.is(error.code, grpc.status.UNAVAILABLE);
  t.is(error.details, "try again later");
  const raw = error.metadata.get("grpc-status-details-bin")[0];
  t.true(raw instanceof Uint8Array);
  const status = fromBinary(StatusSchema, raw as Uint8Array);
  t.is(status.code, grpc.status.UNAVAILABLE);
  t.deepEqual(status.details.map((d) => d.typeUrl), [
    "type.googleapis.com/google.rpc.ErrorInfo",
    "type.googleapis.com/google.rpc.RetryInfo",
  ]);
  const info = anyUnpack(status.details[0]!, ErrorInfoSchema);
  t.is(info?.reason, "org.apache.spark.SparkException");
  t.is(info?.domain, "org.apache.spark");
  t.deepEqual(info?.metadata, { errorClass: "SOME_CLASS", sqlState: "XX000" });
  const retry = anyUnpack(status.details[1]!, RetryInfoSchema);
  t.is(retry?.retryDelay?.seconds, 1n);
  t.is(retry?.retryDelay?.nanos, 500_000_000);

  // Unhandled methods answer UNIMPLEMENTED (and are still recorded).
  const unimplemented = await t.throwsAsync(
    unary(client, "AnalyzePlan", AnalyzePlanRequestSchema, AnalyzePlanResponseSchema, create(AnalyzePlanRequestSchema, { sessionId: "s-1" })),
  );
  t.is((unimplemented as grpc.ServiceError).code, grpc.status.UNIMPLEMENTED);
  t.is((unimplemented as grpc.ServiceError).metadata.get("grpc-status-details-bin").length, 0);

  // Every call recorded, in order, with its decoded request.
  t.deepEqual(mock.calls.map((c) => c.method), ["Config", "Config", "ExecutePlan", "AnalyzePlan"]);
  t.is((mock.calls[2]!.request as MessageShape<typeof ExecutePlanRequestSchema>).operationId, "op-1");
  t.true(mock.calls.every((c, i) => i === 0 || c.at >= mock.calls[i - 1]!.at));
});

test("an error-only answer on a unary method carries its details; a throwing handler is INTERNAL", async (t) => {
  const mock = await startMockSpark({
    ReleaseExecute: () => ({
      kind: "error",
      error: { code: grpc.status.INTERNAL, message: "gone", errorInfo: { reason: "INVALID_HANDLE.OPERATION_NOT_FOUND" } },
    }),
    Interrupt: () => {
      throw new Error("boom");
    },
  });
  const client = new grpc.Client(`127.0.0.1:${mock.port}`, grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await mock.close();
  });
  const err = (await t.throwsAsync(
    unary(client, "ReleaseExecute", ReleaseExecuteRequestSchema, ReleaseExecuteResponseSchema, create(ReleaseExecuteRequestSchema)),
  )) as grpc.ServiceError;
  t.is(err.code, grpc.status.INTERNAL);
  const status = fromBinary(StatusSchema, err.metadata.get("grpc-status-details-bin")[0] as Uint8Array);
  t.is(status.details.length, 1);
  t.is(anyUnpack(status.details[0]!, ErrorInfoSchema)?.reason, "INVALID_HANDLE.OPERATION_NOT_FOUND");
  const thrown = (await t.throwsAsync(
    unary(client, "Interrupt", InterruptRequestSchema, InterruptResponseSchema, create(InterruptRequestSchema)),
  )) as grpc.ServiceError;
  t.is(thrown.code, grpc.status.INTERNAL);
  t.regex(thrown.details, /boom/);
});
