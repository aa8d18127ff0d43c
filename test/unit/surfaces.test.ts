// The Promise API and the Effect API cover the same operations, and client-side problems
// are typed failures: never defects in the Effect API, never synchronous throws from a
// Promise method. No server is needed: every call here fails before or at its first RPC
// (the session points at a closed port and does not retry).
import test from "ava";
import { create } from "@bufbuild/protobuf";
import { Cause, Effect, Exit, Stream } from "effect";
import { ConfigRequestSchema, ExecutePlanRequestSchema } from "../../generated/spark/connect/base_pb.js";
import { methods, serverStream, unary } from "../../runtime/internal/rpc.js";
import {
  ArtifactError,
  InterruptedError,
  InvalidOptionError,
  InvalidPlanError,
  lit,
  type SparkConnectError,
  SparkSession,
} from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { StreamingQuery } from "../../src/streaming/StreamingQuery.js";

const OFFLINE = "sc://127.0.0.1:1";
const NO_RETRY = { retry: { maxRetries: 0 } };

/**
 * The methods of an object that are operations: called with no arguments they return a
 * Promise (which rejects here: bad arguments, or no server). Builders return objects or
 * throw a typed error for their missing arguments.
 */
async function promiseMethods(target: object, skip: readonly string[] = []): Promise<string[]> {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(target); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (name !== "constructor" && typeof d?.value === "function" && !skip.includes(name)) names.add(name);
    }
  }
  const actions: string[] = [];
  for (const name of [...names].sort()) {
    let result: unknown;
    try {
      result = (target as Record<string, () => unknown>)[name]!();
    } catch {
      continue; // a builder, refusing the missing arguments
    }
    if (result instanceof Promise) {
      actions.push(name);
      await result.catch(() => undefined);
    }
  }
  return actions;
}

test("every Promise operation has an Effect form of the same name", async (t) => {
  const spark = await SparkSession.connect(OFFLINE, NO_RETRY);
  const df = spark.range(3);
  // close() is checked by name: calling it would end the session for the other calls.
  const surfaces: [string, object, Record<string, unknown>, string[]][] = [
    ["DataFrame", df, Spark as Record<string, unknown>, []],
    ["SparkSession", spark, Spark as Record<string, unknown>, ["close"]],
    ["Catalog", spark.catalog, Spark.catalog, []],
    ["DataFrameWriter", df.write, Spark.write, []],
    ["DataFrameWriterV2", df.writeTo("t"), Spark.writeTo, []],
    ["RuntimeConfig", spark.conf, Spark.conf, []],
    ["DataFrameStatFunctions", df.stat, Spark.stat, []],
    ["DataStreamWriter", df.writeStream, Spark.stream, []],
    ["StreamingQuery", new StreamingQuery(spark.handle, { id: "q", runId: "r", name: undefined }), Spark.stream, []],
    ["StreamingQueryManager", spark.streams, Spark.stream, []],
    ["UDFRegistration", spark.udf, Spark.udf, []],
  ];
  const counts: Record<string, number> = {};
  for (const [name, target, effects, skip] of surfaces) {
    const actions = await promiseMethods(target, [...skip, Symbol.asyncDispose.toString()]);
    counts[name] = actions.length;
    const missing = actions.filter((a) => typeof effects[a] !== "function");
    t.deepEqual(missing, [], `${name}: Promise methods without an Effect form`);
  }
  t.is(typeof Spark.close, "function");
  t.true(counts["DataFrame"]! >= 29 && counts["Catalog"]! >= 24 && counts["DataFrameWriter"]! >= 8, JSON.stringify(counts));
  t.deepEqual([counts["DataFrameWriterV2"], counts["RuntimeConfig"], counts["DataFrameStatFunctions"]], [6, 5, 3]);
  t.deepEqual([counts["DataStreamWriter"], counts["StreamingQuery"], counts["StreamingQueryManager"]], [2, 9, 6]);
  await spark.close();
});

test("Promise methods never throw synchronously: bad input rejects with a typed error", async (t) => {
  const spark = await SparkSession.connect(OFFLINE, NO_RETRY);
  const df = spark.range(3);
  const calls: [string, () => Promise<unknown>, new (...a: never[]) => SparkConnectError][] = [
    ["collect({ operationId })", () => df.collect({ operationId: "x" }), InvalidOptionError],
    ["collect({ tags })", () => df.collect({ tags: ["a,b"] }), InvalidOptionError],
    ["collect({ timeout })", () => df.collect({ timeout: -1 }), InvalidOptionError],
    ["collect({ maxRows })", () => df.collect({ maxRows: -5 }), InvalidOptionError],
    ["take(-1)", () => df.take(-1), InvalidPlanError],
    ["tail(1.5)", () => df.tail(1.5), InvalidPlanError],
    ["explain(mode)", () => df.explain("loud" as never), InvalidPlanError],
    ["persist(level)", () => df.persist("NOWHERE" as never), InvalidPlanError],
    ["createTempView('')", () => df.createTempView(""), InvalidPlanError],
    ["interruptTag('a,b')", () => spark.interruptTag("a,b"), InvalidOptionError],
    ["conf.get('')", () => spark.conf.get(""), InvalidOptionError],
    ["catalog.getTable('')", () => spark.catalog.getTable(""), InvalidPlanError],
    ["write.save() without a path", () => df.write.save(), InvalidPlanError],
    ["write.parquet('')", () => df.write.parquet(""), InvalidPlanError],
    ["writeTo.overwrite('')", () => df.writeTo("t").overwrite(""), InvalidPlanError],
    ["stat.approxQuantile", () => df.stat.approxQuantile(["id"], [2], 0.1), InvalidPlanError],
    ["literal beyond LONG", () => df.select(lit(2n ** 70n)).collect(), InvalidPlanError],
    ["addArtifacts(missing)", () => spark.addArtifacts("/no/such/file.jar"), ArtifactError],
    ["addArtifacts(two kinds)", () => spark.addArtifacts("a.zip", { file: true, archive: true }), InvalidOptionError],
    ["copyFromLocalToFs(scheme)", () => spark.copyFromLocalToFs("a.csv", "s3://b/a.csv"), InvalidOptionError],
    ["udf.registerJavaFunction('')", () => spark.udf.registerJavaFunction("", "C"), InvalidPlanError],
  ];
  for (const [name, call, Cls] of calls) {
    let promise: Promise<unknown> | undefined;
    t.notThrows(() => {
      promise = call();
    }, name);
    await t.throwsAsync(promise!, { instanceOf: Cls }, name);
  }
  await spark.close();
});

test("Effect API: client-side problems are failures with their class, never defects", async (t) => {
  const spark = await SparkSession.connect(OFFLINE, NO_RETRY);
  const df = spark.range(3);
  const effects: [string, Effect.Effect<unknown, Spark.SparkConnectFailure>, string][] = [
    ["encoding", Spark.collect(df.select(lit(2n ** 70n))), "InvalidPlanError"],
    ["options", Spark.collect(df, { operationId: "nope" }), "InvalidOptionError"],
    ["arguments", Spark.take(df, -1), "InvalidPlanError"],
    ["writer", Spark.write.save(df.write), "InvalidPlanError"],
    ["catalog", Spark.catalog.getTable(spark.catalog, ""), "InvalidPlanError"],
    ["config", Spark.conf.set(spark.conf, "", "x"), "InvalidOptionError"],
    ["artifacts", Spark.addArtifacts(spark, "/no/such/file.jar"), "ArtifactError"],
    ["no server", Spark.count(df), "TransportError"],
  ];
  for (const [name, effect, tag] of effects) {
    const exit = await Effect.runPromiseExit(effect);
    t.true(Exit.isFailure(exit), name);
    if (Exit.isFailure(exit)) {
      t.false(Cause.hasDies(exit.cause), `${name}: a defect`);
      t.true(Cause.hasFails(exit.cause), `${name}: no typed failure`);
      t.is((Cause.squash(exit.cause) as { _tag: string })._tag, tag, name);
    }
  }
  // catchTag narrows on the literal tags.
  const recovered = await Effect.runPromise(
    Spark.take(df, -1).pipe(Effect.catchTag("InvalidPlanError", (e) => Effect.succeed(`caught: ${e.message.slice(0, 6)}`))),
  );
  t.is(recovered, "caught: take()");
  await spark.close();
});

test("a closed session rejects every operation with SessionClosedError, also in the Effect API", async (t) => {
  const spark = await SparkSession.connect(OFFLINE, NO_RETRY);
  await spark.close();
  await t.throwsAsync(spark.range(1).count(), { message: /is closed/ });
  const exit = await Effect.runPromiseExit(Spark.version(spark));
  t.true(Exit.isFailure(exit) && (Cause.squash(exit.cause) as { _tag: string })._tag === "SessionClosedError");
});

test("options may stand in place of the optional argument before them: listTables(db, { signal })", async (t) => {
  const spark = await SparkSession.connect(OFFLINE, NO_RETRY);
  const aborted = AbortSignal.abort(new Error("stop"));
  // An aborted signal rejects before anything is sent, which shows it was read as the options.
  const calls: [string, () => Promise<unknown>][] = [
    ["catalog.listTables(db, options)", () => spark.catalog.listTables("db", { signal: aborted })],
    ["catalog.listDatabases(options)", () => spark.catalog.listDatabases({ signal: aborted })],
    ["catalog.tableExists(name, options)", () => spark.catalog.tableExists("t", { signal: aborted })],
    ["catalog.cacheTable(name, options)", () => spark.catalog.cacheTable("t", { signal: aborted })],
    ["conf.get(key, options)", () => spark.conf.get("k", { signal: aborted })],
    ["conf.getAll(options)", () => spark.conf.getAll({ signal: aborted })],
  ];
  for (const [name, call] of calls) await t.throwsAsync(call(), { instanceOf: InterruptedError, message: /stop/ }, name);
  await t.throwsAsync(spark.catalog.listTables("db", 42 as never), { instanceOf: InvalidPlanError, message: /pattern must be a string/ });
  await spark.close();
});

test("DataFrames of two sessions are not combined: a typed error instead of a plan that runs a command twice", async (t) => {
  const a = await SparkSession.connect(OFFLINE, NO_RETRY);
  const b = await SparkSession.connect(OFFLINE, NO_RETRY);
  t.throws(() => a.range(3).union(b.range(3)), { instanceOf: InvalidPlanError, message: /different sessions/ });
  t.throws(() => a.range(3).join(b.range(3), "id"), { instanceOf: InvalidPlanError, message: /SESSION_NOT_SAME/ });
  t.throws(() => a.range(3).crossJoin({} as never), { instanceOf: InvalidPlanError, message: /must be a DataFrame/ });
  await t.throwsAsync(a.range(3).sameSemantics(b.range(3)), { instanceOf: InvalidPlanError });
  t.notThrows(() => a.range(3).union(a.range(2)));
  await a.close();
  await b.close();
});

test("a call made on a channel closed meanwhile is a typed failure, not a throw", async (t) => {
  const spark = await SparkSession.connect(OFFLINE, NO_RETRY);
  const { transport } = spark.handle.core.ctx;
  // The session's channels: grpc-js's, and the result streams' HTTP/2 connection.
  transport.client.close();
  transport.bulk?.close();
  for (const call of [
    unary(transport, methods.config, create(ConfigRequestSchema, {})),
    Stream.runDrain(serverStream(transport, methods.executePlan, create(ExecutePlanRequestSchema, {}))),
  ]) {
    const exit = await Effect.runPromiseExit(call as Effect.Effect<unknown, unknown>);
    t.true(Exit.isFailure(exit) && !Cause.hasDies(exit.cause));
    t.regex(String((Cause.squash(Exit.isFailure(exit) ? exit.cause : Cause.empty) as Error).message), /channel .* is closed/);
  }
  await spark.close();
});
