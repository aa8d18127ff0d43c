// Deep nesting against the real server: plans and column expressions nested right at the
// client's limit run, one level more fails typed before anything is sent, createDataFrame
// data at its nesting limit round-trips, a plan past the server's own protobuf recursion
// limit (sent around the client's check) fails typed with the cause named, and the
// session keeps working after each failure.
import test from "ava";
import { create } from "@bufbuild/protobuf";
import { Effect, Stream } from "effect";
import { PlanSchema } from "../../generated/spark/connect/base_pb.js";
import { type Relation, RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { InvalidPlanError, InvalidPlanInputError } from "../../runtime/errors.js";
import { col, type DataFrame, lit, SparkSession } from "../../src/index.js";
import { MAX_DATA_NESTING } from "../../src/internal/localRelation.js";
import { encodePlan } from "../../src/plan/encodeRelation.js";
import { MAX_PLAN_NESTING, protoNesting, SERVER_NESTING_LIMIT } from "../../src/plan/nesting.js";

const url = process.env["SPARK_CONNECT_TEST_URL"] ?? "sc://localhost:15002";

/** Levels of the request around a query's root relation: ExecutePlanRequest > Plan > Relation. */
const ENVELOPE = 2;

const depthOf = (df: DataFrame<unknown>) => protoNesting(PlanSchema, encodePlan(df.plan)) - 1;

async function stillWorks(spark: SparkSession): Promise<unknown> {
  return spark.sql("SELECT 1 AS x").collect();
}

test.serial("a DataFrame chain right at the limit runs; one operation more fails typed; the session goes on", async (t) => {
  const spark = await SparkSession.connect(url);
  t.teardown(() => spark.close());
  const limits = (n: number) => {
    let df = spark.range(3);
    for (let i = 0; i < n; i++) df = df.limit(1000);
    return df;
  };
  const at = Math.floor((MAX_PLAN_NESTING - 1) / 2);
  t.is(depthOf(limits(at)), MAX_PLAN_NESTING - 1, "the deepest a chain of limits can be within the limit");
  t.deepEqual(await limits(at).collect(), [{ id: 0n }, { id: 1n }, { id: 2n }]);
  t.is(await limits(at - 1).count(), 3, "count() adds an aggregate (2 levels) on top");
  const started = Date.now();
  const err = await t.throwsAsync(limits(at + 1).collect(), { instanceOf: InvalidPlanError });
  t.regex(err.message, /^The plan nests 1001 protobuf message levels deep, more than the 1000 this client sends/);
  t.regex(err.message, /createOrReplaceTempView/);
  t.true(Date.now() - started < 5_000, "refused on the client, without a round trip to the server");
  await t.throwsAsync(limits(10_000).count(), { instanceOf: InvalidPlanError, message: /more than 1000/ });
  t.deepEqual(await stillWorks(spark), [{ x: 1 }]);
});

test.serial("a Column chain right at the limit runs; one level more fails typed", async (t) => {
  const spark = await SparkSession.connect(url);
  t.teardown(() => spark.close());
  const select = (n: number) => {
    let c = col("id");
    for (let i = 0; i < n; i++) c = c.plus(lit(1n));
    return spark.range(3).select(c.alias("v"));
  };
  const at = Math.floor((MAX_PLAN_NESTING - 5) / 2); // Relation > Project > Expression > Alias > the chain (2n+1)
  t.is(depthOf(select(at)), MAX_PLAN_NESTING - 1);
  t.deepEqual(await select(at).collect(), [{ v: BigInt(at) }, { v: BigInt(at + 1) }, { v: BigInt(at + 2) }]);
  await t.throwsAsync(select(at + 1).collect(), { instanceOf: InvalidPlanError, message: /^The plan nests 1001 protobuf/ });
  await t.throwsAsync(select(10_000).collect(), { instanceOf: InvalidPlanError, message: /more than 1000/ });
  t.deepEqual(await stillWorks(spark), [{ x: 1 }]);
});

test.serial("createDataFrame data nested right at its limit round-trips; deeper and circular data fail typed", async (t) => {
  const spark = await SparkSession.connect(url);
  t.teardown(() => spark.close());
  let value: unknown = 7n;
  for (let i = 0; i < MAX_DATA_NESTING; i++) value = i % 2 === 0 ? [value] : { a: value };
  const df = spark.createDataFrame([{ id: 1n, value }]);
  t.deepEqual(await df.collect(), [{ id: 1n, value }]);
  t.is((await df.schema()).fields.length, 2);
  t.throws(() => spark.createDataFrame([{ id: 1n, value: [value] }]), { instanceOf: InvalidPlanError, message: /nests more than 30 levels/ });
  const loop: Record<string, unknown> = { id: 1n };
  loop["next"] = { back: loop };
  t.throws(() => spark.createDataFrame([loop]), { instanceOf: InvalidPlanError, message: /rows\[0\]\.next\.back refers back to rows\[0\]/ });
  t.deepEqual(await stillWorks(spark), [{ x: 1 }]);
});

test.serial("a plan past the server's recursion limit, sent around the client's check, fails with the cause named", async (t) => {
  const spark = await SparkSession.connect(url);
  t.teardown(() => spark.close());
  // Built by hand, as the encoder refuses it: limits over a range, deeper than the server reads.
  let rel: Relation = create(RelationSchema, { relType: { case: "range", value: { start: 0n, end: 3n, step: 1n } } });
  const links = Math.ceil((SERVER_NESTING_LIMIT - ENVELOPE) / 2) + 1;
  for (let i = 0; i < links; i++) rel = create(RelationSchema, { relType: { case: "limit", value: { input: rel, limit: 1000 } } });
  const plan = create(PlanSchema, { opType: { case: "root", value: rel } });
  t.true(protoNesting(PlanSchema, plan) + 1 > SERVER_NESTING_LIMIT);
  const err = await t.throwsAsync(Effect.runPromise(Stream.runDrain(spark.handle.core.execute(plan))), { instanceOf: InvalidPlanInputError });
  t.regex(err.message, /could not read the request \(UNKNOWN: Application error processing RPC\).*spark\.connect\.grpc\.marshallerRecursionLimit/s);
  t.deepEqual(await stillWorks(spark), [{ x: 1 }]);
});
