// Features that need a newer Spark Connect server than the oldest the client supports
// (runtime/internal/serverFeatures.ts). On a server that has the feature, each test checks
// that it works; on an older one, that the call fails before any ExecutePlan with
// UnsupportedByServerError naming the feature and both versions, and that the session
// stays usable. `npm test` runs them against the pinned server; `npm run compat` against
// every server of the matrix, where "(needs Spark ≥ X)" in a title marks the requirement.
import test, { type ExecutionContext } from "ava";
import { SparkSession, UnsupportedByServerError } from "../../src/index.js";
import { lit } from "../../src/functions/index.js";
import { array } from "../../src/functions/collection.js";
import { olderThan } from "../../runtime/internal/serverFeatures.js";
import { recorder } from "../support/recorder.js";
import { TEST_RETRY, testUrl } from "../support/server.js";

/**
 * Runs `use` on a fresh session: on a server of `since` or later `works` checks its
 * result; on an older one the typed error is checked, and that no plan reached the server.
 */
function gated<T>(title: string, since: string, use: (spark: SparkSession) => Promise<T>, works: (t: ExecutionContext, result: T) => void | Promise<void>) {
  test(`${title} (needs Spark ≥ ${since})`, async (t) => {
    const rec = recorder();
    const spark = await SparkSession.connect(testUrl(), { retry: TEST_RETRY, interceptors: [rec.interceptor] });
    try {
      const version = await spark.version();
      if (!olderThan(version, since)) {
        await works(t, await use(spark));
        return;
      }
      const before = rec.log.filter((r) => r.method === "ExecutePlan").length;
      const e = await t.throwsAsync(use(spark), { instanceOf: UnsupportedByServerError });
      t.is(e.serverVersion, version);
      t.regex(e.message, new RegExp(`needs Spark ≥ ${since.replace(".", "\\.")}; this server is ${version.replace(/\./g, "\\.")}`));
      t.truthy(e.feature);
      t.is(rec.log.filter((r) => r.method === "ExecutePlan").length, before, "refused before the round trip");
      t.deepEqual(await spark.sql("SELECT 1 AS one").collect(), [{ one: 1 }], "the session stays usable");
    } finally {
      await spark.close();
    }
  });
}

gated(
  "tryCast: null where the value does not convert",
  "4.0",
  (spark) => spark.range(1).select(lit("x").tryCast("int").alias("s"), lit("7").tryCast("int").alias("t")).collect(),
  (t, rows) => {
    t.deepEqual(rows, [{ s: null, t: 7 }]);
  },
);

gated(
  "one DataFrame's star in a join: df.col(\"*\") takes only that side's columns",
  "4.0",
  async (spark) => {
    const a = spark.range(1).select(lit(1).alias("k"), lit("a").alias("x"));
    const b = spark.range(1).select(lit(1).alias("k"), lit("b").alias("y"));
    return a.join(b, a.col("k").eq(b.col("k"))).select(b.col("*")).collect();
  },
  (t, rows) => {
    t.deepEqual(rows, [{ k: 1, y: "b" }]);
  },
);

gated(
  "SQL parameters built from expressions (an array made by a function)",
  "4.0",
  (spark) => spark.sql("SELECT size(:xs) AS n", { xs: array(lit(1), lit(2), lit(3)) }).collect(),
  (t, rows) => {
    t.deepEqual(rows, [{ n: 3 }]);
  },
);

gated(
  "streaming query listeners: spark.streams.addListener",
  "4.0",
  async (spark) => {
    const remove = await spark.streams.addListener({});
    await remove();
    return "added and removed";
  },
  (t, result) => {
    t.is(result, "added and removed");
  },
);

gated(
  "clone(): a second session with this one's settings",
  "4.1",
  async (spark) => {
    await spark.conf.set("spark.sql.shuffle.partitions", "7");
    const copy = await spark.clone();
    try {
      return await copy.conf.get("spark.sql.shuffle.partitions");
    } finally {
      await copy.close();
    }
  },
  (t, value) => {
    t.is(value, "7");
  },
);

test("SQL parameters that are literal values work on every server, named and positional", async (t) => {
  const spark = await SparkSession.connect(testUrl(), { retry: TEST_RETRY });
  try {
    t.deepEqual(await spark.sql("SELECT :a + 1 AS a, :s AS s", { a: 41, s: "it's" }).collect(), [{ a: 42, s: "it's" }]);
    t.deepEqual(await spark.sql("SELECT ? AS a, ? AS b", [1n, "two"]).collect(), [{ a: 1n, b: "two" }]);
  } finally {
    await spark.close();
  }
});
