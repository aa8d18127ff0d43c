// The exact requests each supported call sends, checked against golden files, and
// accepted by the real server (each call below must succeed).
import test from "ava";
import { SparkSession } from "../../src/index.js";
import { matchGolden } from "../support/golden.js";
import { renumberPlanIds } from "../support/planIds.js";
import { type Recorded, recorder } from "../support/recorder.js";
import { TEST_RETRY, testUrl } from "../support/server.js";

async function record(name: string, t: import("ava").ExecutionContext, run: (spark: SparkSession) => Promise<unknown>) {
  const { interceptor, log } = recorder();
  const spark = await SparkSession.connect(testUrl(), { interceptors: [interceptor], retry: TEST_RETRY });
  try {
    await run(spark);
  } finally {
    await spark.close();
  }
  // ReleaseExecute calls run in the background, so their number and place vary: the
  // golden file holds the rest in order; every operation must have been released whole
  // (close() waits for background releases before it releases the session).
  const operations = log.filter((c) => c.method === "ExecutePlan").map((c) => (c.request as { operationId: string }).operationId);
  t.true(operations.every((op) => releasedAll(log, op)), "each operation ends with ReleaseExecute(release_all)");
  matchGolden(t, name, renumberPlanIds(log.filter((c) => c.method !== "ReleaseExecute")));
}

function releasedAll(log: Recorded[], operationId: string): boolean {
  return log.some((c) => {
    const r = c.request as { operationId?: string; releaseAll?: object };
    return c.method === "ReleaseExecute" && r.operationId === operationId && r.releaseAll !== undefined;
  });
}


test("version()", (t) => record("version", t, (s) => s.version()));
test("sql().collect()", (t) => record("sql-collect", t, (s) => s.sql("SELECT 1 AS x, 'a' AS s").collect()));
test("range(start, end, step, partitions).collect()", (t) =>
  record("range-collect", t, (s) => s.range(1, 10, 2, 3).collect()));
test("range(n).count()", (t) => record("range-count", t, (s) => s.range(1000).count()));
test("range(n).toArrow()", (t) => record("range-toArrow", t, (s) => s.range(10).toArrow()));
test("sql().limit().schema()", (t) => record("sql-limit-schema", t, (s) => s.sql("SELECT 1 AS x").limit(1).schema()));
