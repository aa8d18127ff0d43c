// The pipeline toolkit without Spark: WriterConfig validation and defaults (errors name the
// field), table naming patterns, log-row checks (missing fields, wrong types, unknown
// fields per schemaValidationMode), rules as compiled lambdas / Columns / SQL, restart
// store options and details, and the Promise classes rejecting bad input before sending
// anything (against the mock server, which records every call).
import test from "ava";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Effect, Exit } from "effect";
import { SparkSession } from "../../src/index.js";
import { col } from "../../src/functions/index.js";
import { exprText } from "../../src/display/exprText.js";
import {
  DEFAULT_RULES,
  generateTableName,
  isTransient,
  LogWriter,
  makeLogWriter,
  makeRestartState,
  PipelineConfigError,
  PipelineInputError,
  RestartStateStore,
  rule,
  writerConfig,
  type WriterConfigInput,
} from "../../src/pipelines/index.js";
import { compileRules } from "../../src/pipelines/quality.js";
import { prepareRows } from "../../src/pipelines/rows.js";
import { SparkError, TransportError, AnalysisError } from "../../runtime/errors.js";
import { startMockSpark } from "../support/mockSpark.js";

const base = { tableSchema: "analytics", tableName: "pipeline_logs" } as const;

function configError(input: unknown): PipelineConfigError {
  try {
    writerConfig(input as WriterConfigInput);
  } catch (e) {
    if (e instanceof PipelineConfigError) return e;
    throw e;
  }
  throw new Error("expected a PipelineConfigError");
}

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure");
  for (const r of exit.cause.reasons) if (r._tag === "Fail") return r.error;
  throw new Error("expected a typed failure, got " + String(exit.cause));
};

test("writerConfig fills in the defaults", (t) => {
  const c = writerConfig(base);
  t.like(c, {
    tableSchema: "analytics",
    tableName: "pipeline_logs",
    writeMode: "append",
    tableFormat: "delta",
    batchSize: 1000,
    maxFileSizeMb: 128,
    parallelWriteThreads: 4,
    memoryFraction: 0.8,
    enableOptimization: true,
    logDataQualityResults: true,
    enableAnomalyDetection: true,
    minValidationRate: 95,
    maxInvalidRowsPercent: 5,
    enableSchemaEvolution: true,
    autoOptimizeSchema: true,
    schemaValidationMode: "strict",
    maxRetries: 3,
    retryDelaySecs: 1,
    failFast: false,
    retryExponentialBackoff: true,
  });
  t.is(writerConfig({ ...base, batchSize: 5000, writeMode: "overwrite" }).batchSize, 5000);
});

test("an invalid WriterConfig is a PipelineConfigError naming the field", (t) => {
  t.is(configError({ tableSchema: "", tableName: "test" }).field, "tableSchema");
  t.is(configError({ tableSchema: "analytics" }).field, "tableName");
  t.is(configError({ ...base, batchSize: 0 }).field, "batchSize");
  t.is(configError({ ...base, batchSize: 2.5 }).field, "batchSize");
  t.is(configError({ ...base, memoryFraction: 1.5 }).field, "memoryFraction");
  t.is(configError({ ...base, minValidationRate: 101 }).field, "minValidationRate");
  t.is(configError({ ...base, writeMode: "upsert" }).field, "writeMode");
  t.is(configError({ ...base, schemaValidationMode: "loose" }).field, "schemaValidationMode");
  t.is(configError({ ...base, failFast: "yes" }).field, "failFast");
  t.is(configError({ ...base, retryDelaySecs: -1 }).field, "retryDelaySecs");
  t.is(configError({ ...base, tableName: "logs; DROP TABLE x" }).field, "tableName");
  t.is(configError({ ...base, tableNamePattern: "{schema}.{pipeline}" }).field, "tableNamePattern");
  t.is(configError({ ...base, bacthSize: 10 }).field, "bacthSize");
  t.is(configError(null).field, "WriterConfig");
  const merge = configError({ ...base, writeMode: "merge", tableFormat: "parquet" });
  t.is(merge.field, "writeMode");
  t.regex(merge.message, /needs tableFormat "delta"/);
  // Every problem is listed, the first one named.
  const many = configError({ tableSchema: "", tableName: "", batchSize: -1 });
  t.deepEqual(
    many.issues.map((i) => i.path.join(".")),
    ["tableSchema", "tableName", "batchSize"],
  );
  t.regex(many.message, /^Invalid WriterConfig: tableSchema: /);
});

test("table names follow the naming patterns", (t) => {
  const config = writerConfig({ ...base, tableName: "base_logs", tableNamePattern: "{schema}.{pipeline_id}_{run_mode}_{date}", tableSuffixPattern: "_{run_mode}_{timestamp}" });
  t.is(generateTableName(config, { pipelineId: "my-pipeline", runMode: "incremental", timestamp: "20240101_120000" }), "analytics.my_pipeline_incremental_20240101_120000");
  const when = new Date("2024-03-05T07:08:09Z");
  t.is(generateTableName(config, { pipelineId: "p", runMode: "initial", timestamp: when }), "analytics.p_initial_20240305");
  const suffix = writerConfig({ ...base, tableName: "base_logs", tableSuffixPattern: "_{run_mode}_{timestamp}" });
  t.is(generateTableName(suffix, { pipelineId: "p", runMode: "full_refresh", timestamp: when }), "analytics.base_logs_full_refresh_20240305_070809");
  t.is(generateTableName(writerConfig(base), { pipelineId: "p", runMode: "x" }), "analytics.pipeline_logs");
});

const prepare = (rows: unknown, mode: "strict" | "lenient" | "ignore" = "strict", runId?: string) =>
  Effect.runSyncExit(prepareRows(rows, { mode, runId, loggedAt: new Date(0) }));

test("log rows missing required fields or with wrong types are refused with the field's path", (t) => {
  const e = failure(prepare([{ runId: "r", phase: "bronze", stepName: "s", durationSecs: 1 }, { runId: "r", phase: "bronze", durationSecs: "1" }]));
  t.true(e instanceof PipelineInputError);
  t.is(e.field, "rows[1].stepName");
  t.deepEqual(
    e.issues.map((i) => [i.path.join("."), i.message]),
    [
      ["rows.1.stepName", "Missing key"],
      ["rows.1.durationSecs", "Expected number"],
    ],
  );
  t.regex(e.message, /Nothing was written/);
  t.is(failure(prepare([{ phase: "bronze", stepName: "s", durationSecs: 1 }])).field, "rows[0].runId");
  t.regex(failure(prepare([{ phase: "bronze", stepName: "s", durationSecs: 1 }])).message, /runId option/);
  t.is(failure(prepare([{ runId: "r", phase: "bronze", stepName: "s", durationSecs: Number.NaN }])).field, "rows[0].durationSecs");
  t.is(failure(prepare([{ runId: "r", phase: "bronze", stepName: "s", durationSecs: 1, rowsProcessed: -3 }])).field, "rows[0].rowsProcessed");
  t.is(failure(prepare([{ runId: "r", phase: "bronze", stepName: "s", durationSecs: 1, startTime: "2024-01-01" }])).field, "rows[0].startTime");
  t.is(failure(prepare("rows")).field, "rows");
  t.is(failure(prepare([42])).field, "rows[0]");
});

test("fields the log table lacks: refused (strict), kept in metadata (lenient) or dropped (ignore)", (t) => {
  const row = { phase: "bronze", stepName: "s", durationSecs: 2, custom: "x", metadata: { a: 1 } };
  const strict = failure(prepare([row], "strict", "run-1"));
  t.is(strict.field, "rows[0].custom");
  t.regex(strict.message, /schemaValidationMode/);
  const lenient = prepare([row], "lenient", "run-1");
  t.true(Exit.isSuccess(lenient));
  if (Exit.isSuccess(lenient)) {
    t.is(lenient.value[0]!["runId"], "run-1");
    t.is(lenient.value[0]!["metadata"], JSON.stringify({ a: 1, custom: "x" }));
    t.is(lenient.value[0]!["success"], true);
    t.is(lenient.value[0]!["rowsProcessed"], null);
  }
  const ignored = prepare([row], "ignore", "run-1");
  if (Exit.isSuccess(ignored)) t.is(ignored.value[0]!["metadata"], JSON.stringify({ a: 1 }));
  else t.fail("ignore mode refused the row");
});

test("rules: compiled lambdas, Columns and SQL, checked by column", async (t) => {
  const compiled = await Effect.runPromise(
    compileRules({
      durationSecs: [rule((r) => r.durationSecs >= 0 && r.durationSecs <= 3600, "at most an hour"), "durationSecs < 7200"],
      validationRate: [col("validationRate").ge(90)],
      phase: [rule((r) => ["bronze", "silver", "gold"].includes(r.phase))],
    }),
  );
  t.deepEqual(
    compiled.map((c) => [c.column, c.text]),
    [
      ["durationSecs", "at most an hour"],
      ["durationSecs", "durationSecs < 7200"],
      ["validationRate", "(validationRate >= 90)"],
      ["phase", compiled[3]!.text],
    ],
  );
  t.regex(exprText(compiled[0]!.condition.node), /durationSecs/);
  t.regex(compiled[3]!.text, /phase/);
  t.is(Object.keys(DEFAULT_RULES).length, 7);

  const unknown = failure(await Effect.runPromiseExit(compileRules({ duration: ["duration > 0"] })));
  t.true(unknown instanceof PipelineInputError);
  t.is((unknown as PipelineInputError).field, "rules.duration");
  const wrongKind = failure(await Effect.runPromiseExit(compileRules({ durationSecs: [42] })));
  t.is((wrongKind as PipelineInputError).field, "rules.durationSecs[0]");
});

test("restart store: options and details are checked before anything is sent", async (t) => {
  const spark = {} as SparkSession;
  const bad = failure(await Effect.runPromiseExit(makeRestartState(spark, { path: "  " })));
  t.true(bad instanceof PipelineConfigError);
  t.is(bad.field, "path");
  t.is(failure(await Effect.runPromiseExit(makeRestartState(spark, { path: "/x", format: "csv" as "json" }))).field, "format");
  const store = await Effect.runPromise(makeRestartState(spark, { path: "/tmp/restart/" }));
  t.is(store.path, "/tmp/restart");
  const details = failure(await Effect.runPromiseExit(store.persist([{ scriptClass: "a.B", index: 0 }, { scriptClass: "", index: 1.5 } as never])));
  t.true(details instanceof PipelineInputError);
  t.is((details as PipelineInputError).field, "details[1].scriptClass");
  t.deepEqual(
    (details as PipelineInputError).issues.map((i) => i.path.join(".")),
    ["details.1.scriptClass", "details.1.index"],
  );
});

test("Promise forms: an invalid config or input rejects with the typed error and sends nothing", async (t) => {
  const mock = await startMockSpark({});
  const spark = await SparkSession.connect(mock.url);
  try {
    const writer = new LogWriter(spark, { tableSchema: "", tableName: "logs" });
    t.is(writer.config, undefined);
    const e = await t.throwsAsync(writer.writeLogRows([{ runId: "r", phase: "bronze", stepName: "s", durationSecs: 1 }]), { instanceOf: PipelineConfigError });
    t.is(e.field, "tableSchema");
    await t.throwsAsync(writer.generateSummaryReport(), { instanceOf: PipelineConfigError });
    t.throws(() => writer.generateTableName({ pipelineId: "p", runMode: "x" }), { instanceOf: PipelineConfigError });

    const good = new LogWriter(spark, base);
    const rows = await t.throwsAsync(good.writeLogRows([{ runId: "r", phase: "bronze", stepName: "s" } as never]), { instanceOf: PipelineInputError });
    t.is(rows.field, "rows[0].durationSecs");
    t.is((await t.throwsAsync(good.generateSummaryReport(0), { instanceOf: PipelineInputError })).field, "days");
    t.is((await t.throwsAsync(good.exportAnalyticsData("xml" as "csv"), { instanceOf: PipelineInputError })).field, "format");
    t.is((await t.throwsAsync(good.exportAnalyticsData("csv", { filters: { nope: 1 } }), { instanceOf: PipelineInputError })).field, "filters.nope");
    t.is((await t.throwsAsync(good.exportAnalyticsData("csv"), { instanceOf: PipelineInputError })).field, "path");
    t.is((await t.throwsAsync(good.optimizeTable({ zOrderBy: ["nope"] }), { instanceOf: PipelineInputError })).field, "zOrderBy[0]");
    t.is(good.forTable("other.logs_2024").config?.tableName, "logs_2024");

    const store = new RestartStateStore(spark, { path: "" });
    t.is((await t.throwsAsync(store.load(), { instanceOf: PipelineConfigError })).field, "path");
    const okStore = new RestartStateStore(spark, { path: "/tmp/x" });
    t.is((await t.throwsAsync(okStore.persist([{ scriptClass: "a", index: -0.5 }]), { instanceOf: PipelineInputError })).field, "details[0].index");
    t.false(mock.calls.some((c) => c.method === "ExecutePlan"), "nothing was executed");
  } finally {
    await spark.close();
    await mock.close();
  }
});

test("the Effect form fails in the error channel", async (t) => {
  const e = failure(await Effect.runPromiseExit(makeLogWriter({} as SparkSession, { tableSchema: "a", tableName: "b", maxRetries: 99 })));
  t.is(e._tag, "PipelineConfigError");
  t.is(e.field, "maxRetries");
});

test("only transient failures are retried", (t) => {
  t.true(isTransient(new TransportError({ message: "down", code: 14 })));
  const concurrent = new SparkError({ message: "x", errorClass: "DELTA_CONCURRENT_APPEND", sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined });
  t.true(isTransient(concurrent));
  const constraint = new SparkError({ message: "x", errorClass: "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined });
  t.false(isTransient(constraint));
  t.false(isTransient(new AnalysisError({ message: "x", errorClass: "TABLE_OR_VIEW_NOT_FOUND", sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined })));
  t.false(isTransient(new PipelineInputError({ field: "rows", issues: [], message: "x" })));
});

test("the type tests of the toolkit compiled (test/types/pipelines.types.ts)", (t) => {
  const compiled = fileURLToPath(new URL("../types/pipelines.types.js", import.meta.url));
  t.true(existsSync(compiled), "dist/test/types/pipelines.types.js is missing: run `npm run build`");
});
