// The pipeline log writer on the shared test server, which has no Delta Lake: a Parquet
// log table written and reported on, the Delta operations refused with NotDeltaTableError,
// and a Delta log table asked of a server without Delta refused with the fix named.
import test from "ava";
import { SparkSession } from "../../src/index.js";
import { LogWriter, NotDeltaTableError } from "../../src/pipelines/index.js";
import { connect } from "../support/server.js";

let spark: SparkSession;
const schema = `pl_parquet_${process.pid}`;
test.before(async () => {
  spark = await connect();
});
test.after.always(async () => {
  await Promise.resolve(spark?.sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).catch(() => undefined);
  await spark?.close();
});

test.serial("a Parquet log table: writes, reports, and the Delta operations refused with the fix", async (t) => {
  const writer = new LogWriter(spark, { tableSchema: schema, tableName: "logs", tableFormat: "parquet" });
  const now = Date.now();
  await writer.writeLogRows([
    { runId: "a", phase: "bronze", stepName: "extract", durationSecs: 10, rowsProcessed: 100, startTime: new Date(now - 86_400_000) },
    { runId: "a", phase: "silver", stepName: "clean", durationSecs: 4, rowsProcessed: 90, success: false, startTime: new Date(now - 86_400_000) },
  ]);
  await writer.writeLogRows([{ runId: "b", phase: "bronze", stepName: "extract", durationSecs: 12, rowsProcessed: 110, startTime: new Date(now - 40 * 86_400_000) }]);
  t.like(await writer.getTableInfo(), { exists: true, rowCount: 3, format: "parquet" });
  t.like(await writer.generateSummaryReport(30), {
    totalExecutions: 2,
    totalRuns: 1,
    successfulExecutions: 1,
    successRatePercent: 50,
    averageDurationSecs: 7,
    totalRowsProcessed: 190,
    phaseDistribution: { bronze: 1, silver: 1 },
  });
  const e = await t.throwsAsync(writer.optimizeTable(), { instanceOf: NotDeltaTableError });
  t.like(e, { format: "parquet" });
  t.regex(e.message, /CONVERT TO DELTA/);
  t.is(await spark.table(`${schema}.logs`).count(), 3);
});

test.serial("a Delta log table on a server without Delta Lake: NotDeltaTableError naming both fixes", async (t) => {
  const writer = new LogWriter(spark, { tableSchema: schema, tableName: "delta_logs" });
  const e = await t.throwsAsync(writer.writeLogRows([{ runId: "a", phase: "bronze", stepName: "extract", durationSecs: 1 }]), { instanceOf: NotDeltaTableError });
  t.regex(e.message, /startLocalServer\(\{ delta: true \}\)/);
  t.regex(e.message, /tableFormat: "parquet"/);
  t.false(await spark.catalog.tableExists(`${schema}.delta_logs`));
});
