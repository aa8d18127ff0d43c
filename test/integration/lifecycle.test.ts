// Session lifecycle against the real server: configuration, clones, close, and a server
// restart detected as a changed session rather than silently wrong results.
import test from "ava";
import { Effect } from "effect";
import { AnalysisError, SessionChangedError, SessionClosedError, SparkError, SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { dedicatedServer } from "../support/dedicatedServer.js";
import { connect, expectedServerVersion, testUrl } from "../support/server.js";

test("spark.conf sets, reads, lists and unsets settings", async (t) => {
  const spark = await connect();
  try {
    await spark.conf.set("spark.sql.shuffle.partitions", 7);
    t.is(await spark.conf.get("spark.sql.shuffle.partitions"), "7");
    t.is((await spark.conf.getAll("spark.sql.shuffle"))["spark.sql.shuffle.partitions"], "7");
    await spark.conf.unset("spark.sql.shuffle.partitions");
    t.is(await spark.conf.get("spark.sql.shuffle.partitions"), "200");
    t.is(await spark.conf.get("spark-connect-ts.no.such.key", "fallback"), "fallback");
    t.true(await spark.conf.isModifiable("spark.sql.ansi.enabled"));
    t.false(await spark.conf.isModifiable("spark.driver.memory"));
    const err = await t.throwsAsync(spark.conf.get("spark-connect-ts.no.such.key"), { instanceOf: SparkError });
    t.is(err.errorClass, "SQL_CONF_NOT_FOUND");
    await t.throwsAsync(spark.conf.set("", "x"), { message: /non-empty string/ });
  } finally {
    await spark.close();
  }
});

test("the Effect API reads and writes settings too", async (t) => {
  const program = Effect.gen(function* () {
    const spark = yield* Spark.Spark;
    yield* Spark.setConf(spark, { "spark.sql.session.timeZone": "Asia/Tokyo" });
    return yield* Spark.getConf(spark, ["spark.sql.session.timeZone", "spark-connect-ts.unset"]);
  });
  const conf = await Effect.runPromise(Effect.provide(program, Spark.layer(testUrl())));
  t.deepEqual(conf, { "spark.sql.session.timeZone": "Asia/Tokyo", "spark-connect-ts.unset": undefined });
});

test("clone() copies temp views and settings; afterwards the two sessions diverge", async (t) => {
  const spark = await connect();
  try {
    await spark.sql("CREATE OR REPLACE TEMP VIEW cloned_view AS SELECT 42 AS answer").collect();
    await spark.conf.set("spark.sql.shuffle.partitions", 3);
    const copy = await spark.clone();
    try {
      t.not(copy.sessionId, spark.sessionId);
      t.deepEqual(await copy.sql("SELECT answer FROM cloned_view").collect(), [{ answer: 42 }]);
      t.is(await copy.conf.get("spark.sql.shuffle.partitions"), "3");
      await copy.conf.set("spark.sql.shuffle.partitions", 9);
      t.is(await spark.conf.get("spark.sql.shuffle.partitions"), "3");
      await copy.sql("DROP VIEW cloned_view").collect();
      t.deepEqual(await spark.sql("SELECT answer FROM cloned_view").collect(), [{ answer: 42 }]);
      await t.throwsAsync(copy.sql("SELECT answer FROM cloned_view").collect(), { instanceOf: AnalysisError });
    } finally {
      await copy.close();
    }
  } finally {
    await spark.close();
  }
});

test("await using closes the session at the end of the block", async (t) => {
  let outside: SparkSession | undefined;
  {
    await using spark = await connect();
    outside = spark;
    t.is(await spark.version(), expectedServerVersion());
  }
  await t.throwsAsync(outside.version(), { instanceOf: SessionClosedError });
});

test("a restarted server is reported as a changed session, not answered from a fresh one", async (t) => {
  const first = await dedicatedServer();
  const spark = await SparkSession.connect(`sc://127.0.0.1:${first.port}`, { retry: { maxRetries: 20, initialBackoffMs: 50, backoffMultiplier: 1.5, maxBackoffMs: 2000 } });
  let second: Awaited<ReturnType<typeof dedicatedServer>> | undefined;
  try {
    await spark.sql("CREATE OR REPLACE TEMP VIEW state AS SELECT 1 AS x").collect();
    const before = spark.handle.core.serverSideSessionId();
    t.truthy(before);
    await first.stop();
    second = await dedicatedServer({ port: first.port });
    const err = await t.throwsAsync(spark.sql("SELECT x FROM state").collect(), { instanceOf: SessionChangedError });
    t.regex(err.message, /restarted|changed/);
    t.regex(err.message, /SparkSession\.connect/);
  } finally {
    await spark.close();
    await second?.stop();
    await first.stop();
  }
});
