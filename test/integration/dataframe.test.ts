// Every DataFrame transformation and action against the real server, each compared with
// a known answer.
import test from "ava";
import { col, DataFrame, InvalidPlanError, lit, ResultLimitError, when, Window, callFunction, AnalysisError } from "../../src/index.js";
import { connect } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

const people = spark.sql(`SELECT * FROM VALUES
  (1, 'Ann', 'PL', 30, 100.0), (2, 'Bob', 'DE', 25, 50.5), (3, 'Cid', 'PL', 41, NULL),
  (4, 'Dee', 'FR', 35, 75.25), (5, 'Eve', NULL, 28, 10.0) AS t(id, name, country, age, spent)`);
const orders = spark.sql(`SELECT * FROM VALUES (10, 1, 5.0), (11, 1, 7.5), (12, 2, 1.0), (13, 9, 2.0) AS t(oid, pid, total)`);

const ids = (rows: Record<string, unknown>[], key = "id") => rows.map((r) => r[key]);
const fns = { sum: (c: string) => callFunction("sum", c), count: (c: string) => callFunction("count", c), max: (c: string) => callFunction("max", c), avg: (c: string) => callFunction("avg", c), rowNumber: () => callFunction("row_number") };

test("select / selectExpr / col tied to the DataFrame", async (t) => {
  t.deepEqual(await people.select("id", col("age").plus(1).alias("next")).where(col("id").le(2)).collect(), [
    { id: 1, next: 31 },
    { id: 2, next: 26 },
  ]);
  t.deepEqual(await people.selectExpr("id * 10 AS x").limit(1).collect(), [{ x: 10 }]);
  t.deepEqual(await people.select(people.col("name")).limit(1).collect(), [{ name: "Ann" }]);
  t.deepEqual(Object.keys((await people.select("*").first())!), ["id", "name", "country", "age", "spent"]);
});

test("filter / where with Columns and SQL strings", async (t) => {
  t.deepEqual(ids(await people.filter(col("country").eq("PL")).collect()), [1, 3]);
  t.deepEqual(ids(await people.where("age > 30 AND country IS NOT NULL").collect()), [3, 4]);
  t.deepEqual(ids(await people.where(col("country").isNull().or(col("age").between(25, 28))).collect()), [2, 5]);
  t.deepEqual(ids(await people.where(col("name").isin("Ann", "Eve")).collect()), [1, 5]);
  t.deepEqual(ids(await people.where(col("name").like("_e%")).collect()), [4]);
  t.deepEqual(ids(await people.where(col("name").rlike("^[AB]")).collect()), [1, 2]);
  t.deepEqual(ids(await people.where(col("name").startsWith("C").or(col("name").endsWith("e"))).collect()), [3, 4, 5]);
  t.deepEqual(ids(await people.where(col("name").contains("o")).collect()), [2]);
  t.deepEqual(ids(await people.where(col("country").neq("PL")).collect()), [2, 4], "!= drops nulls, as SQL does");
  t.deepEqual(ids(await people.where(col("country").eqNullSafe(lit(null)).not()).collect()), [1, 2, 3, 4]);
});

test("withColumn(s), renames, drop, toDF, cast, when/otherwise", async (t) => {
  const df = people
    .withColumn("adult", col("age").ge(30))
    .withColumns({ tier: when(col("spent").ge(75), "gold").when(col("spent").ge(50), "silver").otherwise("basic"), one: lit(1) })
    .withColumnRenamed("name", "who")
    .withColumnsRenamed({ country: "cc" })
    .drop("spent", "one")
    .where(col("id").le(3));
  t.deepEqual(await df.collect(), [
    { id: 1, who: "Ann", cc: "PL", age: 30, adult: true, tier: "gold" },
    { id: 2, who: "Bob", cc: "DE", age: 25, adult: false, tier: "silver" },
    { id: 3, who: "Cid", cc: "PL", age: 41, adult: true, tier: "basic" },
  ]);
  t.deepEqual(await people.select("id", "age").toDF("a", "b").limit(1).collect(), [{ a: 1, b: 30 }]);
  t.deepEqual(await people.select(col("age").cast("string").alias("s"), col("name").tryCast("int").alias("n")).limit(1).collect(), [{ s: "30", n: null }]);
});

test("joins: inner, left, right, full, semi, anti, cross, using, self-join with df.col", async (t) => {
  const on = people.col("id").eq(orders.col("pid"));
  t.is(await people.join(orders, on).count(), 3);
  t.is(await people.join(orders, on, "left").count(), 6);
  t.is(await people.join(orders, on, "right").count(), 4);
  t.is(await people.join(orders, on, "full_outer").count(), 7);
  t.deepEqual(ids(await people.join(orders, on, "left_semi").collect()), [1, 2]);
  t.deepEqual(ids(await people.join(orders, on, "anti").orderBy("id").collect()), [3, 4, 5]);
  t.is(await people.crossJoin(orders).count(), 20);
  t.is(await people.join(orders).count(), 20, "no condition is a cross join");
  const a = people.select("id", "country");
  const b = people.select("id", "name");
  t.deepEqual(await a.join(b, "id").where(col("id").eq(1)).collect(), [{ id: 1, country: "PL", name: "Ann" }]);
  const mates = people.alias("a").join(people.alias("b"), col("a.country").eq(col("b.country")).and(col("a.id").lt(col("b.id"))));
  t.deepEqual(await mates.select(col("a.name").alias("x"), col("b.name").alias("y")).collect(), [{ x: "Ann", y: "Cid" }]);
  t.throws(() => people.join(orders, on, "sideways"), { instanceOf: InvalidPlanError, message: /unknown join type/ });
});

test("groupBy + agg, shorthand aggregates, rollup, cube, pivot, agg map", async (t) => {
  const byCountry = await people
    .groupBy("country")
    .agg(fns.count("id").alias("n"), fns.max("age").alias("oldest"))
    .orderBy(col("country").ascNullsLast())
    .collect();
  t.deepEqual(byCountry, [
    { country: "DE", n: 1n, oldest: 25 },
    { country: "FR", n: 1n, oldest: 35 },
    { country: "PL", n: 2n, oldest: 41 },
    { country: null, n: 1n, oldest: 28 },
  ]);
  t.deepEqual(await people.groupBy("country").count().where(col("country").eq("PL")).collect(), [{ country: "PL", count: 2n }]);
  t.deepEqual(await people.groupBy().sum("age").collect(), [{ "sum(age)": 159n }]);
  t.deepEqual(await people.agg({ age: "max", spent: "min" }).collect(), [{ "max(age)": 41, "min(spent)": "10.00" }]);
  t.is(await people.rollup("country").count().count(), 5);
  t.is(await people.cube("country", "age").count().count(), 15, "5 (country, age) + 4 countries + 5 ages + 1 total");
  const pivot = await people.groupBy().pivot("country", ["PL", "DE"]).agg(fns.sum("age")).collect();
  t.deepEqual(pivot, [{ PL: 71n, DE: 25n }]);
});

test("orderBy / sort with directions and null placement, offset, limit, tail", async (t) => {
  t.deepEqual(ids(await people.orderBy(col("spent").desc()).collect()), [1, 4, 2, 5, 3]);
  t.deepEqual(ids(await people.orderBy(col("spent").descNullsFirst()).collect()), [3, 1, 4, 2, 5]);
  t.deepEqual(ids(await people.sort(col("country").asc(), col("age").desc()).collect()), [5, 2, 4, 3, 1]);
  t.deepEqual(ids(await people.orderBy("id").offset(2).limit(2).collect()), [3, 4]);
  t.deepEqual(ids(await people.orderBy("id").tail(2)), [4, 5]);
  t.deepEqual(ids(await people.orderBy("id").take(2)), [1, 2]);
  t.deepEqual(ids(await people.orderBy("id").head(2)), [1, 2]);
  t.is((await people.orderBy(col("age").desc()).first())?.["name"], "Cid");
  t.is(await people.where("id > 100").first(), undefined);
});

test("distinct, dropDuplicates, set operations", async (t) => {
  t.is(await people.select("country").distinct().count(), 4);
  t.is(await people.dropDuplicates("country").count(), 4);
  const a = spark.sql("SELECT * FROM VALUES (1), (2), (2), (3) AS t(x)");
  const b = spark.sql("SELECT * FROM VALUES (2), (3), (4) AS t(x)");
  const xs = async (df: DataFrame) => (await df.orderBy("x").collect()).map((r) => r["x"]);
  t.deepEqual(await xs(a.union(b)), [1, 2, 2, 2, 3, 3, 4]);
  t.deepEqual(await xs(a.intersect(b)), [2, 3]);
  t.deepEqual(await xs(a.intersectAll(b)), [2, 3]);
  t.deepEqual(await xs(a.subtract(b)), [1]);
  t.deepEqual(await xs(a.exceptAll(b)), [1, 2]);
  const c = spark.sql("SELECT 'z' AS y, 5 AS x");
  t.deepEqual(await a.limit(1).unionByName(c.select("x", "y"), { allowMissingColumns: true }).orderBy("x").collect(), [
    { x: 1, y: null },
    { x: 5, y: "z" },
  ]);
});

test("sample, randomSplit, repartition, coalesce, hint", async (t) => {
  const big = spark.range(10_000);
  const n = await big.sample(0.1, { seed: 3 }).count();
  t.true(n > 800 && n < 1200, `sampled ${n}`);
  const parts = big.randomSplit([0.7, 0.3], 11);
  const [x, y] = await Promise.all(parts.map((p) => p.count()));
  t.is(x! + y!, 10_000);
  t.true(x! > 6500 && x! < 7500);
  t.is(await big.repartition(4).count(), 10_000);
  t.is(await big.repartition(3, "id").count(), 10_000);
  t.is(await big.repartitionByRange(2, "id").count(), 10_000);
  t.is(await big.coalesce(1).count(), 10_000);
  t.is(await people.join(orders.hint("broadcast"), people.col("id").eq(orders.col("pid"))).count(), 3);
});

test("window functions over a WindowSpec", async (t) => {
  const w = Window.partitionBy("country").orderBy(col("age").desc());
  const rows = await people
    .where(col("country").isNotNull())
    .select("id", fns.rowNumber().over(w).alias("rn"), fns.sum("age").over(Window.partitionBy("country")).alias("total"))
    .orderBy("id")
    .collect();
  t.deepEqual(rows, [
    { id: 1, rn: 2, total: 71n },
    { id: 2, rn: 1, total: 25n },
    { id: 3, rn: 1, total: 71n },
    { id: 4, rn: 1, total: 35n },
  ]);
  const running = await spark
    .range(5)
    .select("id", fns.sum("id").over(Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("s"))
    .collect();
  t.deepEqual(running.map((r) => r["s"]), [0n, 1n, 3n, 6n, 10n]);
});

test("na.fill / na.drop / na.replace", async (t) => {
  t.deepEqual(ids(await people.na.drop().collect()), [1, 2, 4]);
  t.deepEqual(ids(await people.na.drop({ subset: ["country"] }).collect()), [1, 2, 3, 4]);
  t.is((await people.na.fill({ country: "??" }).where(col("id").eq(5)).first())?.["country"], "??");
  t.is((await people.na.fill("none", ["country"]).where(col("id").eq(5)).first())?.["country"], "none");
  t.deepEqual(await people.na.replace({ PL: "Poland" }, ["country"]).where(col("id").eq(1)).select("country").collect(), [{ country: "Poland" }]);
});

test("describe, summary and stat functions", async (t) => {
  const d = await people.describe("age").collect();
  t.deepEqual(d.map((r) => r["summary"]), ["count", "mean", "stddev", "min", "max"]);
  t.is(d[0]?.["age"], "5");
  const s = await people.summary("min", "max").select("summary", "age").collect();
  t.deepEqual(s, [
    { summary: "min", age: "25" },
    { summary: "max", age: "41" },
  ]);
  const nums = spark.sql("SELECT id AS a, id * 2 AS b FROM range(100)");
  t.true(Math.abs((await nums.stat.corr("a", "b")) - 1) < 1e-9);
  t.true((await nums.stat.cov("a", "b")) > 0);
  const [[median]] = await nums.stat.approxQuantile(["a"], [0.5], 0);
  t.is(median, 49);
  t.is(await people.stat.crosstab("country", "age").count(), 4);
  t.is((await people.stat.freqItems(["country"], 0.4).collect()).length, 1);
});

test("unpivot / melt, transform", async (t) => {
  const wide = spark.sql("SELECT 1 AS id, 10 AS q1, 20 AS q2");
  t.deepEqual(await wide.unpivot(["id"], ["q1", "q2"], "quarter", "revenue").collect(), [
    { id: 1, quarter: "q1", revenue: 10 },
    { id: 1, quarter: "q2", revenue: 20 },
  ]);
  const onlyPL = (df: DataFrame) => df.where(col("country").eq("PL"));
  t.is(await people.transform(onlyPL).count(), 2);
});

test("columns and dtypes come from the schema", async (t) => {
  t.deepEqual(await people.columns(), ["id", "name", "country", "age", "spent"]);
  t.deepEqual(await people.select("id", "spent").dtypes(), [
    ["id", "int"],
    ["spent", "decimal(5,2)"],
  ]);
});

test("show, schema text, explain in every mode, semantics", async (t) => {
  const text = await people.orderBy("id").showString(2);
  t.true(text.startsWith("+---+----+-------+---+------+\n| id|name|country|age| spent|\n"));
  t.true(text.includes("only showing top 2 rows"));
  t.regex(await people.treeString(), /^root\n \|-- id: integer/);
  for (const mode of ["simple", "extended", "codegen", "cost", "formatted"] as const) {
    t.regex(await people.explain(mode), /Plan|==|\(\d\)|WholeStageCodegen/, mode);
  }
  t.true(await people.sameSemantics(people.select("*")));
  t.is(typeof (await people.semanticHash()), "number");
  t.false(await people.isStreaming());
  t.is(typeof (await people.isLocal()), "boolean");
  t.deepEqual(await people.inputFiles(), []);
  t.false(await people.isEmpty());
  t.true(await people.where("id < 0").isEmpty());
});

test("temp views, caching", async (t) => {
  await people.createOrReplaceTempView("people_v");
  t.is(await spark.sql("SELECT count(*) AS n FROM people_v").count(), 1);
  t.deepEqual(await spark.table("people_v").where(col("id").eq(2)).select("name").collect(), [{ name: "Bob" }]);
  await t.throwsAsync(people.createTempView("people_v"), { instanceOf: AnalysisError });
  const cached = await people.cache();
  t.true((await cached.storageLevel()).useMemory);
  await cached.unpersist(true);
  t.false((await cached.storageLevel()).useMemory);
});

test("SQL parameters are bound as literals, named and positional", async (t) => {
  t.deepEqual(
    await spark.sql("SELECT id FROM range(10) WHERE id BETWEEN :lo AND :hi AND :s = 'x''y'", { lo: 2, hi: 4, s: "x'y" }).collect(),
    [{ id: 2n }, { id: 3n }, { id: 4n }],
  );
  t.deepEqual(await spark.sql("SELECT ? AS a, ? AS b", [1n, "two"]).collect(), [{ a: 1n, b: "two" }]);
});

test("collect() guardrails: maxRows and maxBytes stop the query with ResultLimitError", async (t) => {
  const err = await t.throwsAsync(spark.range(100_000).collect({ maxRows: 1000 }), { instanceOf: ResultLimitError });
  t.regex(err.message, /1000 rows \(maxRows\)/);
  await t.throwsAsync(spark.range(1_000_000).collect({ maxBytes: 100_000 }), { instanceOf: ResultLimitError, message: /maxBytes/ });
  t.is((await spark.range(10).collect({ maxRows: 10 })).length, 10);
  const guarded = await (await import("../../src/index.js")).SparkSession.connect(process.env["SPARK_CONNECT_TEST_URL"]!, { limits: { collect: { maxRows: 5 } } });
  try {
    await t.throwsAsync(guarded.range(6).collect(), { instanceOf: ResultLimitError });
    t.is((await guarded.range(5).collect()).length, 5);
  } finally {
    await guarded.close();
  }
});

test("bad arguments are refused on the client, naming the fix", (t) => {
  t.throws(() => people.select(), { instanceOf: InvalidPlanError, message: /at least one column/ });
  t.throws(() => people.sample(2), { instanceOf: InvalidPlanError, message: /fraction/ });
  t.throws(() => people.randomSplit([1]), { instanceOf: InvalidPlanError });
  t.throws(() => people.coalesce(0), { instanceOf: InvalidPlanError, message: /from 1/ });
  t.throws(() => people.withColumns({}), { instanceOf: InvalidPlanError });
  t.throws(() => col("a").otherwise(1), { instanceOf: InvalidPlanError, message: /when/ });
});

test("na.fill with a whole number fills numeric columns (sent as a long, as PySpark does); join on a list of conditions ANDs them", async (t) => {
  const holes = spark.sql("SELECT * FROM VALUES (1, CAST(NULL AS INT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE), CAST(NULL AS STRING)) AS t(k, i, l, d, s)");
  t.deepEqual(await holes.na.fill(0).collect(), [{ k: 1, i: 0, l: 0n, d: 0, s: null }]);
  t.deepEqual(await holes.na.fill(2.5, ["d"]).collect(), [{ k: 1, i: null, l: null, d: 2.5, s: null }]);
  t.deepEqual(await holes.na.fill({ i: 7, s: "x" }).collect(), [{ k: 1, i: 7, l: null, d: null, s: "x" }]);
  const a = spark.sql("SELECT * FROM VALUES (1, 'x'), (1, 'y'), (2, 'x') AS a(k, v)");
  const b = spark.sql("SELECT * FROM VALUES (1, 'x'), (2, 'y') AS b(k2, v2)");
  const rows = await a
    .join(b, [a.col("k").eq(b.col("k2")), a.col("v").eq(b.col("v2"))])
    .select("k", "v")
    .collect();
  t.deepEqual(rows, [{ k: 1, v: "x" }]);
  t.throws(() => a.join(b, ["k", a.col("k").eq(b.col("k2"))] as never), { instanceOf: InvalidPlanError, message: /list of Column conditions/ });
  t.throws(() => a.join(b, 42 as never), { instanceOf: InvalidPlanError, message: /got number/ });
});

test("agg with a map names its columns as PySpark Connect does: mean(x), count(1)", async (t) => {
  const df = spark.range(4);
  t.deepEqual(await df.groupBy().agg({ id: "mean", "*": "count" }).collect(), [{ "mean(id)": 1.5, "count(1)": 4n }]);
  t.deepEqual(await df.agg({ id: "avg" }).columns(), ["avg(id)"]);
});

test("alias with several names names each output of a generator, as PySpark's alias('pos', 'x'); metadata goes with one name only", async (t) => {
  const { posexplode } = await import("../../src/functions/index.js");
  const df = spark.sql("SELECT array(10, 20) AS xs");
  t.deepEqual(await df.select(posexplode("xs").alias("pos", "x")).collect(), [
    { pos: 0, x: 10 },
    { pos: 1, x: 20 },
  ]);
  t.throws(() => col("a").alias("a", "b", { metadata: { k: 1 } } as never), { instanceOf: InvalidPlanError, message: /single name only/ });
  t.throws(() => (col("a").alias as (...a: unknown[]) => unknown)(), { instanceOf: InvalidPlanError, message: /one or more non-empty names/ });
  t.deepEqual(await df.select(col("xs").alias("ys", { metadata: { comment: "c" } })).columns(), ["ys"]);
});

test("sample takes PySpark's positional forms: (fraction, seed) and (withReplacement, fraction, seed)", async (t) => {
  const df = spark.range(200);
  const ids = async (d: DataFrame<{ id: bigint }>) => (await d.collect()).map((r) => r.id);
  t.deepEqual(await ids(df.sample(0.3, 7)), await ids(df.sample(0.3, { seed: 7 })));
  t.deepEqual(await ids(df.sample(true, 0.5, 7)), await ids(df.sample(0.5, { withReplacement: true, seed: 7 })));
  t.deepEqual(await ids(df.sample(false, 0.3, 7)), await ids(df.sample(0.3, { seed: 7 })));
  t.throws(() => df.sample(true, "0.5" as never), { instanceOf: InvalidPlanError, message: /fraction must be a number/ });
});

test("persist() and cache() use MEMORY_AND_DISK_DESER as PySpark does; isCached follows cache and unpersist; df.sparkSession is the session", async (t) => {
  const df = spark.range(5).selectExpr("id * 3 AS x");
  t.is(df.sparkSession, spark);
  t.false(await df.isCached());
  await df.cache();
  t.true(await df.isCached());
  t.deepEqual(await df.storageLevel(), { useDisk: true, useMemory: true, useOffHeap: false, deserialized: true, replication: 1 });
  await df.unpersist(true);
  t.false(await df.isCached());
  const other = await connect();
  t.false(other.isStopped);
  await other.close();
  t.true(other.isStopped);
  t.false(spark.isStopped);
});
