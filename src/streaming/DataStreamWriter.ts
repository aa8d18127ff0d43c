import { InvalidPlanError } from "../../runtime/errors.js";
import type { DataFrame } from "../DataFrame.js";
import { mergeOptions, type OptionValue } from "../DataFrameReader.js";
import * as E from "../effect/streaming.js";
import { str } from "../internal/args.js";
import type { OperationOptions } from "../internal/ops/action.js";
import type { StreamSpec } from "../internal/ops/streaming.js";
import { run } from "../internal/run.js";
import type { StreamingQuery } from "./StreamingQuery.js";

/** How each trigger writes: the whole result (complete), new rows (append), changed rows (update). */
export type OutputMode = "append" | "complete" | "update";

/**
 * When the query runs a batch: every `processingTime` (e.g. "10 seconds"), once over
 * what is available (`availableNow`, in several batches; `once`, in one), or continuously
 * with a checkpoint every `continuous` interval.
 */
export type Trigger =
  | { readonly processingTime: string }
  | { readonly availableNow: true }
  | { readonly once: true }
  | { readonly continuous: string };

/** The settings: what the start command sends, without its destination. */
type WriterState = Omit<StreamSpec, "destination" | "outputMode"> & { readonly outputMode: OutputMode | undefined };

const MODES: readonly string[] = ["append", "complete", "update"];

/**
 * Writes a streaming DataFrame: `df.writeStream`. Immutable: each setting returns a new
 * writer. `start()` or `toTable()` starts the query and resolves with its handle.
 *
 * @example
 * ```ts
 * const query = await spark.readStream.format("rate").load()
 *   .writeStream.format("parquet")
 *   .option("checkpointLocation", "/chk/rates")
 *   .trigger({ processingTime: "5 seconds" })
 *   .start("/data/rates");
 * ```
 */
export class DataStreamWriter {
  /** @internal */
  constructor(
    /** @internal */ readonly df: DataFrame<unknown>,
    private readonly state: WriterState = {
      format: undefined,
      options: Object.freeze({}),
      partitionBy: [],
      clusterBy: [],
      outputMode: undefined,
      queryName: undefined,
      trigger: undefined,
    },
  ) {}

  private with(change: Partial<WriterState>): DataStreamWriter {
    return new DataStreamWriter(this.df, { ...this.state, ...change });
  }

  /** @internal What the start command sends. */
  spec(): Omit<StreamSpec, "destination"> {
    return { ...this.state };
  }

  /** The sink: "parquet", "json", "csv", "orc", "text", "delta", "memory", "console", "noop", "kafka", ... @example df.writeStream.format("parquet") */
  format(source: string): DataStreamWriter {
    return this.with({ format: str("format", "source", source) });
  }

  /** How each trigger writes: "append" (new rows), "complete" (the whole result) or "update" (changed rows). @example df.writeStream.outputMode("complete") */
  outputMode(mode: OutputMode): DataStreamWriter {
    if (!MODES.includes(mode)) throw new InvalidPlanError({ message: `outputMode(): give "append", "complete" or "update" (got ${JSON.stringify(mode)}).` });
    return this.with({ outputMode: mode });
  }

  /**
   * When batches run: `{ processingTime: "10 seconds" }`, `{ availableNow: true }`,
   * `{ once: true }` or `{ continuous: "1 second" }`. Without it, the next batch starts
   * as soon as the previous one ends.
   *
   * @example
   * ```ts
   * df.writeStream.trigger({ availableNow: true });
   * ```
   */
  trigger(trigger: Trigger): DataStreamWriter {
    const t = trigger as Partial<Record<"processingTime" | "availableNow" | "once" | "continuous", unknown>>;
    const keys = typeof trigger === "object" && trigger !== null ? Object.keys(trigger) : [];
    if (keys.length === 1 && typeof t.processingTime === "string") return this.with({ trigger: { case: "processingTimeInterval", value: str("trigger", "processingTime", t.processingTime) } });
    if (keys.length === 1 && t.availableNow === true) return this.with({ trigger: { case: "availableNow", value: true } });
    if (keys.length === 1 && t.once === true) return this.with({ trigger: { case: "once", value: true } });
    if (keys.length === 1 && typeof t.continuous === "string") return this.with({ trigger: { case: "continuousCheckpointInterval", value: str("trigger", "continuous", t.continuous) } });
    throw new InvalidPlanError({
      message: 'trigger(): give one of { processingTime: "10 seconds" }, { availableNow: true }, { once: true }, { continuous: "1 second" }.',
    });
  }

  /** One sink option, e.g. "checkpointLocation", "path", "maxRecordsPerFile". @example df.writeStream.option("checkpointLocation", "/chk") */
  option(key: string, value: OptionValue): DataStreamWriter {
    return this.with({ options: mergeOptions("option", this.state.options, { [key]: value }) });
  }

  /** Several options; `undefined` values are skipped. @example df.writeStream.options({ checkpointLocation: "/chk" }) */
  options(options: Readonly<Record<string, OptionValue | undefined>>): DataStreamWriter {
    return this.with({ options: mergeOptions("options", this.state.options, options) });
  }

  /** Where the query keeps its progress (offsets, state) so a restart resumes exactly once. @example df.writeStream.checkpointLocation("/chk/orders") */
  checkpointLocation(path: string): DataStreamWriter {
    return this.option("checkpointLocation", str("checkpointLocation", "path", path));
  }

  /** Partitions the output by these columns. @example df.writeStream.partitionBy("date") */
  partitionBy(...columns: string[]): DataStreamWriter {
    return this.with({ partitionBy: columns.map((c, i) => str("partitionBy", `column ${i + 1}`, c)) });
  }

  /** Clusters the output table by these columns. @example df.writeStream.clusterBy("country") */
  clusterBy(...columns: string[]): DataStreamWriter {
    return this.with({ clusterBy: columns.map((c, i) => str("clusterBy", `column ${i + 1}`, c)) });
  }

  /** The query's name (also the table of the memory sink). @example df.writeStream.queryName("orders") */
  queryName(name: string): DataStreamWriter {
    return this.with({ queryName: str("queryName", "name", name) });
  }

  /**
   * Starts the query; file sinks and Delta write under `path`.
   *
   * @example
   * ```ts
   * const query = await df.writeStream.format("json").checkpointLocation("/chk").start("/out");
   * ```
   */
  start(path?: string, options?: OperationOptions): Promise<StreamingQuery> {
    return run(this.df.handle, () => E.start(this, path, options));
  }

  /** Starts the query writing into a table. @example await df.writeStream.checkpointLocation("/chk").toTable("events") */
  toTable(tableName: string, options?: OperationOptions): Promise<StreamingQuery> {
    return run(this.df.handle, () => E.toTable(this, tableName, options));
  }
}
