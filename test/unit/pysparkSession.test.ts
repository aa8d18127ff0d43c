// PySpark's argument forms without a Spark server: the plans df.stat, df.na, spark.range,
// read/write xml and jdbc build; the Config request of connect's initial settings and the
// progress handlers' events, against the mock SparkConnectService; the builder.
import test, { type ExecutionContext } from "ava";
import { toJson } from "@bufbuild/protobuf";
import { inspect } from "node:util";
import { RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import {
  type ConnectOptions,
  type DataFrame,
  type DataFrameNaFunctions,
  type DataFrameStatFunctions,
  InvalidOptionError,
  InvalidPlanError,
  type ProgressEvent,
  SparkError,
  SparkSession,
  SparkSessionBuilder,
} from "../../src/index.js";
import { col } from "../../src/functions/index.js";
import { encodeRelation } from "../../src/plan/encodeRelation.js";
import type { PlanNode } from "../../src/plan/PlanNode.js";
import { type Handler, type MockSpark, startMockSpark } from "../support/mockSpark.js";

const OFFLINE = "sc://127.0.0.1:1";
const spark = await SparkSession.connect(OFFLINE, { retry: { maxRetries: 0 } });
test.after.always(() => spark.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const rel = (df: DataFrame<unknown>) => toJson(RelationSchema, encodeRelation(df.plan as PlanNode)) as any;
const people = () => spark.createDataFrame([{ a: 1, s: "x" }], "a INT, s STRING");

// ---------------------------------------------------------------------------------------------
// na

test("na.replace sends PySpark's pairs for each form", (t) => {
  const pairs = (df: DataFrame<unknown>) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    rel(df).replace.replacements.map((r: any) => [Object.values(r.oldValue)[0], Object.values(r.newValue ?? {})[0] ?? null]);
  t.deepEqual(pairs(people().na.replace(1, 10)), [[1, 10]]);
  t.deepEqual(pairs(people().na.replace([1, 2], 0)), [[1, 0], [2, 0]]);
  t.deepEqual(pairs(people().na.replace([1, 2], [10, 20])), [[1, 10], [2, 20]]);
  t.deepEqual(pairs(people().na.replace(["a", "b"], null)), [["a", { null: {} }], ["b", { null: {} }]]);
  t.deepEqual(pairs(people().na.replace({ a: "z" })), [["a", "z"]]);
  t.deepEqual(pairs(people().na.replace(new Map([[true, false]]))), [[true, false]]);
  t.deepEqual(pairs(people().na.replace(5n, 6)), [["5", 6]]);
  t.deepEqual(rel(people().na.replace({ a: "z" }, "s")).replace.cols, ["s"]);
  t.deepEqual(rel(people().na.replace({ a: "z" }, null, ["s", "t"])).replace.cols, ["s", "t"]);
  t.deepEqual(rel(people().na.replace("a", "b", "s")).replace.cols, ["s"]);
  t.is(rel(people().na.replace("a", "b")).replace.cols, undefined);
});

test("na.replace refuses a second subset, an empty list and values of no kind", (t) => {
  t.throws(() => people().na.replace({ a: "z" }, ["s"] as never, ["t"]), { instanceOf: InvalidPlanError, message: /give the columns once/ });
  t.throws(() => people().na.replace([], 1), { instanceOf: InvalidPlanError, message: /at least one value/ });
  t.throws(() => people().na.replace({ a: {} as never }), { instanceOf: InvalidPlanError, message: /a replacement must be/ });
  t.throws(() => people().na.replace("a", "b", [1] as never), { instanceOf: InvalidPlanError, message: /subset must be/ });
});

test("na.fill and na.drop: subsets as one name, dropna's positions and keywords", (t) => {
  t.deepEqual(rel(people().na.fill(0, "a")).fillNa.cols, ["a"]);
  t.deepEqual(rel(people().na.fill({ a: 1, s: "n" }, "ignored")).fillNa.cols, ["a", "s"]);
  const drop = (df: DataFrame<unknown>) => rel(df).dropNa;
  t.is(drop(people().na.drop()).minNonNulls, undefined);
  t.is(drop(people().na.drop("all")).minNonNulls, 1);
  t.is(drop(people().na.drop("all", 2)).minNonNulls, 2); // thresh overrides how, as in PySpark
  t.is(drop(people().na.drop({ how: "any", thresh: 0 })).minNonNulls, 0);
  t.deepEqual(drop(people().na.drop("any", null, "a")).cols, ["a"]);
  t.deepEqual(drop(people().na.drop({ subset: ["a", "s"] })).cols, ["a", "s"]);
  t.throws(() => people().na.drop(null, -1), { instanceOf: InvalidPlanError, message: /thresh/ });
  t.throws(() => people().na.drop({ subset: [""] }), { instanceOf: InvalidPlanError, message: /subset/ });
});

// ---------------------------------------------------------------------------------------------
// stat

test("sampleBy: a Map on a name is one StatSampleBy; an object compares the column as a string; a Column goes through a stratum column", (t) => {
  const byMap = rel(people().stat.sampleBy("a", new Map([[1, 0.5]]), 3));
  t.deepEqual(byMap.sampleBy.col, { unresolvedAttribute: { unparsedIdentifier: "a" } });
  t.deepEqual(byMap.sampleBy.fractions, [{ stratum: { integer: 1 }, fraction: 0.5 }]);
  t.is(byMap.sampleBy.seed, "3");
  const byObject = rel(people().stat.sampleBy("a", { 1: 0.5 }, 3n));
  t.deepEqual(byObject.drop.columnNames, ["__sampleBy_stratum"]);
  const sampled = byObject.drop.input.sampleBy;
  t.deepEqual(sampled.fractions, [{ stratum: { string: "1" }, fraction: 0.5 }]);
  const stratum = sampled.input.withColumns.aliases[0];
  t.deepEqual(stratum.name, ["__sampleBy_stratum"]);
  t.truthy(stratum.expr.cast, "the column is cast to a string");
  const byColumn = rel(people().stat.sampleBy(col("a").mod(2), new Map([[0, 1]]), 1));
  t.truthy(byColumn.drop.input.sampleBy.input.withColumns.aliases[0].expr.unresolvedFunction);
  // A plain column reference is a name: no extra column.
  t.deepEqual(rel(people().stat.sampleBy(col("a"), new Map([[0, 1]]), 1)).sampleBy.col, { unresolvedAttribute: { unparsedIdentifier: "a" } });
  t.throws(() => people().stat.sampleBy("a", { 1: 0.5 }, 1.5), { instanceOf: InvalidPlanError, message: /seed must be an integer/ });
  t.throws(() => people().stat.sampleBy(7 as never, { 1: 0.5 }), { instanceOf: InvalidPlanError, message: /col must be/ });
});

test("freqItems and crosstab check their columns; support default is the server's", (t) => {
  const one = rel(people().stat.freqItems("a")).freqItems;
  t.deepEqual(one.cols, ["a"]);
  t.is(one.support, undefined);
  t.is(rel(people().stat.freqItems(["a", "s"], 0.2)).freqItems.support, 0.2);
  t.throws(() => people().stat.freqItems([]), { instanceOf: InvalidPlanError, message: /non-empty array/ });
  t.throws(() => people().stat.crosstab("a", 1 as never), { instanceOf: InvalidPlanError, message: /col2 must be a non-empty string/ });
});

test("stat operations refuse bad arguments with a typed rejection before any RPC", async (t) => {
  const df = spark.range(3);
  await t.throwsAsync(df.stat.corr("id", "id", "kendall" as never), { instanceOf: InvalidPlanError, message: /only supports "pearson"/ });
  await t.throwsAsync(df.stat.approxQuantile({ name: "id" } as never, [0.5], 0), { instanceOf: InvalidPlanError, message: /column name or an array/ });
  await t.throwsAsync(df.stat.approxQuantile([], [0.5], 0), { instanceOf: InvalidPlanError, message: /at least one column/ });
  await t.throwsAsync(df.stat.approxQuantile("id", 0.5 as never, 0), { instanceOf: InvalidPlanError, message: /array of numbers/ });
  await t.throwsAsync(df.stat.cov("id", "" as never), { instanceOf: InvalidPlanError, message: /col2/ });
});

// ---------------------------------------------------------------------------------------------
// range

test("range binds PySpark's positions and keywords", (t) => {
  const r = (df: DataFrame<unknown>) => rel(df).range;
  t.deepEqual(r(spark.range(5)), { start: "0", end: "5", step: "1" });
  t.deepEqual(r(spark.range(2, 5)), { start: "2", end: "5", step: "1" });
  t.deepEqual(r(spark.range(0, 10, 2, 3)), { start: "0", end: "10", step: "2", numPartitions: 3 });
  t.deepEqual(r(spark.range(10, { numPartitions: 4 })), { start: "0", end: "10", step: "1", numPartitions: 4 });
  t.deepEqual(r(spark.range(1, 10, { step: 3 })), { start: "1", end: "10", step: "3" });
  t.deepEqual(r(spark.range({ start: 1, end: 4, numPartitions: 2n })), { start: "1", end: "4", step: "1", numPartitions: 2 });
  t.deepEqual(r(spark.range(7, null, undefined, 2)), { start: "0", end: "7", step: "1", numPartitions: 2 });
  t.deepEqual(r(spark.range(2n ** 60n)), { start: "0", end: String(2n ** 60n), step: "1" });
  t.throws(() => (spark.range as (...a: unknown[]) => unknown)(1, 2, 3, 4, 5), { instanceOf: InvalidPlanError, message: /at most/ });
  t.throws(() => spark.range(0, 10, 0), { instanceOf: InvalidPlanError, message: /step must not be 0/ });
  t.throws(() => spark.range(0.5), { instanceOf: InvalidPlanError, message: /integer/ });
});

// ---------------------------------------------------------------------------------------------
// read xml / jdbc plans

test("read.xml: format xml, rowTag and the other keywords as options, the schema as the reader's", (t) => {
  const ds = rel(spark.read.xml("/data/books.xml", { rowTag: "book", attributePrefix: "@", excludeAttribute: true, nullValue: null, schema: "id STRING" })).read.dataSource;
  t.is(ds.format, "xml");
  t.deepEqual(ds.paths, ["/data/books.xml"]);
  t.is(ds.schema, "id STRING");
  t.deepEqual(ds.options, { rowTag: "book", attributePrefix: "@", excludeAttribute: "true" });
  t.deepEqual(rel(spark.read.xml(["/a.xml", "/b.xml"])).read.dataSource.paths, ["/a.xml", "/b.xml"]);
  t.throws(() => spark.read.xml([]), { instanceOf: InvalidPlanError, message: /at least one path/ });
  t.throws(() => spark.read.xml("/a.xml", "book" as never), { instanceOf: InvalidPlanError, message: /as an object/ });
});

test("read.jdbc: PySpark's options for the whole table and a partition column; one query read per predicate", (t) => {
  const url = "jdbc:postgresql://db/shop";
  const whole = rel(spark.read.jdbc(url, "orders", { properties: { user: "etl", fetchsize: 1000 } })).read.dataSource;
  t.is(whole.format, "jdbc");
  t.deepEqual(whole.options, { user: "etl", fetchsize: "1000", url, dbtable: "orders" });
  const split = rel(spark.read.jdbc(url, "orders", "id", 0, 1000n, 4, { properties: { user: "etl" } })).read.dataSource;
  t.deepEqual(split.options, { partitionColumn: "id", lowerBound: "0", upperBound: "1000", numPartitions: "4", user: "etl", url, dbtable: "orders" });
  const byPredicates = rel(spark.read.jdbc(url, "orders", { predicates: ["region = 'EU'", "region = 'US'"], properties: { user: "etl" } }));
  t.is(byPredicates.setOp.setOpType, "SET_OP_TYPE_UNION");
  t.true(byPredicates.setOp.isAll);
  const queries = [byPredicates.setOp.leftInput, byPredicates.setOp.rightInput].map((r) => r.read.dataSource.options);
  t.deepEqual(queries, [
    { user: "etl", url, query: "SELECT * FROM orders WHERE region = 'EU'" },
    { user: "etl", url, query: "SELECT * FROM orders WHERE region = 'US'" },
  ]);
  t.throws(() => spark.read.jdbc(url, "orders", "id", 0, 10, 0), { instanceOf: InvalidPlanError, message: /numPartitions must be a positive integer/ });
  t.throws(() => spark.read.jdbc(url, "orders", { properties: "user=etl" as never }), { instanceOf: InvalidPlanError, message: /properties must be an object/ });
  t.throws(() => spark.read.jdbc("", "orders"), { instanceOf: InvalidPlanError, message: /url/ });
});

// ---------------------------------------------------------------------------------------------
// against the mock server: writes, initial settings, progress handlers

const ok: Handler = () => ({ kind: "unary", response: {} });
const cleanup: Record<string, Handler> = {
  ReleaseExecute: (req: { operationId: string }) => ({ kind: "unary", response: { operationId: req.operationId } }),
  Interrupt: ok,
  ReleaseSession: ok,
};
const complete = (operationId: string, extra: object[] = []) => ({
  kind: "stream" as const,
  responses: [...extra, { operationId, responseId: "last", responseType: { case: "resultComplete", value: {} } }],
});

async function mockSession(t: ExecutionContext, handlers: Record<string, Handler>, options: ConnectOptions = {}): Promise<{ mock: MockSpark; session: SparkSession }> {
  const mock = await startMockSpark({ ...cleanup, ...handlers });
  let session: SparkSession | undefined;
  t.teardown(async () => {
    await session?.close();
    await mock.close();
  });
  session = await SparkSession.connect(mock.url, { retry: { initialBackoffMs: 5, maxRetries: 1 }, ...options });
  return { mock, session };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const executed = (mock: MockSpark): any[] => mock.calls.filter((c) => c.method === "ExecutePlan").map((c) => c.request);

test("write.xml and write.jdbc send PySpark's write operations", async (t) => {
  const { mock, session } = await mockSession(t, { ExecutePlan: (req: { operationId: string }) => complete(req.operationId) });
  await session.range(1).write.xml("/out/books", { rowTag: "book", rootTag: "books", mode: "overwrite", declaration: false });
  await session.range(1).write.jdbc("jdbc:derby:memory:x", "T", "append", { user: "app" });
  await session.range(1).write.jdbc("jdbc:derby:memory:x", "T");
  const [xml, jdbc, plain] = executed(mock).map((r) => r.plan.opType.value.commandType.value);
  t.is(xml.source, "xml");
  t.deepEqual(xml.saveType, { case: "path", value: "/out/books" });
  t.deepEqual(xml.options, { rowTag: "book", rootTag: "books", declaration: "false" });
  t.is(xml.mode, 2); // OVERWRITE
  t.is(jdbc.source, "jdbc");
  t.deepEqual(jdbc.options, { user: "app", url: "jdbc:derby:memory:x", dbtable: "T" });
  t.is(jdbc.mode, 1); // APPEND
  t.is(jdbc.saveType.case, undefined);
  t.is(plain.mode, 0); // UNSPECIFIED: Spark's default, errorifexists
  await t.throwsAsync(session.range(1).write.jdbc("jdbc:x", "T", "upsert" as never), { instanceOf: InvalidPlanError, message: /unknown save mode/ });
  await t.throwsAsync(session.range(1).write.xml("/out", "book" as never), { instanceOf: InvalidPlanError, message: /as an object/ });
  t.is(executed(mock).length, 3, "refused writes send nothing");
});

test("connect's conf goes in one silent Config request before connect returns; the server's warnings become process warnings", async (t) => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => void warnings.push(w);
  process.on("warning", onWarning);
  t.teardown(() => void process.off("warning", onWarning));
  const { mock } = await mockSession(
    t,
    { Config: () => ({ kind: "unary", response: { warnings: ["Failed to set spark.executor.memory"] } }) },
    { conf: { "spark.sql.shuffle.partitions": 4, "spark.sql.ansi.enabled": false, "spark.remote": "sc://elsewhere", "spark.master": "local" } },
  );
  const configs = mock.calls.filter((c) => c.method === "Config");
  t.is(configs.length, 1);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const set = (configs[0]!.request as any).operation.opType;
  t.is(set.case, "set");
  t.true(set.value.silent);
  t.deepEqual(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    set.value.pairs.map((p: any) => [p.key, p.value]),
    [
      ["spark.sql.shuffle.partitions", "4"],
      ["spark.sql.ansi.enabled", "false"],
    ],
  );
  await new Promise((r) => setImmediate(r));
  t.deepEqual(
    warnings.filter((w) => w.name === "SparkConnectConfWarning").map((w) => w.message),
    ["Failed to set spark.executor.memory"],
  );
});

test("a Config failure fails connect and releases the session; a malformed conf fails before any RPC", async (t) => {
  const mock = await startMockSpark({
    ...cleanup,
    Config: () => ({ kind: "error", error: { code: 3, message: "mock: refused", errorInfo: { reason: "org.apache.spark.sql.AnalysisException" } } }),
  });
  t.teardown(() => mock.close());
  await t.throwsAsync(SparkSession.connect(mock.url, { retry: { maxRetries: 0 }, conf: { a: "1" } }), { instanceOf: SparkError });
  t.deepEqual(
    mock.calls.map((c) => c.method),
    ["Config", "ReleaseSession"],
  );
  const before = mock.calls.length;
  await t.throwsAsync(SparkSession.connect(mock.url, { conf: ["a"] as never }), { instanceOf: InvalidOptionError, message: /object of Spark settings/ });
  await t.throwsAsync(SparkSession.connect(mock.url, { conf: { a: {} as never } }), { instanceOf: InvalidOptionError, message: /"a" must be a string/ });
  t.is(mock.calls.length, before);
});

const progress = (operationId: string, numTasks: number, numCompletedTasks: number, inflight: number) => ({
  operationId,
  responseId: `p${numCompletedTasks}-${numTasks}`,
  responseType: {
    case: "executionProgress",
    value: {
      stages: numTasks === 0 ? [] : [{ stageId: 3n, numTasks: BigInt(numTasks), numCompletedTasks: BigInt(numCompletedTasks), inputBytesRead: 10n, done: false }],
      numInflightTasks: BigInt(inflight),
    },
  },
});

test("progress handlers get each report with tasks, then done with the last stages; per-action onProgress still works", async (t) => {
  const { session } = await mockSession(t, {
    ExecutePlan: (req: { operationId: string }) =>
      complete(req.operationId, [progress(req.operationId, 0, 0, 0), progress(req.operationId, 4, 1, 3), progress(req.operationId, 4, 4, 0)]),
  });
  const events: ProgressEvent[] = [];
  const handler = (e: ProgressEvent) => void events.push(e);
  session.registerProgressHandler(handler);
  const perAction: number[] = [];
  const operationId = crypto.randomUUID();
  t.deepEqual(await session.range(1).collect({ operationId, onProgress: (p) => perAction.push(p.stages.length) }), []);
  const stage = (done: number) => ({ stageId: 3, numTasks: 4, numCompletedTasks: done, inputBytesRead: 10, done: false });
  t.deepEqual(events, [
    { stages: [stage(1)], inflightTasks: 3, operationId, done: false },
    { stages: [stage(4)], inflightTasks: 0, operationId, done: false },
    { stages: [stage(4)], inflightTasks: 0, operationId, done: true },
  ]);
  t.deepEqual(perAction, [0, 1, 1]);
  session.removeProgressHandler(handler);
  session.removeProgressHandler(handler); // not registered any more: nothing happens
  await session.range(1).collect();
  t.is(events.length, 3);
  t.throws(() => session.removeProgressHandler(undefined as never), { instanceOf: InvalidOptionError });
});

test("an operation that fails reports done to the handlers, with the operation id", async (t) => {
  const { session } = await mockSession(t, {
    ExecutePlan: () => ({ kind: "error", error: { code: 3, message: "mock: bad plan", errorInfo: { reason: "org.apache.spark.sql.AnalysisException" } } }),
  });
  const events: ProgressEvent[] = [];
  session.registerProgressHandler((e) => void events.push(e));
  const operationId = crypto.randomUUID();
  await t.throwsAsync(session.range(1).collect({ operationId }), { instanceOf: SparkError });
  t.deepEqual(events, [{ stages: [], inflightTasks: 0, operationId, done: true }]);
});

// ---------------------------------------------------------------------------------------------
// builder

test("SparkSession.builder is a builder that can also be called; settings are checked; printing shows names only", (t) => {
  const b = SparkSession.builder;
  t.true(b instanceof SparkSessionBuilder);
  t.true(b() instanceof SparkSessionBuilder);
  t.not(b(), b);
  const configured = SparkSession.builder.remote("sc://h").config("k", 1).config({ "spark.sql.x": true }).master("local[*]").appName("app").options({ token: "secret" });
  const shown = inspect(configured);
  t.regex(shown, /"spark.remote", "k", "spark.sql.x", "spark.app.name"/);
  t.false(shown.includes("secret"));
  t.throws(() => SparkSession.builder.config("k", null as never), { instanceOf: InvalidOptionError, message: /"k" must be a string/ });
  t.throws(() => SparkSession.builder.remote(""), { instanceOf: InvalidOptionError, message: /connection string/ });
  t.throws(() => SparkSession.builder.options(null as never), { instanceOf: InvalidOptionError });
});

test("builder.create() against an unreachable server rejects with the connection's typed error", async (t) => {
  await t.throwsAsync(SparkSession.builder.remote("sc://127.0.0.1:1").options({ retry: { maxRetries: 0 }, connectTimeoutMs: 500 }).config("a", "b").create());
});

// ---------------------------------------------------------------------------------------------
// the shortcuts on DataFrame forward these signatures with Parameters<>

type Na = DataFrameNaFunctions<unknown>;
type Stat = DataFrameStatFunctions<unknown>;

test("Parameters<> of the na and stat methods accept every documented form (a type check: this file does not compile otherwise)", (t) => {
  const replace: Parameters<Na["replace"]>[] = [[1, 2], [[1, 2], [3, 4], "a"], [{ a: "b" }], [{ a: "b" }, null, ["s"]], ["x", null], [new Map([[1, 2]])]];
  const fill: Parameters<Na["fill"]>[] = [[0], ["n", "s"], [{ a: 1 }]];
  const drop: Parameters<Na["drop"]>[] = [[], ["all"], [null, 2, "a"], [{ how: "any", subset: ["a"] }]];
  const quantile: Parameters<Stat["approxQuantile"]>[] = [["a", [0.5], 0], [["a", "b"], [0.5], 0.1, { timeout: 1 }]];
  const corr: Parameters<Stat["corr"]>[] = [["a", "b"], ["a", "b", "pearson"], ["a", "b", { timeout: 1 }]];
  const sampleBy: Parameters<Stat["sampleBy"]>[] = [["a", { x: 0.5 }], [col("a"), new Map([[1, 0.5]]), 3]];
  // Each form also runs, through the methods the shortcuts forward to.
  const df = people();
  for (const args of replace) t.truthy(df.na.replace(...args).plan);
  for (const args of fill) t.truthy(df.na.fill(...args).plan);
  for (const args of drop) t.truthy(df.na.drop(...args).plan);
  for (const args of sampleBy) t.truthy(df.stat.sampleBy(...args).plan);
  t.is(quantile.length + corr.length, 5);
});
