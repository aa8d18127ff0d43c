import { Effect, Stream } from "effect";
import type { RecordBatch, Table } from "apache-arrow";
import type { Session } from "../runtime/Session.js";
import { tableToRows, type RowOptions } from "../runtime/arrow/rows.js";
import type { ProgressListener } from "../runtime/Results.js";
import type { PlanNode } from "./plan/PlanNode.js";
import { LimitNode } from "./plan/LimitNode.js";
import type { StructType } from "./types/DataType.js";
import { InterruptedError, InvalidOptionError, InvalidPlanError } from "../runtime/errors.js";
import * as actions from "./internal/actions.js";
import { runPromise } from "./internal/run.js";

/** Options every action takes. */
export interface ActionOptions {
  /** Aborting it interrupts the query on the server; the promise rejects with InterruptedError. */
  readonly signal?: AbortSignal;
  /** Called with each progress report (stages, tasks, bytes read) while the query runs. */
  readonly onProgress?: ProgressListener;
  /** The operation id to use (a UUID), e.g. to interrupt it from elsewhere with interruptOperation. */
  readonly operationId?: string;
  /** Tags for this operation only, in addition to the session's (see SparkSession.addTag). */
  readonly tags?: readonly string[];
}

/** Options of `collect()`. */
export interface CollectOptions extends ActionOptions, RowOptions {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The execution options of an action, checked. */
function exec(options: ActionOptions): actions.ExecOptions {
  if (options.operationId !== undefined && !UUID.test(options.operationId)) {
    throw new InvalidOptionError({
      message: `operationId must be a UUID such as crypto.randomUUID() returns (got "${options.operationId}").`,
    });
  }
  return {
    ...(options.operationId !== undefined ? { operationId: options.operationId } : {}),
    ...(options.tags !== undefined ? { tags: options.tags } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
  };
}

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
export class DataFrame<Row = Record<string, unknown>> implements AsyncIterable<Row> {
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
    return runPromise(actions.collect<Row>(this.session, this.plan, { ...this.rowDefaults, ...options, ...exec(options) }), options.signal);
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
    return runPromise(actions.toArrow(this.session, this.plan, exec(options)), options.signal);
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
    return runPromise(actions.count(this.session, this.plan, exec(options)), options.signal);
  }

  /**
   * The result's schema, computed by the server without running the query.
   *
   * @example
   * ```ts
   * (await spark.sql("SELECT 1 AS x").schema()).fields[0]; // { name: "x", dataType: { kind: "integer" }, nullable: false }
   * ```
   */
  schema(options: { signal?: AbortSignal } = {}): Promise<StructType> {
    return runPromise(actions.schema(this.session, this.plan), options.signal);
  }

  /**
   * The result as Arrow record batches, fetched as you iterate: memory holds one batch
   * at a time, and leaving the loop early interrupts the query on the server.
   *
   * @example
   * ```ts
   * for await (const batch of spark.range(100_000_000).batches()) total += batch.numRows;
   * ```
   */
  batches(options: ActionOptions = {}): AsyncIterable<RecordBatch> {
    return Stream.toAsyncIterable(abortable(actions.batches(this.session, this.plan, exec(options)), options.signal));
  }

  /**
   * Iterates the rows, converted batch by batch as they arrive (see `batches()`).
   *
   * @example
   * ```ts
   * for await (const row of spark.sql("SELECT * FROM events")) console.log(row);
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncIterator<Row> {
    for await (const batch of this.batches()) yield* tableToRows<Row>(batch, this.rowDefaults);
  }
}

/** A stream that fails with InterruptedError (interrupting the query) when the signal aborts. */
function abortable<A, E>(stream: Stream.Stream<A, E>, signal: AbortSignal | undefined): Stream.Stream<A, E | InterruptedError> {
  if (signal === undefined) return stream;
  const aborted = Effect.callback<never, InterruptedError>((resume) => {
    const fail = () => resume(Effect.fail(new InterruptedError({ message: "The query was interrupted by its AbortSignal." })));
    if (signal.aborted) return fail();
    signal.addEventListener("abort", fail, { once: true });
    return Effect.sync(() => signal.removeEventListener("abort", fail));
  });
  return Stream.interruptWhen(stream, aborted);
}
