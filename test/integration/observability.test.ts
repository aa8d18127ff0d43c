// Spans and debug log events, seen the way a user sees them: an in-memory tracer and a
// logger given to the Promise API through connect(url, { layer }), or provided by the
// caller of the Effect API. The server ends every response stream after one second or
// 123 bytes, so a query's result arrives through ReattachExecute.
import test from "ava";
import { randomUUID } from "node:crypto";
import { Context, Effect, Exit, Layer, Logger, Option, References, Tracer } from "effect";
import type { LocalServer } from "../../runtime/LocalServer.js";
import { InterruptedError, SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { reattachingServer } from "../support/dedicatedServer.js";
import { TEST_RETRY } from "../support/server.js";

let server: LocalServer;
test.before(async () => {
  server = await reattachingServer();
});
test.after.always(() => server?.stop());

const ROWS = 300_000;

/** A tracer keeping every span it starts (Effect's own span class records the rest). */
function memoryTracer(): { tracer: Tracer.Tracer; spans: Tracer.NativeSpan[] } {
  const spans: Tracer.NativeSpan[] = [];
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options);
      spans.push(span);
      return span;
    },
  });
  return { tracer, spans };
}

/** One log event: level, message text, and the span it was logged in. */
interface LogEvent {
  readonly level: string;
  readonly message: string;
  readonly span: string | undefined;
}

/** A logger keeping every event it receives. */
function memoryLogger(): { logger: Logger.Logger<unknown, void>; events: LogEvent[] } {
  const events: LogEvent[] = [];
  const logger = Logger.make<unknown, void>(({ logLevel, message, fiber }) => {
    const parts = Array.isArray(message) ? message : [message];
    const span = Option.getOrUndefined(Context.getOption(fiber.context, Tracer.ParentSpan));
    events.push({ level: logLevel, message: parts.map(String).join(" "), span: span?._tag === "Span" ? span.name : undefined });
  });
  return { logger, events };
}

const parentOf = (span: Tracer.Span): Tracer.AnySpan | undefined => Option.getOrUndefined(span.parent);
const childrenOf = (spans: readonly Tracer.NativeSpan[], parent: Tracer.Span) => spans.filter((s) => parentOf(s) === parent);
const only = (spans: readonly Tracer.NativeSpan[], name: string) => spans.filter((s) => s.name === name);

/**
 * Checks the tree of one reattached toArrow(): the action's span, with the execution under
 * it, with one ExecutePlan and at least one ReattachExecute under that; every span ended.
 * Returns the action's span.
 */
function assertToArrowTree(t: import("ava").ExecutionContext, spans: readonly Tracer.NativeSpan[], operationId: string): Tracer.NativeSpan {
  const [action, ...moreActions] = only(spans, "spark.toArrow");
  t.truthy(action, "a spark.toArrow span");
  t.is(moreActions.length, 0);
  t.is(action!.attributes.get("spark.action"), "toArrow");
  t.is(action!.attributes.get("spark.rows"), ROWS);
  t.true((action!.attributes.get("spark.bytes") as number) > 0);

  const executions = childrenOf(spans, action!).filter((s) => s.name === "spark.execute");
  t.is(executions.length, 1, "one spark.execute under spark.toArrow");
  const execution = executions[0]!;
  t.is(execution.attributes.get("spark.operation_id"), operationId);
  t.is(typeof execution.attributes.get("spark.session_id"), "string");
  const reattaches = execution.attributes.get("spark.reattaches") as number;
  t.true(reattaches >= 1, `spark.reattaches = ${reattaches}`);
  t.is(execution.attributes.get("spark.stream_failures"), 0);
  t.is(execution.attributes.get("spark.complete"), true);

  const attempts = childrenOf(spans, execution);
  const executePlans = attempts.filter((s) => s.name === "spark.rpc.ExecutePlan");
  const reattachSpans = attempts.filter((s) => s.name === "spark.rpc.ReattachExecute");
  t.is(executePlans.length, 1, "one ExecutePlan attempt");
  t.is(reattachSpans.length, reattaches, "one ReattachExecute span per reattach");
  t.is(attempts.length, executePlans.length + reattachSpans.length, "only RPC attempts under spark.execute");
  for (const s of attempts) {
    t.is(s.kind, "client");
    t.is(s.attributes.get("rpc.system"), "grpc");
    t.is(s.attributes.get("rpc.method"), s.name.slice("spark.rpc.".length));
    t.is(s.attributes.get("spark.operation_id"), operationId);
  }
  // A reattach names the last response received (none when the first stream ended before one).
  t.true(reattachSpans.some((s) => typeof s.attributes.get("spark.last_response_id") === "string"));

  for (const s of [action!, execution, ...attempts]) {
    t.is(s.status._tag, "Ended", `${s.name} ended`);
    if (s.status._tag === "Ended") t.true(Exit.isSuccess(s.status.exit), `${s.name} succeeded`);
    t.is(s.traceId, action!.traceId, `${s.name} is in the action's trace`);
  }
  return action!;
}

test("Promise API: a tracer given to connect() sees toArrow -> execute -> ExecutePlan + ReattachExecute", async (t) => {
  const { tracer, spans } = memoryTracer();
  const spark = await SparkSession.connect(server.connectionString(), { retry: TEST_RETRY, layer: Layer.succeed(Tracer.Tracer, tracer) });
  try {
    const operationId = randomUUID();
    const table = await spark.range(ROWS).toArrow({ operationId });
    t.is(table.numRows, ROWS);
    const action = assertToArrowTree(t, spans, operationId);
    t.is(parentOf(action), undefined, "spark.toArrow is a root span");

    // A unary call: the action's span with the RPC's span under it.
    await spark.version();
    const [version] = only(spans, "spark.version");
    t.truthy(version);
    const rpcs = childrenOf(spans, version!);
    t.deepEqual(rpcs.map((s) => s.name), ["spark.rpc.AnalyzePlan"]);
    t.is(rpcs[0]!.kind, "client");
    t.is(rpcs[0]!.attributes.get("rpc.method"), "AnalyzePlan");
    t.is(rpcs[0]!.attributes.get("spark.session_id"), only(spans, "spark.execute")[0]!.attributes.get("spark.session_id"), "the same session");
    t.is(rpcs[0]!.status._tag, "Ended");
  } finally {
    await spark.close();
  }
});

test("Effect API: the spans nest under the caller's span, with the caller's tracer", async (t) => {
  const { tracer, spans } = memoryTracer();
  const operationId = randomUUID();
  const program = Effect.gen(function* () {
    const spark = yield* Spark.Spark;
    const table = yield* Spark.toArrow(spark.range(ROWS), { operationId });
    return table.numRows;
  }).pipe(Effect.withSpan("nightly-report"), Effect.provide(Spark.layer(server.connectionString(), { retry: TEST_RETRY })), Effect.withTracer(tracer));
  t.is(await Effect.runPromise(program), ROWS);

  const [mine] = only(spans, "nightly-report");
  t.truthy(mine);
  const action = assertToArrowTree(t, spans, operationId);
  t.is(parentOf(action), mine, "spark.toArrow is a child of the caller's span");
  t.is(mine!.status._tag, "Ended");
});

test("debug log events: reattaching and releasing a query, interrupting an aborted one", async (t) => {
  const { logger, events } = memoryLogger();
  const layer = Layer.mergeAll(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "Debug"));
  const spark = await SparkSession.connect(server.connectionString(), { retry: TEST_RETRY, layer });
  const operationId = randomUUID();
  const slowId = randomUUID();
  try {
    // A reattached query: reattaching, releasing up to each response consumed, and the
    // whole operation at the end (in the background: the session's close waits for it).
    t.is((await spark.range(ROWS).toArrow({ operationId })).numRows, ROWS);

    // An aborted query: interrupted on the server, then released, before the action fails.
    const controller = new AbortController();
    let onProgress = () => {};
    const running = new Promise<void>((ok) => (onProgress = ok));
    const job = spark.sql("SELECT java_method('java.lang.Thread', 'sleep', 60000L) AS s FROM range(1)").collect({ signal: controller.signal, operationId: slowId, onProgress });
    await running;
    controller.abort(new Error("stop"));
    await t.throwsAsync(job, { instanceOf: InterruptedError });
    const interrupted = events.filter((e) => e.message.startsWith(`spark-connect: interrupted operation ${slowId}`));
    t.is(interrupted.length, 1, "one interrupted-operation event, logged before the action failed");
    t.regex(interrupted[0]!.message, new RegExp(`server confirmed: .*${slowId}`));
    // Then its release, whose outcome is logged either way (a server may refuse to release
    // an operation it is still cancelling).
    const release = events.filter(
      (e) => e.message === `spark-connect: released operation ${slowId}` || e.message.startsWith(`spark-connect: could not release operation ${slowId} `),
    );
    t.is(release.length, 1, "one release event for the aborted query, logged before the action failed");
  } finally {
    await spark.close();
  }

  for (const e of events) t.is(e.level, "Debug", e.message);
  const about = (id: string, prefix: string) => events.filter((e) => e.message.startsWith(`spark-connect: ${prefix} operation ${id}`));
  const reattaching = about(operationId, "reattaching");
  t.true(reattaching.length >= 1, `${reattaching.length} reattaching events`);
  for (const e of reattaching) t.is(e.span, "spark.rpc.ReattachExecute", "logged within the reattach's span");
  const released = about(operationId, "released");
  t.true(released.some((e) => / up to response /.test(e.message)), "released up to a response while streaming");
  t.true(released.some((e) => e.message === `spark-connect: released operation ${operationId}`), "released the whole operation at the end");
});
