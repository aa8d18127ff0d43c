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
import { ProtocolError, ResultLimitError, type SparkConnectError } from "../../runtime/errors.js";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { type AnalyzePlanResponse, type ExecutePlanResponse, PlanSchema } from "../../generated/spark/connect/base_pb.js";

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

/** Guardrails of collect(): it fails instead of holding more than this in memory. */
export interface ResultLimits {
  /** Most rows collect() accepts (default: no limit). */
  readonly maxRows?: number;
  /** Most bytes of Arrow data collect() accepts (default: no limit). */
  readonly maxBytes?: number;
}

/** The whole result as plain JS rows, within the limits: past one, the query is stopped. */
export function collect<Row>(
  session: Session,
  plan: PlanNode,
  options: RowOptions & ResultLimits & ExecOptions = {},
): Effect.Effect<Row[], SparkConnectError> {
  return Effect.suspend(() => {
    const out: Row[] = [];
    let bytes = 0;
    const { maxRows = Infinity, maxBytes = Infinity } = options;
    return Effect.as(
      Stream.runForEach(batches(session, plan, options), (b) => {
        bytes += b.data.byteLength;
        if (out.length + b.numRows > maxRows || bytes > maxBytes) {
          const what = out.length + b.numRows > maxRows ? `${maxRows} rows (maxRows)` : `${maxBytes} bytes (maxBytes)`;
          return Effect.fail(
            new ResultLimitError({
              message:
                `collect() stopped: the result is larger than ${what}, so the query was interrupted. Iterate it with ` +
                `for await (df.batches() or the DataFrame itself), fetch it with toArrow(), add a limit(), or raise the limit.`,
            }),
          );
        }
        for (const r of tableToRows<Row>(b, options)) out.push(r);
        return Effect.void;
      }),
      out,
    );
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

/** An AnalyzePlan request about one plan; `pick` reads the answer. */
export function analyzePlan<A>(
  session: Session,
  plan: PlanNode,
  kind: "explain" | "treeString" | "isLocal" | "isStreaming" | "inputFiles" | "semanticHash" | "getStorageLevel",
  extra: Record<string, unknown>,
  pick: (result: AnalyzePlanResponse["result"]) => A | undefined,
): Effect.Effect<A, SparkConnectError> {
  return Effect.flatMap(
    session.analyze({ analyze: { case: kind, value: { plan: encodePlan(plan), ...extra } } as never }),
    (res) => {
      const out = pick(res.result);
      return out === undefined
        ? Effect.fail(new ProtocolError({ message: `AnalyzePlan(${kind}) returned ${res.result.case ?? "nothing"}.` }))
        : Effect.succeed(out);
    },
  );
}

/** Runs a command plan (a write, a view) and drains its responses. */
export function command(
  session: Session,
  command: MessageInitShape<typeof PlanSchema>["opType"],
): Effect.Effect<ExecutePlanResponse[], SparkConnectError> {
  return Stream.runCollect(session.execute(create(PlanSchema, { opType: command })));
}
