import type { MessageInitShape } from "@bufbuild/protobuf";
import { WriteOperationV2_Mode, type WriteOperationV2Schema } from "../generated/spark/connect/commands_pb.js";
import { InvalidPlanError } from "../runtime/errors.js";
import { Column, toColumnExpr } from "./Column.js";
import { mergeOptions, optionString, type OptionValue } from "./DataFrameReader.js";
import type { ExprNode } from "./expr/ExprNode.js";
import { SqlExprNode } from "./expr/SqlExprNode.js";
import type { PlanNode } from "./plan/PlanNode.js";
import type { PlanEncoder } from "./plan/encodeRelation.js";
import { list, str } from "./internal/args.js";
import type { SessionHandle } from "./internal/handle.js";
import type { ExecutionInfo } from "./internal/ops/executionInfo.js";
import type { OperationOptions } from "./internal/ops/action.js";
import type { CommandInit } from "./internal/ops/execute.js";
import { run } from "./internal/run.js";
import * as E from "./effect/writerV2.js";

interface WriterV2State {
  readonly provider: string | undefined;
  readonly options: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, string>>;
  readonly partitionedBy: readonly ExprNode[];
  readonly clusterBy: readonly string[];
}

/** The DataFrame being written (kept abstract to avoid an import cycle). */
interface Writable {
  readonly handle: SessionHandle;
  readonly plan: PlanNode;
  readonly recordExecution: (info: ExecutionInfo) => void;
}

/**
 * Writes a DataFrame to a catalog table through Spark's V2 write path: `df.writeTo(name)`.
 * Immutable: each setting returns a new writer; `create`, `replace`, `createOrReplace`,
 * `append`, `overwrite` and `overwritePartitions` run the write.
 *
 * @example
 * ```ts
 * await df.writeTo("sales.orders").using("parquet").partitionedBy("country").create();
 * await more.writeTo("sales.orders").append();
 * await fixes.writeTo("sales.orders").overwrite(col("day").eq("2024-01-01"));
 * ```
 */
export class DataFrameWriterV2 {
  /** @internal */
  constructor(
    /** @internal */ readonly df: Writable,
    private readonly table: string,
    private readonly state: WriterV2State = { provider: undefined, options: Object.freeze({}), properties: Object.freeze({}), partitionedBy: [], clusterBy: [] },
  ) {
    str("writeTo", "table", table);
  }

  private with(change: Partial<WriterV2State>): DataFrameWriterV2 {
    return new DataFrameWriterV2(this.df, this.table, { ...this.state, ...change });
  }

  /**
   * The table's provider (format) when the write creates it: `"parquet"`, `"orc"`,
   * `"json"`, `"delta"`, ...
   *
   * @example
   * ```ts
   * await df.writeTo("t").using("parquet").create();
   * ```
   */
  using(provider: string): DataFrameWriterV2 {
    return this.with({ provider: str("using", "provider", provider) });
  }

  /**
   * One write option.
   *
   * @example
   * ```ts
   * await df.writeTo("t").option("compression", "zstd").append();
   * ```
   */
  option(key: string, value: OptionValue): DataFrameWriterV2 {
    return this.with({ options: mergeOptions("option", this.state.options, { [key]: value }) });
  }

  /**
   * Several write options; `undefined` values are skipped.
   *
   * @example
   * ```ts
   * await df.writeTo("t").options({ compression: "zstd" }).append();
   * ```
   */
  options(options: Readonly<Record<string, OptionValue | undefined>>): DataFrameWriterV2 {
    return this.with({ options: mergeOptions("options", this.state.options, options) });
  }

  /**
   * A table property, set when the write creates or replaces the table.
   *
   * @example
   * ```ts
   * await df.writeTo("t").using("parquet").tableProperty("team", "data").create();
   * ```
   */
  tableProperty(key: string, value: OptionValue): DataFrameWriterV2 {
    return this.with({ properties: { ...this.state.properties, [key]: optionString("tableProperty", key, value) } });
  }

  /**
   * Partitions a table the write creates: by columns, or by transforms given as
   * Columns from the functions module (e.g. `years("ts")`, `bucket(8, "id")`).
   *
   * @example
   * ```ts
   * await df.writeTo("events").using("parquet").partitionedBy("country").create();
   * ```
   */
  partitionedBy(column: Column | string, ...columns: (Column | string)[]): DataFrameWriterV2 {
    return this.with({ partitionedBy: [column, ...columns].map(toColumnExpr) });
  }

  /**
   * Clustering columns of a table the write creates, for catalogs that support them.
   *
   * @example
   * ```ts
   * await df.writeTo("events").using("delta").clusterBy("country").create();
   * ```
   */
  clusterBy(...columns: (string | readonly string[])[]): DataFrameWriterV2 {
    return this.with({ clusterBy: list(columns).map((c) => str("clusterBy", "column", c)) });
  }

  /** @internal The write command in a mode (with the overwrite condition), encoded by the caller's encoder. */
  command(mode: WriteOperationV2_Mode, condition?: Column | string): (encoder: PlanEncoder) => CommandInit {
    const s = this.state;
    let cond: ExprNode | undefined;
    if (condition !== undefined) {
      if (!(condition instanceof Column) && (typeof condition !== "string" || condition.trim() === "")) {
        throw new InvalidPlanError({ message: 'overwrite(): give the condition of the rows to replace, as a Column (col("day").eq("2024-01-01")) or SQL text.' });
      }
      cond = condition instanceof Column ? condition.node : SqlExprNode.create(condition);
    }
    return (e) => ({
      commandType: {
        case: "writeOperationV2",
        value: {
          input: e.relation(this.df.plan),
          tableName: this.table,
          ...(s.provider !== undefined ? { provider: s.provider } : {}),
          partitioningColumns: s.partitionedBy.map((p) => e.expression(p)),
          options: { ...s.options },
          tableProperties: { ...s.properties },
          mode,
          ...(cond ? { overwriteCondition: e.expression(cond) } : {}),
          clusteringColumns: [...s.clusterBy],
        },
      },
    });
  }

  /**
   * Creates the table from the DataFrame; fails (AnalysisError) if it exists.
   *
   * @example
   * ```ts
   * await df.writeTo("sales.orders").using("parquet").create();
   * ```
   */
  create(options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.create(this, options));
  }

  /**
   * Replaces the table's definition and data; fails if it does not exist.
   *
   * @example
   * ```ts
   * await df.writeTo("sales.orders").using("parquet").replace();
   * ```
   */
  replace(options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.replace(this, options));
  }

  /**
   * Creates the table, or replaces it if it exists.
   *
   * @example
   * ```ts
   * await df.writeTo("sales.orders").using("parquet").createOrReplace();
   * ```
   */
  createOrReplace(options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.createOrReplace(this, options));
  }

  /**
   * Appends the rows to the existing table (columns matched by name).
   *
   * @example
   * ```ts
   * await df.writeTo("sales.orders").append();
   * ```
   */
  append(options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.append(this, options));
  }

  /**
   * Deletes the rows matching `condition` (a Column, or SQL text) and appends the
   * DataFrame's rows, atomically; for tables whose catalog supports it.
   *
   * @example
   * ```ts
   * await df.writeTo("events").overwrite(col("day").eq("2024-01-01"));
   * await df.writeTo("events").overwrite("day = '2024-01-01'");
   * ```
   */
  overwrite(condition: Column | string, options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.overwrite(this, condition, options));
  }

  /**
   * Replaces every partition the DataFrame has rows for (dynamic partition overwrite).
   *
   * @example
   * ```ts
   * await todays.writeTo("events").overwritePartitions();
   * ```
   */
  overwritePartitions(options?: OperationOptions): Promise<void> {
    return run(this.df.handle, () => E.overwritePartitions(this, options));
  }
}
