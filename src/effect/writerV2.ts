/**
 * The writes of `df.writeTo(table)` (Spark's V2 write path) as Effects, with failures in
 * the typed error channel; interrupting one stops the write on the server.
 */
import type * as Effect from "effect/Effect";
import { WriteOperationV2_Mode } from "../../generated/spark/connect/commands_pb.js";
import type { SparkConnectFailure } from "../../runtime/errors.js";
import type { Column } from "../Column.js";
import type { DataFrameWriterV2 } from "../DataFrameWriterV2.js";
import type { OperationOptions } from "../internal/ops/action.js";
import { runWrite } from "./writer.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

const v2 = (name: string, w: DataFrameWriterV2, mode: WriteOperationV2_Mode, options: OperationOptions | undefined, condition?: () => Column | string) =>
  runWrite(name, w.df.handle, options, () => w.command(mode, condition?.()), w.df.recordExecution);

/** Creates the table from the DataFrame; fails if it exists. @example yield* Spark.writeTo.create(df.writeTo("t").using("parquet")) */
export const create = (w: DataFrameWriterV2, options?: OperationOptions): Eff<void> => v2("create", w, WriteOperationV2_Mode.CREATE, options);
/** Replaces the table's definition and data. @example yield* Spark.writeTo.replace(df.writeTo("t")) */
export const replace = (w: DataFrameWriterV2, options?: OperationOptions): Eff<void> => v2("replace", w, WriteOperationV2_Mode.REPLACE, options);
/** Creates the table or replaces it. @example yield* Spark.writeTo.createOrReplace(df.writeTo("t")) */
export const createOrReplace = (w: DataFrameWriterV2, options?: OperationOptions): Eff<void> =>
  v2("createOrReplace", w, WriteOperationV2_Mode.CREATE_OR_REPLACE, options);
/** Appends the rows to the table. @example yield* Spark.writeTo.append(df.writeTo("t")) */
export const append = (w: DataFrameWriterV2, options?: OperationOptions): Eff<void> => v2("append", w, WriteOperationV2_Mode.APPEND, options);
/** Replaces the rows matching `condition`. @example yield* Spark.writeTo.overwrite(df.writeTo("t"), "day = '2024-01-01'") */
export const overwrite = (w: DataFrameWriterV2, condition: Column | string, options?: OperationOptions): Eff<void> =>
  v2("overwrite", w, WriteOperationV2_Mode.OVERWRITE, options, () => condition);
/** Replaces every partition the DataFrame has rows for. @example yield* Spark.writeTo.overwritePartitions(df.writeTo("t")) */
export const overwritePartitions = (w: DataFrameWriterV2, options?: OperationOptions): Eff<void> =>
  v2("overwritePartitions", w, WriteOperationV2_Mode.OVERWRITE_PARTITIONS, options);
