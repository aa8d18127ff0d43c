import type { Table } from "apache-arrow";
import type { Session } from "../runtime/Session.js";
import type { RowOptions } from "../runtime/arrow/rows.js";
import type { PlanNode } from "./plan/PlanNode.js";
import { LimitNode } from "./plan/LimitNode.js";
import type { StructType } from "./types/DataType.js";
import { InvalidPlanError } from "../runtime/errors.js";
import * as actions from "./internal/actions.js";
import { runPromise } from "./internal/run.js";

/** Options every action takes. */
export interface ActionOptions {
  /** Aborting it interrupts the query; the promise rejects with InterruptedError. */
  readonly signal?: AbortSignal;
}

/** Options of `collect()`. */
export interface CollectOptions extends ActionOptions, RowOptions {}

/**
 * A lazy, immutable query bound to a session. Transformations return new DataFrames;
 * nothing runs on the server until an action (`collect`, `count`, `toArrow`, ...).
 * `Row` is the type of one collected row.
 *
 * @example
 * ```ts
 * const df = spark.sql<{ x: number; s: string }>("SELECT 1 AS x, 'a' AS s");
 * const rows = await df.collect(); // [{ x: 1, s: "a" }]
 * ```
 */
export class DataFrame<Row = Record<string, unknown>> {
  /** @internal */
  constructor(
    /** @internal */ readonly session: Session,
    /** @internal */ readonly plan: PlanNode,
    /** @internal */ readonly rowDefaults: RowOptions = {},
  ) {}

  /**
   * The first `n` rows (lazy; nothing runs until an action).
   *
   * @example
   * ```ts
   * await spark.range(100).limit(3).collect(); // [{ id: 0n }, { id: 1n }, { id: 2n }]
   * ```
   */
  limit(n: number): DataFrame<Row> {
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
      throw new InvalidPlanError({ message: `limit(${n}): the row count must be an integer from 0 to 2147483647.` });
    }
    return new DataFrame(this.session, LimitNode.create(this.plan, n), this.rowDefaults);
  }

  /**
   * Runs the query and returns every row as a plain object (types per docs/types.md).
   *
   * @example
   * ```ts
   * const rows = await spark.sql("SELECT 1 AS x, 'a' AS s").collect(); // [{ x: 1, s: "a" }]
   * ```
   */
  collect(options: CollectOptions = {}): Promise<Row[]> {
    return runPromise(actions.collect<Row>(this.session, this.plan, { ...this.rowDefaults, ...options }), options.signal);
  }

  /**
   * Runs the query and returns the result as an apache-arrow Table, batches as received.
   *
   * @example
   * ```ts
   * const table = await spark.range(10).toArrow();
   * table.numRows; // 10
   * ```
   */
  toArrow(options: ActionOptions = {}): Promise<Table> {
    return runPromise(actions.toArrow(this.session, this.plan), options.signal);
  }

  /**
   * Counts the rows on the server.
   *
   * @example
   * ```ts
   * await spark.range(1000).count(); // 1000
   * ```
   */
  count(options: ActionOptions = {}): Promise<number> {
    return runPromise(actions.count(this.session, this.plan), options.signal);
  }

  /**
   * The result's schema, computed by the server without running the query.
   *
   * @example
   * ```ts
   * (await spark.sql("SELECT 1 AS x").schema()).fields[0]; // { name: "x", dataType: { kind: "integer" }, nullable: false }
   * ```
   */
  schema(options: ActionOptions = {}): Promise<StructType> {
    return runPromise(actions.schema(this.session, this.plan), options.signal);
  }
}
