import { MergeAction_ActionType } from "../generated/spark/connect/expressions_pb.js";
import { InvalidPlanError } from "../runtime/errors.js";
import { Column, type ColumnOrValue, toExpr } from "./Column.js";
import type { ExprNode } from "./expr/ExprNode.js";
import { SqlExprNode } from "./expr/SqlExprNode.js";
import type { SessionHandle } from "./internal/handle.js";
import type { OperationOptions } from "./internal/ops/action.js";
import type { CommandInit } from "./internal/ops/execute.js";
import type { ExecutionInfo } from "./internal/ops/executionInfo.js";
import { run } from "./internal/run.js";
import type { PlanEncoder } from "./plan/encodeRelation.js";
import type { PlanNode } from "./plan/PlanNode.js";
import * as E from "./effect/mergeInto.js";

/** The DataFrame merged (kept abstract to avoid an import cycle). */
interface Source {
  readonly handle: SessionHandle;
  readonly plan: PlanNode;
  readonly recordExecution: (info: ExecutionInfo) => void;
}

/** One WHEN clause of a MERGE: what to do, under which extra condition, with which assignments. */
interface MergeActionSpec {
  readonly type: MergeAction_ActionType;
  readonly condition: ExprNode | undefined;
  readonly assignments: readonly (readonly [string, ExprNode])[];
}

interface MergeState {
  readonly matched: readonly MergeActionSpec[];
  readonly notMatched: readonly MergeActionSpec[];
  readonly notMatchedBySource: readonly MergeActionSpec[];
  readonly schemaEvolution: boolean;
}

type Clause = "matched" | "notMatched" | "notMatchedBySource";

function conditionOf(method: string, condition: Column | string | undefined): ExprNode | undefined {
  if (condition === undefined || condition === null) return undefined;
  if (condition instanceof Column) return condition.node;
  if (typeof condition === "string" && condition.trim() !== "") return SqlExprNode.create(condition);
  throw new InvalidPlanError({ message: `${method}(condition): the condition is a boolean Column or SQL text, or left out for every row.` });
}

function assignmentsOf(method: string, assignments: Readonly<Record<string, ColumnOrValue>>): (readonly [string, ExprNode])[] {
  if (typeof assignments !== "object" || assignments === null || Array.isArray(assignments) || assignments instanceof Column) {
    throw new InvalidPlanError({ message: `${method}(): give the assignments as an object of target column to value, e.g. { amount: col("source.amount") }.` });
  }
  const entries = Object.entries(assignments);
  if (entries.length === 0) {
    throw new InvalidPlanError({ message: `${method}(): give at least one assignment, e.g. { amount: col("source.amount") } (or use ${method}All()).` });
  }
  return entries.map(([k, v]) => [k, toExpr(v)] as const);
}

/**
 * Merges a DataFrame's rows into a table (SQL's MERGE INTO): `df.mergeInto(table, condition)`.
 * Add WHEN clauses with `whenMatched()`, `whenNotMatched()` and `whenNotMatchedBySource()`
 * (each gives the actions for its rows, and returns the writer), then run it with `merge()`.
 * Immutable: each action returns a new writer. The target table's format must support MERGE.
 *
 * @example
 * ```ts
 * await spark.table("updates").alias("s")
 *   .mergeInto("target", col("target.id").eq(col("s.id")))
 *   .whenMatched().update({ amount: col("s.amount") })
 *   .whenNotMatched().insertAll()
 *   .whenNotMatchedBySource().delete()
 *   .merge();
 * ```
 */
export class MergeIntoWriter {
  /** @internal */
  constructor(
    /** @internal */ readonly df: Source,
    /** @internal */ readonly table: string,
    condition: Column,
    private readonly state: MergeState = { matched: [], notMatched: [], notMatchedBySource: [], schemaEvolution: false },
  ) {
    if (!(condition instanceof Column)) {
      throw new InvalidPlanError({ message: 'mergeInto(table, condition): the condition is a Column, e.g. col("t.id").eq(col("s.id")).' });
    }
    this.condition = condition;
  }

  private readonly condition: Column;

  /** @internal A writer with one more action. */
  add(clause: Clause, action: MergeActionSpec): MergeIntoWriter {
    return new MergeIntoWriter(this.df, this.table, this.condition, { ...this.state, [clause]: [...this.state[clause], action] });
  }

  /**
   * The actions for target rows that match a source row (and `condition`, when given):
   * `update`, `updateAll` or `delete`.
   *
   * @example
   * ```ts
   * writer.whenMatched(col("s.deleted")).delete().whenMatched().updateAll();
   * ```
   */
  whenMatched(condition?: Column | string): WhenMatched {
    return new WhenMatched(this, conditionOf("whenMatched", condition));
  }

  /**
   * The actions for source rows that match no target row (and `condition`): `insert` or `insertAll`.
   *
   * @example
   * ```ts
   * writer.whenNotMatched().insertAll();
   * ```
   */
  whenNotMatched(condition?: Column | string): WhenNotMatched {
    return new WhenNotMatched(this, conditionOf("whenNotMatched", condition));
  }

  /**
   * The actions for target rows that match no source row (and `condition`): `update` or `delete`.
   *
   * @example
   * ```ts
   * writer.whenNotMatchedBySource().delete();
   * ```
   */
  whenNotMatchedBySource(condition?: Column | string): WhenNotMatchedBySource {
    return new WhenNotMatchedBySource(this, conditionOf("whenNotMatchedBySource", condition));
  }

  /**
   * Lets the merge add the source's new columns to the target table's schema.
   *
   * @example
   * ```ts
   * writer.withSchemaEvolution().whenNotMatched().insertAll();
   * ```
   */
  withSchemaEvolution(): MergeIntoWriter {
    return new MergeIntoWriter(this.df, this.table, this.condition, { ...this.state, schemaEvolution: true });
  }

  /** @internal The MergeIntoTableCommand, encoded by the caller's encoder. */
  command(): (encoder: PlanEncoder) => CommandInit {
    const s = this.state;
    if (s.matched.length + s.notMatched.length + s.notMatchedBySource.length === 0) {
      throw new InvalidPlanError({
        message: "merge(): add at least one action first, e.g. .whenMatched().updateAll() or .whenNotMatched().insertAll().",
      });
    }
    return (e) => {
      const action = (a: MergeActionSpec) => ({
        exprType: {
          case: "mergeAction" as const,
          value: {
            actionType: a.type,
            ...(a.condition !== undefined ? { condition: e.expression(a.condition) } : {}),
            assignments: a.assignments.map(([k, v]) => ({ key: e.expression(SqlExprNode.create(k)), value: e.expression(v) })),
          },
        },
      });
      return {
        commandType: {
          case: "mergeIntoTableCommand",
          value: {
            targetTableName: this.table,
            sourceTablePlan: e.relation(this.df.plan),
            mergeCondition: e.expression(this.condition.node),
            matchActions: s.matched.map(action),
            notMatchedActions: s.notMatched.map(action),
            notMatchedBySourceActions: s.notMatchedBySource.map(action),
            withSchemaEvolution: s.schemaEvolution,
          },
        },
      };
    };
  }

  /**
   * Runs the merge.
   *
   * @example
   * ```ts
   * await writer.whenMatched().updateAll().merge();
   * ```
   */
  merge(options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.merge(this, options));
  }
}

/** The actions for matched rows of a merge (`whenMatched()`). */
export class WhenMatched {
  /** @internal */
  constructor(
    private readonly writer: MergeIntoWriter,
    private readonly condition: ExprNode | undefined,
  ) {}

  /** Sets every target column from the source column of the same name. @example writer.whenMatched().updateAll() */
  updateAll(): MergeIntoWriter {
    return this.writer.add("matched", { type: MergeAction_ActionType.UPDATE_STAR, condition: this.condition, assignments: [] });
  }

  /** Sets the given target columns. @example writer.whenMatched().update({ amount: col("s.amount") }) */
  update(assignments: Readonly<Record<string, ColumnOrValue>>): MergeIntoWriter {
    return this.writer.add("matched", { type: MergeAction_ActionType.UPDATE, condition: this.condition, assignments: assignmentsOf("update", assignments) });
  }

  /** Deletes the target row. @example writer.whenMatched(col("s.gone")).delete() */
  delete(): MergeIntoWriter {
    return this.writer.add("matched", { type: MergeAction_ActionType.DELETE, condition: this.condition, assignments: [] });
  }
}

/** The actions for source rows without a target row (`whenNotMatched()`). */
export class WhenNotMatched {
  /** @internal */
  constructor(
    private readonly writer: MergeIntoWriter,
    private readonly condition: ExprNode | undefined,
  ) {}

  /** Inserts the source row, every column by name. @example writer.whenNotMatched().insertAll() */
  insertAll(): MergeIntoWriter {
    return this.writer.add("notMatched", { type: MergeAction_ActionType.INSERT_STAR, condition: this.condition, assignments: [] });
  }

  /** Inserts a row with the given columns. @example writer.whenNotMatched().insert({ id: col("s.id"), amount: lit(0) }) */
  insert(assignments: Readonly<Record<string, ColumnOrValue>>): MergeIntoWriter {
    return this.writer.add("notMatched", { type: MergeAction_ActionType.INSERT, condition: this.condition, assignments: assignmentsOf("insert", assignments) });
  }
}

/** The actions for target rows without a source row (`whenNotMatchedBySource()`). */
export class WhenNotMatchedBySource {
  /** @internal */
  constructor(
    private readonly writer: MergeIntoWriter,
    private readonly condition: ExprNode | undefined,
  ) {}

  /** Sets every target column from the source column of the same name. @example writer.whenNotMatchedBySource().updateAll() */
  updateAll(): MergeIntoWriter {
    return this.writer.add("notMatchedBySource", { type: MergeAction_ActionType.UPDATE_STAR, condition: this.condition, assignments: [] });
  }

  /** Sets the given target columns. @example writer.whenNotMatchedBySource().update({ active: lit(false) }) */
  update(assignments: Readonly<Record<string, ColumnOrValue>>): MergeIntoWriter {
    return this.writer.add("notMatchedBySource", {
      type: MergeAction_ActionType.UPDATE,
      condition: this.condition,
      assignments: assignmentsOf("update", assignments),
    });
  }

  /** Deletes the target row. @example writer.whenNotMatchedBySource().delete() */
  delete(): MergeIntoWriter {
    return this.writer.add("notMatchedBySource", { type: MergeAction_ActionType.DELETE, condition: this.condition, assignments: [] });
  }
}
