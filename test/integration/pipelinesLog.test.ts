// The pipeline log writer (spark-connect-ts/pipelines) on a server of its own with Delta
// Lake: writes in each mode, execution and step results, batch writes with partial failure
// (a CHECK constraint refuses one batch) and failFast, retries through a TCP proxy that
// refuses connections, data quality in Spark with default and custom rules (typed lambdas,
// Columns, SQL), anomalies, metrics, reports and trends checked against values computed
// here from the rows written, exports read back, and OPTIMIZE / VACUUM / history on Delta
// with a typed error for a Parquet table. Bad input never changes what the table holds.
import test from "ava";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Layer, Logger, References } from "effect";
import type { LocalServer } from "../../runtime/LocalServer.js";
import { SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { col } from "../../src/functions/index.js";
import {
  BatchWriteError,
  DataQualityError,
  LogWriter,
  NotDeltaTableError,
  PipelineInputError,
  PipelineLog,
  rule,
  type ExecutionContext,
  type ExecutionResult,
  type LogRowInput,
  type StepResult,
  type WriterConfigInput,
} from "../../src/pipelines/index.js";
import { pipelinesExample } from "../../examples/pipelines.js";
import { deltaServer } from "../support/dedicatedServer.js";
import { TEST_RETRY } from "../support/server.js";
import { startTcpProxy } from "../support/tcpProxy.js";

const dir = mkdtempSync(join(tmpdir(), "spark-pipelines-"));
let server: LocalServer;
let spark: SparkSession;
test.before(async () => {
  server = await deltaServer(join(dir, "server"));
  spark = await SparkSession.connect(server.connectionString(), { retry: TEST_RETRY });
  // Delta's first table costs the most (its classes load): pay for it here, not in a test.
  await spark.sql("CREATE TABLE warmup (id INT) USING delta");
  await spark.sql("INSERT INTO warmup VALUES (1)");
});
test.after.always(async () => {
  await spark?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;
const NOW = Date.now();
// The data-quality gate runs a query before each write: on where a test is about it.
const cfg = (tableName: string, extra: Partial<WriterConfigInput> = {}): WriterConfigInput => ({
  tableSchema: "pl",
  tableName,
  retryDelaySecs: 0.2,
  logDataQualityResults: false,
  ...extra,
});
const rowsOf = async (table: string, order = "runId, phase, stepName") =>
  spark.sql(`SELECT * FROM ${table} ORDER BY ${order}`).collect({ longs: "number" }) as Promise<Record<string, unknown>[]>;
const countOf = (table: string) => spark.table(table).count();

const row = (runId: string, stepName: string, durationSecs: number, extra: Partial<LogRowInput> = {}): LogRowInput => ({
  runId,
  phase: "bronze",
  stepName,
  durationSecs,
  rowsProcessed: 1000,
  rowsWritten: 990,
  validationRate: 99,
  ...extra,
});

const context = (executionId: string): ExecutionContext => ({
  mode: "incremental",
  startTime: new Date(NOW - 3_600_000),
  executionId,
  pipelineId: "orders",
  schema: "pl",
});

const step = (stepName: string, phase: "bronze" | "silver" | "gold", durationSecs: number, extra: Partial<StepResult> = {}): StepResult => ({
  stepName,
  phase,
  startTime: new Date(NOW - 3_000_000),
  endTime: new Date(NOW - 3_000_000 + durationSecs * 1000),
  durationSecs,
  rowsProcessed: 500,
  rowsWritten: 480,
  validationRate: 96,
  success: true,
  ...extra,
});

const execution = (id: string, steps: StepResult[]): ExecutionResult => ({
  success: steps.every((s) => s.success),
  context: context(id),
  stepResults: steps,
  totalDurationSecs: steps.reduce((a, s) => a + s.durationSecs, 0),
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleSd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const close = (a: number, b: number, eps = 1e-9) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b));

test.serial("writeLogRows appends checked rows (metadata as JSON, the runId option, defaults) and creates a Delta table", async (t) => {
  const writer = new LogWriter(spark, cfg("basic", { logDataQualityResults: true }));
  const result = await writer.writeLogRows(
    [
      { runId: "my-first-run", phase: "bronze", stepName: "extract_data", durationSecs: 15, rowsProcessed: 1000, validationRate: 95 },
      { phase: "silver", stepName: "transform_data", durationSecs: 25, rowsProcessed: 950, rowsWritten: 900, validationRate: 94.7, success: true, errorMessage: null, metadata: { custom_field: "custom_value" } },
    ],
    { runId: "custom-run" },
  );
  t.like(result, { success: true, table: "pl.basic", writeMode: "append", rowsWritten: 2, attempts: 1 });
  t.true(result.quality?.qualityPassed);
  const rows = await rowsOf("pl.basic");
  t.deepEqual(
    rows.map((r) => [r["runId"], r["phase"], r["stepName"], r["durationSecs"], r["rowsProcessed"], r["rowsWritten"], r["validationRate"], r["success"], r["metadata"]]),
    [
      ["custom-run", "silver", "transform_data", 25, 950, 900, 94.7, true, '{"custom_field":"custom_value"}'],
      ["my-first-run", "bronze", "extract_data", 15, 1000, null, 95, true, null],
    ],
  );
  const info = await writer.getTableInfo();
  t.like(info, { table: "pl.basic", exists: true, rowCount: 2, format: "delta" });
  t.true((info.numFiles ?? 0) >= 1);
  t.deepEqual(info.columns.slice(0, 3), [
    { name: "runId", type: "string", nullable: true },
    { name: "executionId", type: "string", nullable: true },
    { name: "pipelineId", type: "string", nullable: true },
  ]);
  t.deepEqual(info.columns.find((c) => c.name === "rowsProcessed"), { name: "rowsProcessed", type: "bigint", nullable: true });
  t.like(await new LogWriter(spark, cfg("never_written")).getTableInfo(), { exists: false, rowCount: 0 });
});

test.serial("bad input is a typed error naming the field, and nothing in the table is lost", async (t) => {
  const writer = new LogWriter(spark, cfg("guarded", { logDataQualityResults: true }));
  await writer.writeLogRows([row("r1", "extract", 10), row("r1", "load", 20)]);
  const before = await rowsOf("pl.guarded");
  const missing = await t.throwsAsync(writer.writeLogRows([row("r2", "extract", 5), { runId: "r2", phase: "bronze", durationSecs: 3 } as LogRowInput]), {
    instanceOf: PipelineInputError,
  });
  t.is(missing.field, "rows[1].stepName");
  const wrongType = await t.throwsAsync(writer.writeLogRows([row("r2", "extract", "5" as unknown as number)]), { instanceOf: PipelineInputError });
  t.is(wrongType.field, "rows[0].durationSecs");
  const unknownField = await t.throwsAsync(writer.writeLogRows([{ ...row("r2", "extract", 5), duration: 5 } as LogRowInput]), { instanceOf: PipelineInputError });
  t.is(unknownField.field, "rows[0].duration");
  // Rows of the right shape that fail the data-quality rules are refused as a whole.
  const quality = await t.throwsAsync(writer.writeLogRows([row("r3", "extract", -1), row("r3", "load", 5, { phase: "platinum" }), row("r3", "x", 1)]), {
    instanceOf: DataQualityError,
  });
  t.like(quality.report, { totalRows: 3, validRows: 1, invalidRows: 2, thresholdMet: false, qualityPassed: false });
  t.deepEqual(quality.report.failedRules, { phase: ["phase IN ('bronze', 'silver', 'gold')"], durationSecs: ["durationSecs >= 0"] });
  t.deepEqual(await rowsOf("pl.guarded"), before);
});

test.serial("writeExecutionResult and writeStepResults write a row per step with the run's context", async (t) => {
  const writer = new LogWriter(spark, cfg("runs"));
  const result = execution("exec-123", [step("bronze_extract", "bronze", 10), step("silver_clean", "silver", 4, { success: false, errorMessage: "boom", validationRate: 96 })]);
  t.like(await writer.writeExecutionResult(result, { runId: "run-123" }), { rowsWritten: 2 });
  t.like(await writer.writeStepResults([step("gold_agg", "gold", 7)], context("exec-456")), { rowsWritten: 1 });
  const rows = await rowsOf("pl.runs");
  t.deepEqual(
    rows.map((r) => [r["runId"], r["executionId"], r["pipelineId"], r["runMode"], r["phase"], r["stepName"], r["durationSecs"], r["success"], r["errorMessage"]]),
    [
      ["exec-456", "exec-456", "orders", "incremental", "gold", "gold_agg", 7, true, null],
      ["run-123", "exec-123", "orders", "incremental", "bronze", "bronze_extract", 10, true, null],
      ["run-123", "exec-123", "orders", "incremental", "silver", "silver_clean", 4, false, "boom"],
    ],
  );
  t.is((rows[1]!["startTime"] as Date).getTime(), NOW - 3_000_000);
  const bad = await t.throwsAsync(writer.writeExecutionResult({ ...result, context: { ...result.context, mode: "sometimes" as "initial" } }), { instanceOf: PipelineInputError });
  t.is(bad.field, "result.context.mode");
  const badStep = await t.throwsAsync(writer.writeStepResults([{ ...step("x", "gold", 1), rowsProcessed: -5 }], context("e")), { instanceOf: PipelineInputError });
  t.is(badStep.field, "steps[0].rowsProcessed");
  t.is(await countOf("pl.runs"), 3);
});

test.serial("batch writes report each batch: a batch Spark refuses is reported, the others are written; failFast stops", async (t) => {
  const writer = new LogWriter(spark, cfg("batched", { batchSize: 4 }));
  await writer.writeLogRows([row("seed", "extract", 1)]);
  await spark.sql("ALTER TABLE pl.batched ADD CONSTRAINT shortSteps CHECK (durationSecs < 1000)");
  const e = (i: number, duration = 5) => execution(`e${i}`, [step("extract", "bronze", duration), step("load", "silver", 2)]);
  const report = await writer.writeExecutionResultBatch([e(0), e(1), e(2, 5000), e(3), e(4)]);
  t.like(report, { totalExecutions: 5, successfulWrites: 3, failedWrites: 2, rowsWritten: 6 });
  t.deepEqual(
    report.batches.map((b) => [b.index, b.executionIds, b.rows, b.written, b.attempts]),
    [
      [0, ["e0", "e1"], 4, true, 1],
      [1, ["e2", "e3"], 4, false, 1],
      [2, ["e4"], 2, true, 1],
    ],
  );
  t.regex(report.batches[1]!.error!.message, /shortSteps|CONSTRAINT/i);
  t.deepEqual(
    report.failedExecutions.map((x) => x.context.executionId),
    ["e2", "e3"],
  );
  t.deepEqual(
    (await spark.sql("SELECT DISTINCT runId FROM pl.batched ORDER BY runId").collect()).map((r) => r["runId"]),
    ["e0", "e1", "e4", "seed"],
  );

  const strict = new LogWriter(spark, cfg("batched", { batchSize: 2, failFast: true }));
  const err = await t.throwsAsync(strict.writeExecutionResultBatch([e(5), e(6, 5000), e(7)]), { instanceOf: BatchWriteError });
  t.like(err.report, { totalExecutions: 3, successfulWrites: 1, failedWrites: 2, rowsWritten: 2 });
  t.deepEqual(
    err.report.failedExecutions.map((x) => x.context.executionId),
    ["e6", "e7"],
  );
  t.is(await countOf("pl.batched"), 1 + 6 + 2);
  // Retrying the failed executions once the cause is gone writes them.
  await spark.sql("ALTER TABLE pl.batched DROP CONSTRAINT shortSteps");
  const retried = await writer.writeExecutionResultBatch(report.failedExecutions);
  t.like(retried, { successfulWrites: 2, failedWrites: 0, rowsWritten: 4 });
});

test.serial("a write that fails on the network is retried with the configured backoff", async (t) => {
  const proxy = await startTcpProxy({ host: server.host, port: server.port });
  let failedAttempts = 0;
  const logger = Logger.make(({ message }) => {
    const text = (Array.isArray(message) ? message : [message]).map(String).join(" ");
    if (/write attempt \d+ to pl\.retried failed \(TransportError\), retrying/.test(text)) {
      failedAttempts++;
      proxy.setRefusing(false); // the network comes back while the writer waits
    }
  });
  const proxied = await SparkSession.connect(proxy.url, {
    retry: { maxRetries: 1, initialBackoffMs: 10 },
    layer: Layer.mergeAll(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "Debug")),
  });
  try {
    const writer = new LogWriter(proxied, cfg("retried", { maxRetries: 4, retryDelaySecs: 0.3 }));
    await writer.writeLogRows([row("r0", "extract", 1)]);
    proxy.setRefusing(true);
    proxy.reset();
    const result = await writer.writeLogRows([row("r1", "extract", 2)]);
    t.true(failedAttempts >= 1);
    t.is(result.attempts, failedAttempts + 1);
    const metrics = await writer.getMetrics();
    t.like(metrics, { totalWrites: 2, successfulWrites: 2, failedWrites: 0, retries: failedAttempts, totalRowsWritten: 2 });
  } finally {
    proxy.setRefusing(false);
    await proxied.close().catch(() => undefined);
    await proxy.close();
  }
  t.deepEqual((await rowsOf("pl.retried")).map((r) => r["runId"]), ["r0", "r1"]);
});

test.serial("validateLogDataQuality runs in Spark: default rules, and rules as typed lambdas, Columns and SQL", async (t) => {
  const writer = new LogWriter(spark, cfg("quality"));
  const rows: LogRowInput[] = Array.from({ length: 20 }, (_, i) => row(`q${i}`, `s${i % 3}`, i * 300 - 600, { validationRate: i === 7 ? 120 : 80 + i, phase: i === 4 || i === 9 ? "platinum" : "bronze" }));
  const report = await writer.validateLogDataQuality(rows);
  const defects = rows.map((r) => r.durationSecs < 0 || !["bronze", "silver", "gold"].includes(r.phase) || (r.validationRate ?? 0) > 100);
  const invalid = defects.filter(Boolean).length;
  t.like(report, { totalRows: 20, invalidRows: invalid, validRows: 20 - invalid, threshold: 95, thresholdMet: false, qualityPassed: false });
  t.true(close(report.validationRate, ((20 - invalid) / 20) * 100));
  t.deepEqual(report.failedRules, {
    phase: ["phase IN ('bronze', 'silver', 'gold')"],
    durationSecs: ["durationSecs >= 0"],
    validationRate: ["validationRate IS NULL OR (validationRate >= 0 AND validationRate <= 100)"],
  });
  t.deepEqual(
    report.rulesApplied.filter((r) => !r.passed).map((r) => [r.column, r.failedRows]),
    [
      ["phase", 2],
      ["durationSecs", rows.filter((r) => r.durationSecs < 0).length],
      ["validationRate", 1],
    ],
  );

  const custom = await writer.validateLogDataQuality(rows, {
    durationSecs: [rule((r) => r.durationSecs >= 0 && r.durationSecs <= 3600, "within an hour")],
    validationRate: [col("validationRate").ge(90)],
    phase: ["phase IN ('bronze', 'silver', 'gold')"],
    stepName: [rule((r) => r.stepName.startsWith("s") && r.stepName !== "s2")],
  });
  const checks = {
    durationSecs: (r: LogRowInput) => r.durationSecs >= 0 && r.durationSecs <= 3600,
    validationRate: (r: LogRowInput) => (r.validationRate ?? 0) >= 90,
    phase: (r: LogRowInput) => ["bronze", "silver", "gold"].includes(r.phase),
    stepName: (r: LogRowInput) => r.stepName.startsWith("s") && r.stepName !== "s2",
  };
  const valid = rows.filter((r) => Object.values(checks).every((c) => c(r))).length;
  t.is(custom.validRows, valid);
  t.deepEqual(
    custom.rulesApplied.map((r) => [r.column, r.failedRows]),
    Object.entries(checks).map(([c, f]) => [c, rows.filter((r) => !f(r)).length]),
  );
  t.is(custom.rulesApplied[0]!.rule, "within an hour");
  t.deepEqual(Object.keys(custom.failedRules).sort(), ["durationSecs", "phase", "stepName", "validationRate"]);
  const bad = await t.throwsAsync(writer.validateLogDataQuality(rows, { nope: ["1 = 1"] } as never), { instanceOf: PipelineInputError });
  t.is(bad.field, "rules.nope");
  const sqlError = await t.throwsAsync(writer.validateLogDataQuality(rows, { phase: ["phase IN ("] }));
  t.is((sqlError as { _tag?: string })._tag, "ParseError");
});

test.serial("detectAnomalies compares new rows with their steps' history in the log table", async (t) => {
  const writer = new LogWriter(spark, cfg("anomalies", { minHistoryRows: 5 }));
  const durations = [10, 11, 9, 10, 12, 8, 10, 10];
  const counts = [1000, 1010, 990, 1000, 1005, 995, 1000, 1000];
  await writer.writeLogRows(durations.map((d, i) => row(`h${i}`, "extract", d, { rowsProcessed: counts[i]!, validationRate: 98 + (i % 2) })));
  const fresh = [
    row("new", "extract", 60, { rowsProcessed: 1000, validationRate: 98 }),
    row("new", "transform", 30, { phase: "silver", validationRate: 80 }),
    row("new2", "extract", 10.5, { rowsProcessed: 1002, validationRate: 98.5 }),
    row("new3", "extract", 9.5, { rowsProcessed: 1100, validationRate: 98.5 }),
  ];
  const report = await writer.detectAnomalies(fresh);
  t.like(report, { enabled: true, anomaliesDetected: true, anomalyCount: 3, rowsChecked: 4 });
  const rowCount = report.anomalies.find((a) => a.type === "row_count_outlier");
  const zRows = (1100 - mean(counts)) / sampleSd(counts);
  t.like(rowCount, { runId: "new3", value: 1100, severity: Math.abs(zRows) >= 6 ? "high" : Math.abs(zRows) >= 4.5 ? "medium" : "low" });
  t.true(close(rowCount!.zScore!, zRows), `${rowCount?.zScore} vs ${zRows}`);
  const duration = report.anomalies.find((a) => a.type === "duration_outlier");
  const z = (60 - mean(durations)) / sampleSd(durations);
  t.like(duration, { runId: "new", phase: "bronze", stepName: "extract", value: 60, severity: "high" });
  t.true(close(duration!.zScore!, z), `${duration?.zScore} vs ${z}`);
  t.true(close(duration!.expected, mean(durations)));
  t.regex(duration!.description, /above its history/);
  t.like(
    report.anomalies.find((a) => a.type === "low_validation_rate"),
    { runId: "new", stepName: "transform", value: 80, expected: 95, severity: "medium" },
  );
  // The same rows once written are not their own history.
  await writer.writeLogRows(fresh.slice(0, 1));
  t.is((await writer.detectAnomalies(fresh.slice(0, 1))).anomalyCount, 1);
  const off = new LogWriter(spark, cfg("anomalies", { enableAnomalyDetection: false }));
  t.like(await off.detectAnomalies(fresh), { enabled: false, anomalyCount: 0 });
});

test.serial("getMetrics counts this writer's writes, failures and validations", async (t) => {
  const writer = new LogWriter(spark, cfg("metrics", { logDataQualityResults: true }));
  await writer.writeLogRows([row("m1", "a", 1), row("m1", "b", 2)]);
  await writer.writeLogRows([row("m2", "a", 1)]);
  await t.throwsAsync(writer.writeLogRows([row("m3", "a", -1)]), { instanceOf: DataQualityError });
  await writer.validateLogDataQuality([row("m4", "a", 1), row("m4", "b", -2)]);
  const m = await writer.getMetrics();
  t.like(m, { totalWrites: 3, successfulWrites: 2, failedWrites: 1, totalRowsWritten: 3, retries: 0, validations: 4 });
  t.true(close(m.successRatePercent, 200 / 3));
  t.true(close(m.averageValidationRate, (100 + 100 + 0 + 50) / 4));
  t.true(m.totalDurationSecs > 0 && close(m.averageDurationSecs, m.totalDurationSecs / 3));
  t.true(m.memoryUsagePeakMb > 0);
});

// Rows spread over 120 days, for the reports and exports.
const history: LogRowInput[] = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 100].flatMap((daysAgo, i) => [
  row(`run-${i}`, "extract", 10 + i * 2 + (i % 3), {
    startTime: new Date(NOW - daysAgo * DAY - 3_600_000),
    rowsProcessed: 1000 + i * 10,
    rowsWritten: 990 + i * 10,
    validationRate: 96 + (i % 4),
    success: i % 4 !== 3,
  }),
  row(`run-${i}`, "clean", 3 + (i % 5), {
    phase: i % 2 === 0 ? "silver" : "gold",
    startTime: new Date(NOW - daysAgo * DAY - 1_800_000),
    rowsProcessed: 990 + i * 10,
    rowsWritten: i % 3 === 0 ? null : 980,
    validationRate: i === 5 ? null : 97,
  }),
]);
const timeOf = (r: LogRowInput) => r.startTime!.getTime();

test.serial("generateSummaryReport matches totals computed from the rows written", async (t) => {
  const writer = new LogWriter(spark, cfg("reports"));
  await writer.writeLogRows(history);
  for (const days of [30, 365]) {
    const report = await writer.generateSummaryReport(days);
    const inWindow = history.filter((r) => timeOf(r) >= report.since.getTime());
    t.true(report.since.getTime() >= NOW - days * DAY);
    const ok = inWindow.filter((r) => r.success !== false).length;
    const rates = inWindow.map((r) => r.validationRate).filter((v): v is number => v !== null && v !== undefined);
    const phases: Record<string, number> = {};
    for (const r of inWindow) phases[r.phase] = (phases[r.phase] ?? 0) + 1;
    t.like(report, {
      reportAvailable: true,
      days,
      totalExecutions: inWindow.length,
      totalRuns: new Set(inWindow.map((r) => r.runId)).size,
      successfulExecutions: ok,
      failedExecutions: inWindow.length - ok,
      totalRowsProcessed: inWindow.reduce((a, r) => a + (r.rowsProcessed ?? 0), 0),
      totalRowsWritten: inWindow.reduce((a, r) => a + (r.rowsWritten ?? 0), 0),
      phaseDistribution: phases,
    });
    t.true(close(report.successRatePercent, (ok / inWindow.length) * 100), `${days} days`);
    t.true(close(report.averageDurationSecs, mean(inWindow.map((r) => r.durationSecs))));
    t.true(close(report.totalDurationSecs, inWindow.reduce((a, r) => a + r.durationSecs, 0)));
    t.true(close(report.averageValidationRate!, mean(rates)));
  }
  const empty = new LogWriter(spark, cfg("reports")).generateSummaryReport(0.001);
  t.like(await empty, { reportAvailable: false, totalExecutions: 0 });
});

test.serial("analyzeTrends matches statistics, the least-squares slope and daily buckets computed from the rows", async (t) => {
  const writer = new LogWriter(spark, cfg("reports"));
  const trends = await writer.analyzeTrends(90);
  const rows = history.filter((r) => timeOf(r) >= trends.since.getTime());
  const ds = rows.map((r) => r.durationSecs);
  const xs = rows.map((r) => timeOf(r) / DAY);
  const mx = mean(xs);
  const my = mean(ds);
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ds[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  t.true(trends.trendsAvailable);
  t.true(close(trends.durationTrend.mean, my));
  t.true(close(trends.durationTrend.stddev, sampleSd(ds)));
  t.is(trends.durationTrend.min, Math.min(...ds));
  t.is(trends.durationTrend.max, Math.max(...ds));
  t.true(close(trends.durationTrend.slopeSecsPerDay, slope, 1e-6), `${trends.durationTrend.slopeSecsPerDay} vs ${slope}`);
  // Older runs were longer here (10 + 2i): durations fall over time.
  t.is(trends.durationTrend.direction, "decreasing");
  const ok = rows.filter((r) => r.success !== false).length;
  t.deepEqual(trends.successTrend, { successRatePercent: (ok / rows.length) * 100, totalExecutions: rows.length });
  const rates = rows.map((r) => r.validationRate).filter((v): v is number => typeof v === "number");
  t.true(close(trends.validationTrend!.mean, mean(rates)));
  t.true(close(trends.validationTrend!.stddev, sampleSd(rates)));
  const byDay = new Map<string, LogRowInput[]>();
  for (const r of rows) {
    const day = new Date(Math.floor(timeOf(r) / DAY) * DAY).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), r]);
  }
  const expected = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, rs]) => ({ date, executions: rs.length, successRatePercent: (rs.filter((r) => r.success !== false).length / rs.length) * 100 }));
  t.deepEqual(
    trends.daily.map(({ date, executions, successRatePercent }) => ({ date, executions, successRatePercent })),
    expected,
  );
  t.true(trends.daily.every((d) => close(d.averageDurationSecs, mean(byDay.get(d.date)!.map((r) => r.durationSecs)))));
});

test.serial("exportAnalyticsData writes json, csv and parquet with filters and limits, read back through Spark", async (t) => {
  const writer = new LogWriter(spark, cfg("reports", { exportDirectory: join(dir, "exports") }));
  const newestFirst = [...history].sort((a, b) => timeOf(b) - timeOf(a));
  const json = await writer.exportAnalyticsData("json", { limit: 3, filters: { phase: "bronze" } });
  t.like(json, { exportSuccessful: true, format: "json", recordsExported: 3, files: 1 });
  t.true(json.exportPath.startsWith(join(dir, "exports", "pl_reports_")));
  const back = await spark.read.json(json.exportPath).orderBy(col("startTime").desc()).collect({ longs: "number" });
  t.deepEqual(
    back.map((r) => [r["runId"], r["stepName"]]),
    newestFirst.filter((r) => r.phase === "bronze").slice(0, 3).map((r) => [r.runId, r.stepName]),
  );
  const bytes = readdirSync(json.exportPath)
    .filter((f) => !f.startsWith(".") && !f.startsWith("_"))
    .reduce((a, f) => a + statSync(join(json.exportPath, f)).size, 0);
  t.true(close(json.exportSizeMb, bytes / 1e6));

  const csvPath = join(dir, "exports", "failed.csv");
  const csv = await writer.exportAnalyticsData("csv", { path: csvPath, filters: { success: false } });
  t.is(csv.recordsExported, history.filter((r) => r.success === false).length);
  const csvBack = await spark.read.option("header", true).csv(csvPath).collect();
  t.deepEqual(csvBack.map((r) => r["runId"]).sort(), history.filter((r) => r.success === false).map((r) => r.runId).sort());

  const parquet = await writer.exportAnalyticsData("parquet", { path: join(dir, "exports", "all.parquet"), limit: 1000 });
  t.is(parquet.recordsExported, history.length);
  t.is(await spark.read.parquet(parquet.exportPath).count(), history.length);
  // An existing path is not overwritten unless asked.
  const again = await t.throwsAsync(writer.exportAnalyticsData("csv", { path: csvPath }));
  t.regex(again!.message, /already exists/i);
  t.like(await writer.exportAnalyticsData("csv", { path: csvPath, overwrite: true, limit: 2 }), { recordsExported: 2 });
});

test.serial("showLogs prints the newest rows", async (t) => {
  const writer = new LogWriter(spark, cfg("basic"));
  const text = await writer.showLogs(1);
  const lines = text.trim().split("\n").filter((l) => l.startsWith("|"));
  t.is(lines.length, 2); // the header and one row
  t.regex(lines[0]!, /\|\s*runId\|executionId\|/);
  t.regex(lines[1]!, /\|\s*(my-first-run|custom-run)\|/);
});

test.serial("optimizeTable compacts and Z-orders a Delta table; getTableHistory lists its versions", async (t) => {
  const writer = new LogWriter(spark, cfg("optimized", { autoOptimizeSchema: false }));
  for (let i = 0; i < 3; i++) await writer.writeLogRows([row(`o${i}`, "extract", 1 + i), row(`o${i}`, "load", 2 + i)]);
  const before = await rowsOf("pl.optimized");
  const [detail] = await spark.sql("DESCRIBE DETAIL pl.optimized").collect({ longs: "number" });
  const files = Number(detail!["numFiles"]);
  t.true(files >= 3);
  const result = await writer.optimizeTable();
  t.like(result, { optimized: true, filesRemoved: files, filesAdded: 1 });
  t.deepEqual(result.optimizationsApplied, ["compaction", "zorder(phase, stepName)"]);
  t.deepEqual(await rowsOf("pl.optimized"), before);

  const history = await writer.getTableHistory(3);
  t.like(history, { historyAvailable: true, tableFqn: "pl.optimized", totalVersions: 5 });
  t.deepEqual(
    history.versions.map((v) => [v.version, v.operation]),
    [
      [4, "OPTIMIZE"],
      [3, "WRITE"],
      [2, "WRITE"],
    ],
  );
  t.is(history.versions[0]!.operationParameters["zOrderBy"], '["phase","stepName"]');
  t.is(history.versions[1]!.rowCount, 2);
  t.true((history.versions[1]!.sizeMb ?? 0) > 0);
  t.like(await new LogWriter(spark, cfg("optimized", { enableOptimization: false })).optimizeTable(), { optimized: false, reason: "enableOptimization is false in the WriterConfig" });
});

test.serial("maintainTable vacuums, computes statistics and checks the schema", async (t) => {
  const writer = new LogWriter(spark, cfg("optimized", { autoOptimizeSchema: false }));
  const rows = await rowsOf("pl.optimized");
  const result = await writer.maintainTable();
  t.deepEqual(result.maintenanceOperations, ["vacuum(168 hours)", "analyze", "validate_schema"]);
  t.is(result.filesDeleted, 0); // every file is younger than the retention
  t.is(result.rowCount, rows.length);
  const durations = rows.map((r) => r["durationSecs"] as number);
  t.like(result.statistics!.find((s) => s.column === "durationSecs"), { nullCount: 0, min: Math.min(...durations), max: Math.max(...durations) });
  t.like(result.statistics!.find((s) => s.column === "errorMessage"), { nullCount: rows.length });
  t.deepEqual(result.schema, { schemaValid: true, missingColumns: [], mismatchedColumns: [], extraColumns: [] });
  t.is((await t.throwsAsync(writer.maintainTable({ retentionHours: 1 }), { instanceOf: PipelineInputError })).field, "retentionHours");
  t.deepEqual(
    (await writer.getTableHistory(2)).versions.map((v) => v.operation),
    ["VACUUM END", "VACUUM START"],
  );
});

test.serial("a log table of an older layout: the schema check names what is missing, and schema evolution adds it", async (t) => {
  await spark.sql("CREATE TABLE pl.legacy (runId STRING, phase STRING, stepName STRING, durationSecs DOUBLE) USING delta");
  await spark.sql("INSERT INTO pl.legacy VALUES ('old', 'bronze', 'extract', 3.0)");
  const writer = new LogWriter(spark, cfg("legacy"));
  const check = await writer.maintainTable({ vacuum: false, analyze: false });
  t.false(check.schema!.schemaValid);
  t.deepEqual(check.schema!.missingColumns.slice(0, 3), ["executionId", "pipelineId", "runMode"]);
  await writer.writeLogRows([row("new", "extract", 4)]);
  const rows = await rowsOf("pl.legacy");
  t.deepEqual(
    rows.map((r) => [r["runId"], r["durationSecs"], r["rowsProcessed"]]),
    [
      ["new", 4, 1000],
      ["old", 3, null],
    ],
  );
  t.true((await writer.maintainTable({ vacuum: false, analyze: false })).schema!.schemaValid);
});

test.serial("a table that is not Delta: the Delta operations fail with NotDeltaTableError naming the fix, its rows intact", async (t) => {
  const writer = new LogWriter(spark, cfg("plain", { tableFormat: "parquet" }));
  await writer.writeLogRows([row("p1", "extract", 1), row("p1", "load", 2)]);
  t.like(await writer.getTableInfo(), { format: "parquet", rowCount: 2 });
  for (const call of [() => writer.optimizeTable(), () => writer.maintainTable(), () => writer.getTableHistory()]) {
    const e = await t.throwsAsync(call(), { instanceOf: NotDeltaTableError });
    t.like(e, { table: "pl.plain", format: "parquet" });
    t.regex(e.message, /CONVERT TO DELTA `pl`\.`plain`/);
  }
  const merging = new LogWriter(spark, cfg("plain", { writeMode: "merge" }));
  await t.throwsAsync(merging.writeLogRows([row("p2", "extract", 1)]), { instanceOf: NotDeltaTableError });
  t.is(await countOf("pl.plain"), 2);
  const missing = await t.throwsAsync(new LogWriter(spark, cfg("nowhere")).optimizeTable(), { instanceOf: Error });
  t.is((missing as { _tag?: string })._tag, "LogTableNotFoundError");
});

test.serial("write modes: overwrite replaces (the old version stays in Delta's history), merge upserts by run, phase and step", async (t) => {
  const over = new LogWriter(spark, cfg("overwritten", { writeMode: "overwrite" }));
  await over.writeLogRows([row("a", "x", 1), row("a", "y", 2), row("a", "z", 3)]);
  await over.writeLogRows([row("b", "x", 4)]);
  t.deepEqual((await rowsOf("pl.overwritten")).map((r) => r["runId"]), ["b"]);
  t.is(Number((await spark.sql("SELECT count(*) AS n FROM pl.overwritten VERSION AS OF 1").collect())[0]!["n"]), 3);

  await new LogWriter(spark, cfg("merged")).writeLogRows([row("r1", "extract", 10), row("r1", "load", 20)]);
  const merge = new LogWriter(spark, cfg("merged", { writeMode: "merge" }));
  await merge.writeLogRows([row("r1", "extract", 11), row("r2", "extract", 5)]);
  t.deepEqual(
    (await rowsOf("pl.merged")).map((r) => [r["runId"], r["stepName"], r["durationSecs"]]),
    [
      ["r1", "extract", 11],
      ["r1", "load", 20],
      ["r2", "extract", 5],
    ],
  );
  const ignore = new LogWriter(spark, cfg("merged", { writeMode: "ignore" }));
  t.like(await ignore.writeLogRows([row("r9", "extract", 1)]), { rowsWritten: 0 });
  t.is(await countOf("pl.merged"), 3);
});

test.serial("table naming patterns: a writer on the generated table", async (t) => {
  const writer = new LogWriter(spark, cfg("base_logs", { tableNamePattern: "{schema}.{pipeline_id}_{run_mode}_{date}" }));
  const name = writer.generateTableName({ pipelineId: "nightly-etl", runMode: "incremental", timestamp: "20240101_120000" });
  t.is(name, "pl.nightly_etl_incremental_20240101_120000");
  await writer.forTable(name).writeLogRows([row("n1", "extract", 1)]);
  t.is(await spark.table("pl.nightly_etl_incremental_20240101_120000").count(), 1);
});

test.serial("the Effect service: PipelineLog.layer on the Spark service", async (t) => {
  const program = Effect.gen(function* () {
    const log = yield* PipelineLog;
    yield* log.writeLogRows([row("fx", "extract", 3), row("fx", "load", 5)]);
    return yield* log.generateSummaryReport(30);
  });
  const layer = PipelineLog.layer(cfg("effect")).pipe(Layer.provide(Spark.layer(server.connectionString(), { retry: TEST_RETRY })));
  const report = await Effect.runPromise(Effect.provide(program, layer));
  t.like(report, { totalExecutions: 2, totalRuns: 1, averageDurationSecs: 4 });
  const failed = await Effect.runPromise(
    Effect.provide(
      Effect.flip(
        Effect.gen(function* () {
          const log = yield* PipelineLog;
          return yield* log.writeLogRows([{ runId: "x" } as LogRowInput]);
        }),
      ),
      layer,
    ),
  );
  t.is(failed._tag, "PipelineInputError");
});

test.serial("the example program (examples/pipelines.ts) runs end to end", async (t) => {
  const lines: string[] = [];
  const outcome = await pipelinesExample(spark, join(dir, "example"), (l) => lines.push(l));
  t.deepEqual(outcome.restartedFrom, [
    { scriptClass: "com.acme.orders.Extract", index: 0 },
    { scriptClass: "com.acme.orders.Clean", index: 1 },
  ]);
  t.like(outcome, { rowsLogged: 12, qualityRate: 50, successRatePercent: 100, exported: 6, versions: 3 }); // CREATE TABLE, the batch, OPTIMIZE
  t.deepEqual([...outcome.anomalies].sort(), ["duration_outlier", "low_validation_rate"]);
  t.true(lines.some((l) => l.startsWith("not logged: The log rows did not pass the data-quality check")), lines.join("\n"));
});
