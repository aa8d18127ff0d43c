import { create, type MessageInitShape } from "@bufbuild/protobuf";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { PlanSchema } from "../../../generated/spark/connect/base_pb.js";
import type { CatalogSchema } from "../../../generated/spark/connect/catalog_pb.js";
import { ProtocolError, type SparkConnectError } from "../../../runtime/errors.js";
import { arrowBatches } from "../../../runtime/Results.js";
import type { SessionHandle } from "../handle.js";
import type { ExecOptions } from "./action.js";
import { responses, rowsOf } from "./execute.js";

/** One catalog call (a `catalog` relation of the protocol). */
export type CatalogCall = MessageInitShape<typeof CatalogSchema>["catType"];

/** Runs one catalog relation and returns its rows. */
export function catalogRows<Row>(handle: SessionHandle, catType: CatalogCall, options: ExecOptions = {}): Effect.Effect<Row[], SparkConnectError> {
  const plan = Effect.sync(() => create(PlanSchema, { opType: { case: "root", value: { relType: { case: "catalog", value: { catType } } } } }));
  return Effect.flatMap(Stream.runCollect(arrowBatches(responses(handle, plan, options))), (batches) =>
    Effect.map(Effect.forEach([...batches], (b) => rowsOf<Row>(b, {})), (parts) => parts.flat()),
  );
}

/** The single value of a one-row, one-column catalog answer, of the expected JS type. */
export function catalogValue<T>(
  handle: SessionHandle,
  catType: CatalogCall,
  check: (v: unknown) => v is T,
  options: ExecOptions = {},
): Effect.Effect<T, SparkConnectError> {
  return Effect.flatMap(catalogRows<Record<string, unknown>>(handle, catType, options), (rows) => {
    const v = rows.length === 1 ? Object.values(rows[0]!)[0] : undefined;
    return check(v)
      ? Effect.succeed(v)
      : Effect.fail(new ProtocolError({ message: `The catalog call ${catType?.case} returned ${rows.length} rows where one value was expected.` }));
  });
}

export const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
export const isString = (v: unknown): v is string => typeof v === "string";
