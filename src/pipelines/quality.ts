/**
 * Data-quality rules over log rows and their validation in Spark. A rule is a typed query
 * lambda over the log row (`rule(r => r.durationSecs >= 0 && r.durationSecs <= 3600)`,
 * compiled by the transformer like `df.where`), a boolean Column, or SQL text. A row passes
 * a rule when the rule is true; false or null fails it.
 */
import * as Effect from "effect/Effect";
import type { SparkConnectFailure } from "../../runtime/errors.js";
import { Column } from "../Column.js";
import type { DataFrame } from "../DataFrame.js";
import { exprText } from "../display/exprText.js";
import type { QueryLambda } from "../dsl/brand.js";
import { lambdaColumn, UNQUALIFIED } from "../dsl/lambda.js";
import { collect } from "../effect/dataFrame.js";
import { coalesce, count, expr, lit, sum, when } from "../functions/index.js";
import { PipelineInputError } from "./errors.js";
import { LOG_COLUMNS, type LogRow, type WriterConfig } from "./models.js";
import { attempt } from "./spark.js";

const RULE = Symbol.for("spark-connect-ts.pipelines.rule");

/** A rule written with `rule(...)`: a compiled query lambda over a log row, and its name. */
export interface QualityRule {
  readonly [RULE]: true;
  readonly predicate: unknown;
  readonly name: string | undefined;
}

/** What a rule may be: `rule(r => ...)`, a boolean Column, or a SQL condition. */
export type RuleInput = QualityRule | Column | string;

/** Rules by the column they check. */
export type QualityRules = Readonly<Partial<Record<keyof LogRow, readonly RuleInput[]>>>;

/**
 * A data-quality rule as a typed lambda over a log row, compiled by the transformer (see
 * docs/dsl.md: the lambda must be written at this call). `name` is how reports show it.
 *
 * @example
 * ```ts
 * const rules = {
 *   durationSecs: [rule((r) => r.durationSecs >= 0 && r.durationSecs <= 3600, "at most an hour")],
 *   phase: [rule((r) => ["bronze", "silver", "gold"].includes(r.phase))],
 * };
 * await writer.validateLogDataQuality(rows, rules);
 * ```
 */
export function rule(predicate: QueryLambda<"filter", (row: LogRow) => boolean | null>, name?: string): QualityRule {
  return { [RULE]: true, predicate, name };
}

const isRule = (v: unknown): v is QualityRule => typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[RULE] === true;

/**
 * The rules `validateLogDataQuality` applies when given none: ids and names present, a
 * known phase, non-negative durations and counts, a validation rate within 0..100.
 */
export const DEFAULT_RULES: QualityRules = {
  runId: ["runId IS NOT NULL AND length(runId) > 0"],
  phase: ["phase IN ('bronze', 'silver', 'gold')"],
  stepName: ["stepName IS NOT NULL AND length(stepName) > 0"],
  durationSecs: ["durationSecs >= 0"],
  rowsProcessed: ["rowsProcessed IS NULL OR rowsProcessed >= 0"],
  rowsWritten: ["rowsWritten IS NULL OR rowsWritten >= 0"],
  validationRate: ["validationRate IS NULL OR (validationRate >= 0 AND validationRate <= 100)"],
};

/** How one rule did. */
export interface RuleResult {
  readonly column: string;
  /** The rule's name, its SQL text, or the text of its Column. */
  readonly rule: string;
  readonly failedRows: number;
  readonly passed: boolean;
}

/** The outcome of a validation, computed in Spark. */
export interface DataQualityReport {
  readonly totalRows: number;
  /** Rows passing every rule. */
  readonly validRows: number;
  readonly invalidRows: number;
  /** Percent of valid rows (100 for no rows). */
  readonly validationRate: number;
  readonly invalidRowsPercent: number;
  /** The config's `minValidationRate`. */
  readonly threshold: number;
  /** The config's `maxInvalidRowsPercent`. */
  readonly maxInvalidRowsPercent: number;
  /** `validationRate >= threshold`. */
  readonly thresholdMet: boolean;
  /** The threshold is met and the invalid share is at most `maxInvalidRowsPercent`. */
  readonly qualityPassed: boolean;
  readonly rulesApplied: readonly RuleResult[];
  /** For each column with a failing rule, the rules that failed. */
  readonly failedRules: Readonly<Record<string, readonly string[]>>;
}

interface Compiled {
  readonly column: string;
  readonly text: string;
  readonly condition: Column;
}

/** The rules as Columns, each checked: a known column key, a rule of an accepted kind. */
export function compileRules(rules: unknown): Effect.Effect<Compiled[], PipelineInputError | SparkConnectFailure> {
  return Effect.gen(function* () {
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
      return yield* Effect.fail(PipelineInputError.of("rules", [{ path: ["rules"], message: "expected an object of rule lists by column, e.g. { durationSecs: [rule((r) => r.durationSecs >= 0)] }" }]));
    }
    const out: Compiled[] = [];
    for (const [column, list] of Object.entries(rules as Record<string, unknown>)) {
      if (!(LOG_COLUMNS as readonly string[]).includes(column)) {
        return yield* Effect.fail(PipelineInputError.of("rules", [{ path: ["rules", column], message: `not a column of the log table (its columns: ${LOG_COLUMNS.join(", ")})` }]));
      }
      if (!Array.isArray(list)) {
        return yield* Effect.fail(PipelineInputError.of("rules", [{ path: ["rules", column], message: "expected a list of rules" }]));
      }
      for (const [i, r] of list.entries()) {
        if (typeof r === "string") out.push({ column, text: r, condition: expr(r) });
        else if (r instanceof Column) out.push({ column, text: exprText(r.node), condition: r });
        else if (isRule(r)) {
          const condition = yield* attempt(() => lambdaColumn("rule", r.predicate, UNQUALIFIED));
          out.push({ column, text: r.name ?? exprText(condition.node), condition });
        } else {
          return yield* Effect.fail(
            PipelineInputError.of("rules", [{ path: ["rules", column, i], message: "expected rule((r) => ...), a boolean Column or a SQL condition string" }]),
          );
        }
      }
    }
    return out;
  });
}

const passes = (c: Compiled) => coalesce(c.condition, lit(false));

/** Validates the rows of `df` against the compiled rules in one Spark aggregation. */
export function validate(df: DataFrame<unknown>, rules: readonly Compiled[], config: WriterConfig): Effect.Effect<DataQualityReport, SparkConnectFailure> {
  return Effect.gen(function* () {
    const all = rules.reduce<Column>((acc, r) => acc.and(passes(r)), lit(true));
    const aggs = [
      count(lit(1)).alias("total"),
      sum(when(all, lit(1)).otherwise(lit(0))).alias("valid"),
      ...rules.map((r, i) => sum(when(passes(r), lit(0)).otherwise(lit(1))).alias(`failed_${i}`)),
    ];
    const [row] = yield* Effect.flatMap(
      attempt(() => df.agg(...aggs)),
      (q) => collect(q, { longs: "number" }),
    );
    const n = (k: string) => Number((row as Record<string, unknown> | undefined)?.[k] ?? 0);
    const totalRows = n("total");
    const validRows = totalRows === 0 ? 0 : n("valid");
    const invalidRows = totalRows - validRows;
    const validationRate = totalRows === 0 ? 100 : (validRows / totalRows) * 100;
    const invalidRowsPercent = totalRows === 0 ? 0 : (invalidRows / totalRows) * 100;
    const rulesApplied = rules.map((r, i) => ({ column: r.column, rule: r.text, failedRows: n(`failed_${i}`), passed: n(`failed_${i}`) === 0 }));
    const failedRules: Record<string, string[]> = {};
    for (const r of rulesApplied) if (!r.passed) (failedRules[r.column] ??= []).push(r.rule);
    const thresholdMet = validationRate >= config.minValidationRate;
    return {
      totalRows,
      validRows,
      invalidRows,
      validationRate,
      invalidRowsPercent,
      threshold: config.minValidationRate,
      maxInvalidRowsPercent: config.maxInvalidRowsPercent,
      thresholdMet,
      qualityPassed: thresholdMet && invalidRowsPercent <= config.maxInvalidRowsPercent,
      rulesApplied,
      failedRules,
    };
  });
}
