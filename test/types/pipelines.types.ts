// Type tests of spark-connect-ts/pipelines, compiled by the main build (`npm run build`): a
// line marked `@ts-expect-error` that compiles fails the build and so the test run. The
// calls sit in functions that are never called, so nothing runs.
import { Effect } from "effect";
import { col } from "../../src/functions/index.js";
import type { SparkSession } from "../../src/SparkSession.js";
import { LogWriter, PipelineLog, rule, type DataQualityReport, type PipelineFailure, type WriterConfigInput } from "../../src/pipelines/index.js";

export function rulesAreTypedOverTheLogRow(writer: LogWriter): Promise<DataQualityReport> {
  return writer.validateLogDataQuality([], {
    durationSecs: [rule((r) => r.durationSecs <= 3600), "durationSecs >= 0", col("durationSecs").ge(0)],
    validationRate: [rule((r) => r.validationRate !== null && r.validationRate >= 90)],
    // @ts-expect-error a rule list for a column the log table does not have
    duration: ["duration > 0"],
  });
}

export function ruleLambdasReadOnlyLogColumns(): void {
  // @ts-expect-error the log row has no column `duration`
  rule((r) => r.duration > 1);
  // @ts-expect-error validationRate may be null: compare after checking it
  rule((r) => r.validationRate >= 90);
}

export function configKeysAndValuesAreChecked(spark: SparkSession): void {
  new LogWriter(spark, { tableSchema: "a", tableName: "b", writeMode: "merge", batchSize: 10 });
  // @ts-expect-error an unknown write mode
  new LogWriter(spark, { tableSchema: "a", tableName: "b", writeMode: "upsert" });
  // @ts-expect-error tableName is required
  const missing: WriterConfigInput = { tableSchema: "a" };
  void missing;
}

export const effectErrorsAreTheToolkitsAndTheLibrarys = Effect.gen(function* () {
  const log = yield* PipelineLog;
  return yield* log.writeLogRows([{ runId: "r", phase: "bronze", stepName: "s", durationSecs: 1 }]);
}).pipe(
  Effect.catchTag("DataQualityError", (e) => Effect.succeed(e.report.validationRate)),
  Effect.catchTag("NotDeltaTableError", (e) => Effect.succeed(e.format)),
  Effect.catchTag("AnalysisError", (e) => Effect.succeed(e.errorClass)),
);

export function failuresAreOneUnion(e: PipelineFailure): string {
  return e._tag;
}
