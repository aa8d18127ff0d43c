import { Effect, Stream } from "effect";
import { type RecordBatch, Table } from "apache-arrow";
import { encodePlan } from "../plan/encodeRelation.js";
import type { PlanNode } from "../plan/PlanNode.js";
import { AggregateNode } from "../plan/AggregateNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LiteralNode } from "../expr/LiteralNode.js";
import { AliasNode } from "../expr/AliasNode.js";
import { dataTypeFromProto, type StructType } from "../types/DataType.js";
import type { Session } from "../../runtime/Session.js";
import type { ExecuteOptions } from "../../runtime/Execute.js";
import { arrowBatches, type ProgressListener } from "../../runtime/Results.js";
import { tableToRows, type RowOptions } from "../../runtime/arrow/rows.js";
import { ProtocolError, type SparkConnectError } from "../../runtime/errors.js";

/** Options of one query execution. */
export interface ExecOptions extends ExecuteOptions {
  /** Called with each progress report the server sends while the query runs. */
  readonly onProgress?: ProgressListener;
}

/** The Arrow record batches of a plan's result, streamed with backpressure. */
export function batches(session: Session, plan: PlanNode, options: ExecOptions = {}): Stream.Stream<RecordBatch, SparkConnectError> {
  return Stream.suspend(() => arrowBatches(session.execute(encodePlan(plan), options), options.onProgress));
}

/** The whole result as one Arrow table (the batches as they came, not copied). */
export function toArrow(session: Session, plan: PlanNode, options: ExecOptions = {}): Effect.Effect<Table, SparkConnectError> {
  return Effect.map(Stream.runCollect(batches(session, plan, options)), (bs) => new Table(bs));
}

/** The whole result as plain JS rows. */
export function collect<Row>(
  session: Session,
  plan: PlanNode,
  options: RowOptions & ExecOptions = {},
): Effect.Effect<Row[], SparkConnectError> {
  return Effect.map(Stream.runCollect(batches(session, plan, options)), (bs) => {
    const out: Row[] = [];
    for (const b of bs) for (const r of tableToRows<Row>(b, options)) out.push(r);
    return out;
  });
}

/** Number of rows: `count(1)` over the plan, computed by Spark. */
export function count(session: Session, plan: PlanNode, options: ExecOptions = {}): Effect.Effect<number, SparkConnectError> {
  const agg = AggregateNode.create(plan, [], [AliasNode.create(FunctionCallNode.create("count", [LiteralNode.create(1)]), "count")]);
  return Effect.flatMap(collect<{ count: bigint }>(session, agg, options), (rows) => {
    const n = rows[0]?.count;
    if (typeof n !== "bigint") {
      return Effect.fail(new ProtocolError({ message: "count() returned no row; the server's answer was not understood." }));
    }
    return Effect.succeed(Number(n));
  });
}

/** The plan's schema, from AnalyzePlan (nothing is executed). */
export function schema(session: Session, plan: PlanNode): Effect.Effect<StructType, SparkConnectError> {
  return Effect.flatMap(session.analyze({ analyze: { case: "schema", value: { plan: encodePlan(plan) } } }), (res) => {
    const dt = res.result.case === "schema" ? dataTypeFromProto(res.result.value.schema) : undefined;
    return dt?.kind === "struct"
      ? Effect.succeed(dt)
      : Effect.fail(new ProtocolError({ message: `AnalyzePlan(schema) returned ${dt?.kind ?? "nothing"} instead of a struct.` }));
  });
}

/** The server's Spark version, from AnalyzePlan. */
export function sparkVersion(session: Session): Effect.Effect<string, SparkConnectError> {
  return Effect.flatMap(session.analyze({ analyze: { case: "sparkVersion", value: {} } }), (res) =>
    res.result.case === "sparkVersion"
      ? Effect.succeed(res.result.value.version)
      : Effect.fail(new ProtocolError({ message: "AnalyzePlan(spark_version) returned no version." })),
  );
}
