// PySpark's argument forms of df.stat, df.na, spark.range, the session's progress handlers,
// initial settings and builder, read/write xml and jdbc, and createExternalTable, against
// the real server. Expected values marked "PySpark:" are what PySpark Connect 4.1 returned
// on the same server for the same calls.
import test from "ava";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AnalysisError,
  InvalidOptionError,
  InvalidPlanError,
  type ProgressEvent,
  SparkError,
  SparkSession,
} from "../../src/index.js";
import { col, sparkPartitionId } from "../../src/functions/index.js";
import { connect, TEST_RETRY, testUrl } from "../support/server.js";

const spark = await connect();
const dir = mkdtempSync(join(tmpdir(), "pyspark-forms-"));
test.after.always(async () => {
  await spark.close();
  rmSync(dir, { recursive: true, force: true });
});

/** id 0..9 and k = id % 2, as `spark.range(10).withColumn("k", col("id") % 2)` in PySpark. */
const tens = () => spark.range(10).withColumn("k", col("id").mod(2));

/** The DataFrame of the na tests: an int, a string, a boolean and a double column, with nulls. */
const holes = () =>
  spark.createDataFrame(
    [
      [1, "a", true, 1.5],
      [2, "b", false, null],
      [null, null, null, 2.5],
    ],
    "i INT, s STRING, b BOOLEAN, d DOUBLE",
  );
const tuples = (rows: readonly object[]) => rows.map((r) => Object.values(r));

// ---------------------------------------------------------------------------------------------
// stat

test("approxQuantile with one column name gives one list, with a list one list per column (PySpark: [4.0, 8.0] and [[4.0], [0.0]])", async (t) => {
  t.deepEqual(await tens().stat.approxQuantile("id", [0.5, 0.9], 0), [4, 8]);
  t.deepEqual(await tens().stat.approxQuantile(["id", "k"], [0.5], 0), [[4], [0]]);
});

test("approxQuantile refuses a column that is neither a name nor a list, typed, and the session goes on", async (t) => {
  await t.throwsAsync(tens().stat.approxQuantile(7 as never, [0.5], 0), { instanceOf: InvalidPlanError, message: /column name or an array/ });
  await t.throwsAsync(tens().stat.approxQuantile("id", [1.5], 0), { instanceOf: InvalidPlanError, message: /\[0, 1\]/ });
  await t.throwsAsync(tens().stat.approxQuantile("id", [0.5], -1), { instanceOf: InvalidPlanError, message: /relativeError/ });
  t.deepEqual(await tens().stat.approxQuantile("k", [0.5], 0), [0]);
});

test("corr takes PySpark's method argument, pearson only; cov (PySpark: 0.1740776559556978 and 0.27777777777777773)", async (t) => {
  const r = await tens().stat.corr("id", "k");
  t.true(Math.abs(r - 0.1740776559556978) < 1e-12, String(r));
  t.is(await tens().stat.corr("id", "k", "pearson"), r);
  t.is(await tens().stat.corr("id", "k", null, { timeout: 60_000 }), r);
  t.is(await tens().stat.corr("id", "k", { timeout: 60_000 }), r);
  await t.throwsAsync(tens().stat.corr("id", "k", "spearman" as never), { instanceOf: InvalidPlanError, message: /only supports "pearson"/ });
  const c = await tens().stat.cov("id", "k");
  t.true(Math.abs(c - 0.27777777777777773) < 1e-12, String(c));
});

test("freqItems with a list or one name, crosstab as PySpark names its columns", async (t) => {
  // PySpark: [Row(k_freqItems=[0, 1])]
  const [row] = await tens().stat.freqItems(["k"]).collect();
  t.deepEqual([...(row!["k_freqItems"] as Iterable<bigint>)].map(Number).sort(), [0, 1]);
  const [one] = await tens().stat.freqItems("k", 0.5).collect();
  t.deepEqual(Object.keys(one!), ["k_freqItems"]);
  t.throws(() => tens().stat.freqItems(["k"], 2), { instanceOf: InvalidPlanError, message: /support/ });
  // PySpark: [Row(k_k='0', 0=5, 1=0), Row(k_k='1', 0=0, 1=5)]
  const table = await tens().stat.crosstab("k", "k").orderBy("k_k").collect();
  t.deepEqual(table, [
    { k_k: "0", "0": 5n, "1": 0n },
    { k_k: "1", "0": 0n, "1": 5n },
  ]);
});

test("sampleBy takes a Map, a plain object or a Column (PySpark: 5 rows; ids 0, 3, 6, 9 for id % 3 = 0)", async (t) => {
  t.is(await tens().stat.sampleBy("k", new Map([[0, 1.0], [1, 0]]), 1).count(), 5);
  // A plain object's keys are strings: the column is compared as a string, so { 0: 1 } keeps k = 0 as PySpark's {0: 1.0} does.
  t.deepEqual(
    (await tens().stat.sampleBy("k", { 0: 1, 1: 0 }, 1).collect()).map((r) => r.id),
    [0n, 2n, 4n, 6n, 8n],
  );
  const byExpr = await tens().stat.sampleBy(col("id").mod(3), new Map([[0, 1.0]]), 1).collect();
  t.deepEqual(byExpr, [
    { id: 0n, k: 0n },
    { id: 3n, k: 1n },
    { id: 6n, k: 0n },
    { id: 9n, k: 1n },
  ]);
  t.deepEqual((await tens().stat.sampleBy(col("k"), new Map([[1, 1.0]]), 3).collect()).map((r) => r.id), [1n, 3n, 5n, 7n, 9n]);
});

test("sampleBy refuses fractions outside [0, 1] or not numbers, naming the fix", (t) => {
  t.throws(() => tens().stat.sampleBy("k", { 0: 2 }), { instanceOf: InvalidPlanError, message: /from 0 to 1/ });
  t.throws(() => tens().stat.sampleBy("k", new Map([[0, "half" as never]])), { instanceOf: InvalidPlanError, message: /number from 0 to 1/ });
  t.throws(() => tens().stat.sampleBy("k", [0.5] as never), { instanceOf: InvalidPlanError, message: /Map or an object/ });
});

// ---------------------------------------------------------------------------------------------
// na

test("na.replace in PySpark's forms gives PySpark's rows", async (t) => {
  const expect = async (label: string, df: ReturnType<typeof holes>, rows: unknown[][]) => t.deepEqual(tuples(await df.collect()), rows, label);
  const rest = [
    [2, "b", false, null],
    [null, null, null, 2.5],
  ];
  // PySpark: df.na.replace(1, 10)
  await expect("scalar", holes().na.replace(1, 10), [[10, "a", true, 1.5], ...rest]);
  // PySpark: df.na.replace([1, 2], 10) and ([1, 2], [10, 20])
  await expect("list, one value", holes().na.replace([1, 2], 10), [[10, "a", true, 1.5], [10, "b", false, null], rest[1]!]);
  await expect("list, list", holes().na.replace([1, 2], [10, 20]), [[10, "a", true, 1.5], [20, "b", false, null], rest[1]!]);
  // PySpark: df.na.replace("a", None)
  await expect("by null", holes().na.replace("a", null), [[1, null, true, 1.5], ...rest]);
  // PySpark: df.na.replace({"a": "z", "b": None})
  await expect("dict", holes().na.replace({ a: "z", b: null }), [[1, "z", true, 1.5], [2, null, false, null], rest[1]!]);
  // PySpark: df.replace({1.5: 9.0}, subset="d")
  await expect("dict, subset string", holes().na.replace(new Map([[1.5, 9]]), null, "d"), [[1, "a", true, 9], ...rest]);
  await expect("dict, subset list (the library's form)", holes().na.replace({ a: "z" }, ["s"]), [[1, "z", true, 1.5], ...rest]);
  // PySpark: df.na.replace(True, False)
  await expect("booleans", holes().na.replace(true, false), [[1, "a", false, 1.5], ...rest]);
  // PySpark: df.na.replace(1, 3, ["s"]) leaves the string column alone
  await expect("numbers in a string column", holes().na.replace(1, 3, ["s"]), [[1, "a", true, 1.5], ...rest]);
});

test("na.replace refuses what PySpark refuses, typed, naming the fix", (t) => {
  // PySpark: MIXED_TYPE_REPLACEMENT, LENGTH_SHOULD_BE_THE_SAME, ARGUMENT_REQUIRED.
  t.throws(() => holes().na.replace(["a", 1], ["b", 2]), { instanceOf: InvalidPlanError, message: /mixed kinds/ });
  t.throws(() => holes().na.replace([1, 2], [1]), { instanceOf: InvalidPlanError, message: /same length \(got 2 and 1\)/ });
  t.throws(() => (holes().na.replace as (v: number) => unknown)(1), { instanceOf: InvalidPlanError, message: /second argument/ });
  t.throws(() => holes().na.replace(new Map([[null as never, 1]])), { instanceOf: InvalidPlanError, message: /mixed kinds/ });
  // PySpark sends True -> 1 and the server fails ('Unsupported value type java.lang.Boolean'): refused here before sending.
  t.throws(() => holes().na.replace(true, 1), { instanceOf: InvalidPlanError, message: /mixed kinds of values \(bool, number\)/ });
  t.throws(() => holes().na.replace({ a: "z" }, 5 as never), { instanceOf: InvalidPlanError, message: /no value argument/ });
  t.throws(() => holes().na.replace([new Date()] as never, 1), { instanceOf: InvalidPlanError, message: /number, a bigint, a string or a boolean/ });
});

test("na.fill and na.drop in PySpark's forms", async (t) => {
  // PySpark: df.na.fill(0, "i") -> (0, None, None, 2.5) in the last row
  t.deepEqual(tuples(await holes().na.fill(0, "i").collect())[2], [0, null, null, 2.5]);
  // PySpark: df.na.fill(True) -> (None, None, True, 2.5)
  t.deepEqual(tuples(await holes().na.fill(true).collect())[2], [null, null, true, 2.5]);
  // PySpark: df.na.fill({"i": 0, "s": "x"}) -> (0, 'x', None, 2.5)
  t.deepEqual(tuples(await holes().na.fill({ i: 0, s: "x" }).collect())[2], [0, "x", null, 2.5]);
  // PySpark: df.na.drop(thresh=3) and df.na.drop("all", subset="i") keep the first two rows
  const firstTwo = [
    [1, "a", true, 1.5],
    [2, "b", false, null],
  ];
  t.deepEqual(tuples(await holes().na.drop({ thresh: 3 }).collect()), firstTwo);
  t.deepEqual(tuples(await holes().na.drop(null, 3).collect()), firstTwo);
  t.deepEqual(tuples(await holes().na.drop("all", null, "i").collect()), firstTwo);
  t.deepEqual(tuples(await holes().na.drop({ how: "all", subset: "i" }).collect()), firstTwo);
  t.is(await holes().na.drop().count(), 1);
  t.is(await holes().na.drop("all").count(), 3);
  // PySpark: fill(float('nan')) -> [1.0, nan, nan]; replace(float('nan'), 0.0) -> [1.0, None, 0.0]
  const withNaN = spark.createDataFrame<{ d: number | null }>([{ d: 1.0 }, { d: null }, { d: NaN }], "d DOUBLE");
  t.deepEqual((await withNaN.na.fill(NaN).collect()).map((r) => r.d), [1, NaN, NaN]);
  t.deepEqual((await withNaN.na.replace(NaN, 0).collect()).map((r) => r.d), [1, null, 0]);
  t.throws(() => holes().na.drop("some" as never), { instanceOf: InvalidPlanError, message: /"any" or "all"/ });
  t.throws(() => holes().na.drop(null, 1.5), { instanceOf: InvalidPlanError, message: /thresh/ });
  t.throws(() => holes().na.fill(null as never), { instanceOf: InvalidPlanError, message: /value must be/ });
  t.throws(() => holes().na.fill({ i: [1] as never }), { instanceOf: InvalidPlanError, message: /column "i"/ });
});

// ---------------------------------------------------------------------------------------------
// range

test("range takes numPartitions by position or as PySpark's keyword (PySpark: 4 partitions; 3 partitions of 100 rows)", async (t) => {
  const partitions = async (df: ReturnType<typeof spark.range>) => df.select(sparkPartitionId().alias("p")).distinct().count();
  t.is(await partitions(spark.range(0, 100, 1, 4)), 4);
  t.is(await partitions(spark.range(100, { numPartitions: 3 })), 3);
  t.is(await spark.range(100, { numPartitions: 3 }).count(), 100);
  t.is(await partitions(spark.range(0n, 100n, { step: 2n, numPartitions: 2n })), 2);
  t.deepEqual(await spark.range(0, 10, { step: 4 }).collect(), [{ id: 0n }, { id: 4n }, { id: 8n }]);
  t.deepEqual(await spark.range({ start: 2, end: 4 }).collect(), [{ id: 2n }, { id: 3n }]);
  t.is(await spark.range({ end: 5 }).count(), 5);
  t.is(await spark.range(5, null, 1, 2).count(), 5);
});

test("range refuses conflicting or malformed arguments, naming the fix", (t) => {
  t.throws(() => spark.range(0, 10, 2, { step: 3 }), { instanceOf: InvalidPlanError, message: /step is given twice/ });
  t.throws(() => spark.range(10, { partitions: 3 } as never), { instanceOf: InvalidPlanError, message: /unknown option "partitions"/ });
  t.throws(() => spark.range(10, { numPartitions: 0 }), { instanceOf: InvalidPlanError, message: /numPartitions must be a positive integer/ });
  t.throws(() => spark.range({} as never), { instanceOf: InvalidPlanError, message: /give the end/ });
  t.throws(() => spark.range("10" as never), { instanceOf: InvalidPlanError, message: /number or a bigint/ });
});

// ---------------------------------------------------------------------------------------------
// progress handlers

/** A query with a shuffle that runs for a second or two: two stages, eight sleeping tasks first. */
const WORK = `SELECT k, count(*) AS n FROM (
                SELECT id % 4 AS k, java_method('java.lang.Thread', 'sleep', 300L) AS s FROM range(0, 8, 1, 8)
              ) WHERE s = 'null' GROUP BY k ORDER BY k`;

test("session progress handlers see every operation: its reports, then done once (needs Spark ≥ 4.0)", async (t) => {
  // A session of its own: the handlers would otherwise see the other tests' operations.
  const own = await connect();
  t.teardown(() => own.close());
  await own.conf.set("spark.connect.progress.reportInterval", "100ms");
  const events: ProgressEvent[] = [];
  const handler = (e: ProgressEvent) => void events.push(e);
  own.registerProgressHandler(handler);
  own.registerProgressHandler(handler); // registered once, as in PySpark
  const operationId = crypto.randomUUID();
  t.is((await own.sql(WORK).collect({ operationId })).length, 4);
  const query = events.filter((e) => e.operationId === operationId);
  t.true(query.filter((e) => !e.done).length >= 2, `${query.length} reports`);
  t.true(query.some((e) => e.stages.some((s) => s.numTasks >= 8)), "the 8-task stage was reported");
  t.deepEqual(query.filter((e) => e.done).length, 1);
  t.true(query[query.length - 1]!.done, "done comes last");
  t.true(query.filter((e) => !e.done).every((e) => e.stages.reduce((n, s) => n + s.numTasks, 0) > 0), "reports without tasks are skipped");
  // PySpark: a SQL command and a catalog call each report done once, with no stages.
  events.length = 0;
  await own.sql("SET spark.sql.shuffle.partitions=5");
  t.deepEqual(events.map((e) => [e.stages.length, e.inflightTasks, e.done]), [[0, 0, true]]);
  t.regex(events[0]!.operationId ?? "", /^[0-9a-f-]{36}$/);
  events.length = 0;
  await own.catalog.currentDatabase();
  t.deepEqual(events.map((e) => e.done), [true]);
  // A failing operation reports done too.
  events.length = 0;
  await t.throwsAsync(own.sql("SELECT * FROM no_such_table_here").collect());
  t.true(events.every((e) => e.done) && events.length >= 1);
  // remove and clear
  events.length = 0;
  own.removeProgressHandler(handler);
  await own.range(3).collect();
  t.deepEqual(events, []);
  own.registerProgressHandler(handler);
  own.clearProgressHandlers();
  await own.range(3).collect();
  t.deepEqual(events, []);
});

test("a progress handler that throws does not fail the operation; a handler that is not a function is refused", async (t) => {
  const own = await connect();
  t.teardown(() => own.close());
  let called = 0;
  own.registerProgressHandler(() => {
    called++;
    throw new Error("handler bug");
  });
  t.is(await own.range(10).count(), 10);
  t.true(called >= 1);
  t.throws(() => own.registerProgressHandler("log" as never), { instanceOf: InvalidOptionError, message: /give a function/ });
});

// ---------------------------------------------------------------------------------------------
// initial settings, builder, stop

test("connect(url, { conf }) sets the settings before the session is returned; refused ones are warnings, as in PySpark (needs Spark ≥ 4.0)", async (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => {
    if (w.name === "SparkConnectConfWarning") warnings.push(w.message);
  };
  process.on("warning", onWarning);
  t.teardown(() => void process.off("warning", onWarning));
  const s = await SparkSession.connect(testUrl(), {
    retry: TEST_RETRY,
    conf: { "spark.sql.shuffle.partitions": 4, "spark.sql.ansi.enabled": false, "my.custom.setting": "x", "spark.executor.memory": "1g" },
  });
  t.teardown(() => s.close());
  t.is(await s.conf.get("spark.sql.shuffle.partitions"), "4");
  t.is(await s.conf.get("spark.sql.ansi.enabled"), "false");
  t.is(await s.conf.get("my.custom.setting"), "x");
  await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
  // PySpark: UserWarning "Failed to set spark.executor.memory to Some(1g) due to [CANNOT_MODIFY_CONFIG] ..."
  t.true(warnings.some((w) => w.includes("spark.executor.memory") && w.includes("CANNOT_MODIFY_CONFIG")), JSON.stringify(warnings));
  await t.throwsAsync(SparkSession.connect(testUrl(), { conf: { "spark.sql.shuffle.partitions": null as never } }), {
    instanceOf: InvalidOptionError,
    message: /"spark.sql.shuffle.partitions" must be a string/,
  });
});

test("SparkSession.builder: remote, config, getOrCreate gives the same open session, create a new one, stop (needs Spark ≥ 4.0)", async (t) => {
  const first = await SparkSession.builder.remote(testUrl()).options({ retry: TEST_RETRY }).config("spark.sql.shuffle.partitions", 6).appName("forms").getOrCreate();
  t.teardown(() => first.stop());
  t.is(await first.conf.get("spark.sql.shuffle.partitions"), "6");
  // PySpark applies a later builder's settings to the session getOrCreate returns.
  const again = await SparkSession.builder().config({ "spark.sql.shuffle.partitions": "7" }).getOrCreate();
  t.is(again, first);
  t.is(await first.conf.get("spark.sql.shuffle.partitions"), "7");
  const other = await SparkSession.builder.remote(testUrl()).options({ retry: TEST_RETRY }).create();
  t.not(other.sessionId, first.sessionId);
  t.is(await other.range(3).count(), 3);
  await other.stop();
  await t.throwsAsync(other.range(1).count());
  await first.stop();
  const fresh = await SparkSession.builder.remote(testUrl()).options({ retry: TEST_RETRY }).getOrCreate();
  t.teardown(() => fresh.stop());
  t.not(fresh.sessionId, first.sessionId);
  t.throws(() => SparkSession.builder.config("spark.sql.shuffle.partitions", undefined as never), { instanceOf: InvalidOptionError });
});

// ---------------------------------------------------------------------------------------------
// xml

test("write.xml with rowTag and rootTag, read.xml with rowTag (PySpark: the same file and rows) (needs Spark ≥ 4.0)", async (t) => {
  const path = join(dir, "books");
  const books = spark.createDataFrame(
    [
      [1, "Dune", 9.5],
      [2, "Emma", null],
    ],
    "id INT, title STRING, price DOUBLE",
  );
  await books.write.xml(path, { rowTag: "book", rootTag: "books", mode: "overwrite" });
  const files = readdirSync(path).filter((f) => f.startsWith("part-"));
  const text = files.map((f) => readFileSync(join(path, f), "utf8")).join("");
  t.regex(text, /<books>\s*<book>\s*<id>1<\/id>\s*<title>Dune<\/title>\s*<price>9.5<\/price>\s*<\/book>/);
  // PySpark: struct<id:bigint,price:double,title:string> [(1, 9.5, 'Dune'), (2, None, 'Emma')]
  const back = spark.read.xml(path, { rowTag: "book" });
  t.deepEqual(await back.columns(), ["id", "price", "title"]);
  t.deepEqual(await back.orderBy("id").collect(), [
    { id: 1n, price: 9.5, title: "Dune" },
    { id: 2n, price: null, title: "Emma" },
  ]);
  // PySpark: struct<_id:bigint,name:string> [(7, 'x'), (8, 'y')]; with schema "name string": [('x',), ('y',)]
  const attrs = join(dir, "attrs.xml");
  writeFileSync(attrs, '<root><item id="7"><name>x</name></item><item id="8"><name>y</name></item></root>');
  t.deepEqual(await spark.read.xml(attrs, { rowTag: "item" }).collect(), [
    { _id: 7n, name: "x" },
    { _id: 8n, name: "y" },
  ]);
  t.deepEqual(await spark.read.xml([attrs], { rowTag: "item", schema: "name STRING" }).collect(), [{ name: "x" }, { name: "y" }]);
  await t.throwsAsync(books.write.xml("", { rowTag: "book" }), { instanceOf: InvalidPlanError });
  // PySpark: AnalysisException [XML_ROW_TAG_MISSING] for reading and for writing without rowTag.
  const missing = await t.throwsAsync(spark.read.xml(attrs).collect(), { instanceOf: AnalysisError });
  t.is(missing!.errorClass, "XML_ROW_TAG_MISSING");
  await t.throwsAsync(books.write.xml(join(dir, "no-tag"), { mode: "overwrite" }), { instanceOf: AnalysisError, message: /XML_ROW_TAG_MISSING/ });
});

// ---------------------------------------------------------------------------------------------
// jdbc, with the Derby driver that ships with Spark (an in-memory database in the server's JVM)

test("write.jdbc then read.jdbc: whole table, partitioned on a column, by predicates (PySpark: ids 0, 1, 2, 8, 9)", async (t) => {
  const db = `forms${Date.now()}`;
  const url = `jdbc:derby:memory:${db};create=true`;
  // The in-memory database lives in the server's JVM until dropped (Derby answers a drop with an error).
  t.teardown(async () => void (await spark.read.jdbc(`jdbc:derby:memory:${db};drop=true`, "T1").collect().catch(() => undefined)));
  await spark.range(10).selectExpr("id", "CAST(id * 2 AS INT) AS v").write.jdbc(url, "T1", "overwrite");
  t.deepEqual(await spark.read.jdbc(url, "T1").orderBy("id").limit(3).collect(), [
    { id: 0n, v: 0 },
    { id: 1n, v: 2 },
    { id: 2n, v: 4 },
  ]);
  await spark.range(10, 12).selectExpr("id", "CAST(id * 2 AS INT) AS v").write.jdbc(url, "T1", "append", { batchsize: 10 });
  const split = spark.read.jdbc(url, "T1", "id", 0, 12, 3);
  t.is(await split.count(), 12);
  t.is(await split.select(sparkPartitionId().alias("p")).distinct().count(), 3);
  t.is(await spark.read.jdbc(url, "T1", { column: "id", lowerBound: 0n, upperBound: "12", numPartitions: 2 }).count(), 12);
  const picked = spark.read.jdbc(url, "T1", { predicates: ['"id" < 3', '"id" >= 8 AND "id" < 10'] });
  t.deepEqual((await picked.collect()).map((r) => r["id"]).sort(), [0n, 1n, 2n, 8n, 9n]);
  t.is(await picked.select(sparkPartitionId().alias("p")).distinct().count(), 2);
  t.throws(() => spark.read.jdbc(url, "T1", { column: "id", lowerBound: 0 }), { instanceOf: InvalidPlanError, message: /upperBound is missing/ });
  t.throws(() => spark.read.jdbc(url, "T1", { predicates: [] }), { instanceOf: InvalidPlanError, message: /predicates/ });
});

test("jdbc with a URL no driver accepts fails with the server's typed error (PySpark: 'No suitable driver'), and the session goes on", async (t) => {
  const e = await t.throwsAsync(spark.read.jdbc("jdbc:nosuchdb://nowhere/db", "t").collect(), { instanceOf: SparkError });
  t.regex(e!.message, /No suitable driver/);
  await t.throwsAsync(spark.range(1).write.jdbc("jdbc:nosuchdb://nowhere/db", "t"), { instanceOf: SparkError, message: /No suitable driver/ });
  t.is(await spark.range(2).count(), 2);
});

// ---------------------------------------------------------------------------------------------
// catalog

test("catalog.createExternalTable is createTable with a path", async (t) => {
  const path = join(dir, "ext");
  await spark.range(4).write.mode("overwrite").parquet(path);
  const name = `ext_forms_${Date.now()}`;
  t.teardown(async () => void (await spark.sql(`DROP TABLE IF EXISTS ${name}`)));
  const df = await spark.catalog.createExternalTable(name, { path, source: "parquet" });
  t.is(await df.count(), 4);
  t.is((await spark.catalog.getTable(name)).tableType, "EXTERNAL");
});
