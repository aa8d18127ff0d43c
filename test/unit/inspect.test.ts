// What util.inspect (console.log, the REPL, tslab's cell output) shows of DataFrame,
// Column, GroupedData and SparkSession: the user's view, never handles, runtimes or the
// token. No server: nothing here makes an RPC.
import test from "ava";
import { inspect } from "node:util";
import { col, lit, SparkSession, Window } from "../../src/index.js";
import { count, rowNumber, sum } from "../../src/functions/index.js";

const TOKEN = "s3cr3t-T0KEN-value-4711";
const spark = await SparkSession.connect(`sc://127.0.0.1:1/;token=${TOKEN};user_id=ann`, { retry: { maxRetries: 0 } });
test.after.always(() => spark.close());

/** Everything util.inspect can be made to print, hidden properties and all. */
const everything = (v: unknown) => [inspect(v), inspect(v, { showHidden: true, depth: Infinity }), inspect([v, { nested: v }], { depth: Infinity }), String(inspect(v, { colors: true }))].join("\n");

test("a DataFrame shows its plan's steps and the columns the plan names", (t) => {
  const df = spark.sql("SELECT 1 AS a, 'x' AS b").where("a > 0").select("a", col("b").alias("bb"));
  t.is(inspect(df), `DataFrame [Project ← Filter ← Sql "SELECT 1 AS a, 'x' AS b"] columns: a, bb`);
  t.is(inspect(spark.range(10)), "DataFrame [Range(0, 10)] columns: id");
  t.is(inspect(spark.range(0, 10, 2).withColumn("x", lit(1)).withColumnRenamed("id", "n").orderBy("n").limit(3)), "DataFrame [Limit 3 ← Sort ← Rename ← WithColumns ← Range(0, 10, 2)] columns: n, x");
  t.is(inspect(spark.table("sales.orders")), "DataFrame [Table sales.orders]");
  t.is(inspect(spark.table("t").select("*")), "DataFrame [Project ← Table t]", "columns only the server knows are not guessed");
  t.is(inspect(spark.range(3).select("*", col("id").multiply(2))), "DataFrame [Project ← Range(0, 3)]");
  t.is(inspect(spark.createDataFrame([{ name: "Ann", age: 31n }])), "DataFrame [LocalRelation] columns: name, age");
  t.is(inspect(spark.range(3).groupBy("id").agg(count("*").alias("n"))), "DataFrame [Aggregate ← Range(0, 3)] columns: id, n");
  t.is(
    inspect(spark.table("a").join(spark.range(3), "id", "left").union(spark.table("b"))),
    "DataFrame [Union all by name(Join left(Table a, Range(0, 3)), Table b)]",
  );
  // A set operation has the left side's columns, by name or by position.
  t.is(inspect(spark.range(3).intersect(spark.range(2))), "DataFrame [Intersect by name(Range(0, 3), Range(0, 2))] columns: id");
  t.is(inspect(spark.range(3).unionByPosition(spark.range(2))), "DataFrame [Union all(Range(0, 3), Range(0, 2))] columns: id");
  t.is(inspect(spark.range(3).unionByName(spark.range(2), { allowMissingColumns: true })), "DataFrame [Union all by name(Range(0, 3), Range(0, 2))]");
  const long = spark.sql("SELECT   *\n FROM events WHERE country = 'PL' AND amount > 100 AND ts > current_date() - 7");
  t.is(inspect(long), 'DataFrame [Sql "SELECT * FROM events WHERE country = \'P…"]', "whitespace collapsed, cut at 40 characters");
  let deep = spark.range(5);
  for (let i = 0; i < 10; i++) deep = deep.where(`id > ${i}`);
  t.is(inspect(deep), "DataFrame [Filter ← Filter ← Filter ← Filter ← … ← Range(0, 5)] columns: id");
  const wide = spark.range(1).select(...Array.from({ length: 30 }, (_, i) => col("id").alias(`c${i}`)));
  t.regex(inspect(wide), /columns: c0, c1, .*, c11, … \(18 more\)$/);
});

test("a Column shows its expression", (t) => {
  t.is(inspect(col("amount").multiply(2)), "Column<amount * 2>");
  t.is(inspect(col("amount").multiply(2).alias("double")), "Column<(amount * 2) AS double>");
  t.is(inspect(col("a").neq(1).and(col("b").isNull())), "Column<(a != 1) AND (b IS NULL)>");
  t.is(inspect(col("name").eq("O'Brien")), "Column<name = 'O\\'Brien'>");
  t.is(inspect(col("id").cast("string")), "Column<CAST(id AS string)>");
  t.is(inspect(col("x").desc()), "Column<x DESC>");
  t.is(inspect(col("s").getField("f").getItem(0)), "Column<s.f[0]>");
  t.is(inspect(col("c").isin(1, 2, 3)), "Column<c IN (1, 2, 3)>");
  t.is(inspect(sum("amount").over(Window.partitionBy("k").orderBy(col("t").desc()))), "Column<sum(amount) OVER (PARTITION BY k ORDER BY t DESC)>");
  t.is(inspect(rowNumber().over(Window.orderBy("t"))), "Column<row_number() OVER (ORDER BY t ASC)>");
  t.is(inspect(lit(5n)), "Column<5L>");
  t.is(inspect([col("a"), col("b")]), "[ Column<a>, Column<b> ]");
});

test("GroupedData shows its grouping and its DataFrame", (t) => {
  const df = spark.range(10);
  t.is(inspect(df.groupBy("id")), "GroupedData [groupBy id] of DataFrame [Range(0, 10)] columns: id");
  t.is(inspect(df.rollup("id", col("id").mod(2))), "GroupedData [rollup id, (id % 2)] of DataFrame [Range(0, 10)] columns: id");
  t.is(inspect(df.groupBy("id").pivot("k", [1, 2])), "GroupedData [groupBy id pivot k] of DataFrame [Range(0, 10)] columns: id");
});

test("a SparkSession shows its id and server, never the token", async (t) => {
  const text = inspect(spark);
  t.is(text, `SparkSession { sessionId: '${spark.sessionId}', target: 'sc://127.0.0.1:1', closed: false }`);
  // While a call is in flight (spark.sql sends its text at once), the channel holds the
  // request's metadata, token included: none of it may show.
  const df = spark.sql("SELECT 1 AS a");
  const all = [
    everything(spark),
    everything(df),
    everything(df.groupBy("a")),
    everything(col("x")),
    everything(spark.catalog),
    everything(spark.conf),
    everything(df.stat),
    everything(df.na),
    everything(df.write),
    everything(df.writeTo("t")),
    everything(spark.read),
  ].join("\n");
  t.false(all.includes(TOKEN), "the token never appears");
  t.false(all.includes("Bearer"), "nor the authorization header");
  t.false(/handle|runtime|ManagedRuntime|transport/.test([everything(spark), everything(df)].join("\n")), "no internals");
  const other = await SparkSession.connect(`sc://127.0.0.1:1/;token=${TOKEN}`, { retry: { maxRetries: 0 } });
  await other.close();
  t.is(inspect(other), `SparkSession { sessionId: '${other.sessionId}', target: 'sc://127.0.0.1:1', closed: true }`);
});

test("a DataFrame in a notebook shows its plan and how to see rows, without a server round trip", (t) => {
  const df = spark.sql("SELECT 1 AS a").where("a > 0");
  const bundle = (df as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!();
  t.is(bundle["text/plain"], `DataFrame [Filter ← Sql "SELECT 1 AS a"]\n(await df.display() shows the first rows)`);
  t.true(bundle["text/html"]!.includes("<code>DataFrame [Filter ← Sql &quot;SELECT 1 AS a&quot;]</code>"));
  t.true(bundle["text/html"]!.includes("<code>await df.display()</code>"));
  const evil = spark.sql("SELECT '<script>alert(1)</script>' AS x");
  const html = (evil as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!()["text/html"]!;
  t.false(html.includes("<script>"));
});
