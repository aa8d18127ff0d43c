// Progress of running queries: the callback of the Promise API and the Stream of the
// Effect API both see the server's stage and task counts.
import test from "ava";
import { Chunk, Effect, Stream } from "effect";
import type { Progress } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { connect } from "../support/server.js";

const spark = await connect();
await spark.conf.set("spark.connect.progress.reportInterval", "100ms");
test.after.always(() => spark.close());

/** A query with a shuffle that runs for a second or two: two stages, eight sleeping tasks first. */
const WORK = `SELECT k, count(*) AS n FROM (
                SELECT id % 4 AS k, java_method('java.lang.Thread', 'sleep', 300L) AS s FROM range(0, 8, 1, 8)
              ) WHERE s = 'null' GROUP BY k ORDER BY k`;

test("onProgress reports stages and completed tasks while a query runs", async (t) => {
  const reports: Progress[] = [];
  const rows = await spark.sql(WORK).collect({ onProgress: (p) => reports.push(p) });
  t.is(rows.length, 4);
  t.true(reports.length >= 2, `${reports.length} progress reports`);
  const stages = reports.flatMap((r) => r.stages);
  t.true(stages.length > 0, "stages were reported");
  t.true(stages.some((s) => s.numTasks >= 8), "the 8-partition stage was reported with its tasks");
  t.true(stages.every((s) => s.numCompletedTasks <= s.numTasks));
});

test("Spark.progress streams the same reports to Effect code and ends with the query", async (t) => {
  const reports = await Effect.runPromise(Stream.runCollect(Spark.progress(spark.sql(WORK))));
  const all = Chunk.isChunk(reports) ? Chunk.toReadonlyArray(reports) : reports;
  t.true(all.length >= 2);
  t.true(all.some((r) => r.stages.length > 0));
});
