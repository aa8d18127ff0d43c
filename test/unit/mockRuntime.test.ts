// Client behaviour against the mock Spark Connect server (test/support/mockSpark.ts), for
// the answers a real Spark cannot be made to send: RetryInfo delays, INVALID_HANDLE at a
// chosen point, a stream cut before result_complete, a changed server-side session, Arrow
// batches out of order or in chunks. Each case asserts the exact RPC sequence the client
// sends (the retry, reattach and error rules the README and docs/errors.md describe),
// through the Promise API and, for some, through the Effect API.
import test, { type ExecutionContext } from "ava";
import { status } from "@grpc/grpc-js";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { Effect } from "effect";
import {
  AnalysisError,
  ProtocolError,
  SessionChangedError,
  SparkError,
  SparkSession,
  TransportError,
  UnsupportedByServerError,
  type ConnectOptions,
} from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import {
  type GrpcFailure,
  type Handler,
  type HandlerResult,
  MOCK_SERVER_SIDE_SESSION_ID,
  type MockSpark,
  type RecordedCall,
  startMockSpark,
} from "../support/mockSpark.js";

// ---------------------------------------------------------------- helpers

/** Fast retries, so that no case waits long; RetryInfo delays still win. */
const FAST: ConnectOptions = { retry: { initialBackoffMs: 5 } };

const ok: Handler = () => ({ kind: "unary", response: {} });

/** Answers for the cleanup calls, so that they succeed (an unhandled method is UNIMPLEMENTED). */
const cleanup: Record<string, Handler> = {
  ReleaseExecute: (req: { operationId: string }) => ({ kind: "unary", response: { operationId: req.operationId } }),
  Interrupt: (req: { interrupt: { value?: string } }) => ({ kind: "unary", response: { interruptedIds: [req.interrupt.value ?? ""] } }),
  ReleaseSession: ok,
};

/** One mock server and one session on it, both closed when the test ends (even when it fails). */
async function setup(
  t: ExecutionContext,
  handlers: Record<string, Handler>,
  options: ConnectOptions = FAST,
): Promise<{ mock: MockSpark; spark: SparkSession }> {
  const mock = await startMockSpark({ ...cleanup, ...handlers });
  let spark: SparkSession | undefined;
  t.teardown(async () => {
    await spark?.close();
    await mock.close();
  });
  spark = await SparkSession.connect(mock.url, options);
  return { mock, spark };
}

const unavailable = (extra: Partial<GrpcFailure> = {}): GrpcFailure => ({
  code: status.UNAVAILABLE,
  message: "mock: the server is restarting",
  ...extra,
});

/** What Spark sends when it does not know an operation (any more). */
const operationNotFound = (operationId: string): GrpcFailure => ({
  code: status.INTERNAL,
  message: `[INVALID_HANDLE.OPERATION_NOT_FOUND] The handle ${operationId} is invalid. Operation not found. SQLSTATE: HY000`,
  errorInfo: {
    reason: "org.apache.spark.SparkSQLException",
    metadata: {
      classes: JSON.stringify(["org.apache.spark.SparkSQLException", "org.apache.spark.SparkThrowable"]),
      errorClass: "INVALID_HANDLE.OPERATION_NOT_FOUND",
      sqlState: "HY000",
      messageParameters: JSON.stringify({ handle: operationId }),
    },
  },
});

const error = (failure: GrpcFailure): HandlerResult => ({ kind: "error", error: failure });

/** A complete Arrow IPC stream holding one LongType column `id`. */
const ipc = (ids: readonly bigint[]): Uint8Array => tableToIPC(tableFromArrays({ id: BigInt64Array.from(ids) }), "stream");

/** An ExecutePlanResponse with one whole Arrow batch. */
const batch = (operationId: string, responseId: string, ids: readonly bigint[], startOffset: number, extra: object = {}) => ({
  operationId,
  responseId,
  responseType: {
    case: "arrowBatch",
    value: { rowCount: BigInt(ids.length), data: ipc(ids), startOffset: BigInt(startOffset) },
  },
  ...extra,
});

const complete = (operationId: string, responseId: string) => ({
  operationId,
  responseId,
  responseType: { case: "resultComplete", value: {} },
});

const sparkVersion = (version = "4.1.1", extra: object = {}) => ({
  kind: "unary" as const,
  response: { result: { case: "sparkVersion", value: { version } }, ...extra },
});

/** A call as a short name: the method, and which release for ReleaseExecute. */
function describe(c: RecordedCall): string {
  if (c.method !== "ReleaseExecute") return c.method;
  const r = (c.request as { release: { case: string; value?: { responseId?: string } } }).release;
  return r.case === "releaseAll" ? "ReleaseExecute(all)" : `ReleaseExecute(until ${r.value?.responseId})`;
}

/**
 * The calls made so far. ReleaseExecute(release_until) runs in the background while the
 * result is consumed (when it is sent relative to later calls is not defined), so it is
 * left out unless asked for.
 */
const sequence = (mock: MockSpark, withReleaseUntil = false): string[] =>
  mock.calls.map(describe).filter((d) => withReleaseUntil || !d.startsWith("ReleaseExecute(until"));

const requestsOf = <T = Record<string, unknown>>(mock: MockSpark, method: string): T[] =>
  mock.calls.filter((c) => c.method === method).map((c) => c.request as T);

type ExecReq = { operationId: string; requestOptions: { requestOption: { case: string; value: { reattachable?: boolean } } }[] };
type ReattachReq = { operationId: string; lastResponseId?: string };
type ReleaseReq = { operationId: string; release: { case: string } };
type InterruptReq = { interrupt: { case: string; value: string } };

/** Every operation id the client used in ExecutePlan/ReattachExecute/ReleaseExecute/Interrupt. */
function operationIds(mock: MockSpark): string[] {
  return mock.calls.flatMap((c) => {
    const r = c.request as { operationId?: string; interrupt?: { case: string; value: string } };
    if (c.method === "Interrupt") return r.interrupt?.case === "operationId" ? [r.interrupt.value] : [];
    return ["ExecutePlan", "ReattachExecute", "ReleaseExecute"].includes(c.method) ? [r.operationId ?? ""] : [];
  });
}

// ---------------------------------------------------------------- a, b, c: unary retries

test("a. AnalyzePlan UNAVAILABLE twice with RetryInfo 200 ms, then success: 3 calls at least 200 ms apart", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: (_req, call) => (call.index < 2 ? error(unavailable({ retryDelayMs: 200 })) : sparkVersion("4.1.1")),
  });
  t.is(await spark.version(), "4.1.1");
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "AnalyzePlan", "AnalyzePlan", "ReleaseSession"]);
  const at = mock.calls.map((c) => c.at);
  t.true(at[1]! - at[0]! >= 200, `gap 1 was ${at[1]! - at[0]!} ms`);
  t.true(at[2]! - at[1]! >= 200, `gap 2 was ${at[2]! - at[1]!} ms`);
});

test("a (Effect API). Spark.version retries the same way and succeeds", async (t) => {
  const mock = await startMockSpark({
    ...cleanup,
    AnalyzePlan: (_req, call) => (call.index < 2 ? error(unavailable({ retryDelayMs: 200 })) : sparkVersion("4.1.1")),
  });
  t.teardown(() => mock.close());
  const version = await Effect.runPromise(
    Effect.scoped(Effect.flatMap(Spark.connect(mock.url, FAST), (spark) => Spark.version(spark))),
  );
  t.is(version, "4.1.1");
  // The scope closed the session: ReleaseSession is the last call.
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "AnalyzePlan", "AnalyzePlan", "ReleaseSession"]);
  t.true(mock.calls[2]!.at - mock.calls[0]!.at >= 400);
});

test("b. an INTERNAL Spark error with ErrorInfo AND RetryInfo is retried (RetryInfo makes any status retryable)", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: (_req, call) =>
      call.index === 0
        ? error({
            code: status.INTERNAL,
            message: "[SOME_BUSY_CONDITION] The cluster is busy.",
            errorInfo: {
              reason: "org.apache.spark.SparkException",
              metadata: { classes: '["org.apache.spark.SparkException"]', errorClass: "SOME_BUSY_CONDITION", sqlState: "XX000" },
            },
            retryDelayMs: 30,
          })
        : sparkVersion("4.1.1"),
  });
  t.is(await spark.version(), "4.1.1");
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "AnalyzePlan", "ReleaseSession"]);
  t.true(mock.calls[1]!.at - mock.calls[0]!.at >= 30);
});

test("b'. the same INTERNAL Spark error without RetryInfo is not retried", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: () =>
      error({
        code: status.INTERNAL,
        message: "[SOME_BUSY_CONDITION] The cluster is busy.",
        errorInfo: {
          reason: "org.apache.spark.SparkException",
          metadata: { classes: '["org.apache.spark.SparkException"]', errorClass: "SOME_BUSY_CONDITION", sqlState: "XX000" },
        },
      }),
  });
  const e = await t.throwsAsync(spark.version());
  t.true(e instanceof SparkError);
  t.is((e as SparkError).errorClass, "SOME_BUSY_CONDITION");
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "ReleaseSession"]);
});

test("b''. UNAVAILABLE carrying a Spark ErrorInfo but no RetryInfo is still retried: the status code decides", async (t) => {
  // PySpark retries on the gRPC status UNAVAILABLE whatever details it carries.
  const { mock, spark } = await setup(t, {
    AnalyzePlan: (_req, call) =>
      call.index === 0
        ? error({
            code: status.UNAVAILABLE,
            message: "[SOME_UNAVAILABLE_CONDITION] try again later",
            errorInfo: {
              reason: "org.apache.spark.SparkException",
              metadata: { classes: '["org.apache.spark.SparkException"]', errorClass: "SOME_UNAVAILABLE_CONDITION", sqlState: "XX000" },
            },
          })
        : sparkVersion("4.1.1"),
  });
  t.is(await spark.version(), "4.1.1");
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "AnalyzePlan", "ReleaseSession"]);
});

test("c. a plain AnalysisException: exactly one call, AnalysisError with its error class", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: () =>
      error({
        code: status.INTERNAL,
        message: "[X] Something does not resolve.",
        errorInfo: {
          reason: "org.apache.spark.sql.AnalysisException",
          metadata: { classes: '["org.apache.spark.sql.AnalysisException"]', errorClass: "X" },
        },
      }),
  });
  const e = await t.throwsAsync(spark.version());
  t.true(e instanceof AnalysisError, String(e));
  t.is((e as AnalysisError).errorClass, "X");
  t.is(e?.message, "[X] Something does not resolve.");
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "ReleaseSession"]);
});

// ---------------------------------------------------------------- d, e, f: reattachable execution

test("d. OPERATION_NOT_FOUND before any response: ExecutePlan is re-sent with the same operation id", async (t) => {
  const { mock, spark } = await setup(t, {
    ExecutePlan: (req: ExecReq, call) =>
      call.index === 0
        ? error(operationNotFound(req.operationId))
        : { kind: "stream", responses: [batch(req.operationId, "r1", [1n, 2n], 0), complete(req.operationId, "r2")] },
  });
  t.deepEqual(await spark.table("t").collect(), [{ id: 1n }, { id: 2n }]);
  await spark.close();
  t.deepEqual(sequence(mock), ["ExecutePlan", "ExecutePlan", "ReleaseExecute(all)", "ReleaseSession"]);
  const ids = operationIds(mock);
  t.is(new Set(ids).size, 1, ids.join(", "));
  for (const req of requestsOf<ExecReq>(mock, "ExecutePlan")) {
    t.true(req.requestOptions.some((o) => o.requestOption.case === "reattachOptions" && o.requestOption.value.reattachable === true));
  }
  t.is(requestsOf<ReleaseReq>(mock, "ReleaseExecute").at(-1)!.release.case, "releaseAll");
});

test("e. a stream that ends without result_complete is resumed with ReattachExecute(last_response_id); rows in order, once", async (t) => {
  const { mock, spark } = await setup(t, {
    ExecutePlan: (req: ExecReq) => ({ kind: "stream", responses: [batch(req.operationId, "r1", [1n, 2n], 0)], end: "ok" }),
    ReattachExecute: (req: ReattachReq) => ({
      kind: "stream",
      responses: [batch(req.operationId, "r2", [3n, 4n], 2), complete(req.operationId, "r3")],
    }),
  });
  t.deepEqual(await spark.table("t").collect(), [{ id: 1n }, { id: 2n }, { id: 3n }, { id: 4n }]);
  await spark.close();
  t.deepEqual(sequence(mock), ["ExecutePlan", "ReattachExecute", "ReleaseExecute(all)", "ReleaseSession"]);
  const [reattach] = requestsOf<ReattachReq>(mock, "ReattachExecute");
  t.is(reattach!.lastResponseId, "r1");
  t.is(new Set(operationIds(mock)).size, 1);
  // Background releases, when sent, only release what was consumed.
  const until = sequence(mock, true).filter((d) => d.startsWith("ReleaseExecute(until"));
  t.true(until.every((d) => d === "ReleaseExecute(until r1)" || d === "ReleaseExecute(until r2)"), until.join(", "));
});

test("e (Effect API). Spark.collect resumes the cut stream the same way", async (t) => {
  const mock = await startMockSpark({
    ...cleanup,
    ExecutePlan: (req: ExecReq) => ({ kind: "stream", responses: [batch(req.operationId, "r1", [1n, 2n], 0)], end: "ok" }),
    ReattachExecute: (req: ReattachReq) => ({
      kind: "stream",
      responses: [batch(req.operationId, "r2", [3n, 4n], 2), complete(req.operationId, "r3")],
    }),
  });
  t.teardown(() => mock.close());
  const rows = await Effect.runPromise(
    Effect.scoped(Effect.flatMap(Spark.connect(mock.url, FAST), (spark) => Spark.collect(spark.table("t")))),
  );
  t.deepEqual(rows, [{ id: 1n }, { id: 2n }, { id: 3n }, { id: 4n }]);
  t.deepEqual(sequence(mock), ["ExecutePlan", "ReattachExecute", "ReleaseExecute(all)", "ReleaseSession"]);
  t.is(requestsOf<ReattachReq>(mock, "ReattachExecute")[0]!.lastResponseId, "r1");
});

test("f. a response, then UNAVAILABLE, then OPERATION_NOT_FOUND on reattach: ProtocolError; Interrupt and ReleaseExecute(all) sent", async (t) => {
  const { mock, spark } = await setup(t, {
    ExecutePlan: (req: ExecReq) => ({
      kind: "stream",
      responses: [batch(req.operationId, "r1", [1n, 2n], 0)],
      end: { error: unavailable() },
    }),
    ReattachExecute: (req: ReattachReq) => error(operationNotFound(req.operationId)),
  });
  const e = await t.throwsAsync(spark.table("t").collect());
  t.true(e instanceof ProtocolError, String(e));
  t.regex(e!.message, /the rest cannot be fetched/);
  await spark.close();
  t.deepEqual(sequence(mock), ["ExecutePlan", "ReattachExecute", "Interrupt", "ReleaseExecute(all)", "ReleaseSession"]);
  t.is(requestsOf<ReattachReq>(mock, "ReattachExecute")[0]!.lastResponseId, "r1");
  const [interrupt] = requestsOf<InterruptReq>(mock, "Interrupt");
  t.is(interrupt!.interrupt.case, "operationId");
  t.is(new Set(operationIds(mock)).size, 1);
});

// ---------------------------------------------------------------- g: server-side session

test("g. the server-side session id changes between two calls: the second rejects with SessionChangedError", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: (_req, call) =>
      sparkVersion("4.1.1", call.index === 0 ? {} : { serverSideSessionId: "00000000-0000-4000-8000-0000000beef0" }),
  });
  t.is(await spark.version(), "4.1.1");
  const e = await t.throwsAsync(spark.version());
  t.true(e instanceof SessionChangedError, String(e));
  t.regex(e!.message, /cafe.*beef0/s);
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "AnalyzePlan", "ReleaseSession"]);
  const [first, second] = requestsOf<{ clientObservedServerSideSessionId?: string }>(mock, "AnalyzePlan");
  t.is(first!.clientObservedServerSideSessionId, undefined);
  t.is(second!.clientObservedServerSideSessionId, MOCK_SERVER_SIDE_SESSION_ID);
});

test("g'. a changed server-side session id in an ExecutePlan response fails the query (not retried)", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: () => sparkVersion("4.1.1"),
    ExecutePlan: (req: ExecReq) => ({
      kind: "stream",
      responses: [
        batch(req.operationId, "r1", [1n], 0, { serverSideSessionId: "00000000-0000-4000-8000-0000000beef0" }),
        complete(req.operationId, "r2"),
      ],
    }),
  });
  await spark.version();
  const e = await t.throwsAsync(spark.table("t").collect());
  t.true(e instanceof SessionChangedError, String(e));
  await spark.close();
  t.deepEqual(sequence(mock, true), ["AnalyzePlan", "ExecutePlan", "Interrupt", "ReleaseExecute(all)", "ReleaseSession"]);
});

// ---------------------------------------------------------------- h, i: Arrow batches

test("h. an Arrow batch whose start_offset skips rows: ProtocolError 'out of order'", async (t) => {
  const { mock, spark } = await setup(t, {
    ExecutePlan: (req: ExecReq) => ({
      kind: "stream",
      responses: [batch(req.operationId, "r1", [1n, 2n], 0), batch(req.operationId, "r2", [6n, 7n], 5), complete(req.operationId, "r3")],
    }),
  });
  const e = await t.throwsAsync(spark.table("t").collect());
  t.true(e instanceof ProtocolError, String(e));
  t.regex(e!.message, /out of order/);
  t.regex(e!.message, /starts at row 5 but 2 rows/);
  await spark.close();
  // The failure comes before result_complete is read: the operation is interrupted and released.
  t.deepEqual(sequence(mock), ["ExecutePlan", "Interrupt", "ReleaseExecute(all)", "ReleaseSession"]);
});

test("i. one Arrow batch split into 3 chunks is put back together; the next batch's offset counts its rows", async (t) => {
  const whole = ipc([10n, 20n, 30n]);
  const cut = [0, Math.floor(whole.byteLength / 3), Math.floor((2 * whole.byteLength) / 3), whole.byteLength];
  const chunks = [0, 1, 2].map((i) => whole.slice(cut[i], cut[i + 1]));
  t.true(chunks.every((c) => c.byteLength > 0));
  const { mock, spark } = await setup(t, {
    ExecutePlan: (req: ExecReq) => ({
      kind: "stream",
      responses: [
        ...chunks.map((data, i) => ({
          operationId: req.operationId,
          responseId: `r${i + 1}`,
          responseType: {
            case: "arrowBatch",
            value: { rowCount: 3n, data, startOffset: 0n, chunkIndex: BigInt(i), numChunksInBatch: 3n },
          },
        })),
        batch(req.operationId, "r4", [40n], 3),
        complete(req.operationId, "r5"),
      ],
    }),
  });
  t.deepEqual(await spark.table("t").collect(), [{ id: 10n }, { id: 20n }, { id: 30n }, { id: 40n }]);
  await spark.close();
  t.deepEqual(sequence(mock), ["ExecutePlan", "ReleaseExecute(all)", "ReleaseSession"]);
});

// ---------------------------------------------------------------- j: retries exhausted

test("j. ExecutePlan always UNAVAILABLE, maxRetries 3: ExecutePlan then 3 ReattachExecute without last_response_id, then 'Gave up after 3 retries'", async (t) => {
  const { mock, spark } = await setup(
    t,
    {
      ExecutePlan: () => error(unavailable()),
      ReattachExecute: () => error(unavailable()),
    },
    { retry: { initialBackoffMs: 5, maxRetries: 3 } },
  );
  const e = await t.throwsAsync(spark.table("t").collect());
  t.true(e instanceof TransportError, String(e));
  t.is((e as TransportError).code, status.UNAVAILABLE);
  t.regex(e!.message, /Gave up after 3 retries/);
  await spark.close();
  t.deepEqual(sequence(mock), [
    "ExecutePlan",
    "ReattachExecute",
    "ReattachExecute",
    "ReattachExecute",
    "Interrupt",
    "ReleaseExecute(all)",
    "ReleaseSession",
  ]);
  // No response was received: the reattaches carry no last_response_id, all the same operation.
  t.deepEqual(
    requestsOf<ReattachReq>(mock, "ReattachExecute").map((r) => r.lastResponseId),
    [undefined, undefined, undefined],
  );
  t.is(new Set(operationIds(mock)).size, 1);
  // Waits 5, 20, 80 ms (policy: initial 5, x4).
  const at = mock.calls.map((c) => c.at);
  t.true(at[3]! - at[0]! >= 105, `retries took ${at[3]! - at[0]!} ms`);
});

test("j (Effect API). the same exhaustion arrives as a TransportError in the typed error channel", async (t) => {
  const mock = await startMockSpark({
    ...cleanup,
    ExecutePlan: () => error(unavailable()),
    ReattachExecute: () => error(unavailable()),
  });
  t.teardown(() => mock.close());
  const e = await Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Spark.connect(mock.url, { retry: { initialBackoffMs: 5, maxRetries: 3 } }), (spark) =>
        Effect.flip(Spark.collect(spark.table("t"))),
      ),
    ),
  );
  t.true(e instanceof TransportError, String(e));
  t.is(e._tag, "TransportError");
  t.regex(e.message, /Gave up after 3 retries/);
  t.deepEqual(sequence(mock), [
    "ExecutePlan",
    "ReattachExecute",
    "ReattachExecute",
    "ReattachExecute",
    "Interrupt",
    "ReleaseExecute(all)",
    "ReleaseSession",
  ]);
});

test("j'. ExecutePlan UNAVAILABLE, then ReattachExecute OPERATION_NOT_FOUND (the request never arrived): ExecutePlan again, same id", async (t) => {
  const { mock, spark } = await setup(t, {
    ExecutePlan: (req: ExecReq, call) =>
      call.index === 0
        ? error(unavailable())
        : { kind: "stream", responses: [batch(req.operationId, "r1", [1n, 2n], 0), complete(req.operationId, "r2")] },
    ReattachExecute: (req: ReattachReq) => error(operationNotFound(req.operationId)),
  });
  t.deepEqual(await spark.table("t").collect(), [{ id: 1n }, { id: 2n }]);
  await spark.close();
  t.deepEqual(sequence(mock), ["ExecutePlan", "ReattachExecute", "ExecutePlan", "ReleaseExecute(all)", "ReleaseSession"]);
  t.is(requestsOf<ReattachReq>(mock, "ReattachExecute")[0]!.lastResponseId, undefined);
  t.is(new Set(operationIds(mock)).size, 1);
});

test("k. a server without an RPC (UNIMPLEMENTED): UnsupportedByServerError naming the RPC and the server's version, not retried", async (t) => {
  const { mock, spark } = await setup(t, {
    AnalyzePlan: () => ({ kind: "unary", response: { result: { case: "sparkVersion", value: { version: "3.5.9" } } } }),
  });
  // The mock implements no Config RPC.
  const e = await t.throwsAsync(spark.conf.get("spark.sql.ansi.enabled"));
  t.true(e instanceof UnsupportedByServerError, String(e));
  t.is((e as UnsupportedByServerError)._tag, "UnsupportedByServerError");
  t.is((e as UnsupportedByServerError).serverVersion, "3.5.9");
  t.regex(e.message, /Config/);
  t.regex(e.message, /this server is Spark 3\.5\.9/);
  t.is(mock.calls.filter((c) => c.method === "Config").length, 1, "not retried");
  // The version is asked once per session.
  await t.throwsAsync(spark.conf.set("a.b", "c"), { instanceOf: UnsupportedByServerError, message: /3\.5\.9/ });
  t.is(mock.calls.filter((c) => c.method === "AnalyzePlan").length, 1);
});
