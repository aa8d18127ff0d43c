// The pipeline toolkit (spark-connect-ts/pipelines, docs/pipelines.md) end to end: a job
// keeps its restart point in a RestartStateStore, logs a run and its steps with a
// LogWriter, checks data quality with its own rules, looks for anomalies, reports, exports
// and maintains the Delta log table.
//
// Run it against a server with Delta Lake:
//   node dist/examples/pipelines.js sc://localhost:15002 /tmp/pipelines-example
// or without arguments, which starts a private local server with Delta Lake.
// Used by test/integration/pipelinesLog.test.ts.
import { pathToFileURL } from "node:url";
import { SparkSession } from "../src/index.js";
import { col } from "../src/functions/index.js";
import { DataQualityError, LogWriter, RestartStateStore, rule, type ExecutionResult, type StepResult } from "../src/pipelines/index.js";

/** What the example saw, for a test to check. */
export interface ExampleOutcome {
  readonly restartedFrom: readonly { scriptClass: string; index: number }[];
  readonly rowsLogged: number;
  readonly qualityRate: number;
  readonly anomalies: readonly string[];
  readonly successRatePercent: number;
  readonly exported: number;
  readonly versions: number;
}

export async function pipelinesExample(spark: SparkSession, dir: string, say: (line: string) => void = console.log): Promise<ExampleOutcome> {
  // 1. Where to restart: a job persists its restart hierarchy when it fails...
  const store = new RestartStateStore(spark, { path: `${dir}/restart` });
  await store.persist([
    { scriptClass: "com.acme.orders.Extract", index: 0 },
    { scriptClass: "com.acme.orders.Clean", index: 1 },
  ]);
  // ...and the next run loads it (which marks it consumed with the sentinel entry).
  const restartedFrom = await store.load();
  say(`restarting from ${restartedFrom.map((e) => `${e.scriptClass}#${e.index}`).join(", ")}`);

  // 2. Log the runs of a pipeline.
  const writer = new LogWriter(spark, { tableSchema: "example", tableName: "pipeline_logs", writeMode: "append", minValidationRate: 90 });
  const day = 86_400_000;
  const now = Date.now();
  const step = (stepName: string, phase: StepResult["phase"], start: number, durationSecs: number, validationRate: number): StepResult => ({
    stepName,
    phase,
    startTime: new Date(start),
    endTime: new Date(start + durationSecs * 1000),
    durationSecs,
    rowsProcessed: 10_000,
    rowsWritten: Math.round(10_000 * (validationRate / 100)),
    validationRate,
    success: true,
  });
  const runs: ExecutionResult[] = Array.from({ length: 6 }, (_, i) => {
    const start = now - (6 - i) * day;
    return {
      success: true,
      context: { mode: "incremental", startTime: new Date(start), executionId: `orders-${i}`, pipelineId: "orders", schema: "example" },
      stepResults: [step("extract", "bronze", start, 30 + i, 99), step("clean", "silver", start + 60_000, 12 + (i % 2), 97)],
      totalDurationSecs: 42 + i,
    };
  });
  const batch = await writer.writeExecutionResultBatch(runs);
  say(`logged ${batch.successfulWrites} runs (${batch.rowsWritten} rows) in ${batch.batches.length} batch(es)`);

  // 3. Data quality of today's rows, with rules of our own: a typed lambda, a Column, SQL.
  const today = [
    { runId: "orders-6", phase: "bronze", stepName: "extract", durationSecs: 95, rowsProcessed: 10_000, validationRate: 98, startTime: new Date(now) },
    { runId: "orders-6", phase: "silver", stepName: "clean", durationSecs: 13, rowsProcessed: 10_000, validationRate: 80, startTime: new Date(now) },
  ];
  const rules = {
    durationSecs: [rule((r) => r.durationSecs >= 0 && r.durationSecs <= 3600, "within an hour")],
    validationRate: [col("validationRate").ge(90)],
    phase: ["phase IN ('bronze', 'silver', 'gold')"],
  };
  const quality = await writer.validateLogDataQuality(today, rules);
  say(`quality: ${quality.validationRate}% valid, failing: ${JSON.stringify(quality.failedRules)}`);
  // The same rules guard a write: below the config's thresholds nothing is written.
  try {
    await writer.writeLogRows(today, { rules });
  } catch (e) {
    if (!(e instanceof DataQualityError)) throw e;
    say(`not logged: ${e.message}`);
  }

  // 4. How today's extract compares with its history.
  const anomalies = await writer.detectAnomalies(today);
  for (const a of anomalies.anomalies) say(`anomaly (${a.severity}): ${a.description}`);

  // 5. Reports.
  const summary = await writer.generateSummaryReport(30);
  say(`last 30 days: ${summary.totalRuns} runs, ${summary.successRatePercent}% successful, ${summary.averageDurationSecs.toFixed(1)} s per step`);
  const trends = await writer.analyzeTrends(90);
  say(`durations are ${trends.durationTrend.direction} (${trends.durationTrend.slopeSecsPerDay.toFixed(2)} s/day)`);
  const exported = await writer.exportAnalyticsData("csv", { path: `${dir}/export`, overwrite: true, filters: { phase: "bronze" } });
  say(`exported ${exported.recordsExported} rows to ${exported.exportPath} (${exported.exportSizeMb.toFixed(3)} MB)`);

  // 6. Table maintenance (Delta Lake).
  const optimized = await writer.optimizeTable();
  say(`optimize: ${optimized.optimizationsApplied.join(", ")}; ${optimized.filesRemoved} files into ${optimized.filesAdded}`);
  const history = await writer.getTableHistory(5);
  say(`the log table has ${history.totalVersions} versions; newest: ${history.versions[0]?.operation}`);

  return {
    restartedFrom,
    rowsLogged: batch.rowsWritten,
    qualityRate: quality.validationRate,
    anomalies: anomalies.anomalies.map((a) => a.type),
    successRatePercent: summary.successRatePercent,
    exported: exported.recordsExported,
    versions: history.totalVersions,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [url, dir] = process.argv.slice(2);
  const spark = await SparkSession.connect(url ?? "local", url === undefined ? { local: { delta: true } } : undefined);
  try {
    await pipelinesExample(spark, dir ?? `/tmp/spark-connect-ts-pipelines-${process.pid}`);
  } finally {
    await spark.close();
  }
}
