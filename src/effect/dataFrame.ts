/**
 * The DataFrame's actions as Effects: the same operations as its Promise methods, with
 * failures in the typed error channel and interruption stopping the query on the server.
 * Each takes the DataFrame first; the common ones also have a data-last form for `pipe`.
 */
import * as Effect from "effect/Effect";
import * as Queue from "effect/Queue";
import * as Stream from "effect/Stream";
import { dual } from "effect/Function";
import type { RecordBatch, Table } from "apache-arrow";
import type { RowOptions } from "../../runtime/arrow/rows.js";
import type { SparkConnectFailure } from "../../runtime/errors.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import type { Progress } from "../../runtime/Results.js";
import { DataFrame } from "../DataFrame.js";
import type { ResultLimits } from "../ResultLimits.js";
import { type ActionOptions, type CallOptions, execOptions, type OperationOptions, whenAborted } from "../internal/ops/action.js";
import * as analyze from "../internal/ops/analyze.js";
import * as exec from "../internal/ops/execute.js";
import { op, typedStream } from "../internal/ops/typed.js";
import { createView } from "../internal/ops/views.js";
import { int } from "../internal/args.js";
import { LimitNode } from "../plan/LimitNode.js";
import type { PlanNode } from "../plan/PlanNode.js";
import { ShowStringNode } from "../plan/ShowStringNode.js";
import { TailNode } from "../plan/TailNode.js";
import { checkpoint as checkpointOp } from "../internal/ops/checkpoint.js";
import { simpleString, type StructType } from "../types/DataType.js";
import type { ArrowTypeMap } from "../types/arrowTypes.js";
import { storageLevel as storageLevelOf, type StorageLevelInfo, type StorageLevelName } from "../types/StorageLevel.js";
import { DataFramePreview, previewFromArrow } from "../display/preview.js";
import * as S from "./stat.js";
import type { RenderOptions } from "../display/render.js";

/** Options of `collect()` and the actions built on it: execution, row conversion, guardrails. */
export interface CollectOptions extends ActionOptions, RowOptions, ResultLimits {}

/** Options of `toArrow()`: execution and guardrails. */
export interface ToArrowOptions extends ActionOptions, ResultLimits {}

const isDataFrame = (args: ArrayLike<unknown>) => args[0] instanceof DataFrame;

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

/**
 * Every row as a plain object (types per docs/types.md), within the collect guardrails.
 *
 * @example
 * ```ts
 * const rows = yield* Spark.collect(spark.range(3)); // [{ id: 0n }, { id: 1n }, { id: 2n }]
 * const same = yield* pipe(spark.range(3), Spark.collect());
 * ```
 */
export const collect: {
  (options?: CollectOptions): <Row>(df: DataFrame<Row>) => Eff<Row[]>;
  <Row>(df: DataFrame<Row>, options?: CollectOptions): Eff<Row[]>;
} = dual(isDataFrame, <Row>(df: DataFrame<Row>, options: CollectOptions = {}) => collectPlan<Row>("collect", df, () => df.plan, options));

/**
 * Collects a plan derived from `df` (a limit, a tail, a shown table) as one action of
 * `df`: its execution info is recorded on `df`.
 */
function collectPlan<R>(name: string, df: DataFrame<unknown>, plan: () => PlanNode, options: CollectOptions = {}): Eff<R[]> {
  return op(name, options, () => Effect.flatMap(execOptions(options), (o) => exec.collect<R>(df.handle, plan(), { ...options, ...o }, df.recordExecution)));
}

/**
 * The result as an apache-arrow Table (batches as received), within the toArrow guardrails.
 *
 * @example
 * ```ts
 * const table = yield* Spark.toArrow(spark.range(10)); // table.numRows === 10
 * ```
 */
export const toArrow: {
  (options?: ToArrowOptions): <Row>(df: DataFrame<Row>) => Eff<Table<ArrowTypeMap<Row>>>;
  <Row>(df: DataFrame<Row>, options?: ToArrowOptions): Eff<Table<ArrowTypeMap<Row>>>;
} = dual(isDataFrame, <Row>(df: DataFrame<Row>, options: ToArrowOptions = {}) =>
  op("toArrow", options, () =>
    // The batches are Spark's answer for this plan: their schema is the row type's.
    Effect.flatMap(execOptions(options), (o) => exec.toArrow(df.handle, df.plan, { ...options, ...o }, df.recordExecution)),
  ) as Eff<Table<ArrowTypeMap<Row>>>,
);

/**
 * The number of rows, counted by Spark.
 *
 * @example
 * ```ts
 * const n = yield* Spark.count(spark.range(1000)); // 1000
 * ```
 */
export const count: {
  (options?: ActionOptions): <Row>(df: DataFrame<Row>) => Eff<number>;
  <Row>(df: DataFrame<Row>, options?: ActionOptions): Eff<number>;
} = dual(isDataFrame, <Row>(df: DataFrame<Row>, options: ActionOptions = {}) =>
  op("count", options, () => Effect.flatMap(execOptions(options), (o) => exec.count(df.handle, df.plan, o, df.recordExecution))),
);

/**
 * The first `n` rows.
 *
 * @example
 * ```ts
 * const top = yield* Spark.take(df, 5);
 * ```
 */
export const take: {
  (n: number, options?: CollectOptions): <Row>(df: DataFrame<Row>) => Eff<Row[]>;
  <Row>(df: DataFrame<Row>, n: number, options?: CollectOptions): Eff<Row[]>;
} = dual(isDataFrame, <Row>(df: DataFrame<Row>, n: number, options: CollectOptions = {}) =>
  collectPlan<Row>("take", df, () => LimitNode.create(df.plan, int("take", "n", n)), options),
);

/**
 * The first `n` rows (default 1).
 *
 * @example
 * ```ts
 * yield* Spark.head(df, 3);
 * ```
 */
export const head = <Row>(df: DataFrame<Row>, n = 1, options?: CollectOptions): Eff<Row[]> => take(df, n, options);

/**
 * The first row, or undefined for an empty result.
 *
 * @example
 * ```ts
 * const row = yield* Spark.first(df);
 * ```
 */
export const first: {
  (options?: CollectOptions): <Row>(df: DataFrame<Row>) => Eff<Row | undefined>;
  <Row>(df: DataFrame<Row>, options?: CollectOptions): Eff<Row | undefined>;
} = dual(isDataFrame, <Row>(df: DataFrame<Row>, options?: CollectOptions) => Effect.map(take(df, 1, options), (rows) => rows[0]));

/**
 * The last `n` rows (the whole result passes through the driver).
 *
 * @example
 * ```ts
 * yield* Spark.tail(df.orderBy("ts"), 3);
 * ```
 */
export const tail = <Row>(df: DataFrame<Row>, n: number, options?: CollectOptions): Eff<Row[]> =>
  collectPlan<Row>("tail", df, () => TailNode.create(df.plan, int("tail", "n", n)), options);

/**
 * Whether the result has no rows.
 *
 * @example
 * ```ts
 * const empty = yield* Spark.isEmpty(df.filter("amount < 0"));
 * ```
 */
export const isEmpty = <Row>(df: DataFrame<Row>, options: ActionOptions = {}): Eff<boolean> =>
  op("isEmpty", options, () =>
    Effect.flatMap(execOptions(options), (o) => exec.count(df.handle, LimitNode.create(df.plan, 1), o, df.recordExecution)),
  ).pipe(Effect.map((n) => n === 0));

/** Options of `showString()`/`show()`: rows, cell width, layout, and the action's options. */
export interface ShowOptions extends ActionOptions {
  /** Rows to show (default 20). */
  readonly n?: number;
  /** Cut cells to this many characters: `true` = 20 (default), `false` = no cut. */
  readonly truncate?: boolean | number;
  /** One line per column instead of a table. */
  readonly vertical?: boolean;
}

/**
 * Spark's text table of the first rows, as `show()` prints it.
 *
 * @example
 * ```ts
 * const text = yield* Spark.showString(df, { n: 5 });
 * ```
 */
export const showString = <Row>(df: DataFrame<Row>, options: ShowOptions = {}): Eff<string> =>
  collectPlan<{ show_string: string }>("showString", df, () => {
    const { n = 20, truncate = true, vertical = false } = options;
    const width = truncate === true ? 20 : truncate === false ? 0 : int("show", "truncate", truncate);
    return ShowStringNode.create(df.plan, int("show", "n", n), width, vertical);
  }, options).pipe(Effect.map((rows) => rows[0]?.show_string ?? ""));

/**
 * Prints the first rows as a table on standard output.
 *
 * @example
 * ```ts
 * yield* Spark.show(df);
 * ```
 */
export const show = <Row>(df: DataFrame<Row>, options?: ShowOptions): Eff<void> =>
  Effect.flatMap(showString(df, options), (text) => Effect.sync(() => void process.stdout.write(text)));

/**
 * The result's schema, computed by the server without running the query.
 *
 * @example
 * ```ts
 * const schema = yield* Spark.schema(spark.sql("SELECT 1 AS x"));
 * ```
 */
export const schema = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<StructType> =>
  op("schema", options, () => analyze.schema(df.handle, df.plan));

/**
 * The column names, in order.
 *
 * @example
 * ```ts
 * yield* Spark.columns(df); // ["a", "b"]
 * ```
 */
export const columns = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<string[]> =>
  Effect.map(schema(df, options), (s) => s.fields.map((f) => f.name));

/**
 * Column names with Spark's short type names.
 *
 * @example
 * ```ts
 * yield* Spark.dtypes(df); // [["a", "int"]]
 * ```
 */
export const dtypes = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<[string, string][]> =>
  Effect.map(schema(df, options), (s) => s.fields.map((f): [string, string] => [f.name, simpleString(f.dataType)]));

/**
 * The schema as Spark's tree text.
 *
 * @example
 * ```ts
 * yield* Spark.treeString(df);
 * ```
 */
export const treeString = <Row>(df: DataFrame<Row>, level?: number, options?: CallOptions): Eff<string> =>
  op("treeString", options, () => analyze.askPlan(df.handle, df.plan, "treeString", level === undefined ? {} : { level: int("treeString", "level", level) }));

/**
 * Prints the schema tree on standard output.
 *
 * @example
 * ```ts
 * yield* Spark.printSchema(df);
 * ```
 */
export const printSchema = <Row>(df: DataFrame<Row>, level?: number, options?: CallOptions): Eff<void> =>
  Effect.flatMap(treeString(df, level, options), (text) => Effect.sync(() => void process.stdout.write(text)));

/** The modes of `explain()`. */
export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";
const EXPLAIN_MODES: Record<ExplainMode, number> = { simple: 1, extended: 2, codegen: 3, cost: 4, formatted: 5 };

/**
 * The query plan as Spark explains it.
 *
 * @example
 * ```ts
 * const plan = yield* Spark.explain(df, "formatted");
 * ```
 */
export const explain = <Row>(df: DataFrame<Row>, mode: ExplainMode | boolean = "simple", options?: CallOptions): Eff<string> =>
  op("explain", options, () => {
    const m = mode === true ? "extended" : mode === false ? "simple" : mode;
    if (!Object.hasOwn(EXPLAIN_MODES, m)) {
      throw new InvalidPlanError({ message: `explain(): mode must be simple, extended, codegen, cost or formatted (got ${String(mode)}).` });
    }
    return analyze.askPlan(df.handle, df.plan, "explain", { explainMode: EXPLAIN_MODES[m] });
  });

/** Whether collect() and take() can run locally without executors. @example yield* Spark.isLocal(df) */
export const isLocal = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<boolean> =>
  op("isLocal", options, () => analyze.askPlan(df.handle, df.plan, "isLocal", {}));

/** Whether the DataFrame reads a stream. @example yield* Spark.isStreaming(df) */
export const isStreaming = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<boolean> =>
  op("isStreaming", options, () => analyze.askPlan(df.handle, df.plan, "isStreaming", {}));

/** The files the DataFrame reads (best effort). @example yield* Spark.inputFiles(df) */
export const inputFiles = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<string[]> =>
  op("inputFiles", options, () => analyze.askPlan(df.handle, df.plan, "inputFiles", {}));

/** A hash of the plan's meaning. @example yield* Spark.semanticHash(df) */
export const semanticHash = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<number> =>
  op("semanticHash", options, () => analyze.askPlan(df.handle, df.plan, "semanticHash", {}));

/** Whether two DataFrames compute the same thing. @example yield* Spark.sameSemantics(a, b) */
export const sameSemantics = <Row>(df: DataFrame<Row>, other: DataFrame<unknown>, options?: CallOptions): Eff<boolean> =>
  op("sameSemantics", options, () => {
    if (!(other instanceof DataFrame) || other.handle !== df.handle) {
      throw new InvalidPlanError({ message: "sameSemantics(): give a DataFrame of the same session." });
    }
    return analyze.sameSemantics(df.handle, df.plan, other.plan);
  });

/**
 * Caches the result with a storage level (default MEMORY_AND_DISK_DESER, as PySpark's) for later actions.
 *
 * @example
 * ```ts
 * yield* Spark.persist(df, "MEMORY_ONLY");
 * ```
 */
export const persist = <Row>(df: DataFrame<Row>, level: StorageLevelName = "MEMORY_AND_DISK_DESER", options?: CallOptions): Eff<DataFrame<Row>> =>
  op("persist", options, () => Effect.as(analyze.persist(df.handle, df.plan, storageLevelOf("persist", level)), df));

/** Caches the result in memory and on disk. @example yield* Spark.cache(df) */
export const cache = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<DataFrame<Row>> => persist(df, "MEMORY_AND_DISK_DESER", options);

/** A checkpoint as an operation: a DataFrame over the relation the server keeps for the result. */
function runCheckpoint<Row>(
  name: string,
  df: DataFrame<Row>,
  local: boolean,
  eager: boolean,
  level: StorageLevelName | undefined,
  options: OperationOptions | undefined,
): Eff<DataFrame<Row>> {
  return op(name, options, () => {
    if (typeof eager !== "boolean") throw new InvalidPlanError({ message: `${name}(): eager must be a boolean (got ${typeof eager}).` });
    const storageLevel = level === undefined ? undefined : storageLevelOf(name, level);
    return Effect.flatMap(execOptions(options), (o) =>
      Effect.map(checkpointOp(df.handle, df.plan, { local, eager, storageLevel }, o, df.recordExecution), (node) => df.withPlan<Row>(node)),
    );
  });
}

/**
 * Checkpoints the result into the checkpoint directory and gives a DataFrame reading it.
 *
 * @example
 * ```ts
 * const cut = yield* Spark.checkpoint(df);
 * ```
 */
export const checkpoint = <Row>(df: DataFrame<Row>, eager = true, options?: OperationOptions): Eff<DataFrame<Row>> =>
  runCheckpoint("checkpoint", df, false, eager, undefined, options);

/**
 * Checkpoints the result in the executors' storage and gives a DataFrame reading it.
 *
 * @example
 * ```ts
 * const cut = yield* Spark.localCheckpoint(df, true, "MEMORY_ONLY");
 * ```
 */
export const localCheckpoint = <Row>(df: DataFrame<Row>, eager = true, storageLevel?: StorageLevelName, options?: OperationOptions): Eff<DataFrame<Row>> =>
  runCheckpoint("localCheckpoint", df, true, eager, storageLevel, options);

/** Drops the cached result. @example yield* Spark.unpersist(df) */
export const unpersist = <Row>(df: DataFrame<Row>, blocking = false, options?: CallOptions): Eff<DataFrame<Row>> =>
  op("unpersist", options, () => Effect.as(analyze.unpersist(df.handle, df.plan, blocking === true), df));

/** The storage level the DataFrame is cached with. @example (yield* Spark.storageLevel(df)).useMemory */
export const storageLevel = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<StorageLevelInfo> =>
  op("storageLevel", options, () => analyze.storageLevel(df.handle, df.plan));

/** Whether the DataFrame is cached: its storage level is not NONE (PySpark's is_cached). @example yield* Spark.isCached(df) */
export const isCached = <Row>(df: DataFrame<Row>, options?: CallOptions): Eff<boolean> =>
  op("isCached", options, () =>
    Effect.map(analyze.storageLevel(df.handle, df.plan), (l) => l.useDisk || l.useMemory || l.useOffHeap || l.replication !== 1 || l.deserialized),
  );

/** Registers a temporary view, replacing one of the same name. @example yield* Spark.createOrReplaceTempView(df, "orders") */
export const createOrReplaceTempView = <Row>(df: DataFrame<Row>, name: string, options?: OperationOptions): Eff<void> =>
  op("createOrReplaceTempView", options, () => createView(df.handle, df.plan, name, { global: false, replace: true }, options));

/** Registers a temporary view; fails if it exists. @example yield* Spark.createTempView(df, "orders") */
export const createTempView = <Row>(df: DataFrame<Row>, name: string, options?: OperationOptions): Eff<void> =>
  op("createTempView", options, () => createView(df.handle, df.plan, name, { global: false, replace: false }, options));

/** Registers a global temporary view, replacing one of the same name. @example yield* Spark.createOrReplaceGlobalTempView(df, "v") */
export const createOrReplaceGlobalTempView = <Row>(df: DataFrame<Row>, name: string, options?: OperationOptions): Eff<void> =>
  op("createOrReplaceGlobalTempView", options, () => createView(df.handle, df.plan, name, { global: true, replace: true }, options));

/** Registers a global temporary view; fails if it exists. @example yield* Spark.createGlobalTempView(df, "v") */
export const createGlobalTempView = <Row>(df: DataFrame<Row>, name: string, options?: OperationOptions): Eff<void> =>
  op("createGlobalTempView", options, () => createView(df.handle, df.plan, name, { global: true, replace: false }, options));

/**
 * The result as a Stream of Arrow record batches, pulled with backpressure; interrupting
 * the stream interrupts the query on the server.
 *
 * @example
 * ```ts
 * yield* Stream.runForEach(Spark.batches(spark.range(1e8)), (b) => Effect.log(b.numRows));
 * ```
 */
export const batches = <Row>(df: DataFrame<Row>, options: ActionOptions = {}): Stream.Stream<RecordBatch<ArrowTypeMap<Row>>, SparkConnectFailure> =>
  typedStream<RecordBatch<ArrowTypeMap<Row>>, never>(
    Stream.unwrap(
      Effect.map(execOptions(options), (o) => {
        const s = exec.batches(df.handle, df.plan, o, df.recordExecution);
        return options.signal === undefined ? s : Stream.interruptWhen(s, whenAborted(options.signal, "The query"));
      }),
    ).pipe(Stream.withSpan("spark.batches")),
  );

/**
 * The result as a Stream of rows, converted batch by batch.
 *
 * @example
 * ```ts
 * const firstRow = yield* Stream.runHead(Spark.rows(spark.range(10)));
 * ```
 */
export const rows = <Row>(df: DataFrame<Row>, options: ActionOptions & RowOptions = {}): Stream.Stream<Row, SparkConnectFailure> =>
  Stream.flatMap(batches(df, options), (b) =>
    Stream.fromIterableEffect(exec.rowsOf<Row>(b, { ...df.handle.rows, ...pickRowOptions(options) }) as Eff<Row[]>),
  );

function pickRowOptions(o: RowOptions): RowOptions {
  return { ...(o.longs ? { longs: o.longs } : {}), ...(o.decimals ? { decimals: o.decimals } : {}) };
}

/**
 * The query's progress reports (stages, tasks, bytes read) as a Stream that ends when
 * the query does; the result itself is drained.
 *
 * @example
 * ```ts
 * yield* Stream.runForEach(Spark.progress(df), (p) => Effect.log(p.stages));
 * ```
 */
export const progress = <Row>(df: DataFrame<Row>, options: OperationOptions = {}): Stream.Stream<Progress, SparkConnectFailure> =>
  Stream.callback<Progress, SparkConnectFailure>((queue) =>
    Effect.asVoid(
      Effect.forkScoped(
        Stream.runDrain(batches(df, { ...options, onProgress: (p) => Queue.offerUnsafe(queue, p) })).pipe(
          Effect.matchEffect({ onFailure: (e) => Queue.fail(queue, e), onSuccess: () => Queue.end(queue) }),
        ),
      ),
    ),
  );

/** Options of `display()` and `toHTML()`: how many rows, how cells are cut, whether to add the plan. */
export interface DisplayOptions extends ActionOptions, RenderOptions {
  /** Rows to show (default 20, at most 10,000); one more is fetched to tell whether there are more. */
  readonly rows?: number;
  /** Adds the plan as Spark explains it: `true` for the `"formatted"` mode, or a mode. */
  readonly explain?: boolean | ExplainMode;
}

/**
 * A preview of the result for notebooks and terminals: the schema, the first rows (20 by
 * default, fetched with one query bounded by a limit) and, with `explain`, the plan. The
 * preview shows itself as HTML in Jupyter kernels (see docs/notebooks.md) and as a text
 * table in terminals.
 *
 * @example
 * ```ts
 * const preview = yield* Spark.display(df, { rows: 10, explain: true });
 * preview.html; // "<div class=\"sct-df\">..."
 * ```
 */
export const display = <Row>(df: DataFrame<Row>, options: DisplayOptions = {}): Eff<DataFramePreview> => {
  const { rows, truncate, explain: mode, signal, timeout, ...action } = options;
  // The signal, the timeout and the progress bar cover the whole preview; the query gets the rest.
  const whole: ActionOptions = { signal, timeout, progress: action.progress };
  return op("display", whole, () => {
    const n = int("display", "rows", rows ?? 20, 0, 10_000);
    const render = truncate === undefined ? {} : { truncate: int("display", "truncate", truncate, 4, 1_000_000) };
    const fetch = Effect.flatMap(execOptions({ ...action, progress: undefined }), (o) =>
      exec.toArrow(df.handle, LimitNode.create(df.plan, n + 1), o, df.recordExecution),
    );
    const plan = mode === undefined || mode === false ? Effect.succeed(undefined) : explain(df, mode === true ? "formatted" : mode);
    return Effect.map(Effect.all([schema(df), fetch, plan], { concurrency: "unbounded" }), ([s, table, text]) =>
      new DataFramePreview(previewFromArrow(s, table, n, text), render),
    );
  });
};

/**
 * The HTML of `display()`'s preview: for notebooks that take HTML from the user, such as
 * tslab's `tslab.display.html(...)`.
 *
 * @example
 * ```ts
 * const html = yield* Spark.toHTML(df, { rows: 5 });
 * ```
 */
export const toHTML = <Row>(df: DataFrame<Row>, options?: DisplayOptions): Eff<string> => Effect.map(display(df, options), (p) => p.html);

/** The parameters of a stat effect after its DataFrameStatFunctions argument. */
type StatArgs<F extends (...args: never[]) => unknown> = Parameters<F> extends [unknown, ...infer Rest] ? Rest : never;

/**
 * Same as `Spark.stat.corr(df.stat, ...)`: the correlation of two numeric columns.
 *
 * @example
 * ```ts
 * const r = yield* Spark.corr(df, "a", "b");
 * ```
 */
export const corr = <Row>(df: DataFrame<Row>, ...args: StatArgs<typeof S.corr>): ReturnType<typeof S.corr> =>
  (S.corr as (...a: unknown[]) => ReturnType<typeof S.corr>)(df.stat, ...args);

/**
 * Same as `Spark.stat.cov(df.stat, ...)`: the sample covariance of two numeric columns.
 *
 * @example
 * ```ts
 * const c = yield* Spark.cov(df, "a", "b");
 * ```
 */
export const cov = <Row>(df: DataFrame<Row>, ...args: StatArgs<typeof S.cov>): ReturnType<typeof S.cov> =>
  (S.cov as (...a: unknown[]) => ReturnType<typeof S.cov>)(df.stat, ...args);

/**
 * Same as `Spark.stat.approxQuantile(df.stat, ...)`: approximate quantiles of numeric columns.
 *
 * @example
 * ```ts
 * const [[p50, p90]] = yield* Spark.approxQuantile(df, ["latency"], [0.5, 0.9], 0.01);
 * ```
 */
export const approxQuantile = <Row>(df: DataFrame<Row>, ...args: StatArgs<typeof S.approxQuantile>): ReturnType<typeof S.approxQuantile> =>
  (S.approxQuantile as (...a: unknown[]) => ReturnType<typeof S.approxQuantile>)(df.stat, ...args);
