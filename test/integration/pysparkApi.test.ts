// PySpark's DataFrame API on the real server: each expectation is what PySpark Connect
// 4.1.1 returned for the same call on the same server (column names and values), except
// where a comment says how this client differs.
import test from "ava";
import { AnalysisError, type SparkConnectError } from "../../src/index.js";
import { array, col, count, expr, lit, max, struct, sum } from "../../src/functions/index.js";
import { connect } from "../support/server.js";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CachedRemoteRelationNode } from "../../src/plan/CachedRemoteRelationNode.js";

/** A full garbage collection (the flag set at run time, as the test runner does not pass it). */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

const spark = await connect();
test.after.always(() => spark.close());

const plain = <T extends object>(rows: readonly T[]) => rows.map((r) => ({ ...r }));

const people = () =>
  spark.createDataFrame(
    [
      { id: 1, s: "a", d: null },
      { id: 2, s: null, d: 3.0 },
      { id: 3, s: "c", d: 1.0 },
    ],
    "id INT, s STRING, d DOUBLE",
  );

test("fillna, dropna and replace are df.na's fill, drop and replace", async (t) => {
  // PySpark: df.fillna(0) fills the numeric columns only.
  t.deepEqual(plain(await people().fillna(0).orderBy("id").collect()), [
    { id: 1, s: "a", d: 0 },
    { id: 2, s: null, d: 3 },
    { id: 3, s: "c", d: 1 },
  ]);
  t.deepEqual(plain(await people().dropna().collect()), [{ id: 3, s: "c", d: 1 }]);
  t.deepEqual(
    (await people().replace({ a: "z" }).orderBy("id").collect()).map((r) => r["s"]),
    ["z", null, "c"],
  );
});

test("corr, cov, crosstab, freqItems, approxQuantile and sampleBy are df.stat's", async (t) => {
  const xy = spark.range(10).selectExpr("id", "id * 2 AS y");
  t.is(await xy.corr("id", "y"), 1);
  t.is(await xy.cov("id", "y"), 18.333333333333332);
  t.deepEqual(await people().crosstab("id", "s").columns(), ["id_s", "a", "c", "null"]);
  t.deepEqual(await people().freqItems(["id"]).columns(), ["id_freqItems"]);
  t.deepEqual(await spark.range(101).approxQuantile(["id"], [0.5], 0), [[50]]);
  const sampled = await spark.range(100).sampleBy("id", new Map([[1, 1.0], [2, 1.0]]), 7).orderBy("id").collect();
  t.deepEqual(sampled.map((r) => r.id), [1n, 2n]);
});

test("orderBy/sort with { ascending }: false for all keys, or one per key; a list of another length is refused", async (t) => {
  const ids = async (df: Promise<Record<string, unknown>[]>) => (await df).map((r) => r["id"]);
  t.deepEqual(await ids(people().orderBy("id", { ascending: false }).collect()), [3, 2, 1]);
  t.deepEqual(await ids(people().sort(["id", "s"], { ascending: [false, true] }).collect()), [3, 2, 1]);
  t.deepEqual(await ids(people().orderBy("s", "id", { ascending: [true, false] }).collect()), [2, 1, 3]);
  // A key ordered with asc()/desc() keeps its own direction.
  t.deepEqual(await ids(people().orderBy(col("id").asc(), { ascending: false }).collect()), [1, 2, 3]);
  // PySpark zips the list with the keys (a shorter or longer list is cut silently); here it is an error.
  t.throws(() => people().orderBy("id", "s", { ascending: [false] }), { message: /ascending lists 1 direction\(s\) for 2 key\(s\)/ });
});

test("join without a condition is every pair of rows, as in PySpark, and crossJoin the same", async (t) => {
  const a = spark.range(2);
  const b = spark.range(3).withColumnRenamed("id", "j");
  t.is(await a.join(b).count(), 6);
  t.is(await a.join(b, undefined, "cross").count(), 6);
  t.is(await a.crossJoin(b).count(), 6);
});

test("groupingSets: subtotals per set, columns as PySpark names them (needs Spark ≥ 4.0)", async (t) => {
  const g = spark.createDataFrame(
    [
      { city: "a", car: "x", qty: 1 },
      { city: "a", car: "y", qty: 2 },
      { city: "b", car: "x", qty: 3 },
    ],
    "city STRING, car STRING, qty INT",
  );
  const df = g.groupingSets([["city", "car"], ["city"], []], "city", "car").agg(sum("qty").alias("qty"));
  t.deepEqual(await df.columns(), ["city", "car", "qty"]);
  t.deepEqual(plain(await df.orderBy("city", "car").collect()), [
    { city: null, car: null, qty: 6n },
    { city: "a", car: null, qty: 3n },
    { city: "a", car: "x", qty: 1n },
    { city: "a", car: "y", qty: 2n },
    { city: "b", car: null, qty: 3n },
    { city: "b", car: "x", qty: 3n },
  ]);
});

const t1 = () => spark.sql("SELECT * FROM VALUES (0, 1), (1, 2) AS t1(c1, c2)").alias("t1");
const t2 = () => spark.sql("SELECT * FROM VALUES (0, 2), (0, 3) AS t2(c1, c2)").alias("t2");

test("scalar(): a correlated scalar subquery with outer(); the column is named scalarsubquery() (needs Spark ≥ 4.0)", async (t) => {
  const m = t2().where(col("t2.c1").eq(col("t1.c1").outer())).select(max("c2")).scalar();
  t.deepEqual(plain(await t1().select(col("c1"), m.alias("m")).orderBy("c1").collect()), [
    { c1: 0, m: 3 },
    { c1: 1, m: null },
  ]);
  t.deepEqual(await t1().select(col("c1"), t2().select(max("c2")).scalar()).columns(), ["c1", "scalarsubquery()"]);
  // As in PySpark Connect, an unqualified name the subquery also has is the subquery's own column.
  const unqualified = t2().where(col("c1").eq(col("c1").outer())).select(max("c2")).scalar();
  t.deepEqual(plain(await t1().select(col("c1"), unqualified.alias("m")).orderBy("c1").collect()), [
    { c1: 0, m: 3 },
    { c1: 1, m: 3 },
  ]);
});

test("exists() and isin(DataFrame) (needs Spark ≥ 4.1)", async (t) => {
  const e = t2().where(col("t2.c1").eq(col("t1.c1").outer())).exists();
  t.deepEqual(plain(await t1().where(e).collect()), [{ c1: 0, c2: 1 }]);
  t.deepEqual(plain(await t1().where(col("c1").isin(t2().select("c1"))).collect()), [{ c1: 0, c2: 1 }]);
  t.deepEqual(await t1().select(col("c1").isin(t2().select("c1"))).columns(), ["(c1 IN (listquery()))"]);
  // A subquery used twice in one plan, and subqueries at two levels of the plan.
  const twice = t1()
    .where(e)
    .select(col("c1"), t2().select(count(lit(1))).scalar().alias("n"))
    .where(col("n").eq(t2().select(count(lit(1))).scalar()));
  t.deepEqual(plain(await twice.collect()), [{ c1: 0, n: 2n }]);
});

test("lateralJoin: the right side reads the left side's columns; inner, left, and unsupported types (needs Spark ≥ 4.0)", async (t) => {
  const sums = t1().lateralJoin(spark.range(1).select(col("c1").outer().plus(col("c2").outer()).alias("sum")));
  t.deepEqual(await sums.columns(), ["c1", "c2", "sum"]);
  t.deepEqual(plain(await sums.orderBy("c1").collect()), [
    { c1: 0, c2: 1, sum: 1 },
    { c1: 1, c2: 2, sum: 3 },
  ]);
  const left = t1().lateralJoin(t2().where(col("t2.c1").eq(col("t1.c1").outer())).select(col("c2").alias("x")), undefined, "left_outer");
  t.deepEqual(plain(await left.orderBy("c1", "x").collect()), [
    { c1: 0, c2: 1, x: 2 },
    { c1: 0, c2: 1, x: 3 },
    { c1: 1, c2: 2, x: null },
  ]);
  t.throws(() => t1().lateralJoin(t2(), undefined, "right"), { message: /unsupported join type "right"; use inner, left/ });
});

test("transpose, to(schema), colRegex, withMetadata (needs Spark ≥ 4.0)", async (t) => {
  const kv = spark.sql("SELECT * FROM VALUES ('x', 1, 2), ('y', 3, 4) AS t(k, a, b)");
  t.deepEqual(plain(await kv.transpose().collect()), [
    { key: "a", x: 1, y: 3 },
    { key: "b", x: 2, y: 4 },
  ]);
  // The same server error as PySpark's for an index whose other columns share no type.
  const err = await t.throwsAsync<SparkConnectError>(kv.transpose(col("a")).collect());
  t.regex(err!.message, /TRANSPOSE_NO_LEAST_COMMON_TYPE/);

  const df = spark.sql("SELECT 1 AS i, 'a' AS s");
  t.deepEqual(await df.to({ kind: "struct", fields: [{ name: "s", dataType: { kind: "string" }, nullable: true }, { name: "i", dataType: { kind: "long" }, nullable: true }] }).dtypes(), [
    ["s", "string"],
    ["i", "bigint"],
  ]);
  t.deepEqual(await df.to("s STRING, i BIGINT").dtypes(), [
    ["s", "string"],
    ["i", "bigint"],
  ]);
  const wide = spark.sql("SELECT 1 AS Col1, 2 AS Col2, 3 AS x");
  t.deepEqual(await wide.select(wide.colRegex("`Col.*`")).columns(), ["Col1", "Col2"]);
  const meta = (await df.withMetadata("i", { unit: "EUR" }).schema()).fields.find((f) => f.name === "i")?.metadata;
  t.deepEqual(JSON.parse(meta ?? "{}"), { unit: "EUR" });
});

test("metadataColumn reads a file source's _metadata, even where a data column has its name (needs Spark ≥ 4.0)", async (t) => {
  const dir = `/tmp/spark-connect-ts-pysparkapi-${process.pid}`;
  await spark.range(2).withColumn("_metadata", lit("data")).write.mode("overwrite").parquet(dir);
  const files = spark.read.parquet(dir);
  const rows = await files.select(files.metadataColumn("_metadata").getField("file_name").alias("f"), col("_metadata").alias("d")).collect();
  t.is(rows.length, 2);
  t.true(rows.every((r) => typeof r["f"] === "string" && (r["f"] as string).endsWith(".parquet")), JSON.stringify(rows));
  t.deepEqual(rows.map((r) => r["d"]), ["data", "data"]);
});

test("repartitionById puts each row in the partition its column names (needs Spark ≥ 4.1)", async (t) => {
  const rows = await spark
    .range(10)
    .repartitionById(3, col("id").mod(3).cast("int"))
    .select(expr("spark_partition_id()").alias("p"), col("id"))
    .orderBy("id")
    .collect();
  t.deepEqual(
    rows.slice(0, 4).map((r) => [r["p"], r["id"]]),
    [
      [0, 0n],
      [1, 1n],
      [2, 2n],
      [0, 3n],
    ],
  );
  t.throws(() => spark.range(1).repartitionById(0, "id"), { message: /numPartitions/ });
});

test("toJSON gives one string column value (PySpark Connect has no toJSON; Scala's gives the same)", async (t) => {
  const rows = await spark.sql("SELECT 1 AS a, 'x' AS b").toJSON().collect();
  t.deepEqual(plain(rows), [{ value: '{"a":1,"b":"x"}' }]);
});

test("localCheckpoint gives a DataFrame over the checkpointed rows; checkpoint fails as PySpark's does without a checkpoint directory (needs Spark ≥ 4.0)", async (t) => {
  const cut = await spark.range(3).localCheckpoint();
  t.deepEqual((await cut.collect()).map((r) => r.id), [0n, 1n, 2n]);
  t.deepEqual((await cut.where("id > 0").collect()).map((r) => r.id), [1n, 2n]);
  const lazy = await spark.range(2).localCheckpoint(false, "MEMORY_ONLY");
  t.is(await lazy.count(), 2);
  const err = await t.throwsAsync<SparkConnectError>(spark.range(3).checkpoint());
  t.regex(err!.message, /Checkpoint directory has not been set/);
});

test("a checkpointed DataFrame's relation is dropped on the server once the DataFrame is garbage-collected, as in PySpark (needs Spark ≥ 4.0)", async (t) => {
  let cut: Awaited<ReturnType<typeof spark.range>> | undefined = await spark.range(3).localCheckpoint();
  t.is(cut.plan.kind, "CachedRemoteRelation");
  const relationId = (cut.plan as CachedRemoteRelationNode).relationId;
  const again = spark.range(0).withPlan<{ id: bigint }>(CachedRemoteRelationNode.create(relationId));
  t.is(await again.count(), 3, "another DataFrame over the same relation id reads it while the first one lives");
  cut = undefined;
  let gone = false;
  for (let i = 0; i < 50 && !gone; i++) {
    collectGarbage();
    await new Promise((r) => setTimeout(r, 100));
    gone = await again.count().then(
      () => false,
      () => true,
    );
  }
  t.true(gone, "the server no longer has the relation");
});

test("mergeInto sends MERGE INTO: a plain parquet table refuses it as in PySpark (needs Spark ≥ 4.0)", async (t) => {
  const table = `pyspark_api_merge_${process.pid}`;
  await spark.sql(`CREATE TABLE ${table} (id BIGINT, v STRING) USING parquet`).collect();
  try {
    const merge = spark
      .range(3)
      .withColumn("v", lit("x"))
      .alias("src")
      .mergeInto(table, expr(`${table}.id = src.id`))
      .whenMatched()
      .updateAll()
      .whenNotMatched()
      .insertAll()
      .merge();
    const err = await t.throwsAsync<SparkConnectError>(merge);
    t.regex(err!.message, /does not support MERGE INTO TABLE/);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`).collect();
  }
});

test("spark.tvf: PySpark's table-valued functions and their columns (needs Spark ≥ 4.0)", async (t) => {
  t.deepEqual(plain(await spark.tvf.explode(array(lit(1), lit(2))).collect()), [{ col: 1 }, { col: 2 }]);
  t.deepEqual(plain(await spark.tvf.posexplode(array(lit("a"), lit("b"))).collect()), [
    { pos: 0, col: "a" },
    { pos: 1, col: "b" },
  ]);
  t.deepEqual(plain(await spark.tvf.inline(array(struct(lit(1).alias("a"), lit("x").alias("b")))).collect()), [{ a: 1, b: "x" }]);
  t.deepEqual(plain(await spark.tvf.jsonTuple(lit('{"a":1,"b":2}'), lit("a"), lit("b")).collect()), [{ c0: "1", c1: "2" }]);
  t.deepEqual(plain(await spark.tvf.stack(lit(2), lit("a"), lit(1), lit("b"), lit(2)).collect()), [
    { col0: "a", col1: 1 },
    { col0: "b", col1: 2 },
  ]);
  t.deepEqual(await spark.tvf.sqlKeywords().columns(), ["keyword", "reserved"]);
  t.deepEqual(await spark.tvf.collations().columns(), ["CATALOG", "SCHEMA", "NAME", "LANGUAGE", "COUNTRY", "ACCENT_SENSITIVITY", "CASE_SENSITIVITY", "PAD_ATTRIBUTE", "ICU_VERSION"]);
  t.deepEqual((await spark.tvf.variantExplode(expr(`parse_json('{"a":1,"b":"x"}')`)).collect()).map((r) => [r["pos"], r["key"]]), [
    [0, "a"],
    [1, "b"],
  ]);
  t.deepEqual(plain(await spark.tvf.explodeOuter(expr("CAST(array() AS array<int>)")).collect()), [{ col: null }]);
  t.deepEqual(plain(await spark.tvf.explode_outer(expr("CAST(array() AS array<int>)")).collect()), [{ col: null }]);
  t.is(await spark.tvf.range(5).count(), 5);
});

test("casts to DataType objects, tryCast, astype, startswith and endswith (needs Spark ≥ 4.0)", async (t) => {
  const one = spark.range(1);
  t.deepEqual(await one.select(col("id").cast({ kind: "decimal", precision: 10, scale: 2 }).alias("d")).dtypes(), [["d", "decimal(10,2)"]]);
  t.deepEqual(plain(await one.select(array(col("id")).cast({ kind: "array", elementType: { kind: "string" }, containsNull: true }).alias("d")).collect()), [{ d: ["0"] }]);
  t.deepEqual(plain(await one.select(lit("x").tryCast({ kind: "integer" }).alias("d")).collect()), [{ d: null }]);
  // PySpark Connect names a cast column after its input: 'id'.
  t.deepEqual(await one.select(col("id").astype("string")).columns(), ["id"]);
  t.deepEqual(await one.select(col("id").astype({ kind: "string" })).columns(), ["id"]);
  t.deepEqual(await one.select(lit("abc").startswith("ab")).columns(), ["startswith(abc, ab)"]);
  t.deepEqual(plain(await one.select(lit("abc").startswith("ab").alias("s"), lit("abc").endswith("bc").alias("e")).collect()), [{ s: true, e: true }]);
  t.deepEqual(plain(await one.select(col("id").transform((c) => c.plus(1)).alias("x")).collect()), [{ x: 1n }]);
});

test("a subquery refers to a plan the query lacks: the server's error is an AnalysisError (needs Spark ≥ 4.0)", async (t) => {
  const err = await t.throwsAsync(t1().select(spark.sql("SELECT no_such_column").scalar()).collect());
  t.true(err instanceof AnalysisError, String(err));
});
