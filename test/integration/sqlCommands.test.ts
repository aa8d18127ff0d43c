// spark.sql() sends its text at once as a SQL command, as PySpark does: commands run
// exactly once, their errors reject the awaited DataFrame, queries stay lazy.
import { randomUUID } from "node:crypto";
import test from "ava";
import { Effect, Exit } from "effect";
import { AnalysisError, DataFrame, OperationTimeoutError, ParseError, SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { recorder } from "../support/recorder.js";
import { connect, TEST_RETRY, testUrl } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

const unique = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

test("CREATE TABLE and INSERT run exactly once, however many actions follow", async (t) => {
  const table = unique("sql_once");
  try {
    await spark.sql(`CREATE TABLE ${table} (id INT) USING parquet`);
    const insert = spark.sql(`INSERT INTO ${table} VALUES (1), (2), (3)`);
    // Actions on the command's DataFrame (its output is empty) never run it again.
    t.is(await insert.count(), 0);
    t.deepEqual(await insert.collect(), []);
    await insert;
    await insert.limit(1).collect();
    t.is(await spark.table(table).count(), 3);
    t.is(await spark.table(table).count(), 3);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test("a command runs without an action, even if its DataFrame is never awaited", async (t) => {
  const table = unique("sql_eager");
  try {
    await spark.sql(`CREATE TABLE ${table} (id INT) USING parquet`);
    spark.sql(`INSERT INTO ${table} VALUES (7)`); // not awaited, no action
    // Commands of a session run in the order issued: this one waits for the INSERT.
    const n = await spark.sql(`SELECT count(*) AS n FROM ${table}`).collect();
    t.deepEqual(n, [{ n: 1n }]);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test("commands issued without awaiting run in order", async (t) => {
  const table = unique("sql_order");
  spark.sql(`CREATE TABLE ${table} (id INT) USING parquet`);
  spark.sql(`INSERT INTO ${table} VALUES (1)`);
  spark.sql(`INSERT INTO ${table} VALUES (2)`);
  const drop = spark.sql(`SELECT sum(id) AS s FROM ${table}`);
  try {
    t.deepEqual(await drop.collect(), [{ s: 3n }]);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test("a DDL error rejects from await spark.sql(...) with the server's error class; the session stays usable", async (t) => {
  const table = unique("sql_err");
  try {
    await spark.sql(`CREATE TABLE ${table} (id INT) USING parquet`);
    const err = await t.throwsAsync(async () => await spark.sql(`CREATE TABLE ${table} (id INT) USING parquet`), { instanceOf: AnalysisError });
    t.is(err.errorClass, "TABLE_OR_VIEW_ALREADY_EXISTS");
    await t.throwsAsync(async () => await spark.sql("CREAT TABLE nope (id INT)"), { instanceOf: ParseError });
    // The failed command's DataFrame keeps failing with the same error, without resending it.
    const failed = spark.sql(`CREATE TABLE ${table} (id INT) USING parquet`);
    await t.throwsAsync(failed.collect(), { instanceOf: AnalysisError });
    await t.throwsAsync(failed.count(), { instanceOf: AnalysisError });
    t.deepEqual(await spark.sql("SELECT 1 AS x").collect(), [{ x: 1 }]);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test("awaiting resolves to a plain DataFrame over the command's output", async (t) => {
  const view = unique("sql_view");
  await spark.sql(`CREATE OR REPLACE TEMP VIEW ${view} AS SELECT 1 AS x`);
  const shown = await spark.sql("SHOW VIEWS");
  t.true(shown instanceof DataFrame);
  t.is(typeof (shown as unknown as { then?: unknown }).then, "undefined", "the resolved DataFrame is not awaitable again");
  const names = (await shown.collect()).map((r) => r["viewName"]);
  t.true(names.includes(view));
  const set = await spark.sql("SET spark.sql.shuffle.partitions=7");
  t.deepEqual(await set.collect(), [{ key: "spark.sql.shuffle.partitions", value: "7" }]);
  t.is(await spark.conf.get("spark.sql.shuffle.partitions"), "7");
  await spark.conf.unset("spark.sql.shuffle.partitions");
});

test("a query is only analysed when sent: it runs at each action, not at spark.sql()", async (t) => {
  // A query that fails when it runs: awaiting its DataFrame must not run it.
  const failing = await spark.sql("SELECT raise_error('the query ran') AS boom FROM range(1)");
  t.deepEqual((await failing.schema()).fields.map((f) => f.name), ["boom"]);
  await t.throwsAsync(failing.collect(), { message: /the query ran/ });
  // An analysis error of a query surfaces when the text is sent, as in PySpark.
  await t.throwsAsync(async () => await spark.sql("SELECT no_such_column FROM range(1)"), { instanceOf: AnalysisError });
});

test("each sql() sends one SqlCommand; actions on it and on DataFrames built from it send none", async (t) => {
  const { interceptor, log } = recorder();
  const s = await SparkSession.connect(testUrl(), { interceptors: [interceptor], retry: TEST_RETRY });
  try {
    const df = s.sql("SELECT id FROM range(10) WHERE id < :n", { n: 5 });
    await df.collect();
    await df.count();
    await df.where("id > 1").collect();
    const sqlCommands = log.filter((c) => c.method === "ExecutePlan" && JSON.stringify(c.request).includes('"sqlCommand"'));
    t.is(sqlCommands.length, 1);
    t.is(log.filter((c) => c.method === "ExecutePlan").length, 4);
  } finally {
    await s.close();
  }
});

test("Effect API: Spark.sql runs the command and fails in the typed channel", async (t) => {
  const table = unique("sql_fx");
  const program = Effect.gen(function* () {
    yield* Spark.sql(spark, `CREATE TABLE ${table} (id INT) USING parquet`);
    yield* Spark.sql(spark, `INSERT INTO ${table} VALUES (1), (2)`);
    const df = yield* Spark.sql<{ n: bigint }>(spark, `SELECT count(*) AS n FROM ${table}`);
    return yield* Spark.collect(df);
  });
  try {
    t.deepEqual(await Effect.runPromise(program), [{ n: 2n }]);
    const exit = await Effect.runPromiseExit(Spark.sql(spark, `CREATE TABLE ${table} (id INT) USING parquet`));
    t.true(Exit.isFailure(exit));
    const caught = await Effect.runPromise(
      Spark.sql(spark, `CREATE TABLE ${table} (id INT) USING parquet`).pipe(
        Effect.as("created"),
        Effect.catchTag("AnalysisError", (e) => Effect.succeed(e.errorClass ?? "")),
      ),
    );
    t.is(caught, "TABLE_OR_VIEW_ALREADY_EXISTS");
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test("a command takes the operation options: a timeout stops a slow CREATE TABLE AS SELECT on the server", async (t) => {
  const table = unique("sql_timeout");
  const operationId = randomUUID();
  try {
    const slow = spark.sql(
      `CREATE TABLE ${table} USING parquet AS SELECT java_method('java.lang.Thread', 'sleep', 60000L) AS s FROM range(1)`,
      undefined,
      { timeout: 1500, operationId, tags: ["sql-timeout"] },
    );
    const err = await t.throwsAsync(async () => await slow, { instanceOf: OperationTimeoutError });
    t.regex(err.message, /1500 ms/);
    // Nothing of it is left running, and the session goes on.
    t.deepEqual(await spark.interruptOperation(operationId), []);
    t.deepEqual(await spark.interruptTag("sql-timeout"), []);
    t.deepEqual(await spark.sql("SELECT 2 AS y").collect(), [{ y: 2 }]);
  } finally {
    await spark.sql(`DROP TABLE IF EXISTS ${table}`);
  }
});
