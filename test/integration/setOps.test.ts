// Set operations match columns by name (docs/dataframe.md, "Ordering, limits, sets"):
// rows of the same type with their columns in another order keep their data in the right
// columns; unionByPosition is PySpark's positional union; names that differ fail with an
// AnalysisError whose message names the fix.
import test from "ava";
import { AnalysisError, type DataFrame } from "../../src/index.js";
import { connect } from "../support/server.js";

interface Resident {
  name: string;
  city: string;
}

const spark = await connect();
test.after.always(() => spark.close());

// The same row type, the columns in another order (and a positional match would pair names with cities).
const LEFT = "SELECT * FROM VALUES ('ann', 'paris'), ('bob', 'rome'), ('bob', 'rome'), ('cid', 'oslo'), ('cid', 'oslo') AS t(name, city)";
const left = spark.sql<Resident>(LEFT);
const right = spark.sql<{ city: string; name: string }>("SELECT * FROM VALUES ('rome', 'bob'), ('oslo', 'cid'), ('oslo', 'cid'), ('lima', 'dan') AS t(city, name)");

/** The rows, sorted, with their keys in the order the server sent the columns. */
async function rows(df: DataFrame<Resident>): Promise<Resident[]> {
  return df.orderBy("name", "city").collect();
}

const r = (name: string, city: string): Resident => ({ name, city });

test("union and unionAll match columns by name: the other side's data stays in its columns", async (t) => {
  const all = [r("ann", "paris"), r("bob", "rome"), r("bob", "rome"), r("bob", "rome"), r("cid", "oslo"), r("cid", "oslo"), r("cid", "oslo"), r("cid", "oslo"), r("dan", "lima")];
  for (const df of [left.union(right), left.unionAll(right)]) {
    const got = await rows(df);
    t.deepEqual(got, all);
    t.deepEqual(Object.keys(got[0]!), ["name", "city"], "this side's column order");
  }
});

test("intersect, intersectAll, subtract and exceptAll match columns by name", async (t) => {
  t.deepEqual(await rows(left.intersect(right)), [r("bob", "rome"), r("cid", "oslo")]);
  t.deepEqual(await rows(left.intersectAll(right)), [r("bob", "rome"), r("cid", "oslo"), r("cid", "oslo")]);
  t.deepEqual(await rows(left.subtract(right)), [r("ann", "paris")]);
  t.deepEqual(await rows(left.exceptAll(right)), [r("ann", "paris"), r("bob", "rome")]);
  // The other way round: the result has the left side's (here: right's) column order.
  t.deepEqual(await right.exceptAll(left).collect(), [{ city: "lima", name: "dan" }]);
  const keys = Object.keys((await left.intersect(right).collect())[0]!);
  t.deepEqual(keys, ["name", "city"]);
});

test("names match case-insensitively, as in Spark; the result has this side's names", async (t) => {
  const shouting = spark.sql("SELECT * FROM VALUES ('ROME', 'bob') AS t(CITY, Name)").selectExpr("lower(CITY) AS CITY", "Name");
  t.deepEqual(await rows(left.intersect(shouting)), [r("bob", "rome")]);
  t.deepEqual(await rows(left.limit(0).union(shouting)), [r("bob", "rome")]);
});

test("a column of this side stays usable after an intersect or except (the plan holds this side twice)", async (t) => {
  t.deepEqual(await left.intersect(right).select(left.col("city")).orderBy("city").collect(), [{ city: "oslo" }, { city: "rome" }]);
  t.deepEqual(await left.exceptAll(right).where(left.col("name").eq("ann")).collect(), [r("ann", "paris")]);
});

test("the alignment of an intersect's other side costs nothing: Spark's optimizer removes the empty side", async (t) => {
  const a = spark.range(10).selectExpr("id AS name", "id * 2 AS city");
  const b = spark.range(5).selectExpr("id * 2 AS city", "id AS name");
  for (const df of [a.intersect(b), a.exceptAll(b), a.subtract(b), a.intersectAll(b)]) {
    const plan = await df.explain("extended");
    const optimized = plan.slice(plan.indexOf("== Optimized Logical Plan =="));
    t.notRegex(optimized, /Limit/, "no limit left in the optimized plan");
    t.is(optimized.match(/Range \(0, 10,/g)?.length, 2, "this side is read once (each plan section names it once)");
  }
  t.deepEqual(await a.subtract(b).orderBy("name").limit(3).collect(), [
    { name: 5n, city: 10n },
    { name: 6n, city: 12n },
    { name: 7n, city: 14n },
  ]);
});

test("unionByPosition matches columns by position, as PySpark's union", async (t) => {
  t.deepEqual(await rows(left.where("name = 'ann'").unionByPosition(right.where("name = 'dan'"))), [r("ann", "paris"), r("lima", "dan")]);
  const imported = spark.sql<{ c1: string; c2: string }>("SELECT * FROM VALUES ('eve', 'kyiv') AS t(c1, c2)");
  const got = await rows(left.where("name = 'ann'").unionByPosition(imported));
  t.deepEqual(got, [r("ann", "paris"), r("eve", "kyiv")]);
  t.deepEqual(Object.keys(got[1]!), ["name", "city"]);
});

test("names that differ fail with an AnalysisError naming the fix; the session stays usable", async (t) => {
  // Untyped DataFrames, so the names are not checked at compile time.
  const misspelt = spark.sql("SELECT * FROM VALUES ('rome', 'bob') AS t(city, nme)");
  const wider = spark.sql("SELECT * FROM VALUES ('rome', 'bob', 1) AS t(city, name, zip)");
  const untypedLeft = spark.sql(LEFT);
  const unions = { union: untypedLeft.union(misspelt), unionAll: untypedLeft.unionAll(wider) };
  for (const [method, df] of Object.entries(unions)) {
    const e = await t.throwsAsync(df.collect(), { instanceOf: AnalysisError }, method);
    t.regex(e!.message, new RegExp(`${method}\\(\\) matches columns by name, not by position as PySpark's ${method} does`), method);
    t.regex(e!.message, /Rename columns to match \(select, withColumnRenamed or toDF\), or combine them by position with unionByPosition\(other\)/, method);
  }
  const others = {
    intersect: untypedLeft.intersect(misspelt),
    intersectAll: untypedLeft.intersectAll(wider),
    subtract: untypedLeft.subtract(misspelt),
    exceptAll: untypedLeft.exceptAll(wider),
  };
  for (const [method, df] of Object.entries(others)) {
    const e = await t.throwsAsync(df.collect(), { instanceOf: AnalysisError }, method);
    t.regex(e!.message, new RegExp(`${method}\\(\\) matches columns by name`), method);
    t.regex(e!.message, new RegExp(`give the other side this side's names first: ${method}\\(other\\.toDF\\(\\.\\.\\.names\\)\\)`), method);
    // A missing name is _LEGACY_ERROR_TEMP_1201 up to Spark 4.1, UNRESOLVED_COLUMN_AMONG_FIELD_NAMES from 4.2, unclassified in 3.5.
    const classes = [undefined, "_LEGACY_ERROR_TEMP_1201", "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", "NUM_COLUMNS_MISMATCH"];
    t.true(classes.includes(e!.errorClass), `${method}: ${e!.errorClass}`);
  }
  // Analysis calls (schema, explain) carry the hint too; so does unionByName, with its own fix.
  const schemaError = await t.throwsAsync(untypedLeft.subtract(misspelt).schema(), { instanceOf: AnalysisError });
  t.regex(schemaError!.message, /subtract\(\) matches columns by name/);
  const byName = await t.throwsAsync(untypedLeft.unionByName(misspelt).count(), { instanceOf: AnalysisError });
  t.regex(byName!.message, /unionByName\(other, \{ allowMissingColumns: true \}\)/);
  // A name twice on one side.
  const twice = spark.sql("SELECT 'a' AS name, 'b' AS name");
  const dup = await t.throwsAsync(twice.union(twice).collect(), { instanceOf: AnalysisError });
  t.regex(dup!.message, /union\(\) matches columns by name/);
  // Errors of a query without set operations by name get no hint.
  const plain = await t.throwsAsync(spark.sql("SELECT 1 AS x").unionByPosition(wider).collect(), { instanceOf: AnalysisError });
  t.is(plain!.errorClass, "NUM_COLUMNS_MISMATCH");
  t.notRegex(plain!.message, /matches columns by name/);

  // The session goes on.
  t.is(await spark.range(3).count(), 3);
  t.deepEqual(await rows(left.intersect(right)), [r("bob", "rome"), r("cid", "oslo")]);
});
