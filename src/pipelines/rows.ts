// Log rows as given by callers, checked against the log row model and turned into rows of
// the log table; and the rows of a pipeline run (ExecutionResult) as log rows.
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { type FieldIssue, PipelineInputError } from "./errors.js";
import { decode, type ExecutionContext, type ExecutionResult, issuesOf, LogRowInputSchema, schemaError, type StepResult } from "./models.js";

/** A row ready for `createDataFrame(rows, LOG_TABLE_DDL)`. */
export type TableRow = Record<string, unknown>;

const KNOWN = new Set(Object.keys(LogRowInputSchema.fields));
const MAX_ISSUES = 20;

export interface PrepareOptions {
  /** The run id of rows that have none. */
  readonly runId?: string | undefined;
  readonly mode: "strict" | "lenient" | "ignore";
  readonly loggedAt: Date;
}

/**
 * Checks every row (all problems are collected, up to 20) and converts the good ones:
 * missing optional fields become null (`success` true), counts become BIGINT, metadata JSON
 * text. Fields the table lacks are refused (`strict`), kept in metadata (`lenient`) or
 * dropped (`ignore`).
 */
export function prepareRows(input: unknown, options: PrepareOptions): Effect.Effect<TableRow[], PipelineInputError> {
  return Effect.suspend(() => {
    if (!Array.isArray(input)) return Effect.fail(PipelineInputError.of("rows", [{ path: ["rows"], message: "expected an array of log rows" }]));
    const issues: FieldIssue[] = [];
    const out: TableRow[] = [];
    input.forEach((raw: unknown, i) => {
      if (issues.length >= MAX_ISSUES) return;
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        issues.push({ path: ["rows", i], message: "expected an object (a log row)" });
        return;
      }
      const known: Record<string, unknown> = {};
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        if (v === undefined) continue;
        if (KNOWN.has(k)) known[k] = v;
        else if (options.mode === "strict") {
          issues.push({
            path: ["rows", i, k],
            message: `not a column of the log table (its columns: ${[...KNOWN].join(", ")}); put it in metadata, or set schemaValidationMode to "lenient" (kept in metadata) or "ignore" (dropped)`,
          });
        } else if (options.mode === "lenient") extra[k] = v;
      }
      if (known["runId"] === undefined && options.runId !== undefined) known["runId"] = options.runId;
      if (Object.keys(extra).length > 0) known["metadata"] = { ...(known["metadata"] as object | undefined), ...extra };
      const exit = decode(LogRowInputSchema, known);
      if (Exit.isFailure(exit)) {
        for (const issue of issuesOf(schemaError(exit)!, ["rows", i])) {
          const missingRunId = issue.path[2] === "runId" && issue.message === "Missing key";
          issues.push(missingRunId ? { ...issue, message: "missing: give the row a runId, or the call a runId option" } : issue);
        }
        return;
      }
      const r = exit.value;
      out.push({
        runId: r.runId,
        executionId: r.executionId ?? null,
        pipelineId: r.pipelineId ?? null,
        runMode: r.runMode ?? null,
        phase: r.phase,
        stepName: r.stepName,
        startTime: r.startTime ?? null,
        endTime: r.endTime ?? null,
        durationSecs: r.durationSecs,
        rowsProcessed: r.rowsProcessed === undefined || r.rowsProcessed === null ? null : BigInt(r.rowsProcessed),
        rowsWritten: r.rowsWritten === undefined || r.rowsWritten === null ? null : BigInt(r.rowsWritten),
        validationRate: r.validationRate ?? null,
        success: r.success ?? true,
        errorMessage: r.errorMessage ?? null,
        metadata: r.metadata === undefined || r.metadata === null ? null : JSON.stringify(r.metadata),
        loggedAt: options.loggedAt,
      });
    });
    if (issues.length > 0) return Effect.fail(PipelineInputError.of("log rows", issues, "Nothing was written."));
    return Effect.succeed(out);
  });
}

/** The log rows of one step of a run. */
export function stepRow(step: StepResult, context: ExecutionContext | undefined, runId: string): Record<string, unknown> {
  const ctx = step.executionContext ?? context;
  return {
    runId,
    executionId: ctx?.executionId ?? null,
    pipelineId: ctx?.pipelineId ?? null,
    runMode: ctx?.mode ?? null,
    phase: step.phase,
    stepName: step.stepName,
    startTime: step.startTime,
    endTime: step.endTime,
    durationSecs: step.durationSecs,
    rowsProcessed: step.rowsProcessed,
    rowsWritten: step.rowsWritten,
    validationRate: step.validationRate,
    success: step.success,
    errorMessage: step.errorMessage ?? null,
  };
}

/** The log rows of a run: one per step. */
export function executionRows(result: ExecutionResult, runId: string): Record<string, unknown>[] {
  return result.stepResults.map((s) => stepRow(s, result.context, runId));
}
